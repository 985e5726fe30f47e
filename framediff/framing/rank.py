"""Ranking: most severe first, and one difference flagged once even when two steps see it."""
from __future__ import annotations

import bisect

from ..comparison import Flag, Span

SAME_AT = 0.5  # share of the longer span two evidence spans must share to be the same place


def _same_span(s: Span, t: Span) -> bool:
    return min(s.end, t.end) - max(s.start, t.start) >= SAME_AT * max(s.end - s.start, t.end - t.start, 1)


def _same(x: list[Span], y: list[Span]) -> bool:
    return any(_same_span(s, t) for s in x for t in y)


def duplicate(f: Flag, kept: Flag) -> bool:
    """f points at the same places as kept, on every side f has evidence."""
    sides = [s for s in ("a", "b") if getattr(f, s)]
    return bool(sides) and all(_same(getattr(f, s), getattr(kept, s)) for s in sides)


class _Kept:
    """Kept flags' evidence spans on one side, sorted by start, to find only the spans that can be the same place.

    Two spans are the same place only if they overlap by half the longer (`_same_span`), so a kept span t
    matching s has t.start in [s.start - len(s), s.end): the overlap is at most len(s), so len(t) <= 2 len(s),
    and t.start >= s.start - len(t) / 2. The window below is wider by one on each end; every candidate is
    then checked with `_same_span` itself.
    """

    def __init__(self):
        self.starts: list = []
        self.spans: list[tuple[Span, int]] = []

    def add(self, spans: list[Span], k: int) -> None:
        for t in spans:
            at = bisect.bisect_right(self.starts, t.start)
            self.starts.insert(at, t.start)
            self.spans.insert(at, (t, k))

    def matching(self, spans: list[Span]) -> set[int]:
        """Indices of kept flags with a span the same place as one of these."""
        out: set[int] = set()
        for s in spans:
            n = max(s.end - s.start, 1)
            lo = bisect.bisect_left(self.starts, s.start - n - 1)
            hi = bisect.bisect_right(self.starts, s.end + 1)
            out.update(k for t, k in self.spans[lo:hi] if _same_span(s, t))
        return out


def rank(flags: list[Flag]) -> list[Flag]:
    """Most severe first; a flag is dropped when it duplicates (`duplicate`) one already kept."""
    out: list[Flag] = []
    index = {"a": _Kept(), "b": _Kept()}
    for f in sorted(flags, key=lambda f: -f.severity):
        sides = [s for s in ("a", "b") if getattr(f, s)]
        dup = False
        if sides:
            found = index[sides[0]].matching(getattr(f, sides[0]))
            dup = any(all(_same(getattr(f, s), getattr(out[k], s)) for s in sides[1:]) for k in found)
        if not dup:
            for s in ("a", "b"):
                index[s].add(getattr(f, s) or [], len(out))
            out.append(f)
    return out
