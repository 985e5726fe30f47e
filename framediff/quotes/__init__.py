"""Quotes and speakers of one or two articles: who is quoted, saying what, and how each outlet renders it.

    analyse_quotes(articles, embed) -> QuoteAnalysis

Steps, one module each: `extract` (attributions in one article), `mentions`
(what a speaker mention says), `speakers` (pronouns, aliases, one speaker per
person across both articles), `match` (each statement across the outlets),
`stance` (positions on the disputed issues), `voices` (share of voice).
"""
from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from ..comparison import UNCLEAR_BELOW, Article, Quote, QuoteMatch, Speaker, SpeakerRef
from ..nlp import parse
from ..spans import SpanIndex
from .extract import body_start, find_quotes
from .found import Found
from .match import match_quotes
from .mentions import Mention, describe, first_name_gender, titled
from .speakers import cluster, kind_of, speaker_of
from .verbs import ASKING
from .stance import add_stance, find_issues
from .vectors import QuoteVectors, SpanVectors
from .voices import share_of_voice

Embed = Callable[[list[str]], np.ndarray]
SPOKEN_KEPT = 8  # articles whose attributions are remembered (`spoken`): a story's outlets, or one pair many times
_spoken: OrderedDict[tuple, list[Found]] = OrderedDict()
_spoken_lock = threading.Lock()


@dataclass
class QuoteAnalysis:
    quotes: list[Quote]
    speakers: list[Speaker]
    quote_matches: list[QuoteMatch]
    voices: dict
    nations: dict[str, str] = field(default_factory=dict, repr=False)  # speaker id -> nation (`_nations`)


def analyse_quotes(articles: list[Article], embed: Embed | None, spans: SpanVectors | None = None) -> QuoteAnalysis:
    """Quotes, speakers, cross-article quote matches and share of voice for one or two segmented articles. With
    `spans` (Embedder.span_vectors) the quotes' vectors are read from their sentences' pass and their own made only
    where a decision rests on them (vectors.py)."""
    q = quoted(articles)
    vectors = QuoteVectors(articles, q.quotes, embed, spans) if embed is not None else None
    return match_and_stance(q, articles, embed, vectors)


def match_and_stance(q: QuoteAnalysis, articles: list[Article], embed: Embed | None,
                     vectors: QuoteVectors | None) -> QuoteAnalysis:
    """`q` (from `quoted`) with the two articles' quote matches and each speaker's stance, from the quotes' `vectors`
    (None: words only, no stance): the part that goes through the model."""
    issues = find_issues(articles, q.quotes, embed, vectors)  # before matching: one model call for both's quotes
    q.quote_matches = match_quotes(articles[0], articles[1], q.quotes, vectors, q.speakers) \
        if len(articles) == 2 else []
    q.voices["stance"] = add_stance(q.quotes, q.speakers, q.nations, vectors, issues)
    return q


def quoted(articles: list[Article]) -> QuoteAnalysis:
    """Who is quoted saying what, and where, with share of voice: no quote matches or stances yet, nothing through
    the model (`match_and_stance` adds them)."""
    found = {a.id: spoken(a) for a in articles}
    mentions, of_quote, asking = _mentions(articles, found)
    paragraphs = {a.id: ([u.start for u in a.units], [u.paragraph for u in a.units]) for a in articles}

    def paragraph_of(aid: str, offset: int) -> int:
        starts, paras = paragraphs[aid]
        i = bisect.bisect_right(starts, offset) - 1
        return paras[i] if i >= 0 else 0

    speaking = set(of_quote.values())
    groups, resolved = cluster(mentions, speaking, paragraph_of, asking)
    speakers, speaker_at, kinds = [], {}, {}
    for group in groups:
        if not speaking & set(group) or all(mentions[i].kind == "pronoun" and i not in resolved for i in group):
            continue  # nobody speaks, or only a pronoun nobody it could stand for was found for ("they said")
        sp = speaker_of(group, mentions, f"s{len(speakers) + 1}")
        speakers.append(sp)
        kinds[sp.id] = kind_of([mentions[i] for i in group])
        speaker_at.update({i: sp for i in group})

    def named(j: int) -> str:
        return speaker_at[j].name if j in speaker_at else mentions[j].written or mentions[j].text

    quotes = []
    for a in articles:
        for n, f in enumerate(found[a.id], 1):
            m = of_quote.get((a.id, n - 1))
            sp = speaker_at.get(m) if m is not None else None
            ref = None
            if sp is not None:
                sure, candidates = resolved.get(m, (f.confidence, []))
                names = list(dict.fromkeys(named(j) for j in candidates))
                ref = SpeakerRef(sp.id, sp.name, mentions[m].text, min(sure, f.confidence),
                                 names if len(names) > 1 or sure < UNCLEAR_BELOW else [])
            quotes.append(Quote(f"q{a.id}{n}", a.id, f.start, f.end, a.text[f.start:f.end], f.kind, ref, f.verb,
                                a.span(*f.verb_span), a.span(*f.mention_span) if f.mention_span else None))
    voices = share_of_voice([a.id for a in articles], quotes, speakers, kinds)
    return QuoteAnalysis(quotes, speakers, [], voices, _nations(groups, mentions, speaker_at))


def _mentions(articles: list[Article], found: dict[str, list[Found]]):
    """Every speaker mention, plus the named people the articles mention outside quotes (for aliases and pronouns)."""
    mentions: list[Mention] = []
    at: dict[tuple, int] = {}
    of_quote: dict[tuple[str, int], int] = {}
    asks: dict[int, bool] = {}  # a mention's attributions are all questions ("host Bob Schieffer asked")
    surnames: set[str] = set()  # last words of full names anywhere, inside quotes too ("Bill Clinton's presidency")
    for a in articles:
        doc = parse(a.text)
        full_names = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
        surnames |= {e[-1].lower_ for e in full_names}
        for n, f in enumerate(found[a.id]):
            if f.speaker is None or f.mention_span is None:
                continue
            key = (a.id, *f.mention_span)
            if key not in at:
                at[key] = len(mentions)
                mentions.append(describe(doc, a.id, f.speaker, f.mention_span))
            of_quote[(a.id, n)] = at[key]
            verb = doc.char_span(*f.verb_span, alignment_mode="expand")
            asks[at[key]] = asks.get(at[key], True) and verb is not None and verb.root.lemma_ in ASKING
        inside = SpanIndex([(f.start, f.end) for f in found[a.id]] + [k[1:] for k in at if k[0] == a.id])
        body = body_start(a)
        for ent in doc.ents:
            if ent.label_ != "PERSON" or inside.holds(ent.start_char) or ent.start_char < body:
                continue  # a headline's capitals make names of its words ("Mitt To Akin", "Perry Ad")
            if ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN":
                continue  # a name as a modifier ("the Bridgeport rally", "a Trump surrogate") refers to no one
            span = titled(ent)
            key = (a.id, *span)
            if key not in at:
                at[key] = len(mentions)
                mentions.append(describe(doc, a.id, ent.root.i, span))
        # a full name the headline gives and the body repeats is that person's first mention ("Hillary Clinton
        # Releases Tax Returns" over "Hillary and Bill Clinton earned ..."): a bare "Clinton" may be either of them
        repeated = {tuple(t.lower_ for t in e) for e in full_names if e.start_char >= body}
        for ent in full_names:
            if ent.start_char < body and tuple(t.lower_ for t in ent) in repeated:
                span = titled(ent)
                if (a.id, *span) not in at:
                    at[(a.id, *span)] = len(mentions)
                    mentions.append(describe(doc, a.id, ent.root.i, span))
        full = {e[-1].lower_ for e in full_names if e.start_char >= body}
        for t in doc:  # a surname the tagger missed as a person, as a clause's subject ("Akin, however, continued")
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.ent_type_ != "PERSON" \
                    and t.lower_ in full and t.idx >= body and not inside.holds(t.idx) \
                    and (a.id, t.idx, t.idx + len(t)) not in at:
                at[(a.id, t.idx, t.idx + len(t))] = len(mentions)
                mentions.append(describe(doc, a.id, t.i, (t.idx, t.idx + len(t))))
    return _people_named_in_full(mentions, surnames), of_quote, {i for i, only in asks.items() if only}


def _people_named_in_full(mentions: list[Mention], surnames: set[str]) -> list[Mention]:
    """A name the parser took for an organisation ("Iwaya has assured") is a person when the articles name
    a person in full with that word ("Takeshi Iwaya"); a first name alone gives its gender, unless the articles
    write it as someone's surname (`surnames`: "Clinton" after "Bill Clinton" or "Hillary Clinton")."""
    full = {w for m in mentions if m.kind == "person" and len(m.names) > 1 for w in m.names}
    mentions = [replace(m, kind="person") if m.kind == "body" and m.names and set(m.names) <= full else m
                for m in mentions]
    # a first name alone ("Kevin said") tells the gender, unless it is some full name's surname ("Clinton")
    surnames = surnames | {m.names[-1] for m in mentions if len(m.names) > 1}
    return [replace(m, gender=first_name_gender(m.names[0])) if m.kind == "person" and len(m.names) == 1
            and not m.gender and m.names[0] not in surnames else m for m in mentions]


def spoken(article: Article) -> list[Found]:
    """The attributions of `article` whose speaker can say something (`_speaks`), found once per text and
    segmentation: analyse_quotes reads it again for free."""
    key = (article.id, article.text, tuple((u.start, u.end, u.paragraph) for u in article.units))
    with _spoken_lock:
        if key in _spoken:
            _spoken.move_to_end(key)
            return list(_spoken[key])
    found = [f for f in find_quotes(article) if _speaks(article, f)]
    with _spoken_lock:
        _spoken[key] = found
        while len(_spoken) > SPOKEN_KEPT:
            _spoken.popitem(last=False)
    return list(found)


def _speaks(article: Article, f: Found) -> bool:
    """Whoever the attribution names can say something: not a document, a number or a common noun."""
    return f.speaker is None or f.mention_span is None or \
        describe(parse(article.text), article.id, f.speaker, f.mention_span).kind != "thing"


def _nations(groups, mentions, speaker_at) -> dict[str, str]:
    """Speaker id -> the nation its mentions name most (for stance)."""
    out = {}
    for group in groups:
        sp = next((speaker_at[i] for i in group if i in speaker_at), None)
        nations = [mentions[i].nation for i in group if mentions[i].nation]
        if sp and nations:
            out[sp.id] = max(set(nations), key=nations.count)
    return out
