"""Bytes to text: detect the encoding (charset-normalizer), never crash on bad bytes."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding (images, archives, executables)."""
    sample = data[:65536]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def decode(data: bytes) -> str:
    """Decode bytes to str, with line endings normalised and NUL bytes removed."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data[:2_000_000]).best()
            enc = best.encoding if best else "utf-8"
            text = data.decode(enc, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
