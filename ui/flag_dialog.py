"""The two small dialogs of the review: flag a difference yourself, and give a tool flag a verdict and a note.

Both are opened with `open()` (modal to the window, not blocking the event loop) and say what they
will change before they change it; the window acts on `accepted`.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
                               QRadioButton, QVBoxLayout)

from framediff.review import TYPE_LABEL, USER_TYPES

CLIP = 160


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CLIP else text[:CLIP - 1].rstrip() + "…"


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class FlagDialog(QDialog):
    """Type and words of the editor's own flag; shows the words picked in A and B."""

    def __init__(self, picked: dict[str, str], kind: str = "naming", words: str = "", editing: bool = False,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle("Edit your flag" if editing else "Flag difference")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Type of difference")
        for label, value in USER_TYPES.items():
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(USER_TYPES.get(kind, kind))))
        self.words = QPlainTextEdit(words)
        self.words.setAccessibleName("What differs, in your words")
        self.words.setPlaceholderText("What differs, in your words: this is what the report shows.")
        self.words.setTabChangesFocus(True)
        self.words.setFixedHeight(90)
        form = QFormLayout()
        for side in "ab":
            text = picked.get(side)
            form.addRow(f"{side.upper()}:", _label(f"“{_clip(text)}”" if text else
                                                   "nothing marked (select words, or click a sentence, there first)"))
        type_label = QLabel("&Type:")
        type_label.setBuddy(self.kind)
        form.addRow(type_label, self.kind)
        words_label = QLabel("&Note:")
        words_label.setBuddy(self.words)
        form.addRow(words_label, self.words)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save flag" if editing else "Flag")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.words.setFocus()

    def choice(self) -> tuple[str, str]:
        """(type, words) as chosen."""
        return self.kind.currentData(), self.words.toPlainText()


class NoteDialog(QDialog):
    """A verdict (confirmed or dismissed) and a note on one tool flag."""

    def __init__(self, flag, state: str | None, note: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Note on this difference")
        self.confirmed = QRadioButton("&Confirmed: it is right")
        self.dismissed = QRadioButton("&Dismissed: it is wrong (kept, hidden from the report)")
        group = QButtonGroup(self)
        for b in (self.confirmed, self.dismissed):
            group.addButton(b)
        (self.dismissed if state == "dismissed" else self.confirmed).setChecked(True)
        self.note = QPlainTextEdit(note)
        self.note.setAccessibleName("Your note")
        self.note.setPlaceholderText("Why: what you checked, what is right or wrong about it. The report shows it.")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(_label(f"{TYPE_LABEL.get(flag.type, flag.type)}: {_clip(flag.summary)}"))
        box.addWidget(self.confirmed)
        box.addWidget(self.dismissed)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        box.addWidget(note_label)
        box.addWidget(self.note)
        box.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.note.setFocus()

    def choice(self) -> tuple[str, str]:
        """(status, note) as chosen."""
        return ("dismissed" if self.dismissed.isChecked() else "confirmed"), self.note.toPlainText()
