"""Where the time of a comparison goes: import, model load, embed, align, analyse, write.

Usage: .venv/bin/python bench/speed.py [path/to/shared/bench]
Runs in one process, cold cache (a fresh FRAMEDIFF_CACHE_DIR), on the seeds
003/004 and on two long documents built at run time from BASIL articles
(hundreds of sentences each; nothing of BASIL is stored in the repo). Prints a
table; paste it into docs/benchmarks.md with the machine it ran on.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["FRAMEDIFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="framediff-bench-")


def long_documents(bench: Path, sentences: int = 400) -> tuple[str, str]:
    """Two long articles: Fox/NYT-side and HuffPost-side BASIL texts of the same events, concatenated."""
    files = sorted((bench / "basil" / "articles").rglob("*.json"))
    by_triplet: dict[str, list[Path]] = {}
    for f in files:
        by_triplet.setdefault(f.stem.rsplit("_", 1)[0], []).append(f)
    docs = [[], []]
    for triplet in sorted(by_triplet.values()):
        for side, f in zip((0, 1), sorted(triplet)[:2]):
            art = json.loads(f.read_text(encoding="utf-8"))
            docs[side] += [" ".join(p) for p in art["body-paragraphs"]]
        if min(sum(p.count(". ") + 1 for p in d) for d in docs) >= sentences:
            break
    return ("Long document A\n\n" + "\n\n".join(docs[0]), "Long document B\n\n" + "\n\n".join(docs[1]))


def timed(label: str, rows: list, fn):
    t = time.perf_counter()
    out = fn()
    rows.append((label, time.perf_counter() - t))
    return out


def run(name: str, text_a: str, text_b: str, embedder, rows_out: list) -> None:
    from framediff.align import align
    from framediff.framing import analyse_framing
    from framediff.pipeline import text_article
    from framediff.quotes import analyse_quotes
    from framediff.comparison import Comparison
    from framediff.same_event import same_event

    rows: list = []
    a = timed("ingest + segment", rows, lambda: text_article(text_a, "a"))
    b = text_article(text_b, "b")
    n = len(a.units) + len(b.units)
    vecs = timed("embed (cold cache)", rows, lambda: embedder.encode([u.text for u in a.units + b.units]))
    va, vb = vecs[:len(a.units)], vecs[len(a.units):]
    groups, unmatched = timed("align", rows, lambda: align(a, b, va, vb))
    cmp = Comparison([a, b], groups, unmatched)
    cmp.same_event = same_event(a, b, groups)

    def quotes():
        q = analyse_quotes([a, b], embedder.encode)
        cmp.quotes, cmp.speakers, cmp.quote_matches, cmp.voices = q.quotes, q.speakers, q.quote_matches, q.voices
    timed("quotes + speakers", rows, quotes)
    timed("framing", rows, lambda: analyse_framing(cmp, embedder.encode))
    timed("write JSON", rows, lambda: json.dumps(cmp.to_dict(), ensure_ascii=False))
    timed("embed again (warm cache)", rows, lambda: embedder.encode([u.text for u in a.units + b.units]))
    rows_out.append((name, n, rows))


def main() -> None:
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "bench"
    t0 = time.perf_counter()
    from framediff.embed import Embedder
    import framediff.pipeline  # noqa: F401
    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    embedder = Embedder()
    embedder.load()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    from framediff.nlp import get_nlp
    get_nlp()
    t_spacy = time.perf_counter() - t0
    print(f"import framediff: {t_import:.2f} s   model load: {t_load:.2f} s   spaCy load: {t_spacy:.2f} s")
    results: list = []
    seeds = sorted((ROOT / "seeds").glob("00[34]_*.txt"))
    run("seeds 003/004", *(p.read_text(encoding="utf-8") for p in seeds), embedder, results)
    run("long (BASIL)", *long_documents(bench), embedder, results)
    for name, n, rows in results:
        total = sum(t for label, t in rows if "warm" not in label)
        print(f"\n{name}: {n} sentences, {total:.2f} s in all (cold)")
        for label, t in rows:
            print(f"  {label:26s} {t:7.3f} s")


if __name__ == "__main__":
    main()
