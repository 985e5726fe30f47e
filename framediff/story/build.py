"""The data flow for three or more articles: each article embedded and parsed once, every pair scored
for the same event, inputs grouped by event, and within each event every pair compared exactly as
`compare A B` compares them, the claims and per-outlet findings derived from those comparisons.
An article not in English is scored and compared by the language routes of `compare` (framediff/lang);
the English-only steps (the story's quotes and speakers) skip it, and story.meta["notices"] says so."""
from __future__ import annotations

import dataclasses
import os
from itertools import combinations

from ..align import align
from ..comparison import Article, Comparison
from ..embed import Embedder
from ..errors import InputError
from ..lang.routing import is_english, notices
from ..nlp import import_spacy
from ..pipeline import CancelToken, Progress, _meta, _step, compare_articles, load_article
from ..review import sure
from ..same_event import same_event
from .claims import build_claims
from .events import group_events
from .model import IDS, MAX_ARTICLES, Event, PairScore, Story
from .outlets import naming_table, omission_flags, outlet_summary, story_flags


def load_articles(paths: list[str | os.PathLike], outlets: list[str | None] | None = None,
                  refresh: bool = False) -> list[Article]:
    """Read (or fetch) and segment the story's inputs, ids "a", "b", "c", ... in input order;
    `outlets[n]`, where given, names the outlet of input n."""
    if not 2 <= len(paths) <= MAX_ARTICLES:
        raise InputError(f"a story takes 2 to {MAX_ARTICLES} articles, got {len(paths)}")
    outlets = list(outlets or []) + [None] * (len(paths) - len(outlets or []))
    return [load_article(p, IDS[n], outlets[n], refresh) for n, p in enumerate(paths)]


def as_pair(x: Article, y: Article) -> tuple[Article, Article]:
    """Copies of two story articles as the "a" and "b" of a pair comparison (same text and units,
    unit ids renamed "c4" -> "a4"), so the pair is exactly what `compare X Y` compares."""
    def rename(art: Article, new: str) -> Article:
        units = [dataclasses.replace(u, id=new + u.id[len(art.id):]) for u in art.units]
        return dataclasses.replace(art, id=new, units=units)

    return rename(x, "a"), rename(y, "b")


def pair_comparison(story: Story, x: str, y: str, embedder: Embedder | None = None) -> Comparison:
    """The comparison of outlets x and y (in that order): the same as `compare X Y` gives."""
    if (x, y) not in story.pairs:
        story.pairs[(x, y)] = compare_articles(*as_pair(story.article(x), story.article(y)), embedder or Embedder())
    return story.pairs[(x, y)]


def build_story(articles: list[Article], embedder: Embedder | None = None,
                progress: Progress | None = None, cancel: CancelToken | None = None) -> Story:
    """Events, claims and per-outlet findings of segmented articles with ids "a", "b", "c", ..."""
    import_spacy()
    from ..framing import wordscore
    from ..quotes import analyse_quotes

    if [a.id for a in articles] != list(IDS[:len(articles)]):
        raise ValueError("build_story needs articles with ids 'a', 'b', 'c', ... in order")
    embedder = embedder or Embedder()
    _step(progress, cancel, "loading the model", 0.02)
    embedder.load()
    wordscore.prepare(embedder.encode)
    english = [a for a in articles if is_english(a)]  # the others are compared by the language routes
    texts = [u.text for a in english for u in a.units]
    vecs = embedder.encode(texts, progress=lambda d, n: _step(progress, cancel, "embedding passages", 0.05 + 0.4 * d / n),
                           passages=True)
    vectors, at = {}, 0
    for a in english:
        vectors[a.id], at = vecs[at:at + len(a.units)], at + len(a.units)
    other = [a for a in articles if not is_english(a)]
    story = Story(articles=articles, meta={**_meta(embedder), **({"notices": [
        *notices(*other), "The story's quotes and share of voice read English only: they leave out "
        + ", ".join(a.id.upper() for a in other) + "."]} if other else {})})
    todo = list(combinations(articles, 2))
    for n, (x, y) in enumerate(todo):
        _step(progress, cancel, "same event?", 0.45 + 0.2 * n / len(todo))
        if is_english(x, y):
            pa, pb = as_pair(x, y)
            se = same_event(pa, pb, align(pa, pb, vectors[x.id], vectors[y.id])[0])
        else:  # another language: the same event as `compare` scores it across languages
            se = pair_comparison(story, x.id, y.id, embedder).same_event
        story.same_event.append(PairScore(x.id, y.id, se.score, se.verdict, se.reasons))
    groups, story.singles = group_events([a.id for a in articles], story.same_event)
    for k, ids in enumerate(groups, 1):
        members = [story.article(i) for i in ids]
        pairs = list(combinations(ids, 2))
        for n, (x, y) in enumerate(pairs):
            _step(progress, cancel, f"comparing event {k}", 0.65 + 0.3 * n / len(pairs))
            pair_comparison(story, x, y, embedder)
        pairs_here = {p: story.pairs[p] for p in pairs}
        event = Event(f"e{k}", ids, [p for p in story.same_event if p.a in ids and p.b in ids])
        event.claims = build_claims(members, pairs_here)
        readable = [m for m in members if is_english(m)]  # the English-only quote finder's articles
        if readable:
            q = analyse_quotes(readable, embedder.encode)
            event.quotes, event.speakers, event.voices = q.quotes, q.speakers, q.voices
        pair_flags = story_flags(pairs_here)
        event.flags = sorted(omission_flags(event.claims, members) + pair_flags, key=lambda f: (not sure(f), -f.severity))
        leading = [f for f in pair_flags if sure(f)]  # the summaries list only what a view may lead with
        event.naming = naming_table(leading)
        event.outlets = {i: outlet_summary(i, ids, event.claims, leading, event.quotes, event.voices) for i in ids}
        story.events.append(event)
    _step(progress, cancel, "done", 1.0)
    return story


def story_files(paths: list[str | os.PathLike], embedder: Embedder | None = None, model: str | None = None,
                progress: Progress | None = None, cancel: CancelToken | None = None,
                outlets: list[str | None] | None = None, refresh: bool = False) -> Story:
    """Read (or fetch), segment and build the story of 2 to 12 articles, files or URLs."""
    return build_story(load_articles(paths, outlets, refresh), embedder or Embedder(model), progress, cancel)
