"""Sourcing: whose voices each outlet uses, from the quotes step's speakers."""
from __future__ import annotations

from collections import defaultdict

from ..comparison import Flag
from .context import Context

MAX_SPANS = 6


def sourcing_flags(ctx: Context) -> list[Flag]:
    """A speaker quoted by one outlet only, weighted by how often."""
    quotes = defaultdict(lambda: {"a": [], "b": []})
    names = {}
    for q in ctx.cmp.quotes:
        if q.speaker is not None and q.article in ("a", "b"):
            quotes[q.speaker.id][q.article].append(q)
            names.setdefault(q.speaker.id, q.speaker.name or q.speaker.mention)
    flags = []
    for sid, by in quotes.items():
        for side in ("a", "b"):
            other = ctx.other(side)
            if not by[side] or by[other]:
                continue
            n = len(by[side])
            art = ctx.article(side)
            spans = [art.span(q.start, q.end) for q in by[side][:MAX_SPANS]]
            summary = (f"{ctx.name(side)} quotes {names[sid]} ({n} time{'s' if n > 1 else ''}); "
                       f"{ctx.name(other)} does not quote them at all.")
            a, b = (spans, []) if side == "a" else ([], spans)
            flags.append(Flag("sourcing", summary, round(min(0.9, 0.4 + 0.1 * n), 3), a, b, None,
                              {"speaker": sid, "name": names[sid], "quotes": n, "side": side}))
    return flags

