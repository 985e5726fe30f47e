"""Contextual words: the sentence model's hidden states of a word's word-pieces, in its sentence.

The sentence model (all-MiniLM-L6-v2) already reads every sentence to embed it;
its last hidden layer holds one vector per word-piece, each shaped by the whole
sentence. A word's contextual vector is the mean of the word-pieces overlapping its
character span (zeros when the span lies past the model's length limit).

`word_scores(embed, sentences, spans, direction)` gives each word's normalised vector
along one fitted direction, what the word scorer uses: from the readouts the Embedder's
encode() pass kept (Embedder.score_words_along), so it costs no model pass of its own.
`word_vectors` gives the vectors themselves (to fit that direction: bench/basil_flags.py);
it runs the model.
"""
from __future__ import annotations

import numpy as np

from ..embed import pieces_in


def embedder_of(embed):
    """The Embedder behind an Embedder.encode callable; None for any other callable."""
    owner = getattr(embed, "__self__", None)
    return owner if hasattr(owner, "word_scores") and hasattr(owner, "cache") else None


def pool(offsets: np.ndarray, hidden: np.ndarray, spans) -> np.ndarray:
    """Mean hidden state of the word-pieces overlapping each (start, end) span; zeros when none does."""
    out = np.zeros((len(spans), hidden.shape[1] if hidden.ndim == 2 and hidden.shape[0] else 384), np.float32)
    for j, (s, e) in enumerate(spans):
        hit = pieces_in(offsets, s, e)
        if len(hit):
            out[j] = hidden[hit].astype(np.float32).mean(axis=0)
    return out


def word_vectors(embed, sentences: list[str], spans: list[list[tuple[int, int]]]) -> list[np.ndarray] | None:
    """Per sentence, the contextual vector of each span (character offsets within that sentence); None without
    an Embedder."""
    owner = embedder_of(embed)
    if owner is None:
        return None
    todo = [i for i, sp in enumerate(spans) if sp]
    states = owner.hidden_states([sentences[i] for i in todo])
    out = [np.zeros((0, 384), np.float32) for _ in spans]
    for i, (offsets, hidden) in zip(todo, states):
        out[i] = pool(offsets, hidden, spans[i])
    return out


def word_scores(embed, sentences: list[str], spans: list[list[tuple[int, int]]], direction) -> list[np.ndarray]:
    """Per sentence, each span's L2-normalised contextual vector dot `direction` (Embedder.word_scores); needs an
    Embedder behind `embed`."""
    return embedder_of(embed).word_scores(sentences, spans, direction)
