"""How likely a word is to carry the writer's judgement: a small logistic scorer over word features.

The lexicons (lexicon.py) say what a word *can* carry; the scorer weighs that
against where and how the word is used: its part of speech and role, whether it
sits inside a quotation (BASIL's annotators mark quoted words about as often as
the writer's: the weight is small), the sentence's own tone and, in comparisons, whether the other
outlet words the same fact otherwise or does not tell it at all. No feature is
a word's identity, so the scorer does not memorise the words it was fitted on.

Besides those features, the word's own embedding (the sentence model run on the
word alone) goes through one fitted direction, so words close in meaning to the
evaluative words of the fit ("caved", "testy", "shenanigans") score high though no
lexicon lists them; this needs the model the direction was fitted with
(EMBED_MODEL), else the scorer falls back to the weights fitted without it.

Better still (`+ctx` modes): the word's contextual vector, the sentence model's last hidden
layer over the word's word-pieces read in its sentence (tokens.py), through one fitted
direction, so the same word can score differently in different sentences. It costs a second model pass over the
sentences it covers, so at most CTX_UNITS units per article get it (those whose best word
scores highest by the word-alone scorer); the other units' words keep the `+embed` weights.

The weights are fitted on BASIL (Fan et al. 2019, dev part) by
`python bench/basil_flags.py --fit`, which writes lexicons/wordscore.json (weights,
bias and threshold per mode) and prints the figures measured by cross-validation
by triplet (docs/framing.md). Modes: `single` for one article, `pair` for a word in
a changed or unmatched passage of a comparison; each plain, `+embed` or `+ctx`.
"""
from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..spans import SpanIndex
from .lexicon import HERE, attribution_classes, boosters, hedges, is_reporting, subjective_entry, valence

CONTENT = {"ADJ", "ADV", "VERB", "NOUN"}
SKIP_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT",
             "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
PLAIN_VERBS = {"be", "have", "do", "get", "make", "take", "go", "come", "say", "tell", "give", "use", "include"}

FEATURES = ("adj", "adv", "verb", "noun", "vader", "vader_neg", "subjective", "polar", "hedge", "booster",
            "attr_marked", "attr_neutral", "plain_verb", "modifier", "root", "quoted", "title",
            "sent_tone", "sent_hits", "long_word", "hyphen", "changed", "unmatched")
CTX_UNITS = 80  # most units per article whose words get the contextual scorer (a second model pass over them)


@dataclass(frozen=True)
class Place:
    """Where a word stands in a comparison: in a changed part of a matched passage, or in a passage only this outlet has."""

    changed: bool = False
    unmatched: bool = False


def quoted_mask(text: str) -> list[bool]:
    """Per character: inside a quotation? Straight quotes pair up within a paragraph; curly ones open and close."""
    mask = [False] * len(text)
    inside = False
    for i, ch in enumerate(text):
        if ch == "\n":
            inside = False
        elif ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == '"':
            inside = not inside
        mask[i] = inside
    return mask


def candidate(tok) -> bool:
    """A word the scorer considers: content words, not names, numbers or dates."""
    return tok.pos_ in CONTENT and (tok.is_alpha or "-" in tok.text) and tok.ent_type_ not in SKIP_ENTS and len(tok.text) > 1


def sentence_tone(sent) -> float:
    from .lexicon import vader

    return abs(vader().polarity_scores(sent.text)["compound"])


def features(tok, quoted: bool, title: bool, sent_tone: float, sent_hits: int, place: Place | None) -> list[float]:
    word, lemma = tok.lower_, tok.lemma_.lower()
    v = valence(word, lemma)
    subj, pol = subjective_entry(word, lemma)
    attr = attribution_classes().get(lemma)
    reporting = attr is not None and is_reporting(tok)
    return [
        tok.pos_ == "ADJ", tok.pos_ == "ADV", tok.pos_ == "VERB", tok.pos_ == "NOUN",
        abs(v) / 4, v < 0,
        subj, abs(pol),
        word in hedges(), word in boosters(),
        reporting and attr != "neutral", reporting and attr == "neutral",
        lemma in PLAIN_VERBS and not reporting,
        tok.dep_ in {"amod", "advmod", "acomp", "npadvmod"}, tok.dep_ == "ROOT",
        quoted, title, sent_tone, min(sent_hits, 4) / 4,
        len(tok.text) >= 9, "-" in tok.text,
        bool(place and place.changed), bool(place and place.unmatched),
    ]


def unit_rows(doc, start: int, end: int, title: bool, quoted: list[bool], place_of=None):
    """(token, features) for each candidate word of the unit doc.text[start:end]; place_of(tok) -> Place or None."""
    from .lexicon import token_hit

    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    toks = [t for t in span if start <= t.idx and t.idx + len(t.text) <= end]
    tone = sentence_tone(span)
    hits = sum(1 for t in toks if token_hit(t) is not None)
    return [(t, features(t, quoted[t.idx], title, tone, hits, place_of(t) if place_of else None))
            for t in toks if candidate(t)]


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted constants: {EMBED_MODEL, modes: {name: {weights, embed, bias, at}}} (see the module docstring)."""
    path = HERE / "wordscore.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"modes": {}}


def model_name(embed) -> str:
    """Name of the sentence model behind an `embed` callable (Embedder.encode), '' when unknown."""
    owner = getattr(embed, "__self__", None)
    spec = getattr(owner, "spec", None)
    return getattr(spec, "name", "") or ""


def mode_for(kind: str, embed) -> tuple[str, dict] | None:
    """The weight set to use: kind is 'single' or 'pair'; with the word embedding when the model matches."""
    modes = model()["modes"]
    if embed is not None and model_name(embed) == model().get("embed_model") and f"{kind}+embed" in modes:
        return f"{kind}+embed", modes[f"{kind}+embed"]
    return (f"{kind}", modes[kind]) if kind in modes else None


def probability(x: list[float], weights: list[float], bias: float, vec=None, direction=None) -> float:
    z = bias + sum(w * float(v) for w, v in zip(weights, x))
    if vec is not None and direction is not None:
        z += float(np.dot(vec, direction))
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


@dataclass(frozen=True)
class Scored:
    tok: object
    p: float
    at: float

    @property
    def chosen(self) -> bool:
        return self.p >= self.at


def article_rows(doc, text: str, units, place_of=None) -> list:
    """(token, features) for every candidate word of the units; the first unit is the title when a line break follows it."""
    quoted = quoted_mask(text)
    rows = []
    for i, u in enumerate(units):
        title = i == 0 and "\n" in text[u.end:u.end + 3]
        rows += unit_rows(doc, u.start, u.end, title, quoted, place_of)
    return rows


def places(cmp, side: str):
    """place_of(token) for one side of a comparison: in a changed part of a matched group's diff, in an unmatched unit."""
    changed = ((getattr(op, side).start, getattr(op, side).end) for g in cmp.alignment for op in g.diff
               if op.op != "equal" and getattr(op, side).end > getattr(op, side).start)
    art = cmp.article(side)
    alone = [(art.unit(u).start, art.unit(u).end) for u in cmp.unmatched.get(side, [])]

    changed_at, alone_at = SpanIndex(changed), SpanIndex(alone)

    def place_of(tok) -> Place:
        s, e = tok.idx, tok.idx + len(tok.text)
        return Place(changed_at.overlaps(s, e), alone_at.covers(s, e))

    return place_of


def unit_index(units, rows) -> list[int]:
    """For each (token, features) row, the index of the unit holding the token (-1 when none does)."""
    starts = [u.start for u in units]
    out = []
    for t, _ in rows:
        i = bisect.bisect_right(starts, t.idx) - 1
        out.append(i if i >= 0 and t.idx + len(t.text) <= units[i].end else -1)
    return out


def context_vectors(embed, units, rows, which: list[int] | None = None) -> dict[int, np.ndarray]:
    """Token start -> L2-normalised contextual vector (tokens.py) for the rows whose unit index is in `which`
    (every unit when None); empty when the model cannot be run."""
    from . import tokens

    where = unit_index(units, rows)
    keep = set(range(len(units))) if which is None else set(which)
    order = sorted(keep & set(where))
    pos = {ui: k for k, ui in enumerate(order)}
    spans: list[list[tuple[int, int]]] = [[] for _ in order]
    owners: list[list[int]] = [[] for _ in order]
    for (t, _), ui in zip(rows, where):
        if ui in pos:
            u = units[ui]
            spans[pos[ui]].append((t.idx - u.start, t.idx + len(t.text) - u.start))
            owners[pos[ui]].append(t.idx)
    vecs = tokens.word_vectors(embed, [units[ui].text for ui in order], spans)
    if vecs is None:
        return {}
    out = {}
    for idxs, vv in zip(owners, vecs):
        norms = np.clip(np.linalg.norm(vv, axis=1, keepdims=True), 1e-9, None)
        for at, v in zip(idxs, vv / norms):
            out[at] = v
    return out


def ctx_mode_for(kind: str, embed) -> dict | None:
    """The contextual weight set of this kind, when shipped and fitted with the embed callable's model."""
    modes = model()["modes"]
    if embed is not None and model_name(embed) == model().get("embed_model"):
        return modes.get(f"{kind}+ctx")
    return None


def score_rows(rows, kind: str, embed, units=None) -> dict[int, Scored]:
    """Token start -> Scored for (token, features) rows; empty when no weights are shipped for this kind.

    With the units the rows come from (and the fitted model), the words of up to CTX_UNITS units are
    scored by the contextual weights (`kind+ctx`): the units whose best word scores highest by the
    word-alone scorer first, so a long text costs at most CTX_UNITS sentences of extra model work."""
    chosen = mode_for(kind, embed)
    if chosen is None or not rows:
        return {}
    name, m = chosen
    vecs, direction = {}, None
    if name.endswith("+embed"):
        words = sorted({t.lower_ for t, _ in rows})
        vecs = dict(zip(words, np.asarray(embed(words))))
        direction = np.asarray(m["embed"], dtype=float)
    out = {t.idx: Scored(t, probability(x, m["weights"], m["bias"], vecs.get(t.lower_), direction), m["at"])
           for t, x in rows}
    cm = ctx_mode_for(kind, embed)
    if cm is None or not units:
        return out
    where = unit_index(units, rows)
    best: dict[int, float] = {}
    for (t, _), ui in zip(rows, where):
        if ui >= 0:
            best[ui] = max(best.get(ui, 0.0), out[t.idx].p)
    which = sorted(best, key=lambda ui: -best[ui])[:CTX_UNITS]
    ctx = context_vectors(embed, units, rows, which)
    cdir = np.asarray(cm["ctx"], dtype=float)
    for t, x in rows:
        if t.idx in ctx:
            out[t.idx] = Scored(t, probability(x, cm["weights"], cm["bias"], ctx[t.idx], cdir), cm["at"])
    return out
