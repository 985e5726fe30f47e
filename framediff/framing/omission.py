"""Omission: passages one outlet reports and the other does not, weighed by what they carry.

An unmatched passage weighs more for each quote, number and named actor it
holds, less when it is short, and less when the other article has a passage
close to it in meaning (the fact may be told there, differently).
"""
from __future__ import annotations

import numpy as np

from ..comparison import Flag
from .context import Context

ACTORS = {"PERSON", "ORG", "GPE", "NORP"}
FACTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
MIN_WORDS = 6
REPORT_AT = 0.35  # weight from which an omission is flagged


def weight(ctx: Context, side: str, unit, near: float) -> tuple[float, dict]:
    span = ctx.doc(side).char_span(unit.start, unit.end, alignment_mode="expand")
    words = sum(t.is_alpha for t in span) if span is not None else 0
    ents = ctx.ents(span, side) if span is not None else []
    held = [q for q in ctx.cmp.quotes if q.article == side and q.start < unit.end and unit.start < q.end]
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
        sims = ctx.vectors(side)[[index[u] for u in ids]] @ ctx.vectors(other).T
        for uid, row in zip(ids, sims):
            u = art.unit(uid)
            if ctx.position(side, uid) == 0:
                continue  # headlines are compared by the headline step
            w, why = weight(ctx, side, u, float(np.max(row)) if row.size else 0.0)
            if w < REPORT_AT:
                continue
            text = u.text if len(u.text) <= 160 else u.text[:157].rsplit(" ", 1)[0] + "…"
            shown = text if text[:1] in "\"“«'‘" else f"“{text}”"  # a quotation keeps its own marks
            summary = f"Only {ctx.name(side)} reports: {shown}"
            span = [art.span(u.start, u.end)]
            a, b = (span, []) if side == "a" else ([], span)
            flags.append(Flag("omission", summary, round(w, 3), a, b, None, {"side": side, "unit": uid, **why}))
    return flags
