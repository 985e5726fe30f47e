"""Wayback Machine snapshots (`web.archive.org/web/<time>/<url>`): the page without the archive's banner.

The archive serves the page with its toolbar inserted between two comments
(BEGIN/END WAYBACK TOOLBAR INSERT) and its own scripts in the head; both are cut
before the page is read. Any host serving that path form is treated alike
(other archives run the same software).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_PATH = re.compile(r"^/web/(?P<time>\d{4,14})(?:[a-z]{2}_)?/(?P<url>.+)$")
_TOOLBAR = re.compile(rb"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.S | re.I)
_HEAD_INSERT = re.compile(rb"<script[^>]*archive\.org[^>]*>.*?<!--\s*End Wayback Rewrite JS Include\s*-->", re.S | re.I)
_FOOTER = re.compile(rb"<!--\s*FILE ARCHIVED ON .*?-->", re.S)


def snapshot(url: str) -> tuple[str, str] | None:
    """(snapshot time as "YYYY-MM-DD HH:MM UTC", the archived page's URL), or None for other URLs."""
    parts = urlsplit(url)
    m = _PATH.match(parts.path + (f"?{parts.query}" if parts.query else ""))
    if not m:
        return None
    t = m.group("time").ljust(14, "0")
    when = f"{t[:4]}-{t[4:6]}-{t[6:8]}" + (f" {t[8:10]}:{t[10:12]} UTC" if len(m.group("time")) > 8 else "")
    return when, m.group("url")


def strip_banner(html: bytes) -> bytes:
    """The archived page without the archive's toolbar, head scripts and closing comment."""
    for pattern in (_TOOLBAR, _HEAD_INSERT, _FOOTER):
        html = pattern.sub(b"", html)
    return html
