"""How far a quote's vector read from its sentences' pass strays from its own vector, against the screens of
quotes/match.py and quotes/stance.py (SCREEN): a pair or an issue is decided on the read vector only that far below
its threshold, so the screens must exceed what the own vector can add where a decision is made.

    python bench/quote_screens.py [--basil DIR]

Quotes of the 10 seed pairs and the judged BASIL pairs of bench/gold/flags_judged.json (read at run time from
../shared/bench/basil). Prints, by the share of its sentences' word-pieces a quote covers: own - read cosine to every
stance issue description, the largest gap below QUOTE_SIM among quotes whose own vector reaches it; and for quote
pairs across the two articles, own - read cosine and the lowest read cosine among pairs whose own one reaches
SAME_SPEAKER.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quote_vectors import pairs  # noqa: E402

from framediff.embed import Embedder, VectorCache, pieces_in  # noqa: E402
from framediff.quotes import quoted  # noqa: E402
from framediff.quotes.match import SAME_SPEAKER, SCREEN as MATCH_SCREEN  # noqa: E402
from framediff.quotes.stance import ISSUES, QUOTE_SIM, SCREEN as STANCE_SCREEN  # noqa: E402
from framediff.quotes.vectors import core_parts  # noqa: E402

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basil", type=Path, default=Path("/work/shared/bench/basil"))
    args = ap.parse_args()
    e = Embedder(cache=VectorCache(Path(tempfile.mkdtemp())))
    iv = e.encode(list(ISSUES.values()))
    issue_rows, pair_rows, n_pairs = [], [], 0
    for _, a, b in pairs(args.basil):
        n_pairs += 1
        e.encode([u.text for x in (a, b) for u in x.units], passages=True)
        by = {x.id: x for x in (a, b)}
        info = []
        ends = {x.id: [u.end for u in x.units] for x in (a, b)}
        for q in quoted([a, b]).quotes:
            text, parts = core_parts(by[q.article], q, ends[q.article])
            kept = [e._states.get(VectorCache.key(t)) for t, _, _ in parts]
            total = sum(len(k[0]) for k in kept if k is not None)
            covered = sum(len(pieces_in(k[0], ps, pe)) for k, (_, ps, pe) in zip(kept, parts) if k is not None)
            info.append((q.article, text, parts, covered / total if total else 0.0))
        if not info:
            continue
        read = e.span_vectors([(t, p) for _, t, p, _ in info])
        own = e.encode([t for _, t, _, _ in info])
        issue_rows += [(sh, r, o) for (_, _, _, sh), r, o in zip(info, read @ iv.T, own @ iv.T)]
        ia = [i for i, x in enumerate(info) if x[0] == "a"]
        ib = [i for i, x in enumerate(info) if x[0] == "b"]
        if ia and ib:
            rc, oc = read[ia] @ read[ib].T, own[ia] @ own[ib].T
            pair_rows += [(min(info[ia[x]][3], info[ib[y]][3]), rc[x, y], oc[x, y])
                          for x in range(len(ia)) for y in range(len(ib))]
    share = np.array([r[0] for r in issue_rows])
    ri, oi = np.array([r[1] for r in issue_rows]), np.array([r[2] for r in issue_rows])
    print(f"{len(issue_rows)} quotes of {n_pairs} pairs; stance: QUOTE_SIM {QUOTE_SIM}, SCREEN {STANCE_SCREEN}\n")
    print("| share of its sentences | quotes | own - read, max (99th pct) | reaching QUOTE_SIM: largest gap below it as read |")
    print("|---|---|---|---|")
    for lo, hi in zip(BINS, BINS[1:]):
        m = (share >= lo) & (share < hi)
        if m.any():
            d, reach = oi[m] - ri[m], oi[m] >= QUOTE_SIM
            gap = f"{(QUOTE_SIM - ri[m][reach]).max():.3f}" if reach.any() else "-"
            print(f"| {lo:.1f}-{min(hi, 1):.1f} | {m.sum()} | {d.max():.3f} ({np.percentile(d, 99):.3f}) | {gap} |")
    p = np.array(pair_rows)
    print(f"\n{len(p)} quote pairs; match: SAME_SPEAKER {SAME_SPEAKER}, SCREEN {MATCH_SCREEN}")
    reach = p[:, 2] >= SAME_SPEAKER
    print(f"pairs whose own cosine reaches SAME_SPEAKER: {reach.sum()}, lowest read cosine among them "
          f"{p[reach, 1].min():.3f} (screened below {SAME_SPEAKER - MATCH_SCREEN:.2f}); own - read over all pairs: max "
          f"{(p[:, 2] - p[:, 1]).max():.3f}, 99th pct {np.percentile(p[:, 2] - p[:, 1], 99):.3f}")


if __name__ == "__main__":
    main()
