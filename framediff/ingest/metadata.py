"""Outlet, date and author from the debris lines of pasted text.

Recognises the by-lines news sites print: "2018-08-01 10:02:38CGTN Editor : Mo Hong'e",
"guanchazhewang· 2017-03-22 18:04:39", datelines such as
"TOKYO (Pakistan Point News / Sputnik - 31st May, 2019)", and agency footers
("AVIONEWS - World Aeronautical Press Agency", "Waonews is a news media from ...").
Lines that only carry metadata are returned in `_lines` so the cleaner drops
them; a dateline's prefix is returned in `_dateline` so it is cut from the lead.
"""
from __future__ import annotations

import re

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+),?\s+(\d{4})")
_MDY = re.compile(r"([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")

_BYLINE_DATE_FIRST = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}(?::\d{2})?\s*(?P<outlet>[A-Z][\w.]+)?"
    r"(?:\s+Editor\s*:\s*(?P<author>[^\n]*?))?(?:\s+\w+\s+App Download)?\s*$")
_BYLINE_OUTLET_FIRST = re.compile(r"^(?P<outlet>[\w.]+)\s*[·|•-]\s*(\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]+?)\s*\((?P<outlet>[^()]{2,80}?)\s*[-–—]\s*(?P<date>[^()]{6,30})\)\s*")
_AGENCY_FOOTER = re.compile(r"^(?P<outlet>[A-Z][\w]+)\s*[-–—]\s*[\w ]*(Agency|News|Press|Media)\s*$")
_BLURB = re.compile(r"^(?P<outlet>[A-Z]\w+) is an? (news|media|press)\b", re.I)
_LATEST = re.compile(r"^the la[st]+est articles of (?P<outlet>\S+)\s*$", re.I)


def parse_date(s: str) -> str:
    """An ISO date (YYYY-MM-DD) from common newsroom spellings, or ""."""
    m = _ISO.search(s)
    if m:
        return m.group(0)
    m = _DMY.search(s)
    if m and m.group(2).lower() in _MONTHS:
        return f"{int(m.group(3)):04d}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = _MDY.search(s)
    if m and m.group(1).lower() in _MONTHS:
        return f"{int(m.group(3)):04d}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    return ""


def find_metadata(raw: str) -> dict:
    """Metadata found in the raw text, plus `_lines` (metadata-only lines) and `_dateline`."""
    meta: dict = {"_lines": set()}
    for line in (ln.strip() for ln in raw.split("\n")):
        if not line:
            continue
        m = _BYLINE_DATE_FIRST.match(line)
        if m:
            meta.setdefault("date", m.group(1))
            if m.group("outlet"):
                meta.setdefault("outlet", m.group("outlet"))
            if m.group("author"):
                meta.setdefault("author", m.group("author").strip())
            meta["_lines"].add(line)
            continue
        m = _BYLINE_OUTLET_FIRST.match(line)
        if m:
            meta.setdefault("outlet", m.group("outlet"))
            meta.setdefault("date", m.group(2))
            meta["_lines"].add(line)
            continue
        m = _DATELINE.match(line)
        if m and parse_date(m.group("date")):
            meta.setdefault("outlet", m.group("outlet").strip())
            meta.setdefault("date", parse_date(m.group("date")))
            meta["_dateline"] = m.group(0)
            continue
        for pattern in (_AGENCY_FOOTER, _BLURB, _LATEST):
            m = pattern.match(line)
            if m:
                meta.setdefault("outlet", m.group("outlet"))
                meta["_lines"].add(line)
                break
    return meta
