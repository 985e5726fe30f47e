"""Shared fixtures: the real model, the seed articles, and the seeds' comparisons."""
from __future__ import annotations

import json
import os
import re
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


def align_with(embedder, a, b):
    """align() of two segmented articles with the real model's vectors: (groups, unmatched)."""
    from framediff.align import align

    return align(a, b, embedder.encode([u.text for u in a.units]), embedder.encode([u.text for u in b.units]))


def squash(s: str) -> str:
    """Whitespace runs as one space: text as a PDF or HTML page shows it, comparable to the source."""
    return re.sub(r"\s+", " ", s).strip()


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


@pytest.fixture(scope="session")
def seeds_cmp(compare_seeds):
    """The comparison of seeds 003 and 004."""
    return compare_seeds("003", "004")


@pytest.fixture(scope="session")
def saved_seeds(compare_seeds, tmp_path_factory):
    """The seeds' comparison (003/004) as a saved file, to reopen without re-running the analysis."""
    path = tmp_path_factory.mktemp("saved") / "seeds.json"
    path.write_text(json.dumps(compare_seeds("003", "004").to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, embedder, tmp_path):
    """A shown main window with its own settings file and the session's model."""
    from ui.main_window import MainWindow
    from ui.settings import Settings

    w = MainWindow(Settings(tmp_path / "settings.ini"), embedder=embedder)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    yield w
    w.close()
