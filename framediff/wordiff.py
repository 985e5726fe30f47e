"""Word-level differences between two renderings (difflib), as spans into each article."""
from __future__ import annotations

import difflib
import re
from itertools import zip_longest

from .comparison import DiffOp, Span

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.U)


def _tokens(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    """(lowercased token, start, end, index of its span) for every token inside the given spans of `text`."""
    out = []
    for k, (s, e) in enumerate(spans):
        out += [(m.group(0).lower(), m.start(), m.end(), k) for m in _TOKEN.finditer(text, s, e)]
    return out


def word_diff(text_a: str, spans_a: list[tuple[int, int]], text_b: str, spans_b: list[tuple[int, int]]) -> list[DiffOp]:
    """difflib opcodes over the words of A's spans and B's spans, with character spans on both sides.

    No op's span runs from one input span into another: a passage split in two far apart (a one-to-many
    match) would otherwise mark everything between its parts. An op crossing a span's end is cut there."""
    ta, tb = _tokens(text_a, spans_a), _tokens(text_b, spans_b)
    sm = difflib.SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":  # token k of A matches token k of B: cut both where either side changes span
            cuts = [k for k in range(1, i2 - i1) if ta[i1 + k][3] != ta[i1 + k - 1][3] or tb[j1 + k][3] != tb[j1 + k - 1][3]]
            pieces = [((i1 + s, i1 + e), (j1 + s, j1 + e)) for s, e in zip([0, *cuts], [*cuts, i2 - i1])]
        else:  # each side's runs within one span, paired in order; a side with fewer runs ends empty
            ra, rb = _runs(ta, i1, i2), _runs(tb, j1, j2)
            pieces = list(zip_longest(ra, rb, fillvalue=None))
            pieces = [(pa or (ra[-1][1],) * 2, pb or (rb[-1][1],) * 2) for pa, pb in pieces]
        for (a1, a2), (b1, b2) in pieces:
            ops.append(DiffOp(tag, _span(text_a, ta, a1, a2), _span(text_b, tb, b1, b2)))
    return ops


def _runs(toks: list[tuple[str, int, int, int]], i: int, j: int) -> list[tuple[int, int]]:
    """Tokens i..j cut into runs that stay in one span ([(i, i)] when there are none)."""
    cuts = [k for k in range(i + 1, j) if toks[k][3] != toks[k - 1][3]]
    return list(zip([i, *cuts], [*cuts, j]))


def _span(text: str, toks: list[tuple[str, int, int, int]], i: int, j: int) -> Span:
    if i < j:
        return Span(toks[i][1], toks[j - 1][2], text[toks[i][1]:toks[j - 1][2]])
    if 0 < i <= len(toks) and (i == len(toks) or toks[i][3] != toks[i - 1][3]):
        return Span(toks[i - 1][2], toks[i - 1][2], "")  # at the end of the span the op ends in
    at = toks[i][1] if i < len(toks) else 0
    return Span(at, at, "")
