"""Framing differences: the flags an editor would circle (filled by the framing step)."""
from __future__ import annotations

from ..comparison import Comparison


def analyse_framing(cmp: Comparison, embed) -> None:
    """Fill cmp.flags, cmp.frames and cmp.tone."""
    cmp.flags = []
