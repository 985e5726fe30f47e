"""How the other outlet renders each statement: verbatim, trimmed, paraphrased, or missing."""
from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Callable

import numpy as np

from ..comparison import Article, Quote, QuoteMatch
from ..wordiff import word_diff
from .found import strip_edges

SAME_SPEAKER = 0.65   # cosine similarity at which one speaker's two statements are one statement
ANY_SPEAKER = 0.8     # ... and at which two statements match even when the speakers were not linked
TRIMMED = 0.9         # share of the shorter rendering found, in order, in the longer one
_WORD = re.compile(r"\w+")
_EDGE = "\"“”«»「」『』„ \n\t,.;:'‘’"


def core(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's words without its quotation marks, edge punctuation and leading "that"."""
    return strip_edges(text, start, end, _EDGE)


def relation(words_a: list[str], words_b: list[str]) -> str:
    """verbatim (same words), trimmed (one holds the other, cut), or paraphrased."""
    if words_a == words_b:
        return "verbatim"
    short, long = sorted((words_a, words_b), key=len)
    kept = sum(b.size for b in difflib.SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks())
    return "trimmed" if short and kept >= TRIMMED * len(short) else "paraphrased"


def match_quotes(a: Article, b: Article, quotes: list[Quote],
                 embed: Callable[[list[str]], np.ndarray] | None) -> list[QuoteMatch]:
    """One QuoteMatch per statement: pairs across the outlets, then each quote left alone as missing."""
    qa = [q for q in quotes if q.article == a.id]
    qb = [q for q in quotes if q.article == b.id]
    text = {a.id: a.text, b.id: b.text}
    spans = {q.id: core(text[q.article], q.start, q.end) for q in qa + qb}
    words = {q.id: [w.lower() for w in _WORD.findall(text[q.article][slice(*spans[q.id])])] for q in qa + qb}
    sim = _similarity(qa, qb, text, spans, words, embed)
    sid_a = np.array([x.speaker.id if x.speaker is not None else "" for x in qa], dtype=object)
    sid_b = np.array([y.speaker.id if y.speaker is not None else "" for y in qb], dtype=object)
    same_m = (sid_a[:, None] == sid_b[None, :]) & (sid_a[:, None] != "")
    pairs = []
    for i, j in zip(*np.nonzero(sim >= np.where(same_m, SAME_SPEAKER, ANY_SPEAKER))):  # rows, then columns, ascending
        i, j = int(i), int(j)
        same = bool(same_m[i, j])
        pairs.append((sim[i, j] + 0.1 * same, i, j))
    used_a, used_b, out = set(), set(), []
    for score, i, j in sorted(pairs, reverse=True):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = qa[i], qb[j]
        diff = word_diff(a.text, [spans[x.id]], b.text, [spans[y.id]])
        out.append(QuoteMatch(x.id, y.id, relation(words[x.id], words[y.id]), round(float(sim[i, j]), 3), diff))
    out += [QuoteMatch(q.id, None, "missing") for i, q in enumerate(qa) if i not in used_a]
    out += [QuoteMatch(None, q.id, "missing") for j, q in enumerate(qb) if j not in used_b]
    return out


def _similarity(qa, qb, text, spans, words, embed) -> np.ndarray:
    """Cosine similarity of the quotes' meaning, never below their share of words in order.

    Only entries that can reach the lower of the two match thresholds are exact: the share of words in
    order (difflib's ratio) is measured only for pairs whose cheap upper bounds (length, then shared word
    counts) reach that threshold and exceed the cosine; every other entry stays below the threshold.
    """
    na, nb = len(qa), len(qb)
    if embed is not None and na and nb:
        va = embed([text[q.article][slice(*spans[q.id])] for q in qa])
        vb = embed([text[q.article][slice(*spans[q.id])] for q in qb])
        cos = va @ vb.T
        out = cos.astype(np.float64)
    else:
        cos, out = None, np.zeros((na, nb))
    if not na or not nb:
        return out
    floor = min(SAME_SPEAKER, ANY_SPEAKER)
    la = np.array([len(words[q.id]) for q in qa], dtype=np.float64)
    lb = np.array([len(words[q.id]) for q in qb], dtype=np.float64)
    total = la[:, None] + lb[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        bound = np.where(total > 0, 2.0 * np.minimum(la[:, None], lb[None, :]) / total, 1.0)  # real_quick_ratio
        keep = bound >= floor
        if cos is not None:
            keep &= bound > cos
        if keep.any():
            bound = np.where(keep, 2.0 * _shared_words(qa, qb, words) / np.where(total > 0, total, 1.0), bound)
            bound[total == 0] = 1.0
            keep &= bound >= floor  # quick_ratio's bound, from counts of shared words
            if cos is not None:
                keep &= bound > cos
    for i, j in zip(*np.nonzero(keep)):
        r = difflib.SequenceMatcher(None, words[qa[i].id], words[qb[j].id], autojunk=False).ratio()
        if r > out[i, j]:
            out[i, j] = r
    return out


def _shared_words(qa, qb, words) -> np.ndarray:
    """Upper bound on the words two quotes share (multiset intersection): min of counts-by-presence both ways."""
    from scipy import sparse

    vocab: dict[str, int] = {}

    def counts(qs):
        rows, cols, vals = [], [], []
        for r, q in enumerate(qs):
            for w, c in Counter(words[q.id]).items():
                rows.append(r)
                cols.append(vocab.setdefault(w, len(vocab)))
                vals.append(c)
        return rows, cols, vals

    ca, cb = counts(qa), counts(qb)
    shape_a, shape_b = (len(qa), len(vocab)), (len(qb), len(vocab))
    A = sparse.csr_matrix((np.array(ca[2], np.float64), (ca[0], ca[1])), shape=shape_a)
    B = sparse.csr_matrix((np.array(cb[2], np.float64), (cb[0], cb[1])), shape=shape_b)
    pa, pb = A.copy(), B.copy()
    pa.data[:], pb.data[:] = 1.0, 1.0
    return np.minimum((A @ pb.T).toarray(), (pa @ B.T).toarray())
