"""HTML pages: main text and metadata through trafilatura; nothing in the page is run or fetched.

trafilatura parses the markup with lxml and keeps only text: scripts, styles,
iframes, images, event handlers and links never reach `Article.text`. Pages
its main-text extractor finds nothing in fall back to its simpler baseline.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .plaintext import clean_plain_text

_TAG = re.compile(r"<[^>]*>?")
_ANY_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z]|!)")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<meta|<article|<div|<p\b)", re.I)
# The page's own publication date only: the extensive search guessed "2019-01-01" from a "© 2019" footer.
_DATE_AS_STATED = {"extensive_search": False, "original_date": True}


def looks_like_html(raw: str) -> bool:
    return bool(_HTML_START.match(raw[:2000]))


def has_markup(raw: str) -> bool:
    """Whether text named or served as HTML holds any tag at all: plain text in a .html file (or
    served as text/html) is read as text; the HTML extractor finds no article in it."""
    return _ANY_TAG.search(raw) is not None


class _Text(HTMLParser):
    """The text of markup lxml cannot read, one paragraph per block element: lxml drops everything below
    a nesting depth of 255 (a page of unclosed <b> or <font> tags), and then found "no article text"."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "blockquote"}
    SKIPPED = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIPPED
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.skipping = max(0, self.skipping - (tag in self.SKIPPED))
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _text_of(raw: str) -> str:
    parser = _Text()
    parser.feed(raw)
    parser.close()
    return "\n".join(" ".join(line.split()) for line in "".join(parser.parts).split("\n"))


def extract_html(raw: str) -> tuple[str, dict]:
    """Main text (title first) and metadata of an HTML page."""
    import trafilatura  # here, not at import: 0.1 s of every start that reads no page

    doc = trafilatura.bare_extraction(raw, include_comments=False, include_tables=False,
                                      favor_precision=True, with_metadata=True,
                                      date_extraction_params=_DATE_AS_STATED)
    meta: dict[str, str] = {}
    body = doc.text if doc is not None and doc.text else trafilatura.baseline(raw)[1] or _text_of(raw)
    if doc is not None:
        for key in ("title", "sitename", "date", "author"):
            val = " ".join(_TAG.sub(" ", str(getattr(doc, key, None) or "")).split())[:200]
            if val:
                meta["outlet" if key == "sitename" else key] = val
    title = meta.get("title", "")
    paragraphs = [title, *body.split("\n")]  # one paragraph per line
    text, text_meta = clean_plain_text("\n\n".join(paragraphs).strip())
    if title and text_meta["title"] != title and not text.startswith(title):
        # the page states its title: it heads the text even when it shares few words with the story
        text, text_meta["title"] = f"{title}\n\n{text}".strip(), title
    return text, {**text_meta, **meta, "title": text_meta["title"]}  # the title heads the text
