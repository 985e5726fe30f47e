"""Bytes to text: BOMs, then strict UTF-8, then a declared charset, then a detector (chardet).

Never crashes on bad bytes.

UTF-8 is tried first because detectors can mistake short UTF-8 samples for a
legacy code page; a UTF-8 file that is cut mid-character or carries a few stray
bytes stays UTF-8 (with U+FFFD for the bad bytes) rather than being read as
mojibake. A web page's declared charsets (the Content-Type header, then its meta
tag) come next, each taken only if the bytes decode under it without error: a
header claiming Latin-1 for UTF-8 bytes, or UTF-8 for cp1251 bytes, is a lie the
bytes give away. Only text that is none of these goes to the detector.
"""
from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Sequence

import chardet

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# C0 controls other than tab and newline would reach the window and the report: drop them.
_CONTROLS = {c: None for c in range(32) if c not in (9, 10)}
_CONTROLS.update({0x2028: "\n", 0x2029: "\n\n", 0x85: "\n", 0xFEFF: None})


class NotText(ValueError):
    """The bytes are not text in any encoding; the message says what they look like."""


def _utf8_with_damage(data: bytes) -> str | None:
    """UTF-8 text with a few bad bytes (e.g. a truncated last character), or None if it is not UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    cut_at_end = any(_strict(data[:-k], "utf-8") is not None for k in (1, 2, 3))
    return text if multibyte >= 20 * bad or (cut_at_end and multibyte > 0) else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _garbled(text: str) -> bool:
    """Binary data a detector took for text decodes to unassigned, private and replacement characters."""
    sample = text[:20_000]
    odd = sum(1 for ch in sample if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
              and ch not in "\n\r\t")
    return odd > 0.05 * len(sample)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > 0.05 * len(sample)


def _declared(data: bytes, charsets: Sequence[str]) -> str | None:
    for name in charsets:
        try:
            enc = codecs.lookup(name).name
        except (LookupError, TypeError, ValueError):
            continue
        text = _strict(data, enc)
        if text is not None and not _garbled(text):
            return text
    return None


def decode(data: bytes, declared: Sequence[str] = ()) -> str:
    """Decode bytes to str with line endings normalised and control characters removed.

    `declared`: charsets the source names, most trusted first (a page's header, then its meta tag).
    Raises NotText for images, archives, executables and other binary data.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            break
    else:
        binary = _looks_binary(data)
        text = None if binary else _strict(data, "utf-8") or _declared(data, declared) or _utf8_with_damage(data)
        if text is None:
            guess = chardet.detect(data, prefer_superset=True, compat_names=False)
            enc = guess["encoding"]
            if enc is None or (binary and not enc.startswith("utf-")):
                raise NotText(guess.get("mime_type") or "binary data")
            text = data.decode(enc, errors="replace")
            if _garbled(text):
                raise NotText("binary data")
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
