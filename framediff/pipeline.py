"""The data flow, one direction: ingest -> segment -> embed -> align -> analyse -> Comparison."""
from __future__ import annotations

import datetime as _dt
import os
from typing import Callable, Protocol

from . import __version__
from .align import align
from .comparison import Article, Comparison
from .embed import Embedder
from .errors import shown
from .ingest import article_from_text
from .inputs import load_input, segmented
from .nlp import import_spacy
from .same_event import same_event

Progress = Callable[[str, float], None]


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


class Cancelled(Exception):
    """The user cancelled the comparison."""


def _step(progress: Progress | None, cancel: CancelToken | None, stage: str, fraction: float) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()
    if progress:
        progress(stage, fraction)


def load_article(path: str | os.PathLike, article_id: str, outlet: str | None = None,
                 refresh: bool = False) -> Article:
    """Read (a file) or fetch (a URL) and segment one article: `inputs.load_input`."""
    return load_input(path, article_id, outlet=outlet, refresh=refresh)


def text_article(raw: str, article_id: str, source: str = "pasted text") -> Article:
    """Clean and segment pasted text or HTML."""
    return segmented(article_from_text(raw, source=source, article_id=article_id), source)


# The steps after segmentation read English only: the default embedding model (all-MiniLM-L6-v2) was
# trained on English, the parser is spaCy's English model, and the quote verbs, lexicons and VADER are
# English word lists. An article in another language gets none of them, and a notice saying so
# (Comparison.meta["notices"]), rather than an English analysis of text in another language.
ENGLISH_ONLY_STEPS = "passage alignment, same event, quotes and speakers, framing and tone"
_LANGUAGES = {"ru": "Russian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "de": "German", "fr": "French",
              "es": "Spanish", "it": "Italian", "pt": "Portuguese", "ar": "Arabic", "uk": "Ukrainian",
              "fa": "Persian", "tr": "Turkish", "pl": "Polish", "nl": "Dutch", "hi": "Hindi"}


def language_notices(*articles: Article) -> list[str]:
    """One notice per article detected as written in a language other than English ("und", too
    short to tell, passes); any notice means the English-only steps are skipped for all."""
    notices = []
    for art in articles:
        if art.language not in ("en", "und", ""):
            lang = _LANGUAGES.get(art.language, f"the language {art.language}")
            notices.append(f"{art.id.upper()} ({shown(art.source)}) is in {lang}: {ENGLISH_ONLY_STEPS} "
                           f"were skipped, since they read English only.")
    return notices


def _meta(embedder: Embedder) -> dict:
    return {"created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "model": embedder.spec.name, "model_id": embedder.model_id, "framediff": __version__}


def compare_articles(a: Article, b: Article, embedder: Embedder | None = None,
                     progress: Progress | None = None, cancel: CancelToken | None = None) -> Comparison:
    """Everything framediff shows about two segmented articles."""
    if (a.id, b.id) != ("a", "b"):  # unit ids carry the article id: renaming here would break them
        raise ValueError(f"compare_articles needs articles 'a' and 'b', got {a.id!r} and {b.id!r}")
    embedder = embedder or Embedder()
    notices = language_notices(a, b)
    if notices:
        return Comparison(articles=[a, b], meta={**_meta(embedder), "notices": notices})
    import_spacy()  # before framing and quotes import spaCy: keeps thinc from importing torch
    from .framing import analyse_framing, wordscore
    from .quotes import analyse_quotes

    _step(progress, cancel, "loading the model", 0.05)
    embedder.load()
    wordscore.prepare(embedder.encode)  # the embedding pass keeps what the word scorer reads
    _step(progress, cancel, "embedding passages", 0.15)
    texts = [u.text for u in a.units] + [u.text for u in b.units]
    vecs = embedder.encode(texts, progress=lambda d, n: _step(progress, cancel, "embedding passages", 0.15 + 0.5 * d / n))
    va, vb = vecs[:len(a.units)], vecs[len(a.units):]
    _step(progress, cancel, "aligning passages", 0.7)
    groups, unmatched = align(a, b, va, vb)
    cmp = Comparison(articles=[a, b], alignment=groups, unmatched=unmatched, meta=_meta(embedder))
    cmp.same_event = same_event(a, b, groups)
    _step(progress, cancel, "finding quotes and speakers", 0.8)
    q = analyse_quotes([a, b], embedder.encode)
    cmp.quotes, cmp.speakers, cmp.quote_matches, cmp.voices = q.quotes, q.speakers, q.quote_matches, q.voices
    _step(progress, cancel, "finding framing differences", 0.9)
    analyse_framing(cmp, embedder.encode)
    _step(progress, cancel, "done", 1.0)
    return cmp


def compare_files(path_a, path_b, embedder: Embedder | None = None, model: str | None = None,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  outlets: tuple[str | None, str | None] = (None, None), refresh: bool = False) -> Comparison:
    """Read (or fetch), segment and compare two articles, files or URLs."""
    a = load_article(path_a, "a", outlets[0], refresh)
    b = load_article(path_b, "b", outlets[1], refresh)
    return compare_articles(a, b, embedder or Embedder(model), progress, cancel)


def analyse_file(path, embedder: Embedder | None = None, model: str | None = None,
                 outlet: str | None = None, refresh: bool = False) -> Comparison:
    """One article on its own (a file or URL): clean text, units, quotes, speakers, single-article flags."""
    a = load_article(path, "a", outlet, refresh)
    embedder = embedder or Embedder(model)
    notices = language_notices(a)
    if notices:
        return Comparison(articles=[a], meta={**_meta(embedder), "notices": notices})
    import_spacy()
    from .framing import analyse_framing
    from .quotes import analyse_quotes

    q = analyse_quotes([a], embedder.encode)
    cmp = Comparison(articles=[a], quotes=q.quotes, speakers=q.speakers, voices=q.voices, meta=_meta(embedder))
    analyse_framing(cmp, embedder.encode)
    return cmp


_WARM_UP = ("Ministers met in Tokyo on Friday. \"We agreed on a plan,\" the foreign minister said.",
            "The foreign minister said on Friday that both sides had agreed on a plan in Tokyo.")


def warm_up(embedder: Embedder) -> None:
    """Load the model and every lazy part of the engine (parsers, lexicons) on two tiny texts,
    so that an interactive comparison afterwards does only its own work."""
    compare_articles(text_article(_WARM_UP[0], "a"), text_article(_WARM_UP[1], "b"), embedder)
