"""A message strip across the top of the window: the different-events warning, errors, notices.

Messages are plain text and say what to do; the window keeps running.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from . import palette


class MessageBar(QFrame):
    action = Signal()

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.level = ""
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        self.close_button = QPushButton("Dismiss")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        row.addWidget(self.close_button)
        self.button.clicked.connect(self.action)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_message(self, level: str, text: str, action: str = "", closable: bool = True) -> None:
        bg, fg = palette.BANNER[level]
        self.level = level
        self.setStyleSheet(f"#{self.objectName()} {{ background:{bg}; border:1px solid {fg}; border-radius:4px; }}"
                           f"#{self.objectName()} QLabel {{ color:{fg}; }}")
        self.label.setText(text)
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.close_button.setVisible(closable)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
