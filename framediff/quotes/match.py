"""How the other outlet renders each statement: verbatim, trimmed, paraphrased, or missing."""
from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from ..comparison import Article, Quote, QuoteMatch, Speaker
from ..wordiff import word_diff
from .found import strip_edges

if TYPE_CHECKING:
    from .vectors import QuoteVectors

SAME_SPEAKER = 0.65   # cosine similarity at which one speaker's two statements are one statement
ANY_SPEAKER = 0.8     # ... and at which two statements match when one speaker is not known (two speakers: never)
TRIMMED = 0.9         # share of the shorter rendering found, in order, in the longer one
SCREEN = 0.25         # a pair's cosine read from the sentences' pass this far below what it needs stays below it with
                      # the quotes' own vectors (vectors.py; matched pairs' own cosine at most 0.19 above the read one
                      # on the seed, BASIL and long pairs)
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


def match_quotes(a: Article, b: Article, quotes: list[Quote], vectors: QuoteVectors | None,
                 speakers: list[Speaker] = ()) -> list[QuoteMatch]:
    """One QuoteMatch per statement: pairs across the outlets, then each quote left alone as missing.

    Only quotes of one speaker, or of which one speaker is not known for sure, are compared (`_same_speaker`);
    a nation's government ("Tokyo") and an official of that nation count as not known for sure."""
    sides = {sp.id: (sp.side, sp.name.endswith(" government")) for sp in speakers}
    qa = [q for q in quotes if q.article == a.id]
    qb = [q for q in quotes if q.article == b.id]
    text = {a.id: a.text, b.id: b.text}
    spans = {q.id: core(text[q.article], q.start, q.end) for q in qa + qb}
    words = {q.id: [w.lower() for w in _WORD.findall(text[q.article][slice(*spans[q.id])])] for q in qa + qb}
    pairs, sim = [], {}
    for i, j, s in _candidates(qa, qb, words, vectors, _needed(qa, qb, sides)):
        x, y = qa[i], qb[j]
        same = _same_speaker(x, y, sides)
        if same is False:
            continue  # two speakers: their words are never one statement, however alike
        if s >= (SAME_SPEAKER if same else ANY_SPEAKER):
            pairs.append((s + 0.1 * bool(same), i, j))
            sim[i, j] = s
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


def _same_speaker(x: Quote, y: Quote, sides: dict) -> bool | None:
    """True: one speaker; False: two different speakers; None: one of them is not known for sure (none found,
    or unclear), or they are a nation's government and an official of that nation (one voice, two names)."""
    if x.speaker is None or y.speaker is None or x.speaker.unclear or y.speaker.unclear:
        return None if x.speaker is None or y.speaker is None or x.speaker.id != y.speaker.id else True
    if x.speaker.id == y.speaker.id:
        return True
    (side_x, gov_x), (side_y, gov_y) = sides.get(x.speaker.id, ("", False)), sides.get(y.speaker.id, ("", False))
    return None if side_x.endswith(" official") and side_x == side_y and (gov_x or gov_y) else False


BLOCK = 512  # rows of the similarity computed at once: memory stays linear in the number of quotes


def _needed(qa: list[Quote], qb: list[Quote], sides: dict):
    """f(r0, r1): the similarity each pair of rows r0..r1 of qa x qb needs to match (SAME_SPEAKER, ANY_SPEAKER, or
    inf for two speakers: `_same_speaker`), from a table over the few distinct speaker references."""
    refs: dict = {}
    code_a = np.array([refs.setdefault(_ref(q), len(refs)) for q in qa], np.intp)
    code_b = np.array([refs.setdefault(_ref(q), len(refs)) for q in qb], np.intp)
    kinds = {refs[_ref(q)]: q for q in qa + qb}
    need = {True: SAME_SPEAKER, None: ANY_SPEAKER, False: np.inf}
    table = np.array([[need[_same_speaker(kinds[x], kinds[y], sides)] for y in range(len(refs))]
                      for x in range(len(refs))]).reshape(len(refs), len(refs))
    return lambda r0, r1: table[np.ix_(code_a[r0:r1], code_b)]


def _ref(q: Quote) -> tuple:
    return (q.speaker.id, q.speaker.unclear) if q.speaker is not None else None


def _candidates(qa, qb, words, vectors, needed=None, block: int = BLOCK) -> list[tuple[int, int, np.float64]]:
    """(i, j, similarity) of every pair at or above the lower match threshold, rows then columns ascending.
    `vectors`: QuoteVectors, or None (words only); `needed(r0, r1)`: the similarity each pair needs (`_needed`; the
    lower threshold for all when None), for the screen of read similarities.

    The similarity is the cosine of the quotes' meaning, never below their share of words in order
    (difflib's ratio). That ratio is measured only for pairs whose cheap upper bounds (length, then shared
    word counts) reach the threshold and exceed the cosine; rows go in blocks, so no quotes x quotes matrix
    is ever held whole.
    """
    na, nb = len(qa), len(qb)
    if not na or not nb:
        return []
    floor = min(SAME_SPEAKER, ANY_SPEAKER)

    def near(r0: int, r1: int) -> np.ndarray:  # pairs whose read cosine is within SCREEN of what they need
        return ra[r0:r1] @ rb.T >= (floor if needed is None else needed(r0, r1)) - SCREEN

    va = vb = None
    if vectors is not None:  # read vectors; the quotes' own where some pair of theirs is near
        ids_a, ids_b = [q.id for q in qa], [q.id for q in qb]
        ra, rb = vectors.read(ids_a), vectors.read(ids_b)
        near_a, near_b = np.zeros(na, bool), np.zeros(nb, bool)
        for r0 in range(0, na, block):
            close = near(r0, min(r0 + block, na))
            near_a[r0:r0 + block] |= close.any(axis=1)
            near_b |= close.any(axis=0)
        va, vb = vectors.decided(ids_a, ra, near_a), vectors.decided(ids_b, rb, near_b)
    la = np.array([len(words[q.id]) for q in qa], dtype=np.float64)
    lb = np.array([len(words[q.id]) for q in qb], dtype=np.float64)
    shared_counts = _shared_counts(qa, qb, words)
    found = []
    for r0 in range(0, na, block):
        r1 = min(r0 + block, na)
        cos = None
        if va is not None:  # a near pair's own cosine, else the read one (too far below what it needs to matter)
            cos = np.where(near(r0, r1), va[r0:r1] @ vb.T, ra[r0:r1] @ rb.T)
        out = np.zeros((r1 - r0, nb)) if cos is None else cos.astype(np.float64)
        total = la[r0:r1, None] + lb[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            bound = np.where(total > 0, 2.0 * np.minimum(la[r0:r1, None], lb[None, :]) / total, 1.0)
            keep = bound >= floor  # difflib's real_quick_ratio
            if cos is not None:
                keep &= bound > cos
            if keep.any():
                shared = shared_counts(r0, r1)
                bound = np.where(total > 0, 2.0 * shared / np.where(total > 0, total, 1.0), 1.0)
                keep &= bound >= floor  # ... and its quick_ratio, from counts of shared words
                if cos is not None:
                    keep &= bound > cos
        for i, j in zip(*np.nonzero(keep)):
            r = difflib.SequenceMatcher(None, words[qa[r0 + i].id], words[qb[j].id], autojunk=False).ratio()
            if r > out[i, j]:
                out[i, j] = r
        found += [(r0 + int(i), int(j), out[i, j]) for i, j in zip(*np.nonzero(out >= floor))]
    return found


DENSE = 1 << 22  # word-count entries (quotes x shared words) held as plain arrays; more go sparse (scipy)


def _shared_counts(qa, qb, words):
    """f(r0, r1): for rows r0..r1 of qa x every quote of qb, the occurrences of the words both quotes hold,
    summed on each side, the smaller sum (an upper bound of difflib's matching words). Only words found on both
    sides count; small inputs use dense arrays, so an ordinary comparison never imports scipy."""
    in_b = {w for q in qb for w in words[q.id]}
    vocab: dict[str, int] = {}
    for q in qa:
        for w in words[q.id]:
            if w in in_b:
                vocab.setdefault(w, len(vocab))

    dense = (len(qa) + len(qb)) * len(vocab) <= DENSE
    if not dense:
        from scipy import sparse

    def matrices(qs):
        """Word counts of each quote, and the same as presence (1 per word)."""
        rows, cols, vals = [], [], []
        for r, q in enumerate(qs):
            for w, c in Counter(w for w in words[q.id] if w in vocab).items():
                rows.append(r)
                cols.append(vocab[w])
                vals.append(c)
        rows, cols, vals = np.array(rows, np.intp), np.array(cols, np.intp), np.array(vals, np.float64)
        if dense:
            m = np.zeros((len(qs), len(vocab)))
            m[rows, cols] = vals
        else:
            m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(qs), len(vocab)))
        return m, (m > 0).astype(np.float64)

    def array(m):
        return m if dense else m.toarray()

    (counts_a, seen_a), (counts_b, seen_b) = matrices(qa), matrices(qb)
    return lambda r0, r1: np.minimum(array(counts_a[r0:r1] @ seen_b.T), array(seen_a[r0:r1] @ counts_b.T))
