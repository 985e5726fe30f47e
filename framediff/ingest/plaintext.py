"""Plain text pasted from the web: strip site debris, keep every sentence of the story.

Debris is judged line by line against the story itself: the story core is the
set of long, sentence-like paragraphs; a short line without sentence
punctuation that shares little vocabulary with that core (menus, social links,
"Most popular in 24h", publisher blurbs) is dropped, as are copyright notices,
link spam in another script, and repeated headlines. The title is the first
headline-like line that shares words with the story.
"""
from __future__ import annotations

import re
import unicodedata

from .metadata import find_metadata

_WORD = re.compile(r"[^\W\d_]{3,}", re.U)
_SENT_END = re.compile(r"[.!?…。！？\"”»'’)\]]\s*$")
_COPYRIGHT = re.compile(
    r"(©|\(c\)|copyright|all rights reserved|reproduction in whole|without permission is prohibited"
    r"|privacy policy|terms of (use|service)|cookie)", re.I)
_SOCIAL = {"facebook", "twitter", "youtube", "instagram", "linkedin", "whatsapp", "telegram", "vk",
           "pinterest", "tiktok", "reddit", "email", "share", "tweet", "rss", "weibo", "wechat", "line"}
_STOP = set("""the and for that with this from have has had was were are been will would said says
which their there they them than then into about after before over also more most other some such
what when where while who whom whose why how its it's his her our your not but can could may might
should must shall being does did doing just only very out off per via""".split())


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _content(s: str) -> set[str]:
    return {w for w in _words(s) if w not in _STOP}


def _script_share(s: str) -> dict[str, float]:
    counts: dict[str, int] = {}
    letters = 0
    for ch in s:
        if ch.isalpha():
            letters += 1
            name = unicodedata.name(ch, "X").split()[0]
            counts[name] = counts.get(name, 0) + 1
    return {k: v / letters for k, v in counts.items()} if letters else {}


def _main_script(text: str) -> str:
    shares = _script_share(text)
    return max(shares, key=shares.get) if shares else "LATIN"


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def _is_sentence_like(line: str) -> bool:
    return len(_words(line)) >= 12 and bool(re.search(r"[.!?。！？]", line))


def clean_plain_text(raw: str) -> tuple[str, dict]:
    """Return (clean body with the title as its first paragraph, metadata)."""
    paragraphs = [[ln.strip() for ln in block.split("\n") if ln.strip()]
                  for block in re.split(r"\n\s*\n", raw)]
    paragraphs = [p for p in paragraphs if p]
    meta = find_metadata(raw)
    script = _main_script(raw)
    core_words: set[str] = set()
    for p in paragraphs:
        joined = " ".join(p)
        if _is_sentence_like(joined) and len(_words(joined)) >= 8 * len(p):
            core_words |= _content(joined)

    def overlap(line: str) -> float:
        words = _content(line)
        return len(words & core_words) / len(words) if words else 0.0

    def debris(line: str, in_list: bool) -> bool:
        if meta.get("_lines") and line in meta["_lines"]:
            return True
        if _COPYRIGHT.search(line) and len(_words(line)) < 25:
            return True
        shares = _script_share(line)
        if shares and shares.get(script, 0) < 0.5:
            return True
        words = _words(line)
        if not words:
            return True
        if all(w in _SOCIAL for w in words):
            return True
        if _SENT_END.search(line) and len(words) >= 6:
            return False
        if in_list and len(words) <= 4:
            return True
        return overlap(line) < 0.3 and len(words) < 30

    dateline = meta.get("_dateline", "")
    kept: list[str] = []
    for p in paragraphs:
        if dateline and p[0].startswith(dateline):
            p = [p[0][len(dateline):].strip(), *p[1:]]
        is_list = len(p) >= 3 and sum(len(_words(ln)) <= 4 for ln in p) >= len(p) / 2
        lines = [ln for ln in p if not debris(ln, is_list)]
        if lines:
            kept.append(" ".join(lines) if not is_list else "\n".join(lines))

    title = _pick_title(kept, meta)
    body = _drop_repeats(kept, title)
    meta = {k: v for k, v in meta.items() if not k.startswith("_")}
    meta.setdefault("title", title)
    return "\n\n".join(body), meta


def _pick_title(paragraphs: list[str], meta: dict) -> str:
    if meta.get("title"):
        return meta["title"]
    for p in paragraphs[:6]:
        if 4 <= len(_words(p)) <= 30:
            return p
    return paragraphs[0] if paragraphs else ""


def _drop_repeats(paragraphs: list[str], title: str) -> list[str]:
    """Drop short lines before the title, repeats of the title, and paragraphs repeated later."""
    if title in paragraphs:
        i = paragraphs.index(title)
        paragraphs = [p for p in paragraphs[:i] if len(_words(p)) >= 8] + paragraphs[i:]
        paragraphs.insert(0, paragraphs.pop(paragraphs.index(title)))
    out: list[str] = []
    nt = _norm(title)
    for i, p in enumerate(paragraphs):
        np_ = _norm(p)
        if i > 0 and np_ and (np_ == nt or (nt.startswith(np_) and len(np_) > 10)):
            continue
        if i > 0 and len(np_) > 40 and any(np_ in _norm(q) for q in paragraphs[i + 1:]):
            continue
        if re.match(r"original title\s*:", p, re.I):
            continue
        out.append(p)
    return out
