"""The side-by-side layout: one row per aligned group in A's reading order, omissions in rows of their own.

Passages told by one article only, next to each other in the layout, fold into one row: a stretch
where the two articles tell different things reads as one row of "only in A" beside "only in B",
not as pages of rows alternating between them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..comparison import Comparison, Unit


@dataclass
class Row:
    """One numbered row: `kind` is match, partial, only-a, only-b, or only-each (passages of both sides,
    none matched)."""

    number: int
    kind: str
    a: list[Unit]
    b: list[Unit]


def _runs(article, ids: list[str]) -> list[list[Unit]]:
    """Unmatched units, as runs of neighbours within one paragraph."""
    order = {u.id: i for i, u in enumerate(article.units)}
    runs: list[list[Unit]] = []
    for uid in sorted(ids, key=order.__getitem__):
        u = article.unit(uid)
        last = runs[-1][-1] if runs else None
        if last and order[uid] == order[last.id] + 1 and u.paragraph == last.paragraph:
            runs[-1].append(u)
        else:
            runs.append([u])
    return runs


def build_rows(cmp: Comparison) -> list[Row]:
    """Rows in A's reading order; each run only in B follows the row holding B's passage before it."""
    a, b = cmp.articles
    pos_a = {u.id: i for i, u in enumerate(a.units)}
    pos_b = {u.id: i for i, u in enumerate(b.units)}
    rows = [(pos_a[g.a[0]] if g.a else -1, Row(0, g.kind, [a.unit(i) for i in g.a], [b.unit(i) for i in g.b]))
            for g in cmp.alignment]
    rows += [(pos_a[run[0].id], Row(0, "only-a", run, [])) for run in _runs(a, cmp.unmatched.get("a", []))]
    ordered = [r for _, r in sorted(rows, key=lambda pr: pr[0])]
    for run in reversed(_runs(b, cmp.unmatched.get("b", []))):
        before = pos_b[run[0].id]
        holders = [i for i, r in enumerate(ordered) if r.b and min(pos_b[u.id] for u in r.b) < before]
        at = max(holders, key=lambda i: max(pos_b[u.id] for u in ordered[i].b if pos_b[u.id] < before)) + 1 if holders else 0
        ordered.insert(at, Row(0, "only-b", [], run))
    ordered = _fold(ordered)
    for n, r in enumerate(ordered, 1):
        r.number = n
    return ordered


def _fold(rows: list[Row]) -> list[Row]:
    """Each stretch of neighbouring rows without a match, as one row."""
    out: list[Row] = []
    for r in rows:
        if out and r.kind.startswith("only") and out[-1].kind.startswith("only"):
            last = out.pop()
            a, b = last.a + r.a, last.b + r.b
            r = Row(0, "only-each" if a and b else "only-a" if a else "only-b", a, b)
        out.append(r)
    return out
