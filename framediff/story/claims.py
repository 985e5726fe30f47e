"""Claims: every unit of every outlet of one event in exactly one claim, built from the pair alignments.

Each pair of outlets is aligned by `align.align` (inside the pair comparison, exactly as `compare X Y`);
its groups are the evidence. `Clusters` places the groups, best score first (two passes), each by the
move that most raises the claims' agreement, so that unrelated units are not chained together (A1~B1
and B1~C1 while the A-C alignment matched A1 to C5): two units of one claim agree by their pair
group's score when their pair alignment matched them, disagree strongly (CONTRA) when it matched one
of them elsewhere, and mildly (APART) when it says nothing about them (a link only by way of a third
outlet). An outlet tells a claim in one unit, or in two or more when one pair group holds them
together, or in two neighbouring sentences. Units no group placed are claims told by one outlet.
Rows are ordered by how many outlets tell them, then by where they first appear (relative position).
On BASIL triplets restricted to two outlets (bench/story.py, docs/story.md) the claims agree with the
pair alignment: F1 equal, precision higher, recall lower.
"""
from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from itertools import combinations, count

from ..comparison import Article, Comparison
from ..framing.prominence import LEAD, LEAD_UNITS
from ..wordiff import word_diff
from .model import Cell, Claim

_WORD = re.compile(r"\w+", re.U)
CONTRA = 1.0  # agreement of two units one pair alignment matched elsewhere: it says they differ
APART = 0.3  # of two units their pair alignment says nothing about (bench/story.py: 0.2-0.3 best on BASIL)
PASSES = 2  # over all pair groups: a later group can make an earlier move worth it


def pair_groups(pairs: dict[tuple[str, str], Comparison]) -> list[tuple[dict[str, list[str]], float]]:
    """Every group of every pair comparison as ({story article id: [story unit ids]}, score)."""
    out = []
    for (x, y), cmp in pairs.items():
        for g in cmp.alignment:
            out.append(({x: [x + u[1:] for u in g.a], y: [y + u[1:] for u in g.b]}, g.score))
    return out


def build_claims(articles: list[Article], pairs: dict[tuple[str, str], Comparison]) -> list[Claim]:
    """The claims of one event: `articles` its articles, `pairs` the comparison of every two of them."""
    groups = sorted(pair_groups(pairs), key=lambda g: -g[1])
    clusters = Clusters(groups)
    for _ in range(PASSES):
        for units, _score in groups:
            clusters.place(units)
    rows = []
    for members in clusters.claims.values():
        told: dict[str, set[str]] = defaultdict(set)
        for aid, u in members:
            told[aid].add(u)
        scores = [s for a, b in combinations(sorted(members), 2) if (s := clusters.link.get(frozenset((a, b)))) is not None]
        rows.append((told, round(sum(scores) / len(scores), 3) if scores else 0.0))
    placed = set().union(*clusters.claims.values()) if clusters.claims else set()
    rows += [({a.id: {u.id}}, 0.0) for a in articles for u in a.units if (a.id, u.id) not in placed]
    by_id = {a.id: a for a in articles}
    index = {a.id: {u.id: k for k, u in enumerate(a.units)} for a in articles}
    order = {a.id: n for n, a in enumerate(articles)}

    def first(units: dict[str, set[str]]) -> tuple:
        return min((index[aid][u] / max(len(by_id[aid].units) - 1, 1), order[aid], index[aid][u])
                   for aid, us in units.items() for u in us)

    rows.sort(key=lambda r: (-len(r[0]), first(r[0])))
    out = []
    for n, (units, score) in enumerate(rows, 1):
        told = {aid: sorted(us, key=index[aid].get) for aid, us in sorted(units.items(), key=lambda kv: order[kv[0]])}
        out.append(_with_cells(Claim(f"c{n}", told, score), articles, index))
    return out


def _adjacent(units: set[str]) -> bool:
    """Two units next to each other in their article (ids "c4", "c5")."""
    if len(units) != 2:
        return False
    a, b = sorted(int(u[1:]) for u in units)
    return b - a == 1


class Clusters:
    """Units of all outlets in claims, grown from the pair groups (best first) by the change in agreement.

    The agreement of two units of different outlets in one claim: the score of their pair group when
    their pair alignment matched them; -CONTRA when it matched either to another unit of the other's
    outlet (the pair alignment says no); -APART when it says nothing about them (no evidence: a link
    only by way of a third outlet). For each pair group, the best of these moves is made when it raises
    the total: join the claims its units are in; move one side's units into the other side's claim;
    take both sides out into a claim of their own. An outlet has one unit in a claim, or several only
    when one pair group holds them together (it told one fact in two sentences)."""

    def __init__(self, groups: list[tuple[dict[str, list[str]], float]]):
        self.link: dict[frozenset, float] = {}
        self.partners: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.together: dict[str, list[set[str]]] = defaultdict(list)
        for units, score in groups:
            (x, xs), (y, ys) = units.items()
            for u in xs:
                for v in ys:
                    key = frozenset(((x, u), (y, v)))
                    self.link[key] = max(score, self.link.get(key, score))
                self.partners[(x, u)][y].update(ys)
            for v in ys:
                self.partners[(y, v)][x].update(xs)
            for aid, us in units.items():
                if len(us) > 1:
                    self.together[aid].append(set(us))
        self.claims: dict[int, set[tuple[str, str]]] = {}
        self.claim_of: dict[tuple[str, str], int] = {}
        self._fresh = count()

    def weight(self, a: tuple[str, str], b: tuple[str, str], members: set) -> float:
        """Agreement of units a and b (of different outlets) when both are in the claim `members`."""
        s = self.link.get(frozenset((a, b)))
        if s is not None:
            return s
        pa, pb = self.partners[a].get(b[0], set()), self.partners[b].get(a[0], set())
        if any((b[0], v) in members for v in pa) or any((a[0], u) in members for u in pb):
            return 0.0  # one of them is matched to another unit of the claim: a fact told in two sentences
        return -CONTRA if pa or pb else -APART

    def value(self, members: set) -> float:
        return sum(self.weight(a, b, members) for a, b in combinations(members, 2) if a[0] != b[0])

    def fits(self, members: set[tuple[str, str]]) -> bool:
        by: dict[str, set[str]] = defaultdict(set)
        for aid, u in members:
            by[aid].add(u)
        return all(len(us) == 1 or any(us <= held for held in self.together[aid]) or _adjacent(us)
                   for aid, us in by.items())

    def _claim(self, node) -> set:
        c = self.claim_of.get(node)
        return self.claims[c] if c is not None else {node}

    def place(self, units: dict[str, list[str]]) -> None:
        """Make the best move for one pair group, if it raises the total agreement."""
        (x, xs), (y, ys) = units.items()
        sx, sy = {(x, u) for u in xs}, {(y, v) for v in ys}
        moved = sx | sy
        claims = list({id(c): c for c in map(self._claim, moved)}.values())
        if len(claims) == 1:
            return
        options = [[set().union(*claims)]]  # join the claims
        for mine, theirs in ((sx, sy), (sy, sx)):  # move one side's units to the other side's claim
            homes = list({id(c): c for c in map(self._claim, theirs)}.values())
            if len(homes) == 1:
                options.append([homes[0] | mine] + [c - mine for c in claims if c is not homes[0]])
        options.append([moved] + [c - moved for c in claims])  # both sides into a claim of their own
        before = sum(self.value(c) for c in claims)
        scored = [(sum(self.value(c) for c in new) - before, k, new) for k, new in enumerate(options)
                  if all(self.fits(c) for c in new)]
        if not scored:
            return
        delta, _, new = max(scored, key=lambda o: (o[0], -o[1]))
        if delta <= 1e-9:
            return
        for c in claims:
            self._drop(c)
            for n in c:
                self.claim_of.pop(n, None)
        for c in new:
            if len({aid for aid, _ in c}) > 1:  # what is left to one outlet goes back to its own units
                self._add(c)

    def _drop(self, c: set) -> None:
        for k, v in list(self.claims.items()):
            if v is c:
                del self.claims[k]

    def _add(self, members: set) -> None:
        k = next(self._fresh)
        self.claims[k] = members
        for n in members:
            self.claim_of[n] = k


def _with_cells(claim: Claim, articles: list[Article], index: dict[str, dict[str, int]]) -> Claim:
    """Fill the claim's reference wording and one cell per outlet of the event."""
    by_id = {a.id: a for a in articles}
    words = {aid: [w.lower() for u in us for w in _WORD.findall(by_id[aid].unit(u).text)]
             for aid, us in claim.units.items()}

    def closeness(aid: str) -> float:
        return sum(SequenceMatcher(None, words[aid], words[o], autojunk=False).ratio() for o in words if o != aid)

    ref = max(claim.units, key=closeness)  # first in input order among equals
    claim.reference = ref
    r = by_id[ref]
    ref_spans = [(r.unit(u).start, r.unit(u).end) for u in claim.units[ref]]
    for a in articles:
        us = claim.units.get(a.id)
        if not us:
            claim.cells[a.id] = Cell("absent")
            continue
        k = index[a.id][us[0]]
        where = "headline" if k == 0 else "lead" if k < LEAD_UNITS or k / max(len(a.units) - 1, 1) <= LEAD else "body"
        if a.id == ref:
            claim.cells[a.id] = Cell("present", where)
            continue
        diff = word_diff(r.text, ref_spans, a.text, [(a.unit(u).start, a.unit(u).end) for u in us])
        changed = any(op.op != "equal" for op in diff)
        claim.cells[a.id] = Cell("reworded" if changed else "present", where, diff if changed else [])
    return claim
