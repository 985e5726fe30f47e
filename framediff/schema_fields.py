"""Strict readers of the parts every saved file shares (a pair comparison and a story): spans checked
against their article's text, articles, word diffs, speakers and quotes, numbers that must be finite, and
sizes within bounds. Each raises `Bad` naming where the file breaks a rule."""
from __future__ import annotations

import math
from typing import Any

from .comparison import Article, DiffOp, Quote, Span, Speaker, SpeakerRef, Unit

MAX_TEXT = 50_000_000
MAX_ITEMS = 2_000_000
OPS = {"equal", "replace", "insert", "delete"}


class Bad(Exception):
    """A saved file breaks a rule; the reader turns it into one InputError line."""


def req(d: Any, key: str, typ: type | tuple, where: str) -> Any:
    if not isinstance(d, dict) or key not in d:
        raise Bad(f"{where} lacks {key!r}")
    v = d[key]
    if typ is int and isinstance(v, bool) or not isinstance(v, typ):
        raise Bad(f"{where}.{key} has the wrong type")
    if isinstance(v, (list, str)) and len(v) > (MAX_TEXT if isinstance(v, str) else MAX_ITEMS):
        raise Bad(f"{where}.{key} is absurdly large")
    return v


def num(d: Any, key: str, where: str, default: float | None = None) -> float:
    v = req(d, key, (int, float), where) if default is None or d.get(key) is not None else default
    if isinstance(v, bool) or not math.isfinite(v):
        raise Bad(f"{where}.{key} is not a finite number")
    return float(v)


def confidence(f: dict, where: str) -> float:
    c = num(f, "confidence", where, 1.0)
    if not 0.0 <= c <= 1.0:
        raise Bad(f"{where}.confidence is not between 0 and 1")
    return c


def opt(d: dict, key: str, typ: type | tuple, default: Any, where: str) -> Any:
    return req(d, key, typ, where) if d.get(key) is not None else default


def span(d: Any, text: str, where: str) -> Span:
    start, end = req(d, "start", int, where), req(d, "end", int, where)
    if not 0 <= start <= end <= len(text):
        raise Bad(f"{where} points outside its article ({start}..{end})")
    if "text" in d and d["text"] != text[start:end]:
        raise Bad(f"{where} text does not match its article")
    return Span(start, end, text[start:end])


def article(d: Any, i: int) -> Article:
    w = f"articles[{i}]"
    text = req(d, "text", str, w)
    units: list[Unit] = []
    for j, u in enumerate(req(d, "units", list, w)):
        sp = span(u, text, f"{w}.units[{j}]")
        if units and sp.start < units[-1].end:
            raise Bad(f"{w}.units[{j}] overlaps or comes before the unit ahead of it")
        units.append(Unit(req(u, "id", str, w), sp.start, sp.end, sp.text, opt(u, "paragraph", int, 0, w)))
    if len({u.id for u in units}) != len(units):
        raise Bad(f"{w} has two units with the same id")
    return Article(
        id=req(d, "id", str, w),
        source=req(d, "source", str, w),
        title=req(d, "title", str, w),
        outlet=req(d, "outlet", str, w),
        date=req(d, "date", str, w),
        language=req(d, "language", str, w),
        text=text,
        units=units,
        author=opt(d, "author", str, "", w),
    )


def diff(ops: Any, ta: str, tb: str, where: str) -> list[DiffOp]:
    if not isinstance(ops, list):
        raise Bad(f"{where} is not a list")
    out = [DiffOp(req(o, "op", str, where), span(o.get("a"), ta, where), span(o.get("b"), tb, where)) for o in ops]
    if any(o.op not in OPS for o in out):
        raise Bad(f"{where} has an unknown diff operation")
    return out


def speaker(s: Any) -> Speaker:
    """One entry of `speakers`."""
    return Speaker(
        id=req(s, "id", str, "speaker"),
        name=req(s, "name", str, "speaker"),
        aliases=[x for x in opt(s, "aliases", list, [], "speaker") if isinstance(x, str)],
        role=opt(s, "role", str, "", "speaker"),
        side=opt(s, "side", str, "", "speaker"),
    )


def quote(q: Any, texts: dict[str, str], speaker_ids: set[str], w: str) -> Quote:
    """One entry of `quotes`; `texts` holds the articles it may point into, by id."""
    art = req(q, "article", str, w)
    if art not in texts:
        raise Bad(f"{w} names an article that does not exist")
    sp = span(q, texts[art], w)
    ref = q.get("speaker")
    speaker = None
    if ref is not None:
        if req(ref, "id", str, w) not in speaker_ids:
            raise Bad(f"{w} names a speaker that does not exist")
        speaker = SpeakerRef(ref["id"], req(ref, "name", str, w), opt(ref, "mention", str, "", w),
                             min(1.0, max(0.0, num(ref, "confidence", w, 1.0))),
                             [x for x in opt(ref, "candidates", list, [], w) if isinstance(x, str)])
    return Quote(
        id=req(q, "id", str, w),
        article=art,
        start=sp.start,
        end=sp.end,
        text=sp.text,
        kind=req(q, "kind", str, w),
        speaker=speaker,
        verb=opt(q, "verb", str, "", w),
        verb_span=span(q["verb_span"], texts[art], w) if q.get("verb_span") else None,
        mention_span=span(q["mention_span"], texts[art], w) if q.get("mention_span") else None,
        stance={k: v for k, v in opt(q, "stance", dict, {}, w).items() if isinstance(v, str)},
    )
