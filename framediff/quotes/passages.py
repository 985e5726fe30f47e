"""Quoted passages with no reporting verb of their own that are still quotes.

A passage right after a direct quote continues it (same speaker); a paragraph
that is one quoted passage and nothing else takes the speaker of the paragraph
before when that paragraph ends with its attribution and names nobody after it
(less sure: `STANDALONE`); a passage signed with a dash and a name
("― Esther Tapia") is that person's, and so is a transcript's paragraph opened by
a name in capitals ("PENCE: ..."). Any other unattributed passage (a title,
a caption, a scare quote) is not a quote.
"""
from __future__ import annotations

import re

from .found import Found, paragraph

CONTINUATION_WORDS = 6  # an unattributed quoted passage this long can continue the previous quote
STANDALONE = 0.7  # confidence of a stand-alone quote paragraph's speaker, taken from the paragraph before
_NAMES = ("PERSON", "ORG", "NORP", "GPE")


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
        sure = prev.confidence
        if "\n\n" in between:  # a new paragraph may be a new voice
            sure = min(sure, STANDALONE, _as_body(span, prev, doc, text))
        out.append(Found(m.start, m.end, "direct", prev.verb, prev.verb_span, prev.speaker, prev.mention_span, sure))
    return out


_BLANK = r"[^\S\n]"  # a blank on the line, no-break space included
_SIGNATURE = re.compile(f"{_BLANK}*\\n?{_BLANK}*[―—–]{_BLANK}*"
                        f"([A-Z][^\\n,;:“”\"]{{1,60}}?){_BLANK}*(?:,[^\\n]*)?\\n")


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


_TRANSCRIPT = re.compile(r"^[\"“]?([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):[^\S\n]+(?=\S)", re.M)


def transcript(found, text, doc, body_start=0):
    """A transcript's paragraph that opens with its speaker's name in capitals ("PENCE: Well, look, ..."), when the
    article names a person with those words ("Mike Pence"): the paragraph is that person's words."""
    people = {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e}
    out = []
    for m in _TRANSCRIPT.finditer(text, body_start):
        ps, pe = paragraph(text, m.start())
        names = m.group(1).lower().replace("’", "'").split()
        if ps != m.start() or not set(names) <= people or any(f.start < pe and ps < f.end for f in found):
            continue
        end = pe
        while end > m.end() and (text[end - 1].isspace() or text[end - 1] in "\"”"):
            end -= 1
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if name is None or end <= m.end():
            continue
        out.append(Found(m.end(), end, "direct", ":", (m.end(1), m.end(1) + 1), name.root.i, (m.start(1), m.end(1))))
    return out


def standalone(found, marks, text, doc):
    """A paragraph that is one quoted passage, with no verb of its own: the speaker of the paragraph before,
    when that paragraph's last attribution is in its last sentence and nobody else is named after it."""
    out = []
    for m in marks:
        ps, pe = paragraph(text, m.start)
        if not m.closed or text[ps:m.start].strip() or text[m.end:pe].strip() or any(
                f.start < m.end and m.start < f.end for f in found):
            continue
        span = doc.char_span(*m.inner(text), alignment_mode="expand")
        if span is None or len(span) < CONTINUATION_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue  # a caption or a title in quotation marks, not a statement
        before = [f for f in found if f.speaker is not None and paragraph(text, f.start) == paragraph(text, ps - 3)]
        if ps < 3 or not before:
            continue
        prev = max(before, key=lambda f: max(f.end, f.verb_span[1]))
        after = max(prev.end, prev.verb_span[1], prev.mention_span[1] if prev.mention_span else 0)
        rest = doc.char_span(after, paragraph(text, ps - 3)[1], alignment_mode="expand")
        if rest is None or any(t.ent_type_ in _NAMES for t in rest) or any(t.is_sent_start for t in rest[1:]):
            continue  # someone else is named after the attribution, or the paragraph goes on in another sentence
        out.append(Found(m.start, m.end, "direct", prev.verb, prev.verb_span, prev.speaker, prev.mention_span,
                         min(prev.confidence, STANDALONE, _as_body(span, prev, doc, text))))
    return out


_WE = {"we", "our", "us", "ours", "we've", "we're", "we'll"}
UNSURE = 0.35


def _as_body(span, prev, doc, text) -> float:
    """UNSURE when a passage standing apart speaks as "we" after a person, and an organisation is named in its
    paragraph or the one before ("We remain confident in what we've reported" after a politician's words on a
    network's story): it may be the organisation's statement; else 1.0."""
    if not any(t.lower_.replace("’", "'") in _WE for t in span) or doc[prev.speaker].ent_type_ != "PERSON":
        return 1.0
    ps = paragraph(text, max(0, paragraph(text, span.start_char)[0] - 3))[0]
    around = doc.char_span(ps, span.end_char, alignment_mode="expand")
    return UNSURE if around is not None and any(t.ent_type_ == "ORG" for t in around) else 1.0
