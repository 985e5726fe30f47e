"""The Differences tab: the editor's reviewed findings first, then the tool's flags, filterable by type.

Choosing a row (click, arrow keys, or Alt+Down / Alt+Up from anywhere) asks
the window to bring its evidence into view in both panes. Numbers are the
ones the PDF and HTML report use. By default only the unreviewed flags the tool is
surest of are listed, at most TOP_TOOL (`review.findings`; "Show all differences" lists every one) and the
dismissed ones are hidden ("Show dismissed" brings them back, to restore).
The review itself (confirm, dismiss, note, the editor's own flags) is done by
`review_actions`; this tab only shows the result.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QToolBar, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from framediff.report.palette import DISMISSED_FG, USER_FLAGGED
from framediff.review import TOP_TOOL, TYPE_LABEL, findings, has_reviews, is_user, note, status

ALL = "All types"
INDEX = Qt.ItemDataRole.UserRole  # a row's index into cmp.flags (None for a section heading)


def _type_label(t: str) -> str:
    return TYPE_LABEL.get(t, t.replace("_", " "))


def _severity_label(s: float | None) -> str:
    return "" if s is None else "high" if s >= 0.66 else "medium" if s >= 0.33 else "low"


def _state_label(f) -> str:
    state = status(f)
    if is_user(f):
        return "yours"
    if state is None:
        return f"not reviewed · {_severity_label(f.severity)}"
    return f"{state} · note" if note(f) else state  # the note itself: the row's second line and its tooltip


class DifferencesTab(QWidget):
    chosen = Signal(object)  # the Flag

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cmp = None
        self.flags: list = []  # numbered as in the report: flags[n - 1] is number n
        self._number: dict[int, int] = {}  # cmp.flags index -> number
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show differences of type")
        self.show_all = QCheckBox("Show &all differences")
        self.show_all.setToolTip(f"List every difference the tool found, not only the (at most {TOP_TOOL}) it is surest of")
        self.show_dismissed = QCheckBox("Show dis&missed")
        self.show_dismissed.setToolTip("List the differences you dismissed (to restore one, or to export them "
                                       "in an appendix)")
        self.note = QLabel("Differences appear here once the comparison is done.")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("differences")
        self.tree.setAccessibleName("Differences: your reviewed findings first, then the tool's")
        self.tree.setHeaderLabels(["#", "Difference", "Type"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        row = QHBoxLayout()
        show = QLabel("&Show:")
        show.setBuddy(self.filter)
        row.addWidget(show)
        row.addWidget(self.filter, 1)
        self.buttons = QToolBar("Review")  # review_actions puts its actions here; a narrow panel folds them into »
        self.buttons.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.show_all, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.show_dismissed, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.note)
        box.addWidget(self.tree, 1)
        box.addWidget(self.buttons)
        self.filter.currentIndexChanged.connect(self._refill)
        self.show_all.toggled.connect(self._refill)
        self.show_dismissed.toggled.connect(self._refill)
        self.tree.currentItemChanged.connect(self._current)

    def add_actions(self, actions) -> None:
        """Review actions: a button each below the list, and the list's context menu."""
        for act in actions:
            self.buttons.addAction(act)
            self.tree.addAction(act)

    def set_comparison(self, cmp, refresh: bool = False) -> None:
        """Show the flags of `cmp` (None: none). `refresh`: the same comparison, reviewed: the type shown and
        the chosen flag stay (the one after it is chosen when it left the list)."""
        keep, at = (self.current_index(), self._row()) if refresh else (None, -1)
        self.cmp = cmp
        flags = cmp.flags if cmp is not None else []
        found = findings(flags)
        self.flags = [flags[i] for i in found.shown()]
        self._number = {i: n for n, i in enumerate(found.shown(), 1)}
        counts: dict[str, int] = {}
        for f in flags:
            if status(f) != "dismissed":
                counts[f.type] = counts.get(f.type, 0) + 1
        want = self.filter.currentData() if refresh else ALL
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(f"{ALL} ({sum(counts.values())})", ALL)
        for t, n in sorted(counts.items(), key=lambda tn: (-tn[1], tn[0])):
            self.filter.addItem(f"{_type_label(t)} ({n})", t)
        self.filter.setCurrentIndex(max(0, self.filter.findData(want)))
        self.filter.blockSignals(False)
        more = len(found.unreviewed) - found.leading
        self.show_all.setText(f"Show &all differences (+{more})" if more > 0 else "Show &all differences")
        self.show_all.setEnabled(more > 0)
        self.show_dismissed.setText(f"Show dis&missed ({len(found.dismissed)})")
        if cmp is None:
            self.note.setText("Differences appear here once the comparison is done.")
        elif not flags:
            self.note.setText("The engine flagged no framing differences. Select words in the articles and press "
                              "Ctrl+M to flag one yourself. Alt+Down steps through the passages.")
        else:
            self.note.setText("Your findings first, then the tool's, most likely first. Alt+Down / Alt+Up: next / "
                              "previous. Review the chosen one: C confirm, D dismiss, N note, R restore; Ctrl+M "
                              "flags the words you selected.")
        self._refill(keep=keep, at=at, refresh=refresh)

    def _refill(self, *_, keep: int | None = None, at: int = -1, refresh: bool = True) -> None:
        if refresh and keep is None:
            keep, at = self.current_index(), self._row()
        want = self.filter.currentData() or ALL
        flags = self.cmp.flags if self.cmp is not None else []
        found = findings(flags)
        unreviewed = found.unreviewed
        if want == ALL and not self.show_all.isChecked():
            unreviewed = unreviewed[:found.leading]
        sections = [("Reviewed findings", found.reviewed), ("Not reviewed", unreviewed)]
        if self.show_dismissed.isChecked():
            sections.append(("Dismissed", found.dismissed))
        headed = has_reviews(flags) or self.show_dismissed.isChecked()
        self.tree.blockSignals(True)
        self.tree.clear()
        for title, ids in sections:
            ids = [i for i in ids if want == ALL or flags[i].type == want]
            if ids and headed:
                self._heading(title, len(ids))
            for i in ids:
                self.tree.addTopLevelItem(self._item(i, flags[i]))
        self.tree.blockSignals(False)
        rows = self._flag_rows()
        target = next((it for it in rows if it.data(0, INDEX) == keep), None)
        if target is None and keep is not None and rows:
            target = rows[min(max(at, 0), len(rows) - 1)]
        if target is not None:
            self.tree.setCurrentItem(target)
            self.tree.scrollToItem(target)

    def _heading(self, title: str, n: int) -> None:
        item = QTreeWidgetItem(["", f"{title} ({n})", ""])
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(0, INDEX, None)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        item.setFont(1, bold)
        item.setForeground(1, QBrush(QColor("#202124")))
        item.setFirstColumnSpanned(True)
        self.tree.addTopLevelItem(item)

    def _item(self, i: int, f) -> QTreeWidgetItem:
        number = self._number.get(i)
        text = f.summary + (f"\nNote: {note(f)}" if note(f) else "")
        item = QTreeWidgetItem([str(number) if number else "–", text, f"{_type_label(f.type)}\n{_state_label(f)}"])
        item.setData(0, INDEX, i)
        item.setToolTip(1, text)
        item.setToolTip(2, "your own flag" if is_user(f) else f"severity {f.severity:.2f}")
        if is_user(f):
            for col in range(3):
                item.setForeground(col, QBrush(QColor(USER_FLAGGED.fg)))
        elif status(f) == "dismissed":
            grey = QFont(self.tree.font())
            grey.setItalic(True)
            for col in range(3):
                item.setForeground(col, QBrush(QColor(DISMISSED_FG)))
                item.setFont(col, grey)
        elif status(f) == "confirmed":
            item.setForeground(2, QBrush(QColor(USER_FLAGGED.fg)))
        return item

    def _flag_rows(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(k) for k in range(self.tree.topLevelItemCount()))
        return [it for it in items if it.data(0, INDEX) is not None]

    def _row(self) -> int:
        item = self.tree.currentItem()
        return self._flag_rows().index(item) if item is not None and item.data(0, INDEX) is not None else -1

    def _current(self, item, _previous=None) -> None:
        if item is not None and item.data(0, INDEX) is not None:
            self.chosen.emit(self.cmp.flags[item.data(0, INDEX)])

    def current_index(self) -> int | None:
        """The chosen flag's index in `cmp.flags`, or None."""
        item = self.tree.currentItem()
        return item.data(0, INDEX) if item is not None else None

    def choose(self, index: int) -> bool:
        """Choose the row of flag `index` (cmp.flags), if it is listed."""
        item = next((it for it in self._flag_rows() if it.data(0, INDEX) == index), None)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
        return item is not None

    def count(self) -> int:
        """How many differences are listed (headings not counted)."""
        return len(self._flag_rows())

    def step(self, delta: int) -> bool:
        """Select the next/previous shown difference; False when there is none to step to."""
        rows = self._flag_rows()
        if not rows:
            return False
        i = self._row()
        i = (i + delta) % len(rows) if i >= 0 else (0 if delta > 0 else len(rows) - 1)
        self.tree.setCurrentItem(rows[i])
        self.tree.scrollToItem(rows[i])
        return True
