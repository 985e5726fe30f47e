"""Quotation-mark spans: where a quoted passage opens and closes in a text.

Handles straight (" and ''), curly (“ ”), guillemet (« ») and corner (「 」 『 』) marks,
quotes that run on across paragraphs (each new paragraph re-opens the quote,
the news convention) and quotes machine translation never closed (they end
with their paragraph). Single quotes are mostly apostrophes: a passage in single
quotes counts only when it opens a word after a blank and closes right after
the passage's own punctuation ("'Let it come out,' Mr. Sanders wrote"), outside
any double-quoted passage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«「『„"
CLOSERS = "”»」』"
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_MARK = re.compile(f"''|[{OPENERS}{CLOSERS}{STRAIGHT}]")  # '' is a straight double quote typed as two apostrophes
_SINGLE = re.compile(r"(?:(?<=\s)|^)['‘](?=[A-Z])[^'‘’\n]*?[,.?!]['’](?=\s|$)", re.M)
RUN_ON_GAP = 60  # a next paragraph that closes its first quote sooner than this quotes something else


@dataclass(frozen=True)
class Marked:
    """`text[start:end]` is a quoted passage, marks included; `closed` is False when no closing mark was found."""

    start: int
    end: int
    closed: bool

    def inner(self, text: str) -> tuple[int, int]:
        """The passage without its marks and surrounding blanks."""
        s, e = self.start, self.end
        while s < e and (text[s] in OPENERS + STRAIGHT + "'" or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in CLOSERS + STRAIGHT + "'" or text[e - 1].isspace()):
            e -= 1
        return s, e


def _looks_closing(text: str, i: int, j: int) -> bool:
    """A straight quote `text[i:j]` glued to the word before it and followed by a blank or punctuation."""
    before = text[i - 1] if i else " "
    after = text[j] if j < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def _opens_line(text: str, i: int, j: int) -> bool:
    """A closing mark typed where a line opens, right before a word (”Mr. Trump embodies ...”): it opens."""
    return (i == 0 or text[i - 1] == "\n") and text[j:j + 1].isalnum()


def quoted_spans(text: str) -> list[Marked]:
    """Every quoted passage of `text`, in order."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    out: list[Marked] = []
    open_at: int | None = None
    run_on = -1
    for p, (ps, pe) in enumerate(paragraphs):
        for m in _MARK.finditer(text, ps, pe):
            i, j, c = m.start(), m.end(), m.group(0)
            straight = c in (STRAIGHT, "''")
            if i == run_on:
                continue  # this paragraph re-opens the quote the last one left open
            if open_at is None:
                if (c in CLOSERS and not _opens_line(text, i, j)) or (straight and _looks_closing(text, i, j)):
                    continue  # a stray closing mark: nothing to close
                open_at = i
            elif c in OPENERS:
                out.append(Marked(open_at, _rstrip(text, open_at, i), False))
                open_at = i
            else:
                out.append(Marked(open_at, j, True))
                open_at = None
        if open_at is not None:
            if p + 1 < len(paragraphs) and _runs_on(text, paragraphs[p + 1]):
                run_on = paragraphs[p + 1][0]
                continue
            out.append(Marked(open_at, _rstrip(text, open_at, pe), False))
            open_at = None
    double = [m for m in out if m.end > m.start + 1]
    single = [Marked(m.start(), m.end(), True) for m in _SINGLE.finditer(text)
              if not any(d.start <= m.start() < d.end for d in double)]
    return sorted(double + single, key=lambda m: m.start)


def _runs_on(text: str, paragraph: tuple[int, int]) -> bool:
    """The next paragraph re-opens the quote (and does not just quote a short name)."""
    ps, pe = paragraph
    opener = _MARK.match(text, ps)
    if opener is None or opener.group(0) in CLOSERS:
        return False
    nxt = _MARK.search(text, opener.end(), pe)
    return nxt is None or nxt.start() - ps >= RUN_ON_GAP


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
