"""Align two articles by meaning: groups of units that tell the same thing, in any order.

1. Candidates: for every unit, its nearest units on the other side by cosine
   (blockwise top-k, so book-length articles never hold an all-pairs matrix).
2. Each candidate is scored:  cos + OVERLAP_W * idf_overlap - HUB_W * hubness
   - NUMBERS_W * numbers_conflict - CONTRAST_W * contrasts.  Reports of one event are all close in topic,
   so raw cosine ranks look-alikes high; the IDF overlap rewards shared rare
   words, and hubness (the mean cosine of each unit to its k nearest on the
   other side, as in CSLS) discounts units that are close to everything, such
   as long sentences that touch every topic of the story.
3. Groups: pairs are taken best first, one to one; then a unit whose best
   partner is already grouped joins that group when the two together say
   more of the partner than one alone (one outlet split what the other said in
   one sentence).
Every unit ends in exactly one group or in `unmatched`. The weights were fitted
on hand-aligned seed pairs and checked on MSRP (bench/msrp.py, bench/README.md).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .comparison import Article, Group
from .facts import TermWeights, contrasts, number_conflict, sentence_facts
from .wordiff import word_diff

OVERLAP_W, HUB_W, NUMBERS_W, CONTRAST_W = 0.3, 0.8, 0.1, 0.2
MATCH_AT = 0.24  # score from which two passages count as telling the same thing
NEIGHBOUR_AT = 0.14  # a weaker pair counts when its neighbours on both sides are matched
CLOSE_AT = 0.40  # groups from this score are "match"; below it "partial" (same fact, told differently)
HUB_K = 5
TOP_K = 8
BLOCK = 256  # rows per similarity block: bounds memory at book length (0.8 GB at 20,000 each)


@dataclass
class Candidate:
    i: int
    j: int
    cos: float
    score: float


def top_pairs(va: np.ndarray, vb: np.ndarray, k: int = TOP_K) -> set[tuple[int, int]]:
    """(i, j) pairs where j is among i's k nearest in B or i among j's k nearest in A."""
    pairs: set[tuple[int, int]] = set()
    if len(va) == 0 or len(vb) == 0:
        return pairs
    kb, ka = min(k, len(vb)), min(k, len(va))
    col_best = np.full((len(vb), ka), -1, dtype=np.int64)
    col_score = np.full((len(vb), ka), -np.inf, dtype=np.float32)
    for s in range(0, len(va), BLOCK):
        sims = va[s:s + BLOCK] @ vb.T
        rows = np.argpartition(-sims, kb - 1, axis=1)[:, :kb]
        pairs.update((s + r, int(c)) for r, cs in enumerate(rows) for c in cs)
        # merge this block's best rows per column into the running top-k of each column
        kk = min(ka, sims.shape[0])
        idx = np.argpartition(-sims, kk - 1, axis=0)[:kk].T
        scores = np.take_along_axis(sims.T, idx, axis=1)
        all_s = np.concatenate([col_score, scores], axis=1)
        all_i = np.concatenate([col_best, idx + s], axis=1)
        keep = np.argpartition(-all_s, ka - 1, axis=1)[:, :ka]
        col_score = np.take_along_axis(all_s, keep, axis=1)
        col_best = np.take_along_axis(all_i, keep, axis=1)
    pairs.update((int(i), j) for j, row in enumerate(col_best) for i in row if i >= 0)
    return pairs


def hubness(va: np.ndarray, vb: np.ndarray, k: int = HUB_K) -> tuple[np.ndarray, np.ndarray]:
    """Mean cosine of each unit to its k nearest units on the other side, blockwise."""
    def side(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        kk = min(k, len(y))
        out = np.zeros(len(x), dtype=np.float32)
        for s in range(0, len(x), BLOCK):
            sims = x[s:s + BLOCK] @ y.T
            out[s:s + BLOCK] = np.partition(sims, -kk, axis=1)[:, -kk:].mean(axis=1)
        return out

    return side(va, vb), side(vb, va)


def score_candidates(a: Article, b: Article, va: np.ndarray, vb: np.ndarray) -> list[Candidate]:
    """Scored candidate pairs, best first."""
    fa = [sentence_facts(u.text) for u in a.units]
    fb = [sentence_facts(u.text) for u in b.units]
    weights = TermWeights(fa + fb)
    ha, hb = hubness(va, vb)
    out = []
    for i, j in top_pairs(va, vb):
        cos = float(va[i] @ vb[j])
        score = (cos + OVERLAP_W * weights.overlap(fa[i], fb[j]) - HUB_W * (ha[i] + hb[j]) / 2
                 - NUMBERS_W * number_conflict(fa[i], fb[j]))
        if score >= NEIGHBOUR_AT:  # the lowest score any step accepts: only those need the look-alike check
            score -= CONTRAST_W * min(contrasts(a.units[i].text, b.units[j].text), 3)
        out.append(Candidate(i, j, cos, score))
    return sorted(out, key=lambda c: (-c.score, c.i, c.j))


def align(a: Article, b: Article, va: np.ndarray, vb: np.ndarray) -> tuple[list[Group], dict[str, list[str]]]:
    """Groups of units telling the same thing, and the units of each side left unmatched."""
    all_cands = score_candidates(a, b, va, vb)
    cands = [c for c in all_cands if c.score >= MATCH_AT]
    group_of = {"a": {}, "b": {}}
    members: list[dict] = []
    for c in cands:
        if c.i in group_of["a"] or c.j in group_of["b"]:
            continue
        group_of["a"][c.i] = group_of["b"][c.j] = len(members)
        members.append({"a": [c.i], "b": [c.j], "score": c.score})
    _extend_runs([c for c in all_cands if NEIGHBOUR_AT <= c.score < MATCH_AT],
                 members, group_of)
    joinable = sorted((c for c in all_cands if c.score >= NEIGHBOUR_AT), key=lambda c: -c.cos)
    _join_splits(joinable, members, group_of, {"a": va, "b": vb})
    groups = []
    for n, m in enumerate(sorted(members, key=lambda m: (min(m["a"]), min(m["b"])))):
        ua = [a.units[i] for i in sorted(m["a"])]
        ub = [b.units[j] for j in sorted(m["b"])]
        groups.append(Group(
            id=f"g{n + 1}", a=[u.id for u in ua], b=[u.id for u in ub], score=round(float(m["score"]), 3),
            kind="match" if m["score"] >= CLOSE_AT else "partial",
            diff=word_diff(a.text, [(u.start, u.end) for u in ua], b.text, [(u.start, u.end) for u in ub]),
        ))
    unmatched = {"a": [u.id for k, u in enumerate(a.units) if k not in group_of["a"]],
                 "b": [u.id for k, u in enumerate(b.units) if k not in group_of["b"]]}
    return groups, unmatched


def _extend_runs(cands: list[Candidate], members: list[dict], group_of: dict) -> None:
    """Accept a weaker pair whose neighbours on both sides are already matched to each other:
    outlets reorder paragraphs, but a run of facts told in the same order is strong evidence."""
    for c in cands:
        if c.i in group_of["a"] or c.j in group_of["b"]:
            continue
        for d in (-1, 1):
            ga, gb = group_of["a"].get(c.i + d), group_of["b"].get(c.j + d)
            if ga is not None and ga == gb:
                group_of["a"][c.i] = group_of["b"][c.j] = len(members)
                members.append({"a": [c.i], "b": [c.j], "score": c.score})
                break


def _join_splits(cands: list[Candidate], members: list[dict], group_of: dict, vecs: dict) -> None:
    """Let an ungrouped unit join its partner's group when together they say more of the partner;
    a weaker pair (below MATCH_AT) may join only as the next or previous sentence of the group's own."""
    for c in cands:
        for side, other, mine, theirs in (("a", "b", c.i, c.j), ("b", "a", c.j, c.i)):
            if mine in group_of[side] or theirs not in group_of[other]:
                continue
            g = members[group_of[other][theirs]]
            if len(g[side]) > 1 or len(g[other]) > 1:
                continue
            if c.score < MATCH_AT and abs(g[side][0] - mine) != 1:
                continue
            anchor, target = vecs[side][g[side][0]], vecs[other][theirs]
            joined = anchor + vecs[side][mine]
            joined = joined / (np.linalg.norm(joined) or 1.0)
            if float(joined @ target) > float(anchor @ target) + 0.01:
                g[side].append(mine)
                group_of[side][mine] = group_of[other][theirs]
