"""Measure grouping rules beyond align.group_pairs' greedy pass on the reader's BASIL gold (issue 24).

Usage: .venv/bin/python bench/align_extras.py [path/to/shared/bench] --rule mutual_p [--values 0.6,0.7]

Rules (align.group_pairs keywords): mutual_p, two free units each other's most probable partner start a
group from this probability; merge_p, a pair whose units are in two groups merges them (every pair the
merge puts together at least AGREE_P); retell, a joiner that says nothing more may join a group whose
side already tells the other to this cosine. Leave-one-pair-out as bench/align_fit.py (weights and
MATCH_P/JOIN_P fitted on twelve pairs). Without --values the rule's threshold is fitted on the twelve
too: the value that finds the most must-match pairs keeping look-alikes >= 0.95, one-sided >= 0.90 and
cross-event look-alikes no lower than without the rule (ties: the strictest). With --values each value
is applied to every fold, and the pairs it adds are printed with their gold label (? = not judged).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import align_fit as F  # noqa: E402
from align_gold import gold_pairs  # noqa: E402

from framediff import align as al  # noqa: E402

GRIDS = {"mutual_p": [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01],
         "merge_p": [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01],
         "retell": [0.8, 0.85, 0.9, 0.95, 0.98, 1.01]}


def together(g, d, p, mp, jp, extra):
    cands = sorted((al.Candidate(i, j, 0.0, float(q), *may) for (i, j), q, may in zip(d[0], p, d[6])), key=lambda c: -c.p)
    members, group_of = al.group_pairs(cands, d[4], d[5], mp, jp, **extra)
    pairs = {(i, j) for m in members for i in m["a"] for j in m["b"]}
    return np.array([sum(m in pairs for m in g["must"]), len(g["must"]), sum(m not in pairs for m in g["apart"]), len(g["apart"]),
                     sum(i not in group_of["a"] for i in g["one_a"]) + sum(j not in group_of["b"] for j in g["one_b"]),
                     len(g["one_a"]) + len(g["one_b"])]), pairs


def figures(gold, data, probs, mp, jp, extra):
    outs = [together(g, d, p, mp, jp, extra)[0] for g, d, p in zip(gold, data, probs)]
    t = sum(o for o, g in zip(outs, gold) if not g["cross"])
    c = sum((o for o, g in zip(outs, gold) if g["cross"]), np.zeros(6))
    return t[0] / t[1], t[2] / t[3], t[4] / t[5], c[2] / c[3] if c[3] else 1.0


def fit_rule(rule, gold, data, probs, mp, jp) -> float:
    base = figures(gold, data, probs, mp, jp, {})

    def good(x):
        r, apart, alone, across = figures(gold, data, probs, mp, jp, {rule: x})
        ok = apart >= 0.95 and alone >= 0.90 and across >= base[3] - 1e-9
        return ok, r if ok else 0.0, x
    return max(GRIDS[rule], key=good)


def main() -> None:
    from framediff.embed import Embedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--rule", choices=sorted(GRIDS), required=True)
    ap.add_argument("--values", help="comma-separated thresholds applied to every fold (default: fitted per fold)")
    opts = ap.parse_args()
    embedder = Embedder()
    gold = gold_pairs(opts.bench)
    data = [F.candidates(g, embedder) for g in gold]
    folds = []
    for k, g in enumerate(gold):
        rest = [n for n in range(len(gold)) if n != k]
        _, probs = F.fitted(data, rest)
        mp, jp = F.thresholds([gold[n] for n in rest], [data[n] for n in rest], [probs[n] for n in rest])
        fitted = None if opts.values else fit_rule(opts.rule, [gold[n] for n in rest], [data[n] for n in rest],
                                                   [probs[n] for n in rest], mp, jp)
        folds.append((g, data[k], probs[k], mp, jp, fitted))
    for value in [float(v) for v in opts.values.split(",")] if opts.values else [None]:
        total, cross, added = np.zeros(6), np.zeros(6), []
        for g, d, p, mp, jp, fitted in folds:
            x = fitted if value is None else value
            t, pairs = together(g, d, p, mp, jp, {opts.rule: x})
            _, before = together(g, d, p, mp, jp, {})
            (cross if g["cross"] else total).__iadd__(t)
            for i, j in sorted(pairs - before):
                label = ("must" if (i, j) in g["must"] else "apart" if (i, j) in g["apart"] else
                         "one-sided" if i in g["one_a"] or j in g["one_b"] else "?")
                added.append(f"    + {'cross ' * g['cross']}{label}: {g['a'].units[i].text[:70]!r} / {g['b'].units[j].text[:70]!r}")
            if value is None:
                print(f"  held out {g['name']}: {opts.rule} {x}")
        print(f"{opts.rule} {'fitted per fold' if value is None else value}: must-match recall {total[0] / total[1]:.3f} "
              f"({total[0]:.0f}/{total[1]:.0f}), look-alikes apart {total[2] / total[3]:.3f}, one-sided unmatched "
              f"{total[4] / total[5]:.3f} ({total[4]:.0f}/{total[5]:.0f}), cross-event apart {cross[2] / cross[3]:.3f} "
              f"({cross[2]:.0f}/{cross[3]:.0f})")
        print("\n".join(added))


if __name__ == "__main__":
    main()
