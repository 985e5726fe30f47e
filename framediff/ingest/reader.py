"""Open a file safely and turn it into an `Article`."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..comparison import Article
from ..errors import InputError, shown
from .decode import NotText, decode
from .html import extract_html, has_markup, looks_like_html
from .language import detect_language
from .plaintext import clean_plain_text

# Book length is supported: two texts of 20,000 sentences each (about 3.6 million characters)
# compare with every stage linear in length and peak memory under 2 GB (bench/speed.py; the
# spaCy parse runs paragraph block by block). The cap is set just above that, 4 million
# characters of clean text; files at 16 MB, since HTML pages carry far more markup than text.
# On the 2-core reference machine such a comparison takes about a quarter of an hour of CPU,
# nearly all of it the embedding model.
MAX_BYTES = 16 * 1024 * 1024
MAX_TEXT_CHARS = 4_000_000
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _read_bytes(p: Path) -> bytes:
    name = shown(p)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a folder, not an article file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{name}: is not a regular file (a device, pipe or socket)")
    if st.st_size > MAX_BYTES:
        raise InputError(f"{name}: too large ({st.st_size / 2**20:.0f} MB); framediff reads article files "
                         f"up to {MAX_BYTES // 2**20} MB")
    try:
        with open(p, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"{name}: not readable (permission denied)") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror})") from None


def read_article(path: str | os.PathLike, article_id: str = "a") -> Article:
    """Read a .txt, .md or .html file into an Article, or raise InputError saying why not."""
    p = Path(path)
    name = shown(p)
    data = _read_bytes(p)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large (it grew while being read); framediff reads article files "
                         f"up to {MAX_BYTES // 2**20} MB")
    if not data.strip():
        raise InputError(f"{name}: is empty")
    try:
        raw = decode(data)
    except NotText as e:
        raise InputError(f"{name}: is not a text or HTML file ({e})") from None
    return article_from_text(raw, source=name, article_id=article_id,
                             is_html=(p.suffix.lower() in _HTML_SUFFIXES and has_markup(raw)) or None)


def article_from_text(raw: str, source: str = "pasted text", article_id: str = "a",
                      is_html: bool | None = None) -> Article:
    """Clean raw text or HTML (pasted or read) into an Article."""
    if is_html is None:
        is_html = looks_like_html(raw)
    # Debris never doubles a text, so plain text twice the cap is refused before any work;
    # HTML is judged after extraction, since markup can outweigh the text many times.
    if len(raw) > (MAX_BYTES if is_html else 2 * MAX_TEXT_CHARS):
        _too_long(source, len(raw))
    body, meta = extract_html(raw) if is_html else clean_plain_text(raw)
    if not body.strip():
        raise InputError(f"{shown(source)}: holds no article text")
    if len(body) > MAX_TEXT_CHARS:
        _too_long(source, len(body))
    return Article(
        id=article_id,
        source=source,
        title=meta.get("title", ""),
        outlet=meta.get("outlet", ""),
        date=meta.get("date", ""),
        language=detect_language(body),
        text=body,
        author=meta.get("author", ""),
    )


def _too_long(source: str, chars: int) -> None:
    raise InputError(f"{shown(source)}: too long ({chars:,} characters of text); framediff compares articles "
                     f"up to {MAX_TEXT_CHARS:,} characters")
