"""Outlet, date and author from the by-lines and datelines of pasted text.

Recognises the lines news sites print: a time stamp with outlet and editor
("2018-08-01 10:02:38CGTN Editor : Mo Hong'e"), an outlet with a time stamp
("guanchazhewang· 2017-03-22 18:04:39"), agency datelines
("TOKYO (Pakistan Point News / Sputnik - 31st May, 2019)",
"MOSCOW, May 31 (Reuters) -"), "By ..." lines, and agency footers and blurbs
("AVIONEWS - World Aeronautical Press Agency", "Waonews is a news media from ...").
Lines that only carry metadata are returned in `_lines` so the cleaner drops
them; a dateline's prefix is returned in `_dateline` so it is cut from the lead.
"""
from __future__ import annotations

import re

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DMY_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MDY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_BYLINE_DATE_FIRST = re.compile(
    rf"^(?P<date>\d{{4}}-\d{{2}}-\d{{2}})[ T]{_TIME}\s*(?P<outlet>[^\W\d_][\w.]*)?"
    r"(?:\s+Editor\s*:\s*(?P<author>[^\n]{1,60}?))?(?:\s+\w+\s+App Download)?\s*$")
_BYLINE_OUTLET_FIRST = re.compile(
    rf"^(?P<outlet>[\w.]+)\s*[·|•-]\s*(?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?:\s+{_TIME})?\s*$")
_DATELINE_PAREN = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40})\s\((?P<outlet>[^()]{2,80}?)\s*[-–—]\s*(?P<date>[^()]{6,30})\)\s*")
_DATELINE_AGENCY = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40}),\s(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2})\s\((?P<outlet>[^()]{2,40})\)\s*[-–—]\s*")
_BY = re.compile(r"^(?:(?:[Bb]y|BY|Author:)\s+(?P<author>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4})"
                 r"|(?:作者|[Аа]втор)\s*[:：]\s*(?P<author2>[^\d\s].{1,40}))$")
_AGENCY_FOOTER = re.compile(r"^(?P<outlet>[A-Z]\w+)\s*[-–—]\s*[\w ]{0,60}(Agency|News|Press|Media)\s*$")
_BLURB = re.compile(r"^(?P<outlet>[A-Z]\w+) is an? (news|media|press)\b", re.I)
_LATEST = re.compile(r"^the la[st]+est (articles|news|stories) (of|from) (?P<outlet>\S+)\s*$", re.I)
_MAX_LINE = 300  # metadata lines are short; longer lines are story text and are not scanned


def parse_date(s: str) -> str:
    """An ISO date (YYYY-MM-DD) from common newsroom spellings, or ""."""
    m = _YMD.search(s)
    if m:
        y, mo, d = (int(x) for x in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""
    m = _DMY_NUM.search(s)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    for pattern, day, month in ((_DMY, 1, 2), (_MDY, 2, 1)):
        m = pattern.search(s)
        if m and m.group(month).lower() in _MONTHS:
            return f"{int(m.group(3)):04d}-{_MONTHS[m.group(month).lower()]:02d}-{int(m.group(day)):02d}"
    return ""


def find_metadata(raw: str) -> dict:
    """Metadata found in the raw text, plus `_lines` (metadata-only lines) and `_dateline`."""
    meta: dict = {"_lines": set()}
    for line in (ln.strip() for ln in raw.split("\n")):
        if not line or len(line) > _MAX_LINE:
            continue
        m = _BYLINE_DATE_FIRST.match(line) or _BYLINE_OUTLET_FIRST.match(line)
        if m:
            for key in ("date", "outlet", "author"):
                if m.groupdict().get(key):
                    meta.setdefault(key, m.group(key).strip())
            meta["_lines"].add(line)
            continue
        m = _DATELINE_PAREN.match(line) or _DATELINE_AGENCY.match(line)
        if m and "_dateline" not in meta and (m.re is _DATELINE_AGENCY or parse_date(m.group("date"))):
            meta.setdefault("outlet", m.group("outlet").strip())
            if parse_date(m.group("date")):
                meta.setdefault("date", parse_date(m.group("date")))
            meta["_dateline"] = m.group(0)
            continue
        m = _BY.match(line)
        if m:
            meta.setdefault("author", (m.group("author") or m.group("author2")).strip())
            meta["_lines"].add(line)
            continue
        for pattern in (_AGENCY_FOOTER, _BLURB, _LATEST):
            m = pattern.match(line)
            if m:
                meta.setdefault("outlet", m.group("outlet"))
                meta["_lines"].add(line)
                break
    return meta
