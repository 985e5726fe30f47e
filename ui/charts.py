"""Paired horizontal bars (A above B) drawn with QPainter, for share of voice and frame profiles.

Each bar carries its side letter and percentage as text, and B's bars are
hatched, so the chart reads in grey print and without colour vision.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import palette

ROW_H = 44


class PairedBars(QWidget):
    """Rows of (label, share in A, share in B); shares are fractions 0..1."""

    def __init__(self, empty: str, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, float, float]] = []
        self.empty = empty
        self.names = ("A", "B")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: list[tuple[str, float, float]], names: tuple[str, str]) -> None:
        self.rows, self.names = rows, names
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 40 + ROW_H * max(1, len(self.rows)))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.rows:
            p.setPen(palette.MUTED_C)
            p.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.TextFlag.TextWordWrap, self.empty)
            return
        label_w = min(150, max(fm.horizontalAdvance(r[0]) for r in self.rows) + 12)
        x0, right = 8 + label_w, self.width() - 70
        y = 8
        for side, name in zip("ab", self.names):  # legend
            self._bar(p, QRectF(x0 + (0 if side == "a" else 160), y, 14, 10), side)
            p.setPen(palette.INK_C)
            p.drawText(int(x0 + (0 if side == "a" else 160) + 20), y + 10, fm.elidedText(
                f"{side.upper()}: {name}", Qt.TextElideMode.ElideRight, 135))
        y += 26
        for label, a, b in self.rows:
            p.setPen(palette.INK_C)
            p.drawText(QRectF(8, y, label_w - 8, ROW_H - 8), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                       fm.elidedText(label, Qt.TextElideMode.ElideRight, 2 * (label_w - 8)))
            for i, (side, share) in enumerate((("a", a), ("b", b))):
                top = y + 4 + i * 17
                rect = QRectF(x0, top, max(1.0, (right - x0) * share), 13)
                self._bar(p, rect, side)
                p.setPen(palette.INK_C)
                p.drawText(int(rect.right() + 5), int(top + 11), f"{side.upper()} {share * 100:.0f}%")
            y += ROW_H

    @staticmethod
    def _bar(p: QPainter, rect: QRectF, side: str) -> None:
        colour = palette.SIDE[side]
        p.setPen(QPen(colour, 1))
        p.setBrush(palette.faded(colour, 200) if side == "a" else QBrush(colour, Qt.BrushStyle.BDiagPattern))
        p.drawRect(rect)
