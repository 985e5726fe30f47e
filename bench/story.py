"""Stories (issue 16): BASIL consistency of the claims with the pair alignment, and the cost of a story.

Usage: .venv/bin/python bench/story.py [--bench PATH] [--skip-cost] [--skip-basil] [--repeat 1]

1. Consistency on BASIL development triplets (../shared/bench/basil: one event told by Fox, NYT and
   HuffPost). The three articles of each triplet in bench/gold/basil_story.json are built into one story
   (the text: title, then the body paragraphs), and for each two outlets the links "sentence x of one
   tells what sentence y of the other tells" are read off (a) the pair alignment, exactly as `compare X Y`
   gives it (the story's own pair comparison), and (b) the story's claims restricted to those two
   outlets. Both are scored against the hand-made gold links (titles are not annotated, links touching
   them are left out): precision, recall, F1, micro over all pairs. Also: are the three grouped as one event?
2. Cost: eight articles of 50 sentences each (BASIL sentences, no sentence in two articles; see
   cost_articles for the two cases: all eight on the same events, or mixed), `framediff compare` of the
   eight in a fresh process on an empty vector cache, against a bare process embedding the same
   sentences (sentence-transformers with torch, as bench/speed.py measures the pair; and framediff's own
   ONNX backend, a stricter baseline). CPU time of each child (user + system), median of --repeat.
Nothing of BASIL is written into the repository: texts are built in a temporary folder at run time.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from speed import BARE_BACKEND, BARE_TORCH, PY, basil_articles, child  # noqa: E402  (sets the bench cache env)

GOLD = ROOT / "bench" / "gold" / "basil_story.json"
TARGET = 1.5
SENTENCES = 50
ARTICLES = 8


def basil_text(path: Path) -> tuple[str, list[str], str]:
    """(text, body sentences, outlet) of one BASIL article: title, then its paragraphs."""
    d = json.loads(path.read_text(encoding="utf-8"))
    paras = [[s.strip() for s in p if s.strip()] for p in d["body-paragraphs"]]
    text = d["title"].strip() + "\n\n" + "\n\n".join(" ".join(p) for p in paras if p)
    return text, [s for p in paras for s in p], d["source"].lower()


def sentence_of(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each BASIL body sentence in `text` (-1, -1 when the cleaner changed it)."""
    out, at = [], text.find("\n\n") + 2
    for s in sentences:
        i = text.find(s, at)
        out.append((i, i + len(s)) if i >= 0 else (-1, -1))
        at = i + len(s) if i >= 0 else at
    return out


def unit_sentence(article, spans: list[tuple[int, int]]) -> dict[str, int]:
    """Unit id -> 1-based number of the body sentence it overlaps most (units in no sentence: absent)."""
    out = {}
    for u in article.units:
        best = max(((min(u.end, e) - max(u.start, s), k) for k, (s, e) in enumerate(spans, 1) if s >= 0), default=(0, 0))
        if best[0] > 0:
            out[u.id] = best[1]
    return out


def links(groups, sent_x: dict[str, int], sent_y: dict[str, int]) -> set[tuple[int, int]]:
    return {(sent_x[u], sent_y[v]) for ux, uy in groups for u in ux for v in uy if u in sent_x and v in sent_y}


def consistency(bench: Path) -> None:
    from framediff.embed import Embedder
    from framediff.pipeline import text_article
    from framediff.story.build import build_story

    gold = json.loads(GOLD.read_text(encoding="utf-8"))["triplets"]
    files = {f.stem.rsplit("_", 1)[0]: f for t in basil_articles(bench) for f in t}
    embedder = Embedder()
    tally = {"pair": [0, 0, 0], "story": [0, 0, 0]}  # true positives, predicted, gold
    rows = []
    for tid, facts in gold.items():
        paths = sorted(p for p in (bench / "basil" / "articles").rglob(f"{tid}_*.json"))
        built = [basil_text(p) for p in paths]
        arts = [text_article(text, "abc"[k], source=f"basil {tid[:8]} {outlet}") for k, (text, _, outlet) in enumerate(built)]
        story = build_story(arts, embedder)
        outlet = {a.id: built[k][2] for k, a in enumerate(arts)}
        sents = {a.id: unit_sentence(a, sentence_of(a.text, built[k][1])) for k, a in enumerate(arts)}
        grouped = [e.articles for e in story.events]
        claims = story.events[0].claims if grouped == [["a", "b", "c"]] else []
        for x, y in combinations("abc", 2):
            want = {(s, t) for f in facts for s in f.get(outlet[x], []) for t in f.get(outlet[y], [])}
            pair = story.pairs.get((x, y))
            if pair is None:
                from framediff.story.build import pair_comparison

                pair = pair_comparison(story, x, y, embedder)
            got_pair = links([([x + u[1:] for u in g.a], [y + u[1:] for u in g.b]) for g in pair.alignment], sents[x], sents[y])
            got_story = links([(c.units[x], c.units[y]) for c in claims if x in c.units and y in c.units], sents[x], sents[y])
            for name, got in (("pair", got_pair), ("story", got_story)):
                t = tally[name]
                t[0] += len(got & want)
                t[1] += len(got)
                t[2] += len(want)
            rows.append((tid[:8], f"{outlet[x]}-{outlet[y]}", len(want), len(got_pair & want), len(got_pair),
                         len(got_story & want), len(got_story)))
        print(f"triplet {tid[:8]}: events {grouped}, singles {story.singles}; same-event scores "
              + ", ".join(f"{p.a}{p.b} {p.score:.2f}{'' if p.verdict else ' (no)'}" for p in story.same_event))
    print("\n| triplet | outlets | gold links | pair: right / found | story: right / found |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} / {r[4]} | {r[5]} / {r[6]} |")
    print("\n| links from | precision | recall | F1 |")
    print("|---|---|---|---|")
    for name, (tp, pred, want) in tally.items():
        p, r = tp / max(pred, 1), tp / max(want, 1)
        print(f"| {'pair alignment (compare X Y)' if name == 'pair' else 'story claims, two outlets'} | "
              f"{p:.3f} | {r:.3f} | {2 * p * r / max(p + r, 1e-9):.3f} |")


def cost_articles(bench: Path, case: str) -> list[str]:
    """Eight articles of about SENTENCES body sentences each, no sentence in two articles.

    `mixed`: article k takes outlets 0, 1, 2 of triplets k, k+1, k+2 (mod 8): neighbours share two
    events, so the eight make a few small stories and singles. `one-event`: every article takes a
    share of the same twelve triplets (outlet k mod 3, every third sentence from offset k div 3), so
    all eight tell the same events: one story of eight, 28 pair comparisons (the costly case)."""
    trips = [t for t in basil_articles(bench) if len(t) == 3][:ARTICLES if case == "mixed" else 12]
    texts = []
    for k in range(ARTICLES):
        sents: list[str] = []
        if case == "mixed":
            for j in range(3):
                sents += basil_text(trips[(k + j) % ARTICLES][j])[1]
        else:
            for t in trips:
                sents += basil_text(t[k % 3])[1][k // 3::3]
        sents = sents[:SENTENCES]
        paras = [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
        texts.append(f"Report {k + 1} on the week's events\n\n" + "\n\n".join(paras))
    return texts


def cost(bench: Path, repeat: int, case: str) -> None:
    from framediff.pipeline import text_article

    tmp = Path(tempfile.mkdtemp(prefix="framediff-story-"))
    paths, sentences = [], []
    for k, text in enumerate(cost_articles(bench, case)):
        p = tmp / f"report{k + 1}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
        sentences += [u.text for u in text_article(text, "a").units]
    (tmp / "sents.json").write_text(json.dumps(sentences), encoding="utf-8")
    print(f"\ncase {case}: {ARTICLES} articles, {len(sentences)} sentences as framediff splits them "
          f"({len(set(sentences))} different)")
    env = {"PYTHONPATH": str(ROOT)}
    runs = {"story": [], "torch": [], "backend": []}
    out = ""
    for n in range(repeat):
        cache = tmp / f"cache{n}"
        _, cpu, out = child([PY, "-m", "framediff", "compare", *paths, "--json", str(tmp / "story.json")],
                            env={**env, "FRAMEDIFF_CACHE_DIR": str(cache)})
        runs["story"].append(cpu)
        runs["torch"].append(child([PY, "-c", BARE_TORCH, str(tmp / "sents.json")], env=env)[1])
        runs["backend"].append(child([PY, "-c", BARE_BACKEND, str(tmp / "sents.json")], env=env)[1])
    d = json.loads((tmp / "story.json").read_text(encoding="utf-8"))
    print("grouping: " + "; ".join("+".join(e["articles"]) for e in d["events"])
          + (f"; singles {d['singles']}" if d["singles"] else ""))
    print(out.strip().splitlines()[-1] if out.strip() else "")
    med = {k: statistics.median(v) for k, v in runs.items()}
    print("\n| measure | CPU s (median of %d) | ratio | target | met |" % repeat)
    print("|---|---|---|---|---|")
    print(f"| `framediff compare` of the {ARTICLES} (cold, empty cache) | {med['story']:.1f} | | | |")
    for k, label in (("torch", "bare process, sentence-transformers with torch"),
                     ("backend", "bare process, framediff's ONNX backend")):
        ratio = med["story"] / med[k]
        print(f"| embedding the same sentences: {label} | {med[k]:.1f} | {ratio:.2f} x | <= {TARGET} x | "
              f"{'yes' if ratio <= TARGET else 'NO'} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip-cost", action="store_true")
    ap.add_argument("--skip-basil", action="store_true")
    ap.add_argument("--cases", default="one-event,mixed", help="cost cases: one-event, mixed")
    args = ap.parse_args()
    bench = args.bench if (args.bench / "basil").is_dir() else Path("/work/shared/bench")
    if not args.skip_basil:
        consistency(bench)
    if not args.skip_cost:
        for case in args.cases.split(","):
            cost(bench, args.repeat, case)


if __name__ == "__main__":
    main()
