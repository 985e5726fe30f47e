"""Which language an article is written in: py3langid (offline, small, 97 languages).

Its model ships packed with LZMA: unpacking it took 0.4 s at every start, before any other step could begin (the
language decides which run). It is unpacked once into the user's cache folder (`langid/`, 68 MB, named for the
version of py3langid and the size of its packed model) as its arrays one after the other in NumPy's own format, and
read from there straight into the arrays the identifier uses (0.06 s; from a .npz, whose members are read through
zipfile and then copied, 0.17-0.23 s); where that folder cannot be written, or its copy cannot be read, the packed
model is read as before.
"""
from __future__ import annotations

import io
import lzma
from array import array
from contextlib import suppress
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from numpy.lib import format as npy
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import _TYPECODE, _to_array

from ..embed import atomic_write, user_cache

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")  # the unpacked copy's arrays, in order
_SAMPLE = 20_000
_MIN_CONFIDENCE = 0.5  # below this (a few words) the identifier is guessing


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    packed = Path(MODEL_DIR) / MODEL_FILE
    unpacked = user_cache() / "langid" / f"py3langid-{version('py3langid')}-{packed.stat().st_size}.npys"
    try:
        if not unpacked.is_file():
            unpacked.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(unpacked, lambda tmp: _unpack(packed, tmp))
            for old in unpacked.parent.glob("py3langid-*.npz"):  # the earlier form of the copy
                old.unlink(missing_ok=True)
        return _read(unpacked)
    except Exception:  # noqa: BLE001 - a folder that cannot be written, a damaged copy: the packed model
        with suppress(OSError):
            unpacked.unlink(missing_ok=True)  # a damaged copy is unpacked again next time
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _unpack(packed: Path, target: Path) -> None:
    """The packed model (an LZMA-packed .npz) written as its arrays one after the other, each in NumPy's format."""
    with lzma.open(packed) as src, np.load(io.BytesIO(src.read()), allow_pickle=False) as data, \
            open(target, "wb") as out:
        for name in _ARRAYS:
            npy.write_array(out, data[name], allow_pickle=False)


def _read(path: Path) -> LanguageIdentifier:
    """The identifier from the unpacked model: what py3langid's own loader (modelio.load_model) makes of it; its
    39 MB state table read from the file straight into the stdlib array the tokenizer walks."""
    data = {}
    with open(path, "rb") as f:
        for name in _ARRAYS:
            if name == "nextmove":
                major, _ = npy.read_magic(f)
                shape, _, dtype = (npy.read_array_header_1_0 if major == 1 else npy.read_array_header_2_0)(f)
                data[name] = array(_TYPECODE[dtype.itemsize])
                data[name].fromfile(f, int(np.prod(shape)))
            else:
                data[name] = npy.read_array(f, allow_pickle=False)
    return LanguageIdentifier(data["ptc"], data["pc"], data["classes"].tolist(), data["nextmove"],
                              data["out_feat"].tolist(), norm_probs=True, tk_row=_to_array(data["nextmove_row"]))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "ru", "zh", ...), or "und" if it cannot tell."""
    language, confidence = _identifier().classify(text[:_SAMPLE])
    return language if confidence >= _MIN_CONFIDENCE else "und"
