"""Helpers of the quote tests: analyse articles the test writes, and find a quote by its words."""
from __future__ import annotations

from framediff.comparison import Article
from framediff.quotes import analyse_quotes
from framediff.segment import segment


def written(embedder, *texts):
    """analyse_quotes over articles written here (ids "a", "b"); the first line of each is its title."""
    arts = [segment(Article(aid, "test", t.split("\n", 1)[0], "Test", "", "en", t)) for t, aid in zip(texts, "ab")]
    return arts, analyse_quotes(arts, embedder.encode)


def quote_with(result, needle, article=None):
    """The first quote holding `needle` (in `article` if given); fails, listing the quotes found, if none does."""
    hits = [q for q in result.quotes if needle in q.text and article in (None, q.article)]
    assert hits, f"no quote holds {needle!r}: {[q.text for q in result.quotes]}"
    return hits[0]
