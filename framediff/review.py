"""The editor's review: their own flags, and tool flags confirmed, dismissed or given a note.

Pure functions over a Comparison: each returns a new Comparison that shares everything
with the one it was given except the list of flags (and the one flag changed), so the
window keeps the old one to undo, and nothing is ever computed again. A dismissed flag
is kept, with its review, and can be restored; only the editor's own flags are removed.

`findings` puts flags in the order every view shows them: the reviewed findings (the
editor's own, then the confirmed ones), then the tool's unreviewed flags in the order
the tool ranked them, then the dismissed ones.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone

from .comparison import Comparison, Flag, Review, Span

# What the editor picks -> the `type` written (the names the tool's own flags use, where it has them).
USER_TYPES = {"naming": "naming", "omission": "omission", "attribution": "attribution", "number": "numbers",
              "loaded word": "loaded", "tone": "tone", "prominence": "prominence", "quote": "quote",
              "other": "other"}
TYPE_LABEL = {t: label for label, t in USER_TYPES.items()}
STATUSES = ("confirmed", "dismissed")
ORIGINS = ("tool", "user")
TOP_TOOL = 10  # unreviewed tool flags shown before "all differences"
FLOOR = 0.5  # a flag a view leads with is judged right at least this often (`Flag.confidence`, framing/rank.py)
SPEAKER_FLOOR = 0.8  # ... and rests on no speaker the quotes step is less sure of than this (a pronoun of unknown
# gender is 0.7: "he said" after a paragraph naming three men made "FOX quotes Obama" of Rubio's words)


def now() -> str:
    """The time of a review, ISO 8601 in UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def is_user(flag: Flag) -> bool:
    return getattr(flag, "origin", "tool") == "user"


def status(flag: Flag) -> str | None:
    """"confirmed", "dismissed", or None while nobody reviewed it (the editor's own flags count as confirmed)."""
    review = getattr(flag, "review", None)
    if review is not None:
        return review.status
    return "confirmed" if is_user(flag) else None


def note(flag: Flag) -> str:
    review = getattr(flag, "review", None)
    return review.note if review is not None else ""


def user_flag(cmp: Comparison, kind: str, words: str, a: tuple[int, int] | None = None,
              b: tuple[int, int] | None = None) -> Flag:
    """The editor's own flag of type `kind` (a USER_TYPES key or value) on `a` and/or `b` (offsets into the
    clean texts), in their `words`; ValueError when the type is unknown, a span lies outside its text,
    or both are empty."""
    kind = USER_TYPES.get(kind, kind)
    if kind not in TYPE_LABEL:
        raise ValueError(f"unknown type {kind!r}")
    spans: dict[str, list[Span]] = {"a": [], "b": []}
    for side, span in (("a", a), ("b", b)):
        if span is None or span[0] == span[1]:
            continue
        text = next((art.text for art in cmp.articles if art.id == side), None)
        start, end = span
        if text is None or not 0 <= start < end <= len(text):
            raise ValueError(f"the span {start}..{end} is outside article {side.upper()}")
        spans[side] = [Span(start, end, text[start:end])]
    if not spans["a"] and not spans["b"]:
        raise ValueError("a flag needs a span in A or in B")
    words = " ".join(words.split())
    if not words:
        words = f"{TYPE_LABEL[kind].capitalize()}: " + " / ".join(
            f"{side.upper()} “{sp[0].text[:80]}”" for side, sp in spans.items() if sp)
    return Flag(kind, words, None, spans["a"], spans["b"], origin="user")


def _with(cmp: Comparison, flags: list[Flag]) -> Comparison:
    return replace(cmp, flags=flags)


def add(cmp: Comparison, flag: Flag) -> Comparison:
    """`cmp` with `flag` added at the end."""
    return _with(cmp, [*cmp.flags, flag])


def edit(cmp: Comparison, i: int, kind: str, words: str) -> Comparison:
    """The editor's own flag `i` with a new type and words (its spans stay)."""
    old = cmp.flags[i]
    if not is_user(old):
        raise ValueError("only the editor's own flags can be edited; give a tool flag a note instead")
    new = user_flag(cmp, kind, words, _extent(old.a), _extent(old.b))
    return _put(cmp, i, replace(old, type=new.type, summary=new.summary))


def remove(cmp: Comparison, i: int) -> Comparison:
    """`cmp` without the editor's own flag `i` (a tool flag is dismissed, never removed)."""
    if not is_user(cmp.flags[i]):
        raise ValueError("a tool flag is dismissed, not removed")
    return _with(cmp, cmp.flags[:i] + cmp.flags[i + 1:])


def set_review(cmp: Comparison, i: int, state: str | None, text: str | None = None, at: str | None = None) -> Comparison:
    """Flag `i` confirmed or dismissed (`state`), with the note `text` (None keeps the note it has), or
    its review taken away (`state` None: restored to not reviewed)."""
    old = cmp.flags[i]
    if state is None:
        return _put(cmp, i, replace(old, review=None))
    if state not in STATUSES:
        raise ValueError(f"unknown review status {state!r}")
    kept = note(old) if text is None else text.strip()
    return _put(cmp, i, replace(old, review=Review(state, kept, at or now())))


def confirm(cmp: Comparison, i: int, text: str | None = None) -> Comparison:
    return set_review(cmp, i, "confirmed", text)


def dismiss(cmp: Comparison, i: int, text: str | None = None) -> Comparison:
    return set_review(cmp, i, "dismissed", text)


def restore(cmp: Comparison, i: int) -> Comparison:
    """A dismissed (or confirmed) flag back to not reviewed; its note goes with the review."""
    return set_review(cmp, i, None)


def _put(cmp: Comparison, i: int, flag: Flag) -> Comparison:
    flags = list(cmp.flags)
    flags[i] = flag
    return _with(cmp, flags)


def _extent(spans: list[Span]) -> tuple[int, int] | None:
    return (spans[0].start, spans[-1].end) if spans else None


@dataclass
class Findings:
    """Indices into `cmp.flags`, in the order the views show them."""

    reviewed: list[int]  # the editor's own, then confirmed tool flags
    unreviewed: list[int]  # tool flags nobody reviewed: the `leading` ones first, then the rest, each in the tool's order
    dismissed: list[int]
    leading: int = 0  # how many unreviewed flags a view may lead with (`top_findings`)

    def shown(self, with_dismissed: bool = False) -> list[int]:
        return self.reviewed + self.unreviewed + (self.dismissed if with_dismissed else [])


def sure(f) -> bool:
    """A flag of a kind judged right at least FLOOR of the time, resting on no uncertain speaker (a pair's
    `Flag` or a story's `StoryFlag`)."""
    return f.confidence >= FLOOR and f.detail.get("speaker_confidence", 1.0) >= SPEAKER_FLOOR


def top_findings(flags: list[Flag], n: int = TOP_TOOL) -> list[Flag]:
    """What to lead with: the first n flags that are `sure` (the flags' own order; the rest stay one click
    away)."""
    return [f for f in flags if sure(f)][:n]


def findings(flags: list[Flag], lead: int = TOP_TOOL) -> Findings:
    """The flags sorted into reviewed, unreviewed and dismissed, each in the order it is shown; at most `lead`
    unreviewed flags lead, those sure enough to (`top_findings`: none rarely right, none from an unsure speaker)."""
    user = [i for i, f in enumerate(flags) if is_user(f) and status(f) != "dismissed"]
    confirmed = [i for i, f in enumerate(flags) if not is_user(f) and status(f) == "confirmed"]
    open_ = [i for i, f in enumerate(flags) if status(f) is None]
    top = {id(f) for f in top_findings([flags[i] for i in open_], n=lead)}
    leading = [i for i in open_ if id(flags[i]) in top]
    return Findings(user + confirmed, leading + [i for i in open_ if id(flags[i]) not in top],
                    [i for i, f in enumerate(flags) if status(f) == "dismissed"], len(leading))


def has_reviews(flags: list[Flag]) -> bool:
    return any(is_user(f) or getattr(f, "review", None) is not None for f in flags)
