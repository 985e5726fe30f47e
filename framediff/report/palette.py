"""The colours and marks of every view (report and window): one place to change them.

Each mark has a colour for screens and print, and a pattern or label that
still reads in black and white. The Qt window imports these names; the report
turns them into CSS with `css()`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """How one kind of highlight looks: text colour, background, line style and its legend text."""

    name: str
    label: str
    fg: str
    bg: str
    line: str = "none"  # CSS text-decoration: what survives printing in grey
    box: str = "none"  # CSS border below the marked words


SIDE_A = "#1f5fa8"  # article A: columns, bars, headers
SIDE_B = "#b8561b"  # article B
INK = "#1b1b1b"
MUTED = "#5f6368"
RULE = "#c9ccd1"
SAME_EVENT = "#2e7d32"  # verdict frame: the two articles report one event
DIFFERENT_EVENTS = "#9b1c1c"  # verdict frame (double line): probably different events
UNSURE_EVENT = "#8a5a00"  # verdict frame (dashed): the same event or another occasion, framediff cannot tell

DELETED = Mark("deleted", "words only in A (struck through)", "#9b1c1c", "#fbe0dd", "line-through")
INSERTED = Mark("inserted", "words only in B (double underline)", "#1d6b2a", "#dcf2dc", "underline double")
REPLACED = Mark("replaced", "words told differently (dashed underline)", "#7a4d00", "#fff0bf", "underline dashed")
OMITTED = Mark("omitted", "passage only in one article (grey, labelled)", "#3c4043", "#ececec")
FLAGGED = Mark("flagged", "evidence for a numbered difference (dotted line below, [n])", "#5b2c9f", "", box="1.2px dotted #5b2c9f")
USER_FLAGGED = Mark("userflag", "text the editor flagged (solid line below, [n])", "#00695c", "#d9f2ec",
                    box="1.6px solid #00695c")
MATCHED = Mark("matched", "a name or number both articles give, across languages (underlined)", "#0d47a1", "#e3f2fd",
               "underline")
DISMISSED_FG = "#80868b"  # a dismissed flag, where it is still shown (the window's "Show dismissed")

MARKS: dict[str, Mark] = {m.name: m for m in (DELETED, INSERTED, REPLACED, OMITTED, FLAGGED, USER_FLAGGED, MATCHED)}
DIFF_MARK = {"delete": DELETED, "insert": INSERTED, "replace": REPLACED}  # DiffOp.op -> Mark


def diff_mark(op: str, across: bool) -> Mark | None:
    """The mark of one step of a matched group's diff; across languages (`Comparison.across_languages`) a
    group's "equal" steps are the names and numbers both articles give (framediff/lang), not unchanged words."""
    return MATCHED if across and op == "equal" else DIFF_MARK.get(op)


def css() -> str:
    """CSS classes `.m-<name>` for every mark, and the side colours as custom properties."""
    rules = [f":root {{ --side-a: {SIDE_A}; --side-b: {SIDE_B}; --ink: {INK}; --muted: {MUTED}; --rule: {RULE}; "
             f"--same-event: {SAME_EVENT}; --different-events: {DIFFERENT_EVENTS}; --unsure-event: {UNSURE_EVENT}; }}"]
    for m in MARKS.values():
        decl = ([f"border-bottom: {m.box}"] + ([f"background: {m.bg}"] if m.bg else [])) if m.box != "none" \
            else [f"color: {m.fg}", f"background: {m.bg}"]
        if m.line != "none":
            decl += [f"text-decoration: {m.line}", f"text-decoration-color: {m.fg}"]
        rules.append(f".m-{m.name} {{ {'; '.join(decl)}; }}")
    return "\n".join(rules)

# A story's claim matrix (report/story.py, ui/story_view.py): how one outlet tells one claim.
CLAIM_STATE = {"present": Mark("present", "told in the claim's common wording", "#14521f", "#a9d8a9"),
               "reworded": Mark("reworded", "told in other words", "#6b4300", "#f6d88a"),
               "absent": Mark("absent", "not told", "#5f6368", "#f1f1f1")}
CLAIM_PLACE = {"headline": "H", "lead": "L", "body": ""}  # where the outlet tells it, shown in the cell
