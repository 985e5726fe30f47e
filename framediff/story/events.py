"""Grouping inputs by event with the pair same-event verdicts.

Average linkage: pairs are taken by score, best first; two groups join when more than half of
the pairs across them are judged the same event. An article judged the same event as no other
stays on its own (a single); one chance verdict cannot pull two events into one.
"""
from __future__ import annotations

from .model import PairScore


def group_events(ids: list[str], scores: list[PairScore]) -> tuple[list[list[str]], list[str]]:
    """(events: lists of two or more ids, in input order; singles), events ordered by first article."""
    verdict = {frozenset((p.a, p.b)): p.verdict for p in scores}
    group = {i: [i] for i in ids}  # id -> its group (shared list)
    for p in sorted(scores, key=lambda p: -p.score):
        if not p.verdict or group[p.a] is group[p.b]:
            continue
        g1, g2 = group[p.a], group[p.b]
        agree = sum(verdict.get(frozenset((x, y)), False) for x in g1 for y in g2)
        if 2 * agree > len(g1) * len(g2):
            merged = g1 + g2
            for i in merged:
                group[i] = merged
    order = {i: n for n, i in enumerate(ids)}
    seen: list[list[str]] = []
    for i in ids:
        if not any(group[i] is g for g in seen):
            seen.append(group[i])
    events = [sorted(g, key=order.get) for g in seen if len(g) > 1]
    singles = [g[0] for g in seen if len(g) == 1]
    return events, singles
