"""The story view: three or more outlets at once (issue 16).

`StoryView` draws a Story: the event grouping on top; the claim matrix (a row per claim, a column
per outlet, cells coloured present / reworded / absent, H or L when told in the headline or lead,
hovering a cell shows the outlet's sentence, arrow keys move through rows); beside it the chosen
claim as each outlet tells it and every outlet's summary. Clicking two column headers (or selecting
cells in two outlet columns) and "Compare side by side" opens that pair in the window's pair view.

`StoryController` wires it into the main window (opening several files, reopening a saved story,
progress and cancel, drill-down and Back, export); `StoryWorker` builds the story off the GUI thread.
Nothing here computes an analysis: the engine's Story is drawn as it is.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser, QToolBar, QVBoxLayout, QWidget)

from framediff.report.palette import CLAIM_PLACE, CLAIM_STATE

from .settings import ARTICLE_FILTER
from .worker import AnalysisWorker

EXPORTS = {"pdf": "PDF report (*.pdf)", "html": "HTML report (*.html)", "json": "Story JSON (*.json)"}
OUTLET_COL = 34  # px: an outlet column holds a coloured cell and at most one letter
FIXED = 2  # columns before the outlets: claim number, outlets telling it


def outlet_name(article) -> str:
    return article.outlet or Path(article.source).name or article.id.upper()


class StoryWorker(AnalysisWorker):
    """Reads the files and builds the story with progress and cancel."""

    def __init__(self, paths: list[str], model, parent=None):
        super().__init__(model, parent)
        self.paths = paths

    def analyse(self):
        from framediff.story.build import build_story, load_articles

        self.progress.emit("reading the articles", 0.01)
        return build_story(load_articles(self.paths), self.model.get(), progress=self.progress.emit, cancel=self._cancel)


class StoryView(QWidget):
    """The claim matrix of one event of a Story, with its per-outlet summary beside it."""

    pair_chosen = Signal(str, str)  # two article ids, in the order chosen
    story_shown = Signal(object)  # the Story now on screen
    files_dropped = Signal(list)  # paths dropped onto the view

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("story_view")
        self.story = None
        self.shown_event = None
        self.chosen: list[str] = []
        self.grouping = QLabel()
        self.grouping.setObjectName("story_grouping")
        self.grouping.setWordWrap(True)
        self.grouping.setTextFormat(Qt.TextFormat.RichText)
        self.events = QComboBox()
        self.events.setAccessibleName("Event")
        self.events.currentIndexChanged.connect(self._event_chosen)
        self.pair_button = QPushButton("Compare side by side")
        self.pair_button.setEnabled(False)
        self.pair_button.clicked.connect(self._open_pair)
        self.hint = QLabel("Click two outlet columns to compare them side by side.")
        self.matrix = QTableWidget()
        self.matrix.setObjectName("claim_matrix")
        self.matrix.setAccessibleName("Claim matrix: rows are claims, columns are outlets")
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setMouseTracking(True)
        self.matrix.setWordWrap(False)
        self.matrix.verticalHeader().hide()
        # a selected cell keeps its colour (present / reworded / absent) and gets a frame instead
        self.matrix.setStyleSheet("QTableWidget { selection-background-color: transparent; selection-color: black; }"
                                  "QTableWidget::item:selected { border: 2px solid #1f5fa8; }")
        self.matrix.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.matrix.currentCellChanged.connect(lambda row, *_: self._show_claim(row))
        self.matrix.itemSelectionChanged.connect(self._selection_changed)
        self.detail = QTextBrowser()
        self.detail.setObjectName("story_detail")
        self.detail.setOpenLinks(False)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.grouping)
        top = QHBoxLayout()
        col.addLayout(top)
        top.addWidget(QLabel("Event:", self))
        top.addWidget(self.events)
        top.addStretch(1)
        top.addWidget(self.hint)
        top.addWidget(self.pair_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.matrix)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        col.addWidget(self.splitter, 1)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)

    # drawing ---------------------------------------------------------------
    def set_story(self, story) -> None:
        self.story = story
        parts = []
        for e in story.events:
            parts.append(f"<b>Event {e.id[1:]}</b>: " + ", ".join(
                f"{i.upper()} {escape(outlet_name(story.article(i)))}" for i in e.articles))
        for i in story.singles:
            parts.append(f"<b>On its own</b> (shares no event with another article): {i.upper()} "
                         f"{escape(outlet_name(story.article(i)))}")
        notes = "".join(f"<br><b>Not every step ran.</b> {escape(n)}" for n in story.meta.get("notices", []))
        self.grouping.setText((" &nbsp;·&nbsp; ".join(parts) or "No articles.") + notes)
        self.events.blockSignals(True)
        self.events.clear()
        for e in story.events:
            self.events.addItem(f"Event {e.id[1:]}: {len(e.articles)} outlets, {len(e.claims)} claims", e.id)
        self.events.blockSignals(False)
        self.events.setEnabled(len(story.events) > 1)
        self._set_event(story.events[0] if story.events else None)

    def _event_chosen(self, index: int) -> None:
        if self.story is not None and 0 <= index < len(self.story.events):
            self._set_event(self.story.events[index])

    def _set_event(self, event) -> None:
        self.shown_event, self.chosen = event, []
        m = self.matrix
        m.clear()
        if event is None:
            m.setRowCount(0)
            m.setColumnCount(0)
            self.detail.setHtml("<p>No two of these articles report the same event: there is no story to draw.</p>")
            self._update_pair_button()
            return
        ids = event.articles
        m.setColumnCount(FIXED + len(ids) + 1)
        m.setRowCount(len(event.claims))
        heads = ["#", "n"] + [i.upper() for i in ids] + ["Claim, in its most common wording"]
        for c, text in enumerate(heads):
            item = QTableWidgetItem(text)
            if FIXED <= c < FIXED + len(ids):
                item.setToolTip(f"{text}: {outlet_name(self.story.article(ids[c - FIXED]))} (click to choose for a pair)")
            m.setHorizontalHeaderItem(c, item)
        for r, claim in enumerate(event.claims):
            self._row(r, claim, ids)
        head = m.horizontalHeader()
        for c in range(FIXED + len(ids)):
            head.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            m.setColumnWidth(c, OUTLET_COL if c >= FIXED else 38)
        head.setSectionResizeMode(FIXED + len(ids), QHeaderView.ResizeMode.Stretch)
        m.verticalHeader().setDefaultSectionSize(m.fontMetrics().height() + 8)
        self._update_pair_button()
        if event.claims:
            m.setCurrentCell(0, FIXED + len(ids))

    def _row(self, r: int, claim, ids: list[str]) -> None:
        story = self.story
        num = QTableWidgetItem(claim.id[1:])
        num.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        count = QTableWidgetItem(str(len(claim.units)))
        count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        count.setToolTip(f"told by {len(claim.units)} of {len(ids)} outlets")
        self.matrix.setItem(r, 0, num)
        self.matrix.setItem(r, 1, count)
        for k, aid in enumerate(ids):
            cell = claim.cells.get(aid)
            state = cell.state if cell else "absent"
            mark = CLAIM_STATE[state]
            item = QTableWidgetItem(CLAIM_PLACE.get(cell.where, "") if cell else "")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setBackground(QColor(mark.bg))
            item.setForeground(QColor(mark.fg))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{outlet_name(story.article(aid))}: {mark.label}")
            item.setToolTip(self._cell_tip(claim, aid, state, cell))
            self.matrix.setItem(r, FIXED + k, item)
        ref = story.article(claim.reference)
        text = " ".join(ref.unit(u).text for u in claim.units[claim.reference])
        item = QTableWidgetItem(" ".join(text.split()))
        item.setToolTip(f"<p>{escape(text, quote=False)}</p><p><i>wording of {claim.reference.upper()} · "
                        f"{escape(outlet_name(ref))}</i></p>")
        self.matrix.setItem(r, FIXED + len(ids), item)

    def _cell_tip(self, claim, aid: str, state: str, cell) -> str:
        art = self.story.article(aid)
        name = escape(outlet_name(art))
        if state == "absent":
            return f"<p><b>{aid.upper()} · {name}</b> does not tell this.</p>"
        text = " ".join(art.unit(u).text for u in claim.units[aid])
        where = {"headline": "in its headline", "lead": "in its lead", "body": "in its body"}.get(cell.where, "")
        how = ("in the claim's most common wording" if state == "present"
               else f"in other words than {claim.reference.upper()}")
        return f"<p><b>{aid.upper()} · {name}</b>, {where}, {how}:</p><p>{escape(text, quote=False)}</p>"

    def _show_claim(self, row: int) -> None:
        if self.shown_event is None or not 0 <= row < len(self.shown_event.claims):
            return
        claim = self.shown_event.claims[row]
        parts = [f"<h3>Claim {claim.id[1:]}: told by {len(claim.units)} of {len(self.shown_event.articles)} outlets</h3>"]
        for aid in self.shown_event.articles:
            art = self.story.article(aid)
            cell = claim.cells.get(aid)
            if aid in claim.units:
                text = escape(" ".join(art.unit(u).text for u in claim.units[aid]))
                where = f" <i>({cell.where}, {cell.state})</i>" if cell else ""
                parts.append(f"<p><b>{aid.upper()} · {escape(outlet_name(art))}</b>{where}<br>{text}</p>")
            else:
                parts.append(f"<p style='color:#5f6368'><b>{aid.upper()} · {escape(outlet_name(art))}</b>: not told</p>")
        parts.append(self._outlets_html())
        self.detail.setHtml("".join(parts))

    def _outlets_html(self) -> str:
        by_id = {c.id: c for c in self.shown_event.claims}
        parts = ["<h3>Each outlet</h3>"]
        for aid in self.shown_event.articles:
            o = self.shown_event.outlets.get(aid, {})
            art = self.story.article(aid)

            def ids(key):
                return ", ".join(f"#{c[1:]}" for c in o.get(key, []) if c in by_id) or "none"
            verbs = ", ".join(f"{escape(v)} ×{n}" for v, n in list(o.get("verbs", {}).items())[:6]) or "—"
            loaded = ", ".join(dict.fromkeys(escape(s["text"]) for s in o.get("loaded", []))) or "—"
            voices = ", ".join(f"{escape(s['name'])} {round(s['share_words'] * 100)}%"
                               for s in o.get("voices", {}).get("speakers", [])[:4] if s.get("name")) or "no quotes"
            numbers = "".join(f"<br>&nbsp;· {escape(n['summary'])}" for n in o.get("numbers", []))
            parts.append(f"<p><b>{aid.upper()} · {escape(outlet_name(art))}</b><br>"
                         f"only it tells: {len(o.get('unique', []))} ({ids('unique')})<br>"
                         f"leaves out what most others tell: {len(o.get('omitted', []))} ({ids('omitted')})<br>"
                         f"attribution verbs: {verbs}<br>loaded words: {loaded}<br>quotes: {voices}"
                         + (f"<br>numbers that disagree:{numbers}" if numbers else "") + "</p>")
        if self.shown_event.naming:
            parts.append("<h3>Naming</h3>")
            for row in self.shown_event.naming:
                parts.append("<p>" + " · ".join(
                    f"<b>{aid.upper()}</b> {escape(', '.join(dict.fromkeys(s.text for s in spans)))}"
                    for aid, spans in row.items()) + "</p>")
        return "".join(parts)

    # choosing a pair -------------------------------------------------------
    def _header_clicked(self, col: int) -> None:
        if self.shown_event is None or not FIXED <= col < FIXED + len(self.shown_event.articles):
            return
        aid = self.shown_event.articles[col - FIXED]
        self.chosen = [c for c in self.chosen if c != aid] if aid in self.chosen else (self.chosen + [aid])[-2:]
        row = max(self.matrix.currentRow(), 0)
        self.matrix.clearSelection()  # the header click chose an outlet, not a column of cells
        self.matrix.setCurrentCell(row, col)
        self._update_pair_button()

    def _selection_changed(self) -> None:
        if self.shown_event is None:
            return
        outlets = range(FIXED, FIXED + len(self.shown_event.articles))
        cols = sorted({i.column() for i in self.matrix.selectedItems() if i.column() in outlets})
        if len(cols) == 2:
            self.chosen = [self.shown_event.articles[c - FIXED] for c in cols]
            self._update_pair_button()

    def choose_pair(self, x: str, y: str) -> None:
        """Choose two outlets (as clicking their column headers does)."""
        self.chosen = [x, y]
        self._update_pair_button()

    def _update_pair_button(self) -> None:
        ids = self.shown_event.articles if self.shown_event else []
        for k, aid in enumerate(ids):
            item = self.matrix.horizontalHeaderItem(FIXED + k)
            font = QFont(item.font())
            font.setBold(aid in self.chosen)
            font.setUnderline(aid in self.chosen)
            item.setFont(font)
            item.setText(f"[{aid.upper()}]" if aid in self.chosen else aid.upper())
        ok = len(self.chosen) == 2
        self.pair_button.setEnabled(ok)
        self.pair_button.setText(f"Compare {self.chosen[0].upper()} and {self.chosen[1].upper()} side by side"
                                 if ok else "Compare side by side")

    def _open_pair(self) -> None:
        if len(self.chosen) == 2:
            self.pair_chosen.emit(*self.chosen)


class StoryController:
    """The window's story mode: one StoryView beside the pair view, Back between them."""

    def __init__(self, window, layout):
        self.w = window
        self.view = StoryView()
        self.view.hide()
        layout.addWidget(self.view, 1)
        self.story = None
        self.view.pair_chosen.connect(self.open_pair)
        menu = self._menu("File")
        self.open_act = QAction("Open &several (story)…", window)
        self.open_act.setStatusTip("Open 3 to 12 articles on one story: who told what, who left what out")
        self.open_act.triggered.connect(self.choose_files)
        menu.insertAction(menu.actions()[1], self.open_act)
        self.back_act = QAction("&Back to the story", window)
        self.back_act.setShortcut(QKeySequence("Alt+Left"))
        self.back_act.setEnabled(False)
        self.back_act.triggered.connect(self.back)
        self._menu("Go").addAction(self.back_act)
        tools = window.findChild(QToolBar, "main_toolbar")
        tools.insertAction(tools.actions()[0], self.back_act)
        self.view.files_dropped.connect(lambda paths: window.open_paths("", paths))

    def _menu(self, title: str):
        return next(a.menu() for a in self.w.menuBar().actions() if a.text().replace("&", "") == title)

    @property
    def shown(self):
        """The Story on screen (None in the pair view)."""
        return self.story if self.story is not None and not self.view.isHidden() else None

    def reopen(self, saved, path: str) -> bool:
        """Show a reopened saved story; False if `saved` is a pair comparison."""
        from framediff.story.model import Story

        if not isinstance(saved, Story):
            return False
        self.w.cancel()
        self.w.settings.add_recent([path])
        self.w.message.hide()
        self.show(saved)
        return True

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.w, "Open 3 to 12 articles on one story", "", ARTICLE_FILTER)
        if paths:
            self.w.open_paths("", paths)

    def open(self, paths: list[str]) -> None:
        """Build the story of several files in a worker, with the window's progress bar and Cancel."""
        w = self.w
        w.cancel()
        w.message.hide()
        w.event_banner.hide()
        worker = StoryWorker(paths, w.model)
        w.launch(worker, lambda story: self._done(worker, story), lambda msg: self._failed(worker, msg),
                 lambda: self._cancelled(worker))

    def _done(self, worker, story) -> None:
        if worker is self.w.worker:
            self.w._finish()
            self.show(story)

    def _cancelled(self, worker) -> None:
        if worker is self.w.worker:
            self.w._finish()
            self.w.show_error("Story cancelled. Open the articles again (File ▸ Open several) to build it.", "info")

    def _failed(self, worker, msg: str) -> None:
        if worker is self.w.worker:
            self.w._finish()
            self.w.show_error(f"Could not build the story: {msg}")

    def show(self, story) -> None:
        """Draw a story and switch the window to it."""
        self.story = story
        self.view.set_story(story)
        self._to_story()
        self.view.story_shown.emit(story)

    def _to_story(self) -> None:
        story = self.story
        n_claims = sum(len(e.claims) for e in story.events)
        self.w.statusBar().showMessage(
            f"{len(story.articles)} articles · {len(story.events)} event(s) · {n_claims} claims · "
            f"{len(story.singles)} on their own. Up/Down: next claim; click two outlet columns to compare them.")
        self.w.setWindowTitle(f"framediff — story of {len(story.articles)} articles")
        self.w.splitter.hide()
        self.view.show()
        self.back_act.setEnabled(False)
        self.w.event_banner.hide()
        self.w._update_actions()
        self.view.matrix.setFocus()

    def back(self) -> None:
        if self.story is not None:
            self._to_story()

    def leave(self) -> None:
        """The window shows a pair of its own (opened, reopened or closed): the story is put away."""
        self.story = None
        self.view.hide()
        self.w.splitter.show()
        self.back_act.setEnabled(False)

    def open_pair(self, x: str, y: str) -> None:
        """Drill down: the pair comparison of outlets x and y (the same as `compare X Y`) in the pair view."""
        from .worker import Task

        story, model = self.story, self.w.model

        def work():
            from framediff.story.build import pair_comparison

            return pair_comparison(story, x, y, model.get())

        task = Task(work)
        task.done.connect(self._pair_ready)
        task.failed.connect(lambda msg: self.w.show_error(f"Could not compare {x.upper()} and {y.upper()}: {msg}"))
        self.w.statusBar().showMessage(f"Comparing {x.upper()} and {y.upper()} …")
        self.w._start(task)

    def _pair_ready(self, cmp) -> None:
        if self.story is None:
            return
        self.view.hide()
        self.w.splitter.show()
        self.w.show_comparison(cmp)
        self.back_act.setEnabled(True)
        self.w.statusBar().showMessage(self.w.statusBar().currentMessage() + " Alt+Left: back to the story.")

    def choose_export(self, kind: str | None = None) -> None:
        filters = [EXPORTS[kind]] if kind else list(EXPORTS.values())
        name = f"story of {len(self.story.articles)} articles.{kind or 'pdf'}"
        path, chosen = QFileDialog.getSaveFileName(self.w, "Export story", name, ";;".join(filters))
        if path:
            ext = Path(path).suffix.lower().lstrip(".")
            fmt = ext if ext in EXPORTS else next((k for k, v in EXPORTS.items() if v == chosen), "pdf")
            self.export_to(path if ext in EXPORTS else f"{path}.{fmt}", fmt)

    def export_to(self, path: str, fmt: str) -> None:
        """Write the story as `fmt` (pdf, html, json) in a thread; the file appears whole or not at all."""
        from .worker import Task

        story = self.story

        def work():
            from framediff.output import write_atomic, write_json

            if fmt == "json":
                write_json(story.to_dict(), path)
            else:
                from framediff.report.story import render_story_html, render_story_pdf

                write_atomic(path, render_story_pdf(story) if fmt == "pdf" else render_story_html(story))
            return path

        task = Task(work)
        task.done.connect(lambda p: self.w._exported(p, fmt))
        task.failed.connect(lambda msg: self.w.show_error(f"Could not write {path}: {msg}. Choose another folder or name."))
        self.w.statusBar().showMessage(f"Writing {path} …")
        self.w._start(task)
