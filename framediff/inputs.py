"""One input, as the user names it (a file path or an http/https URL), to a segmented Article.

Every command and the window read their inputs here, so a URL works wherever a file does.
"""
from __future__ import annotations

import os

from .comparison import Article
from .errors import InputError, shown
from .ingest import read_article
from .segment import segment


def load_input(spec: str | os.PathLike, article_id: str = "a", outlet: str | None = None,
               refresh: bool = False) -> Article:
    """The segmented Article for `spec`; `outlet` (if given) overrides the one found, and
    `refresh` fetches a URL again instead of taking it from the cache.

    Raises InputError with one line naming the input for anything unusable.
    """
    return segmented(read_input(spec, article_id, outlet, refresh), spec)


def read_input(spec: str | os.PathLike, article_id: str = "a", outlet: str | None = None,
               refresh: bool = False) -> Article:
    """load_input() before segmenting: the Article's clean text and metadata, no units yet."""
    from .ingest.fetch import is_url

    if isinstance(spec, str) and is_url(spec):
        from .ingest.web import read_url

        article = read_url(spec, article_id, refresh=refresh)
    else:
        article = read_article(spec, article_id)
    if outlet and outlet.strip():
        article.outlet = " ".join(outlet.split())
    return article


def segmented(article: Article, source: str | os.PathLike) -> Article:
    """`article` with its units, or InputError if it holds no sentence."""
    article = segment(article)
    if not article.units:
        raise InputError(f"{shown(source)}: holds no sentences to compare")
    return article

