"""Sentence alignment against people: ECB+ cross-document event coreference.

Usage: .venv/bin/python bench/align_ecbplus.py [path/to/shared/bench] [--pairs N]
In ECB+, annotators linked mentions of the same real event across documents.
For two documents of the same event (same topic and sub-corpus), two sentences
that mention the same event instance tell (at least part of) the same fact.
Only sentences with an annotated event mention are scored: precision is the
share of framediff's aligned sentence pairs that share an event chain; recall
is the share of sentences with a partner in the other document that framediff
aligns to one of those partners. Texts are read at run time, never stored.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from framediff.align import align  # noqa: E402
from framediff.comparison import Article, Unit  # noqa: E402
from framediff.embed import Embedder  # noqa: E402

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|n't|'')")


def read_doc(path: Path) -> tuple[list[str], list[set[str]]]:
    """Sentences (detokenised) and, per sentence, the event chains it mentions."""
    root = ET.parse(path).getroot()
    tok_sent, sentences = {}, {}
    for t in root.iter("token"):
        s = int(t.get("sentence"))
        tok_sent[t.get("t_id")] = s
        sentences.setdefault(s, []).append(t.text or "")
    mention_sents = {}
    for m in root.find("Markables") or []:
        if m.tag.startswith("ACTION") or m.tag.startswith("NEG_ACTION"):
            ids = [a.get("t_id") for a in m.findall("token_anchor")]
            if ids:
                mention_sents[m.get("m_id")] = tok_sent[ids[0]]
    chains: dict[int, set[str]] = {}
    for r in root.iter("CROSS_DOC_COREF"):
        note = r.get("note", "")
        if not note.startswith(("ACT", "NEG")):
            continue
        for src in r.findall("source"):
            if src.get("m_id") in mention_sents:
                chains.setdefault(mention_sents[src.get("m_id")], set()).add(note)
    order = sorted(sentences)
    texts = [_NO_SPACE_BEFORE.sub(r"\1", " ".join(sentences[s])).replace("`` ", '"').replace(" ''", '"') for s in order]
    return texts, [chains.get(s, set()) for s in order]


def article(doc_id: str, sentences: list[str]) -> Article:
    text, units, pos = "", [], 0
    for k, s in enumerate(sentences):
        units.append(Unit(f"{doc_id}{k + 1}", pos, pos + len(s), s, k))
        text += s + "\n\n"
        pos = len(text)
    return Article(doc_id, "ecb+", sentences[0][:80], "", "", "en", text, units)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    ap.add_argument("--pairs", type=int, default=150, help="document pairs to sample (fixed seed)")
    opts = ap.parse_args()
    bench, n_pairs = opts.bench, opts.pairs
    pairs = []
    for topic in sorted((bench / "ecbplus").iterdir()):
        for kind in ("ecb", "ecbplus"):
            docs = [d for d in sorted(topic.glob("*.xml")) if d.name.endswith("ecbplus.xml") == (kind == "ecbplus")]
            pairs += list(combinations(docs, 2))
    random.Random(0).shuffle(pairs)
    pairs = pairs[:n_pairs]
    embedder = Embedder()
    tp = fp = found = wanted = 0
    for pa, pb in pairs:
        (sa, ca), (sb, cb) = read_doc(pa), read_doc(pb)
        a, b = article("a", sa), article("b", sb)
        groups, _ = align(a, b, embedder.encode(sa), embedder.encode(sb))
        index = {u.id: k for k, u in enumerate(a.units)} | {u.id: k for k, u in enumerate(b.units)}
        predicted = {(index[x], index[y]) for g in groups for x in g.a for y in g.b}
        for i, j in predicted:
            if ca[i] and cb[j]:
                tp += bool(ca[i] & cb[j])
                fp += not (ca[i] & cb[j])
        for i, chains in enumerate(ca):
            partners = {j for j, c in enumerate(cb) if chains & c}
            if partners:
                wanted += 1
                found += any((i, j) in predicted for j in partners)
    p, r = tp / max(tp + fp, 1), found / max(wanted, 1)
    print(f"ECB+ same-event document pairs: {len(pairs)}")
    print(f"aligned pairs among annotated sentences: {tp + fp}; precision {p:.3f}")
    print(f"sentences with a coreferent partner: {wanted}; recall {r:.3f}; F1 {2 * p * r / max(p + r, 1e-9):.3f}")


if __name__ == "__main__":
    main()
