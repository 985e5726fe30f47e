"""Do two articles report the same event, or the same kind of event on another occasion?

Topic similarity cannot tell: three different meetings on one subject read
alike. The evidence used is what pins an event down: how much of the two
articles tells the same facts (the alignment), whether their dates agree, and
how many of the specific names and numbers of one appear in the other.
"""
from __future__ import annotations

import math
import re
from datetime import date

from .comparison import Article, Group, SameEvent

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*")
_NUM = re.compile(r"\b\d+(?:[.,]\d+)?\b")


def _specifics(text: str) -> set[str]:
    return {m.group(0).lower() for m in _NAME.finditer(text)} | set(_NUM.findall(text))


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def same_event(a: Article, b: Article, groups: list[Group]) -> SameEvent:
    """Score in [0, 1] and a verdict, with the reasons a reader can check."""
    covered = sum(len(g.a) + len(g.b) for g in groups)
    total = max(len(a.units) + len(b.units), 1)
    coverage = covered / total
    sa, sb = _specifics(a.text), _specifics(b.text)
    shared = len(sa & sb) / max(min(len(sa), len(sb)), 1)
    z = -3.0 + 9.0 * coverage + 2.0 * shared
    reasons = [f"{coverage:.0%} of the passages tell the same facts",
               f"{shared:.0%} of the specific names and numbers are shared"]
    gap = _days_apart(a.date, b.date) if a.date and b.date else None
    if gap is not None:
        if gap > 7:
            z -= 4.0
            reasons.append(f"the articles are dated {gap} days apart ({a.date} / {b.date})")
        elif gap <= 2:
            z += 1.0
            reasons.append(f"the articles are dated within {gap} day(s) of each other")
    score = 1 / (1 + math.exp(-z))
    return SameEvent(round(score, 3), score >= 0.5, reasons)
