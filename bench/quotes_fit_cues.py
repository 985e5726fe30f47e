"""Count, on PolNeAR train, how often each verb is annotated as an attribution cue.

For every verb with a subject (or possessor) and a complement (clause, object,
prepositional phrase), counts its occurrences and how many of them fall inside
a gold Cue span; prints the verbs outside the hand-made reporting-verb lexicon
annotated as cues at least `--rate` of the time and at least `--min` times,
each marked "fitted" (in `verbs.FITTED`, which holds the counts printed here)
or "left out" (no speech act: "discuss" a topic, "issue", "resist", "pivot").
Reads ../shared/bench/polnear/train at run time; one annotator's file per text.
Usage: python bench/quotes_fit_cues.py [BENCH_DIR] [--rate 0.6] [--min 5]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framediff.nlp import parse  # noqa: E402
from framediff.quotes.verbs import FITTED, SAY, TO_INFINITIVE, lemma_of  # noqa: E402


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and fields[1].startswith("Cue "):
            out += [tuple(map(int, o.split())) for o in fields[1].split(" ", 1)[1].split(";")]
    return out


def count(folder: Path) -> tuple[Counter, Counter]:
    seen, total, cued = set(), Counter(), Counter()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in seen:
            continue
        seen.add(stem)
        cues = cue_spans(ann)
        for t in parse((folder / "text" / f"{stem}.txt").read_text(encoding="utf-8")):
            if t.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in t.children) \
                    or not any(c.dep_ in ("ccomp", "xcomp", "dobj", "prep", "acl") for c in t.children):
                continue
            total[lemma_of(t)] += 1
            cued[lemma_of(t)] += any(s <= t.idx < e for s, e in cues)
    return total, cued


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "bench"))
    ap.add_argument("--rate", type=float, default=0.6)
    ap.add_argument("--min", type=int, default=5)
    args = ap.parse_args()
    total, cued = count(Path(args.bench) / "polnear" / "train")
    hand_made = (SAY | TO_INFINITIVE) - set(FITTED)
    for lemma in sorted(total, key=lambda w: -cued[w]):
        if lemma not in hand_made and cued[lemma] >= args.min and cued[lemma] >= args.rate * total[lemma]:
            verdict = "fitted" if lemma in FITTED else "left out"
            print(f"{lemma}\t{cued[lemma]}\t{total[lemma]}\t{cued[lemma] / total[lemma]:.2f}\t{verdict}")


if __name__ == "__main__":
    main()
