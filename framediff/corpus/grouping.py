"""Events from the confirmed pairs, by the story view's own rule (`story.events.group_events`).

First pass: the candidate pairs' verdicts only (a pair never scored counts as not the same event).
A group too large for one story (more than `story.model.MAX_ARTICLES`) is cut, by date then input
order, into near-equal parts. Second pass: every pair inside each group is scored (`missing`) and
the group regrouped on complete evidence, so its story, which scores every pair of its articles
again and groups them by the same rule, finds the same event.
"""
from __future__ import annotations

from itertools import combinations

from ..story.events import group_events
from ..story.model import MAX_ARTICLES, PairScore


def scores_of(rows: list[list]) -> list[PairScore]:
    """PairScores keyed by row numbers as text, from `tasks.score_pairs` results."""
    return [PairScore(str(x), str(y), s, v, r) for x, y, s, v, r in rows]


def first_groups(keys: list[int], scores: list[PairScore], dates: dict[int, str]) -> list[list[int]]:
    """Groups of two or more rows from the candidate pairs, none larger than a story takes."""
    groups, _ = group_events([str(k) for k in keys], scores)
    out = []
    for g in groups:
        rows = sorted((int(k) for k in g), key=lambda r: (dates.get(r) or "9999", r))
        parts = -(-len(rows) // MAX_ARTICLES)
        size = -(-len(rows) // parts)
        out += [sorted(rows[i:i + size]) for i in range(0, len(rows), size) if len(rows[i:i + size]) > 1]
    return out


def missing(groups: list[list[int]], scored: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs inside the groups that have no score yet."""
    return sorted({p for g in groups for p in combinations(sorted(g), 2) if p not in scored})


def final_events(groups: list[list[int]], scores: list[PairScore]) -> list[list[int]]:
    """Each group regrouped on the scores of all its pairs: the events, each in row order."""
    out = []
    for g in groups:
        mine = {str(r) for r in g}
        sub, _ = group_events([str(r) for r in g], [p for p in scores if p.a in mine and p.b in mine])
        out += [sorted(int(k) for k in e) for e in sub]
    return sorted(out)
