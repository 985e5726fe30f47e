"""Align two articles by meaning: groups of units that tell the same thing, in any order.

1. Candidates: for every unit, its nearest units on the other side by cosine
   (blockwise top-k, so book-length articles never hold an all-pairs matrix).
2. Each candidate gets a probability that a reader would match the two, from a logistic
   combination of what tells a match from a look-alike (FEATURES): the cosine and how far it is
   from each unit's best cosine (reports of one event are all close in topic, so only the margin
   says "this one, not the others"); the rare words they share, as a share of both and of the
   shorter one (one sentence told inside a longer one); the words they share apart from names
   (one person's two different statements share the name only); whether both name people or places
   and none agree, open on different names (another actor or speaker), quote different words or name
   different days; their lengths; whether their neighbours are alike too. The weights were fitted
   on a reader's BASIL gold (bench/gold/basil_align.json; bench/align_fit.py prints them and their
   cross-validated figures), not set by hand. Pairs that report another number, tell one template
   of another actor, tell two speakers' words or two meetings' places are ruled out (other_fact).
3. Groups: pairs are taken most probable first. Two free units start a group from MATCH_P; a free
   unit joins its partner's group from JOIN_P when it is part of what its partner tells (joinable)
   and is told inside it, or, together with the group's units of its side, says more of the other
   side than they do alone, up to MAX_SIDE units a side (one outlet tells in two or three sentences
   what the other tells in one, or one sentence inside a longer one).
Every unit ends in exactly one group or in `unmatched`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .comparison import Article, Group
from .facts import (TermWeights, contrasts, lead_conflict, name_conflict, number_conflict, place_conflict,
                    quote_mismatch, same_but_numbers, sentence_facts, speaker_conflict, when_conflict)
from .wordiff import word_diff

FEATURES = ("cos", "row_margin", "col_margin", "overlap", "containment", "content_overlap",
            "length_ratio", "neighbours", "name_conflict", "number_conflict", "lead_conflict",
            "quote_mismatch", "when_conflict")
WEIGHTS = {"cos": 3.12, "row_margin": 1.45, "col_margin": 1.30, "overlap": 3.67, "containment": 4.94,
           "content_overlap": 3.18, "length_ratio": -0.93, "neighbours": 1.12, "name_conflict": -0.01,
           "number_conflict": 0.00, "lead_conflict": -0.14, "quote_mismatch": -0.58, "when_conflict": -0.29}
BIAS = -3.09
MATCH_P = 0.75  # probability from which two free units start a group
JOIN_P = 0.75  # probability from which a free unit joins its partner's group
CLOSE_P = 0.8  # groups from this probability are "match"; below it "partial" (same fact, told differently)
MAX_SIDE = 3  # units of one side in one group
JOIN_GAIN = 0.02  # a joiner must raise its side's cosine to the other side by this much
JOIN_HELD = 0.2  # share of a joiner's rare words its partner must hold
JOIN_LONGER = 2.0  # a joiner is at most this much longer than its partner
JOIN_INSIDE = 0.6  # share of the shorter unit's rare words the longer one holds for it to count as told inside
JOIN_NEAR = 12  # a joiner not told inside its partner stands at most this many units from a member of its side
MAYBE_P = 0.5  # an unmatched unit whose most probable unmatched partner reaches this may be told there
TOP_K = 8
BLOCK = 256  # rows per similarity block: bounds memory at book length (0.8 GB at 20,000 each)


@dataclass
class Candidate:
    i: int
    j: int
    cos: float
    p: float
    join_a: bool = True  # A's unit may join B's unit's group (see joinable)
    join_b: bool = True  # B's unit may join A's unit's group
    inside_a: bool = False  # A's unit is told inside B's unit (joinable): it may join without _says_more
    inside_b: bool = False  # B's unit is told inside A's unit


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


def best_cosines(va: np.ndarray, vb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's highest cosine to any unit of the other side, blockwise."""
    best_a = np.full(len(va), -1.0, dtype=np.float32)
    best_b = np.full(len(vb), -1.0, dtype=np.float32)
    for s in range(0, len(va), BLOCK):
        sims = va[s:s + BLOCK] @ vb.T
        best_a[s:s + BLOCK] = sims.max(axis=1)
        best_b = np.maximum(best_b, sims.max(axis=0))
    return best_a, best_b


def pair_features(a: Article, b: Article, va: np.ndarray, vb: np.ndarray,
                  pairs: list[tuple[int, int]]) -> np.ndarray:
    """One row of FEATURES per (i, j) pair."""
    fa = [sentence_facts(u.text) for u in a.units]
    fb = [sentence_facts(u.text) for u in b.units]
    weights = TermWeights(fa + fb)
    names = set().union(*(f.names for f in fa + fb))
    best_a, best_b = best_cosines(va, vb)
    rows = np.zeros((len(pairs), len(FEATURES)), dtype=np.float64)
    for n, (i, j) in enumerate(pairs):
        cos = float(va[i] @ vb[j])
        near = [float(va[i + d] @ vb[j + d]) for d in (-1, 1) if 0 <= i + d < len(va) and 0 <= j + d < len(vb)]
        rows[n] = (cos, cos - best_a[i], cos - best_b[j], weights.overlap(fa[i], fb[j]),
                   weights.containment(fa[i], fb[j]), weights.content_overlap(fa[i], fb[j]),
                   abs(math.log((len(a.units[i].text) + 1) / (len(b.units[j].text) + 1))),
                   max(near, default=0.0), name_conflict(fa[i], fb[j]), number_conflict(fa[i], fb[j]),
                   lead_conflict(fa[i], fb[j], names), quote_mismatch(fa[i], fb[j]), when_conflict(fa[i], fb[j]))
    return rows


def probability(features: np.ndarray) -> np.ndarray:
    """The fitted logistic combination of FEATURES rows."""
    w = np.array([WEIGHTS[k] for k in FEATURES])
    return 1 / (1 + np.exp(-(features @ w + BIAS)))


def other_fact(a: Article, b: Article, pairs: list[tuple[int, int]], feats: np.ndarray,
               which: np.ndarray) -> np.ndarray:
    """Of the candidates `which`, those that report another fact: both give numbers and none agree
    ("earned $141 million over eight years" / "earned nearly $20 million between 2011 and 2014"),
    or they tell one template of another actor: they open on different names and put another name,
    number or date in the same slot ("The House voted 232 to 190 on Tuesday" / "The Senate voted 58
    to 42 on Thursday"; "Lavrov said" / "Kono said"); or they tell two people speaking, neither
    naming the other's speaker, or two meetings held in two places (facts.speaker_conflict,
    facts.place_conflict). In the reader's gold 1 of 88 must-match pairs has a number conflict
    against 30 of 658 other pairs, too few for the fit to weigh (its weight is shrunk); a speaker
    conflict 1 of 90 must-match candidates (one fact, two sources) against 19 others; a place
    conflict none of the gold (it parts two meetings of one kind, seeds 000/003). So they are
    ruled out; but not one statement told again with other numbers (facts.same_but_numbers): that is
    a number that disagrees, which the framing step must see in a matched pair."""
    lead, num = FEATURES.index("lead_conflict"), FEATURES.index("number_conflict")
    texts = [(a.units[i].text, b.units[j].text) for i, j in pairs]
    return np.array([n for n in which if feats[n, num] > 0 and not same_but_numbers(*texts[n])
                     or feats[n, lead] > 0 and contrasts(*texts[n]) > 0
                     or speaker_conflict(*texts[n]) or place_conflict(*texts[n])], dtype=np.int64)


def score_candidates(a: Article, b: Article, va: np.ndarray, vb: np.ndarray) -> list[Candidate]:
    """Candidate pairs with their probability of being matched by a reader, most probable first."""
    pairs = sorted(top_pairs(va, vb))
    if not pairs:
        return []
    feats = pair_features(a, b, va, vb, pairs)
    p = probability(feats)
    p[other_fact(a, b, pairs, feats, np.flatnonzero(p >= min(MATCH_P, JOIN_P)))] = 0.0
    out = [Candidate(i, j, float(f[0]), float(q), *may) for (i, j), f, q, may in zip(pairs, feats, p, joinable(a, b, pairs, feats))]
    return sorted(out, key=lambda c: (-c.p, c.i, c.j))


def likely_partners(a: Article, b: Article, va: np.ndarray, vb: np.ndarray, free_a: list[int],
                    free_b: list[int]) -> tuple[dict[int, tuple[int, float]], dict[int, tuple[int, float]]]:
    """For units left unmatched (`free_a`, `free_b`), each one's most probable unmatched partner on the other side and
    that probability, where it reaches MAYBE_P (the aligner's probability, other facts ruled out): passages a reader
    may find told there in other words, though not surely enough to match them."""
    wa, wb = set(free_a), set(free_b)
    pairs = sorted(p for p in top_pairs(va, vb) if p[0] in wa and p[1] in wb)
    out_a: dict[int, tuple[int, float]] = {}
    out_b: dict[int, tuple[int, float]] = {}
    if not pairs:
        return out_a, out_b
    feats = pair_features(a, b, va, vb, pairs)
    p = probability(feats)
    p[other_fact(a, b, pairs, feats, np.flatnonzero(p >= MAYBE_P))] = 0.0
    for (i, j), q in zip(pairs, p.tolist()):
        if q < MAYBE_P:
            continue
        if q > out_a.get(i, (0, 0.0))[1]:
            out_a[i] = (j, q)
        if q > out_b.get(j, (0, 0.0))[1]:
            out_b[j] = (i, q)
    return out_a, out_b


def joinable(a: Article, b: Article, pairs: list[tuple[int, int]], feats: np.ndarray) -> list[tuple[bool, bool, bool, bool]]:
    """For each pair, whether its A unit may join a group through it, whether its B unit may, and
    whether each is told inside the other. A joiner is told inside its partner or is part of what the
    partner tells in one sentence: it is at most JOIN_LONGER times the partner's length, and the
    partner holds JOIN_HELD of the shorter one's rare words (the feature `containment`), some of them
    beyond names. So a long sentence touching every topic gathers no sentence that only shares a topic
    or a name with it. A shorter unit whose rare words the partner holds to JOIN_INSIDE is told inside
    it (the second half of a quotation that the partner gives whole)."""
    held, content = FEATURES.index("containment"), FEATURES.index("content_overlap")
    out = []
    for (i, j), f in zip(pairs, feats):
        la, lb = len(a.units[i].text), len(b.units[j].text)
        ok = f[held] >= JOIN_HELD and f[content] > 0
        inside = ok and f[held] >= JOIN_INSIDE
        out.append((ok and la <= JOIN_LONGER * lb, ok and lb <= JOIN_LONGER * la, inside and la <= lb, inside and lb <= la))
    return out


def group_pairs(cands: list[Candidate], va: np.ndarray, vb: np.ndarray, match_p: float = MATCH_P,
                join_p: float = JOIN_P, max_side: int = MAX_SIDE) -> tuple[list[dict], dict]:
    """Groups from candidates taken most probable first (see the module's step 3). A unit joins a
    group only through its own most probable pair, if that pair lets it join (joinable), and if it is
    told inside its partner or, standing near its side's units (JOIN_NEAR: an outlet splits a point into
    sentences that follow each other), added to its side, that side says more of the other side than
    before: a long sentence that touches every topic does not gather every sentence near it, and the
    second half of a quotation that one outlet splits in two joins the first."""
    group_of: dict[str, dict[int, int]] = {"a": {}, "b": {}}
    members: list[dict] = []
    vecs = {"a": va, "b": vb}
    best: dict[str, dict[int, tuple[int, int]]] = {"a": {}, "b": {}}  # each unit's most probable pair
    for c in cands:
        best["a"].setdefault(c.i, (c.i, c.j))
        best["b"].setdefault(c.j, (c.i, c.j))
    for c in cands:
        if c.p < min(match_p, join_p):
            break
        ga, gb = group_of["a"].get(c.i), group_of["b"].get(c.j)
        if ga is None and gb is None:
            if c.p >= match_p:
                group_of["a"][c.i] = group_of["b"][c.j] = len(members)
                members.append({"a": [c.i], "b": [c.j], "score": c.p})
        elif (ga is None) != (gb is None) and c.p >= join_p:
            side, other, unit, g = ("a", "b", c.i, gb) if ga is None else ("b", "a", c.j, ga)
            m = members[g]
            may, inside = (c.join_a, c.inside_a) if side == "a" else (c.join_b, c.inside_b)
            near = min(abs(unit - u) for u in m[side]) <= JOIN_NEAR
            if may and best[side][unit] == (c.i, c.j) and len(m[side]) < max_side and (
                    inside or near and _says_more(vecs[side][m[side]], vecs[side][unit], vecs[other][m[other]])):
                m[side].append(unit)
                group_of[side][unit] = g
    return members, group_of


def _says_more(mine: np.ndarray, new: np.ndarray, theirs: np.ndarray) -> bool:
    """Whether `mine` plus `new` (summed) is closer to `theirs` (summed), by a cosine of JOIN_GAIN,
    than `mine` alone."""
    target = theirs.sum(0)
    before, after = mine.sum(0), mine.sum(0) + new
    gain = float(after @ target) / (np.linalg.norm(after) or 1.0) - float(before @ target) / (np.linalg.norm(before) or 1.0)
    return gain > JOIN_GAIN * float(np.linalg.norm(target))


def align(a: Article, b: Article, va: np.ndarray, vb: np.ndarray) -> tuple[list[Group], dict[str, list[str]]]:
    """Groups of units telling the same thing, and the units of each side left unmatched."""
    members, group_of = group_pairs(score_candidates(a, b, va, vb), va, vb)
    groups = []
    for n, m in enumerate(sorted(members, key=lambda m: (min(m["a"]), min(m["b"])))):
        ua = [a.units[i] for i in sorted(m["a"])]
        ub = [b.units[j] for j in sorted(m["b"])]
        groups.append(Group(
            id=f"g{n + 1}", a=[u.id for u in ua], b=[u.id for u in ub], score=round(float(m["score"]), 3),
            kind="match" if m["score"] >= CLOSE_P else "partial",
            diff=word_diff(a.text, [(u.start, u.end) for u in ua], b.text, [(u.start, u.end) for u in ub]),
        ))
    unmatched = {"a": [u.id for k, u in enumerate(a.units) if k not in group_of["a"]],
                 "b": [u.id for k, u in enumerate(b.units) if k not in group_of["b"]]}
    return groups, unmatched
