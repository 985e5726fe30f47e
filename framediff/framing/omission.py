"""Omission: passages one outlet reports and the other does not, weighed by what they carry.

An unmatched passage weighs more for each quote, number and named actor it
holds, less when it is short, and less when the other article has a passage
close to it in meaning (the fact may be told there, differently).
"""
from __future__ import annotations

import bisect

import numpy as np

from ..comparison import Flag
from .context import Context

ACTORS = {"PERSON", "ORG", "GPE", "NORP"}
FACTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
MIN_WORDS = 6
REPORT_AT = 0.35  # weight from which an omission is flagged
BLOCK = 512  # unmatched passages compared with the other article at once: no passages x passages matrix held


def nearest(vecs: np.ndarray, other: np.ndarray, block: int = BLOCK) -> np.ndarray:
    """Per row of `vecs`, its highest cosine with any row of `other` (0 when `other` is empty), in row blocks."""
    if not len(other):
        return np.zeros(len(vecs))
    return np.concatenate([np.max(vecs[i:i + block] @ other.T, axis=1) for i in range(0, len(vecs), block)]
                          or [np.zeros(0)])


def quotes_by_unit(ctx: Context, side: str) -> dict[str, list]:
    """Unit id -> the quotes of that article overlapping it, each quote placed by bisection over unit starts."""
    units = ctx.article(side).units
    starts = [u.start for u in units]
    out: dict[str, list] = {}
    for q in ctx.cmp.quotes:
        if q.article != side:
            continue
        for k in range(max(bisect.bisect_right(starts, q.start) - 1, 0), bisect.bisect_left(starts, q.end)):
            if q.start < units[k].end and units[k].start < q.end:
                out.setdefault(units[k].id, []).append(q)
    return out


def weight(ctx: Context, side: str, unit, near: float, held: list) -> tuple[float, dict]:
    """The passage's weight and what it holds; `held` are the quotes overlapping it."""
    span = ctx.doc(side).char_span(unit.start, unit.end, alignment_mode="expand")
    words = sum(t.is_alpha for t in span) if span is not None else 0
    ents = ctx.ents(span, side) if span is not None else []
    quotes, direct = len(held), any(q.kind == "direct" for q in held)
    # "two sides" is no fact to check: a count needs digits, or money, a percentage, a quantity
    numbers = sum(e.label_ in FACTS and (e.label_ != "CARDINAL" or any(c.isdigit() for c in e.text)) for e in ents)
    actors = len({e.text for e in ents if e.label_ in ACTORS})
    if words < MIN_WORDS:
        return 0.0, {}
    w = (0.15 + 0.2 * direct + 0.15 * min(quotes, 2) + 0.25 * min(numbers, 1) + 0.1 * (numbers > 1)
         + 0.05 * min(actors, 4) + 0.1 * min(words / 40, 1))
    w *= 1.0 - max(near, 0.0) * 0.6
    return min(w, 1.0), {"quotes": quotes, "direct": direct, "numbers": numbers, "actors": actors,
                         "closest": round(near, 2)}


def omission_flags(ctx: Context) -> list[Flag]:
    flags = []
    for side in ("a", "b"):
        other = ctx.other(side)
        art = ctx.article(side)
        ids = ctx.cmp.unmatched.get(side, [])
        if not ids:
            continue
        index = {u.id: i for i, u in enumerate(art.units)}
        near = nearest(ctx.vectors(side)[[index[u] for u in ids]], ctx.vectors(other))
        held = quotes_by_unit(ctx, side)
        for uid, closest in zip(ids, near):
            u = art.unit(uid)
            if ctx.position(side, uid) == 0:
                continue  # headlines are compared by the headline step
            w, why = weight(ctx, side, u, float(closest), held.get(uid, []))
            if w < REPORT_AT:
                continue
            text = u.text if len(u.text) <= 160 else u.text[:157].rsplit(" ", 1)[0] + "…"
            shown = text if text[:1] in "\"“«'‘" else f"“{text}”"  # a quotation keeps its own marks
            summary = f"Only {ctx.name(side)} reports: {shown}"
            span = [art.span(u.start, u.end)]
            a, b = (span, []) if side == "a" else ([], span)
            flags.append(Flag("omission", summary, round(w, 3), a, b, None, {"side": side, "unit": uid, **why}))
    return flags
