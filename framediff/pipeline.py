"""The data flow, one direction: ingest -> segment -> embed -> align -> analyse -> Comparison.

Two cores do two things at once where that is safe: once the inputs are read (a file that cannot be read fails
first, with no thread running), spaCy loads and parses the clean texts in a background thread (nlp.parse_soon) and
the model loads in another, while the main thread finds the sentences (A's go through the model while B's are
found); the model embeds them beside the parse, and who is quoted is found from the parses meanwhile; the quotes'
matching and stances (their own model pass) run beside align and framing; every step reads the one parse of each
article. Every module the main thread needs is imported before those threads start (framing and quotes import no
spaCy at import time): two threads importing one package at once can deadlock into half-made modules. Loading spaCy
before the files are read was tried: the language detector's load (LZMA, which lets go of Python's lock at every
block; now unpacked once, ingest/language.py) then waited for the import thread at each block, and reading took 4-6
s instead of 0.8 (seeds, load 5-6; bench/speed.py --timeline, docs/benchmarks.md)."""
from __future__ import annotations

import datetime as _dt
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Protocol

from . import __version__
from .align import align
from .comparison import Article, Comparison
from .embed import Embedder
from .framing import analyse_framing, wordscore
from .ingest import article_from_text
from .inputs import load_input, read_input, segmented
from .lang.compare import analyse_alone, compare_across
from .lang.routing import is_english
from .nlp import parse, parse_soon
from .quotes import QuoteVectors, analyse_quotes, match_and_stance, quoted
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


def _meta(embedder: Embedder) -> dict:
    return {"created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "model": embedder.spec.name, "model_id": embedder.model_id, "framediff": __version__}


def compare_articles(a: Article, b: Article, embedder: Embedder | None = None,
                     progress: Progress | None = None, cancel: CancelToken | None = None) -> Comparison:
    """Everything framediff shows about two segmented articles."""
    if (a.id, b.id) != ("a", "b"):  # unit ids carry the article id: renaming here would break them
        raise ValueError(f"compare_articles needs articles 'a' and 'b', got {a.id!r} and {b.id!r}")
    embedder = embedder or Embedder()
    if not is_english(a, b):  # other languages: each step runs only where it reads the language (framediff/lang)
        return compare_across(a, b, _meta(embedder), lambda s, f: _step(progress, cancel, s, f), embedder.encode)
    # same event, quotes and framing read the parse: made while the model embeds the sentences (whose word-piece
    # states give the quotes their vectors: Embedder.span_vectors)
    parse_soon([a.text, b.text])
    _step(progress, cancel, "loading the model", 0.05)
    embedder.load()
    wordscore.prepare(embedder.encode)  # the embedding pass keeps what the word scorer reads
    _step(progress, cancel, "embedding passages", 0.15)
    beside = ThreadPoolExecutor(1, thread_name_prefix="framediff-quotes")
    try:
        # who is quoted, found from the parses while the model embeds the sentences (it needs no vector)
        found = beside.submit(_quoted_once_parsed, a, b)
        texts = [u.text for u in a.units] + [u.text for u in b.units]
        vecs = embedder.encode(texts, progress=lambda d, n: _step(progress, cancel, "embedding passages",
                                                                  0.15 + 0.5 * d / n), passages=True)
        va, vb = vecs[:len(a.units)], vecs[len(a.units):]
        q = found.result()
        # the quotes' vectors read from the sentences' pass here, before align: numpy lets go of Python's lock in
        # each of its thousands of small steps, and beside align's Python each took ~5 ms to get it back (0.8 s)
        vectors = QuoteVectors([a, b], q.quotes, embedder.encode, embedder.span_vectors)
        # the quotes matched, and their stances, beside align and framing: their model pass (the quotes a decision
        # rests on) takes the core align's and framing's Python leave free; both read the sentences' pass, so they
        # start after it (framing reads who is quoted and where, not how the outlets' quotes match)
        matching = beside.submit(match_and_stance, q, [a, b], embedder.encode, vectors)
        _step(progress, cancel, "aligning passages", 0.7)
        groups, unmatched = align(a, b, va, vb)
        cmp = Comparison(articles=[a, b], alignment=groups, unmatched=unmatched, meta=_meta(embedder))
        cmp.same_event = same_event(a, b, groups)
        _step(progress, cancel, "finding quotes and speakers", 0.8)
        cmp.quotes, cmp.speakers, cmp.voices = q.quotes, q.speakers, q.voices
        _step(progress, cancel, "finding framing differences", 0.85)
        analyse_framing(cmp, embedder.encode)
        _step(progress, cancel, "matching quotes", 0.95)
        cmp.quote_matches = matching.result().quote_matches
    finally:  # a cancelled or failed comparison returns at once, not after the quotes' work under way
        beside.shutdown(wait=False, cancel_futures=True)
    _step(progress, cancel, "done", 1.0)
    return cmp


def _quoted_once_parsed(a: Article, b: Article):
    """`quotes.quoted` of the two articles, begun once both are parsed (not while B is: the parse is on the path
    everything waits for)."""
    parse(a.text)
    parse(b.text)
    return quoted([a, b])


def compare_files(path_a, path_b, embedder: Embedder | None = None, model: str | None = None,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  outlets: tuple[str | None, str | None] = (None, None), refresh: bool = False) -> Comparison:
    """Read (or fetch), segment and compare two articles, files or URLs."""
    a = read_input(path_a, "a", outlets[0], refresh)  # bad input fails here, before any thread starts
    b = read_input(path_b, "b", outlets[1], refresh)
    embedder = embedder or Embedder(model)
    if not is_english(a, b):
        return compare_articles(segmented(a, path_a), segmented(b, path_b), embedder, progress, cancel)
    _head_start([a.text, b.text], embedder)  # spaCy and the model load, and the parse starts, while A is segmented
    a = segmented(a, path_a)
    _embed_soon(embedder, [u.text for u in a.units])  # A's sentences go through the model while B is segmented
    return compare_articles(a, segmented(b, path_b), embedder, progress, cancel)


def _head_start(texts: list[str], embedder: Embedder) -> None:
    """Parse `texts` and load the model in the background (a failed load is retried, and reported, when the model is
    first used): the parse needs only the clean text, so it need not wait for the sentences."""
    def load() -> None:
        try:
            embedder.load()
        except Exception:  # noqa: BLE001 - the main thread's load() raises it
            pass

    parse_soon(texts)
    threading.Thread(target=load, name="framediff-load", daemon=True).start()


def _embed_soon(embedder: Embedder, texts: list[str]) -> None:
    """Embed `texts` in the background: the sentences' pass (Embedder.encode) then waits for them instead of embedding
    them again. Each vector is the same whatever batch it is made in (tests/test_embed.py); errors surface there."""
    def run() -> None:
        try:
            embedder.encode(texts, passages=True)
        except Exception:  # noqa: BLE001 - the main thread's encode() raises it
            pass

    wordscore.prepare(embedder.encode)  # the pass keeps what the word scorer reads
    threading.Thread(target=run, name="framediff-embed", daemon=True).start()


def analyse_file(path, embedder: Embedder | None = None, model: str | None = None,
                 outlet: str | None = None, refresh: bool = False) -> Comparison:
    """One article on its own (a file or URL): clean text, units, quotes, speakers, single-article flags."""
    a = read_input(path, "a", outlet, refresh)
    embedder = embedder or Embedder(model)
    if not is_english(a):
        return analyse_alone(segmented(a, path), _meta(embedder), embedder.encode)
    _head_start([a.text], embedder)
    a = segmented(a, path)
    q = analyse_quotes([a], embedder.encode, embedder.span_vectors)
    cmp = Comparison(articles=[a], quotes=q.quotes, speakers=q.speakers, voices=q.voices, meta=_meta(embedder))
    analyse_framing(cmp, embedder.encode)
    return cmp


_WARM_UP = ("Ministers met in Tokyo on Friday. \"We agreed on a plan,\" the foreign minister said.",
            "The foreign minister said on Friday that both sides had agreed on a plan in Tokyo.")


def warm_up(embedder: Embedder) -> None:
    """Load the model and every lazy part of the engine (parsers, lexicons) on two tiny texts,
    so that an interactive comparison afterwards does only its own work."""
    compare_articles(text_article(_WARM_UP[0], "a"), text_article(_WARM_UP[1], "b"), embedder)
