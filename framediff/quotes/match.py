"""How the other outlet renders each statement: verbatim, trimmed, paraphrased, or missing."""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from ..comparison import Article, Quote, QuoteMatch, Speaker
from ..nlp import stop_words
from ..wordiff import word_diff
from .found import core
from .marks import quoted_spans
from .verbs import WRITINGS

if TYPE_CHECKING:
    from .vectors import QuoteVectors

SAME_SPEAKER = 0.65   # cosine similarity at which one speaker's two statements are one statement
ANY_SPEAKER = 0.8     # ... and at which two statements match when one speaker is not known (two speakers: never)
TRIMMED = 0.9         # share of the shorter rendering found, in order, in the longer one
INSIDE_WORDS = 3      # content words from which a quote's words standing inside another's make it the same statement
INSIDE_GAP = 3        # words the longer rendering may add between two words of one piece of the shorter
SCREEN = 0.25         # a pair's cosine read from the sentences' pass this far below what it needs stays below it with
                      # the quotes' own vectors (vectors.py; matched pairs' own cosine at most 0.19 above the read one
                      # on the seed, BASIL and long pairs; of the 310 pairs of any two speakers there whose own cosine
                      # reaches SAME_SPEAKER, 1 reads more than 0.25 below it, 2 more than 0.2, 16 more than 0.15)
_WORD = re.compile(r"\w+")
_CUT = re.compile(r"\.\.\.|…|\[[^\]]*\]")  # where a quote was trimmed or edited: its pieces match apart


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
    a nation's government ("Tokyo") and an official of that nation count as not known for sure, and so does a
    writing ("the statement said"). A quote whose quoted words stand inside the other's (`_inside_pairs`: trimmed, cut
    with "...") is that statement whatever the cosine, and goes first."""
    sides = {sp.id: (sp.side, sp.name.endswith(" government"), _writing(sp.name)) for sp in speakers}
    qa = [q for q in quotes if q.article == a.id]
    qb = [q for q in quotes if q.article == b.id]
    text = {a.id: a.text, b.id: b.text}
    spans = {q.id: core(text[q.article], q.start, q.end) for q in qa + qb}
    words = {q.id: [w.lower() for w in _WORD.findall(text[q.article][slice(*spans[q.id])])] for q in qa + qb}
    pieces = {**_pieces(a.text, qa), **_pieces(b.text, qb)}
    inside = _inside_pairs(qa, qb, pieces)
    pairs, sim = [], {}
    for i, j, s in _candidates(qa, qb, words, vectors, _needed(qa, qb, sides), inside):
        x, y = qa[i], qb[j]
        same = _same_speaker(x, y, sides)
        if same is False:
            continue  # two speakers: their words are never one statement, however alike
        if (i, j) in inside or s >= (SAME_SPEAKER if same else ANY_SPEAKER):
            pairs.append((((i, j) in inside) + s + 0.1 * bool(same), i, j))
            sim[i, j] = s
    used_a, used_b, out = set(), set(), []
    for score, i, j in sorted(pairs, reverse=True):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = qa[i], qb[j]
        diff = word_diff(a.text, [spans[x.id]], b.text, [spans[y.id]])
        said_x, said_y = (sum(pieces[q.id], []) for q in (x, y))
        kind = ("verbatim" if said_x == said_y else "trimmed") if (i, j) in inside \
            else relation(words[x.id], words[y.id])
        out.append(QuoteMatch(x.id, y.id, kind, round(float(sim[i, j]), 3), diff))
    out += [QuoteMatch(q.id, None, "missing") for i, q in enumerate(qa) if i not in used_a]
    out += [QuoteMatch(None, q.id, "missing") for j, q in enumerate(qb) if j not in used_b]
    return out


def _writing(name: str) -> bool:
    """A speaker written as a writing ("the statement", "a spokesman's statement"): who issued it is not said."""
    last = name.lower().split()[-1:] if name else []
    return bool(last) and last[0].removesuffix("'s").removesuffix("’s") in WRITINGS


def _same_speaker(x: Quote, y: Quote, sides: dict) -> bool | None:
    """True: one speaker; False: two different speakers; None: one of them is not known for sure (none found,
    unclear, or a writing: "the statement said"), or they are a nation's government and an official of that nation
    (one voice, two names)."""
    if x.speaker is None or y.speaker is None or x.speaker.unclear or y.speaker.unclear:
        return None if x.speaker is None or y.speaker is None or x.speaker.id != y.speaker.id else True
    if x.speaker.id == y.speaker.id:
        return True
    (side_x, gov_x, doc_x), (side_y, gov_y, doc_y) = (sides.get(q.speaker.id, ("", False, False)) for q in (x, y))
    if doc_x or doc_y:
        return None
    return None if side_x.endswith(" official") and side_x == side_y and (gov_x or gov_y) else False


def _pieces(text: str, quotes: list[Quote]) -> dict[str, list[list[str]]]:
    """Quote id -> the words it puts in quotation marks, in pieces cut at "..." and "[...]" (its whole core, for
    reported speech without marks), lowercased."""
    marked = [m.inner(text) for m in quoted_spans(text)]
    starts = [s for s, _ in marked]
    out = {}
    for q in quotes:
        inside = marked[bisect.bisect_left(starts, q.start):bisect.bisect_left(starts, q.end)]
        parts = [(s, min(e, q.end)) for s, e in inside] or [core(text, q.start, q.end)]
        out[q.id] = [ws for s, e in parts for piece in _CUT.split(text[s:e])
                     if (ws := [w.lower() for w in _WORD.findall(piece)])]
    return out


def _content(ws: list[str]) -> int:
    """Content words: not spaCy's English stop words, nor digits."""
    stop = stop_words()
    return sum(w not in stop and not w.isdigit() for w in ws)


def _inside_pairs(qa: list[Quote], qb: list[Quote], pieces: dict) -> set[tuple[int, int]]:
    """(i, j) of the pairs whose shorter quote's quoted words, INSIDE_WORDS content words at least, stand in
    order inside the longer one's (`_stands_in`). Candidates come from an index of the words each quote holds."""
    said = {q.id: sum(pieces[q.id], []) for q in qa + qb}
    found = set()
    for short_side, long_side, flip in ((qa, qb, False), (qb, qa, True)):
        holders: dict[str, set[int]] = {}
        for j, q in enumerate(long_side):
            for w in set(said[q.id]):
                holders.setdefault(w, set()).add(j)
        for i, q in enumerate(short_side):
            ws = said[q.id]
            if _content(ws) < INSIDE_WORDS:
                continue
            maybe = set.intersection(*(holders.get(w, set()) for w in set(ws)))
            for j in maybe:
                other = said[long_side[j].id]
                if len(other) >= len(ws) and _stands_in(pieces[q.id], other):
                    found.add((j, i) if flip else (i, j))
    return found


def _stands_in(pieces: list[list[str]], words: list[str]) -> bool:
    """Each piece's words are in `words`, in order, at most INSIDE_GAP words apart, the pieces one after another."""
    at = 0
    for piece in pieces:
        end = _find(piece, words, at)
        if end is None:
            return False
        at = end
    return True


def _find(piece: list[str], words: list[str], at: int) -> int | None:
    """Where `piece` ends in `words` (searched from `at`, its words at most INSIDE_GAP apart), else None."""
    for start in range(at, len(words)):
        if words[start] != piece[0]:
            continue
        k = start
        for w in piece[1:]:
            k = next((n for n in range(k + 1, min(k + 2 + INSIDE_GAP, len(words))) if words[n] == w), None)
            if k is None:
                break
        else:
            return k + 1
    return None


BLOCK = 512  # rows of the similarity computed at once: memory stays linear in the number of quotes


def _needed(qa: list[Quote], qb: list[Quote], sides: dict):
    """f(r0, r1): the similarity each pair of rows r0..r1 of qa x qb needs to match (SAME_SPEAKER, ANY_SPEAKER, or
    inf for two speakers: `_same_speaker`), from a table of A's distinct speaker references by B's."""
    refs_a: dict = {}
    refs_b: dict = {}
    code_a = np.array([refs_a.setdefault(_ref(q), len(refs_a)) for q in qa], np.intp)
    code_b = np.array([refs_b.setdefault(_ref(q), len(refs_b)) for q in qb], np.intp)
    one_a, one_b = {refs_a[_ref(q)]: q for q in qa}, {refs_b[_ref(q)]: q for q in qb}
    need = {True: SAME_SPEAKER, None: ANY_SPEAKER, False: np.inf}
    table = np.array([[need[_same_speaker(one_a[x], one_b[y], sides)] for y in range(len(refs_b))]
                      for x in range(len(refs_a))]).reshape(len(refs_a), len(refs_b))
    return lambda r0, r1: table[np.ix_(code_a[r0:r1], code_b)]


def _ref(q: Quote) -> tuple:
    return (q.speaker.id, q.speaker.unclear) if q.speaker is not None else None


def _candidates(qa, qb, words, vectors, needed=None, inside=frozenset(),
                block: int = BLOCK) -> list[tuple[int, int, np.float64]]:
    """(i, j, similarity) of every pair at or above the lower match threshold, or in `inside`, rows then columns
    ascending.
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

    def near(r0: int, r1: int) -> np.ndarray:  # pairs whose read cosine is within SCREEN of what they need, and the
        # pairs in `inside` (of one speaker, or one not known), matched whatever their cosine, which is their score
        need = np.broadcast_to(floor if needed is None else needed(r0, r1), (r1 - r0, nb))
        out = ra[r0:r1] @ rb.T >= need - SCREEN
        for i, j in inside:
            if r0 <= i < r1 and np.isfinite(need[i - r0, j]):
                out[i - r0, j] = True
        return out

    va = vb = None
    if vectors is not None:  # read vectors; the quotes' own where some pair of theirs is near
        ids_a, ids_b = [q.id for q in qa], [q.id for q in qb]
        ra, rb = vectors.read(ids_a), vectors.read(ids_b)
        near_a, near_b = np.zeros(na, bool), np.zeros(nb, bool)
        for r0 in range(0, na, block):
            close = near(r0, min(r0 + block, na))
            near_a[r0:r0 + block] |= close.any(axis=1)
            near_b |= close.any(axis=0)
        vectors.want([i for i, n in zip(ids_b, near_b) if n])
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
        held = [(i - r0, j) for i, j in inside if r0 <= i < r1]
        for i, j in held:
            keep[i, j] |= cos is None  # without the model, its share of words in order is its similarity
        for i, j in zip(*np.nonzero(keep)):
            r = difflib.SequenceMatcher(None, words[qa[r0 + i].id], words[qb[j].id], autojunk=False).ratio()
            if r > out[i, j]:
                out[i, j] = r
        listed = out >= floor
        for i, j in held:
            listed[i, j] = True
        found += [(r0 + int(i), int(j), out[i, j]) for i, j in zip(*np.nonzero(listed))]
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
