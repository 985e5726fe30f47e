"""The Frames tab: how much of each article leans on each news frame (conflict, economy, …)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from framediff.report.summary import frame_shares

from .charts import PairedBars


class FramesTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        note = QLabel("Frame profile: the share of each article's passages the engine assigns to each frame.")
        note.setWordWrap(True)
        self.chart = PairedBars("No frame profile yet: the chart appears once the comparison is done.")
        self.chart.setObjectName("frames_chart")
        self.chart.setAccessibleName("Frame profile, A and B")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        box = QVBoxLayout(self)
        box.addWidget(note)
        box.addWidget(scroll, 1)

    def set_comparison(self, cmp) -> None:
        if cmp is None:
            self.chart.set_rows([], ("A", "B"))
            return
        a, b = cmp.articles
        self.chart.empty = "The engine found no frames in these articles."
        self.chart.set_rows(frame_shares(cmp), (a.outlet or "A", b.outlet or "B"))
