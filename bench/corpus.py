"""Corpus mode on real data (run by hand; figures go to docs/corpus.md).

    python bench/corpus.py basil   [--workers 2]             event grouping vs BASIL's triplets: purity, ARI
    python bench/corpus.py polnear [--workers 1 2] [--limit N] wall time and articles/s vs the bare embedding
                                                              floor; share of voice vs the human attributions
    python bench/corpus.py voice   [--workers 2] [--limit N] the share-of-voice figures again from that run's output
    python bench/corpus.py ann     [--n 100000]               faiss vs hnswlib vs usearch: build, query, recall@10

The texts are read from ../shared/bench at run time and written as a JSONL table under /tmp (never into
the repository). Each timed run starts from an empty vector cache (the exported ONNX model is reused), so
nothing is embedded before the clock starts. The machine's load average is printed with every figure.
"""
from __future__ import annotations

import argparse
import ast
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent.parent / "shared" / "bench" if (ROOT.parent.parent / "shared").is_dir() else Path("/work/shared/bench")
TMP = Path(tempfile.gettempdir()) / "framediff-bench-corpus"

# The two candidates and their camps, matched in speaker names (ours) and in Source spans (PolNeAR's).
CAMPS = {
    "Trump": r"\b(donald (j\. )?trump|trump|mr\. trump)\b",
    "Clinton": r"\b(hillary (rodham )?clinton|hillary|mrs\. clinton|(?<!bill )clinton)\b",
    "Trump camp": r"\b(trump|pence|conway|giuliani|christie|manafort|bannon|lewandowski|miller|spicer|priebus|"
                  r"trump campaign|trump's campaign|republican nominee)\b",
    "Clinton camp": r"\b(clinton|hillary|kaine|podesta|mook|palmieri|fallon|merrill|clinton campaign|"
                    r"clinton's campaign|democratic nominee)\b",
}
_CAMP = {k: re.compile(v, re.I) for k, v in CAMPS.items()}


def load() -> str:
    return os.popen("cut -d' ' -f1-3 /proc/loadavg").read().strip()


def run_cli(table: Path, out: Path, workers: int, cache: Path) -> float:
    """`framediff corpus` in a fresh process with an empty vector cache; its wall time. Its progress goes to
    stderr as usual; each step's closing line (wall time, worker CPU) is printed again at the end."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FRAMEDIFF_CACHE_DIR": str(cache),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "framediff", "corpus", str(table), "--out", str(out),
                             "--workers", str(workers)], env=env, stderr=subprocess.PIPE, text=True)
    steps = []
    for line in proc.stderr:
        sys.stderr.write(line)
        if "(done in" in line or line.startswith("events found") or " inputs (" in line:
            steps.append(line.strip())
    if proc.wait():
        sys.exit(f"framediff corpus failed ({proc.returncode})")
    secs = time.perf_counter() - t
    print("\n".join(f"    {s}" for s in steps), flush=True)
    return secs


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def read_parquet(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def ari(gold: list[str], pred: list[str]) -> float:
    """Adjusted Rand index (Hubert & Arabie) of two labelings."""
    n = len(gold)
    pairs = Counter(zip(gold, pred))
    a, b = Counter(gold), Counter(pred)
    index = sum(comb(v, 2) for v in pairs.values())
    sa, sb = sum(comb(v, 2) for v in a.values()), sum(comb(v, 2) for v in b.values())
    expected = sa * sb / comb(n, 2)
    top = (sa + sb) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def purity(gold: list[str], pred: list[str]) -> float:
    by = defaultdict(Counter)
    for g, p in zip(gold, pred):
        by[p][g] += 1
    return sum(c.most_common(1)[0][1] for c in by.values()) / len(gold)


def basil(args) -> None:
    records = []
    for f in sorted(glob.glob(str(BENCH / "basil" / "articles" / "*" / "*.json"))):
        d = json.loads(Path(f).read_text(encoding="utf-8"))
        paras = d["body-paragraphs"]
        paras = ast.literal_eval(paras) if isinstance(paras, str) else paras
        records.append({"id": Path(f).stem, "outlet": d["source"], "date": d["date"], "title": d["title"],
                        "text": d["title"] + "\n\n" + "\n\n".join(" ".join(p) for p in paras),
                        "triplet": d["triplet-uuid"]})
    table = write_jsonl(TMP / "basil.jsonl", records)
    out = TMP / "basil-out"
    secs = run_cli(table, out, args.workers[0], TMP / "cache-basil")
    arts = {a["id"]: a for a in read_parquet(out / "articles.parquet")}
    gold = [r["triplet"] for r in records]
    pred = [arts[r["id"]]["event"] or f"single:{r['id']}" for r in records]
    members = defaultdict(set)
    for r, p in zip(records, pred):
        members[p].add(r["triplet"])
    events = [p for p in set(pred) if not p.startswith("single:")]
    exact = sum(1 for t in set(gold) if any({r["id"] for r, p in zip(records, pred) if p == e} ==
                                            {r["id"] for r in records if r["triplet"] == t} for e in events))
    print(f"BASIL {len(records)} articles, {len(set(gold))} triplets, {args.workers[0]} workers: {secs:.0f} s wall, "
          f"load {load()}")
    print(f"  events found {len(events)}, singles {sum(p.startswith('single:') for p in pred)}; "
          f"triplets recovered exactly {exact}/{len(set(gold))}")
    print(f"  purity {purity(gold, pred):.3f}  adjusted Rand index {ari(gold, pred):.3f}")
    same_pred = sum(1 for i in range(len(gold)) for j in range(i + 1, len(gold)) if pred[i] == pred[j] and not pred[i].startswith("single:"))
    same_both = sum(1 for i in range(len(gold)) for j in range(i + 1, len(gold))
                    if pred[i] == pred[j] and not pred[i].startswith("single:") and gold[i] == gold[j])
    print(f"  pairs put in one event: {same_pred}, of which the same triplet {same_both} (of {60 * 3} gold pairs)")


def polnear_records(limit: int | None) -> list[dict]:
    meta = {}
    with open(BENCH / "polnear" / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    records = []
    for part in ("train", "dev"):
        for f in sorted((BENCH / "polnear" / part / "text").glob("*.txt")):
            m = meta[f.stem]
            records.append({"id": f.stem, "outlet": m["publisher"], "date": m["publication_date"], "title": m["title"],
                            "text": f.read_text(encoding="utf-8"),
                            # one annotator's file per text (some texts were annotated twice: <stem>_<annotator>.ann)
                            "ann": next(iter(sorted((f.parent.parent / "attributions").glob(f"{f.stem}_*.ann"))), None)})
    records.sort(key=lambda r: r["id"])
    return records[::max(1, len(records) // limit)][:limit] if limit else records  # a subset spread over outlets


def gold_sources(ann: Path | None) -> list[str]:
    """The Source span text of each attribution in a PolNeAR .ann file ('' when it has none)."""
    spans, events = {}, []
    if ann is None:
        return []
    for line in Path(ann).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            spans[parts[0]] = (parts[1].split(" ")[0], parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
    return [spans.get(e.get("Source", ""), ("", ""))[1] for e in events]


PRONOUN = re.compile(r"^(he|she|they|it|we|i|you|his|her|their|him|them)$", re.I)


def shares(by_outlet: dict[str, list[str]]) -> dict[tuple[str, str], float]:
    """(outlet, camp) -> share of the outlet's attributions with a named source whose source names the camp.
    A bare pronoun is not a named source: PolNeAR marks "he" where framediff names the person it resolves."""
    out = {}
    for o, sources in by_outlet.items():
        sources = [s for s in sources if s.strip() and not PRONOUN.match(s.strip())]
        for camp, rx in _CAMP.items():
            out[(o, camp)] = sum(bool(rx.search(s or "")) for s in sources) / max(len(sources), 1)
    return out


def embedding_floor(records: list[dict]) -> tuple[float, float, float, int]:
    """(seconds to read and segment, seconds to embed every sentence, CPU seconds to embed them, sentences)
    in this one process, cold cache."""
    cache = TMP / "cache-floor"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["FRAMEDIFF_CACHE_DIR"] = str(cache)
    from framediff.embed import Embedder
    from framediff.pipeline import text_article

    e = Embedder()
    e.load()
    t = time.perf_counter()
    texts = [u.text for r in records for u in text_article(r["text"], "a", r["id"]).units]
    t_seg = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), 1024):
        e.encode(texts[i:i + 1024])
    return t_seg, time.perf_counter() - t, time.process_time() - c, len(texts)


def polnear(args) -> None:
    records = polnear_records(args.limit)
    table = write_jsonl(TMP / "polnear.jsonl", [{k: v for k, v in r.items() if k != "ann"} for r in records])
    print(f"PolNeAR: {sum(r['ann'] is not None for r in records)} of {len(records)} texts have human attributions")
    n = len(records)
    out = None
    runs = []
    for w in args.workers:
        out = TMP / f"polnear-out-{w}"
        secs = run_cli(table, out, w, TMP / f"cache-polnear-{w}")
        runs.append((w, secs, load()))
    t_seg, t_emb, c_emb, sentences = embedding_floor(records)
    print(f"PolNeAR {n} articles, {sentences} sentences")
    print(f"  floor, one process: read+segment {t_seg:.0f} s, embed {t_emb:.0f} s wall / {c_emb:.0f} s CPU "
          f"({n / t_emb:.2f} articles/s embedding only, {n / (t_seg + t_emb):.2f} with segmenting); load {load()}")
    for w, secs, ld in runs:
        print(f"  framediff corpus, {w} worker(s): {secs:.0f} s wall, {n / secs:.2f} articles/s, "
              f"{secs / t_emb:.1f} x the embedding floor's wall time; load after it {ld}")
    voice(records, out)


def voice(records: list[dict], out: Path) -> None:
    """Events found, and share of voice per outlet for the candidates and camps: ours vs PolNeAR's attributions."""
    arts = read_parquet(out / "articles.parquet")
    events = read_parquet(out / "events.parquet")
    print(f"  events {len(events)} ({sum(a['event'] is not None for a in arts)} articles), outlets per event "
          f"{Counter(len(e['outlets']) for e in events).most_common()}")
    outlet_of = {a["row"]: a["outlet"] for a in arts}
    ours: dict[str, list[str]] = defaultdict(list)
    for q in read_parquet(out / "quotes.parquet"):
        ours[outlet_of[q["row"]]].append(q["speaker"] or "")
    gold: dict[str, list[str]] = defaultdict(list)
    for r in records:
        gold[r["outlet"]] += gold_sources(r["ann"])
    mine, theirs = shares(ours), shares(gold)
    keys = sorted(theirs)
    import numpy as np

    x = np.array([mine.get(k, 0.0) for k in keys])
    y = np.array([theirs[k] for k in keys])
    print(f"  share of voice (share of an outlet's attributions with a named source that name the candidate or camp), "
          f"{len(keys)} outlet x camp figures: Pearson r = {np.corrcoef(x, y)[0, 1]:.3f}, "
          f"mean |difference| = {np.abs(x - y).mean():.3f}")
    for camp in CAMPS:
        cx = np.array([mine.get((o, camp), 0.0) for o in sorted(gold)])
        cy = np.array([theirs[(o, camp)] for o in sorted(gold)])
        r = np.corrcoef(cx, cy)[0, 1] if cx.std() and cy.std() else float("nan")
        print(f"    {camp:13s} across outlets r = {r:.3f}")
    print(f"    {'outlet':13s} " + " ".join(f"{c:>22s}" for c in CAMPS) + "   (ours / human)")
    for o in sorted(gold):
        print(f"    {o:13s} " + " ".join(f"{mine.get((o, c), 0.0):>10.3f} / {theirs[(o, c)]:.3f}  " for c in CAMPS))
    print("  largest differences (ours vs human):")
    for k in sorted(keys, key=lambda k: -abs(mine.get(k, 0.0) - theirs[k]))[:6]:
        print(f"    {k[0]:13s} {k[1]:13s} {mine.get(k, 0.0):.3f} vs {theirs[k]:.3f}")
    print(f"  attributions: ours {sum(map(len, ours.values()))}, human {sum(map(len, gold.values()))}")


def ann(args) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    base = None
    ingest = sorted(glob.glob(str(TMP / "*-out*" / "work" / "ingest" / "*.json")))
    if ingest:
        base = np.array([d["vector"] for f in ingest for d in json.loads(Path(f).read_text()) if "vector" in d], np.float32)
    if base is None or not len(base):
        base = rng.standard_normal((1000, 384)).astype(np.float32)
    reps = -(-args.n // len(base))
    v = np.repeat(base, reps, axis=0)[:args.n] + rng.normal(0, 0.02, (args.n, base.shape[1])).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    q = v[rng.choice(len(v), 500, replace=False)]
    truth = np.argsort(-(q @ v.T), axis=1)[:, :10]
    print(f"ANN on {len(v)} vectors of {v.shape[1]} dims ({len(base)} real article vectors, each repeated with small noise), 500 queries, "
          f"k=10, one thread; load {load()}")

    def report(name, build, query):
        t = time.perf_counter()
        idx = build()
        tb = time.perf_counter() - t
        t = time.perf_counter()
        got = query(idx)
        tq = (time.perf_counter() - t) / len(q) * 1000
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, truth)])
        print(f"  {name:8s} build {tb:6.1f} s  query {tq:6.3f} ms  recall@10 {recall:.3f}")

    import faiss

    faiss.omp_set_num_threads(1)

    def fb():
        i = faiss.IndexHNSWFlat(v.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
        i.hnsw.efConstruction, i.hnsw.efSearch = 80, 128
        i.add(v)
        return i
    report("faiss", fb, lambda i: i.search(q, 10)[1])
    import hnswlib

    def hb():
        i = hnswlib.Index(space="ip", dim=v.shape[1])
        i.init_index(max_elements=len(v), ef_construction=80, M=32, random_seed=0)
        i.set_num_threads(1)
        i.add_items(v)
        i.set_ef(128)
        return i
    report("hnswlib", hb, lambda i: i.knn_query(q, k=10)[0])
    from usearch.index import Index

    def ub():
        i = Index(ndim=v.shape[1], metric="ip", connectivity=32, expansion_add=80, expansion_search=128)
        i.add(np.arange(len(v)), v, threads=1)
        return i
    report("usearch", ub, lambda i: i.search(q, 10, threads=1).keys)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["basil", "polnear", "voice", "ann"])
    p.add_argument("--workers", type=int, nargs="+", default=[2])
    p.add_argument("--limit", type=int)
    p.add_argument("--n", type=int, default=100_000)
    args = p.parse_args()
    sys.path.insert(0, str(ROOT))
    from framediff.embed import onnx_dir

    os.environ["FRAMEDIFF_ONNX_DIR"] = str(onnx_dir())  # the exported model is reused; vectors are not
    if args.what == "voice":  # the share-of-voice figures again, from the last `polnear` run's output
        voice(polnear_records(args.limit), TMP / f"polnear-out-{args.workers[-1]}")
        return
    {"basil": basil, "polnear": polnear, "ann": ann}[args.what](args)


if __name__ == "__main__":
    main()
