"""Does a cross-encoder trained on MSRP help the aligner? Measured, on MSRP test and on the reader's gold.

Usage: .venv/bin/python bench/cross_encoder.py [path/to/shared/bench] [--model /tmp/pair-reranker]

The model is made by scripts/train_cross_encoder.py (all-MiniLM-L6-v2 fine-tuned on MSRP train,
ONNX with 8-bit weights; not shipped, see docs/alignment.md). Prints: (1) on msrp/msr_test.txt,
the ROC AUC and accuracy at logit 0 of the cross-encoder, and its speed in pairs a second; (2) on
the reader's BASIL gold (bench/gold/basil_align.json), over every judged candidate pair of
framediff's aligner (bench/align_fit.py), the AUC of the cosine, of the cross-encoder alone, and
of the fitted pair probability without and with the cross-encoder's logit as one more feature,
leave-one-pair-out (weights fitted on the other twelve pairs); (3) what it would cost inside
align on the two long documents of bench/speed.py (--long 1400): the time to read
each unit's two most probable candidates whose probability is doubtful (0.05 to MATCH_P), per
1,000 sentences.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MAX_TOKENS = 128  # both sentences together, as in training
TOKENS = 4096  # padded tokens per batch


class PairScorer:
    """The cross-encoder's logit for (sentence, sentence) pairs: above 0, the same meaning."""

    def __init__(self, folder: Path):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if not (folder / "model.onnx").is_file() or not (folder / "tokenizer.json").is_file():
            sys.exit(f"cross_encoder: no model.onnx and tokenizer.json in {folder}: run scripts/train_cross_encoder.py")
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]

    def scores(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """One logit per pair, batched by length (shortest first)."""
        out = np.zeros(len(pairs), dtype=np.float32)
        if not pairs:
            return out
        enc = self.tokenizer.encode_batch(pairs)
        order = sorted(range(len(enc)), key=lambda k: len(enc[k].ids))
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * len(enc[order[end]].ids) <= TOKENS:
                end += 1
            part = [enc[k] for k in order[start:end]]
            width = max(len(e.ids) for e in part)
            feed = {n: np.zeros((len(part), width), dtype=np.int64) for n in ("input_ids", "attention_mask", "token_type_ids")}
            for r, e in enumerate(part):
                feed["input_ids"][r, :len(e.ids)] = e.ids
                feed["attention_mask"][r, :len(e.ids)] = 1
                feed["token_type_ids"][r, :len(e.ids)] = e.type_ids
            out[order[start:end]] = self.session.run(None, {n: feed[n] for n in self.inputs})[0][:, 0]
            start = end
        return out


def loo_auc(data, cross: bool) -> float:
    """Pooled AUC of the held-out pairs' judged candidates, each pair scored by the logistic fitted
    on the other pairs (align_fit.fit), with or without the cross-encoder's logit as a feature."""
    from align_fit import fit
    from sklearn.metrics import roc_auc_score

    rows = [(np.column_stack([d[1], z]) if cross else d[1], d[2]) for d, z in data]
    ys, scores = [], []
    for k, (x, y) in enumerate(rows):
        model = fit(np.vstack([r[0] for n, r in enumerate(rows) if n != k]),
                    np.concatenate([r[1] for n, r in enumerate(rows) if n != k]))
        judged = ~np.isnan(y)
        ys.append(y[judged])
        scores.append(model.decision_function(x[judged]))
    return roc_auc_score(np.concatenate(ys), np.concatenate(scores))


def doubtful(pairs: list[tuple[int, int]], p: np.ndarray, low: float = 0.05, top: int = 2) -> list[int]:
    """Candidates a second reading could change: probability from `low` to below align.MATCH_P, among
    the `top` most probable of their A unit or their B unit."""
    from framediff.align import MATCH_P

    rank: dict[tuple[str, int], int] = {}
    out = []
    for n in np.argsort(-p, kind="stable"):
        (i, j), ra, rb = pairs[n], rank.get(("a", pairs[n][0]), 0), rank.get(("b", pairs[n][1]), 0)
        rank["a", i], rank["b", j] = ra + 1, rb + 1
        if low <= p[n] < MATCH_P and (ra < top or rb < top):
            out.append(int(n))
    return out


def cost_on_long_documents(scorer: PairScorer, bench: Path, embedder) -> str:
    from speed import long_documents

    from framediff import align as al
    from framediff.pipeline import text_article

    a, b = (text_article(t, side) for t, side in zip(long_documents(bench, 1400), "ab"))
    va, vb = embedder.encode([u.text for u in a.units]), embedder.encode([u.text for u in b.units])
    pairs = sorted(al.top_pairs(va, vb))
    which = doubtful(pairs, al.probability(al.pair_features(a, b, va, vb, pairs)))
    t = time.perf_counter()
    scorer.scores([(a.units[pairs[n][0]].text, b.units[pairs[n][1]].text) for n in which])
    took = time.perf_counter() - t
    n = len(a.units) + len(b.units)
    return (f"long documents ({n} sentences, {len(pairs)} candidates): {len(which)} doubtful candidates read "
            f"in {took:.1f} s = {took / n * 1000:.2f} s per 1,000 sentences")


def main() -> None:
    from align_fit import candidates
    from align_gold import gold_pairs
    from msrp import load
    from sklearn.metrics import roc_auc_score

    from framediff.embed import Embedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--model", type=Path, default=Path("/tmp/pair-reranker"))
    opts = ap.parse_args()
    scorer = PairScorer(opts.model)
    y, s1, s2 = load(opts.bench)
    t = time.perf_counter()
    z = scorer.scores(list(zip(s1, s2)))
    rate = len(y) / (time.perf_counter() - t)
    print(f"MSRP test ({len(y)} pairs): cross-encoder AUC {roc_auc_score(y, z):.3f}, accuracy at logit 0 "
          f"{((z > 0) == y).mean():.3f}; {rate:.0f} pairs a second")
    embedder = Embedder()
    data = []
    for g in gold_pairs(opts.bench):
        d = candidates(g, embedder)
        a, b = g["a"].units, g["b"].units
        data.append((d, scorer.scores([(a[i].text, b[j].text) for i, j in d[0]])))
    y = np.concatenate([d[2] for d, _ in data])
    judged = ~np.isnan(y)
    cos = np.concatenate([d[1][:, 0] for d, _ in data])
    cross = np.concatenate([z for _, z in data])
    print(f"reader's gold ({judged.sum()} judged candidates): AUC cosine {roc_auc_score(y[judged], cos[judged]):.3f}, "
          f"cross-encoder alone {roc_auc_score(y[judged], cross[judged]):.3f}; fitted pair probability, "
          f"leave-one-pair-out: {loo_auc(data, False):.3f} without the cross-encoder, {loo_auc(data, True):.3f} with it")
    print(cost_on_long_documents(scorer, opts.bench, embedder))


if __name__ == "__main__":
    main()
