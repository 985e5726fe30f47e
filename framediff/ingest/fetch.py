"""Web pages by URL: fetched with httpx under strict rules, cached by URL beside the vectors.

The rules: http and https only; a connect and a read timeout, and a deadline for the
whole page (a server dripping a byte at a time passes every read timeout); at most
5 redirects; HTML or plain-text content types only; the same 16 MB cap as files,
enforced while the body streams in. Every failure is an `InputError` naming the URL.

Fetched pages are kept in `pages.sqlite3` in the cache folder of the vectors
(`embed.cache_dir()`), keyed by the URL as given; `refresh=True` fetches again.
A cache that cannot be opened or written is skipped, never an error.
"""
from __future__ import annotations

import os
import re
import sqlite3
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import InputError, shown

MAX_REDIRECTS = 5
TIMEOUT = 15.0  # seconds to connect, and between two reads (FRAMEDIFF_FETCH_TIMEOUT overrides)
DEADLINE_FACTOR = 4  # the whole page must arrive within this many timeouts
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)


@dataclass
class Page:
    """What a server sent for a URL: the body and how to read it."""

    url: str  # as given
    final_url: str  # after redirects
    content_type: str  # e.g. "text/html"
    charset: str  # from the Content-Type header, "" if none
    body: bytes

    @property
    def declared_charsets(self) -> list[str]:
        """The header's charset, then the page's meta tag's: the order in which they are trusted."""
        meta = _META_CHARSET.search(self.body[:4096])
        found = [self.charset, meta.group(1).decode("ascii", "replace") if meta else ""]
        return [c for c in found if c]


def is_url(spec: str) -> bool:
    """Whether an input names a web address (any scheme://) rather than a file."""
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec))


def timeout() -> float:
    try:
        return max(0.05, float(os.environ.get("FRAMEDIFF_FETCH_TIMEOUT", TIMEOUT)))
    except ValueError:
        return TIMEOUT


def fetch(url: str, refresh: bool = False) -> Page:
    """The page at `url`, from the cache unless `refresh`, or an InputError saying what went wrong."""
    name = shown(url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"{name}: only http and https links can be fetched")
    if not parts.hostname:
        raise InputError(f"{name}: is not a web address (no host name)")
    cache = PageCache()
    page = None if refresh else cache.get(url)
    if page is None:
        page = _download(url, name)
        cache.put(page)
    return page


def _download(url: str, name: str) -> Page:
    import httpx

    from .. import __version__

    limit = _max_bytes()
    wait = timeout()
    deadline = time.monotonic() + DEADLINE_FACTOR * wait
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=httpx.Timeout(wait),
                          headers={"User-Agent": f"framediff/{__version__}", "Accept": "text/html, text/plain;q=0.8"}) as client:
            with client.stream("GET", url) as r:
                if r.status_code >= 400:
                    raise InputError(f"{name}: the server answered {r.status_code} {r.reason_phrase}".rstrip())
                mime = r.headers.get("content-type", "").split(";")[0].strip().lower()
                if mime and mime not in _TEXT_TYPES:
                    raise InputError(f"{name}: is not a web page or text (the server says {shown(mime)[:60]})")
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise InputError(f"{name}: too large ({int(declared) / 2**20:.0f} MB); framediff reads "
                                     f"pages up to {limit // 2**20} MB")
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise InputError(f"{name}: too large (more than {limit // 2**20} MB); framediff reads "
                                         f"pages up to {limit // 2**20} MB")
                    if time.monotonic() > deadline:
                        raise InputError(f"{name}: the page did not arrive within {DEADLINE_FACTOR * wait:g} s")
                    chunks.append(chunk)
                return Page(url, str(r.url), mime, r.charset_encoding or "", b"".join(chunks))
    except httpx.TooManyRedirects:
        raise InputError(f"{name}: more than {MAX_REDIRECTS} redirects (a redirect loop?)") from None
    except httpx.TimeoutException:
        raise InputError(f"{name}: the server did not answer within {wait:g} s") from None
    except httpx.UnsupportedProtocol:
        raise InputError(f"{name}: redirected to an address that is not http or https") from None
    except httpx.ConnectError as e:
        raise InputError(f"{name}: cannot connect ({_reason(e)})") from None
    except (httpx.HTTPError, httpx.InvalidURL) as e:
        raise InputError(f"{name}: cannot be fetched ({_reason(e)})") from None


def _reason(e: Exception) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return shown(text)[:160]


def _max_bytes() -> int:
    from .reader import MAX_BYTES

    return MAX_BYTES


class PageCache:
    """URL -> the fetched page, in SQLite beside the vectors; an unusable cache is no cache."""

    def __init__(self):
        from ..embed import cache_dir

        self._db: sqlite3.Connection | None = None
        try:
            folder = cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / "pages.sqlite3", timeout=10)
            self._db.execute("CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, final_url TEXT, "
                             "content_type TEXT, charset TEXT, body BLOB, fetched REAL)")
        except (OSError, sqlite3.Error):
            self._db = None

    def get(self, url: str) -> Page | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT final_url, content_type, charset, body FROM pages WHERE url=?",
                                   (url,)).fetchone()
        except sqlite3.Error:
            return None
        return Page(url, row[0], row[1], row[2], bytes(row[3])) if row else None

    def put(self, page: Page) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?)",
                                 (page.url, page.final_url, page.content_type, page.charset, page.body, time.time()))
        except sqlite3.Error:
            pass
