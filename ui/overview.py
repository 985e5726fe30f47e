"""The overview bar beside each pane: the whole article at a glance, where its differences are.

Each passage is a stripe at its place in the article: a plain match, a
partial match (striped), or text found only in this article (hatched). Ticks
on the outer edge mark the evidence of the listed differences; the editor's own
flags are longer, bolder ticks in their own colour. The frame shows what is
visible; clicking or dragging scrolls there.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import palette

PATTERN = {"match": Qt.BrushStyle.SolidPattern, "partial": Qt.BrushStyle.Dense4Pattern,
           "only": Qt.BrushStyle.BDiagPattern}


class OverviewBar(QWidget):
    def __init__(self, pane, outer: str = "left", parent=None):
        super().__init__(parent)
        self.pane = pane
        self.outer = outer  # the edge away from the text, where the difference ticks go
        self.stripes: list[tuple[int, int, str]] = []  # start, end, kind
        self.ticks: list[tuple[int, int]] = []
        self.user_ticks: list[tuple[int, int]] = []  # the editor's own flags
        self.setFixedWidth(18)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setToolTip("Overview: solid = same facts, dotted = told differently, hatched = only in this "
                        "article, ticks = differences (long green ticks: your own flags). Click to scroll.")
        pane.moved.connect(self.update)

    def set_marks(self, stripes: list[tuple[int, int, str]], ticks: list[tuple[int, int]]) -> None:
        self.stripes, self.ticks = stripes, ticks
        self.update()

    def set_ticks(self, ticks: list[tuple[int, int]], user: list[tuple[int, int]]) -> None:
        """Ticks for the listed differences, and longer ones for the editor's own flags."""
        self.ticks, self.user_ticks = ticks, user
        self.update()

    def _area(self) -> QRectF:
        top = self.pane.viewport_top()
        return QRectF(2, top, self.width() - 4, max(10, self.pane.view_height()))

    def _y(self, doc_y: float, area: QRectF) -> float:
        return area.top() + area.height() * doc_y / self.pane.doc_height()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        area = self._area()
        p.fillRect(area, QColor("#f3f4f6"))
        if self.pane.article is None:
            return
        inner = area.adjusted(3, 0, -3, 0)
        for start, end, kind in self.stripes:
            top, bottom = self.pane.span_doc(start, end)
            y0, y1 = self._y(top, area), self._y(bottom, area)
            rect = QRectF(inner.left(), y0, inner.width(), max(2.0, y1 - y0))
            colour = palette.BAND[kind]
            p.fillRect(rect, palette.faded(colour, 90) if kind != "only" else QColor("#ffffff"))
            p.fillRect(rect, QBrush(colour.darker(110), PATTERN[kind]))
        p.setPen(QPen(QColor(palette.FLAGGED_FG), 2))
        x = area.left() + 1 if self.outer == "left" else area.right() - 1
        for start, end in self.ticks:
            y = self._y(self.pane.span_doc(start, end)[0], area)
            p.drawLine(int(x), int(y), int(x + (4 if self.outer == "left" else -4)), int(y))
        p.setPen(QPen(QColor(palette.USER_FG), 3))
        for start, end in self.user_ticks:
            y = self._y(self.pane.span_doc(start, end)[0], area)
            p.drawLine(int(area.left() + 1), int(y), int(area.right() - 1), int(y))
        seen0 = self._y(self.pane.scroll(), area)
        seen1 = self._y(self.pane.scroll() + self.pane.view_height(), area)
        p.setPen(QPen(palette.INK_C, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(area.left(), seen0, area.width() - 1, max(4.0, min(seen1, area.bottom()) - seen0 - 1)))

    def _jump(self, y: float) -> None:
        area = self._area()
        frac = (y - area.top()) / area.height()
        self.pane.set_scroll(frac * self.pane.doc_height() - self.pane.view_height() / 2)

    def mousePressEvent(self, event) -> None:
        self._jump(event.position().y())

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event.position().y())
