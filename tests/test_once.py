"""Each article is parsed once and each sentence goes through the model once, across commands and runs;
what a cold start imports and makes only once."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import seed

COMPARE_AND_COUNT = """
import json, sys
from framediff import nlp
from framediff.output import write_json
from framediff.pipeline import compare_files
cmp = compare_files(sys.argv[1], sys.argv[2])
write_json(cmp, sys.argv[3])
print(nlp.parses)
"""


def _compare(cache, out):
    env = {**os.environ, "FRAMEDIFF_CACHE_DIR": str(cache)}
    run = subprocess.run([sys.executable, "-c", COMPARE_AND_COUNT, str(seed("003")), str(seed("004")), str(out)],
                         capture_output=True, text=True, env=env, check=True)
    got = json.loads(out.read_text(encoding="utf-8"))
    got.pop("meta")
    return int(run.stdout.split()[-1]), got


def test_analyse_then_compare_parses_each_article_once(tmp_path):
    """`framediff analyse A` then `compare A B` in new processes: the compare parses only B, a second
    compare parses nothing, and what they show is what a run on an empty cache shows."""
    cache = tmp_path / "cache"
    subprocess.run([sys.executable, "-m", "framediff", "analyse", str(seed("003")), "--json", str(tmp_path / "a.json")],
                   env={**os.environ, "FRAMEDIFF_CACHE_DIR": str(cache)}, check=True, capture_output=True)
    after_analyse, first = _compare(cache, tmp_path / "1.json")
    again, second = _compare(cache, tmp_path / "2.json")
    fresh_parses, fresh = _compare(tmp_path / "empty", tmp_path / "3.json")
    assert (after_analyse, again, fresh_parses) == (1, 0, 2)
    assert first == second == fresh and fresh["flags"] and fresh["quote_matches"]


def test_a_parse_read_back_from_the_cache_is_the_parse(tmp_path, monkeypatch):
    """The Doc read from the cache has every annotation the steps read; a damaged entry is parsed again."""
    from framediff import nlp
    from framediff.embed import VectorCache

    monkeypatch.setenv("FRAMEDIFF_CACHE_DIR", str(tmp_path))
    text = seed("000").read_text(encoding="utf-8") + "\n\n" + seed("003").read_text(encoding="utf-8")

    def rows(doc):
        return ([(t.idx, t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
                  t.is_stop, t.like_num, t.lower_, t.is_space, t.is_punct, str(t.morph), t.is_sent_start, t.norm_)
                 for t in doc],
                [(e.start_char, e.end_char, e.label_) for e in doc.ents],
                [(c.start, c.end) for c in doc.noun_chunks], [(s.start, s.end) for s in doc.sents])

    fresh = nlp._parse(nlp.get_nlp(), text)
    before = nlp.parses
    nlp._docs.clear()
    first = nlp.parse(text)  # parsed and stored
    nlp._docs.clear()
    read = nlp.parse(text)  # read back
    assert read is not first and nlp.parses == before + 1
    assert rows(read) == rows(first) == rows(fresh) and len(read.ents) > 20
    VectorCache(tmp_path).put_bytes(nlp._model_tag(), {VectorCache.key(text): b"not a DocBin"}, "d")
    nlp._docs.clear()
    assert rows(nlp.parse(text)) == rows(fresh) and nlp.parses == before + 2


def test_each_sentence_goes_through_the_model_once(tmp_path):
    """A cold comparison sends each sentence to the model once (the word scorer and the quotes' vectors read what
    that pass kept); the quotes a match or stance rests on are sent once each too, counted apart, and the others not
    at all; the same comparison again sends nothing."""
    from framediff.embed import Embedder, VectorCache
    from framediff.pipeline import compare_files
    from framediff.quotes.found import core

    e = Embedder(cache=VectorCache(tmp_path))
    cmp = compare_files(seed("003"), seed("004"), embedder=e)
    sentences = [u.text for a in cmp.articles for u in a.units]
    got = e.counts(sentences)
    assert got["sentences"] == len(set(sentences)) > 40 and got["max_passes"] == 1
    texts = {a.id: a.text for a in cmp.articles}
    spans = {VectorCache.key(texts[q.article][slice(*core(texts[q.article], q.start, q.end))]) for q in cmp.quotes}
    alone = spans & set(e.passes)
    assert len(spans) > 10 and 0 < len(alone) < len(spans) and max(e.passes.values()) == 1
    assert got["other_passes"] == got["other_texts"] >= len(alone)
    sent = sum(e.passes.values())
    compare_files(seed("003"), seed("004"), embedder=e)
    assert sum(e.passes.values()) == sent


def test_framing_before_the_quote_matching_shows_what_the_other_order_shows(tmp_path, monkeypatch):
    """The pipeline runs framing before it matches the quotes (framing reads who is quoted and where, not how the
    outlets' quotes match): flags, quotes, matches and stances are those of the quotes analysed whole first, then
    framing."""
    from framediff.comparison import Comparison
    from framediff.embed import Embedder, VectorCache
    from framediff.framing import analyse_framing
    from framediff.pipeline import compare_files
    from framediff.quotes import analyse_quotes

    monkeypatch.setenv("FRAMEDIFF_CACHE_DIR", str(tmp_path / "c"))
    embedder = Embedder(cache=VectorCache(tmp_path / "v"))
    cmp = compare_files(seed("003"), seed("004"), embedder=embedder)
    other = Comparison(articles=cmp.articles, alignment=cmp.alignment, unmatched=cmp.unmatched,
                       same_event=cmp.same_event, meta=cmp.meta)
    q = analyse_quotes(cmp.articles, embedder.encode, embedder.span_vectors)
    other.quotes, other.speakers, other.quote_matches, other.voices = q.quotes, q.speakers, q.quote_matches, q.voices
    analyse_framing(other, embedder.encode)
    shown = [json.dumps({**c.to_dict(), "meta": None}, sort_keys=True, default=str) for c in (cmp, other)]
    got = json.loads(shown[0])
    assert shown[0] == shown[1] and got["flags"] and got["quote_matches"] and got["voices"]["stance"]


def test_a_fresh_vector_cache_keeps_the_onnx_export(tmp_path, monkeypatch):
    """The ONNX export (torch, 10-30 s) is made once per model, not once per vector cache folder."""
    from framediff.embed import onnx_dir

    monkeypatch.delenv("FRAMEDIFF_ONNX_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    monkeypatch.setenv("FRAMEDIFF_CACHE_DIR", str(tmp_path / "one"))
    first = onnx_dir()
    monkeypatch.setenv("FRAMEDIFF_CACHE_DIR", str(tmp_path / "two"))
    assert onnx_dir() == first == tmp_path / "user" / "framediff" / "onnx"


def test_spacy_loads_without_its_command_line():
    """spaCy's __init__ imports its command line (typer, weasel, requests: ~400 modules, 0.2 s of CPU) only to offer
    spacy.info(); framediff's import leaves it out, and spacy.info() and `import spacy.cli` still work."""
    code = ("import sys; from framediff.nlp import get_nlp, import_spacy; spacy = import_spacy(); "
            "ents = [e.text for e in get_nlp()('Ministers met in Tokyo.').ents]; "
            "light = not any(m in sys.modules for m in ('typer', 'weasel', 'requests', 'torch')); "
            "import spacy.cli; "
            "print(light, ents == ['Tokyo'], callable(spacy.cli.download), "
            "'spaCy version' in spacy.info(markdown=True, silent=True))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True"] * 4
