"""How likely a word is to carry the writer's judgement: a small logistic scorer over word features.

The lexicons (lexicon.py) say what a word *can* carry; the scorer weighs that
against where and how the word is used: its part of speech and role, whether it
sits inside a quotation (BASIL's annotators mark quoted words about as often as
the writer's: the weight is small), the sentence's own tone and, in comparisons, whether the other
outlet words the same fact otherwise or does not tell it at all. No feature is
a word's identity, so the scorer does not memorise the words it was fitted on.

Besides those features, the word's contextual vector (`+ctx` modes): the sentence model's last
hidden layer over the word's word-pieces read in its sentence (tokens.py), through one fitted
direction, so words close in meaning to the evaluative words of the fit ("caved", "testy",
"shenanigans") score high though no lexicon lists them, and the same word can score differently in
different sentences. prepare(embed) names the fitted directions to the Embedder before it embeds the
sentences, so its pass keeps what the scores need (Embedder.score_words_along) and the scorer costs no
model pass of its own at any length; each unit's results are kept in the vector cache's SQLite file
(table ``w``, by model, unit text, word spans and the fitted direction), so an article seen before costs
none in a new process either. It needs the model the direction was
fitted with (embed_model) behind an Embedder, else the scorer uses the weights fitted without it.

The weights are fitted on BASIL (Fan et al. 2019, dev part) by
`python bench/basil_flags.py --fit`, which writes lexicons/wordscore.json (weights,
bias and threshold per mode) and prints the figures measured by cross-validation
by triplet (docs/framing.md). Modes: `single` for one article, `pair` for a word in
a changed or unmatched passage of a comparison; each plain or `+ctx` (the fit also writes `+embed`
weights, the word embedded alone, for comparison: the engine does not use them).
"""
from __future__ import annotations

import bisect
import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ..embed import VectorCache
from ..spans import SpanIndex
from . import tokens
from .lexicon import (HERE, attribution_classes, boosters, function_word, hedges, is_reporting, name_part, subjective_entry,
                      valence)

CONTENT = {"ADJ", "ADV", "VERB", "NOUN"}
SKIP_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT",
             "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
PLAIN_VERBS = {"be", "have", "do", "get", "make", "take", "go", "come", "say", "tell", "give", "use", "include"}

FEATURES = ("adj", "adv", "verb", "noun", "vader", "vader_neg", "subjective", "polar", "hedge", "booster",
            "attr_marked", "attr_neutral", "plain_verb", "modifier", "root", "quoted", "title",
            "sent_tone", "sent_hits", "long_word", "hyphen", "changed", "unmatched")
CHUNK = 256  # units whose contextual results are written to the cache at once


@dataclass(frozen=True)
class Place:
    """Where a word stands in a comparison: in a changed part of a matched passage, or in a passage only this outlet has."""

    changed: bool = False
    unmatched: bool = False


@lru_cache(maxsize=8)
def quoted_mask(text: str) -> list[bool]:
    """Per character: inside a quotation? Straight quotes pair up within a paragraph; curly ones open and close.
    Made once per text (the steps of one comparison all read it; callers do not change it)."""
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
    """A word the scorer considers: content words, not function words, parts of names, numbers or dates."""
    return (tok.pos_ in CONTENT and (tok.is_alpha or "-" in tok.text) and tok.ent_type_ not in SKIP_ENTS
            and len(tok.text) > 1 and not function_word(tok) and not name_part(tok))


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


def ctx_mode_for(kind: str, embed) -> dict | None:
    """The contextual weight set of this kind, when shipped and fitted with the model of the Embedder behind `embed`."""
    owner = tokens.embedder_of(embed)
    if owner is not None and owner.spec.name == model().get("embed_model"):
        return model()["modes"].get(f"{kind}+ctx")
    return None


def prepare(embed) -> None:
    """Before the sentences are embedded: have the Embedder behind `embed` keep what the contextual weight sets
    need (nothing when they cannot run with its model)."""
    directions = [m["ctx"] for kind in ("single", "pair") if (m := ctx_mode_for(kind, embed)) is not None]
    if directions:
        tokens.embedder_of(embed).score_words_along(directions)


def mode_for(kind: str, embed) -> tuple[str, dict] | None:
    """The weight set to use: kind is 'single' or 'pair'; `kind+ctx` when it can run, else plain; None when not shipped."""
    ctx = ctx_mode_for(kind, embed)
    if ctx is not None:
        return f"{kind}+ctx", ctx
    modes = model()["modes"]
    return (kind, modes[kind]) if kind in modes else None


def probability(x: list[float], weights: list[float], bias: float, z: float = 0.0) -> float:
    """Logistic score of the features x; z: the contextual vector's term (its dot product with the fitted direction)."""
    z += bias + sum(w * float(v) for w, v in zip(weights, x))
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


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


def sentences_of(rows) -> list[Sentence]:
    """The spaCy sentences holding the rows' tokens, as units."""
    sents = {t.sent.start_char: t.sent for t, _ in rows}
    return [Sentence(s.start_char, s.end_char, s.text) for _, s in sorted(sents.items())]


def _unit_spans(units, rows) -> tuple[list[str], list[list[tuple[int, int]]], list[list[int]]]:
    """Per unit holding rows: its text, its rows' word spans (offsets in the unit) and their token starts."""
    texts: dict[int, str] = {}
    spans: dict[int, list] = {}
    owners: dict[int, list] = {}
    for (t, _), ui in zip(rows, unit_index(units, rows)):
        if ui >= 0:
            u = units[ui]
            texts[ui] = u.text
            spans.setdefault(ui, []).append((t.idx - u.start, t.idx + len(t.text) - u.start))
            owners.setdefault(ui, []).append(t.idx)
    order = sorted(texts)
    return [texts[i] for i in order], [spans[i] for i in order], [owners[i] for i in order]


def _normed(vv: np.ndarray) -> np.ndarray:
    return vv / np.clip(np.linalg.norm(vv, axis=1, keepdims=True), 1e-9, None)


def context_vectors(embed, units, rows) -> dict[int, np.ndarray]:
    """Token start -> L2-normalised contextual vector (tokens.py) of every row; empty without an Embedder."""
    texts, spans, owners = _unit_spans(units, rows)
    vecs = tokens.word_vectors(embed, texts, spans)
    if vecs is None:
        return {}
    return {at: v for idxs, vv in zip(owners, vecs) for at, v in zip(idxs, _normed(vv))}


def context_scores(embed, units, rows, direction) -> dict[int, float]:
    """Token start -> the contextual vector's dot product with `direction`, for every row. Each unit's results
    are kept in the Embedder's vector cache (table w), so a unit scored before costs no model pass."""
    owner = tokens.embedder_of(embed)
    direction = np.asarray(direction, dtype=np.float64)
    texts, spans, owners = _unit_spans(units, rows)
    tag = f"{owner.model_id}+ctx:{hashlib.sha1(direction.tobytes()).hexdigest()[:16]}"
    keys = [VectorCache.key(json.dumps([t, sp])) for t, sp in zip(texts, spans)]
    found = owner.cache.get(tag, keys, table="w")
    todo = [j for j, k in enumerate(keys) if k not in found]
    for c in range(0, len(todo), CHUNK):  # a chunk at a time into the cache
        part = todo[c:c + CHUNK]
        got = tokens.word_scores(embed, [texts[j] for j in part], [spans[j] for j in part], direction)
        fresh = {keys[j]: z for j, z in zip(part, got)}
        owner.cache.put(tag, fresh, table="w")
        found.update(fresh)
    return {at: float(z) for j, k in enumerate(keys) for at, z in zip(owners[j], found[k])}


def score_rows(rows, kind: str, embed, units=None) -> dict[int, Scored]:
    """Token start -> Scored for (token, features) rows; empty when no weights are shipped for this kind.

    units: those the rows come from (default: their spaCy sentences); with the `+ctx` weights each word is
    read in its unit."""
    chosen = mode_for(kind, embed)
    if chosen is None or not rows:
        return {}
    name, m = chosen
    z = context_scores(embed, units or sentences_of(rows), rows, m["ctx"]) if name.endswith("+ctx") else {}
    return {t.idx: Scored(t, probability(x, m["weights"], m["bias"], z.get(t.idx, 0.0)), m["at"]) for t, x in rows}
