"""The Differences tab: the engine's flags, most severe first, filterable by type.

Choosing a row (click, arrow keys, or Alt+Down / Alt+Up from anywhere) asks
the window to bring its evidence into view in both panes. Numbers are the
flag's rank, the same numbers the PDF and HTML report use.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from framediff.report.summary import ranked_flags

ALL = "All types"


def _type_label(t: str) -> str:
    return t.replace("_", " ")


def _severity_label(s: float) -> str:
    return "high" if s >= 0.66 else "medium" if s >= 0.33 else "low"


class DifferencesTab(QWidget):
    chosen = Signal(object)  # the Flag

    def __init__(self, parent=None):
        super().__init__(parent)
        self.flags: list = []
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show differences of type")
        self.note = QLabel("Differences appear here once the comparison is done.")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("differences")
        self.tree.setAccessibleName("Differences, most severe first")
        self.tree.setHeaderLabels(["#", "Difference", "Type"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        row = QHBoxLayout()
        show = QLabel("&Show:")
        show.setBuddy(self.filter)
        row.addWidget(show)
        row.addWidget(self.filter, 1)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.note)
        box.addWidget(self.tree, 1)
        self.filter.currentIndexChanged.connect(self._refill)
        self.tree.currentItemChanged.connect(self._current)

    def set_comparison(self, cmp) -> None:
        self.flags = ranked_flags(cmp) if cmp is not None else []
        counts: dict[str, int] = {}
        for f in self.flags:
            counts[f.type] = counts.get(f.type, 0) + 1
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(f"{ALL} ({len(self.flags)})", ALL)
        for t, n in sorted(counts.items(), key=lambda tn: (-tn[1], tn[0])):
            self.filter.addItem(f"{_type_label(t)} ({n})", t)
        self.filter.blockSignals(False)
        if cmp is None:
            self.note.setText("Differences appear here once the comparison is done.")
        elif not self.flags:
            self.note.setText("The engine flagged no framing differences. Alt+Down still steps "
                              "through the matched and unmatched passages.")
        else:
            self.note.setText("Most severe first. Select one (or press Alt+Down / Alt+Up anywhere) "
                              "to see its evidence in both articles.")
        self._refill()

    def _refill(self) -> None:
        want = self.filter.currentData() or ALL
        self.tree.clear()
        for rank, f in enumerate(self.flags, 1):
            if want != ALL and f.type != want:
                continue
            item = QTreeWidgetItem([str(rank), f.summary, f"{_type_label(f.type)}\n{_severity_label(f.severity)}"])
            item.setData(0, Qt.ItemDataRole.UserRole, rank - 1)
            item.setToolTip(1, f.summary)
            item.setToolTip(2, f"severity {f.severity:.2f}")
            self.tree.addTopLevelItem(item)

    def _current(self, item, _previous=None) -> None:
        if item is not None:
            self.chosen.emit(self.flags[item.data(0, Qt.ItemDataRole.UserRole)])

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def step(self, delta: int) -> bool:
        """Select the next/previous shown difference; False when there is none to step to."""
        n = self.count()
        if n == 0:
            return False
        i = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else -1
        i = (i + delta) % n if i >= 0 else (0 if delta > 0 else n - 1)
        self.tree.setCurrentItem(self.tree.topLevelItem(i))
        self.tree.scrollToItem(self.tree.currentItem())
        return True
