"""What the summary page shows, taken from the Comparison: ranked flags, share of voice, frame profiles."""
from __future__ import annotations

from collections import Counter

from ..comparison import Comparison, Flag

TOP_FLAGS = 6
TOP_BARS = 7


def ranked_flags(cmp: Comparison) -> list[Flag]:
    """Flags, most severe first (stable): their position + 1 is the number every mark uses."""
    return sorted(cmp.flags, key=lambda f: -f.severity)


def voice_shares(cmp: Comparison) -> list[tuple[str, float, float]]:
    """(speaker, share of A's quoted words, share of B's), biggest voices first."""
    words = {"a": Counter(), "b": Counter()}
    for q in cmp.quotes:
        if q.article in words:
            who = (q.speaker.name or q.speaker.mention) if q.speaker else "unattributed"
            words[q.article][who] += max(len(q.text.split()), 1)
    return _pairs(words["a"], words["b"])


def frame_shares(cmp: Comparison) -> list[tuple[str, float, float]]:
    """(frame, share in A, share in B) from `cmp.frames["profile"]`, biggest first."""
    profile = cmp.frames.get("profile", {}) if isinstance(cmp.frames, dict) else {}
    return _pairs(Counter(profile.get("a", {})), Counter(profile.get("b", {})))


def _pairs(a: Counter, b: Counter) -> list[tuple[str, float, float]]:
    ta, tb = sum(a.values()) or 1, sum(b.values()) or 1
    rows = [(k, a[k] / ta, b[k] / tb) for k in set(a) | set(b)]
    rows.sort(key=lambda r: (-max(r[1], r[2]), r[0]))
    return rows[:TOP_BARS]
