"""Article text as escaped HTML with its highlights: word changes, and flag evidence with [n] marks."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from html import escape

from ..comparison import Comparison, Flag
from ..review import is_user
from .palette import FLAGGED, USER_FLAGGED, diff_mark


@dataclass
class Highlights:
    """What is marked in one article: (start, end, mark name) and (start, end, flag number), each sorted;
    `user` holds the numbers of the editor's own flags (marked in their own colour)."""

    marks: list[tuple[int, int, str]] = field(default_factory=list)
    flags: list[tuple[int, int, int]] = field(default_factory=list)
    user: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        self.marks, self.flags = sorted(self.marks), sorted(self.flags)
        self._longest = max((e - s for s, e, _ in self.marks + self.flags), default=0)

    def near(self, start: int, end: int) -> Highlights:
        """The highlights touching text[start:end] (ends included), found by bisection: a passage's rendering
        costs its own highlights, not every highlight of the article (quadratic at book length)."""
        return Highlights(self._touching(self.marks, start, end), self._touching(self.flags, start, end), self.user)

    def _touching(self, spans: list[tuple], start: int, end: int) -> list[tuple]:
        lo = bisect.bisect_left(spans, (start - self._longest,))
        hi = bisect.bisect_right(spans, (end, float("inf")))
        return [sp for sp in spans[lo:hi] if sp[1] >= start]


def highlights(cmp: Comparison, side: str, flags: list[Flag]) -> Highlights:
    """Highlights of article `side` ("a"/"b"); `flags` in the order they are numbered (1, 2, ...)."""
    marks, numbered = [], []
    across = cmp.across_languages()
    for group in cmp.alignment:
        for op in group.diff:
            mark = diff_mark(op.op, across)
            span = getattr(op, side)
            if mark and span.end > span.start and (op.op in ("replace", "equal") or (op.op == "delete") == (side == "a")):
                marks.append((span.start, span.end, mark.name))
    for number, flag in enumerate(flags, 1):
        for span in getattr(flag, side):
            numbered.append((span.start, span.end, number))
    return Highlights(marks, numbered, frozenset(n for n, f in enumerate(flags, 1) if is_user(f)))


def render(text: str, start: int, end: int, hl: Highlights) -> str:
    """`text[start:end]` escaped, with `<span class="m-...">` marks and `<sup>[n]</sup>` after flag evidence.

    Evidence that is the whole passage (an omission) gets only its [n]: the row already marks it.
    """
    hl = hl.near(start, end)
    cuts = {start, end}
    for s, e, _ in hl.marks + hl.flags:
        cuts.update(p for p in (s, e) if start < p < end)
    points = sorted(cuts)
    out = []
    for s, e in zip(points, points[1:]):
        classes = sorted({m for ms, me, m in hl.marks if ms <= s and e <= me})
        covering = [n for fs, fe, n in hl.flags if fs <= s and e <= fe and (fs > start or fe < end)]
        if any(n in hl.user for n in covering):
            classes.append(USER_FLAGGED.name)
        elif covering:
            classes.append(FLAGGED.name)
        piece = escape(text[s:e])
        out.append(f'<span class="{" ".join("m-" + c for c in classes)}">{piece}</span>' if classes else piece)
        ends = sorted({n for fs, fe, n in hl.flags if fe == e})
        if ends:
            out.append(f'<sup class="fn">[{",".join(map(str, ends))}]</sup>')
    return "".join(out)
