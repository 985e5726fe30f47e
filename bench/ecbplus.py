"""Same event or the same kind of event? framediff's same_event on ECB+.

ECB+ (../shared/bench/ecbplus, see ../shared/bench/README.md): each topic folder
holds N_Mecb.xml documents reporting one event and N_Mecbplus.xml documents
reporting another event of the same kind. Pairs within a topic from the same
sub-corpus are positives (same event), pairs across are hard negatives.

Each document's text is rebuilt from its tokens (one paragraph per sentence);
ECB+ "plus" documents open with their URL and often a date line, which the
"ecb" ones lack, so both are dropped (the sub-corpus would otherwise leak
through them) and Article.date stays "" (only dates the text mentions count).
With --datelines the date lines become Article.date instead (not comparable
across the two sub-corpora; shown for information only).

Runs framediff's own path: segment -> embed (cached) -> align -> same_event, and
prints ROC AUC of the score, accuracy of the verdict, and the AUC of plain topic
similarity (cosine of mean sentence vectors) as the baseline. --fit also fits a
logistic model on same_event.features() and prints its cross-validated AUC
(folds by topic); the constants in framediff/same_event.py come from it.

    .venv/bin/python bench/ecbplus.py [--per-topic 60] [--seed 0] [--fit]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framediff.align import align  # noqa: E402
from framediff.comparison import Article  # noqa: E402
from framediff.embed import Embedder  # noqa: E402
from framediff.ingest.metadata import parse_date  # noqa: E402
from framediff.same_event import BIAS, WEIGHTS, features, same_event  # noqa: E402
from framediff.segment import segment  # noqa: E402

DATA = ROOT.parent / "shared" / "bench" / "ecbplus"
FEATS = ["names", "persons", "coverage", "confidence", "lead", "lead_absent", "when_agree", "when_conflict", "where_agree", "where_conflict"]
_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
_DATE_LINE = re.compile(r"^[\w ,:/.-]{0,40}\b(19|20)\d\d\b[\w ,:/.-]{0,20}$|^\d{1,2} / \d{1,2} / \d{2}\b.{0,20}$")


def detok(tokens: list[str]) -> str:
    s = " ".join(tokens).replace("``", '"').replace("''", '"')
    s = re.sub(r"\s+([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)", r"\1", s)
    s = re.sub(r"([(\[{$])\s+", r"\1", s)
    s = re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', s)
    s = s.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
    return s


def read_doc(path: Path, datelines: bool) -> Article:
    sents: dict[int, list[str]] = {}
    for si, tok in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sents.setdefault(int(si), []).append(tok)
    lines, pub = [], ""
    for _, toks in sorted(sents.items()):
        line = detok(toks)
        if line.startswith("http") or "www ." in " ".join(toks[:6]):
            continue
        if len(toks) <= 12 and _DATE_LINE.match(line) and not re.search(r"[a-z]{4,}\s+[a-z]{4,}", line):
            pub = pub or parse_date(line.replace(" ,", ","))
            continue
        lines.append(line)
    art = Article(id=path.stem, source=path.name, title=lines[0] if lines else "", outlet="",
                  date=pub if datelines else "", language="en", text="\n\n".join(lines))
    return segment(art)


def pairs_for(topic: Path, per_topic: int, rng: random.Random):
    ecb = sorted(topic.glob("*ecb.xml"))
    plus = sorted(topic.glob("*ecbplus.xml"))
    pos = [(x, y, 1) for side in (ecb, plus) for x, y in combinations(side, 2)]
    neg = [(x, y, 0) for x in ecb for y in plus]
    half = per_topic // 2
    return rng.sample(pos, min(half, len(pos))) + rng.sample(neg, min(half, len(neg)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-topic", type=int, default=60, help="pairs sampled per topic (half positive)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--datelines", action="store_true", help="use the plus documents' date lines as Article.date")
    ap.add_argument("--fit", action="store_true", help="fit the logistic weights and print their CV AUC")
    ap.add_argument("--dump", help="save the features and labels to this .npz file")
    args = ap.parse_args()
    from sklearn.metrics import roc_auc_score

    t0 = time.time()
    rng = random.Random(args.seed)
    topics = sorted((p for p in DATA.iterdir() if p.is_dir()), key=lambda p: int(p.name))
    pairs = [(t.name, *p) for t in topics for p in pairs_for(t, args.per_topic, rng)]
    docs: dict[Path, Article] = {}
    for _, x, y, _ in pairs:
        for p in (x, y):
            if p not in docs:
                docs[p] = read_doc(p, args.datelines)
    emb = Embedder()
    vecs = {}
    all_units = [(p, u.text) for p, a in docs.items() for u in a.units]
    flat = emb.encode([t for _, t in all_units])
    for p, a in docs.items():
        idx = [i for i, (q, _) in enumerate(all_units) if q == p]
        vecs[p] = flat[idx]
    print(f"{len(topics)} topics, {len(docs)} documents, {len(pairs)} pairs "
          f"({sum(p[3] for p in pairs)} same event, {sum(1 - p[3] for p in pairs)} same kind); "
          f"seed {args.seed}, {args.per_topic} per topic; embedded in {time.time() - t0:.0f}s")

    y, score, verdict, topic_sim, feats, groups_of = [], [], [], [], [], []
    for topic, x, z, label in pairs:
        a, b = docs[x], docs[z]
        a.id, b.id = "a", "b"
        va, vb = vecs[x], vecs[z]
        groups, _ = align(a, b, va, vb)
        se = same_event(a, b, groups)
        f, _ = features(a, b, groups)
        ma, mb = va.mean(0), vb.mean(0)
        y.append(label)
        score.append(se.score)
        verdict.append(se.verdict)
        topic_sim.append(float(ma @ mb / (np.linalg.norm(ma) * np.linalg.norm(mb))))
        feats.append([f[k] for k in FEATS])
        groups_of.append(int(topic))
    y_arr = np.array(y)
    score_arr, verdict_arr = np.array(score), np.array(verdict)
    print(f"same_event   ROC AUC {roc_auc_score(y_arr, score_arr):.3f}   (constants fitted on these pairs: "
          f"the honest figure is the CV AUC of --fit)")
    print(f"  verdict accuracy {np.mean(verdict_arr == y_arr):.3f}, precision {y_arr[verdict_arr].mean():.3f}, "
          f"recall {verdict_arr[y_arr == 1].mean():.3f} (true for {verdict_arr.mean():.0%} of pairs); "
          f"score >= 0.5 alone: accuracy {np.mean((score_arr >= 0.5) == y_arr):.3f}")
    print(f"baseline     ROC AUC {roc_auc_score(y_arr, topic_sim):.3f}   (cosine of mean sentence vectors)")
    X = np.array(feats)
    if args.dump:
        np.savez(args.dump, X=X, y=y_arr, topic=np.array(groups_of), names=np.array(FEATS))
    for k, col in zip(FEATS, X.T):
        print(f"  feature {k:<11} AUC {roc_auc_score(y_arr, col):.3f}  mean pos {col[y_arr == 1].mean():.3f} "
              f"neg {col[y_arr == 0].mean():.3f}")
    if args.fit:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold, cross_val_predict

        model = LogisticRegression(C=1.0, max_iter=1000)
        cv = cross_val_predict(model, X, y_arr, groups=groups_of, cv=GroupKFold(5), method="predict_proba")[:, 1]
        model.fit(X, y_arr)
        print(f"logistic fit: CV AUC (5 folds by topic) {roc_auc_score(y_arr, cv):.3f}, "
              f"CV accuracy {np.mean((cv >= 0.5) == y_arr):.3f}")
        print("  WEIGHTS = {" + ", ".join(f'"{k}": {w:.2f}' for k, w in zip(FEATS, model.coef_[0])) + "}")
        print(f"  BIAS = {model.intercept_[0]:.2f}")
        print(f"  (in use: {WEIGHTS}, BIAS {BIAS})")
    print(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
