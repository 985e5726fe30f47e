"""A cold comparison starts the model on article A's sentences while B is still being segmented: what that may
change (nothing a user sees) and what it may not do (send a sentence to the model twice)."""
from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest
from conftest import seed

from framediff.embed import Embedder, VectorCache
from framediff.pipeline import load_article


def _sentences(*names: str) -> list[str]:
    return [u.text for n in names for u in load_article(seed(n), "a").units]


def test_sentences_embedded_in_two_parts_get_the_vectors_of_one_pass(tmp_path):
    """A's sentences embedded ahead, then A's and B's in one call (waiting for A's): every vector is bit for bit the
    one a single pass over both gives, so the comparison shows exactly what it showed."""
    a, b = _sentences("003"), _sentences("004")
    one = Embedder(cache=VectorCache(tmp_path / "one")).encode(a + b)
    two = Embedder(cache=VectorCache(tmp_path / "two"))
    ahead = threading.Thread(target=two.encode, args=(a,))
    ahead.start()
    both = two.encode(a + b)
    ahead.join()
    np.testing.assert_array_equal(both, one)
    assert max(two.passes.values()) == 1 and len(two.passes) == len(set(a + b))


def test_a_text_in_flight_is_waited_for_not_made_again(tmp_path):
    """A second caller that asks while the first is still in the model (here: every core held, so it cannot finish)
    waits for it and gets its vectors; the texts go through the model once."""
    import framediff.embed as embed

    texts = _sentences("003")[:12]
    e = Embedder(cache=VectorCache(tmp_path))
    e.load()
    held = [embed.core().acquire() for _ in range(embed.CORES)]
    first = threading.Thread(target=e.encode, args=(texts,))
    first.start()
    while not e._flight:  # the first caller has claimed the texts and waits for a core
        threading.Event().wait(0.01)
    got, second = [], threading.Thread(target=lambda: got.append(e.encode(texts[::-1])))
    second.start()
    for _ in held:
        embed.core().release()
    first.join()
    second.join()
    assert max(e.passes.values()) == 1 and e.model_calls == 1
    np.testing.assert_array_equal(got[0][::-1], e.encode(texts))


LANGUAGES = {"en": "The foreign minister said on Friday that both sides had agreed to meet again in Tokyo next month.",
             "fr": "Le ministre des affaires étrangères a déclaré vendredi que les deux parties se reverraient à Tokyo.",
             "de": "Der Außenminister sagte am Freitag, beide Seiten wollten sich im nächsten Monat in Tokio treffen.",
             "ru": "Министр иностранных дел заявил в пятницу, что стороны встретятся в Токио в следующем месяце.",
             "zh": "外交部长星期五说，双方同意下个月在东京再次会面。"}


def _fresh_identifier(monkeypatch, cache_home):
    from framediff.ingest import language

    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    language._identifier.cache_clear()
    return language


def test_the_language_is_read_from_a_copy_unpacked_once(tmp_path, monkeypatch):
    """The detector's model is unpacked once into the user's cache folder and read from there by every later start;
    it names each article's language as the packed model does, a damaged copy is replaced, and the earlier form of
    the copy (a .npz) is removed when the new one is made."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    packed = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = {**LANGUAGES, "seed": seed("003").read_text(encoding="utf-8")}
    language = _fresh_identifier(monkeypatch, tmp_path)
    (tmp_path / "framediff" / "langid").mkdir(parents=True)
    earlier = tmp_path / "framediff" / "langid" / "py3langid-0.4.0-4586720.npz"
    earlier.write_bytes(b"an earlier copy")
    first = {k: language.detect_language(t) for k, t in texts.items()}
    assert not earlier.exists()
    (copy,) = (tmp_path / "framediff" / "langid").glob("*.npys")
    language._identifier.cache_clear()
    again = {k: language.detect_language(t) for k, t in texts.items()}
    assert first == again == {**{k: k for k in LANGUAGES}, "seed": "en"}
    for t in texts.values():
        assert language._identifier().classify(t) == packed.classify(t)
    copy.write_bytes(b"not a model")
    language._identifier.cache_clear()
    assert language.detect_language(LANGUAGES["fr"]) == "fr" and not copy.exists()
    language._identifier.cache_clear()


def test_the_language_is_found_where_the_cache_folder_cannot_be_written(tmp_path, monkeypatch):
    (tmp_path / "a file").write_text("not a folder")
    language = _fresh_identifier(monkeypatch, tmp_path / "a file")
    assert {k: language.detect_language(t) for k, t in LANGUAGES.items()} == {k: k for k in LANGUAGES}
    language._identifier.cache_clear()


def test_a_text_in_flight_is_given_out_with_its_chunk_not_at_the_end_of_the_call(tmp_path):
    """A caller that needs a few texts another thread is embedding in a long call (framing's labels, among the
    quotes' own vectors) gets each with its chunk: here the long call's second chunk is held in the model, and the
    short call, whose text was in the first chunk, still returns, with the one vector the long call made."""
    import framediff.embed as embed

    texts = [f"Sentence number {i} of the council's long report on the city budget." for i in range(embed.CHUNK + 40)]
    e = Embedder(cache=VectorCache(tmp_path))
    e.load()
    model, release, runs = e._model, threading.Event(), []

    def held_second_chunk(chunk, states=None):
        runs.append(len(chunk))
        if len(runs) == 2:
            release.wait(30)
        return model_encode(chunk, states)

    model_encode = model.encode
    model.encode = held_second_chunk
    try:
        long_call = threading.Thread(target=e.encode, args=(texts,))
        long_call.start()
        while len(runs) < 2:  # the first chunk is out, the second held
            threading.Event().wait(0.01)
        got = e.encode([texts[0]])
        assert long_call.is_alive()
    finally:
        release.set()
        long_call.join()
        model.encode = model_encode
    np.testing.assert_array_equal(got[0], e.encode(texts)[0])
    assert max(e.passes.values()) == 1 and runs == [embed.CHUNK, 40]


_BLAS_THREADS = """
import contextlib, io
from framediff.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(["--help"])
import numpy, threadpoolctl
print(max(i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"))
"""


@pytest.mark.parametrize("user, threads", [(None, "1"), ("2", "2")])
def test_numpys_blas_runs_in_one_thread_unless_the_user_says(user, threads):
    """framediff's own threads hold every core; numpy's BLAS workers beside them would only spin. A user's own
    OPENBLAS_NUM_THREADS is kept."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | (
        {"OPENBLAS_NUM_THREADS": user} if user else {})
    out = subprocess.run([sys.executable, "-c", _BLAS_THREADS], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split()[-1] == threads
