"""Each quote's vector for matching and stance: read from its sentences' model pass, and its own only where a
decision rests on it.

A quote's core (found.core) is a span of one or more sentences, and the sentences' pass has already computed the
states of its word-pieces: their mean (Embedder.span_vectors) costs no model pass. It is not the vector of the
quote's words alone, which the thresholds were set on (cosine median 0.88 on 1,501 seed and BASIL quotes: a span's
states carry its sentence's other words), so it only screens: a pair of quotes whose similarity read that way is
match.SCREEN or more below what the pair needs to match, or a quote stance.SCREEN or more below every disputed issue,
is decided as it stands (no match, no position), and the quotes of every other pair (and issue) get their own
vectors (a second pass, counted), so matches and stances are those of the quotes' own vectors (docs/benchmarks.md).
A pair whose quoted words stand inside the other's matches whatever its cosine, which is its score: its quotes always
get their own vectors.
"""
from __future__ import annotations

import bisect
from typing import Callable

import numpy as np

from ..comparison import Article, Quote
from .found import core

SpanVectors = Callable[[list[tuple[str, list[tuple[str, int, int]]]]], np.ndarray]  # Embedder.span_vectors
Embed = Callable[[list[str]], np.ndarray]


def core_parts(article: Article, q: Quote, ends: list[int]) -> tuple[str, list[tuple[str, int, int]]]:
    """A quote's core (found.core) and its parts as Embedder.span_vectors takes them: (sentence, start, end) of each
    passage it covers, offsets into that passage; `ends` are the article's passages' end offsets."""
    s, e = core(article.text, q.start, q.end)
    parts = []
    for u in article.units[bisect.bisect_right(ends, s):]:
        if u.start >= e:
            break
        parts.append((u.text, max(s, u.start) - u.start, min(e, u.end) - u.start))
    return article.text[s:e], parts


class QuoteVectors:
    """The quotes' vectors read from their sentences' pass (`read`; with no `spans`, their own vectors), and their
    own vectors, embedded on first use (`own`)."""

    def __init__(self, articles: list[Article], quotes: list[Quote], embed: Embed, spans: SpanVectors | None = None):
        by_id = {a.id: a for a in articles}
        ends = {a.id: [u.end for u in a.units] for a in articles}
        self._texts, items = {}, []
        for q in quotes:
            text, parts = core_parts(by_id[q.article], q, ends[q.article])
            self._texts[q.id] = text
            items.append((text, parts))
        made = (spans(items) if spans is not None else embed([t for t, _ in items])) if items else []
        self._read = dict(zip([q.id for q in quotes], made))
        self._own = {} if spans is not None else dict(self._read)
        self._wanted: list[str] = []
        self._embed = embed

    def read(self, ids: list[str]) -> np.ndarray:
        return np.stack([self._read[i] for i in ids])

    def want(self, ids: list[str]) -> None:
        """Ask for these quotes' own vectors with the next `own` call: one model call for what several steps need."""
        self._wanted += ids

    def own(self, ids: list[str]) -> np.ndarray:
        """The vectors of the quotes' words alone (the ones not made yet, and those wanted: one model call)."""
        todo = [i for i in dict.fromkeys([*ids, *self._wanted]) if i not in self._own]
        self._wanted = []
        if todo:
            self._own.update(zip(todo, self._embed([self._texts[i] for i in todo])))
        return np.stack([self._own[i] for i in ids]) if ids else np.zeros((0, 0), np.float32)

    def decided(self, ids: list[str], read: np.ndarray, near: np.ndarray) -> np.ndarray:
        """`read` (the vectors of `ids` as read) with the rows `near` replaced by the quotes' own vectors."""
        out = read.copy()
        if near.any():
            out[near] = self.own([i for i, n in zip(ids, near) if n])
        return out
