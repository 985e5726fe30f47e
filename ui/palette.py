"""The window's colours: the report's marks (framediff.report.palette) plus the link-map tints.

Colour is never the only signal: every mark here also has a line style, a
pattern or a text label where it is drawn.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat

from framediff.report.palette import (FLAGGED, INK, MUTED, OMITTED, RULE, SIDE_A, SIDE_B, USER_FLAGGED,
                                     diff_mark)

SIDE = {"a": QColor(SIDE_A), "b": QColor(SIDE_B)}
INK_C, MUTED_C, RULE_C = QColor(INK), QColor(MUTED), QColor(RULE)

# Passage tints and band colours by alignment kind; "only" = in one article only.
TINT = {"match": QColor("#e4eef9"), "partial": QColor("#fdf1d6"), "only": QColor(OMITTED.bg)}
BAND = {"match": QColor("#7aa7d8"), "partial": QColor("#e0a43a"), "only": QColor("#8a8f96")}
FLAGGED_FG = FLAGGED.fg
USER_FG = USER_FLAGGED.fg  # the editor's own flags
PICKED = QColor("#fff59d")  # words picked to flag, in the pane that no longer has the focus
SELECTED = QColor("#c9dcf4")
EVIDENCE = QColor("#e4d2fa")
FOUND = QColor("#c8f0c4")
BANNER = {"warn": ("#fff4ce", "#7a5a00"), "error": ("#fde7e9", "#8a1c1c"), "info": ("#e8f1fb", "#1f4f85")}

_LINE = {"line-through": "strike", "underline double": QTextCharFormat.UnderlineStyle.DashUnderline,
         "underline wavy": QTextCharFormat.UnderlineStyle.WaveUnderline,
         "underline": QTextCharFormat.UnderlineStyle.SingleUnderline}


def tint(kind: str) -> QTextCharFormat:
    """Background of a whole passage."""
    f = QTextCharFormat()
    f.setBackground(TINT[kind])
    return f


def diff_format(op: str, across: bool = False) -> QTextCharFormat:
    """A changed word inside the selected match (across languages: a name or number both give): the report's
    colour and its line style."""
    mark = diff_mark(op, across)
    f = QTextCharFormat()
    f.setForeground(QColor(mark.fg))
    f.setBackground(QColor(mark.bg))
    style = _LINE.get(mark.line)
    if style == "strike":
        f.setFontStrikeOut(True)
    elif style is not None:
        f.setUnderlineStyle(style)
        f.setUnderlineColor(QColor(mark.fg))
    return f


def _underlined(background: QColor, style: QTextCharFormat.UnderlineStyle, colour: str) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setBackground(background)
    f.setUnderlineStyle(style)
    f.setUnderlineColor(QColor(colour))
    return f


def evidence_format() -> QTextCharFormat:
    """Evidence of the chosen difference or quote: tinted, dotted underline, bold."""
    f = _underlined(EVIDENCE, QTextCharFormat.UnderlineStyle.DotLine, FLAGGED.fg)
    f.setFontWeight(QFont.Weight.DemiBold)
    return f


def user_flag_format() -> QTextCharFormat:
    """Text the editor flagged: their colour's tint and a solid underline, like the report's mark."""
    return _underlined(QColor(USER_FLAGGED.bg), QTextCharFormat.UnderlineStyle.SingleUnderline, USER_FLAGGED.fg)


def picked_format() -> QTextCharFormat:
    """Words picked for "Flag difference…" (a selection, or the sentence clicked in the other pane)."""
    return _underlined(PICKED, QTextCharFormat.UnderlineStyle.DashUnderline, USER_FLAGGED.fg)


def selected_format() -> QTextCharFormat:
    f = QTextCharFormat()
    f.setBackground(SELECTED)
    return f


def found_format() -> QTextCharFormat:
    f = QTextCharFormat()
    f.setBackground(FOUND)
    f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    return f


def faded(c: QColor, alpha: int) -> QColor:
    out = QColor(c)
    out.setAlpha(alpha)
    return out


PEN_STYLE = {"match": Qt.PenStyle.SolidLine, "partial": Qt.PenStyle.DashLine, "only": Qt.PenStyle.DotLine}
