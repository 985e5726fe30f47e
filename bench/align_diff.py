"""What an alignment change does beyond the gold: the groups it adds and drops on every BASIL pair.

Usage: .venv/bin/python bench/align_diff.py [path/to/shared/bench] [--against REV]

The reader's gold (bench/gold/basil_align.json) judges only the pairs a reader marked; a change that puts
together sentences nobody marked moves none of its figures. This aligns every two articles of each BASIL
development triplet (BASIL's own sentences as units, as bench/align_gold.py reads them) with the working
tree's framediff and with framediff at git revision REV (default HEAD), each in its own process, and
prints, per article pair whose groups differ, the groups only one of them makes (+ this tree, - REV), to
be read. Then the number of article pairs that differ and of groups added and dropped. Texts are read
from ../shared/bench at run time, never stored.
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
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def pairs_of(bench: Path) -> list[tuple[str, str]]:
    """Every two articles of each BASIL triplet, as paths."""
    triplets: dict[str, list[str]] = {}
    for f in sorted(glob.glob(str(bench / "basil" / "articles" / "*" / "*.json"))):
        triplets.setdefault(f.rsplit("_", 1)[0], []).append(f)
    return [p for fs in triplets.values() for p in itertools.combinations(sorted(fs), 2)]


def dump(bench: Path, out: Path, code: Path) -> None:
    """Worker: the groups of every pair, as [[A unit indices], [B unit indices]], written to `out` as JSON,
    with framediff imported from `code` (before align_gold, which puts this tree first on the path)."""
    sys.path.insert(0, str(code))
    import framediff  # noqa: F401

    from align_gold import basil_article

    from framediff.align import align
    from framediff.embed import Embedder

    embedder = Embedder()
    result = {}
    for fa, fb in pairs_of(bench):
        a, b = basil_article(Path(fa), "a")[0], basil_article(Path(fb), "b")[0]
        index_a = {u.id: k for k, u in enumerate(a.units)}
        index_b = {u.id: k for k, u in enumerate(b.units)}
        groups, _ = align(a, b, embedder.encode([u.text for u in a.units]), embedder.encode([u.text for u in b.units]))
        result[f"{fa}|{fb}"] = sorted([sorted(index_a[x] for x in g.a), sorted(index_b[y] for y in g.b)] for g in groups)
    out.write_text(json.dumps(result), encoding="utf-8")


def groups_at(code: Path, bench: Path, tmp: Path, name: str) -> dict:
    """Run the worker with framediff imported from `code`; its groups per pair."""
    out = tmp / f"{name}.json"
    subprocess.run([sys.executable, __file__, str(bench), "--dump", str(out), "--code", str(code)], check=True)
    return {k: {(tuple(a), tuple(b)) for a, b in v} for k, v in json.loads(out.read_text(encoding="utf-8")).items()}


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
    differ = added = dropped = 0
    for key in sorted(new):
        plus, minus = new[key] - old[key], old[key] - new[key]
        if not plus and not minus:
            continue
        differ, added, dropped = differ + 1, added + len(plus), dropped + len(minus)
        fa, fb = key.split("|")
        a, b = basil_article(Path(fa), "a")[0], basil_article(Path(fb), "b")[0]
        print(f"== {fa.split('articles/')[-1]} ~ {Path(fb).stem.rsplit('_', 1)[-1]}")
        for sign, groups in (("+", plus), ("-", minus)):
            for ga, gb in sorted(groups):
                print(f"  {sign} A: " + " || ".join(a.units[i].text[:150] for i in ga))
                print("    B: " + " || ".join(b.units[j].text[:150] for j in gb))
    print(f"{len(new)} article pairs: {differ} differ from {opts.against}; groups added {added}, dropped {dropped}")


if __name__ == "__main__":
    main()
