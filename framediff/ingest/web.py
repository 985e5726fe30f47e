"""An article from a web address: fetched (fetch.py), decoded, cleaned, with the page's metadata.

The outlet is the page's own site name, else the site of the URL (for a Wayback
snapshot, the site archived). The date is the page's own; a snapshot adds its
time ("2019-05-30 (Wayback snapshot 2019-06-01 12:30 UTC)"), or gives it alone
where the page states none, so two snapshots of one page show when each was taken.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ..comparison import Article
from ..errors import InputError, shown
from .decode import NotText, decode
from .fetch import fetch
from .html import has_markup
from .reader import article_from_text
from .wayback import snapshot, strip_banner


def site_name(url: str) -> str:
    """"bbc.co.uk" for "https://www.bbc.co.uk/news/x": the host without "www."."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def read_url(url: str, article_id: str = "a", refresh: bool = False) -> Article:
    """Fetch (or take from the cache) the page at `url` and clean it into an Article."""
    page = fetch(url, refresh=refresh)
    snap = snapshot(page.final_url) or snapshot(url)
    body = strip_banner(page.body) if snap else page.body
    if not body.strip():
        raise InputError(f"{shown(url)}: the page is empty")
    try:
        raw = decode(body, page.declared_charsets)
    except NotText as e:
        raise InputError(f"{shown(url)}: is not a web page or text ({e})") from None
    is_html = (page.content_type not in ("", "text/plain") and has_markup(raw)) or None
    art = article_from_text(raw, source=url, article_id=article_id, is_html=is_html)
    art.outlet = art.outlet or site_name(snap[1] if snap else page.final_url)
    if snap:
        art.date = f"{art.date} (Wayback snapshot {snap[0]})" if art.date else f"{snap[0]} (Wayback snapshot)"
    return art
