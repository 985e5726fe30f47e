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
from datetime import datetime
from typing import Any

from . import schema_fields as fields
from .comparison import SCHEMA, Comparison, Flag, Group, QuoteMatch, Review, SameEvent
from .errors import InputError, shown
from .review import ORIGINS, STATUSES, TYPE_LABEL
from .story.model import STORY_SCHEMA
from .story.schema import load_story

MAX_FILE_BYTES = 200 * 1024 * 1024
_RELATIONS = {"verbatim", "trimmed", "paraphrased", "missing", "translated"}  # translated: across languages


def _flag(f: Any, i: int, texts: dict[str, str]) -> Flag:
    """flags[i], checked; a problem is named with the flag's number and the start of its summary."""
    w = f"flags[{i}]"
    if isinstance(f, dict) and isinstance(f.get("summary"), str):
        w += f" (“{' '.join(f['summary'].split())[:50]}”)"
    origin = fields.opt(f, "origin", str, "tool", w)
    if origin not in ORIGINS:
        raise fields.Bad(f"{w} has an unknown origin {origin[:20]!r} (tool or user)")
    kind = fields.req(f, "type", str, w)
    if origin == "user" and kind not in TYPE_LABEL:
        raise fields.Bad(f"{w} has an unknown type {kind[:20]!r} (one of {', '.join(TYPE_LABEL)})")
    spans = {}
    for side in ("a", "b"):
        lst = fields.opt(f, side, list, [], w)
        if lst and side not in texts:
            raise fields.Bad(f"{w} points into an article that does not exist")
        spans[side] = [fields.span(s, texts[side], f"{w}.{side}") for s in lst]
    if origin == "user":
        if not any(sp.end > sp.start for sp in spans["a"] + spans["b"]):
            raise fields.Bad(f"{w} is the editor's own flag but marks no text in A or B")
        if f.get("severity") is not None:
            raise fields.Bad(f"{w} is the editor's own flag but has a severity (it must be null)")
    review = None
    if f.get("review") is not None:
        r = fields.req(f, "review", dict, w)
        state = fields.req(r, "status", str, w + ".review")
        if state not in STATUSES:
            raise fields.Bad(f"{w} has an unknown review status {state[:20]!r} (confirmed or dismissed)")
        at = fields.req(r, "at", str, w + ".review")
        try:
            datetime.fromisoformat(at)
        except ValueError:
            raise fields.Bad(f"{w}.review.at is not an ISO 8601 time") from None
        review = Review(state, fields.opt(r, "note", str, "", w + ".review"), at)
    return Flag(
        type=kind,
        summary=fields.req(f, "summary", str, w),
        severity=None if origin == "user" else fields.num(f, "severity", w),
        a=spans["a"],
        b=spans["b"],
        group=fields.opt(f, "group", str, None, w),
        detail=fields.opt(f, "detail", dict, {}, w),
        confidence=fields.confidence(f, w),
        origin=origin,
        review=review,
    )


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
        return load_story(d)
    if schema != SCHEMA:
        if isinstance(schema, str) and schema.startswith("framediff/"):
            raise InputError(f"saved by a newer or unknown framediff ({schema}); this version reads {SCHEMA}")
        raise InputError("not a framediff comparison (no 'schema': 'framediff/1')")
    try:
        return _load(d)
    except fields.Bad as e:
        raise InputError(f"damaged comparison: {e}") from None
    except (TypeError, AttributeError, ValueError, KeyError) as e:
        raise InputError(f"damaged comparison: {type(e).__name__}") from None


def _load(d: dict) -> Comparison:
    raw_articles = fields.req(d, "articles", list, "file")
    if len(raw_articles) not in (1, 2):
        raise fields.Bad("articles must hold one or two articles")
    articles = [fields.article(a, i) for i, a in enumerate(raw_articles)]
    texts = {a.id: a.text for a in articles}
    units = {a.id: {u.id for u in a.units} for a in articles}
    if set(texts) - {"a", "b"} or len(texts) != len(articles):
        raise fields.Bad("article ids must be 'a' and 'b'")
    ta, tb = texts.get("a", ""), texts.get("b", "")

    def ids(lst: Any, side: str, where: str) -> list[str]:
        if not isinstance(lst, list) or not all(isinstance(x, str) and x in units.get(side, ()) for x in lst):
            raise fields.Bad(f"{where} names units that do not exist")
        return list(lst)

    alignment = []
    for i, g in enumerate(fields.opt(d, "alignment", list, [], "file")):
        w = f"alignment[{i}]"
        alignment.append(
            Group(
                id=fields.opt(g, "id", str, f"g{i + 1}", w),
                a=ids(g.get("a"), "a", w),
                b=ids(g.get("b"), "b", w),
                score=fields.num(g, "score", w),
                kind=fields.opt(g, "kind", str, "match", w),
                diff=fields.diff(g.get("diff", []), ta, tb, w + ".diff"),
            )
        )
    um = fields.opt(d, "unmatched", dict, {}, "file")
    unmatched = {s: ids(um.get(s, []), s, f"unmatched.{s}") for s in ("a", "b")}

    speakers = [fields.speaker(s) for s in fields.opt(d, "speakers", list, [], "file")]
    speaker_ids = {s.id for s in speakers}
    quotes = [fields.quote(q, texts, speaker_ids, f"quotes[{i}]") for i, q in enumerate(fields.opt(d, "quotes", list, [], "file"))]
    quote_ids = {q.id for q in quotes}
    matches = []
    for i, m in enumerate(fields.opt(d, "quote_matches", list, [], "file")):
        w = f"quote_matches[{i}]"
        qa, qb = m.get("a"), m.get("b")
        if any(x is not None and x not in quote_ids for x in (qa, qb)) or (qa is None and qb is None):
            raise fields.Bad(f"{w} names quotes that do not exist")
        if fields.req(m, "relation", str, w) not in _RELATIONS:
            raise fields.Bad(f"{w} has an unknown relation")
        matches.append(
            QuoteMatch(qa, qb, m["relation"], fields.num(m, "score", w, 0.0),
                       fields.diff(m.get("diff", []), ta, tb, w + ".diff"))
        )
    flags = [_flag(f, i, texts) for i, f in enumerate(fields.opt(d, "flags", list, [], "file"))]
    se = d.get("same_event")
    same_event = None
    if se is not None:
        same_event = SameEvent(
            fields.num(se, "score", "same_event"),
            bool(fields.req(se, "verdict", bool, "same_event")),
            [r for r in fields.opt(se, "reasons", list, [], "same_event") if isinstance(r, str)],
            bool(fields.opt(se, "unsure", bool, False, "same_event")),
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
        voices=fields.opt(d, "voices", dict, {}, "file"),
        frames=fields.opt(d, "frames", dict, {}, "file"),
        tone=fields.opt(d, "tone", dict, {}, "file"),
        meta=fields.opt(d, "meta", dict, {}, "file"),
    )


