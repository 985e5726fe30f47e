"""The Quotes tab: who is quoted, and how each outlet renders the same statement.

One row per quote match: the speaker ("unclear: X or Y?" when the engine is
unsure), A's words (reported speech never in quotation marks), B's words, and the engine's
relation (verbatim, trimmed, paraphrased, missing). Selecting a row brings
both quotes into view and marks them.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

SHOWN = 150  # characters of a quote shown in its cell; the tooltip has all of it
RELATION = {"verbatim": "= verbatim", "trimmed": "✂ trimmed", "paraphrased": "≈ paraphrased", "missing": "∅ missing"}


class QuotesTab(QWidget):
    chosen = Signal(list, list)  # [(start, end)] in A, [(start, end)] in B

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []
        self.note = QLabel("Quotes appear here once the comparison is done.")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("quotes")
        self.table.setAccessibleName("Quotes by speaker, A and B side by side")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        head = self.table.horizontalHeader()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        box = QVBoxLayout(self)
        box.addWidget(self.note)
        box.addWidget(self.table, 1)
        self.table.currentCellChanged.connect(lambda row, *_: self._choose(row))

    def set_comparison(self, cmp) -> None:
        self.table.setRowCount(0)
        self.rows = []
        if cmp is None:
            self.note.setText("Quotes appear here once the comparison is done.")
            return
        a, b = cmp.articles
        self.table.setHorizontalHeaderLabels(["Speaker", f"A: {a.outlet or 'A'}", f"B: {b.outlet or 'B'}", "Relation"])
        quotes = {q.id: q for q in cmp.quotes}
        for m in cmp.quote_matches:
            qa, qb = quotes.get(m.a), quotes.get(m.b)
            ref = next((q.speaker for q in (qa, qb) if q and q.speaker), None)
            who = ref.label if ref else "unattributed"
            self.rows.append((qa, qb))
            r = self.table.rowCount()
            self.table.insertRow(r)
            cells = [who, self._said(qa), self._said(qb), RELATION.get(m.relation, m.relation)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text if len(text) <= SHOWN else text[:SHOWN].rsplit(" ", 1)[0] + " …")
                item.setToolTip(text)  # table items hold plain text
                self.table.setItem(r, c, item)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(110, self.table.columnWidth(0)))
        self.table.resizeRowsToContents()
        n = len(self.rows)
        self.note.setText(f"{n} statement{'s' if n != 1 else ''} matched across the two articles. "
                          "Select a row to see both in context." if n else
                          "No quotes were found in these articles.")

    @staticmethod
    def _said(q) -> str:
        if q is None:
            return "— (not quoted)"
        verb = f" ({q.verb})" if q.verb else ""
        return f"{q.said}{verb}"

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            qa, qb = self.rows[row]
            self.chosen.emit([(qa.start, qa.end)] if qa else [], [(qb.start, qb.end)] if qb else [])
