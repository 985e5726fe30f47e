"""HTML pages: main text and metadata through trafilatura; nothing in the page is run or fetched."""
from __future__ import annotations

import re

import trafilatura

from .plaintext import clean_plain_text

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<meta|<article|<div|<p\b)", re.I)


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_START.match(raw[:2000]))


def extract_html(raw: str) -> tuple[str, dict]:
    """Main text (title first) and metadata of an HTML page."""
    doc = trafilatura.bare_extraction(raw, include_comments=False, include_tables=False,
                                      favor_precision=True, with_metadata=True)
    meta: dict[str, str] = {}
    body = ""
    if doc is not None:
        body = doc.text or ""
        for key in ("title", "sitename", "date", "author", "language"):
            val = getattr(doc, key, None)
            if val:
                meta["outlet" if key == "sitename" else key] = str(val)
    text, text_meta = clean_plain_text((meta.get("title", "") + "\n\n" + body).strip())
    return text, {**text_meta, **meta}
