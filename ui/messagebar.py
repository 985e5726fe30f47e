"""A message strip across the top of the window: the different-events warning, errors, notices.

Messages are plain text and say what to do; the window keeps running.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from . import palette


class MessageBar(QFrame):
    action = Signal()

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.level = ""
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        self.close_button = QPushButton("Dismiss")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        col = QVBoxLayout()
        col.setSpacing(2)
        col.addWidget(self.title)
        col.addWidget(self.label)
        row.addLayout(col, 1)
        row.addWidget(self.button)
        row.addWidget(self.close_button)
        self.button.clicked.connect(self.action)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_message(self, level: str, text: str, action: str = "", title: str = "") -> None:
        """Show `text` (and a bold `title` above it) at `level` warn, error or info; `action` names a button."""
        bg, fg = palette.BANNER[level]
        self.level = level
        self.setStyleSheet(f"#{self.objectName()} {{ background:{bg}; border:1px solid {fg}; border-radius:4px; }}"
                           f"#{self.objectName()} QLabel {{ color:{fg}; }}")
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.label.setText(text)
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.show()

    def text(self) -> str:
        return " ".join(t for t in (self.title.text() if self.title.isVisibleTo(self) else "", self.label.text()) if t) \
            if self.isVisible() else ""
