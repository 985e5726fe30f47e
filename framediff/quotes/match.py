"""How the other outlet renders each statement: verbatim, trimmed, paraphrased, or missing."""
from __future__ import annotations

import difflib
import re
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
    pairs = []
    for i, x in enumerate(qa):
        for j, y in enumerate(qb):
            same = x.speaker is not None and y.speaker is not None and x.speaker.id == y.speaker.id
            if sim[i, j] >= (SAME_SPEAKER if same else ANY_SPEAKER):
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
    """Cosine similarity of the quotes' meaning, never below their share of words in order."""
    lexical = np.array([[difflib.SequenceMatcher(None, words[x.id], words[y.id], autojunk=False).ratio()
                         for y in qb] for x in qa]).reshape(len(qa), len(qb))
    if embed is None or not qa or not qb:
        return lexical
    va = embed([text[q.article][slice(*spans[q.id])] for q in qa])
    vb = embed([text[q.article][slice(*spans[q.id])] for q in qb])
    return np.maximum(va @ vb.T, lexical)
