"""Where the time of a comparison goes, and every speed target of issues 8 and 22 measured against its target.

Usage: .venv/bin/python bench/speed.py [--bench PATH] [--repeat 3] [--long 400,1400] [--sizes 2000,5000,20000]
                                       [--book-vectors model|hash] [--skip-book]
       .venv/bin/python bench/speed.py --seed-dump OUT.json   (the quality check: every seed pair's output)
       .venv/bin/python bench/speed.py --timeline A B         (what waits on what in one cold compare)
       .venv/bin/python bench/speed.py --framing A B          (framing's steps one by one: CPU, model calls)

1. Start-up: `framediff --help` and the window's first paint (offscreen Qt), as fresh processes;
   neither may import torch or load the model.
2. Cold `framediff compare A B --json out` of seeds 003/004 and of two long documents (--long:
   BASIL texts of the same events concatenated until each side has that many sentences, built at
   run time: nothing of BASIL is stored in the repo), each run on an empty vector and parse cache,
   side by side (interleaved, median of --repeat) with the floor: a bare process that imports
   sentence_transformers, loads the same model and embeds the same sentences (what
   ../shared/tools/speed-ratio runs); and with a bare process that runs the same model on
   framediff's backend. Wall time and CPU time (user + system of the child) are both given: on a
   shared machine the wall time depends on what else runs, the CPU time much less. The ONNX export
   (made once per model, in the user's cache) is made before the runs.
3. Once each: in a cold comparison every sentence goes through the model once (what other texts
   the steps send is counted); `analyse A` then `compare A B` parses A once.
   Articles already seen: a second comparison sends nothing to the model; with a warm model
   the seeds' comparison is redone (the window's redraw) in under a second.
4. Where the time goes, stage by stage, for the seeds and the long documents (one process, the
   stages one after the other, each on empty caches; texts each stage sends to the model).
5. Book length: two documents of N sentences each (synthetic: BASIL sentences with varied
   names, numbers and openings), one fresh process per size: time per stage, peak RSS, and how
   the time grows with N. `--book-vectors hash` uses a cheap stand-in embedding to time the
   other stages alone at full size (the model's own cost is linear: batches of 64). The book
   runs go through the engine and the same-event check with its spaCy parse (`--book-upto`);
   the texts pass framediff's own size limit (ingest/reader.py), which the bench does not lift.
Child processes run as an installed app does, with Python's bytecode cache (kept in a temporary
folder, PYTHONPYCACHEPREFIX; the first of each start-up measurement only warms it).
Paste the printed tables into docs/benchmarks.md with the machine it ran on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
TARGET_COLD_RATIO, TARGET_HELP, TARGET_PAINT, TARGET_REDRAW, TARGET_BOOK_RSS = 1.25, 0.3, 1.0, 1.0, 2.0
AIM_COLD_RATIO, TARGET_SEEDS_RATIO, AIM_SEEDS_RATIO = 1.1, 1.0, 0.5  # issue 22: long documents; seeds 003/004
TARGET_GROWTH = 1.10  # "close to linearly": CPU time at 10 x the sentences at most 10^1.1 = 12.6 x
# exported ONNX files depend only on the model folder: keep them in the user's cache, made once
os.environ.setdefault("FRAMEDIFF_ONNX_DIR", str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                                                / "framediff" / "onnx"))
os.environ.setdefault("FRAMEDIFF_CACHE_DIR", tempfile.mkdtemp(prefix="framediff-bench-"))
# an installed app has its modules compiled; without the cache every start recompiles ~20 modules
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "framediff-bench-pycache"))


# ---------------------------------------------------------------- documents built at run time

def basil_articles(bench: Path) -> list[list[list[Path]]]:
    files = sorted((bench / "basil" / "articles").rglob("*.json"))
    if not files:
        sys.exit(f"speed: no BASIL articles under {bench / 'basil' / 'articles'}; pass --bench (../shared/bench)")
    by_triplet: dict[str, list[Path]] = {}
    for f in files:
        by_triplet.setdefault(f.stem.rsplit("_", 1)[0], []).append(f)
    return [sorted(t) for _, t in sorted(by_triplet.items())]


def long_documents(bench: Path, sentences: int = 400) -> tuple[str, str]:
    """Two long articles: the first two outlets' BASIL texts of the same events, concatenated."""
    docs: list[list[str]] = [[], []]
    for triplet in basil_articles(bench):
        for side, f in zip((0, 1), triplet[:2]):
            art = json.loads(f.read_text(encoding="utf-8"))
            docs[side] += [" ".join(p) for p in art["body-paragraphs"]]
        if min(sum(p.count(". ") + 1 for p in d) for d in docs) >= sentences:
            break
    return ("Long document A\n\n" + "\n\n".join(docs[0]), "Long document B\n\n" + "\n\n".join(docs[1]))


_NAMES = ["Smith", "Garcia", "Nakamura", "Ivanova", "Okafor", "Rossi", "Dubois", "Kowalski", "Haddad", "Larsen"]
_OPENINGS = ["", "On Monday, ", "Earlier this week, ", "According to officials, ", "In a statement, ",
             "Later that day, ", "By contrast, ", "Meanwhile, ", "As expected, ", "Separately, "]


def book_documents(bench: Path, n: int) -> tuple[str, str]:
    """Two documents of about n sentences each: BASIL sentences with varied names, numbers, openings."""
    pools: list[list[str]] = [[], []]
    for triplet in basil_articles(bench):
        for side, f in zip((0, 1), (triplet[0], triplet[-1])):
            art = json.loads(f.read_text(encoding="utf-8"))
            pools[side] += [s.strip() for p in art["body-paragraphs"] for s in p
                            if 30 < len(s.strip()) < 400 and s.strip()[0].isupper()]
    out = []
    for side, pool in enumerate(pools):
        rng = random.Random(side)
        sents = []
        for k in range(n):
            s = pool[k % len(pool)]
            if k >= len(pool):  # every later round varies the sentence so no two texts repeat
                s = re.sub(r"\d+", lambda m: str(rng.randint(2, 999)), s)
                s = re.sub(r"\b(Obama|Romney|Clinton|Trump|Boehner|Reid|Pelosi|McConnell)\b",
                           lambda m: rng.choice(_NAMES), s)
                s = f"{rng.choice(_OPENINGS[1:])}in round {k // len(pool)}, {s[0].lower()}{s[1:]}"
            sents.append(s)
        paras = [" ".join(sents[i:i + 4]) for i in range(0, len(sents), 4)]
        out.append(f"Book {'AB'[side]}\n\n" + "\n\n".join(paras))
    return out[0], out[1]


# ---------------------------------------------------------------- child processes

def child(args: list[str], env: dict | None = None, timeout: float = 3600) -> tuple[float, float, str]:
    """(wall s, CPU s of the child, stdout) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=timeout)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))[:200]} failed ({r.returncode}): {r.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), r.stdout


BARE_TORCH = """
import json, sys
from sentence_transformers import SentenceTransformer
from framediff.model_store import find_model
sents = json.load(open(sys.argv[1], encoding="utf-8"))
model = SentenceTransformer(str(find_model().path), device="cpu", local_files_only=True)
model.encode(sents, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
"""

BARE_BACKEND = """
import json, sys
from framediff.embed import Embedder, VectorCache
sents = json.load(open(sys.argv[1], encoding="utf-8"))
e = Embedder(cache=VectorCache.__new__(VectorCache))
e.cache._db = None  # no cache at all: only the model's own work
e.encode(sents)
"""

HELP = """
import sys
from framediff.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(",".join(m for m in ("torch", "sentence_transformers", "onnxruntime", "transformers") if m in sys.modules) or "-")
"""

FIRST_PAINT = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
painted = []
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and not painted:
            painted.append(time.perf_counter())
        return False
w = MainWindow()
watch = Watch()
w.installEventFilter(watch)
w.show()
while not painted and time.perf_counter() - t0 < 20:
    app.processEvents()
heavy = sorted(m for m in ("torch", "sentence_transformers", "onnxruntime", "transformers") if m in sys.modules)
print(f"{painted[0] - t0:.3f} {','.join(heavy) or '-'}")
"""


TIMELINE = """
import sys, threading, time
T0 = time.perf_counter()
events = []  # (wall s since start, thread, what, CPU s of that thread so far)
def log(what):
    events.append((time.perf_counter() - T0, threading.current_thread().name, what, time.thread_time()))
from framediff import embed, nlp, pipeline
from framediff.output import write_json
log("imported the pipeline")
fill, encode, spans = nlp._fill, embed.Embedder.encode, embed.Embedder.span_vectors
def _fill(f, text):
    log(f"parse starts ({len(text):,} characters)"); fill(f, text); log("parse ends")
def _encode(self, texts, progress=None, passages=False):
    t, sent = time.perf_counter() - T0, self.model_calls
    out = encode(self, texts, progress, passages)
    if self.model_calls > sent:
        log(f"model pass since {t:.2f} s: {len(texts)} texts asked ({self.model_calls - sent} model calls meanwhile, any thread)")
    return out
def span_vectors(self, items):
    log(f"quote vectors asked: {len(items)} spans"); sent = self.model_calls
    out = spans(self, items); log(f"quote vectors made ({self.model_calls - sent} model calls, any thread)"); return out
nlp._fill, embed.Embedder.encode, embed.Embedder.span_vectors = _fill, _encode, span_vectors
def stage(name, fraction):
    if not any(e[2] == name for e in events): log(name)
cmp = pipeline.compare_files(sys.argv[1], sys.argv[2], progress=stage)
log("compared"); write_json(cmp, sys.argv[3]); log("JSON written")
for t, thread, what, cpu in events:
    print(f"{t:.2f}\t{thread}\t{cpu:.2f}\t{what}")
"""


FRAMING = """
import sys, time
from framediff import embed, pipeline
from framediff.framing import frames, naming_statements, numbers, omission, prominence, sourcing, tone, wording
from framediff.framing.context import Context
pipeline.analyse_framing = lambda cmp, embed: None  # every stage before framing, as a compare runs them
e = embed.Embedder()
cmp = pipeline.compare_files(sys.argv[1], sys.argv[2], embedder=e)  # its pass keeps what the word scorer reads
asked = []
encode = embed.Embedder.encode
def _encode(self, texts, progress=None, passages=False):
    calls = self.model_calls
    out = encode(self, texts, progress, passages)
    asked.append((len(texts), self.model_calls - calls))
    return out
embed.Embedder.encode = _encode
ctx = Context(cmp, e.encode)
steps = [("tone", tone.fill_tone), ("frames", frames.fill_frames), ("headline", tone.headline_flags),
         ("naming", naming_statements.naming_flags), ("numbers", numbers.number_flags),
         ("omission", omission.omission_flags), ("prominence", prominence.prominence_flags),
         ("pair tone", tone.pair_tone_flags), ("sourcing", sourcing.sourcing_flags), ("words", wording.pair_flags)]
for name, step in steps:
    del asked[:]
    w, c = time.perf_counter(), time.thread_time()
    step(ctx)
    w, c = time.perf_counter() - w, time.thread_time() - c
    print(f"{name}\t{c:.3f}\t{w:.3f}\t{len(asked)}\t{sum(n for n, _ in asked)}\t{sum(m for _, m in asked)}")
"""


def framing_steps(path_a: Path, path_b: Path) -> None:
    """Framing's steps of a compare of A and B, one after the other on the main thread of a new process on an empty
    cache (every stage before framing run first, as a compare runs them, its vectors, parses and readouts kept; the
    quotes' matching done, so the model is framing's alone): each step's CPU (its first run in the process: lexicons
    loaded, caches made) and wall time, and what it asks of the model (encode() calls, texts, model calls)."""
    with tempfile.TemporaryDirectory() as t:
        wall, cpu, out = child([PY, "-c", FRAMING, str(path_a), str(path_b)],
                               env={"FRAMEDIFF_CACHE_DIR": f"{t}/cache", "PYTHONPATH": str(ROOT)})
    rows = [line.split("\t") for line in out.strip().splitlines()]
    print(f"Framing of {path_a.name} and {path_b.name}, step by step (load average {os.getloadavg()[0]:.1f})\n")
    print("| step | CPU s | wall s | encode() calls | texts | model calls |\n|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"| all | {sum(float(r[1]) for r in rows):.3f} | {sum(float(r[2]) for r in rows):.3f} | "
          f"{sum(int(r[3]) for r in rows)} | {sum(int(r[4]) for r in rows)} | {sum(int(r[5]) for r in rows)} |")


def timeline(path_a: Path, path_b: Path) -> None:
    """One cold compare (new process, empty caches) with each thread's steps stamped: what waits on what, in wall time
    (where the parse, the sentences' pass and the quotes' own spans run beside one another, and what is left after)."""
    with tempfile.TemporaryDirectory() as t:
        wall, cpu, out = child([PY, "-c", TIMELINE, str(path_a), str(path_b), f"{t}/out.json"],
                               env={"FRAMEDIFF_CACHE_DIR": f"{t}/cache", "PYTHONPATH": str(ROOT)})
    print(f"Cold compare of {path_a.name} and {path_b.name}: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(load average {os.getloadavg()[0]:.1f} at the end)\n")
    print("| wall s | thread | its CPU s | step |\n|---|---|---|---|")
    for line in out.strip().splitlines():
        print("| " + " | ".join(line.split("\t")) + " |")


def startup(repeat: int) -> list[tuple]:
    rows = []
    walls = [child([str(Path(PY).parent / "framediff"), "--help"])[0] for _ in range(repeat + 2)]
    heavy = child([PY, "-c", HELP])[2].strip().splitlines()[-1]
    rows.append(("`framediff --help` (fresh process)", statistics.median(walls), TARGET_HELP,
                 f"heavy modules imported: {heavy}"))
    try:
        runs = [child([PY, "-c", FIRST_PAINT], env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)})
                for _ in range(repeat + 1)][1:]  # the first warms the bytecode cache
        inner = [float(out.split()[0]) for _, _, out in runs]
        heavy = runs[-1][2].split()[1]
        rows.append(("window first paint (process start to paint)", statistics.median(w for w, _, _ in runs),
                     TARGET_PAINT, f"in-process {statistics.median(inner):.2f} s; heavy modules: {heavy}"))
    except Exception as e:  # noqa: BLE001 - the window is another team's; report, don't stop
        rows.append(("window first paint", float("nan"), TARGET_PAINT, f"not measured: {str(e)[-150:]}"))
    return rows


def prepare_model() -> float:
    """Make the ONNX export if it is missing (once per model, in the user's cache); seconds taken."""
    t = time.perf_counter()
    child([PY, "-c", "from framediff.embed import Embedder; Embedder().load()"])
    return time.perf_counter() - t


def cold_pair(text_a: str, text_b: str, repeat: int) -> dict:
    """framediff compare vs bare model runs on the same sentences, interleaved, empty caches each time."""
    from framediff.embed import Embedder
    from framediff.pipeline import text_article

    tmp = Path(tempfile.mkdtemp(prefix="framediff-cold-"))
    (tmp / "a.txt").write_text(text_a, encoding="utf-8")
    (tmp / "b.txt").write_text(text_b, encoding="utf-8")
    a, b = text_article(text_a, "a"), text_article(text_b, "b")
    sents = [u.text for u in a.units + b.units]
    (tmp / "sents.json").write_text(json.dumps(sents), encoding="utf-8")
    backend = Embedder().backend
    runs: dict[str, list[tuple[float, float]]] = {"bare torch": [], f"bare {backend}": [], "framediff": []}
    for r in range(repeat):
        runs["bare torch"].append(child([PY, "-c", BARE_TORCH, str(tmp / "sents.json")])[:2])
        runs[f"bare {backend}"].append(child([PY, "-c", BARE_BACKEND, str(tmp / "sents.json")],
                                             env={"PYTHONPATH": str(ROOT)})[:2])
        cache = tmp / f"cache{r}"
        runs["framediff"].append(child([str(Path(PY).parent / "framediff"), "compare", str(tmp / "a.txt"),
                                        str(tmp / "b.txt"), "--json", str(tmp / "out.json")],
                                       env={"FRAMEDIFF_CACHE_DIR": str(cache)})[:2])
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
    return {"sentences": len(sents), "units": (len(a.units), len(b.units)), "median": med, "runs": runs,
            "backend": backend}


def cold_rows(name: str, cold: dict, target: float, aim: float, repeat: int) -> list[tuple]:
    """Target rows of one cold_pair: wall and CPU against the bare torch floor, and against the bare backend."""
    (fw, fc), (tw, tc) = cold["median"]["framediff"], cold["median"]["bare torch"]
    bw, bc = cold["median"][f"bare {cold['backend']}"]
    note = (f"{cold['sentences']} sentences ({cold['units'][0]} + {cold['units'][1]}); framediff {fw:.1f} s wall / "
            f"{fc:.1f} s CPU; floor (bare torch) {tw:.1f} s / {tc:.1f} s; bare {cold['backend']} {bw:.1f} s / "
            f"{bc:.1f} s; median of {repeat}, interleaved")
    return [(f"cold compare, {name} / floor, wall", f"{fw / tw:.2f} x", f"<= {target} x (aim {aim})",
             ok(fw / tw, target), note),
            (f"cold compare, {name} / floor, CPU", f"{fc / tc:.2f} x", f"<= {target} x (aim {aim})",
             ok(fc / tc, target), ""),
            (f"cold compare, {name} / bare {cold['backend']} process, CPU", f"{fc / bc:.2f} x", "(stricter)", "", "")]


def once_each(text_a: str, text_b: str) -> dict:
    """`analyse A` then `compare A B`, each as in a new process (in-memory parses dropped), on empty caches:
    how often each sentence went through the model, what else was sent, and how many articles were parsed."""
    from framediff import nlp
    from framediff.embed import Embedder, VectorCache
    from framediff.pipeline import analyse_file, compare_files

    tmp = Path(tempfile.mkdtemp(prefix="framediff-once-"))
    (tmp / "a.txt").write_text(text_a, encoding="utf-8")
    (tmp / "b.txt").write_text(text_b, encoding="utf-8")
    old = os.environ.get("FRAMEDIFF_CACHE_DIR")
    os.environ["FRAMEDIFF_CACHE_DIR"] = str(tmp / "cache")
    try:
        nlp._docs.clear()
        p0 = nlp.parses
        analyse_file(tmp / "a.txt", embedder=Embedder(cache=VectorCache(tmp / "cache")))
        p1 = nlp.parses
        nlp._docs.clear()
        e = Embedder(cache=VectorCache(tmp / "vectors"))
        cmp = compare_files(tmp / "a.txt", tmp / "b.txt", embedder=e)
        p2 = nlp.parses
    finally:
        if old is None:
            os.environ.pop("FRAMEDIFF_CACHE_DIR")
        else:
            os.environ["FRAMEDIFF_CACHE_DIR"] = old
        nlp._docs.clear()
    return {"analyse_parses": p1 - p0, "compare_parses": p2 - p1,
            **e.counts([u.text for a in cmp.articles for u in a.units])}


def seed_dump(out: Path) -> None:
    """Every seed pair's `framediff compare` and every seed's `analyse` JSON (meta left out) in one file, through the
    CLI on one cache (later runs read earlier parses and vectors back): diff two dumps to see that a change moved
    no flag, quote match or anything else a user sees."""
    import itertools

    seeds = sorted((ROOT / "seeds").glob("0*.txt"))
    cache, dump = tempfile.mkdtemp(prefix="framediff-dump-"), {}

    def run(*args) -> dict:
        with tempfile.TemporaryDirectory() as t:
            child([str(Path(PY).parent / "framediff"), *args, "--json", f"{t}/o.json"], env={"FRAMEDIFF_CACHE_DIR": cache})
            d = json.loads(Path(t, "o.json").read_text(encoding="utf-8"))
        d.pop("meta", None)
        return d

    for a, b in itertools.combinations(seeds, 2):
        dump[f"compare {a.name[:3]}/{b.name[:3]}"] = run("compare", str(a), str(b))
    for a in seeds:
        dump[f"analyse {a.name[:3]}"] = run("analyse", str(a))
    out.write_text(json.dumps(dump, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    print(f"{len(dump)} outputs, {sum(len(d.get('flags', [])) for d in dump.values())} flags, "
          f"{sum(len(d.get('quote_matches', [])) for d in dump.values())} quote matches -> {out}")


def seen_before(bench: Path) -> dict:
    """Second comparisons: no model calls; warm-model seed comparisons timed."""
    from framediff.embed import Embedder
    from framediff.pipeline import compare_files

    e = Embedder()
    e.load()
    seeds = sorted((ROOT / "seeds").glob("0*.txt"))
    pairs = [(seeds[i], seeds[j]) for i in range(len(seeds)) for j in range(i + 1, len(seeds))]
    for pa, pb in pairs:  # the first time: embeds (and warms spaCy, lexicons, ...)
        compare_files(pa, pb, embedder=e)
    calls = e.model_calls
    times = {}
    for pa, pb in pairs:
        t = time.perf_counter()
        compare_files(pa, pb, embedder=e)
        times[f"{pa.name[:3]}/{pb.name[:3]}"] = time.perf_counter() - t
    return {"new_calls": e.model_calls - calls, "times": times}


def components(text_a: str, text_b: str) -> tuple[dict, dict]:
    """Which spaCy components each step reads: the step run on a parse made without one component (and what needs
    its output, as spaCy's own pipeline does) against the full parse; changed output = the step reads it. Also each
    component's CPU s over both texts. ({component: {step: changed?}}, {component: CPU s})."""
    import dataclasses

    from framediff import nlp
    from framediff.align import align
    from framediff.comparison import Comparison
    from framediff.embed import Embedder
    from framediff.framing import analyse_framing, wordscore
    from framediff.pipeline import text_article
    from framediff.quotes import analyse_quotes
    from framediff.same_event import _facts as same_event_facts
    from framediff.same_event import same_event

    full = nlp.get_nlp()
    cpu: dict[str, float] = {}
    for text in (text_a, text_b):
        for piece in nlp.blocks(text):
            doc = full.make_doc(piece)
            for name, proc in full.pipeline:
                t = time.process_time()
                doc = proc(doc)
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - t
    e = Embedder()
    wordscore.prepare(e.encode)
    a, b = text_article(text_a, "a"), text_article(text_b, "b")
    vecs = e.encode([u.text for u in a.units + b.units])
    groups, unmatched = align(a, b, vecs[:len(a.units)], vecs[len(a.units):])

    def steps() -> dict:
        """Each step's output as text; a step that fails gives its error (it reads what is missing)."""
        nlp._docs.clear()
        same_event_facts.cache_clear()  # made from the parse, kept per text
        cmp, got = Comparison([a, b], groups, unmatched), {}
        plain = lambda x: json.dumps(x if isinstance(x, dict) else dataclasses.asdict(x), sort_keys=True, default=str)  # noqa: E731

        def same():
            cmp.same_event = same_event(a, b, groups)
            return plain(cmp.same_event)

        def quotes():
            q = analyse_quotes([a, b], e.encode, e.span_vectors)
            cmp.quotes, cmp.speakers, cmp.quote_matches, cmp.voices = q.quotes, q.speakers, q.quote_matches, q.voices
            return plain(q.voices) + "".join(map(plain, q.quotes + q.quote_matches + q.speakers))

        def framing():
            analyse_framing(cmp, e.encode)
            return "".join(map(plain, cmp.flags)) + plain(cmp.frames) + plain(cmp.tone)

        for step, run in (("same event", same), ("quotes", quotes), ("framing", framing)):
            try:
                got[step] = run()
            except Exception as err:  # noqa: BLE001 - spaCy refuses to give what was not made
                got[step] = f"fails: {type(err).__name__}"
        return got

    ref = steps()
    needs = {"tok2vec": ["tagger", "parser"], "tagger": ["attribute_ruler", "lemmatizer"],
             "attribute_ruler": ["lemmatizer"]}
    parse, out = nlp._cached_parse, {}
    try:
        for name in full.pipe_names:
            off = [name, *needs.get(name, [])]
            nlp._cached_parse = lambda text, off=off: _parse_without(full, text, off)
            got = steps()
            out[name] = {step: got[step][:5] if got[step].startswith("fails") else got[step] != ref[step]
                         for step in ref}
    finally:
        nlp._cached_parse = parse
        nlp._docs.clear()
    return out, cpu


def _parse_without(full, text: str, off: list[str]):
    from framediff import nlp

    with full.select_pipes(disable=off):
        return nlp._parse(full, text)


# ---------------------------------------------------------------- stage breakdown (one process)

def timed(label: str, rows: list, fn, embedder=None):
    """Run fn; append (label, wall s, CPU s, peak RSS MB so far, texts sent to the model)."""
    sent = sum(getattr(embedder, "passes", {}).values())
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    rows.append((label, time.perf_counter() - t, time.process_time() - c, peak_rss_mb(),
                 sum(getattr(embedder, "passes", {}).values()) - sent))
    return out


def stages(text_a: str, text_b: str, embedder, upto: str = "all", keep: list | None = None) -> tuple[int, list]:
    """(sentences, [(stage, wall s, CPU s, peak RSS MB so far)]); with upto="all", `keep` receives the Comparison."""
    from framediff import nlp
    from framediff.align import align
    from framediff.comparison import Comparison
    from framediff.framing import analyse_framing, wordscore
    from framediff.output import write_json
    from framediff.pipeline import text_article
    from framediff.quotes import analyse_quotes
    from framediff.same_event import same_event

    rows: list = []
    nlp.get_nlp()  # loaded once per process, as in a run; its articles' parses are not cached yet (fresh_caches)
    wordscore.prepare(embedder.encode)  # as compare_articles does
    a, b = timed("ingest + segment", rows, lambda: (text_article(text_a, "a"), text_article(text_b, "b")))
    vecs = timed("embed (cold cache)", rows, lambda: embedder.encode([u.text for u in a.units + b.units]), embedder)
    va, vb = vecs[:len(a.units)], vecs[len(a.units):]
    groups, unmatched = timed("align", rows, lambda: align(a, b, va, vb))
    if upto == "engine":
        return len(a.units) + len(b.units), rows
    cmp = Comparison([a, b], groups, unmatched)
    timed("spaCy parse (both articles; in a run, beside the embedding)", rows, lambda: (nlp.parse(a.text), nlp.parse(b.text)))
    cmp.same_event = timed("same event", rows, lambda: same_event(a, b, groups))
    if upto == "parse":
        return len(a.units) + len(b.units), rows

    def quotes():
        q = analyse_quotes([a, b], embedder.encode, embedder.span_vectors)  # as compare_articles does
        cmp.quotes, cmp.speakers, cmp.quote_matches, cmp.voices = q.quotes, q.speakers, q.quote_matches, q.voices
    timed("quotes + speakers", rows, quotes, embedder)
    timed("framing", rows, lambda: analyse_framing(cmp, embedder.encode), embedder)
    if keep is not None:
        keep.append(cmp)
    def json_file():
        with tempfile.TemporaryDirectory(prefix="framediff-json-") as folder:
            write_json(cmp, Path(folder) / "out.json")
    timed("write JSON", rows, json_file)
    timed("embed again (warm cache)", rows, lambda: embedder.encode([u.text for u in a.units + b.units]), embedder)
    return len(a.units) + len(b.units), rows


def fresh_caches(embedder) -> None:
    """Empty vector and parse caches from here on (new folder; parses kept in memory dropped)."""
    from framediff import nlp
    from framediff.embed import VectorCache

    os.environ["FRAMEDIFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="framediff-bench-")
    nlp._docs.clear()
    if hasattr(embedder, "cache"):
        embedder.cache = VectorCache(Path(os.environ["FRAMEDIFF_CACHE_DIR"]))


class HashEmbedder:
    """A stand-in embedding (hashed words, random signs): cheap, deterministic, similar texts close."""

    def __init__(self, dim: int = 384):
        self.dim, self.model_calls = dim, 0

    def encode(self, texts, progress=None):
        import zlib

        import numpy as np

        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                h = zlib.crc32(w.encode())
                out[i, h % self.dim] += 1.0 if h & 0x10000 else -1.0
        out /= np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-9, None)
        return out

    def span_vectors(self, items):
        """Spans of sentences: their words' stand-in vectors (as Embedder.span_vectors is called)."""
        return self.encode([text for text, _ in items])


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def book_child(bench: Path, n: int, vectors: str, upto: str, align_block: int = 0) -> None:
    """One size of the book-length test, in its own process; prints JSON."""
    t0 = time.perf_counter()
    text_a, text_b = book_documents(bench, n)
    if vectors == "hash":
        embedder = HashEmbedder()
    else:
        from framediff.embed import Embedder
        embedder = Embedder()
        embedder.load()
    if align_block:
        import framediff.align
        framediff.align.BLOCK = align_block
    base = peak_rss_mb()
    units, rows = stages(text_a, text_b, embedder, upto)
    peak = peak_rss_mb()
    print(json.dumps({"n": n, "units": units, "rows": rows, "peak_mb": peak, "before_mb": base,
                      "total": time.perf_counter() - t0}))


# ---------------------------------------------------------------- report

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    load = os.getloadavg()
    return (f"{cpu}, {os.cpu_count()} CPUs, {mem} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average at start {load[0]:.1f}")


def ok(value: float, target: float) -> str:
    return "yes" if value <= target else "NO"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", type=Path, default=next((d / "shared" / "bench" for d in ROOT.parents[:2]
                                                        if (d / "shared" / "bench").is_dir()), ROOT.parent / "shared" / "bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--long", default="400",
                    help="long documents: sentences per side, comma-separated (400: 669 sentences in all)")
    ap.add_argument("--long-files", nargs=2, type=Path, metavar=("A", "B"),
                    help="also two given long files (the issue's 1,874-unit pair), as the long documents above")
    ap.add_argument("--sizes", default="2000,5000,20000")
    ap.add_argument("--book-vectors", choices=("model", "hash"), default="model")
    ap.add_argument("--skip-book", action="store_true")
    ap.add_argument("--analysis-sizes", default="1000,2000,4000",
                    help="sizes (1x, 2x, 4x, ...) at which every stage (quotes, framing too) is timed with hash vectors")
    ap.add_argument("--skip-components", action="store_true", help="do not measure which spaCy components each step reads")
    ap.add_argument("--parse-sizes", default="1000,2000",
                    help="sizes at which the engine plus the whole-text spaCy parse (same event) are timed")
    ap.add_argument("--book-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--align-block", type=int, default=0,
                    help="book runs: set framediff.align.BLOCK (rows per block of the similarity search)")
    ap.add_argument("--upto", choices=("engine", "parse", "all"), default="all", help=argparse.SUPPRESS)
    ap.add_argument("--book-upto", choices=("engine", "parse", "all"), default="parse",
                    help="book runs (--sizes): the engine alone, + same event and its spaCy parse, or every stage")
    ap.add_argument("--seed-dump", type=Path, metavar="OUT", help="write every seed output (see seed_dump) and stop")
    ap.add_argument("--timeline", nargs=2, type=Path, metavar=("A", "B"),
                    help="stamp each thread's steps in one cold compare of A and B (see timeline) and stop")
    ap.add_argument("--framing", nargs=2, type=Path, metavar=("A", "B"),
                    help="framing's steps of a compare of A and B one by one (see framing_steps) and stop")
    args = ap.parse_args()
    if args.seed_dump:
        return seed_dump(args.seed_dump)
    if args.timeline:
        return timeline(*args.timeline)
    if args.framing:
        return framing_steps(*args.framing)
    if args.book_child:
        return book_child(args.bench, args.book_child, args.book_vectors, args.upto, args.align_block)

    print(f"Machine: {machine()}\n", flush=True)
    targets: list[tuple] = []
    for label, value, target, note in startup(args.repeat):
        targets.append((label, f"{value:.2f} s", f"< {target} s", ok(value, target), note))
    print("start-up measured", flush=True)

    prepare = prepare_model()
    seeds_ab = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("00[34]_*.txt"))]
    targets += cold_rows("seeds 003/004", cold_pair(*seeds_ab, args.repeat), TARGET_SEEDS_RATIO, AIM_SEEDS_RATIO,
                         args.repeat)
    print("cold compare of the seeds measured", flush=True)
    longs = {f"{n} a side": long_documents(args.bench, int(n)) for n in args.long.split(",") if n}
    if args.long_files:
        longs[" + ".join(f.name for f in args.long_files)] = tuple(f.read_text(encoding="utf-8") for f in args.long_files)
    for n, texts in longs.items():
        targets += cold_rows(f"long documents ({n})", cold_pair(*texts, args.repeat), TARGET_COLD_RATIO, AIM_COLD_RATIO,
                             args.repeat)
        print(f"cold compare of the long documents ({n}) measured", flush=True)

    for name, texts in [("seeds 003/004", seeds_ab)] + [(f"long documents ({n})", t) for n, t in longs.items()][:1]:
        once = once_each(*texts)
        targets.append((f"{name}: passes through the model of each sentence, cold compare", str(once["max_passes"]),
                        "1", ok(once["max_passes"], 1),
                        f"{once['sentences']} sentences; texts that need a vector of their own (the quotes a match or "
                        f"stance rests on, phrases, words): {once['other_texts']} ({once['other_passes']} passes)"))
        targets.append((f"{name}: `analyse A` then `compare A B`, articles parsed by the compare",
                        str(once["compare_parses"]), "1 (B only)", ok(once["compare_parses"], 1),
                        f"analyse parsed {once['analyse_parses']}"))

    seen = seen_before(args.bench)
    targets.append(("articles seen before: sentences re-embedded", str(seen["new_calls"]), "0",
                    ok(seen["new_calls"], 0), "second comparison of all 10 seed pairs, model calls"))
    t34 = seen["times"].get("003/004", float("nan"))
    worst = max(seen["times"].items(), key=lambda kv: kv[1])
    targets.append(("seeds 003/004 redrawn, warm model and cache", f"{t34:.2f} s", f"< {TARGET_REDRAW} s",
                    ok(t34, TARGET_REDRAW), f"slowest seed pair {worst[0]}: {worst[1]:.2f} s"))

    from framediff.embed import Embedder
    e = Embedder()
    e.load()
    breakdown = []
    for name, texts in [("seeds 003/004", seeds_ab)] + [(f"long documents ({n})", t) for n, t in longs.items()]:
        fresh_caches(e)
        breakdown.append((name, *stages(*texts, e)))

    needs, component_cpu = ({}, {}) if args.skip_components else components(*seeds_ab)
    if needs:
        print("spaCy components measured", flush=True)
    long_cpu = components(*next(iter(longs.values())))[1] if needs and longs else {}

    book, growth, parse = [], [], []
    if not args.skip_book:
        def size_run(size: int, vectors: str, upto: str) -> dict:
            _, _, out = child([PY, __file__, "--bench", str(args.bench), "--book-child", str(size),
                               "--book-vectors", vectors, "--upto", upto, "--align-block", str(args.align_block)],
                              env={"FRAMEDIFF_CACHE_DIR": tempfile.mkdtemp(prefix="framediff-book-")}, timeout=7200)
            print(f"book {size} ({vectors}, up to {upto}) measured", flush=True)
            return json.loads(out.strip().splitlines()[-1])

        growth = [size_run(int(s), "hash", "all") for s in args.analysis_sizes.split(",") if s]
        parse = [size_run(int(s), "hash", "parse") for s in args.parse_sizes.split(",") if s]
        book = [size_run(int(s), args.book_vectors, args.book_upto) for s in args.sizes.split(",") if s]
        if book:
            big = book[-1]
            targets.append((f"book length ({big['n']:,} sentences each, up to {args.book_upto}): peak RSS",
                            f"{big['peak_mb'] / 1024:.2f} GB", f"< {TARGET_BOOK_RSS} GB",
                            ok(big["peak_mb"] / 1024, TARGET_BOOK_RSS), f"vectors: {args.book_vectors}"))
        if parse:
            targets.append((f"{parse[-1]['n']:,} sentences each, engine + spaCy parse: peak RSS",
                            f"{parse[-1]['peak_mb'] / 1024:.2f} GB", f"< {TARGET_BOOK_RSS} GB",
                            ok(parse[-1]["peak_mb"] / 1024, TARGET_BOOK_RSS), "same_event's spaCy parse (paragraph blocks)"))
        for runs, what in ((book, f"up to {args.book_upto}, {args.book_vectors} vectors"), (parse, "engine + spaCy parse, hash vectors"),
                           (growth, "all stages, hash vectors")):
            if len(runs) > 1:
                lo, hi = runs[0], runs[-1]
                t_lo, t_hi = (sum(r[2] for r in b["rows"] if "warm" not in r[0]) for b in (lo, hi))  # CPU s
                exp = growth_exponent(t_lo, t_hi, lo["units"], hi["units"])
                targets.append((f"book length: time grows as ({what})", f"n^{exp:.2f}", "close to n^1",
                                "yes" if exp <= TARGET_GROWTH else "NO", f"{lo['n']:,} -> {hi['n']:,} sentences each"))
                for i, row in enumerate(lo["rows"]):  # every step, not only the whole
                    c_lo, c_hi = row[2], hi["rows"][i][2]
                    if "warm" in row[0] or c_lo < 0.05:
                        continue
                    exp = growth_exponent(c_lo, c_hi, lo["units"], hi["units"])
                    targets.append((f"  {row[0]}: grows as", f"n^{exp:.2f}", "close to n^1",
                                    "yes" if exp <= TARGET_GROWTH else "NO", what))

    print("\n## Targets\n")
    print("| figure | measured | target | met | notes |\n|---|---|---|---|---|")
    for row in targets:
        print("| " + " | ".join(row) + " |")
    print(f"\nOne-time preparation before the cold runs (ONNX export if not yet made): {prepare:.1f} s")
    print("\n## Where the time goes (one process, model and spaCy loaded, empty caches; stages one after the "
          "other)\n")
    for name, units, rows in breakdown:
        total = sum(r[2] for r in rows if "warm" not in r[0])
        print(f"{name}: {units} sentences, {total:.2f} s of CPU in all\n")
        print("| stage | wall s | CPU s | texts sent to the model |\n|---|---|---|---|")
        for label, w, c, _, sent in rows:
            print(f"| {label} | {w:.3f} | {c:.3f} | {sent} |")
        print()
    if needs:
        print("## Which spaCy components each step reads (seeds 003/004: the step's output without the component, "
              "and what needs it, against the full parse)\n")
        steps = list(next(iter(needs.values())))
        print("| component | " + " | ".join(steps) + " | CPU s, seeds | CPU s, long documents |")
        print("|---|" + "---|" * (len(steps) + 2))
        for name, row in needs.items():
            cells = ["fails" if v == "fails" else "changes" if v else "same" for v in row.values()]
            print(f"| {name} | " + " | ".join(cells) + f" | {component_cpu.get(name, 0):.2f} | {long_cpu.get(name, 0):.2f} |")
        print()
    for runs, what in ((book, f"up to {args.book_upto}; vectors: {args.book_vectors}"),
                       (parse, "engine + same event with its whole-text spaCy parse; hash vectors"),
                       (growth, "every stage; hash vectors, to time the analysis alone")):
        if not runs:
            continue
        labels = [r[0] for r in runs[0]["rows"]]
        print(f"## Book length: two documents of N sentences each ({what}; wall / CPU s)\n")
        print("| stage | " + " | ".join(f"N = {b['n']:,}" for b in runs) + " | growth | each step up |")
        print("|---|" + "---|" * (len(runs) + 2))
        for i, label in enumerate(labels):
            lo, hi = runs[0]["rows"][i][2], runs[-1]["rows"][i][2]  # growth of the CPU time
            g = f"n^{growth_exponent(lo, hi, runs[0]['units'], runs[-1]['units']):.2f}" if lo > 0.05 else ""
            steps = ", ".join(f"n^{growth_exponent(x['rows'][i][2], y['rows'][i][2], x['units'], y['units']):.2f}"
                              for x, y in zip(runs, runs[1:]) if x["rows"][i][2] > 0.05)
            print(f"| {label} | " + " | ".join(f"{b['rows'][i][1]:.1f} / {b['rows'][i][2]:.1f}" for b in runs)
                  + f" | {g} | {steps} |")
        print("| peak RSS (MB) | " + " | ".join(f"{b['peak_mb']:.0f}" for b in runs) + " | |")
        print()


def growth_exponent(t_lo: float, t_hi: float, n_lo: int, n_hi: int) -> float:
    import math
    return math.log(max(t_hi, 1e-6) / max(t_lo, 1e-6)) / math.log(n_hi / n_lo)


if __name__ == "__main__":
    main()
