"""Overlap questions about many (start, end) character spans, answered by bisection.

The spans (possibly overlapping) are sorted by start with the running maximum of their ends:
among the spans starting before a point, one reaches past a position iff the furthest does.
"""
from __future__ import annotations

import bisect
from itertools import accumulate


class SpanIndex:
    """Half-open (start, end) spans, indexed once; each question costs one bisection."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        """Does [s, e) overlap any span?"""
        i = bisect.bisect_left(self.starts, e)
        return i > 0 and self.reach[i - 1] > s

    def holds(self, i: int) -> bool:
        """Does any span hold offset i?"""
        k = bisect.bisect_right(self.starts, i)
        return k > 0 and self.reach[k - 1] > i

    def covers(self, s: int, e: int) -> bool:
        """Does one span hold all of [s, e)?"""
        k = bisect.bisect_right(self.starts, s)
        return k > 0 and self.reach[k - 1] >= e
