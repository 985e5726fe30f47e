"""How well framing's word-level flags find BASIL's human-marked bias spans (Fan et al. 2019).

    python bench/basil_flags.py [/work/shared/bench/basil] [--pairs]

Each article is rebuilt from its sentences (title first) and run through
`analyse_framing`: alone (single-article flags), or with --pairs also against
the other two outlets' reports of the same event (comparative flags, through
the real pipeline). Figures:
- recall: share of human lexical-bias spans ("lex") that a word-level flag overlaps;
- precision: share of word-level flag spans that overlap a human span (lex or inf);
- F1. Word-level flags: loaded, intensifier, hedge, attribution.
The data is read at run time; nothing of it is stored in the repository.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framediff.comparison import Article, Comparison, Unit  # noqa: E402
from framediff.framing import analyse_framing  # noqa: E402

WORD_FLAGS = {"loaded", "intensifier", "hedge", "attribution"}


def load(path: Path) -> tuple[Article, list[tuple[str, int, int]]]:
    """The article (title + sentences as units) and its human spans (bias, start, end) in article text."""
    art = json.loads(path.read_text(encoding="utf-8"))
    ann_path = Path(str(path).replace("/articles/", "/annotations/")).with_name(path.stem + "_ann.json")
    ann = json.loads(ann_path.read_text(encoding="utf-8"))
    text, units, starts = art["title"], [Unit("t", 0, len(art["title"]), art["title"])], {"title": 0}
    n = 0
    for para in art["body-paragraphs"]:
        text += "\n\n"
        for k, sent in enumerate(para):
            text += " " if k else ""
            starts[f"p{n}"] = len(text)
            units.append(Unit(f"u{n}", len(text), len(text) + len(sent), sent))
            text += sent
            n += 1
    spans = []
    for p in ann["phrase-level-annotations"]:
        base = starts[p["id"]]
        assert text[base + p["start"]:base + p["end"]] == p["txt"], p
        spans.append((p["bias"], base + p["start"], base + p["end"]))
    article = Article("a", str(path), art["title"], art.get("source", ""), art.get("date", ""), "en", text, units)
    return article, spans


def overlaps(s: int, e: int, spans) -> bool:
    return any(s < ee and ss < e for _, ss, ee in spans)


def score(results: list[tuple[list[tuple[int, int]], list]]) -> dict:
    lex_total = lex_found = flagged = hit = 0
    for flag_spans, human in results:
        lex = [h for h in human if h[0] == "lex"]
        lex_total += len(lex)
        lex_found += sum(any(s < e2 and s2 < e for s2, e2 in flag_spans) for _, s, e in lex)
        flagged += len(flag_spans)
        hit += sum(overlaps(s, e, human) for s, e in flag_spans)
    r, p = lex_found / max(lex_total, 1), hit / max(flagged, 1)
    return {"lex spans": lex_total, "recall": round(r, 3), "flag spans": flagged, "precision": round(p, 3),
            "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def word_spans(cmp: Comparison, side: str) -> list[tuple[int, int]]:
    return sorted({(s.start, s.end) for f in cmp.flags if f.type in WORD_FLAGS for s in getattr(f, side)})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default="/work/shared/bench/basil")
    ap.add_argument("--pairs", action="store_true", help="also run each pair of a triplet through the pipeline")
    args = ap.parse_args()
    from framediff.embed import Embedder

    embedder = Embedder()
    files = sorted(Path(args.root, "articles").glob("*/*.json"))
    data = {f: load(f) for f in files}
    t0 = time.time()
    single, kinds = [], Counter()
    for f, (article, human) in data.items():
        cmp = Comparison(articles=[article])
        analyse_framing(cmp, embedder.encode)
        kinds.update(fl.type for fl in cmp.flags if fl.type in WORD_FLAGS)
        single.append((word_spans(cmp, "a"), human))
    print(f"single-article flags on {len(files)} articles ({time.time() - t0:.1f}s): {score(single)}")
    print("  word-level flags by type:", dict(kinds))
    if args.pairs:
        pairs_run(data, embedder)


def pairs_run(data: dict, embedder) -> None:
    """Comparative word flags: an article's flags against each other outlet, merged over its two pairs."""
    from framediff.pipeline import compare_articles

    triplets = defaultdict(list)
    for f in data:
        triplets[f.stem.rsplit("_", 1)[0]].append(f)
    spans = defaultdict(set)
    t0 = time.time()
    for members in triplets.values():
        for fa, fb in itertools.combinations(sorted(members), 2):
            a, b = Article(**{**vars(data[fa][0]), "id": "a"}), Article(**{**vars(data[fb][0]), "id": "b"})
            a.__dict__.pop("_by_id", None)
            b.__dict__.pop("_by_id", None)
            cmp = compare_articles(a, b, embedder)
            spans[fa] |= set(word_spans(cmp, "a"))
            spans[fb] |= set(word_spans(cmp, "b"))
    results = [(sorted(spans[f]), data[f][1]) for f in data]
    print(f"comparative flags, each article against the other two outlets ({time.time() - t0:.1f}s): {score(results)}")


if __name__ == "__main__":
    main()
