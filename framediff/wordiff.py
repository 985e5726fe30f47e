"""Word-level differences between two renderings (difflib), as spans into each article."""
from __future__ import annotations

import difflib
import re

from .comparison import DiffOp, Span

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.U)


def _tokens(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """(lowercased token, start, end) for every token inside the given spans of `text`."""
    out = []
    for s, e in spans:
        out += [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text, s, e)]
    return out


def word_diff(text_a: str, spans_a: list[tuple[int, int]], text_b: str, spans_b: list[tuple[int, int]]) -> list[DiffOp]:
    """difflib opcodes over the words of A's spans and B's spans, with character spans on both sides."""
    ta, tb = _tokens(text_a, spans_a), _tokens(text_b, spans_b)
    sm = difflib.SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        ops.append(DiffOp(tag, _span(text_a, ta, i1, i2), _span(text_b, tb, j1, j2)))
    return ops


def _span(text: str, toks: list[tuple[str, int, int]], i: int, j: int) -> Span:
    if i < j:
        return Span(toks[i][1], toks[j - 1][2], text[toks[i][1]:toks[j - 1][2]])
    at = toks[i][1] if i < len(toks) else (toks[-1][2] if toks else 0)
    return Span(at, at, "")
