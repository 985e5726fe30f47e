"""The top flags of 10 BASIL development pairs, as an editor judges them (right / marginal / wrong).

    python bench/judge_flags.py [--top 5] [--dump /tmp/top.json] [--all] [--pair 550b80db~1~3 ...]

Each pair is two outlets' reports of one event (BASIL, Fan et al. 2019, dev years 2010-2015), run through the
whole pipeline. The judgements live in bench/gold/flags_judged.json, keyed by pair, flag type and evidence
spans (offsets only, no text of the articles), so a flag judged once is recognised in any later run; a flag
not judged yet prints as "?" (judge it, add it, run again). Prints per pair the top flags (by
`review.top_findings` order) and overall: right / marginal / wrong of the top N, flags per pair, and the judged
share right per confidence band (what `confidence` is calibrated against). --all judges every flag listed, not
only the top N (the calibration sample). --pair runs other pairs instead (a triplet id or its first
characters, then the two outlets' numbers): the unseen pairs read to check that the ranking holds beyond the 10.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil_flags import _copy, load, triplets_of  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "flags_judged.json"
PAIRS = 10


def pairs(root: Path) -> list[tuple[Path, Path]]:
    """10 triplets spread evenly over the sorted dev triplets; the k-th takes outlets (1,2), (1,3), (2,3) in turn."""
    files = sorted(Path(root, "articles").glob("*/*.json"))
    trips = sorted(triplets_of({f: None for f in files}).items())
    step = len(trips) / PAIRS
    out = []
    for k in range(PAIRS):
        members = sorted(trips[int(k * step)][1])
        i, j = [(0, 1), (0, 2), (1, 2)][k % 3]
        out.append((members[i], members[j]))
    return out


def named(root: Path, names: list[str]) -> list[tuple[Path, Path]]:
    """Pairs given as "550b80db~1~3": a triplet id (or its start) and two outlet numbers."""
    files = sorted(Path(root, "articles").glob("*/*.json"))
    out = []
    for n in names:
        trip, i, j = n.split("~")
        out.append(tuple(next(f for f in files if f.stem.startswith(trip) and f.stem.endswith(f"_{k}")) for k in (i, j)))
    return out


def key(pair: str, f) -> str:
    ev = ";".join(",".join(f"{s.start}-{s.end}" for s in getattr(f, side)) for side in ("a", "b"))
    return f"{pair}|{f.type}|{ev}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default="/work/shared/bench/basil")
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--all", action="store_true", help="list every flag (the calibration sample), not only the top")
    ap.add_argument("--pair", nargs="+", help="these pairs (\"550b80db~1~3\") instead of the 10 judged ones")
    ap.add_argument("--dump", help="write the listed flags with their texts to this JSON file (for judging)")
    args = ap.parse_args()
    from framediff.embed import Embedder
    from framediff.review import top_findings
    from framediff.pipeline import compare_articles

    gold = json.loads(GOLD.read_text()) if GOLD.exists() else {}
    embedder = Embedder()
    embedder.load()
    try:
        from framediff.framing.rank import kind_of
    except ImportError:
        def kind_of(f):
            return f.type
    verdicts, per_type, bands, n_flags, dump = Counter(), defaultdict(Counter), defaultdict(Counter), [], []
    per_kind = defaultdict(Counter)
    t0 = time.time()
    for fa, fb in named(Path(args.root), args.pair) if args.pair else pairs(Path(args.root)):
        name = f"{fa.stem}~{fb.stem.rsplit('_', 1)[1]}"
        a, b = _copy(load(fa)[0], "a"), _copy(load(fb)[0], "b")
        a.outlet, b.outlet = a.outlet.upper(), b.outlet.upper()
        cmp = compare_articles(a, b, embedder)
        n_flags.append(len(cmp.flags))
        top = top_findings(cmp.flags, n=args.top)
        listed = cmp.flags if args.all else top
        print(f"\n== {name}: {len(cmp.flags)} flags, top {len(top)}")
        for f in top:
            v = gold.get(key(name, f), "?")
            verdicts[v] += 1
            per_type[f.type][v] += 1
        for r, f in enumerate(listed):
            v = gold.get(key(name, f), "?")
            conf = getattr(f, "confidence", None)
            if v != "?" and conf is not None:
                bands[min(int(conf * 5), 4)][v] += 1
            if v != "?":
                per_kind[kind_of(f)][v] += 1
            mark = "*" if f in top else " "
            print(f" {mark}{r + 1:2d} [{v:8s}] {f.type:11s} c={conf if conf is not None else '-'} s={f.severity:.2f} {f.summary[:150]}")
            dump.append({"key": key(name, f), "verdict": v, "type": f.type, "summary": f.summary, "confidence": conf,
                         "a": [s.text[:200] for s in f.a], "b": [s.text[:200] for s in f.b]})
    total = sum(verdicts.values())
    print(f"\n{len(n_flags)} pairs in {time.time() - t0:.0f}s; flags per pair: mean {sum(n_flags) / len(n_flags):.1f} "
          f"(min {min(n_flags)}, max {max(n_flags)})")
    print(f"top {args.top}: {dict(verdicts)} of {total}; right per pair {verdicts['right'] / len(n_flags):.2f} of "
          f"{args.top}; precision {verdicts['right'] / max(total, 1):.2f}")
    for t, c in sorted(per_type.items()):
        print(f"  {t:12s} {dict(c)}")
    print("judged share right per kind of the listed flags (marginal counts half): what rank.CONFIDENCE holds")
    for k, c in sorted(per_kind.items()):
        n = sum(c.values())
        print(f"  {k:18s} {n:3d} judged: {c['right']} right, {c['marginal']} marginal, {c['wrong']} wrong -> "
              f"{(c['right'] + 0.5 * c['marginal']) / n:.2f}")
    for b in sorted(bands):
        c = bands[b]
        n = sum(c.values())
        print(f"  confidence {b / 5:.1f}-{(b + 1) / 5:.1f}: {n} judged, right {c['right'] / n:.2f}")
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
