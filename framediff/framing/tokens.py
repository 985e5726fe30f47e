"""Contextual word vectors: the sentence model's hidden states of a word's word-pieces, in its sentence.

The sentence model (all-MiniLM-L6-v2) already reads every sentence to embed it;
its last hidden layer holds one vector per word-piece, each shaped by the whole
sentence. `word_vectors(embed, sentences, spans)` runs the model's ONNX export on
the given sentences and returns, per sentence, one vector per requested character
span (the mean of the word-pieces overlapping it; zeros when the span lies past the
model's length limit). The ONNX session of the Embedder is reused when it runs on
the `onnx` backend; otherwise the same exported file is opened once here.
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

import numpy as np

_own: dict[str, object] = {}
_lock = threading.Lock()
MEMO = 8192  # sentences whose word vectors are remembered per model (~1.5 KB per word)
_memo: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def runner(embed):
    """The OnnxSentenceModel behind an Embedder.encode callable (or one opened on its exported file); None if unknown."""
    from ..embed import OnnxSentenceModel, export_onnx, onnx_dir

    owner = getattr(embed, "__self__", None)
    spec = getattr(owner, "spec", None)
    if spec is None:
        return None
    model = owner.onnx_model() if hasattr(owner, "onnx_model") else None
    if model is not None:
        return model
    with _lock:
        if spec.model_id not in _own:
            folder = onnx_dir() / spec.model_id.replace("/", "_")
            _own[spec.model_id] = OnnxSentenceModel(spec, export_onnx(spec, folder))
        return _own[spec.model_id]


def pool(offsets: np.ndarray, hidden: np.ndarray, spans) -> np.ndarray:
    """Mean hidden state of the word-pieces overlapping each (start, end) span; zeros when none does."""
    out = np.zeros((len(spans), hidden.shape[1] if hidden.ndim == 2 and hidden.shape[0] else 384), np.float32)
    for j, (s, e) in enumerate(spans):
        hit = (offsets[:, 0] < e) & (s < offsets[:, 1]) if len(offsets) else np.zeros(0, bool)
        if hit.any():
            out[j] = hidden[hit].mean(axis=0)
    return out


def word_vectors(embed, sentences: list[str], spans: list[list[tuple[int, int]]]) -> list[np.ndarray] | None:
    """Per sentence, the contextual vector of each span (character offsets within that sentence); None without a model.

    Results are remembered per model (the last MEMO sentences), so redrawing a comparison runs no model pass."""
    model = runner(embed)
    if model is None:
        return None
    with _lock:
        memo = _memo.setdefault(model, OrderedDict())
    keys = [(sentences[i], tuple(sp)) for i, sp in enumerate(spans)]
    todo = [i for i, sp in enumerate(spans) if sp and keys[i] not in memo]
    states = model.hidden_states([sentences[i] for i in todo]) if todo else []
    with _lock:
        for i, (offsets, hidden) in zip(todo, states):
            memo[keys[i]] = pool(offsets, hidden, spans[i])
        out = []
        for i, sp in enumerate(spans):
            if sp:
                memo.move_to_end(keys[i])
            out.append(memo[keys[i]] if sp else np.zeros((0, 384), np.float32))
        while len(memo) > MEMO:
            memo.popitem(last=False)
    return out
