"""How well framediff's pair score says "these two sentences tell the same thing", on MSRP.

Usage: .venv/bin/python bench/msrp.py [path/to/shared/bench]
Reads msrp/msr_test.txt (1,725 pairs from different outlets' reports of one story)
and prints accuracy and F1 of (a) cosine alone at its best threshold and (b) the
context-free part of the alignment score, cos + OVERLAP_W * idf_overlap
- NUMBERS_W * numbers_conflict - CONTRAST_W * contrasts, at its best threshold,
with 10-fold cross-validated thresholds so the figure is not fitted to itself.
The alignment adds a hubness discount (it needs whole articles) on top.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from framediff.align import CONTRAST_W, NUMBERS_W, OVERLAP_W  # noqa: E402
from framediff.embed import Embedder  # noqa: E402
from framediff.facts import TermWeights, contrasts, number_conflict, sentence_facts  # noqa: E402


def load(bench: Path):
    with open(bench / "msrp" / "msr_test.txt", encoding="utf-8-sig") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(r)
        rows = [(int(x[0]), x[3], x[4]) for x in r]
    return np.array([r[0] for r in rows]), [r[1] for r in rows], [r[2] for r in rows]


def figures(pred: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    tp = (pred & (y == 1)).sum()
    p, r = tp / max(pred.sum(), 1), tp / (y == 1).sum()
    return (pred == y).mean(), 2 * p * r / (p + r)


def cv_threshold(score: np.ndarray, y: np.ndarray, folds: int = 10) -> tuple[float, float, float]:
    """Accuracy and F1 with the threshold chosen on the other folds; and the full-data threshold."""
    rng = np.random.default_rng(0)
    fold = rng.permutation(len(y)) % folds
    grid = np.quantile(score, np.linspace(0.02, 0.98, 97))
    pred = np.zeros(len(y), dtype=bool)
    for k in range(folds):
        train = fold != k
        best = max(grid, key=lambda t: ((score[train] >= t) == y[train]).mean())
        pred[~train] = score[~train] >= best
    acc, f1 = figures(pred, y)
    return acc, f1, float(max(grid, key=lambda t: ((score >= t) == y).mean()))


def main() -> None:
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "bench"
    y, s1, s2 = load(bench)
    e = Embedder()
    v1, v2 = e.encode(s1), e.encode(s2)
    cos = (v1 * v2).sum(1)
    f1s, f2s = [sentence_facts(s) for s in s1], [sentence_facts(s) for s in s2]
    tw = TermWeights(f1s + f2s)
    pair = np.array([c + OVERLAP_W * tw.overlap(a, b) - NUMBERS_W * number_conflict(a, b)
                     - CONTRAST_W * min(contrasts(x, z), 3)
                     for c, a, b, x, z in zip(cos, f1s, f2s, s1, s2)])
    print(f"MSRP test pairs: {len(y)} ({(y == 1).mean():.1%} labelled same meaning)")
    for name, score in (("cosine alone", cos), ("framediff pair score", pair)):
        acc, f1, t = cv_threshold(score, y)
        print(f"{name:22s} accuracy {acc:.3f}  F1 {f1:.3f}  (10-fold CV threshold; full-data threshold {t:.3f})")


if __name__ == "__main__":
    main()
