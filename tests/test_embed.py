"""The embedding cache, the model lookup's errors and the embedding backends, with the real model."""
from __future__ import annotations

import numpy as np
import pytest

from framediff.embed import BACKENDS, Embedder, VectorCache, choose_backend
from framediff.model_store import ModelError, find_model

from conftest import seed

TEXTS = ["Japan and Russia held two-plus-two talks in Tokyo on Monday.",
         "The ministers agreed to keep talking about the disputed islands.",
         "Moscow called the meeting constructive; Tokyo said little.",
         "ロシアと日本の外相が東京で会談した。"]


def seed_sentences(n: int = 40) -> list[str]:
    text = seed("003").read_text(encoding="utf-8")
    return [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s.strip()) > 20][:n]


@pytest.fixture()
def cache(tmp_path):
    return VectorCache(tmp_path / "cache")


@pytest.fixture(scope="module")
def torch_embedder(tmp_path_factory):
    e = Embedder(backend="torch", cache=VectorCache(tmp_path_factory.mktemp("torch-cache")))
    e.load()
    return e


def test_second_encode_of_the_same_texts_comes_from_the_cache(embedder, cache):
    e = Embedder(cache=cache)
    e._model = embedder._model if embedder.backend == e.backend else None  # the session's loaded model
    first = e.encode(TEXTS + TEXTS[:2])  # repeats inside one call are embedded once
    calls = e.model_calls
    assert calls >= 1 and first.shape == (6, 384)
    again = e.encode(list(reversed(TEXTS)))
    assert e.model_calls == calls  # nothing new was sent to the model
    np.testing.assert_array_equal(again, first[:4][::-1])
    assert np.allclose(np.linalg.norm(first, axis=1), 1, atol=1e-5)


def test_vectors_read_again_come_from_memory_not_the_disk_cache(embedder, cache, monkeypatch):
    """The sentences' vectors are read again by later steps (stance, framing): the last RECENT vectors made or read
    come from memory; past RECENT the oldest go back to the disk cache, with the same vectors."""
    from framediff import embed

    e = Embedder(cache=cache)
    e._model = embedder._model if embedder.backend == e.backend else None
    first = e.encode(TEXTS)
    asked = []
    get = cache.get
    monkeypatch.setattr(cache, "get", lambda model, keys, table="v": asked.extend(keys) or get(model, keys, table))
    np.testing.assert_array_equal(e.encode(TEXTS[::-1]), first[::-1])
    assert asked == []
    monkeypatch.setattr(embed, "RECENT", 2)
    e.encode(["One more sentence to remember.", "And another one."])
    asked.clear()
    np.testing.assert_array_equal(e.encode(TEXTS), first)
    assert sorted(asked) == sorted(VectorCache.key(t) for t in TEXTS) and e.model_calls == 2


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="per-thread niceness is Linux's")
def test_the_models_threads_yield_the_cores_to_python(embedder):
    """The model's threads run at niceness MODEL_NICE, so the thread running Python (align, framing) gets a core
    of its own; the calling thread keeps its own priority."""
    import os
    import threading

    from framediff import embed

    model = embedder._states_model()
    model.encode(seed_sentences(8))
    runs = [t for t in threading.enumerate() if t.name.startswith("framediff-onnx")]
    assert runs and {os.getpriority(os.PRIO_PROCESS, t.native_id) for t in runs} == {
        os.getpriority(os.PRIO_PROCESS, 0) + embed.MODEL_NICE}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == os.getpriority(os.PRIO_PROCESS, 0)


def test_cache_survives_a_new_embedder(embedder, tmp_path):
    folder = tmp_path / "c"
    first = Embedder(cache=VectorCache(folder))
    first._model = embedder._model if embedder.backend == first.backend else None
    v = first.encode(TEXTS)
    later = Embedder(cache=VectorCache(folder))  # as a new run of the program: nothing loaded
    np.testing.assert_array_equal(later.encode(TEXTS), v)
    assert later.model_calls == 0 and not later.loaded


def test_cache_never_mixes_backends(embedder, torch_embedder, cache):
    assert len({Embedder(backend=b, cache=cache).model_id for b in BACKENDS}) == len(BACKENDS)
    mine = Embedder(cache=cache)
    mine._model = embedder._model
    v = mine.encode(TEXTS)
    other = Embedder(backend="torch" if embedder.backend != "torch" else "onnx", cache=cache)
    if other.backend == "torch":
        other._model = torch_embedder._model
    w = other.encode(TEXTS)
    assert other.model_calls >= 1  # the same texts, cached by another backend, are embedded anew
    stored = cache.get(mine.model_id, [VectorCache.key(x) for x in TEXTS])
    np.testing.assert_array_equal(np.stack([stored[VectorCache.key(x)] for x in TEXTS]), v)
    stored = cache.get(other.model_id, [VectorCache.key(x) for x in TEXTS])
    np.testing.assert_array_equal(np.stack([stored[VectorCache.key(x)] for x in TEXTS]), w)


def test_cache_never_mixes_models(tmp_path, cache):
    default = find_model()
    copy = tmp_path / "models" / "copy"
    copy.mkdir(parents=True)
    for f in default.path.rglob("*"):
        if f.is_file():
            (copy / f.relative_to(default.path)).parent.mkdir(parents=True, exist_ok=True)
            (copy / f.relative_to(default.path)).symlink_to(f)
    (copy / "NOTES.txt").write_text("a changed model folder\n")
    changed = Embedder(model=str(copy), cache=cache, backend="torch")
    assert changed.model_id != Embedder(cache=cache, backend="torch").model_id
    cache.put(Embedder(cache=cache, backend="torch").model_id, {VectorCache.key("x"): np.ones(384, np.float32)})
    assert cache.get(changed.model_id, [VectorCache.key("x")]) == {}


@pytest.mark.parametrize("files", [{}, {"config.json": "{}"}, {"config.json": "{}", "modules.json": "[]"}])
def test_missing_model_files_say_how_to_fix(tmp_path, files):
    folder = tmp_path / "broken"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    with pytest.raises(ModelError) as err:
        Embedder(model=str(folder))
    msg = str(err.value)
    assert "broken" in msg and "missing" in msg and ("reinstall" in msg or "--model" in msg)


def test_missing_model_folder_says_how_to_fix(tmp_path):
    with pytest.raises(ModelError, match="not found.*--model"):
        Embedder(model=str(tmp_path / "nowhere"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_damaged_weights_give_model_error_with_fix(tmp_path, backend, monkeypatch):
    monkeypatch.setenv("FRAMEDIFF_ONNX_DIR", str(tmp_path / "onnx"))
    default = find_model()
    folder = tmp_path / "damaged"
    folder.mkdir()
    for f in default.path.iterdir():
        if f.is_file() and f.suffix != ".safetensors":
            (folder / f.name).symlink_to(f)
        elif f.is_dir():
            (folder / f.name).symlink_to(f, target_is_directory=True)
    (folder / "model.safetensors").write_bytes(b"\0not weights" * 100)
    e = Embedder(model=str(folder), backend=backend, cache=VectorCache(tmp_path / "c"))
    with pytest.raises(ModelError, match="could not be loaded.*(reinstall|--model)"):
        e.encode(["a sentence"])
    assert not list((tmp_path / "onnx").rglob("*.onnx"))  # no half-written export is left for the next run


def test_unknown_backend_is_refused(monkeypatch):
    with pytest.raises(ModelError, match="torch"):
        choose_backend("tensorflow")
    monkeypatch.setenv("FRAMEDIFF_BACKEND", "onnx-int8")
    assert choose_backend() == "onnx-int8"
    assert choose_backend("torch") == "torch"  # the argument wins over the environment
    monkeypatch.setenv("FRAMEDIFF_BACKEND", "nope")
    with pytest.raises(ModelError, match="FRAMEDIFF_BACKEND"):
        Embedder()


@pytest.mark.parametrize("backend,at_least", [("onnx", 0.9999), ("onnx-int8", 0.98)])
def test_onnx_vectors_are_close_to_torch(backend, at_least, torch_embedder, tmp_path):
    long = " ".join(seed_sentences(60))  # past the model's 256-token limit: truncated as torch does
    texts = seed_sentences() + TEXTS + ["Tokyo", long]
    ref = torch_embedder.encode(texts)
    e = Embedder(backend=backend, cache=VectorCache(tmp_path / "c"))
    assert e.backend in e.model_id
    v = e.encode(texts)
    assert v.shape == ref.shape and v.dtype == np.float32
    cos = (v * ref).sum(axis=1)
    assert cos.min() >= at_least, f"{backend}: lowest cosine to torch {cos.min():.4f}"


def test_empty_input(cache):
    e = Embedder(cache=cache)
    assert e.encode([]).shape == (0, 384)
    assert e.model_calls == 0



def _reference_scores(e, texts, spans, direction):
    """Word scores from the full hidden states: mean of the pieces, normalised, along the direction."""
    from framediff.framing.tokens import pool

    out = []
    for (offsets, hidden), sp in zip(e.hidden_states(texts), spans):
        v = pool(offsets, hidden, sp).astype(np.float64)
        out.append(v @ direction / np.clip(np.linalg.norm(v, axis=1), 1e-9, None))
    return out


def test_word_scores_come_from_the_encode_pass_within_a_memory_bound(embedder, tmp_path, monkeypatch):
    """Once the directions are named, encode() of passages keeps a few numbers per word-piece (at most MEMO_BYTES of
    them): scoring the words of encoded passages costs no model call and gives the scores the full hidden states give;
    a text pushed out of the bound, or a word longer than the kept band, runs the model again, counted, and so does
    a text encoded as no passage (a quote, a label: nothing reads their words), of which nothing is kept."""
    from framediff import embed

    texts = seed_sentences(40)
    spans = [[(m.start(), m.end()) for m in __import__("re").finditer(r"\w+", t)] for t in texts]
    direction = np.random.default_rng(0).normal(size=384)
    e = Embedder(cache=VectorCache(tmp_path / "c"))
    e._model = embedder._model
    e.score_words_along(direction)
    e.encode(texts[-1:])
    assert not e._readouts and not e._states
    calls = e.model_calls
    e.word_scores(texts[-1:], spans[-1:], direction)
    assert e.model_calls == calls + 1
    e = Embedder(cache=VectorCache(tmp_path / "fresh"))
    e._model = embedder._model
    e.score_words_along(direction)
    e.encode(texts[:1], passages=True)
    calls = e.model_calls
    (first,) = e.word_scores(texts[:1], spans[:1], direction)
    assert e.model_calls == calls and first.shape == (len(spans[0]),)
    want = _reference_scores(e, texts, spans, direction)
    np.testing.assert_allclose(first, want[0], atol=1e-4)

    one = e._readout_bytes
    monkeypatch.setattr(embed, "MEMO_BYTES", 10 * one)
    e.encode(texts[1:], passages=True)
    calls = e.model_calls
    got = e.word_scores(texts[-3:], spans[-3:], direction)
    assert e.model_calls == calls and e._readout_bytes <= embed.MEMO_BYTES
    for g, w in zip(got, want[-3:]):
        np.testing.assert_allclose(g, w, atol=1e-4)
    (again,) = e.word_scores(texts[:1], spans[:1], direction)
    assert e.model_calls == calls + 1
    np.testing.assert_allclose(again, first, atol=1e-5)

    long_word = "Antidisestablishmentarianism aside, the pseudopseudohypoparathyroidism case was heard."
    e.encode([long_word], passages=True)
    calls = e.model_calls
    span = [(0, long_word.index(" ")), (long_word.index("pseudo"), long_word.index(" case"))]
    (scores,) = e.word_scores([long_word], [span], direction)
    assert e.model_calls == calls + 1  # wider than the kept band: read again in full
    np.testing.assert_allclose(scores, _reference_scores(e, [long_word], [span], direction)[0], atol=1e-4)


def test_sub_batch_size_does_not_change_the_vectors(embedder, monkeypatch):
    """Small ONNX sub-batches (less padding, less CPU) give the vectors one large batch gives."""
    import framediff.embed as embed

    model = embedder._states_model()
    texts = seed_sentences(60) + TEXTS
    small = model.encode(texts)
    monkeypatch.setattr(embed, "TOKENS", 1 << 16)
    large = model.encode(texts)
    assert np.abs(small - large).max() < 1e-5


def test_the_model_leaves_a_core_to_the_parse(embedder):
    """While the parse holds a core (embed.core()), the model still embeds, on the cores left (none left: it waits
    for the parse); the vectors are those of a free machine."""
    import threading

    import framediff.embed as embed

    model = embedder._states_model()
    texts = seed_sentences(40)
    free = model.encode(texts)
    held = [embed.core().acquire() for _ in range(embed.CORES)]
    done = threading.Event()
    out = []
    threading.Thread(target=lambda: (out.append(model.encode(texts)), done.set()), daemon=True).start()
    assert not done.wait(0.5)  # every core held: the model waits
    embed.core().release()
    assert done.wait(60)
    for _ in held[1:]:
        embed.core().release()
    np.testing.assert_array_equal(out[0], free)


def test_span_vectors_read_the_sentences_pass(tmp_path):
    """A span's vector is the mean of its word-pieces' states from its sentence's own pass, with no model call; a
    span whose sentence's states are not kept (its vector read from the cache) or that no sentence holds is
    embedded on its own, not its sentence again; a second call is served by the cache."""
    import numpy as np

    from framediff.embed import Embedder, VectorCache

    sentences = ["The minister said the talks had \"reached an impasse\" over the islands.",
                 "Officials in Tokyo called the new missile deployment unacceptable."]
    spans = [("reached an impasse", [(sentences[0], 33, 51)]),
             ("the new missile deployment unacceptable", [(sentences[1], 26, 65)]),
             ("said nowhere", [])]
    e = Embedder(cache=VectorCache(tmp_path / "kept"))
    e.encode(sentences, passages=True)
    calls = e.model_calls
    kept = e.span_vectors(spans[:2])
    assert e.model_calls == calls  # read from the pass encode() made
    alone = e.encode([t for t, _ in spans])
    assert 0.5 < float(kept[0] @ alone[0]) < 0.99  # the span in its sentence, not its words alone
    h = e._states_model().hidden_states(sentences[:1])[0]  # the mean of its pieces' states, by hand
    mean = h[1][(h[0][:, 0] >= 33) & (h[0][:, 1] <= 51)].mean(axis=0)
    assert float(kept[0] @ (mean / np.linalg.norm(mean))) > 0.999
    other = Embedder(cache=VectorCache(tmp_path / "kept"))  # a new process: sentences in the cache, no states
    other.encode(sentences)
    got = other.span_vectors(spans)
    assert np.allclose(got[:2], kept) and np.allclose(got[2], alone[2], atol=1e-5)
    assert other.passes[VectorCache.key(sentences[0])] == 0 and other.model_calls == 0
    cold = Embedder(cache=VectorCache(tmp_path / "cold"))
    cold.encode(sentences[:1], passages=True)
    got = cold.span_vectors(spans)
    assert np.allclose(got[0], kept[0], atol=2e-3) and np.allclose(got[1:], alone[1:], atol=1e-5)
    assert cold.passes[VectorCache.key(sentences[1])] == 0


def test_texts_two_threads_ask_for_at_once_go_through_the_model_once(embedder, tmp_path):
    """The quote matching runs beside framing and both embed some of the same phrases: a text one thread is
    embedding is waited for by the other, not embedded again; both get its vector."""
    import threading

    e = Embedder(cache=VectorCache(tmp_path))
    e._model = embedder._model if embedder.backend == e.backend else None
    texts = seed_sentences(40)
    got, start = {}, threading.Barrier(2)

    def ask(name, part):
        start.wait()
        got[name] = e.encode(part)

    runs = [threading.Thread(target=ask, args=("one", texts)), threading.Thread(target=ask, args=("two", texts[::-1]))]
    for r in runs:
        r.start()
    for r in runs:
        r.join()
    assert max(e.passes.values()) == 1 and len(e.passes) == len(set(texts))
    np.testing.assert_allclose(got["one"], got["two"][::-1], atol=1e-6)
