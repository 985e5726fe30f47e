"""The two panes side by side, the link map between them and an overview bar at each edge.

This module maps the Comparison onto the panes: which characters get which
tint, which margin label, which band; what is selected or hovered; and the
synchronised scrolling that keeps a matched passage level on both sides;
and the words picked for the editor's own flag (a selection in one pane, and
a selection or a clicked sentence in the other). It only draws what the engine
found and what the editor marked.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from . import palette
from .article_pane import ArticlePane
from .linkmap import Link, LinkMap
from .overview import OverviewBar


@dataclass
class Chunk:
    """A stop for next/previous: a matched group, or a run of passages found in one article only."""

    side: str  # "ab" for a group, else "a" or "b"
    start: int
    end: int
    gid: str | None = None


class CompareView(QWidget):
    selection_changed = Signal(str)  # a sentence describing what is selected
    files_dropped = Signal(str, list)  # side, paths
    pasted = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.panes = {"a": ArticlePane("a"), "b": ArticlePane("b")}
        self.linkmap = LinkMap(self.panes["a"], self.panes["b"])
        self.overviews = {"a": OverviewBar(self.panes["a"], "left"), "b": OverviewBar(self.panes["b"], "right")}
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.setSpacing(2)
        for w in (self.overviews["a"], self.panes["a"], self.linkmap, self.panes["b"], self.overviews["b"]):
            row.addWidget(w, 1 if isinstance(w, ArticlePane) else 0)
        self.cmp = None
        self.sync_scrolling = True
        self._syncing = False
        self.links: dict[str, Link] = {}
        self._group_of: dict[str, dict[str, str]] = {"a": {}, "b": {}}  # unit id -> group id
        self.chunks: list[Chunk] = []
        self.hover: str | None = None
        self.selected: str | None = None
        self.current: Chunk | None = None
        self.evidence: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}
        self.found: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}
        self.picked: dict[str, tuple[int, int] | None] = {"a": None, "b": None}  # words to flag, per side
        self.user_marks: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}  # the editor's own flags
        for side, pane in self.panes.items():
            pane.text.selectionChanged.connect(lambda s=side: self.pick_selection(s))
            pane.pointed.connect(lambda off, s=side: self._point(s, off))
            pane.clicked.connect(lambda off, s=side: self._click(s, off))
            pane.files_dropped.connect(lambda paths, s=side: self.files_dropped.emit(s, paths))
            pane.pasted.connect(lambda s=side: self.pasted.emit(s))
            pane.text.verticalScrollBar().valueChanged.connect(lambda _v, s=side: self._sync(s))
        self.linkmap.hovered.connect(self._hover)
        self.linkmap.clicked.connect(self.select)

    # content -------------------------------------------------------------
    def show_articles(self, a, b) -> None:
        """The clean articles, before (or without) a comparison."""
        self.cmp = None
        self._reset()
        self.panes["a"].show_article(a)
        self.panes["b"].show_article(b)

    def clear(self) -> None:
        self.cmp = None
        self._reset()
        for pane in self.panes.values():
            pane.clear()
        self._redraw()

    def _reset(self) -> None:
        self.links, self.chunks = {}, []
        self._group_of = {"a": {}, "b": {}}
        self.hover = self.selected = self.current = None
        self.evidence = {"a": [], "b": []}
        self.found = {"a": [], "b": []}
        self.picked, self.user_marks = {"a": None, "b": None}, {"a": [], "b": []}
        self.linkmap.set_links([])
        for side in "ab":
            self.panes[side].set_marks([])
            self.overviews[side].set_marks([], [])

    def set_comparison(self, cmp, ticks: dict[str, list[tuple[int, int]]] | None = None) -> None:
        """Draw `cmp`: tints, margin labels, bands, overview stripes; `ticks` mark ranked differences."""
        self.show_articles(*cmp.articles)
        self.cmp = cmp
        arts = {a.id: a for a in cmp.articles}

        def extent(side, ids):
            units = [arts[side].unit(u) for u in ids]
            return min(u.start for u in units), max(u.end for u in units)

        groups = [g for g in cmp.alignment if g.a and g.b]
        groups.sort(key=lambda g: extent("a", g.a)[0])
        links = [Link(g.id, n, g.kind if g.kind in ("match", "partial") else "match", extent("a", g.a), extent("b", g.b))
                 for n, g in enumerate(groups, 1)]
        self.links = {l.gid: l for l in links}
        for g in groups:
            for side in "ab":
                for uid in getattr(g, side):
                    self._group_of[side][uid] = g.id
        marks = {"a": [], "b": []}
        stripes = {"a": [], "b": []}
        for g in groups:
            link = self.links[g.id]
            for side in "ab":
                label = f"{link.number} " + ("same" if link.kind == "match" else "differs")
                for uid in getattr(g, side):
                    u = arts[side].unit(uid)
                    marks[side].append((u.start, u.end, link.kind, label))
                    stripes[side].append((u.start, u.end, link.kind))
                    label = ""  # one label per group and side
        chunks = [Chunk("ab", l.a[0], l.a[1], l.gid) for l in links]
        for side in "ab":
            for start, end in self._runs(arts[side], set(cmp.unmatched.get(side, []))):
                marks[side].append((start, end, "only", f"only in {side.upper()}"))
                stripes[side].append((start, end, "only"))
                chunks.append(Chunk(side, start, end))
            self.panes[side].set_marks(marks[side])
            self.overviews[side].set_marks(stripes[side], (ticks or {}).get(side, []))
        self.chunks = sorted(chunks, key=lambda c: (c.side == "b", c.start))
        self.linkmap.set_links(links)
        self._redraw()

    @staticmethod
    def _runs(article, ids: set[str]) -> list[tuple[int, int]]:
        """Consecutive unmatched units of one article, as (start, end) runs."""
        runs: list[list[int]] = []
        prev_in = False
        for u in sorted(article.units, key=lambda u: u.start):
            if u.id in ids:
                if prev_in:
                    runs[-1][1] = u.end
                else:
                    runs.append([u.start, u.end])
            prev_in = u.id in ids
        return [(s, e) for s, e in runs]

    # highlights ----------------------------------------------------------
    def _group(self, gid: str | None):
        return next((g for g in self.cmp.alignment if g.id == gid), None) if self.cmp and gid else None

    def _redraw(self) -> None:
        """Recompute every highlight of both panes from the current state."""
        focus = self.hover or self.selected
        for side, pane in self.panes.items():
            if pane.article is None:
                continue
            spans = []
            if self.cmp is not None:
                for start, end, kind, _ in pane.margin.marks:
                    spans.append((start, end, palette.tint(kind)))
                for link in self.links.values():
                    if link.gid in (focus, self.selected):
                        start, end = getattr(link, side)
                        spans.append((start, end, palette.selected_format()))
                if self.current is not None and self.current.gid is None and self.current.side == side:
                    spans.append((self.current.start, self.current.end, palette.selected_format()))
                group = self._group(self.selected)
                across = self.cmp is not None and self.cmp.across_languages()
                for op in group.diff if group else []:
                    span = getattr(op, side)
                    if (op.op != "equal" or across) and span.end > span.start:
                        spans.append((span.start, span.end, palette.diff_format(op.op, across)))
            spans += [(s, e, palette.user_flag_format()) for s, e in self.user_marks[side]]
            if self.picked[side]:
                spans.append((*self.picked[side], palette.picked_format()))
            spans += [(s, e, palette.evidence_format()) for s, e in self.evidence[side]]
            spans += [(s, e, palette.found_format()) for s, e in self.found[side]]
            pane.set_highlights(spans)
        self.linkmap.set_state(self.hover, self.selected)

    # hover and selection -------------------------------------------------
    def _gid_at(self, side: str, offset: int) -> str | None:
        unit = self.panes[side].unit_at(offset) if offset >= 0 else None
        return self._group_of[side].get(unit.id) if unit else None

    def _point(self, side: str, offset: int) -> None:
        self._hover(self._gid_at(side, offset))

    def _hover(self, gid: str | None) -> None:
        if gid != self.hover:
            self.hover = gid
            self._redraw()

    def set_flag_marks(self, ticks: dict[str, list[tuple[int, int]]], user: dict[str, list[tuple[int, int]]]) -> None:
        """Overview ticks for the listed differences; the editor's own flags marked in the panes and bars."""
        self.user_marks = {side: list(user.get(side, [])) for side in "ab"}
        for side in "ab":
            self.overviews[side].set_ticks(ticks.get(side, []), self.user_marks[side])
        self._redraw()

    def pick_selection(self, side: str) -> None:
        """Words selected in a pane are picked for "Flag difference…"."""
        span = self.panes[side].selection()
        if span is not None and span != self.picked[side]:
            self.picked[side] = span
            self._redraw()

    def clear_picks(self) -> None:
        self.picked = {"a": None, "b": None}
        for pane in self.panes.values():
            cur = pane.text.textCursor()
            cur.clearSelection()
            pane.text.setTextCursor(cur)
        self._redraw()

    def _click(self, side: str, offset: int) -> None:
        # a click (no selection) after picking words in the other pane picks the sentence clicked here
        other = "b" if side == "a" else "a"
        unit = self.panes[side].unit_at(offset) if offset >= 0 else None
        self.picked[side] = (unit.start, unit.end) if unit is not None and self.picked[other] else None
        gid = self._gid_at(side, offset)
        if gid:
            self.select(gid, scroll=False)
            return
        chunk = next((c for c in self.chunks if c.side == side and c.start <= offset <= c.end), None)
        if chunk:
            self.go_to_chunk(chunk, scroll=False)
        else:
            self._redraw()

    def select(self, gid: str | None, scroll: bool = True) -> None:
        """Select a matched group: its band isolated, its passages lit, its changed words marked."""
        link = self.links.get(gid) if gid else None
        self.selected = link.gid if link else None
        self.current = next((c for c in self.chunks if c.gid == self.selected), None) if link else None
        self.evidence = {"a": [], "b": []}
        if link and scroll:
            self._level(link.a, link.b)
        self._redraw()
        if link:
            group = self._group(gid)
            what = "tell the same facts" if link.kind == "match" else "tell the same facts differently"
            self.selection_changed.emit(f"Passage {link.number}: A and B {what} (similarity {group.score:.2f}). "
                                        "Changed words: struck = only in A, dashed = only in B, wavy = replaced.")

    def go_to_chunk(self, chunk: Chunk, scroll: bool = True) -> None:
        if chunk.gid:
            self.select(chunk.gid, scroll)
            return
        self.selected, self.current = None, chunk
        self.evidence = {"a": [], "b": []}
        if scroll:
            self._syncing = True
            self.panes[chunk.side].bring_into_view(chunk.start, chunk.end)
            self._syncing = False
        self._redraw()
        other = "B" if chunk.side == "a" else "A"
        self.selection_changed.emit(f"Only in {chunk.side.upper()}: this passage has no counterpart in {other}.")

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) passage, in reading order of A, then B's own passages."""
        if not self.chunks:
            return
        i = self.chunks.index(self.current) if self.current in self.chunks else (-1 if delta > 0 else 0)
        self.go_to_chunk(self.chunks[(i + delta) % len(self.chunks)])

    def show_evidence(self, a: list[tuple[int, int]], b: list[tuple[int, int]], gid: str | None = None) -> None:
        """Highlight the evidence spans of a difference or quote and bring them into view on both sides."""
        if gid in self.links:
            self.selected = gid
            self.current = next((c for c in self.chunks if c.gid == gid), None)
        else:
            self.selected = self.current = None
        self.evidence = {"a": list(a), "b": list(b)}
        self._syncing = True
        for side, spans in self.evidence.items():
            if spans:
                self.panes[side].bring_into_view(spans[0][0], spans[0][1])
        self._syncing = False
        self._redraw()

    def set_found(self, found: dict[str, list[tuple[int, int]]]) -> None:
        self.found = {"a": list(found.get("a", [])), "b": list(found.get("b", []))}
        self._redraw()

    def _level(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        self._syncing = True
        self.panes["a"].bring_into_view(*a)
        self.panes["b"].bring_into_view(*b)
        self._syncing = False

    # synchronised scrolling ----------------------------------------------
    def _sync(self, driver: str) -> None:
        """Scroll the other pane so the matched passage nearest the reading line sits level with it."""
        if self._syncing or not self.sync_scrolling or not self.links:
            return
        other = "b" if driver == "a" else "a"
        pd, po = self.panes[driver], self.panes[other]
        line = pd.scroll() + pd.view_height() * 0.4

        def distance(link):
            top, bottom = pd.span_doc(*getattr(link, driver))
            return 0.0 if top <= line <= bottom else min(abs(line - top), abs(line - bottom))

        link = min(self.links.values(), key=distance)
        d0, d1 = pd.span_doc(*getattr(link, driver))
        o0, o1 = po.span_doc(*getattr(link, other))
        frac = min(1.0, max(0.0, (line - d0) / max(1.0, d1 - d0)))
        anchor_y = d0 + frac * (d1 - d0) - pd.scroll()  # where the anchor is on screen
        self._syncing = True
        po.set_scroll(o0 + frac * (o1 - o0) - anchor_y)
        self._syncing = False

    def set_zoom(self, steps: int) -> None:
        for pane in self.panes.values():
            pane.set_zoom(steps)
