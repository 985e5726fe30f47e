"""What a run has finished, kept in DIR so a killed run redoes only the unfinished work.

Every finished piece is one file written atomically (temporary file, then rename): a batch of
ingested articles, a batch of pair scores, an event's story, a batch of single-article analyses.
A file's name carries a fingerprint of what it was made from, so a changed input is redone, never
mixed in. DIR/work/run.json names the input and model; another run's DIR is refused, not overwritten.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..errors import InputError, shown
from ..output import write_atomic, write_json


def fingerprint(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:10]


class Work:
    """The finished pieces of one run in DIR/work/<kind>/<key>.json."""

    def __init__(self, out: Path, input_spec: str, model: str | None):
        self.out = out
        self.root = out / "work"
        me = {"input": os.path.abspath(input_spec), "model": model or ""}
        marker = self.root / "run.json"
        if marker.is_file():
            try:
                was = json.loads(marker.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                was = None
            if was != me:
                raise InputError(f"{shown(out)}: holds a corpus run of another input or model; choose another --out")
        elif out.exists() and any(out.iterdir()):
            raise InputError(f"{shown(out)}: is not empty and holds no corpus run; choose another --out")
        self.root.mkdir(parents=True, exist_ok=True)
        if not marker.is_file():
            write_atomic(marker, json.dumps(me))

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.json"

    def load(self, kind: str, key: str) -> Any | None:
        """The finished piece, or None when it is not there (or damaged: it is then redone)."""
        try:
            return json.loads(self._path(kind, key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save(self, kind: str, key: str, data: Any) -> None:
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json(data, path)
