"""The link map: curved bands across the gap between the panes, one per matched group (as in Meld).

Outlets reorder facts, so bands cross. Hovering a band (or its passage in a
pane) isolates it: the others fade and its two ends are outlined. A plain
match is a solid band, a partial match ("told differently") a dashed one,
so the kind reads without colour too.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import palette


@dataclass
class Link:
    """One matched group as drawn: its passages' extents in each article."""

    gid: str
    number: int
    kind: str  # "match" | "partial"
    a: tuple[int, int]
    b: tuple[int, int]


HELP = "Bands join passages that tell the same facts; dashed = told differently. Click one to select it."


class LinkMap(QWidget):
    hovered = Signal(object)  # group id or None
    clicked = Signal(str)

    def __init__(self, pane_a, pane_b, parent=None):
        super().__init__(parent)
        self.panes = (pane_a, pane_b)
        self.links: list[Link] = []
        self.hover: str | None = None
        self.selected: str | None = None
        self._paths: list[tuple[Link, QPainterPath]] = []
        self.setMouseTracking(True)
        self.setFixedWidth(84)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setToolTip(HELP)
        for pane in self.panes:
            pane.moved.connect(self.update)

    def set_links(self, links: list[Link]) -> None:
        self.links, self.hover, self.selected = links, None, None
        self.update()

    def set_state(self, hover: str | None, selected: str | None) -> None:
        if (hover, selected) != (self.hover, self.selected):
            self.hover, self.selected = hover, selected
            self.update()

    def _dy(self, pane) -> float:
        """Offset from a pane's viewport coordinates to this widget's."""
        origin = pane.text.viewport().mapToGlobal(QPoint(0, 0))
        return origin.y() - self.mapToGlobal(QPoint(0, 0)).y()

    def _band(self, link: Link, da: float, db: float) -> QPainterPath:
        pa, pb = self.panes
        a0, a1 = pa.span_y(*link.a)
        b0, b1 = pb.span_y(*link.b)
        a0, a1, b0, b1 = a0 + da, a1 + da, b0 + db, b1 + db
        w = float(self.width())
        mid = w / 2
        path = QPainterPath(QPointF(0, a0))
        path.cubicTo(QPointF(mid, a0), QPointF(mid, b0), QPointF(w, b0))
        path.lineTo(w, b1)
        path.cubicTo(QPointF(mid, b1), QPointF(mid, a1), QPointF(0, a1))
        path.closeSubpath()
        return path

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), palette.faded(palette.RULE_C, 40))
        if not self.links or self.panes[0].article is None or self.panes[1].article is None:
            return
        da, db = self._dy(self.panes[0]), self._dy(self.panes[1])
        p.setClipRect(0, int(max(da, db)), self.width(), self.height())
        focus = self.hover or self.selected
        self._paths = [(link, self._band(link, da, db)) for link in self.links]
        ordered = sorted(self._paths, key=lambda lp: lp[0].gid == focus)  # the focused band on top
        for link, path in ordered:
            colour = palette.BAND[link.kind]
            lit = focus is None or link.gid == focus
            p.setBrush(palette.faded(colour, 150 if lit and focus else 90 if lit else 22))
            pen = QPen(palette.faded(colour.darker(135), 255 if lit else 50), 2.2 if link.gid == focus else 1.1)
            pen.setStyle(palette.PEN_STYLE[link.kind])
            p.setPen(pen)
            p.drawPath(path)
        p.setPen(palette.RULE_C)
        p.drawLine(0, 0, 0, self.height())
        p.drawLine(self.width() - 1, 0, self.width() - 1, self.height())

    def link_at(self, pos: QPointF) -> Link | None:
        hits = [link for link, path in self._paths if path.contains(pos)]
        if not hits:
            return None
        return min(hits, key=lambda l: (l.a[1] - l.a[0]) + (l.b[1] - l.b[0]))  # the narrowest band under the mouse

    def mouseMoveEvent(self, event) -> None:
        link = self.link_at(event.position())
        self.hovered.emit(link.gid if link else None)
        self.setCursor(Qt.CursorShape.PointingHandCursor if link else Qt.CursorShape.ArrowCursor)
        what = "the same facts" if link is None or link.kind == "match" else "the same facts, told differently"
        self.setToolTip(f"Passage {link.number}: {what}. Click to select it." if link else HELP)

    def leaveEvent(self, event) -> None:
        self.hovered.emit(None)

    def mousePressEvent(self, event) -> None:
        link = self.link_at(event.position())
        if link is not None:
            self.clicked.emit(link.gid)
