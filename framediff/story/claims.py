"""Claims: every unit of every outlet of one event in exactly one claim, built from the pair alignments.

Each pair of outlets is aligned by `align.align` (inside the pair comparison); its groups are the
evidence. Groups are taken best score first and joined into claims by union, with two rules that
stop chaining unrelated units (A1~B1 and B1~C1 while A1 and C1 tell different things):
- an outlet tells a claim in one unit, or in several only when one pair group holds those units
  together (an outlet that told one fact in two sentences, as in pair alignment);
- no join may contradict a pair alignment: when outlets P and Q both end up in the claim, every
  unit of P that the P-Q alignment matched must be matched there to one of Q's units in the claim.
Units no group joined become claims told by one outlet. Rows are ordered by how many outlets
tell them, then by where they first appear (relative position in the article).
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


def pair_groups(pairs: dict[tuple[str, str], Comparison]) -> list[tuple[dict[str, list[str]], float]]:
    """Every group of every pair comparison as ({story article id: [story unit ids]}, score)."""
    out = []
    for (x, y), cmp in pairs.items():
        for g in cmp.alignment:
            out.append(({x: [x + u[1:] for u in g.a], y: [y + u[1:] for u in g.b]}, g.score))
    return out


def build_claims(articles: list[Article], pairs: dict[tuple[str, str], Comparison]) -> list[Claim]:
    """The claims of one event: `articles` its articles, `pairs` the comparison of every two of them."""
    groups = pair_groups(pairs)
    together: dict[str, list[set[str]]] = defaultdict(list)  # outlet -> its units a pair group holds together
    for units, _ in groups:
        for aid, us in units.items():
            if len(us) > 1:
                together[aid].append(set(us))
    partners: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for units, _ in groups:
        (x, xs), (y, ys) = units.items()
        for u in xs:
            partners[(x, u)][y].update(ys)
        for v in ys:
            partners[(y, v)][x].update(xs)

    claim_of: dict[tuple[str, str], int] = {}
    claims: dict[int, dict] = {}
    fresh = count()
    for units, score in sorted(groups, key=lambda g: -g[1]):
        nodes = [(aid, u) for aid, us in units.items() for u in us]
        touched = {claim_of[n] for n in nodes if n in claim_of}
        merged: dict[str, set[str]] = defaultdict(set)
        for c in touched:
            for aid, us in claims[c]["units"].items():
                merged[aid] |= us
        for aid, u in nodes:
            merged[aid].add(u)
        if not _allowed(merged, partners, together):
            continue
        key = min(touched) if touched else next(fresh) + len(groups)
        scores = [score] + [s for c in touched for s in claims[c]["scores"]]
        for c in touched - {key}:
            del claims[c]
        claims[key] = {"units": merged, "scores": scores}
        for aid, us in merged.items():
            for u in us:
                claim_of[(aid, u)] = key

    rows = [(c["units"], round(sum(c["scores"]) / len(c["scores"]), 3)) for c in claims.values()]
    rows += [({a.id: {u.id}}, 0.0) for a in articles for u in a.units if (a.id, u.id) not in claim_of]
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


def _allowed(merged: dict[str, set[str]], partners, together: dict[str, list[set[str]]]) -> bool:
    for aid, us in merged.items():
        if len(us) > 1 and not any(us <= held for held in together[aid]):
            return False
    for p, q in combinations(merged, 2):
        for x, y in ((p, q), (q, p)):
            for u in merged[x]:
                matched = partners[(x, u)].get(y)
                if matched and not matched & merged[y]:
                    return False
    return True


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
