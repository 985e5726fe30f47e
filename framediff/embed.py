"""Sentence vectors through sentence-transformers, cached on disk by (model id, text hash).

The cache is one SQLite file under the user's cache folder (or FRAMEDIFF_CACHE_DIR),
so articles seen before cost no re-embedding. Vectors are L2-normalised float32.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Callable

import numpy as np

from .model_store import ModelError, ModelSpec, find_model

Progress = Callable[[int, int], None]
BATCH = 64


def cache_dir() -> Path:
    env = os.environ.get("FRAMEDIFF_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framediff"


class VectorCache:
    """(model id, sha1 of text) -> vector, in SQLite; unusable cache folders degrade to no cache."""

    def __init__(self, folder: Path):
        self._db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / "vectors.sqlite3", check_same_thread=False, timeout=10)
            self._db.execute("CREATE TABLE IF NOT EXISTS v (model TEXT, key TEXT, vec BLOB, PRIMARY KEY(model, key))")
        except (OSError, sqlite3.Error):
            self._db = None
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        if self._db is None or not keys:
            return {}
        out: dict[str, np.ndarray] = {}
        with self._lock:
            try:
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    q = f"SELECT key, vec FROM v WHERE model=? AND key IN ({','.join('?' * len(chunk))})"
                    for k, blob in self._db.execute(q, [model, *chunk]):
                        out[k] = np.frombuffer(blob, dtype=np.float32)
            except sqlite3.Error:
                return {}
        return out

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        if self._db is None or not items:
            return
        with self._lock:
            try:
                self._db.executemany("INSERT OR REPLACE INTO v VALUES (?, ?, ?)",
                                     [(model, k, v.astype(np.float32).tobytes()) for k, v in items.items()])
                self._db.commit()
            except sqlite3.Error:
                pass


class Embedder:
    """Loads the chosen model on first use and turns texts into normalised vectors."""

    def __init__(self, model: str | None = None, cache: VectorCache | None = None):
        self.spec: ModelSpec = find_model(model)
        self.model_id = self.spec.model_id
        self.cache = cache if cache is not None else VectorCache(cache_dir())
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the model now (slow: imports torch); safe to call from a worker thread."""
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()

            try:
                self._model = SentenceTransformer(str(self.spec.path), device="cpu", local_files_only=True)
            except Exception as e:  # a broken folder fails in many library-specific ways
                raise ModelError(f"model {self.spec.name!r} at {self.spec.path} could not be loaded "
                                 f"({type(e).__name__}: {str(e)[:120]}); reinstall it or pick another with --model") from None

    def encode(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        keys = [VectorCache.key(t) for t in texts]
        found = self.cache.get(self.model_id, list(set(keys)))
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in found}.items(), key=lambda kt: len(kt[1]))
        if todo:
            self.load()
            fresh: dict[str, np.ndarray] = {}
            for i in range(0, len(todo), BATCH):
                batch = todo[i:i + BATCH]
                vecs = self._model.encode([t for _, t in batch], batch_size=BATCH, normalize_embeddings=True,
                                          convert_to_numpy=True, show_progress_bar=False)
                fresh.update({k: v.astype(np.float32) for (k, _), v in zip(batch, vecs)})
                if progress:
                    progress(min(i + BATCH, len(todo)), len(todo))
            self.cache.put(self.model_id, fresh)
            found.update(fresh)
        dim = next(iter(found.values())).shape[0] if found else 384
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
