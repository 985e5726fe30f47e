"""Stance: what position each quote takes on the questions the two articles dispute.

Issues come from the text: a catalogue of short, generic descriptions of
disputes that international news covers is embedded, and an issue is kept
when enough sentences of the articles are close to it; its label is the noun
phrase of those sentences closest to the description ("southern islands").
The two parties are the two nations the articles name most. A quote on an issue is
"pro-<party>" when it speaks for one party's position and "neutral"
otherwise: an official of a party speaks for that party unless the quote
states common ground; anyone else is placed by which party's officials' quotes
on that issue theirs resembles more (by embedding), or neutral when neither
clearly does. This is a heuristic, documented in docs/quotes.md.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from typing import Callable, NamedTuple

import numpy as np

from ..comparison import Article, Quote, Speaker
from ..nlp import noun_chunks, parse
from .mentions import nation_of
from .vectors import QuoteVectors

ISSUES = {
    "territory": "territorial dispute over islands and which country has sovereignty over the territory",
    "military": "military build-up, troops, bases and weapons deployed in a region",
    "missile defence": "missile defence systems, anti-missile radar and interceptors",
    "nuclear": "nuclear weapons programme, missile tests, sanctions and denuclearisation of a country",
    "peace treaty": "negotiations on a peace treaty to formally end a war",
    "economy": "trade, investment and joint economic projects between countries",
    "alliance": "military alliance and security cooperation with the United States",
    "elections": "election campaign, candidates, polls and voting",
    "human rights": "human rights, protests, police and civil liberties",
    "migration": "immigration, refugees and border control",
    "climate": "climate change, emissions and energy policy",
    "taxes": "taxes, government spending and the budget",
}
SENTENCE_SIM = 0.38   # a sentence this close to an issue description is about the issue
MIN_SENTENCES = 2     # an issue needs this many such sentences to count as one the articles discuss
MAX_ISSUES = 4        # the issues with most such sentences
LABEL_COUNT = 0.02    # a label phrase gains this much for each time the sentences use it
QUOTE_SIM = 0.35      # a quote this close to an issue takes a position on it
NEAR_BEST = 0.05      # ... if it is also within this of its closest issue
LEANS = 0.04          # a non-official's quote leans to a party when this much closer to its officials' quotes
SCREEN = 0.2          # this far below QUOTE_SIM as read from its sentence's pass, a quote takes no position (vectors.py):
                      # of 2,885 quotes of the seed and 111 judged BASIL pairs, those whose own vector reaches QUOTE_SIM
                      # on an issue read at most 0.18 below it (own - read up to 0.27 on issues they do not reach)
COMMON_GROUND = re.compile(r"\b(agree\w*|common|together|both sides|jointly|mutual\w*|cooperat\w*)\b", re.I)
_COUNTRY = {"Russian": "russia", "Japanese": "japan", "Chinese": "china", "American": "us", "Korean": "korea",
            "North Korean": "north-korea", "South Korean": "south-korea", "Ukrainian": "ukraine",
            "British": "uk", "French": "france", "German": "germany", "Indian": "india", "Iranian": "iran",
            "Israeli": "israel", "Mexican": "mexico"}


class Issues(NamedTuple):
    """The issues the articles discuss (id -> label), the two nations the articles name most, and the issue
    descriptions' vectors (None: no two parties)."""
    labels: dict[str, str]
    parties: list[str]
    vectors: np.ndarray | None


def find_issues(articles: list[Article], quotes: list[Quote], embed: Callable[[list[str]], np.ndarray] | None,
                vectors: QuoteVectors | None) -> Issues | None:
    """The issues for `add_stance` (None: no stance can be taken). A quote whose read vector (vectors.py) is SCREEN
    or more below QUOTE_SIM on every issue takes no position; the others are wanted for their own vectors, so that
    they go through the model in one call with the matching's (QuoteVectors.want)."""
    if embed is None or vectors is None or not quotes:
        return None
    issues, parties = _issues(articles, embed), _parties(articles)
    if not issues or len(parties) < 2:
        return Issues(issues, parties, None)
    iv = embed([ISSUES[n] for n in issues])
    ids = [q.id for q in quotes]
    vectors.want([i for i, n in zip(ids, _near(vectors.read(ids), iv)) if n])
    return Issues(issues, parties, iv)


def _near(read: np.ndarray, iv: np.ndarray) -> np.ndarray:
    return (read @ iv.T).max(axis=1) >= QUOTE_SIM - SCREEN


def add_stance(quotes: list[Quote], speakers: list[Speaker], nations: dict[str, str], vectors: QuoteVectors | None,
               found: Issues | None) -> dict:
    """Fill Quote.stance on the issues `find_issues` found and return the aggregates for voices["stance"]; quotes
    too far from every issue (as read) take no position, the others are measured with their own vectors."""
    if found is None:
        return {}
    issues, parties, iv = found
    names = list(issues)
    listed = [{"id": n, "label": issues[n], "description": ISSUES[n]} for n in names]
    if iv is None:
        return {"issues": listed, "parties": [_COUNTRY.get(p, p.lower()) for p in parties],
                "by_speaker": {}, "by_article": {}}
    ids = [q.id for q in quotes]
    read = vectors.read(ids)
    qv = vectors.decided(ids, read, _near(read, iv))  # the others: no position
    sims = qv @ iv.T
    side = {s.id: s.side for s in speakers}
    official = {}
    for i, q in enumerate(quotes):
        sid = q.speaker.id if q.speaker else ""
        nation = nations.get(sid, "")
        if nation in parties and ("official" in side.get(sid, "") or side.get(sid) == "unnamed source"):
            official[i] = nation  # officials and government sources speak for their government
    for i, q in enumerate(quotes):
        best = sims[i].max()
        for k, name in enumerate(names):
            if sims[i, k] < QUOTE_SIM or sims[i, k] < best - NEAR_BEST:
                continue
            q.stance[name] = _position(i, k, q, official, parties, sims, qv)
    return {"issues": listed, "parties": [_COUNTRY.get(p, p.lower()) for p in parties], **_aggregate(quotes)}


def _position(i, k, q, official, parties, sims, qv) -> str:
    if COMMON_GROUND.search(q.text):
        return "neutral"
    if i in official:
        return f"pro-{_COUNTRY.get(official[i], official[i].lower())}"
    lean = {}
    for p in parties:
        theirs = [j for j, n in official.items() if n == p and j != i and sims[j, k] >= QUOTE_SIM]
        if theirs:
            lean[p] = float(np.mean(qv[theirs] @ qv[i]))
    if len(lean) == 2:
        (p1, s1), (p2, s2) = sorted(lean.items(), key=lambda kv: -kv[1])
        if s1 - s2 >= LEANS:
            return f"pro-{_COUNTRY.get(p1, p1.lower())}"
    return "neutral"


def _issues(articles: list[Article], embed) -> dict[str, str]:
    """Issue id -> label (the phrase the articles use for it), for the issues the articles discuss."""
    units = [(a, u) for a in articles for u in a.units]
    if not units:
        return {}
    names = list(ISSUES)
    described = embed([ISSUES[n] for n in names])
    sims = embed([u.text for _, u in units]) @ described.T
    close = {name: [units[i] for i in np.flatnonzero(sims[:, k] >= SENTENCE_SIM)] for k, name in enumerate(names)}
    ranked = sorted((n for n in names if len(close[n]) >= MIN_SENTENCES), key=lambda n: -len(close[n]))
    chosen = ranked[:MAX_ISSUES]
    chunks: dict[str, tuple] = {}  # article id -> its noun chunks and their first tokens, found once
    counts = [_phrases(close[n], chunks) for n in chosen]
    phrases = list(dict.fromkeys(p for c in counts for p in c))  # every issue's phrases in one model call
    vecs = dict(zip(phrases, embed(phrases))) if phrases else {}
    labels = {}
    for n, c in zip(chosen, counts):
        if not c:
            labels[n] = n
            continue
        near = np.stack([vecs[p] for p in c]) @ described[names.index(n)]
        labels[n] = max(zip(c, near), key=lambda ps: ps[1] + LABEL_COUNT * c[ps[0]])[0]
    return labels


def _phrases(close, chunks: dict) -> Counter:
    """The noun phrases (two or more nouns and adjectives) of the sentences about an issue, with their counts."""
    counts = Counter()
    for a, u in close:
        doc = parse(a.text)
        span = doc.char_span(u.start, u.end, alignment_mode="expand")
        if a.id not in chunks:
            found = noun_chunks(doc)
            chunks[a.id] = found, [c.start for c in found]
        found, starts = chunks[a.id]
        for chunk in found[bisect.bisect_left(starts, span.start):bisect.bisect_left(starts, span.end)]:
            if chunk.end > span.end:
                continue
            words = [t for t in chunk if t.pos_ in ("PROPN", "NOUN", "ADJ")]
            if len(words) >= 2 and any(t.pos_ in ("PROPN", "NOUN") for t in words):
                counts[" ".join(t.text for t in words)] += 1
    return counts


def _parties(articles: list[Article]) -> list[str]:
    """The two nations the articles name most."""
    counts = Counter()
    for a in articles:
        for ent in parse(a.text).ents:
            if ent.label_ in ("GPE", "NORP"):
                nation = nation_of(ent.text)
                if nation:
                    counts[nation] += 1
    return [n for n, _ in counts.most_common(2)]


def _aggregate(quotes: list[Quote]) -> dict:
    by_speaker: dict = defaultdict(lambda: defaultdict(Counter))
    by_article: dict = defaultdict(lambda: defaultdict(Counter))
    for q in quotes:
        for issue, pos in q.stance.items():
            by_article[q.article][issue][pos] += 1
            if q.speaker:
                by_speaker[q.speaker.id][issue][pos] += 1
    plain = lambda d: {k: {i: dict(c) for i, c in v.items()} for k, v in d.items()}  # noqa: E731
    return {"by_speaker": plain(by_speaker), "by_article": plain(by_article)}
