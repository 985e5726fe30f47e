"""How well framediff's pair scores say "these two sentences tell the same thing", on MSRP's test part.

Usage: .venv/bin/python bench/msrp.py [path/to/shared/bench]
Reads msrp/msr_test.txt (1,725 pairs from different outlets' reports of one story, labelled same
meaning or not) and prints ROC AUC, and accuracy and F1 at a 10-fold cross-validated threshold, of
(a) the cosine of the sentence vectors and (b) the alignment's pair probability
(framediff/align.py) computed on each pair alone: the two sentences count as each other's best
match, with no neighbours, and IDF over all test sentences. In articles the probability also reads
the context (how far a pair is from each unit's best, neighbours), which MSRP cannot show.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load(bench: Path, name: str = "msr_test.txt"):
    """Labels and the two sentences of each pair of msrp/<name>."""
    with open(bench / "msrp" / name, encoding="utf-8-sig") as f:
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


def lone_pair_features(s1: list[str], s2: list[str], v1: np.ndarray, v2: np.ndarray) -> np.ndarray:
    """The alignment's FEATURES for each (s1[k], s2[k]) as a pair on its own."""
    from framediff.facts import (TermWeights, lead_conflict, name_conflict, number_conflict, quote_mismatch,
                                 sentence_facts, when_conflict)

    f1, f2 = [sentence_facts(s) for s in s1], [sentence_facts(s) for s in s2]
    tw = TermWeights(f1 + f2)
    names = set().union(*(f.names for f in f1 + f2))
    rows = np.array([(float(x @ z), 0.0, 0.0, tw.overlap(a, b), tw.containment(a, b), tw.content_overlap(a, b),
                      abs(np.log((len(t1) + 1) / (len(t2) + 1))), 0.0, name_conflict(a, b), number_conflict(a, b),
                      lead_conflict(a, b, names), quote_mismatch(a, b), when_conflict(a, b)) for x, z, a, b, t1, t2 in zip(v1, v2, f1, f2, s1, s2)])
    return rows


def main() -> None:
    from sklearn.metrics import roc_auc_score

    from framediff.align import probability
    from framediff.embed import Embedder

    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "bench"
    y, s1, s2 = load(bench)
    e = Embedder()
    v1, v2 = e.encode(s1), e.encode(s2)
    print(f"MSRP test pairs: {len(y)} ({(y == 1).mean():.1%} labelled same meaning)")
    scores = {"cosine alone": (v1 * v2).sum(1), "alignment probability": probability(lone_pair_features(s1, s2, v1, v2))}
    for name, score in scores.items():
        acc, f1, t = cv_threshold(score, y)
        print(f"{name:22s} AUC {roc_auc_score(y, score):.3f}  accuracy {acc:.3f}  F1 {f1:.3f}  "
              f"(10-fold CV threshold; full-data threshold {t:.3f})")


if __name__ == "__main__":
    main()
