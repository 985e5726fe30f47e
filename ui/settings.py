"""What the window remembers: recent files, window layout, zoom (QSettings).

`Settings(path)` stores in an INI file at `path` (tests use a temporary one);
`Settings()` uses FRAMEDIFF_SETTINGS if set, else the user's platform store.
"""
from __future__ import annotations

import json
import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
ARTICLE_FILTER = "Articles and saved comparisons (*.txt *.md *.html *.htm *.json);;All files (*)"  # file dialogs


class Settings:
    def __init__(self, path: str | os.PathLike | None = None):
        path = path or os.environ.get("FRAMEDIFF_SETTINGS")
        self.q = QSettings(str(path), QSettings.Format.IniFormat) if path else QSettings("framediff", "framediff")

    def recent(self) -> list[list[str]]:
        """Recently opened items, newest first: [path A, path B] pairs or [saved comparison]."""
        try:
            items = json.loads(str(self.q.value("recent", "[]")))
        except ValueError:
            return []
        return [i for i in items if isinstance(i, list) and all(isinstance(p, str) for p in i)][:MAX_RECENT]

    def add_recent(self, paths: list[str]) -> None:
        paths = [os.path.abspath(p) for p in paths]
        items = [paths] + [i for i in self.recent() if i != paths]
        self.q.setValue("recent", json.dumps(items[:MAX_RECENT]))

    def clear_recent(self) -> None:
        self.q.setValue("recent", "[]")

    def layout(self, key: str) -> QByteArray | None:
        v = self.q.value(f"layout/{key}")
        return v if isinstance(v, QByteArray) else None

    def set_layout(self, key: str, data: QByteArray) -> None:
        self.q.setValue(f"layout/{key}", data)

    def zoom(self) -> int:
        try:
            return max(-6, min(12, int(self.q.value("zoom", 0))))
        except (TypeError, ValueError):
            return 0

    def set_zoom(self, steps: int) -> None:
        self.q.setValue("zoom", steps)

    def flag(self, key: str, default: bool) -> bool:
        return str(self.q.value(key, default)).lower() in ("true", "1")

    def set_flag(self, key: str, value: bool) -> None:
        self.q.setValue(key, value)

    def sync(self) -> None:
        self.q.sync()
