"""Plain text pasted from the web: strip site debris, keep every sentence of the story.

Lines hard-wrapped at a fixed width, or continuing a sentence in lower case, are
joined first. Each line is then judged against the story itself (the long,
sentence-like paragraphs): a line that reads as a sentence stays; a short line
that shares little vocabulary with the story (menus, social links, "Most popular
in 24h", publisher blurbs) goes, as do copyright footers, promos ("Related:",
"Sign up"), bar-separated menus, link spam in another script, by-lines and
repeated headlines. Items of a list a kept line introduces with a colon stay.
The title is the first headline-like line above the story. Works for spaced
scripts and for Chinese and Japanese (character bigrams stand in for words).
"""
from __future__ import annotations

import re

from .metadata import find_metadata
from .scripts import CJK_RUN, main_script, script_shares

_WORD = re.compile(r"[^\W\d_]{3,}")
_SENT_PUNCT = re.compile(r"[.!?。！？]")
_SENT_END = re.compile(r"[.!?…。！？\"”»'’)\]」』）]\s*$")
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|copyright\W*(\d{4}|\?)|all rights reserved|reproduction .{0,40}without .{0,30}permission"
    r"|privacy policy|terms of (use|service)|cookie (policy|settings)|we use cookies", re.I)
_CALL_TO_ACTION = re.compile(
    r"(?<=[.!?。！？\"”])\s*(click here|read more|continue reading|subscribe|sign up)\b[^.!?]{0,60}$", re.I)
_PROMO = re.compile(
    r"^(sign up|subscribe|follow us|click|tap here|download (our|the)|share (this|on)|read (more|also)|also read"
    r"|see also|related( (stories|articles|news|content))?|recommended|watch|listen|advertisement|sponsored)\b", re.I)
_MENU_BAR = re.compile(r"\s[|•·]\s|\s*\|\s*")
_ORIGINAL_TITLE = re.compile(r"^(original (title|headline)|原标题|原題)\s*[:：]", re.I)
_SOCIAL = {"facebook", "twitter", "youtube", "instagram", "linkedin", "whatsapp", "telegram", "pinterest",
           "tiktok", "reddit", "email", "mail", "share", "tweet", "rss", "weibo", "wechat", "line", "print",
           "comment", "comments", "copy", "link"}
_BRIEF = 3  # lines: a wire brief, a headline and its one sentence, a pasted paragraph
_STOP = set("""the and for that with this from have has had was were are been will would said says
which their there they them than then into about after before over also more most other some such
what when where while who whom whose why how its it's his her our your not but can could may might
should must shall being does did doing just only very out off per via""".split())


def tokens(s: str) -> list[str]:
    """Words of 3+ letters, lower-cased; character bigrams for Chinese and Japanese runs."""
    out = [w.lower() for w in _WORD.findall(CJK_RUN.sub(" ", s))]
    for run in CJK_RUN.findall(s):
        out += [run[i:i + 2] for i in range(max(1, len(run) - 1))]
    return out


def _content(s: str) -> set[str]:
    return {w for w in tokens(s) if w not in _STOP}


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def _is_menu(line: str) -> bool:
    """Short items between bars or bullets: "About Us | Jobs | Privacy Policy"."""
    items = [i for i in _MENU_BAR.split(line) if i.strip()]
    return len(items) >= 2 and _MENU_BAR.search(line) is not None and all(len(tokens(i)) <= 3 for i in items)


def _is_sentence_like(line: str) -> bool:
    return len(tokens(line)) >= 12 and bool(_SENT_PUNCT.search(line))


def _join(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        cjk = CJK_RUN.match(ln[:1]) and CJK_RUN.match(out[-1:])
        out += ("" if cjk else " ") + ln
    return out


def _unwrap(lines: list[str]) -> list[str]:
    """Join lines hard-wrapped at a fixed width, and lines that continue a sentence in lower case;
    otherwise each line is a paragraph."""
    width = max(map(len, lines))
    full = [len(ln) >= 0.75 * width and not _SENT_END.search(ln) for ln in lines[:-1]]
    if len(lines) < 3 or not 40 <= width <= 120 or sum(full) < 0.6 * len(full):
        out: list[str] = []
        for ln in lines:
            if out and ln[0].islower() and not _SENT_END.search(out[-1]) and not out[-1].endswith(":"):
                out[-1] = _join([out[-1], ln])
            else:
                out.append(ln)
        return out
    out, current = [], []
    for ln in lines:
        current.append(ln)
        if len(ln) < 0.75 * width:
            out.append(_join(current))
            current = []
    return out + ([_join(current)] if current else [])


def _blocks(raw: str) -> list[tuple[list[str], bool]]:
    """Blank-line blocks as (paragraphs, whether the block is a list of short lines)."""
    out = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if lines:
            in_list = len(lines) >= 3 and sum(len(tokens(ln)) <= 4 for ln in lines) >= len(lines) / 2
            out.append((_unwrap(lines), in_list))
    return out


def clean_plain_text(raw: str) -> tuple[str, dict]:
    """Return (clean body with the title as its first paragraph, metadata)."""
    blocks = _blocks(raw)
    meta = find_metadata(raw)
    lines = [ln for paragraphs, _ in blocks for ln in paragraphs]
    core = [ln for ln in lines if _is_sentence_like(ln)] or [ln for ln in lines if _SENT_PUNCT.search(ln)]
    core_words = set().union(*map(_content, core)) if core else set()
    script = main_script(" ".join(core)[:200_000] or raw[:200_000])
    brief = len(lines) <= _BRIEF  # too little story to judge a line's vocabulary against

    def debris(line: str, in_list: bool, introduced: bool) -> bool:
        words = tokens(line)
        if not words or line in meta["_lines"] or all(w in _SOCIAL for w in words) or _is_menu(line):
            return True
        content = _content(line)
        shared = len(content & core_words) / len(content) if content else 0.0
        if _COPYRIGHT.search(line) and shared < 0.5 and len(words) < 25:
            return True
        if script_shares(line).get(script, 0) < 0.5 or (_PROMO.match(line) and len(words) < 20):
            return True
        if brief:
            return False
        if introduced or (_SENT_END.search(line) or line.endswith((":", "："))) and \
                max(len(words), len(line.split())) >= 2 and not line[0].islower():
            return False
        if in_list and len(words) <= 4:
            return True
        return shared < 0.3 and len(words) < 30

    dateline = meta.get("_dateline", "")
    kept: list[str] = []
    listing = 0  # blocks left of a list introduced by a kept line ending in a colon
    for paragraphs, in_list in blocks:
        for line in paragraphs:
            if dateline and line.startswith(dateline):
                line, dateline = line[len(dateline):].strip(), ""
            line = _CALL_TO_ACTION.sub("", line)
            if line and not _ORIGINAL_TITLE.match(line) and not debris(line, in_list, listing > 0):
                kept.append(line)
                listing = 2 if line.endswith((":", "：")) else listing
        listing = max(0, listing - 1)

    title = _pick_title(kept) if len(kept) > 1 else ""  # a one-paragraph brief is all story
    body = _rejoin(_drop_repeats(kept, title))
    meta = {k: v for k, v in meta.items() if not k.startswith("_")}
    return "\n\n".join(body), {**meta, "title": title}


def _pick_title(paragraphs: list[str]) -> str:
    """The first headline-like paragraph above the story's first full paragraph, or ""."""
    for p in paragraphs[:6]:
        n = len(tokens(p))
        if 3 <= n <= (20 if _is_sentence_like(p) else 40) and not p.endswith(":"):
            return p
        if _is_sentence_like(p):
            break
    return ""


def _drop_repeats(paragraphs: list[str], title: str) -> list[str]:
    """Title first; drop short lines before it, repeats of it, standfirsts the lead repeats, duplicates."""
    if title:
        i = paragraphs.index(title)
        paragraphs = [title] + [p for p in paragraphs[:i] if len(tokens(p)) >= 8] + paragraphs[i + 1:]
    norms = [_norm(p) for p in paragraphs]
    nt = _norm(title)
    out: list[str] = []
    seen: set[str] = set()
    for i, (p, n) in enumerate(zip(paragraphs, norms)):
        repeats_title = n and (n == nt or (nt.startswith(n) and len(n) > 10))
        repeated = len(n) > 40 and (n in seen or (i < 8 and any(n in m for m in norms[i + 1:i + 8])))
        if i > 0 and (repeats_title or repeated):
            continue
        seen.add(n)
        out.append(p)
    return out


def _rejoin(paragraphs: list[str]) -> list[str]:
    """Mend a long paragraph cut mid-sentence (no closing punctuation) onto the paragraph after it."""
    out: list[str] = []
    for p in paragraphs:
        prev = out[-1] if len(out) > 1 else ""
        if prev and len(tokens(prev)) >= 20 and _SENT_PUNCT.search(prev) and prev[-1].isalnum():
            out[-1] = _join([prev, p])
        else:
            out.append(p)
    return out
