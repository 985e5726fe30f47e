"""HTML pages: main text and metadata through trafilatura; nothing in the page is run or fetched.

trafilatura parses the markup with lxml and keeps only text: scripts, styles,
iframes, images, event handlers and links never reach `Article.text`. Pages
its main-text extractor finds nothing in fall back to its simpler baseline.
"""
from __future__ import annotations

import re

import trafilatura

from .plaintext import clean_plain_text

_TAG = re.compile(r"<[^>]*>?")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<meta|<article|<div|<p\b)", re.I)


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_START.match(raw[:2000]))


def extract_html(raw: str) -> tuple[str, dict]:
    """Main text (title first) and metadata of an HTML page."""
    doc = trafilatura.bare_extraction(raw, include_comments=False, include_tables=False,
                                      favor_precision=True, with_metadata=True)
    meta: dict[str, str] = {}
    body = doc.text if doc is not None and doc.text else trafilatura.baseline(raw)[1]
    if doc is not None:
        for key in ("title", "sitename", "date", "author"):
            val = " ".join(_TAG.sub(" ", str(getattr(doc, key, None) or "")).split())[:200]
            if val:
                meta["outlet" if key == "sitename" else key] = val
    paragraphs = [meta.get("title", ""), *body.split("\n")]  # one paragraph per line
    text, text_meta = clean_plain_text("\n\n".join(paragraphs).strip())
    return text, {**text_meta, **meta, "title": text_meta["title"]}  # the title heads the text
