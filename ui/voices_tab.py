"""The Voices tab: whose words each outlet carries (share of quoted words per speaker)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from framediff.report.summary import voice_shares

from .charts import PairedBars


class VoicesTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        note = QLabel("Share of voice: of all the words each article quotes, how many each speaker gets.")
        note.setWordWrap(True)
        self.chart = PairedBars("No quoted speakers yet: the chart appears once the comparison is done.")
        self.chart.setObjectName("voices_chart")
        self.chart.setAccessibleName("Share of voice per speaker, A and B")
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
        self.chart.empty = "Neither article quotes anyone by name."
        self.chart.set_rows(voice_shares(cmp), (a.outlet or "A", b.outlet or "B"))
