"""Measuring only: each published bias lexicon as one more feature of the loaded-word scorer, BASIL dev CV by triplet.

    python bench/train_wordscore.py --no-write --cache rows.pkl   # once: the rows, with the model
    python bench/wordscore_lexicons.py --cache rows.pkl [--bias /work/shared/bench/bias] [--basil /work/shared/bench/basil]

The lists of `../shared/bench/bias/lexicons` (Recasens et al. 2013's bias lexicon and its companions, Islam et
al. 2020, Spinde's machine-expanded lexicon, MPQA's strongly subjective clues) are read at run time; a word's
feature is how many of the named lists hold it. Same rows, folds, MBIC prior and engine rule as
bench/train_wordscore.py's "single" figure, so the baseline line is that figure. Nothing is written.
"""
from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_wordscore as tw  # noqa: E402
from basil_flags import load  # noqa: E402

GROUPS = {
    "Recasens et al. 2013 bias lexicon (654)": ["recasens2013_bias_lexicon_654"],
    "Spinde machine-expanded lexicon (2,130)": ["spinde_semiauto_bias_lexicon_2130"],
    "MPQA strongly subjective clues": ["mpqa_strong"],
    "assertives, factives, implicatives, report verbs": ["assertives_hooper1975", "factives_hooper1975",
                                                          "implicatives_karttunen1971", "report_verbs"],
    "boosters and hedges (Islam 2020, Hyland 2005)": ["islam2020_booster_words", "islam2020_hedge_words",
                                                      "hedges_hyland2005"],
}


def lexicons(folder: Path) -> dict[str, set[str]]:
    """Each list's lower-cased single words; MPQA's strongly subjective clues under "mpqa_strong"."""
    out = {}
    for name in {n for names in GROUPS.values() for n in names} - {"mpqa_strong"}:
        lines = (folder / f"{name}.txt").read_text(encoding="latin-1").splitlines()
        out[name] = {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}
    clues = (folder / "subjclueslen1-HLTEMNLP05.tff").read_text(encoding="latin-1").splitlines()
    fields = (dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in clues)
    out["mpqa_strong"] = {d["word1"].lower() for d in fields if d.get("type") == "strongsubj"}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", required=True, help="rows written by bench/train_wordscore.py --cache")
    ap.add_argument("--bias", default="/work/shared/bench/bias")
    ap.add_argument("--basil", default="/work/shared/bench/basil")
    args = ap.parse_args()
    lex = lexicons(Path(args.bias, "lexicons"))
    mrows, _, blocks = pickle.loads(Path(args.cache).read_bytes())
    data = {f: load(f) for f in sorted(Path(args.basil, "articles").glob("*/*.json"))}
    prior_model = tw.fit_prior(mrows)
    n = len(mrows[0][3])
    w, d, b = prior_model.coef_[0][:n], prior_model.coef_[0][n:], float(prior_model.intercept_[0])

    def prior(x, v):
        return float(np.dot(w, x[:n]) + np.dot(d, v) + b)

    trip = {f: f.stem.rsplit("_", 1)[0] for f in data}
    order = sorted(set(trip.values()))
    perm = np.random.RandomState(0).permutation(len(order))
    folds = {f: int(np.where(perm == order.index(trip[f]))[0][0]) % tw.FOLDS for f in data}

    def hits(names):
        return {(f, s): float(sum(data[f][0].text[s:e].lower() in lex[x] for x in names))
                for f, rows in blocks["single"] for s, e, *_ in rows}

    print("shipped features + vector + MBIC prior:", tw.basil_cv(blocks["single"], data, prior, folds), flush=True)
    for label, names in [*GROUPS.items(), ("all of them", [x for v in GROUPS.values() for x in v])]:
        print(f"+ {label}:", tw.basil_cv(blocks["single"], data, prior, folds, hits(names)), flush=True)


if __name__ == "__main__":
    main()
