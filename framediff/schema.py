"""Reading a saved comparison back: strict checks before anything is trusted.

A saved file may be corrupt, from a newer version, or crafted. Everything is
checked against the texts it carries (spans inside their article and equal to
its characters, ids that exist, sizes within bounds); nothing in it is used as
a path. Any problem raises `InputError` with one line saying what is wrong.
"""
from __future__ import annotations

import json
import math
import os
from typing import Any

from .comparison import (
    SCHEMA,
    Article,
    Comparison,
    DiffOp,
    Flag,
    Group,
    Quote,
    QuoteMatch,
    SameEvent,
    Span,
    Speaker,
    SpeakerRef,
    Unit,
)
from .errors import InputError, shown
from .story.model import STORY_SCHEMA

MAX_TEXT = 50_000_000
MAX_ITEMS = 2_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
_OPS = {"equal", "replace", "insert", "delete"}
_RELATIONS = {"verbatim", "trimmed", "paraphrased", "missing"}


class _Bad(Exception):
    pass


def _req(d: Any, key: str, typ: type | tuple, where: str) -> Any:
    if not isinstance(d, dict) or key not in d:
        raise _Bad(f"{where} lacks {key!r}")
    v = d[key]
    if typ is int and isinstance(v, bool) or not isinstance(v, typ):
        raise _Bad(f"{where}.{key} has the wrong type")
    if isinstance(v, (list, str)) and len(v) > (MAX_TEXT if isinstance(v, str) else MAX_ITEMS):
        raise _Bad(f"{where}.{key} is absurdly large")
    return v


def _num(d: Any, key: str, where: str, default: float | None = None) -> float:
    v = _req(d, key, (int, float), where) if default is None or d.get(key) is not None else default
    if isinstance(v, bool) or not math.isfinite(v):
        raise _Bad(f"{where}.{key} is not a finite number")
    return float(v)


def _confidence(f: dict, where: str) -> float:
    c = _num(f, "confidence", where, 1.0)
    if not 0.0 <= c <= 1.0:
        raise _Bad(f"{where}.confidence is not between 0 and 1")
    return c


def _opt(d: dict, key: str, typ: type | tuple, default: Any, where: str) -> Any:
    return _req(d, key, typ, where) if d.get(key) is not None else default


def _span(d: Any, text: str, where: str) -> Span:
    start, end = _req(d, "start", int, where), _req(d, "end", int, where)
    if not 0 <= start <= end <= len(text):
        raise _Bad(f"{where} points outside its article ({start}..{end})")
    if "text" in d and d["text"] != text[start:end]:
        raise _Bad(f"{where} text does not match its article")
    return Span(start, end, text[start:end])


def _article(d: Any, i: int) -> Article:
    w = f"articles[{i}]"
    text = _req(d, "text", str, w)
    units: list[Unit] = []
    for j, u in enumerate(_req(d, "units", list, w)):
        sp = _span(u, text, f"{w}.units[{j}]")
        if units and sp.start < units[-1].end:
            raise _Bad(f"{w}.units[{j}] overlaps or comes before the unit ahead of it")
        units.append(Unit(_req(u, "id", str, w), sp.start, sp.end, sp.text, _opt(u, "paragraph", int, 0, w)))
    if len({u.id for u in units}) != len(units):
        raise _Bad(f"{w} has two units with the same id")
    return Article(
        id=_req(d, "id", str, w),
        source=_req(d, "source", str, w),
        title=_req(d, "title", str, w),
        outlet=_req(d, "outlet", str, w),
        date=_req(d, "date", str, w),
        language=_req(d, "language", str, w),
        text=text,
        units=units,
        author=_opt(d, "author", str, "", w),
    )


def _diff(ops: Any, ta: str, tb: str, where: str) -> list[DiffOp]:
    if not isinstance(ops, list):
        raise _Bad(f"{where} is not a list")
    out = [DiffOp(_req(o, "op", str, where), _span(o.get("a"), ta, where), _span(o.get("b"), tb, where)) for o in ops]
    if any(o.op not in _OPS for o in out):
        raise _Bad(f"{where} has an unknown diff operation")
    return out


def read_comparison(path: str | os.PathLike) -> Comparison:
    """Read a saved comparison file, or raise InputError with one line saying what is wrong.

    Only `path` is opened: names of files inside the comparison are never read.
    """
    name = shown(path)
    try:
        if os.path.isdir(path):
            raise InputError(f"{name}: is a folder, not a saved comparison")
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise InputError(f"{name}: too large for a saved comparison (over {MAX_FILE_BYTES // 2**20} MB)")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror})") from None
    try:
        d = json.loads(raw.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite_float)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(f"{name}: not a framediff comparison (damaged or not JSON)") from None
    try:
        return load_comparison(d)
    except InputError as e:
        raise InputError(f"{name}: {e}") from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _finite_float(s: str) -> float:
    v = float(s)
    if not math.isfinite(v):
        raise ValueError(f"{s} is out of range")
    return v


def load_comparison(d: Any) -> Comparison:
    """Build a Comparison from parsed JSON (a Story for `framediff/story-1`), or raise InputError saying what is wrong."""
    if not isinstance(d, dict):
        raise InputError("not a framediff comparison (top level is not an object)")
    schema = d.get("schema")
    if schema == STORY_SCHEMA:  # a saved story (three or more outlets) reopens through the same reader
        from .story.schema import load_story

        return load_story(d)
    if schema != SCHEMA:
        if isinstance(schema, str) and schema.startswith("framediff/"):
            raise InputError(f"saved by a newer or unknown framediff ({schema}); this version reads {SCHEMA}")
        raise InputError("not a framediff comparison (no 'schema': 'framediff/1')")
    try:
        return _load(d)
    except _Bad as e:
        raise InputError(f"damaged comparison: {e}") from None
    except (TypeError, AttributeError, ValueError, KeyError) as e:
        raise InputError(f"damaged comparison: {type(e).__name__}") from None


def _load(d: dict) -> Comparison:
    raw_articles = _req(d, "articles", list, "file")
    if len(raw_articles) not in (1, 2):
        raise _Bad("articles must hold one or two articles")
    articles = [_article(a, i) for i, a in enumerate(raw_articles)]
    texts = {a.id: a.text for a in articles}
    units = {a.id: {u.id for u in a.units} for a in articles}
    if set(texts) - {"a", "b"} or len(texts) != len(articles):
        raise _Bad("article ids must be 'a' and 'b'")
    ta, tb = texts.get("a", ""), texts.get("b", "")

    def ids(lst: Any, side: str, where: str) -> list[str]:
        if not isinstance(lst, list) or not all(isinstance(x, str) and x in units.get(side, ()) for x in lst):
            raise _Bad(f"{where} names units that do not exist")
        return list(lst)

    alignment = []
    for i, g in enumerate(_opt(d, "alignment", list, [], "file")):
        w = f"alignment[{i}]"
        alignment.append(
            Group(
                id=_opt(g, "id", str, f"g{i + 1}", w),
                a=ids(g.get("a"), "a", w),
                b=ids(g.get("b"), "b", w),
                score=_num(g, "score", w),
                kind=_opt(g, "kind", str, "match", w),
                diff=_diff(g.get("diff", []), ta, tb, w + ".diff"),
            )
        )
    um = _opt(d, "unmatched", dict, {}, "file")
    unmatched = {s: ids(um.get(s, []), s, f"unmatched.{s}") for s in ("a", "b")}

    speakers = [_speaker(s) for s in _opt(d, "speakers", list, [], "file")]
    speaker_ids = {s.id for s in speakers}
    quotes = [_quote(q, texts, speaker_ids, f"quotes[{i}]") for i, q in enumerate(_opt(d, "quotes", list, [], "file"))]
    quote_ids = {q.id for q in quotes}
    matches = []
    for i, m in enumerate(_opt(d, "quote_matches", list, [], "file")):
        w = f"quote_matches[{i}]"
        qa, qb = m.get("a"), m.get("b")
        if any(x is not None and x not in quote_ids for x in (qa, qb)) or (qa is None and qb is None):
            raise _Bad(f"{w} names quotes that do not exist")
        if _req(m, "relation", str, w) not in _RELATIONS:
            raise _Bad(f"{w} has an unknown relation")
        matches.append(
            QuoteMatch(qa, qb, m["relation"], _num(m, "score", w, 0.0),
                       _diff(m.get("diff", []), ta, tb, w + ".diff"))
        )
    flags = []
    for i, f in enumerate(_opt(d, "flags", list, [], "file")):
        w = f"flags[{i}]"
        spans = {}
        for side in ("a", "b"):
            lst = _opt(f, side, list, [], w)
            if lst and side not in texts:
                raise _Bad(f"{w} points into an article that does not exist")
            spans[side] = [_span(s, texts[side], f"{w}.{side}") for s in lst]
        flags.append(
            Flag(
                type=_req(f, "type", str, w),
                summary=_req(f, "summary", str, w),
                severity=_num(f, "severity", w),
                a=spans["a"],
                b=spans["b"],
                group=_opt(f, "group", str, None, w),
                detail=_opt(f, "detail", dict, {}, w),
                confidence=_confidence(f, w),
            )
        )
    se = d.get("same_event")
    same_event = None
    if se is not None:
        same_event = SameEvent(
            _num(se, "score", "same_event"),
            bool(_req(se, "verdict", bool, "same_event")),
            [r for r in _opt(se, "reasons", list, [], "same_event") if isinstance(r, str)],
        )
    return Comparison(
        articles=articles,
        alignment=alignment,
        unmatched=unmatched,
        quotes=quotes,
        speakers=speakers,
        quote_matches=matches,
        flags=flags,
        same_event=same_event,
        voices=_opt(d, "voices", dict, {}, "file"),
        frames=_opt(d, "frames", dict, {}, "file"),
        tone=_opt(d, "tone", dict, {}, "file"),
        meta=_opt(d, "meta", dict, {}, "file"),
    )


def _speaker(s: Any) -> Speaker:
    """One entry of `speakers`."""
    return Speaker(
        id=_req(s, "id", str, "speaker"),
        name=_req(s, "name", str, "speaker"),
        aliases=[x for x in _opt(s, "aliases", list, [], "speaker") if isinstance(x, str)],
        role=_opt(s, "role", str, "", "speaker"),
        side=_opt(s, "side", str, "", "speaker"),
    )


def _quote(q: Any, texts: dict[str, str], speaker_ids: set[str], w: str) -> Quote:
    """One entry of `quotes`; `texts` holds the articles it may point into, by id."""
    art = _req(q, "article", str, w)
    if art not in texts:
        raise _Bad(f"{w} names an article that does not exist")
    sp = _span(q, texts[art], w)
    ref = q.get("speaker")
    speaker = None
    if ref is not None:
        if _req(ref, "id", str, w) not in speaker_ids:
            raise _Bad(f"{w} names a speaker that does not exist")
        speaker = SpeakerRef(ref["id"], _req(ref, "name", str, w), _opt(ref, "mention", str, "", w),
                             min(1.0, max(0.0, _num(ref, "confidence", w, 1.0))),
                             [x for x in _opt(ref, "candidates", list, [], w) if isinstance(x, str)])
    return Quote(
        id=_req(q, "id", str, w),
        article=art,
        start=sp.start,
        end=sp.end,
        text=sp.text,
        kind=_req(q, "kind", str, w),
        speaker=speaker,
        verb=_opt(q, "verb", str, "", w),
        verb_span=_span(q["verb_span"], texts[art], w) if q.get("verb_span") else None,
        mention_span=_span(q["mention_span"], texts[art], w) if q.get("mention_span") else None,
        stance={k: v for k, v in _opt(q, "stance", dict, {}, w).items() if isinstance(v, str)},
    )
