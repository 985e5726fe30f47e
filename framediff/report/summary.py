"""What the summary page shows, taken from the Comparison: flags in review order, share of voice, frame profiles."""
from __future__ import annotations

from collections import Counter

from ..comparison import Comparison, Flag
from ..review import findings

TOP_FLAGS = 5  # unreviewed tool flags on the summary page (more push its charts off the page); the rest under "All differences"
TOP_BARS = 6


def ranked_flags(cmp: Comparison) -> list[Flag]:
    """Flags as the report numbers them (position + 1 is the number every mark uses): the reviewed
    findings, then the tool's unreviewed flags in its order; the dismissed ones are left out."""
    return [cmp.flags[i] for i in findings(cmp.flags).shown()]


UNNAMED_VOICE = "(speaker unclear or not given)"  # the quotes no name is printed for


def voice_shares(cmp: Comparison) -> list[tuple[str, float, float]]:
    """(speaker, share of A's quoted words, share of B's) from `cmp.voices`, biggest voices first."""
    per_side = cmp.voices.get("articles", {}) if isinstance(cmp.voices, dict) else {}
    words = {side: Counter({s["name"] or UNNAMED_VOICE: s.get("words", 0)
                            for s in per_side.get(side, {}).get("speakers", [])}) for side in ("a", "b")}
    return _pairs(words["a"], words["b"])


def frame_shares(cmp: Comparison) -> list[tuple[str, float, float]]:
    """(frame, share in A, share in B) from `cmp.frames["profile"]`, biggest first: shares of all the article's
    passages as the profile gives them (only supported frames are listed, so they need not sum to 1)."""
    profile = cmp.frames.get("profile", {}) if isinstance(cmp.frames, dict) else {}
    return _pairs(Counter(profile.get("a", {})), Counter(profile.get("b", {})), scale=False)


def _pairs(a: Counter, b: Counter, scale: bool = True) -> list[tuple[str, float, float]]:
    ta, tb = (sum(a.values()) or 1, sum(b.values()) or 1) if scale else (1, 1)
    rows = [(k, a[k] / ta, b[k] / tb) for k in set(a) | set(b)]
    rows.sort(key=lambda r: (-max(r[1], r[2]), r[0]))
    return rows[:TOP_BARS]
