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
    confidence: float = 1.0  # how sure the speaker is (lower for a quote that only follows another)


def paragraph(text: str, i: int) -> tuple[int, int]:
    """(start, end) of the blank-line paragraph holding offset i."""
    s = text.rfind("\n\n", 0, i)
    e = text.find("\n\n", i)
    return (0 if s < 0 else s + 2), (len(text) if e < 0 else e)


def strip_edges(text: str, start: int, end: int, edge: str) -> tuple[int, int]:
    """(start, end) without the characters of `edge` at either end and without a leading "that "."""
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    if text[start:start + 5].lower() == "that ":
        start += 5
    return start, end


_EDGE = "\"“”«»「」『』„ \n\t,.;:'‘’"


def core(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's words without its quotation marks, edge punctuation and leading "that"."""
    return strip_edges(text, start, end, _EDGE)
