"""Shared fixtures: the real model, the seed articles, and the seeds' comparisons."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed(prefix: str) -> Path:
    """The seed article whose file name starts with `prefix` ("003")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Tests never touch the user's embedding cache."""
    os.environ["FRAMEDIFF_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def embedder():
    from framediff.embed import Embedder

    e = Embedder()
    e.load()
    return e


@pytest.fixture(scope="session")
def compare_seeds(embedder):
    """compare_seeds("003", "004") -> Comparison, computed once per pair per session."""
    from framediff.pipeline import compare_files

    done = {}

    def run(a: str, b: str):
        if (a, b) not in done:
            done[(a, b)] = compare_files(seed(a), seed(b), embedder=embedder)
        return done[(a, b)]

    return run
