"""Published word lists, loaded once: VADER valence and boosters, Pattern subjectivity, Hyland hedges, attribution verb classes.

`word_hits(doc, start, end)` finds the words in `doc.text[start:end]` that carry
judgement: loaded words (VADER valence, or Pattern's subjective adjectives and
adverbs, polarity scaled to VADER's -4..4), intensifiers (VADER boosters),
hedges and marked attribution verbs. See lexicons/README.md for sources and licences.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent / "lexicons"
LOADED_AT = 1.5  # |VADER valence| (scale -4..4) from which a word counts as loaded
SUBJECTIVE_AT, POLAR_AT = 0.8, 0.2  # Pattern adjectives/adverbs: subjective and valenced enough to be loaded
CONTENT = {"ADJ", "ADV", "VERB", "NOUN"}
SKIP_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}


# adjective + noun that name an institution or a set thing, not a judgement ("high court", "civil war")
NAME_PHRASES = {("high", "court"), ("supreme", "court"), ("superior", "court"), ("grand", "jury"), ("high", "school"),
                ("white", "house"), ("prime", "minister"), ("civil", "war"), ("cold", "war"), ("civil", "right"),
                ("special", "counsel"), ("general", "election"), ("primary", "election"), ("federal", "government"),
                ("national", "security"), ("national", "guard"), ("high", "commissioner"), ("foreign", "minister"),
                ("public", "health"), ("social", "security"), ("free", "trade"), ("executive", "order"),
                ("live", "ammunition"), ("live", "television"), ("plain", "clothes"), ("high", "office")}
# a negation of a thought verb that says the thought was wrong: "mistakenly believed" asserts, it does not hedge
ASSERTING_ADVERBS = {"mistakenly", "wrongly", "falsely", "erroneously", "incorrectly", "wrongfully"}


def name_part(tok) -> bool:
    """Part of a name or a set phrase, not a word choice: in a named entity, a capitalised word inside a sentence
    that is not itself title-cased ("Supreme" in "the Supreme Court"), a modifier of a proper noun, or one of
    NAME_PHRASES ("high court")."""
    if tok.ent_type_ in SKIP_ENTS or tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
        return True
    if tok.dep_ == "amod" and (tok.head.pos_ == "PROPN" or (tok.lemma_.lower(), tok.head.lemma_.lower()) in NAME_PHRASES):
        return True
    if tok.is_title and tok.i != tok.sent.start:
        words = [t for t in tok.sent if t.is_alpha and len(t) > 3]
        return sum(t.is_title for t in words) < 0.6 * len(words)
    return False


def function_word(tok) -> bool:
    """A word that carries grammar, not judgement ("of", "own", "including", "very", "call")."""
    return tok.is_stop or tok.pos_ not in CONTENT


@dataclass(frozen=True)
class Hit:
    """One judgement-carrying word: kind is loaded, intensifier, hedge or attribution."""

    kind: str
    start: int
    end: int
    word: str
    lemma: str
    score: float = 0.0
    label: str = ""
    p: float = 0.0  # the word scorer's probability that the word carries judgement (0 when not scored)


def _lines(name: str) -> list[list[str]]:
    rows = (line.rstrip("\n").split("\t") for line in (HERE / name).read_text(encoding="utf-8").splitlines())
    return [r for r in rows if r[0] and not r[0].startswith("#")]


# VADER strips only ASCII punctuation from a word's ends: NYT's headline word ‘Destructive’ scored nothing, and
# "don’t like" read no negation
_TYPOGRAPHIC = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


@lru_cache(maxsize=1)
def vader():
    """VADER's analyser, typographic quotes and apostrophes read as ASCII ones; `polarity_scores` remembers its texts
    (tone and the word scorer both score every unit: with room for fewer texts than two books' units, each was
    scored twice, framing's n^1.25 at 4,000 sentences a side)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class Vader(SentimentIntensityAnalyzer):
        @lru_cache(maxsize=1 << 16)
        def polarity_scores(self, text: str) -> dict:
            return super().polarity_scores(text.translate(_TYPOGRAPHIC))

    return Vader()


@lru_cache(maxsize=1)
def boosters() -> frozenset[str]:
    from vaderSentiment.vaderSentiment import BOOSTER_DICT

    from ..nlp import stop_words

    stop = stop_words()
    return frozenset(w for w, v in BOOSTER_DICT.items() if v > 0 and " " not in w and w not in stop)


@lru_cache(maxsize=1)
def hedges() -> frozenset[str]:
    return frozenset(r[0] for r in _lines("hedges.txt"))


@lru_cache(maxsize=1)
def attribution_classes() -> dict[str, str]:
    return {r[0]: r[1] for r in _lines("attribution_verbs.tsv")}


@lru_cache(maxsize=1)
def subjective() -> dict[str, float]:
    """Pattern's adjectives and adverbs that are clearly subjective and valenced: word -> polarity (-1..1)."""
    out = {}
    for form, pos, pol, subj, _ in _lines("pattern_subjectivity.tsv"):
        if pos[:2] in {"JJ", "RB"} and float(subj) >= SUBJECTIVE_AT and abs(float(pol)) >= POLAR_AT:
            out[form] = float(pol)
    return out


@lru_cache(maxsize=1)
def pattern_all() -> dict[str, tuple[float, float]]:
    """Every form in Pattern's lexicon: word -> (subjectivity, polarity), the form's strongest part of speech."""
    out: dict[str, tuple[float, float]] = {}
    for form, _pos, pol, subj, _ in _lines("pattern_subjectivity.tsv"):
        entry = (float(subj), float(pol))
        if form not in out or entry[0] > out[form][0]:
            out[form] = entry
    return out


def subjective_entry(word: str, lemma: str) -> tuple[float, float]:
    """Pattern's (subjectivity, polarity) of a word or its lemma; (0, 0) when Pattern does not list it."""
    lex = pattern_all()
    return lex.get(word) or lex.get(lemma) or (0.0, 0.0)


def valence(word: str, lemma: str) -> float:
    lex = vader().lexicon
    return lex.get(word, lex.get(lemma, 0.0))


def is_reporting(tok) -> bool:
    """A verb that introduces speech or thought: it governs a clause, or a quote/speaker frames it."""
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in attribution_classes() and (
        any(c.dep_ in {"ccomp", "xcomp", "parataxis"} for c in tok.children)
        or tok.dep_ in {"parataxis", "ccomp"}
        or any(c.dep_ == "nsubj" for c in tok.children) and any(c.is_punct and c.text in "\"“”:" for c in tok.children))


def token_hit(tok) -> Hit | None:
    """The judgement a single token carries, if any; found once per token of a doc (the word scorer and
    the flags both ask)."""
    hits = tok.doc.user_data.setdefault("token_hits", {})
    if tok.i not in hits:
        hits[tok.i] = _token_hit(tok)
    return hits[tok.i]


def _token_hit(tok) -> Hit | None:
    word, lemma = tok.lower_, tok.lemma_.lower()
    if tok.ent_type_ in SKIP_ENTS:
        return None
    classes = attribution_classes()
    if lemma in classes and is_reporting(tok):
        cls = classes[lemma]
        if cls == "hedged" and any(c.lower_ in ASSERTING_ADVERBS for c in tok.children):
            return None  # "mistakenly believed": the outlet says the belief was wrong, the more assertive telling
        prt = any(c.dep_ == "prt" and c.i == tok.i + 1 for c in tok.children)  # "pointed out"
        words = tok.doc[tok.i:tok.i + 1 + prt]  # not tok.doc.text: spaCy rebuilds the whole text on each call
        return Hit("attribution", tok.idx, tok.idx + len(words.text), words.text, lemma, 0.0, cls)
    if word in hedges():
        return Hit("hedge", tok.idx, tok.idx + len(tok.text), tok.text, lemma)
    if function_word(tok) or name_part(tok):
        return None
    if word in boosters() and tok.dep_ == "advmod" or word in boosters() and tok.pos_ == "ADV":
        return Hit("intensifier", tok.idx, tok.idx + len(tok.text), tok.text, lemma)
    if tok.pos_ in CONTENT:
        v = valence(word, lemma)
        if abs(v) >= LOADED_AT:
            return Hit("loaded", tok.idx, tok.idx + len(tok.text), tok.text, lemma, v)
        if tok.pos_ in {"ADJ", "ADV"} and word in subjective():
            return Hit("loaded", tok.idx, tok.idx + len(tok.text), tok.text, lemma, 4 * subjective()[word], "pattern")
    return None


def word_hits(doc, start: int, end: int) -> list[Hit]:
    """Judgement-carrying words inside characters [start, end) of the parsed text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [h for h in map(token_hit, span) if h is not None and start <= h.start and h.end <= end]
