"""How a quote and its speaker are written in a table (report, window): one wording for every view.

A direct quote keeps its quotation marks; reported speech (partial, indirect)
is never put between quotation marks. A speaker the engine is unsure of is
"unclear" with its candidates, never a name that may be wrong.
"""
from __future__ import annotations

QUOTE_MARKS = "\"“”„«»'‘’"


def speaker_label(ref) -> str:
    """ "Kathy Griffin", "unclear: Griffin or Shields?", or "unattributed"."""
    if ref is None:
        return "unattributed"
    if ref.unclear:
        names = [n for n in ref.candidates if n]
        return f"unclear: {' or '.join(names[:3])}?" if names else "unclear"
    return ref.name or ref.mention


def said(q) -> str:
    """The words as the outlet gives them: a direct quote in quotation marks, reported speech without."""
    words = q.text.strip()
    if q.kind == "direct":
        return f"“{words.strip(QUOTE_MARKS).strip()}”"
    return f"reported: {words}"
