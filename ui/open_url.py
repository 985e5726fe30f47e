"""File ▸ Open URL: a web address for A and/or B, fetched off the GUI thread with progress and cancel.

The engine fetches and reads each page (`framediff.inputs.load_input`, which keeps it in the
page cache); the dialog only shows what happens. A page that cannot be read is reported in the
dialog, which stays open so the address can be corrected. The comparison then reads the pages
from the cache.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QProgressBar,
                               QVBoxLayout)

from framediff.errors import InputError

_RUNNING: set = set()  # fetch threads, kept until they end even if their dialog is gone


def is_url(text: str) -> bool:
    """One http(s) address and nothing else (a pasted or dropped link)."""
    text = text.strip()
    return text.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in text)


class FetchWorker(QThread):
    """Fetches and reads each (side, url); `done({side: url})` once all are read, else `failed(message)`."""

    progress = Signal(str, float)
    done = Signal(dict)
    failed = Signal(str)

    def __init__(self, urls: dict[str, str], refresh: bool = False, parent=None):
        super().__init__(parent)
        self.urls, self.refresh = urls, refresh
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop reporting: a fetch under way ends at its own timeout, and its result is dropped."""
        self._cancel.set()

    def run(self) -> None:
        from framediff.inputs import load_input

        try:
            for i, (side, url) in enumerate(self.urls.items()):
                if self._cancel.is_set():
                    return
                self.progress.emit(f"Fetching {side.upper()}: {url}", i / len(self.urls))
                load_input(url, side, refresh=self.refresh)
        except InputError as e:
            if not self._cancel.is_set():
                self.failed.emit(str(e))
            return
        except Exception as e:  # an engine bug: say so, keep the window
            if not self._cancel.is_set():
                self.failed.emit(f"{type(e).__name__}: {str(e)[:200]}")
            return
        if not self._cancel.is_set():
            self.done.emit(dict(self.urls))


class OpenUrlDialog(QDialog):
    """Addresses for A and B (either may stay empty); `urls` holds those read once accepted."""

    def __init__(self, parent=None, a: str = "", b: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Open articles from the web")
        self.setObjectName("open_url")
        self.urls: dict[str, str] = {}
        self.worker: FetchWorker | None = None
        self.fields = {side: QLineEdit(text) for side, text in (("a", a), ("b", b))}
        form = QFormLayout()
        for side, field in self.fields.items():
            field.setPlaceholderText("https://… (a news page, or a web.archive.org/web/… snapshot)")
            field.setAccessibleName(f"Address of article {side.upper()}")
            form.addRow(f"Article &{side.upper()}:", field)
        self.refresh = QCheckBox("&Fetch again, even if read before")
        self.status = QLabel("Leave a side empty to open only the other.")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: a page's size is not known in advance
        self.bar.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.fetch)
        self.buttons.rejected.connect(self.cancel)
        col = QVBoxLayout(self)
        col.addLayout(form)
        for w in (self.refresh, self.status, self.bar, self.buttons):
            col.addWidget(w)
        self.resize(640, self.sizeHint().height())

    def fetch(self) -> None:
        urls = {side: f.text().strip() for side, f in self.fields.items() if f.text().strip()}
        if not urls:
            self.status.setText("Type or paste the address of at least one article.")
            return
        self.worker = w = FetchWorker(urls, self.refresh.isChecked())
        w.progress.connect(lambda text, _f: self._busy(w, text))
        w.done.connect(lambda found: self._done(w, found))
        w.failed.connect(lambda message: self._failed(w, message))
        _RUNNING.difference_update([t for t in _RUNNING if t.isFinished()])
        _RUNNING.add(w)
        self._set_busy(True)
        w.start()

    def cancel(self) -> None:
        """During a fetch: stop it and stay open; otherwise close."""
        if self.worker is None:
            self.reject()
            return
        self.worker.cancel()
        self.worker = None
        self._set_busy(False)
        self.status.setText("Cancelled. Change the addresses or try again.")

    def _busy(self, w, text: str) -> None:
        if w is self.worker:
            self.status.setText(text)

    def _done(self, w, found: dict) -> None:
        if w is self.worker:
            self.worker = None
            self.urls = found
            self.accept()

    def _failed(self, w, message: str) -> None:
        if w is self.worker:
            self.worker = None
            self._set_busy(False)
            self.status.setText(f"Could not open: {message}")

    def _set_busy(self, busy: bool) -> None:
        for w in (*self.fields.values(), self.refresh):
            w.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(not busy)
        self.bar.setVisible(busy)

    def done(self, result: int) -> None:
        """Closing never waits for a fetch: it is cancelled, and its thread left to end at its timeout."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker = None
        super().done(result)
