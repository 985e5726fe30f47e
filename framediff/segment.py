"""Sentences grouped in paragraphs, as (start, end) offsets into `Article.text`.

Sentence boundaries come from pysbd (rule-based, handles "U.S.", "Gen.",
quotations and ellipses), with its cuts undone where the sentence goes on: after a
quote closing on a comma, between "“…!”" and its attribution ("Mr. Sanders wrote"),
and between "p.m." and a time zone ("ET."); paragraphs are the blank-line blocks
of the clean text.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pysbd
from pysbd.utils import TextSpan

from .comparison import Article, Unit

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_HARD_END = re.compile(r"(?:(?<=[a-z]{3})[.!?]+[\"'”’»)]*\s+(?=[A-Z\"“«‘'(])|[。！？]+)")
CHUNK = 2000
_SUPPORTED = {"en", "zh", "ja", "ru", "de", "fr", "es", "it", "ar", "fa", "pl", "nl", "da", "el", "hi", "hy",
              "my", "am", "mr", "ur", "bg", "sk", "kk"}


def _occurrences(text: str, sent: str):
    r"""(start, end) of each match of re.escape(sent) + r"\s*" in text, as re.finditer finds them."""
    if not sent:
        yield from (m.span() for m in re.finditer(r"\s*", text))
        return
    at = text.find(sent)
    while at >= 0:
        end = at + len(sent)
        while end < len(text) and text[end].isspace():  # str.isspace is re's \s for str patterns
            end += 1
        yield at, end
        at = text.find(sent, end)


class _Segmenter(pysbd.Segmenter):
    """pysbd's segmenter, finding its sentences back in the text with str.find: pysbd builds a regex
    of each sentence (a new pattern every time, which also flushes re's cache of pysbd's own
    abbreviation patterns). The same sentences."""

    def sentences_with_char_spans(self, sentences):
        spans, prior = [], 0
        for sent in sentences:
            for start, end in _occurrences(self.original_text, sent):
                if end > prior:
                    spans.append(TextSpan(self.original_text[start:end], start, end))
                    prior = end
                    break
        return spans


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    return _Segmenter(language=language if language in _SUPPORTED else "en", clean=False)


def _chunks(para: str) -> list[tuple[int, str]]:
    """A long paragraph cut at sentence-ending punctuation into pieces pysbd handles in linear time."""
    if len(para) <= CHUNK:
        return [(0, para)]
    out, start = [], 0
    for m in _HARD_END.finditer(para):
        if m.end() - start >= CHUNK:
            out.append((start, para[start:m.end()]))
            start = m.end()
    if start < len(para):
        out.append((start, para[start:]))
    return [piece for at, chunk in out for piece in _cut_unpunctuated(at, chunk)]


def _cut_unpunctuated(at: int, chunk: str) -> list[tuple[int, str]]:
    """A chunk with no sentence end for 2 * CHUNK characters (one 100,000-character "sentence"), cut at
    spaces into pieces of about CHUNK: pysbd's abbreviation scan is quadratic in a piece's length (a
    100,000-character sentence took 107 s). The pieces join up again as one sentence (`_cover_gaps`)."""
    if len(chunk) <= 2 * CHUNK:
        return [(at, chunk)]
    out, start = [], 0
    while len(chunk) - start > CHUNK:
        cut = chunk.rfind(" ", start + CHUNK // 2, start + CHUNK) + 1 or start + CHUNK
        out.append((at + start, chunk[start:cut]))
        start = cut
    return out + [(at + start, chunk[start:])]


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of every sentence, whitespace trimmed."""
    seg = _segmenter(language)
    spans = []
    for p_index, m in enumerate(_PARAGRAPH.finditer(text)):
        for offset, chunk in _chunks(m.group(0)):
            base, cursor = m.start() + offset, 0
            for sent in seg.segment(chunk):
                piece = sent.strip()
                if not piece:
                    continue
                at = chunk.find(piece, cursor)
                if at < 0:
                    continue
                cursor = at + len(piece)
                spans.append((base + at, base + cursor, p_index))
    return _cover_gaps(text, spans)


_QUOTE_CLOSE = "\"”’'»"
# the quote before it ends in a comma: the sentence goes on ("'Let it come out,'" + "Mr. Sanders wrote ...")
_OPEN_QUOTE_END = re.compile(f"[,–—-][{_QUOTE_CLOSE}]$")
_CRY_QUOTE_END = re.compile(f"[!?][{_QUOTE_CLOSE}]$")
# an attribution that finishes the quote before it ("“Let it come out!” Mr. Sanders wrote on Twitter.")
_ATTRIBUTION_TAIL = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|the|a|an|of)\s+){1,6}(?:said|says|wrote|writes|asked|asks|added|adds|told|tells|"
    r"tweeted|replied|shouted|yelled|continued|explained|noted|declared|insisted|cried|exclaimed)\b")
# "2:30 p.m. ET.": a time zone after a.m./p.m. is not a new sentence
_TIME_END = re.compile(r"\b[ap]\.m\.$", re.I)
_TIME_ZONE = re.compile(r"(?:[ECMPA][SD]?T|GMT|UTC|BST|CES?T|JST|MSK|IST|AES?T|HKT)\b")


def _goes_on(before: str, piece: str) -> bool:
    """`piece` continues the sentence `before` though the splitter cut between them."""
    return bool(_OPEN_QUOTE_END.search(before) or (_CRY_QUOTE_END.search(before) and _ATTRIBUTION_TAIL.match(piece))
                or (_TIME_END.search(before) and _TIME_ZONE.match(piece)))


def _cover_gaps(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Attach skipped text, stray punctuation, lower-case continuations, the attribution of a quote and a time
    zone after "p.m." to the sentence before."""
    out: list[tuple[int, int, int]] = []
    for start, end, para in spans:
        piece = text[start:end]
        continues = not any(ch.isalnum() for ch in piece) or piece[0].islower() or piece[0] in "–—-,;:" \
            or bool(out and out[-1][2] == para and _goes_on(text[out[-1][0]:out[-1][1]], piece))
        if out and out[-1][2] == para and (continues or text[out[-1][1]:start].strip()):
            prev = out.pop()
            start = prev[0]
        out.append((start, end, para))
    return out


def segment(article: Article) -> Article:
    """Fill `article.units` with its sentences (ids like "a3")."""
    article.units = [
        Unit(f"{article.id}{i + 1}", s, e, article.text[s:e], p)
        for i, (s, e, p) in enumerate(sentence_spans(article.text, article.language))
    ]
    return article
