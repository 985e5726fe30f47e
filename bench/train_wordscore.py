"""The loaded-word scorer trained on labelled news words (MBIC), tuned and thresholded on BASIL dev; its figures.

    python bench/train_wordscore.py [--bias /work/shared/bench/bias] [--basil /work/shared/bench/basil] [--no-write]

1. Prior: a logistic regression over the word scorer's features and the word's contextual vector
   (framing/wordscore.py, framing/tokens.py), fitted on MBIC's 1,700 crowd-labelled news sentences
   (Spinde et al. 2021; Apache-2.0, so the weights may ship). Only MBIC trains what ships: BABE (AGPL-3.0)
   is used to measure only.
2. BASIL: the word's prior score (its logit) joins the features of a second regression fitted on BASIL
   development articles (single-article rows, and pair rows for the comparative mode); its threshold is
   chosen on BASIL. The prior is linear in the same features and vector, so the two fold into one set of
   weights and ONE direction: the engine's speed path (embed.PieceReadout, one dot product per word piece
   and direction) is unchanged.
3. Figures, printed:
   - BASIL dev F1, cross-validated by triplet (5 folds; the BASIL regression and the threshold refitted
     inside each training part, threshold by inner CV), counted the way the engine flags: quoted words and
     the story's subject words never, marked attribution verbs outside quotes always;
     before (the features and vector alone, as shipped before) and after (with the MBIC prior);
   - MBIC held apart: the prior fitted on 4/5 of MBIC, scored on the other fifth (5 folds), word-level F1
     at the best threshold of the training part;
   - BABE held apart (SG2 expert labels, sentences not in MBIC): the shipped scorer's word-level F1, at the
     threshold that is best on MBIC (BABE is denser in labels than BASIL; BASIL's threshold is for articles).
Writes lexicons/wordscore.json (`single+ctx`, `pair+ctx` replaced; plain modes kept) unless --no-write.
--tagger DIR (a tagger from scripts/train_tagger.py; writes nothing): the same BASIL CV with the tagger's word logit
alone and as one more feature, BABE held apart, and MBIC fold --tagger-fold held apart with --tagger-heldout (the
tagger trained with `--holdout K`). --tagger DIR --tagger-basil: per triplet fold, the tagger fine-tuned further on
BASIL outside the fold against the shipped scorer, each at its best threshold on the fold.
Nothing of the data sets is stored in the repository.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil_flags import _f1, load, pair_comparisons  # noqa: E402

from framediff.comparison import Comparison, Unit  # noqa: E402

FOLDS = 5
C_PRIOR = 1.0  # L2 strength (inverse) of the MBIC regression
C_BASIL = 1.0  # ... of the BASIL regression
QUOTED, FORCED = 15, 10  # feature indices: inside a quotation; a marked attribution verb


TITLE = 16  # feature index: the headline (no labelled sentence is one)


def sentence_rows(rows_in: list[dict], embed, nlp) -> list[tuple]:
    """Per labelled sentence: (index, start, end, features, vector, label) of each candidate word. The sentences
    are parsed and read by the model as the units of one text (one pass)."""
    from framediff.framing import wordscore as ws

    text, units, base = "", [], []
    for i, r in enumerate(rows_in):
        text += "\n\n" if i else ""
        base.append(len(text))
        units.append(Unit(f"u{i}", len(text), len(text) + len(r["text"]), r["text"]))
        text += r["text"]
    rows = ws.article_rows(nlp(text), text, units)
    vec = ws.context_vectors(embed, units, rows)
    owner = ws.unit_index(units, rows)
    out = []
    for (t, x), i in zip(rows, owner):
        if i < 0:
            continue
        s, e = t.idx - base[i], t.idx + len(t.text) - base[i]
        gold = rows_in[i].get("spans", [])
        x = [float(v) for v in x[:-2]]
        x[TITLE] = 0.0
        out.append((i, s, e, x, vec[t.idx], any(s < g["end"] and g["start"] < e for g in gold)))
    return out


def _xy(rows, with_vec=True):
    X = np.asarray([np.concatenate([x, v]) if with_vec else x for _, _, _, x, v, _ in rows])
    y = np.asarray([lab for *_, lab in rows])
    return X, y


def word_f1(y, p, at) -> tuple[float, float, float]:
    pred = p >= at
    tp = float((pred & y).sum())
    pr, rc = tp / max(pred.sum(), 1), tp / max(y.sum(), 1)
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def best_at(y, p) -> float:
    grid = np.quantile(p, np.linspace(0.3, 0.995, 80))
    return float(max(grid, key=lambda at: word_f1(y, p, at)[2]))


def fit_prior(rows):
    from sklearn.linear_model import LogisticRegression

    X, y = _xy(rows)
    return LogisticRegression(C=C_PRIOR, max_iter=4000).fit(X, y)


def mbic_cv(rows) -> dict:
    """The prior fitted on 4/5 of MBIC's sentences, scored on the fifth; threshold chosen on the training part."""
    sent = np.asarray([r[0] for r in rows])
    fold = np.random.RandomState(0).permutation(sent.max() + 1)[sent] % FOLDS
    X, y = _xy(rows)
    tp = npred = npos = 0
    for k in range(FOLDS):
        tr, te = fold != k, fold == k
        m = fit_prior([r for r, t in zip(rows, tr) if t])
        at = best_at(y[tr], m.predict_proba(X[tr])[:, 1])
        pred = m.predict_proba(X[te])[:, 1] >= at
        tp += float((pred & y[te]).sum())
        npred += float(pred.sum())
        npos += float(y[te].sum())
    p, r = tp / max(npred, 1), tp / max(npos, 1)
    return {"precision": round(p, 3), "recall": round(r, 3), "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


# --- BASIL -------------------------------------------------------------------------------------------

def basil_rows(data: dict, embedder, nlp):
    """Per mode, (article file, [(start, end, features, vector, own)]) blocks; own: a word the engine may flag (not
    quoted, not the story's subject word)."""
    from framediff.framing import wordscore as ws
    from framediff.framing.context import Context

    docs = {f: nlp(a.text) for f, (a, _) in data.items()}
    subject = {}
    for f, (a, _) in data.items():
        ctx = Context(Comparison(articles=[a]), None)
        subject[f] = ctx.subject_words()
    blocks = {"single": [], "pair": []}
    for f, (a, _) in data.items():
        rows = ws.article_rows(docs[f], a.text, a.units)
        vec = ws.context_vectors(embedder.encode, a.units, rows)
        blocks["single"].append((f, [(t.idx, t.idx + len(t.text), [float(v) for v in x[:-2]], vec[t.idx],
                                      not x[QUOTED] and t.lemma_.lower() not in subject[f]) for t, x in rows]))
    vec_of = {(f, s): v for f, rows in blocks["single"] for s, _, _, v, _ in rows}
    for (fa, fb), cmp in pair_comparisons(data, embedder).items():
        for f, side in ((fa, "a"), (fb, "b")):
            art = cmp.article(side)
            rows = ws.article_rows(docs[f], art.text, art.units, ws.places(cmp, side))
            blocks["pair"].append((f, [(t.idx, t.idx + len(t.text), [float(v) for v in x], vec_of[(f, t.idx)],
                                        not x[QUOTED] and t.lemma_.lower() not in subject[f])
                                       for t, x in rows if x[-1] or x[-2]]))
    return blocks


def _matrix(blocks, data, prior, files, tag=None):
    """Rows of the BASIL regression: features, vector and the prior's logit; with `tag` (the tagger's logit per (article,
    word start)) that logit as one more column, or alone when `prior` is "tag only"."""
    X, y, keys = [], [], []
    for f, rows in blocks:
        if f not in files:
            continue
        human = data[f][1]
        for s, e, x, v, own in rows:
            t = [] if tag is None else [tag.get((f, s), -20.0)]
            if prior == "tag only":
                X.append(np.asarray(t))
            else:
                extra = [] if prior is None else [prior(x, v)]
                X.append(np.concatenate([x, v, extra, t]))
            y.append(any(s < ee and ss < e for b, ss, ee in human if b == "lex"))
            keys.append((f, s, e, own, bool(x[FORCED])))
    return np.asarray(X), np.asarray(y), keys


def _selection(keys, p, at) -> dict:
    """What the engine flags: its own words the scorer picks, and every marked attribution verb of its own."""
    sel = defaultdict(set)
    for (f, s, e, own, forced), q in zip(keys, p):
        if own and (q >= at or forced):
            sel[f].add((s, e))
    return sel


def _best_at(keys, p, data, files) -> float:
    grid = sorted(set(np.quantile(p, np.linspace(0.7, 0.995, 50)).round(4)))
    return max(grid, key=lambda at: _f1(_selection(keys, p, at), data, files)["F1"])


def _fit(X, y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C_BASIL, max_iter=4000).fit(X, y)


def _oof(blocks, data, prior, folds, files, tag=None):
    keys_all, p_all = [], []
    for k in sorted({folds[f] for f in files}):
        tr = {f for f in files if folds[f] != k}
        te = {f for f in files if folds[f] == k}
        X, y, _ = _matrix(blocks, data, prior, tr, tag)
        Xt, _, kt = _matrix(blocks, data, prior, te, tag)
        keys_all += kt
        p_all += list(_fit(X, y).predict_proba(Xt)[:, 1])
    return keys_all, p_all


def basil_cv(blocks, data, prior, folds, tag=None) -> dict:
    """Nested CV by triplet: each outer fold's regression and threshold from its training part only."""
    files = sorted(data)
    sel = defaultdict(set)
    for k in range(FOLDS):
        train = {f for f in files if folds[f] != k}
        ik, ip = _oof(blocks, data, prior, folds, train, tag)
        at = _best_at(ik, ip, data, sorted(train))
        X, y, _ = _matrix(blocks, data, prior, train, tag)
        Xt, _, kt = _matrix(blocks, data, prior, {f for f in files if folds[f] == k}, tag)
        for f, ss in _selection(kt, _fit(X, y).predict_proba(Xt)[:, 1], at).items():
            sel[f] |= ss
    return _f1(sel, data, files)


def tagger_logits(model_dir, data, blocks, sentences, mrows, brows):
    """The fine-tuned tagger's logit (scripts/train_tagger.py) of each candidate word: BASIL {(article, start): logit};
    MBIC and BABE arrays in the order of their rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from train_tagger import score
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    model, tok = AutoModelForTokenClassification.from_pretrained(model_dir).eval(), AutoTokenizer.from_pretrained(model_dir)
    texts, spans, keys = [], [], []
    for f, rows in blocks:
        art = data[f][0]
        for u in art.units:
            sp = [(s, e) for s, e, *_ in rows if u.start <= s < u.end]
            texts.append(u.text)
            spans.append([(s - u.start, e - u.start) for s, e in sp])
            keys.append([(f, s) for s, _ in sp])
    t0 = time.time()
    basil = {k: float(v) for ks, vs in zip(keys, score(model, tok, texts, spans)) for k, v in zip(ks, vs)}
    print(f"tagger: {len(texts)} BASIL sentences in {time.time() - t0:.0f}s", flush=True)

    def rows_of(sents, rows):
        sp, where = [[] for _ in sents], []
        for r in rows:
            where.append((r[0], len(sp[r[0]])))
            sp[r[0]].append((r[1], r[2]))
        out = score(model, tok, [x["text"] for x in sents], sp)
        return np.asarray([out[i][j] for i, j in where])

    return basil, rows_of(sentences[0], mrows), rows_of(sentences[1], brows)


def tagger_figures(args, data, blocks, mbic, babe, mrows, brows, prior, folds) -> None:
    """BASIL dev CV by triplet (both rules) with the tagger's logit alone and beside the shipped features; MBIC and BABE
    held apart (MBIC: the model trained without fold --tagger-fold, threshold from the other folds)."""
    sig = lambda z: 1 / (1 + np.exp(-np.asarray(z)))
    tag, pm, pb = tagger_logits(args.tagger, data, blocks["single"], (mbic, babe), mrows, brows)
    ym, yb = _xy(mrows)[1], _xy(brows)[1]
    print("tagger on BABE SG2 (not trained on), at MBIC's best threshold (MBIC in training):",
          word_f1(yb, sig(pb), best_at(ym, sig(pm))), flush=True)
    if args.tagger_heldout:
        same = args.tagger_heldout == args.tagger
        _, ph, pbh = (None, pm, pb) if same else tagger_logits(args.tagger_heldout, data, [], (mbic, babe), mrows, brows)
        sent = np.asarray([r[0] for r in mrows])
        fold = (np.random.RandomState(0).permutation(len(mbic)) % FOLDS)[sent]
        tr, te = fold != args.tagger_fold, fold == args.tagger_fold
        at = best_at(ym[tr], sig(ph[tr]))
        print(f"tagger trained without MBIC fold {args.tagger_fold}: that fold {word_f1(ym[te], sig(ph[te]), at)}; "
              f"BABE SG2 at the same threshold {word_f1(yb, sig(pbh), at)}", flush=True)
    with_quotes = [(f, [(s, e, x, v, True) for s, e, x, v, _ in rows]) for f, rows in blocks["single"]]
    for name, pr in (("tagger alone", "tag only"), ("features + vector + MBIC prior + tagger", prior)):
        print(f"single, {name}: engine's flags {basil_cv(blocks['single'], data, pr, folds, tag)}; "
              f"quoted and subject words counted too {basil_cv(with_quotes, data, pr, folds, tag)}", flush=True)


def _oracle(scores, rows_of, data, files, quoted_too) -> dict:
    """F1 on `files` at the threshold best there (for comparing two scorers' rankings on one fold, not a result)."""
    vals = np.asarray(list(scores.values()))
    best = None
    for at in np.quantile(vals, np.linspace(0.7, 0.995, 60)):
        sel = defaultdict(set)
        for f in files:
            for s, e, x, v, own in rows_of[f]:
                if (own or quoted_too) and (scores[(f, s)] >= at or x[FORCED]):
                    sel[f].add((s, e))
        r = _f1(sel, data, files)
        best = r if best is None or r["F1"] > best["F1"] else best
    return best


def tagger_on_basil(args, data, blocks, prior, folds) -> None:
    """Per triplet fold: the tagger fine-tuned further on BASIL dev outside the fold (its sentences with a lexical
    span and three times as many others, 2 epochs, lr 3e-5) against the shipped scorer fitted outside the fold,
    each at its best threshold on the fold (both equally optimistic)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from train_tagger import score, train

    rows_of = dict(blocks["single"])
    for k in range(FOLDS):
        train_f = [f for f in sorted(data) if folds[f] != k]
        test_f = [f for f in sorted(data) if folds[f] == k]
        pos, neg = [], []
        for f in train_f:
            art, human = data[f]
            for u in art.units:
                sp = [{"start": s - u.start, "end": e - u.start} for b, s, e in human if b == "lex" and s < u.end and u.start < e]
                (pos if sp else neg).append({"text": u.text, "spans": sp})
        pick = np.random.RandomState(0).choice(len(neg), min(len(neg), 3 * len(pos)), replace=False)
        model, tok = train(pos + [neg[i] for i in pick], epochs=2, lr=3e-5, base=Path(args.tagger))
        texts, spans, keys = [], [], []
        for f in test_f:
            for u in data[f][0].units:
                sp = [(s, e) for s, e, *_ in rows_of[f] if u.start <= s < u.end]
                texts.append(u.text)
                spans.append([(s - u.start, e - u.start) for s, e in sp])
                keys.append([(f, s) for s, _ in sp])
        tuned = {key: float(v) for ks, vs in zip(keys, score(model, tok, texts, spans)) for key, v in zip(ks, vs)}
        X, y, _ = _matrix(blocks["single"], data, prior, set(train_f))
        Xt, _, kt = _matrix(blocks["single"], data, prior, set(test_f))
        shipped = dict(zip([(f, s) for f, s, *_ in kt], _fit(X, y).predict_proba(Xt)[:, 1]))
        for name, sc in (("shipped scorer", shipped), ("tagger tuned on BASIL", tuned)):
            print(f"fold {k}, {name}, at the fold's best threshold: engine's flags "
                  f"{_oracle(sc, rows_of, data, test_f, False)}; quoted too {_oracle(sc, rows_of, data, test_f, True)}",
                  flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bias", default="/work/shared/bench/bias")
    ap.add_argument("--basil", default="/work/shared/bench/basil")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cache", help="keep the computed rows in this pickle file (a second run skips the model)")
    ap.add_argument("--tagger", help="a fine-tuned tagger (scripts/train_tagger.py): measure it, write nothing")
    ap.add_argument("--tagger-heldout", help="the same trained without one MBIC fold (--holdout K), for MBIC held apart")
    ap.add_argument("--tagger-fold", type=int, default=0)
    ap.add_argument("--tagger-basil", action="store_true", help="fine-tune --tagger further on BASIL, fold by fold")
    args = ap.parse_args()
    from framediff.embed import Embedder
    from framediff.framing import wordscore as ws
    from framediff.nlp import get_nlp

    t0 = time.time()
    embedder = Embedder()
    embedder.load()
    nlp = get_nlp()
    read = lambda name: [json.loads(x) for x in Path(args.bias, name).read_text(encoding="utf-8").splitlines() if x]
    mbic = read("mbic_crowd_words.jsonl")
    seen = {r["text"] for r in mbic}
    babe = [r for r in read("babe_sg2_expert_words.jsonl") if r["text"] not in seen]
    files = sorted(Path(args.basil, "articles").glob("*/*.json"))
    data = {f: load(f) for f in files}
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        mrows, brows, blocks = pickle.loads(cache.read_bytes())
    else:
        mrows = sentence_rows(mbic, embedder.encode, nlp)
        brows = sentence_rows(babe, embedder.encode, nlp)
        blocks = basil_rows(data, embedder, nlp)
        if cache is not None:
            cache.write_bytes(pickle.dumps((mrows, brows, blocks)))
    print(f"MBIC {len(mbic)} sentences, {len(mrows)} candidate words ({sum(r[-1] for r in mrows)} labelled); "
          f"BABE SG2 not in MBIC {len(babe)} sentences, {len(brows)} words ({time.time() - t0:.0f}s)", flush=True)
    old = None if args.tagger else ws.model()["modes"].get("single+ctx")
    if old is not None:
        print("MBIC held apart (5 folds by sentence), the prior:", mbic_cv(mrows), flush=True)  # the scorer shipped before: fitted on BASIL only, so both sets are held apart for it
        Xm0, ym0 = _xy(mrows)
        Xb0, yb0 = _xy(brows)
        n0 = len(mrows[0][3])
        p_of = lambda X: 1 / (1 + np.exp(-np.clip(X[:, :n0] @ np.asarray(old["weights"][:n0]) + X[:, n0:] @ np.asarray(old["ctx"]) + old["bias"], -30, 30)))
        at0 = best_at(ym0, p_of(Xm0))
        print(f"before (the BASIL-only scorer): MBIC at its best threshold {word_f1(ym0, p_of(Xm0), at0)}; "
              f"BABE at MBIC's best threshold {word_f1(yb0, p_of(Xb0), at0)}", flush=True)
    prior_model = fit_prior(mrows)
    n_plain = len(mrows[0][3])
    w_m, d_m, b_m = prior_model.coef_[0][:n_plain], prior_model.coef_[0][n_plain:], float(prior_model.intercept_[0])
    Xm, ym = _xy(mrows)
    at_mbic = best_at(ym, prior_model.predict_proba(Xm)[:, 1])

    def prior(x, v):
        return float(np.dot(w_m, x[:n_plain]) + np.dot(d_m, v) + b_m)

    trip = {f: f.stem.rsplit("_", 1)[0] for f in data}
    order = sorted(set(trip.values()))
    perm = np.random.RandomState(0).permutation(len(order))
    folds = {f: int(np.where(perm == order.index(trip[f]))[0][0]) % FOLDS for f in data}
    print(f"BASIL dev: {len(data)} articles ({time.time() - t0:.0f}s)", flush=True)
    if args.tagger and args.tagger_basil:
        tagger_on_basil(args, data, blocks, prior, folds)
        return
    if args.tagger:
        tagger_figures(args, data, blocks, mbic, babe, mrows, brows, prior, folds)
        return
    model = ws.model()
    out = {**model, "modes": dict(model["modes"]), "prior": "MBIC (Spinde et al. 2021, Apache-2.0), 1,700 sentences"}
    for kind in ("single", "pair"):
        before = basil_cv(blocks[kind], data, None, folds)
        after = basil_cv(blocks[kind], data, prior, folds)
        print(f"{kind}: BASIL dev CV by triplet, features + vector (before): {before}", flush=True)
        print(f"{kind}: BASIL dev CV by triplet, + MBIC prior (after):      {after}", flush=True)
        if kind == "single":  # like for like with the figure before issue 21: quoted words counted as flags
            with_quotes = [(f, [(s, e, x, v, True) for s, e, x, v, _ in rows]) for f, rows in blocks[kind]]
            print(f"{kind}, quoted and subject words flagged too: before {basil_cv(with_quotes, data, None, folds)}; "
                  f"after {basil_cv(with_quotes, data, prior, folds)}", flush=True)
        keys, p = _oof(blocks[kind], data, prior, folds, set(data))
        at = _best_at(keys, p, data, sorted(data))
        X, y, _ = _matrix(blocks[kind], data, prior, set(data))
        m = _fit(X, y)
        coef, beta = m.coef_[0], float(m.coef_[0][-1])
        n = len(blocks[kind][0][1][0][2])
        weights = coef[:n].copy()
        weights[:n_plain] += beta * w_m[:n]
        direction = coef[n:-1] + beta * d_m
        bias = float(m.intercept_[0]) + beta * b_m
        out["modes"][f"{kind}+ctx"] = {"weights": [round(float(v), 4) for v in weights],
                                       "ctx": [round(float(v), 4) for v in direction],
                                       "bias": round(bias, 4), "at": round(float(at), 4)}
        print(f"{kind}: shipped threshold {at:.4f}, prior weight {beta:+.2f}", flush=True)
        if kind == "single":
            # BABE held apart: the folded single weights on sentences no fit saw
            Xb, yb = _xy(brows)
            zb = Xb[:, :n_plain] @ weights[:n_plain] + Xb[:, n_plain:] @ direction + bias
            pb = 1 / (1 + np.exp(-np.clip(zb, -30, 30)))
            zm = Xm[:, :n_plain] @ weights[:n_plain] + Xm[:, n_plain:] @ direction + bias
            pm = 1 / (1 + np.exp(-np.clip(zm, -30, 30)))
            at_m = best_at(ym, pm)
            pr, rc, f1 = word_f1(yb, pb, at_m)
            print(f"BABE SG2 held apart, shipped single scorer at MBIC's best threshold: "
                  f"precision {pr:.3f} recall {rc:.3f} F1 {f1:.3f}; MBIC prior alone at its own: "
                  f"{word_f1(yb, prior_model.predict_proba(Xb)[:, 1], at_mbic)}", flush=True)
    if not args.no_write:
        path = ws.HERE / "wordscore.json"
        path.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
        print("wrote", path)
    print(f"{time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
