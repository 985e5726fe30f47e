"""Find (Ctrl+F): a bar under the panes that marks every match in both articles.

Enter goes to the next match, Shift+Enter to the previous, Escape closes.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QWidget):
    found = Signal(dict)  # side -> [(start, end)]
    current = Signal(str, int, int)  # side, start, end of the match to show
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.texts: dict[str, str] = {}
        self.hits: list[tuple[str, int, int]] = []
        self.index = -1
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in both articles")
        self.edit.setAccessibleName("Find text")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel("")
        prev, nxt, close = QPushButton("&Previous"), QPushButton("&Next"), QPushButton("Close")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        label = QLabel("Fi&nd:")
        label.setBuddy(self.edit)
        for w in (label, self.edit, prev, nxt, self.count):
            row.addWidget(w, 1 if w is self.edit else 0)
        row.addStretch()
        row.addWidget(close)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(lambda: self.step(1))
        prev.clicked.connect(lambda: self.step(-1))
        nxt.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        self.hide()

    def set_texts(self, texts: dict[str, str]) -> None:
        self.texts = texts
        if self.isVisible():
            self._search(self.edit.text())

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.found.emit({})
        self.closed.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.step(-1)
        else:
            super().keyPressEvent(event)

    def _search(self, term: str) -> None:
        self.hits, self.index = [], -1
        if term.strip():
            pattern = re.compile(re.escape(term), re.IGNORECASE)
            for side in "ab":
                self.hits += [(side, m.start(), m.end()) for m in pattern.finditer(self.texts.get(side, ""))]
        spans = {side: [(s, e) for sd, s, e in self.hits if sd == side] for side in "ab"}
        n_a, n_b = len(spans["a"]), len(spans["b"])
        self.count.setText(f"{n_a} in A, {n_b} in B" if term.strip() else "")
        self.found.emit(spans)

    def step(self, delta: int) -> None:
        if not self.hits:
            return
        self.index = (self.index + delta) % len(self.hits)
        side, start, end = self.hits[self.index]
        self.count.setText(f"{self.index + 1} of {len(self.hits)} ({side.upper()})")
        self.current.emit(side, start, end)
