"""Does a faster embedding backend keep the quality? ONNX (fp32) and ONNX int8 against torch.

Usage: .venv/bin/python bench/onnx_quality.py [path/to/shared/bench]
For each backend, on the sentences of the five seeds and on MSRP's 3,450 test sentences:
cosine of every vector to the torch vector of the same text (min, 1st percentile, mean);
MSRP accuracy and F1 (cosine alone and framediff's pair score, 10-fold CV thresholds, as
bench/msrp.py); and the sentence alignment of every seed pair (groups identical to torch's?).
Runs on a fresh cache folder so every vector is computed by the backend itself.
"""
from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["FRAMEDIFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="framediff-onnxq-")
# exported ONNX files depend only on the model folder: keep them in the user's cache, made once
os.environ.setdefault("FRAMEDIFF_ONNX_DIR", str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                                                / "framediff" / "onnx"))

from framediff.align import align, probability  # noqa: E402
from framediff.embed import Embedder  # noqa: E402
from framediff.pipeline import load_article  # noqa: E402
from msrp import cv_threshold, load, lone_pair_features  # noqa: E402

BACKENDS = ("torch", "onnx", "onnx-int8")


def main() -> None:
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "bench"
    seeds = sorted((ROOT / "seeds").glob("0*.txt"))
    articles = {p.name[:3]: load_article(p, "a") for p in seeds}
    seed_texts = sorted({u.text for a in articles.values() for u in a.units})
    y, s1, s2 = load(bench)
    vecs, rows, aligned = {}, [], {}
    for backend in BACKENDS:
        e = Embedder(backend=backend)
        t = time.perf_counter()
        e.load()
        t_load = time.perf_counter() - t
        t, c = time.perf_counter(), time.process_time()
        vs = e.encode(seed_texts)
        v1, v2 = e.encode(s1), e.encode(s2)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        vecs[backend] = (vs, np.concatenate([v1, v2]))
        cos = (v1 * v2).sum(1)
        acc_c, f1_c, _ = cv_threshold(cos, y)
        acc_p, f1_p, _ = cv_threshold(probability(lone_pair_features(s1, s2, v1, v2)), y)
        aligned[backend] = {}
        for ka, kb in itertools.combinations(sorted(articles), 2):
            a, b = articles[ka], articles[kb]
            va, vb = e.encode([u.text for u in a.units]), e.encode([u.text for u in b.units])
            groups, _ = align(a, b, va, vb)
            aligned[backend][(ka, kb)] = [(tuple(g.a), tuple(g.b)) for g in groups]
        n = len(seed_texts) + len(s1) + len(s2)
        rows.append((backend, t_load, n / wall, n / max(cpu, 1e-9), acc_c, f1_c, acc_p, f1_p))
        print(f"{backend}: load {t_load:.2f} s, {n} sentences in {wall:.1f} s wall / {cpu:.1f} s CPU", flush=True)

    print(f"\nSeeds: {len(seed_texts)} sentences; MSRP: {len(s1) + len(s2)} sentences, {len(y)} pairs")
    print(f"{'backend':10s} {'load s':>7s} {'sent/s':>7s} {'sent/CPU s':>10s} | {'seeds cos min/p1/mean':>22s} | "
          f"{'MSRP cos min/p1/mean':>21s} | MSRP acc/F1 cos | MSRP acc/F1 pair | seed pairs aligned as torch")
    for backend, t_load, rate, cpu_rate, acc_c, f1_c, acc_p, f1_p in rows:
        cs = [(vecs[backend][i] * vecs["torch"][i]).sum(1) for i in (0, 1)]
        same = sum(aligned[backend][k] == aligned["torch"][k] for k in aligned["torch"])
        moved = sum(len(set(aligned["torch"][k]) - set(aligned[backend][k])) for k in aligned["torch"])
        total = sum(len(v) for v in aligned["torch"].values())
        print(f"{backend:10s} {t_load:7.2f} {rate:7.0f} {cpu_rate:10.0f} | "
              + " | ".join(f"{c.min():.4f}/{np.percentile(c, 1):.4f}/{c.mean():.4f}" for c in cs)
              + f" | {acc_c:.3f}/{f1_c:.3f}     | {acc_p:.3f}/{f1_p:.3f}      | "
              f"{same}/{len(aligned['torch'])} identical; {moved} of torch's {total} groups changed")


if __name__ == "__main__":
    main()
