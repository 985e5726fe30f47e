"""Alignment against a reader: the BASIL development gold in bench/gold/basil_align.json.

Usage: .venv/bin/python bench/align_gold.py [path/to/shared/bench] [--per-pair]

Ten pairs of BASIL articles (the same event told by two US outlets) were read by hand and marked:
passages that must match, look-alikes that must stay apart, and passages told by one side only.
Each article's units are BASIL's own sentences. Prints, over all pairs:
  must-match recall   share of must-match (A, B) sentence pairs that end in one group;
  look-alikes apart   share of look-alike pairs not in one group;
  one-sided unmatched share of one-sided sentences left unmatched;
and, on three pairs of articles about two different events of one kind, the share of look-alikes
kept apart.
These are the shipped aligner's figures. Its constants are fitted on this gold (and MSRP's training
part), so the honest figures are bench/align_fit.py's, cross-validated by leaving each pair out.
Texts are read from ../shared/bench at run time, never stored.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framediff.comparison import Article, Unit  # noqa: E402

GOLD = ROOT / "bench" / "gold" / "basil_align.json"


def basil_article(path: Path, article_id: str) -> tuple[Article, dict]:
    """An Article whose units are BASIL's sentences; and (paragraph, sentence) -> unit index."""
    paragraphs = json.loads(path.read_text(encoding="utf-8"))["body-paragraphs"]
    text, units, where = "", [], {}
    for p, sentences in enumerate(paragraphs):
        for s, sentence in enumerate(sentences):
            sentence = sentence.strip()
            if not sentence:
                continue
            where[(p, s)] = len(units)
            units.append(Unit(f"{article_id}{len(units) + 1}", len(text), len(text) + len(sentence), sentence, p))
            text += sentence + " "
        text += "\n\n"
    return Article(article_id, str(path), "", "", "", "en", text, units), where


def gold_pairs(bench: Path) -> list[dict]:
    """Each gold pair with its two Articles and its marks as unit indices; the cross-event pairs
    (look-alikes only, "cross": True) last."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = []
    for g in gold["pairs"]:
        base = bench / "basil" / "articles" / g["triplet"]
        a, wa = basil_article(Path(f"{base}_{g['a']}.json"), "a")
        b, wb = basil_article(Path(f"{base}_{g['b']}.json"), "b")
        out.append({"name": f"{g['triplet']} {g['a']}-{g['b']}", "a": a, "b": b,
                    "must": [(wa[tuple(x)], wb[tuple(y)]) for x, y in g["must_match"]],
                    "apart": [(wa[tuple(x)], wb[tuple(y)]) for x, y, _ in g["apart"]],
                    "one_a": [wa[tuple(x)] for x in g["one_sided"]["a"]],
                    "one_b": [wb[tuple(x)] for x in g["one_sided"]["b"]], "cross": False})
    for g in gold["cross_event"]:
        articles = bench / "basil" / "articles"
        a, wa = basil_article(articles / f"{g['a_article']}.json", "a")
        b, wb = basil_article(articles / f"{g['b_article']}.json", "b")
        out.append({"name": f"{g['a_article']} / {g['b_article']}", "a": a, "b": b, "must": [], "one_a": [], "one_b": [],
                    "apart": [(wa[tuple(x)], wb[tuple(y)]) for x, y, _ in g["apart"]], "cross": True})
    return out


def score(pair: dict, groups, unmatched) -> dict:
    """Counts of what the alignment got right on one gold pair."""
    ia = {u.id: k for k, u in enumerate(pair["a"].units)}
    ib = {u.id: k for k, u in enumerate(pair["b"].units)}
    together = {(ia[x], ib[y]) for g in groups for x in g.a for y in g.b}
    left_a = {ia[x] for x in unmatched["a"]}
    left_b = {ib[x] for x in unmatched["b"]}
    return {"must": len(pair["must"]), "found": sum(p in together for p in pair["must"]),
            "apart": len(pair["apart"]), "kept": sum(p not in together for p in pair["apart"]),
            "one": len(pair["one_a"]) + len(pair["one_b"]),
            "alone": sum(i in left_a for i in pair["one_a"]) + sum(j in left_b for j in pair["one_b"]),
            "groups": len(groups)}


def report(rows: list[tuple[str, dict]], per_pair: bool, cross: list[dict]) -> dict:
    total = {k: sum(r[k] for _, r in rows) for k in rows[0][1]}
    kept, apart = sum(c["kept"] for c in cross), sum(c["apart"] for c in cross)
    if per_pair:
        for name, r in rows:
            print(f"  {name}: found {r['found']}/{r['must']}  apart {r['kept']}/{r['apart']}  "
                  f"one-sided {r['alone']}/{r['one']}  groups {r['groups']}")
    print(f"must-match recall   {total['found'] / total['must']:.3f}  ({total['found']}/{total['must']})")
    print(f"look-alikes apart   {total['kept'] / total['apart']:.3f}  ({total['kept']}/{total['apart']})")
    print(f"one-sided unmatched {total['alone'] / total['one']:.3f}  ({total['alone']}/{total['one']})")
    if apart:
        print(f"cross-event look-alikes apart {kept / apart:.3f}  ({kept}/{apart}, {len(cross)} pairs of two events)")
    return total


def main() -> None:
    from framediff.align import align
    from framediff.embed import Embedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--per-pair", action="store_true")
    opts = ap.parse_args()
    embedder = Embedder()
    rows, cross = [], []
    for pair in gold_pairs(opts.bench):
        a, b = pair["a"], pair["b"]
        groups, unmatched = align(a, b, embedder.encode([u.text for u in a.units]),
                                  embedder.encode([u.text for u in b.units]))
        if pair["cross"]:
            cross.append(score(pair, groups, unmatched))
        else:
            rows.append((pair["name"], score(pair, groups, unmatched)))
    print(f"BASIL development gold: {len(rows)} pairs")
    report(rows, opts.per_pair, cross)


if __name__ == "__main__":
    main()
