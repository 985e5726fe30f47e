"""A cold comparison starts the model on article A's sentences while B is still being segmented: what that may
change (nothing a user sees) and what it may not do (send a sentence to the model twice)."""
from __future__ import annotations

import threading

import numpy as np
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
