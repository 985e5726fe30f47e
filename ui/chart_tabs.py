"""The Voices and Frames tabs: one paired bar chart (A against B) with a note above it."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from framediff.report.summary import frame_shares, voice_shares

from .charts import PairedBars


class ChartTab(QWidget):
    """A note, and bars of `rows(cmp)` for each article; `empty` is shown when there are none."""

    def __init__(self, name: str, note: str, waiting: str, empty: str, rows: Callable, parent=None):
        super().__init__(parent)
        label = QLabel(note)
        label.setWordWrap(True)
        self._empty, self._rows = empty, rows
        self.chart = PairedBars(waiting)
        self.chart.setObjectName(f"{name}_chart")
        self.chart.setAccessibleName(f"{note.split(':')[0]}, A and B")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        box = QVBoxLayout(self)
        box.addWidget(label)
        box.addWidget(scroll, 1)

    def set_comparison(self, cmp) -> None:
        if cmp is None:
            self.chart.set_rows([], ("A", "B"))
            return
        a, b = cmp.articles
        self.chart.empty = self._empty
        self.chart.set_rows(self._rows(cmp), (a.outlet or "A", b.outlet or "B"))


def voices_tab() -> ChartTab:
    """Whose words each outlet carries (share of quoted words per speaker)."""
    return ChartTab("voices", "Share of voice: of all the words each article quotes, how many each speaker gets.",
                    "No quoted speakers yet: the chart appears once the comparison is done.",
                    "Neither article quotes anyone by name.", voice_shares)


def frames_tab() -> ChartTab:
    """How much of each article leans on each news frame."""
    return ChartTab("frames", "Frame profile: the share of each article's passages the engine assigns to each frame.",
                    "No frame profile yet: the chart appears once the comparison is done.",
                    "The engine found no frames in these articles.", frame_shares)
