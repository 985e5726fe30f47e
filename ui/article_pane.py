"""One side of the comparison: header (outlet, title, date), the clean text, a labelled margin.

The text is always set as plain text (`setPlainText`), so markup in an
article is shown, never interpreted. Engine spans are Python string offsets;
Qt counts UTF-16 code units, so `OffsetMap` converts between the two.
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QVBoxLayout, QWidget

from . import palette

MARGIN_W = 66
EMPTY_HINT = ("Drop an article file here, paste its text (Ctrl+V), or open it with File ▸ Open (Ctrl+O). "
              "Plain text, Markdown or HTML; or drop a saved comparison (.json).")


class OffsetMap:
    """Python str offsets <-> Qt (UTF-16) positions for one text."""

    def __init__(self, text: str):
        wide = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
        self._wide = wide  # positions of characters that take two UTF-16 units

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._wide, offset)

    def from_qt(self, pos: int) -> int:
        lo, hi = 0, pos
        while lo < hi:  # largest offset whose Qt position is <= pos
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


class Margin(QWidget):
    """Left margin: a bar and a text label beside each passage (colour is never the only sign)."""

    def __init__(self, pane: "ArticlePane"):
        super().__init__(pane.text)
        self.pane = pane
        self.marks: list[tuple[int, int, str, str]] = []  # start, end, kind, label

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#f7f8fa"))
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.8))
        p.setFont(small)
        h = self.height()
        for start, end, kind, label in self.marks:
            y0, y1 = self.pane.span_y(start, end)
            if y1 < 0 or y0 > h:
                continue
            bar = QRect(self.width() - 7, int(y0) + 1, 5, max(3, int(y1 - y0) - 2))
            colour = palette.BAND[kind]
            if kind == "only":
                p.fillRect(bar, QBrush(colour, Qt.BrushStyle.BDiagPattern))
                p.setPen(QPen(colour, 1))
                p.drawRect(bar.adjusted(0, 0, -1, -1))
            else:
                p.setPen(QPen(colour, 2, palette.PEN_STYLE[kind]))
                p.drawLine(bar.center().x(), bar.top(), bar.center().x(), bar.bottom())
            p.setPen(palette.MUTED_C if kind == "only" else palette.INK_C)
            p.drawText(QRect(2, int(y0), self.width() - 12, 16),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, label)
        p.setPen(palette.RULE_C)
        p.drawLine(self.width() - 1, 0, self.width() - 1, h)


class PaneText(QTextEdit):
    """The article text: plain text only, files dropped or pasted become a request to load."""

    files_dropped = Signal(list)
    pasted = Signal()
    pointed = Signal(int)  # Qt position under the mouse, -1 when it leaves
    clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.hint = ""  # shown, wrapped, while the pane is empty
        self.setAcceptRichText(False)
        self.setAcceptDrops(True)
        self.setTabChangesFocus(True)  # Tab leaves the pane: keyboard users reach everything else
        self.setStyleSheet(f"QTextEdit {{ background: white; color: {palette.INK}; }}")  # tints assume a light page
        self.viewport().setMouseTracking(True)
        self.setViewportMargins(MARGIN_W, 0, 0, 0)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.hint and self.document().isEmpty():
            p = QPainter(self.viewport())
            p.setPen(palette.MUTED_C)
            p.drawText(self.viewport().rect().adjusted(12, 10, -12, -10), Qt.TextFlag.TextWordWrap, self.hint)

    def canInsertFromMimeData(self, source) -> bool:
        return source.hasUrls() or source.hasText()

    def insertFromMimeData(self, source) -> None:
        if source.hasUrls():
            self.files_dropped.emit([u.toLocalFile() if u.isLocalFile() else u.toString() for u in source.urls()
                                     if u.isLocalFile() or u.scheme() in ("http", "https")])
        elif source.hasText() and not self.isReadOnly():
            self.textCursor().insertText(source.text())  # the plain text, never the HTML flavour
            self.pasted.emit()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            self.insertFromMimeData(event.mimeData())
        else:
            super().dropEvent(event)

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        self.pointed.emit(self.cursorForPosition(event.position().toPoint()).position())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self.pointed.emit(-1)


class ArticlePane(QWidget):
    """Header, margin and text of article `side` ("a" or "b")."""

    files_dropped = Signal(list)
    pasted = Signal()
    pointed = Signal(int)  # article offset under the mouse, -1 for none
    clicked = Signal(int)
    moved = Signal()  # scrolled, resized or zoomed: whatever is drawn beside the pane must follow

    def __init__(self, side: str, parent=None):
        super().__init__(parent)
        self.side = side
        self.article = None
        self.map = OffsetMap("")
        self._starts: list[int] = []
        self._units: list = []
        self.text = PaneText(self)
        self.text.setObjectName(f"text_{side}")
        self.text.setAccessibleName(f"Article {side.upper()} text")
        self.margin = Margin(self)
        self.badge, self.outlet, self.date, self.title = QLabel(side.upper()), QLabel(), QLabel(), QLabel()
        for label in (self.badge, self.outlet, self.date, self.title):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge.setStyleSheet(f"background:{palette.SIDE[side].name()};color:white;font-weight:bold;"
                                 "padding:1px 7px;border-radius:3px;")
        self.outlet.setStyleSheet(f"font-weight:bold;color:{palette.SIDE[side].name()};")
        self.date.setStyleSheet(f"color:{palette.MUTED_C.name()};")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size:13pt;font-weight:600;")
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addWidget(self.outlet, 1)
        top.addWidget(self.date)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        box.addLayout(top)
        box.addWidget(self.title)
        box.addWidget(self.text, 1)
        self.text.files_dropped.connect(self.files_dropped)
        self.text.pasted.connect(self.pasted)
        self.text.pointed.connect(lambda pos: self.pointed.emit(self._offset(pos)))
        self.text.clicked.connect(lambda pos: self.clicked.emit(self._offset(pos)))
        self.text.verticalScrollBar().valueChanged.connect(self._moved)
        self.text.verticalScrollBar().rangeChanged.connect(self._moved)
        self.clear()

    # content -------------------------------------------------------------
    def clear(self, hint: str = EMPTY_HINT) -> None:
        """Empty and editable: ready for a paste or a drop."""
        self.article, self._units, self._starts = None, [], []
        self.map = OffsetMap("")
        self.text.setReadOnly(False)
        self.text.clear()
        self.text.hint = hint
        self.set_header(f"Article {self.side.upper()}", "", "No article yet")
        self.set_marks([])

    def show_article(self, article) -> None:
        """Show the engine's clean text of `article`, read-only, with its outlet, title and date."""
        self.article = article
        self.map = OffsetMap(article.text)
        self._units = sorted(article.units, key=lambda u: u.start)
        self._starts = [u.start for u in self._units]
        self.text.setReadOnly(True)
        self.text.setPlainText(article.text.replace("\r\n", " \n"))  # Qt would fold CR LF into one character
        self.text.setExtraSelections([])
        self.set_header(article.outlet or article.source, article.date or "date unknown", article.title or "(no title)")

    def show_pending(self, label: str) -> None:
        """A file chosen for this side, not yet read."""
        self.article = None
        self.text.setReadOnly(True)
        self.text.setPlainText("")
        self.text.hint = f"Reading {label} …"
        self.set_header(label, "", "")

    def set_header(self, outlet: str, date: str, title: str) -> None:
        self.outlet.setText(outlet)
        self.date.setText(date)
        self.title.setText(title)
        self.title.setVisible(bool(title))

    def pasted_text(self) -> str:
        return "" if self.text.isReadOnly() else self.text.toPlainText()

    # marks ---------------------------------------------------------------
    def set_marks(self, marks: list[tuple[int, int, str, str]]) -> None:
        self.margin.marks = marks
        self.margin.update()

    def set_highlights(self, spans: list[tuple[int, int, object]]) -> None:
        """Highlight `(start, end, QTextCharFormat)` spans (later ones drawn on top)."""
        out = []
        for start, end, fmt in spans:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.text.document())
            cur.setPosition(self.map.to_qt(start))
            cur.setPosition(self.map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor, sel.format = cur, fmt
            out.append(sel)
        self.text.setExtraSelections(out)

    # geometry ------------------------------------------------------------
    def unit_at(self, offset: int):
        """The unit holding `offset`, or None."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if 0 <= i < len(self._units) and offset <= self._units[i].end:
            return self._units[i]
        return None

    def _offset(self, pos: int) -> int:
        return -1 if pos < 0 or self.article is None else self.map.from_qt(pos)

    def _line(self, offset: int) -> tuple[float, float]:
        doc = self.text.document()
        pos = self.map.to_qt(offset)
        block = doc.findBlock(pos)
        rect = doc.documentLayout().blockBoundingRect(block)
        line = block.layout().lineForTextPosition(pos - block.position()) if block.layout() else None
        if line is None or not line.isValid():
            return rect.top(), rect.bottom()
        return rect.top() + line.y(), rect.top() + line.y() + line.height()

    def span_doc(self, start: int, end: int) -> tuple[float, float]:
        """Top and bottom of a span in document pixels."""
        return self._line(start)[0], self._line(max(start, end - 1))[1]

    def span_y(self, start: int, end: int) -> tuple[float, float]:
        """Top and bottom of a span in viewport pixels (what is drawn beside the pane uses these)."""
        top, bottom = self.span_doc(start, end)
        off = self.text.verticalScrollBar().value()
        return top - off, bottom - off

    def doc_height(self) -> float:
        return max(1.0, self.text.document().size().height())

    def view_height(self) -> int:
        return self.text.viewport().height()

    def viewport_top(self) -> int:
        """Where the text's viewport starts, in this pane's coordinates."""
        return self.text.mapTo(self, self.text.viewport().pos()).y()

    def scroll(self) -> int:
        return self.text.verticalScrollBar().value()

    def set_scroll(self, value: float) -> None:
        self.text.verticalScrollBar().setValue(int(round(value)))

    def bring_into_view(self, start: int, end: int, at: float = 0.3) -> None:
        """Scroll so the span's top sits at fraction `at` of the visible height."""
        top, _ = self.span_doc(start, end)
        self.set_scroll(top - self.view_height() * at)

    def set_zoom(self, steps: int) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() + steps))
        self.text.setFont(font)
        self.margin.setFont(self.font())
        self._moved()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_margin()
        self._moved()

    def _place_margin(self) -> None:
        cr = self.text.contentsRect()
        self.margin.setGeometry(cr.left(), cr.top(), MARGIN_W, cr.height())

    def _moved(self, *_) -> None:
        self._place_margin()
        self.margin.update()
        self.moved.emit()
