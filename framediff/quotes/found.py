"""An attribution found in one article, as character offsets into its text."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Found:
    """One attribution, as character offsets into the article text."""

    start: int
    end: int
    kind: str
    verb: str
    verb_span: tuple[int, int]
    speaker: int | None  # token index of the speaker's head word in the parse
    mention_span: tuple[int, int] | None


def paragraph(text: str, i: int) -> tuple[int, int]:
    """(start, end) of the blank-line paragraph holding offset i."""
    s = text.rfind("\n\n", 0, i)
    e = text.find("\n\n", i)
    return (0 if s < 0 else s + 2), (len(text) if e < 0 else e)
