"""Quoted passages with no reporting verb of their own that are still quotes.

A passage right after a direct quote continues it (same speaker), and a
passage signed with a dash and a name ("― Esther Tapia") is that person's.
Any other unattributed passage (a title, a caption, a scare quote) is not a quote.
"""
from __future__ import annotations

import re

from .found import Found

CONTINUATION_WORDS = 6  # an unattributed quoted passage this long can continue the previous quote


def continuations(found, marks, text, doc):
    """Quoted passages right after a direct quote, with no verb of their own: the same speaker goes on."""
    out = []
    claimed = [(f.start, f.end) for f in found]
    for m in marks:
        if any(s <= m.start < e or m.start <= s < m.end for s, e in claimed):
            continue
        prev = max((f for f in found + out if f.end <= m.start), key=lambda f: f.end, default=None)
        if prev is None or prev.kind != "direct" or prev.speaker is None:
            continue
        between = text[prev.end:m.start]
        if between.count("\n\n") > 1 or any(ch.isalnum() for ch in between):
            continue  # another paragraph, or words of the outlet's own, lie between
        span = doc.char_span(*m.inner(text), alignment_mode="expand")
        if span is None or len(span) < CONTINUATION_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        out.append(Found(m.start, m.end, "direct", prev.verb, prev.verb_span, prev.speaker, prev.mention_span))
    return out


_SIGNATURE = re.compile(r"[ \t]*\n?[ \t]*[―—–][ \t]*([A-Z][^\n,;:“”\"]{1,60}?)[ \t]*(?:,[^\n]*)?\n")


def signed(found, marks, text, doc):
    """A quoted passage signed with a dash and a name on the line before or after ("― Esther Tapia")."""
    out = []
    padded = text + "\n"
    for m in marks:
        if any(f.start <= m.start < f.end for f in found):
            continue
        sig = _SIGNATURE.match(padded, m.end)
        if sig is None:
            line_start = text.rfind("\n", 0, max(0, m.start - 1)) + 1
            sig = _SIGNATURE.fullmatch(text, line_start - 1, m.start) if line_start else None
        if sig is None:
            continue
        span = doc.char_span(sig.start(1), sig.end(1), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        dash = text.index(next(c for c in "―—–" if c in sig.group(0)), sig.start())
        out.append(Found(m.start, m.end, "direct", text[dash], (dash, dash + 1), span.root.i,
                         (span.start_char, span.end_char)))
    return out
