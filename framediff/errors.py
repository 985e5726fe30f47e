"""The one error type users see: bad input or usage, reported as one clear line (exit 2)."""
from __future__ import annotations

import os


class InputError(Exception):
    """Something the user gave us is unusable; the message says what and which file."""


def shown(path: str | os.PathLike) -> str:
    """A file name as it can be shown on one line (control characters such as newlines escaped)."""
    name = os.fsdecode(path)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)
