"""Which language an article is written in: py3langid (offline, small, 97 languages).

Its model ships packed with LZMA: unpacking it took 0.4 s at every start, before any other step could begin (the
language decides which run). It is unpacked once into the user's cache folder (`langid/`, 68 MB, named for the
version of py3langid and the size of its packed model) and read from there (0.07 s); where that folder cannot be
written, or its copy cannot be read, the packed model is read as before.
"""
from __future__ import annotations

import lzma
import shutil
from contextlib import suppress
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import _to_array

from ..embed import atomic_write, user_cache

_SAMPLE = 20_000
_MIN_CONFIDENCE = 0.5  # below this (a few words) the identifier is guessing


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    packed = Path(MODEL_DIR) / MODEL_FILE
    unpacked = user_cache() / "langid" / f"py3langid-{version('py3langid')}-{packed.stat().st_size}.npz"
    try:
        if not unpacked.is_file():
            unpacked.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(unpacked, lambda tmp: _unpack(packed, tmp))
        return _read(unpacked)
    except Exception:  # noqa: BLE001 - a folder that cannot be written, a damaged copy: the packed model
        with suppress(OSError):
            unpacked.unlink(missing_ok=True)  # a damaged copy is unpacked again next time
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _unpack(packed: Path, target: Path) -> None:
    with lzma.open(packed) as src, open(target, "wb") as out:
        shutil.copyfileobj(src, out, length=1 << 20)


def _read(path: Path) -> LanguageIdentifier:
    """The identifier from the unpacked model: what py3langid's own loader (modelio.load_model) makes of it."""
    with np.load(path, allow_pickle=False) as data:
        return LanguageIdentifier(data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
                                  data["out_feat"].tolist(), norm_probs=True, tk_row=_to_array(data["nextmove_row"]))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "ru", "zh", ...), or "und" if it cannot tell."""
    language, confidence = _identifier().classify(text[:_SAMPLE])
    return language if confidence >= _MIN_CONFIDENCE else "und"
