"""What an alignment change does beyond the gold: the groups it adds and drops on every BASIL pair.

Usage: .venv/bin/python bench/align_diff.py [path/to/shared/bench] [--against REV]

The reader's gold (bench/gold/basil_align.json) judges only the pairs a reader marked; a change that puts
together sentences nobody marked moves none of its figures. This aligns every two articles of each BASIL
development triplet (BASIL's own sentences as units, as bench/align_gold.py reads them) with the working
tree's framediff and with framediff at git revision REV (default HEAD), each in its own process, and
prints, per article pair whose groups differ, the groups only one of them makes (+ this tree, - REV), to
be read, with the verdict of the sentence pairs a group newly puts together where
bench/gold/basil_align_beyond.json has one (groups read once in an earlier round). Then the number of
article pairs that differ, of groups added and dropped, and the verdicts of the pairs each side alone puts
together. Texts are read from ../shared/bench at run time, never stored.
"""
from __future__ import annotations

import argparse
import glob
import itertools
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
JUDGED = ROOT / "bench" / "gold" / "basil_align_beyond.json"


def pairs_of(bench: Path) -> list[tuple[str, str]]:
    """Every two articles of each BASIL triplet, as paths."""
    triplets: dict[str, list[str]] = {}
    for f in sorted(glob.glob(str(bench / "basil" / "articles" / "*" / "*.json"))):
        triplets.setdefault(f.rsplit("_", 1)[0], []).append(f)
    return [p for fs in triplets.values() for p in itertools.combinations(sorted(fs), 2)]


def article_id(path: str) -> str:
    """"2010/<triplet>_1" for .../articles/2010/<triplet>_1.json."""
    return path.split("articles/")[-1].removesuffix(".json")


def dump(bench: Path, out: Path, code: Path) -> None:
    """Worker: the groups of every pair, as [[A (paragraph, sentence)s], [B ...]], written to `out` as JSON,
    with framediff imported from `code` (before align_gold, which puts this tree first on the path)."""
    sys.path.insert(0, str(code))
    import framediff  # noqa: F401

    from align_gold import basil_article

    from framediff.align import align
    from framediff.embed import Embedder

    embedder = Embedder()
    result = {}
    for fa, fb in pairs_of(bench):
        (a, where_a), (b, where_b) = basil_article(Path(fa), "a"), basil_article(Path(fb), "b")
        at_a = {a.units[k].id: list(ps) for ps, k in where_a.items()}
        at_b = {b.units[k].id: list(ps) for ps, k in where_b.items()}
        groups, _ = align(a, b, embedder.encode([u.text for u in a.units]), embedder.encode([u.text for u in b.units]))
        result[f"{fa}|{fb}"] = sorted([sorted(at_a[x] for x in g.a), sorted(at_b[y] for y in g.b)] for g in groups)
    out.write_text(json.dumps(result), encoding="utf-8")


def groups_at(code: Path, bench: Path, tmp: Path, name: str) -> dict:
    """Run the worker with framediff imported from `code`; its groups per pair, as tuples."""
    out = tmp / f"{name}.json"
    subprocess.run([sys.executable, __file__, str(bench), "--dump", str(out), "--code", str(code)], check=True)
    return {k: {(tuple(map(tuple, a)), tuple(map(tuple, b))) for a, b in v}
            for k, v in json.loads(out.read_text(encoding="utf-8")).items()}


def verdicts() -> dict:
    """(A article, B article, A (paragraph, sentence), B (paragraph, sentence)) -> verdict, every pair of
    every group read in bench/gold/basil_align_beyond.json."""
    out = {}
    for g in json.loads(JUDGED.read_text(encoding="utf-8"))["groups"]:
        for x, y in itertools.product(g["a"], g["b"]):
            out[(g["a_article"], g["b_article"], tuple(x), tuple(y))] = g["verdict"]
    return out


def together(groups) -> set:
    return {(x, y) for ga, gb in groups for x in ga for y in gb}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--against", default="HEAD", help="git revision to compare the working tree with")
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.dump:
        dump(opts.bench, opts.dump, opts.code)
        return
    from align_gold import basil_article

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", opts.against, "framediff"],
                                 check=True, capture_output=True).stdout
        tarfile.open(fileobj=BytesIO(archive)).extractall(tmp / "old")
        new, old = groups_at(ROOT, opts.bench, tmp, "new"), groups_at(tmp / "old", opts.bench, tmp, "old")
    judged = verdicts()
    differ = added = dropped = 0
    tally = {"+": Counter(), "-": Counter()}
    for key in sorted(new):
        plus, minus = new[key] - old[key], old[key] - new[key]
        if not plus and not minus:
            continue
        differ, added, dropped = differ + 1, added + len(plus), dropped + len(minus)
        fa, fb = key.split("|")
        (a, where_a), (b, where_b) = basil_article(Path(fa), "a"), basil_article(Path(fb), "b")
        print(f"== {article_id(fa)} ~ {article_id(fb).rsplit('_', 1)[-1]}")
        for sign, groups, other in (("+", plus, old[key]), ("-", minus, new[key])):
            for ga, gb in sorted(groups):
                alone = together([(ga, gb)]) - together(other)
                seen = Counter(judged.get((article_id(fa), article_id(fb), x, y), "not read") for x, y in alone)
                tally[sign].update(seen)
                print(f"  {sign} A: " + " || ".join(a.units[where_a[x]].text[:150] for x in ga))
                print("    B: " + " || ".join(b.units[where_b[y]].text[:150] for y in gb))
                print("    pairs only here: " + (", ".join(f"{v} {n}" for v, n in sorted(seen.items())) or "none"))
    print(f"{len(new)} article pairs: {differ} differ from {opts.against}; groups added {added}, dropped {dropped}")
    for sign, name in (("+", "put together only by this tree"), ("-", f"put together only by {opts.against}")):
        print(f"sentence pairs {name}: " + (", ".join(f"{v} {n}" for v, n in sorted(tally[sign].items())) or "none"))


if __name__ == "__main__":
    main()
