"""Open a file safely and turn it into an `Article`."""
from __future__ import annotations

import os
from pathlib import Path

from ..comparison import Article
from ..errors import InputError
from .decode import decode, looks_binary
from .html import extract_html, looks_like_html
from .plaintext import clean_plain_text

MAX_BYTES = 25 * 1024 * 1024


def read_article(path: str | os.PathLike, article_id: str = "a") -> Article:
    """Read a .txt, .md or .html file into an Article, or raise InputError saying why not."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not an article file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: too large ({size / 1e6:.0f} MB; framediff reads articles up to {MAX_BYTES // 2**20} MB)")
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"{p}: not readable (permission denied)") from None
    except OSError as e:
        raise InputError(f"{p}: cannot be read ({e.strerror})") from None
    if not data.strip():
        raise InputError(f"{p}: is empty")
    if looks_binary(data):
        raise InputError(f"{p}: is not a text or HTML file (binary data)")
    return article_from_text(decode(data), source=str(p), article_id=article_id,
                             is_html=p.suffix.lower() in (".html", ".htm", ".xhtml") or None)


def article_from_text(raw: str, source: str = "pasted text", article_id: str = "a",
                      is_html: bool | None = None) -> Article:
    """Clean raw text or HTML (pasted or read) into an Article."""
    if is_html is None:
        is_html = looks_like_html(raw)
    body, meta = extract_html(raw) if is_html else clean_plain_text(raw)
    if not body.strip():
        raise InputError(f"{source}: holds no article text")
    return Article(
        id=article_id,
        source=source,
        title=meta.get("title", ""),
        outlet=meta.get("outlet", ""),
        date=meta.get("date", ""),
        language=meta.get("language", "") or "en",
        text=body,
        author=meta.get("author", ""),
    )
