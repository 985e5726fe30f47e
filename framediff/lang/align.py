"""Passages aligned by meaning across languages, on multilingual-e5 vectors.

framediff.align's score adds shared rare words and number agreement, which mean nothing between two
scripts, and its thresholds are MiniLM's; here the score is the cosine less the mean cosine of the two
units to their HUB_K nearest on the other side (CSLS, which e5's high, crowded cosines need), pairs are
taken best first and one to one from MATCH_AT (and an absolute cosine COS_AT), then a weaker pair between two matched neighbours
(NEIGHBOUR_AT) joins, as outlets tell facts in the same order. Thresholds fitted on bench/lang.py.
"""
from __future__ import annotations

import numpy as np

from ..comparison import Article, Group

HUB_K = 3
MATCH_AT = 0.02  # CSLS margin from which two passages tell the same thing (bench/lang.py)
NEIGHBOUR_AT = -0.01  # a weaker pair between two matched neighbours
CLOSE_AT = 0.05  # from this margin a group is "match", below it "partial"
# the margin is relative: two short articles of different events still have a "best" pair, so a pair
# taken first must also be close in absolute terms (e5 cosine), and a neighbour somewhat close
COS_AT, COS_NEIGHBOUR_AT = 0.84, 0.80


def margins(va: np.ndarray, vb: np.ndarray) -> np.ndarray:
    sims = va @ vb.T
    ka, kb = min(HUB_K, sims.shape[1]), min(HUB_K, sims.shape[0])
    ha = np.sort(sims, axis=1)[:, -ka:].mean(axis=1)
    hb = np.sort(sims, axis=0)[-kb:, :].mean(axis=0)
    return sims - (ha[:, None] + hb[None, :]) / 2


def align_across(a: Article, b: Article, va: np.ndarray, vb: np.ndarray) -> tuple[list[Group], dict[str, list[str]]]:
    """Groups of one unit each side (no diff: the views show both whole), and the units left unmatched."""
    if len(va) == 0 or len(vb) == 0:
        return [], {"a": [u.id for u in a.units], "b": [u.id for u in b.units]}
    m, cos = margins(va, vb), va @ vb.T
    pairs: dict[int, tuple[int, float]] = {}
    used_b: set[int] = set()
    for flat in np.argsort(-m, axis=None):
        i, j = divmod(int(flat), m.shape[1])
        if m[i, j] < MATCH_AT:
            break
        if i not in pairs and j not in used_b and cos[i, j] >= COS_AT:
            pairs[i] = (j, float(m[i, j]))
            used_b.add(j)
    changed = True
    while changed:
        changed = False
        for i in range(len(va)):
            if i in pairs:
                continue
            for d in (-1, 1):
                lo, hi = pairs.get(i - d), pairs.get(i + d)
                j = (lo[0] + d) if lo else (hi[0] - d) if hi else None
                if j is not None and 0 <= j < len(vb) and j not in used_b and m[i, j] >= NEIGHBOUR_AT \
                        and cos[i, j] >= COS_NEIGHBOUR_AT and int(np.argmax(m[i])) == j:
                    pairs[i] = (j, float(m[i, j]))
                    used_b.add(j)
                    changed = True
                    break
    groups = [Group(id=f"g{n + 1}", a=[a.units[i].id], b=[b.units[j].id], score=round(s, 3),
                    kind="match" if s >= CLOSE_AT else "partial")
              for n, (i, (j, s)) in enumerate(sorted(pairs.items()))]
    unmatched = {"a": [u.id for k, u in enumerate(a.units) if k not in pairs],
                 "b": [u.id for k, u in enumerate(b.units) if k not in used_b]}
    return groups, unmatched
