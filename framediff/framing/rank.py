"""Ranking: most severe first, and one difference flagged once even when two steps see it."""
from __future__ import annotations

from ..comparison import Flag, Span

SAME_AT = 0.5  # share of the longer span two evidence spans must share to be the same place


def _same(x: list[Span], y: list[Span]) -> bool:
    return any(min(s.end, t.end) - max(s.start, t.start) >= SAME_AT * max(s.end - s.start, t.end - t.start, 1)
               for s in x for t in y)


def duplicate(f: Flag, kept: Flag) -> bool:
    """f points at the same places as kept, on every side f has evidence."""
    sides = [s for s in ("a", "b") if getattr(f, s)]
    return bool(sides) and all(_same(getattr(f, s), getattr(kept, s)) for s in sides)


def rank(flags: list[Flag]) -> list[Flag]:
    out: list[Flag] = []
    for f in sorted(flags, key=lambda f: -f.severity):
        if not any(duplicate(f, k) for k in out):
            out.append(f)
    return out
