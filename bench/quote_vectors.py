"""Quote vectors read from the sentences' own model pass, own vectors only where a decision rests on them, against
every quote embedded alone: the quote matches (pair and verdict) and stances before and after, and what is sent.

    python bench/quote_vectors.py [--basil DIR] [--show] [--only TEXT]

Before: each quote's core (found.core) through the model on its own (a second pass over every quote). After: as the
pipeline does it (quotes/vectors.py): every quote's vector read from its sentences' states (Embedder.span_vectors),
and the quote's own vector only for quotes in a pair, or near an issue, whose read similarity is within match.SCREEN
of the threshold. Pairs: the 10 seed pairs and the 51 BASIL pairs of bench/gold/flags_judged.json (read at run time
from ../shared/bench/basil); `--long A B` adds a pair of files (the long pair of bench/speed.py). Prints the matches
kept, lost, new and re-rendered, the stances changed, the quotes and characters sent alone, the largest drop from a
quote pair's own cosine to its read one among the pairs that match, and (--show) every change, to be read in the
articles.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framediff.comparison import Article  # noqa: E402
from framediff.embed import Embedder, VectorCache, cache_dir  # noqa: E402
from framediff.ingest import read_article  # noqa: E402
from framediff.quotes import match_and_stance, quoted  # noqa: E402
from framediff.quotes.found import core  # noqa: E402
from framediff.quotes.vectors import QuoteVectors  # noqa: E402
from framediff.segment import segment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def basil_article(path: Path, aid: str) -> Article:
    art = json.loads(path.read_text(encoding="utf-8"))
    text = art["title"] + "".join("\n\n" + " ".join(p) for p in art["body-paragraphs"])
    return segment(Article(aid, path.stem, art["title"], "", "", "en", text))


def pairs(basil: Path):
    """(name, article a, article b): the seed pairs, then the judged BASIL pairs."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for x, y in itertools.combinations(seeds, 2):
        yield f"seed {x.name[:3]}~{y.name[:3]}", segment(read_article(x, "a")), segment(read_article(y, "b"))
    gold = json.loads((ROOT / "bench" / "gold" / "flags_judged.json").read_text(encoding="utf-8"))
    for key in sorted({k.split("|")[0] for k in gold}):
        trip, ns = key.rsplit("_", 1)
        found = {p.stem.rsplit("_", 1)[1]: p for p in basil.glob(f"articles/*/{trip}_*.json")}
        n1, n2 = ns.split("~")
        yield key, basil_article(found[n1], "a"), basil_article(found[n2], "b")


def core_words(articles, quotes) -> dict[str, str]:
    text = {x.id: x.text for x in articles}
    return {qid: text[x.article][slice(*core(text[x.article], x.start, x.end))] for qid, x in quotes.items()}


def analysed(articles, emb: Embedder, spans):
    q = quoted(articles)
    q = match_and_stance(q, articles, emb.encode, QuoteVectors(articles, q.quotes, emb.encode, spans))
    return ({x.id: x for x in q.quotes}, {(m.a, m.b): m.relation for m in q.quote_matches if m.a and m.b},
            {x.id: dict(x.stance) for x in q.quotes})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basil", default="/work/shared/bench/basil")
    ap.add_argument("--long", nargs=2, type=Path, metavar=("A", "B"))
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--only", default="", help="only pairs whose name holds this")
    args = ap.parse_args()
    emb = Embedder()
    everyone = pairs(Path(args.basil))
    if args.long:
        from framediff.pipeline import load_article

        everyone = itertools.chain(everyone, [("long pair", load_article(args.long[0], "a"),
                                               load_article(args.long[1], "b"))])
    t, drops = Counter(), []
    for name, a, b in everyone:
        if args.only not in name:
            continue
        quotes, before, stance0 = analysed([a, b], emb, None)
        emb.cache = VectorCache(Path(tempfile.mkdtemp()))  # a cold cache: what the pipeline sends is counted
        emb.encode([u.text for x in (a, b) for u in x.units])  # the sentences' pass, as compare_articles makes it
        sent = Counter(emb.passes)
        _, after, stance1 = analysed([a, b], emb, emb.span_vectors)
        texts = core_words([a, b], quotes)
        alone = {VectorCache.key(x) for x in texts.values()} & set(Counter(emb.passes) - sent)
        own = {qid for qid, x in texts.items() if VectorCache.key(x) in alone}
        read = QuoteVectors([a, b], list(quotes.values()), emb.encode, emb.span_vectors)
        emb.cache = VectorCache(cache_dir())
        for x, y in before:
            v = read.read([x, y])
            drops.append((float(emb.encode([texts[x]])[0] @ emb.encode([texts[y]])[0] - v[0] @ v[1]), name, x, y))
        t["pairs"] += 1
        t["quotes"] += len(quotes)
        t["quotes sent alone"] += len(own)
        t["characters"] += sum(map(len, texts.values()))
        t["characters sent alone"] += sum(len(texts[k]) for k in own)
        t["matches before"] += len(before)
        t["kept"] += sum(1 for k in before if after.get(k) == before[k])
        t["verdict changed"] += sum(1 for k in before if k in after and after[k] != before[k])
        t["lost"] += sum(1 for k in before if k not in after)
        t["new"] += sum(1 for k in after if k not in before)
        t["quotes with a stance before"] += sum(1 for k in stance0 if stance0[k])
        t["stances changed"] += sum(1 for k in stance0 if stance0[k] != stance1[k])
        if args.show:
            for k in sorted(set(before) | set(after)):
                if before.get(k) != after.get(k):
                    x, y = quotes[k[0]], quotes[k[1]]
                    print(f"{name} {k}: {before.get(k, '-')} -> {after.get(k, '-')}\n"
                          f"   A {x.text!r} ({x.speaker.name if x.speaker else None})\n"
                          f"   B {y.text!r} ({y.speaker.name if y.speaker else None})")
            for k in stance0:
                if stance0[k] != stance1[k]:
                    print(f"{name} stance {k} {stance0[k]} -> {stance1[k]}: {quotes[k].text[:100]!r}")
        print(f"{name}: {len(quotes)} quotes, {len(own)} sent alone, {len(before)} matches", flush=True)
    print(dict(t))
    drops.sort(reverse=True)
    print("matched pairs, own cosine minus read cosine, largest:",
          "; ".join(f"{d:.3f} ({name} {x}~{y})" for d, name, x, y in drops[:3]))


if __name__ == "__main__":
    main()
