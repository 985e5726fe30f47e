"""The comparison window: menus and shortcuts, the message strips, progress, panes and side panel.

It holds the state of one session (the two sources, the running worker, the
Comparison) and wires the views together; drawing lives in the view modules
and every analysis comes from the engine through `worker.py`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QMainWindow, QProgressBar, QPushButton, QSplitter,
                               QTabWidget, QToolBar, QVBoxLayout, QWidget)

from framediff.errors import InputError

from .chart_tabs import frames_tab, voices_tab
from .compare_view import CompareView
from .differences_tab import DifferencesTab
from .findbar import FindBar
from .messagebar import MessageBar
from .open_url import is_url
from .quotes_tab import QuotesTab
from .review_actions import ReviewActions
from .settings import ARTICLE_FILTER, Settings
from .story_view import StoryController
from .worker import CompareWorker, ModelHolder, Source, Task, warm_up

EXPORTS = {"pdf": "PDF report (*.pdf)", "html": "HTML report (*.html)", "json": "Comparison JSON (*.json)"}
MAX_SAVED = 200_000_000


class MainWindow(QMainWindow):
    comparison_shown = Signal(object)  # the Comparison now on screen
    engine_ready = Signal()  # the model and the engine are loaded (see preload_model)
    exported = Signal(str)  # path written

    def __init__(self, settings: Settings | None = None, embedder=None):
        super().__init__()
        self.settings = settings or Settings()
        self.model = ModelHolder(embedder)  # one model for every comparison of this window
        self.sources: dict[str, Source | None] = {"a": None, "b": None}
        self.cmp = None
        self.worker: CompareWorker | None = None
        self._threads: list = []  # finished-or-cancelled threads kept alive until they stop
        self.setWindowTitle("framediff[*]")
        self.view = CompareView()
        self.event_banner = MessageBar("event_banner")
        self.message = MessageBar("message")
        self.findbar = FindBar()
        self.differences, self.quotes, self.voices, self.frames = DifferencesTab(), QuotesTab(), voices_tab(), frames_tab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("side_panel")
        for tab, name in ((self.differences, "&Differences"), (self.quotes, "&Quotes"),
                          (self.voices, "&Voices"), (self.frames, "F&rames")):
            self.tabs.addTab(tab, name)
        self.stage, self.bar, self.cancel_button = QLabel(), QProgressBar(), QPushButton("Cancel")
        self.bar.setRange(0, 100)
        self.bar.setAccessibleName("Comparison progress")
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(6, 0, 6, 0)
        for w in (self.stage, self.bar, self.cancel_button):
            row.addWidget(w, 1 if w is self.bar else 0)
        self.progress_row.hide()
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.view, 1)
        col.addWidget(self.findbar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        central = QWidget()
        main = QVBoxLayout(central)
        main.setContentsMargins(6, 6, 6, 2)
        main.setSpacing(4)
        for w in (self.event_banner, self.message, self.progress_row):
            main.addWidget(w)
        main.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._connect()
        self.stories = StoryController(self, main)  # 3 to 12 articles: the story view, in place of the panes
        self._zoom = self.settings.zoom()
        self.view.set_zoom(self._zoom)
        self._restore_layout()
        self._update_actions()
        self.statusBar().showMessage("Open two articles to compare them (Ctrl+O), or drop or paste them into the panes.")

    # actions -------------------------------------------------------------
    def _act(self, menu, text: str, slot, keys=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if keys is not None:
            act.setShortcuts(keys if isinstance(keys, list) else [QKeySequence(keys)])
        act.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        act.triggered.connect(lambda _checked=False: slot())
        menu.addAction(act)
        return act

    def _build_actions(self) -> None:
        bar = self.menuBar()
        f = bar.addMenu("&File")
        self.open_act = self._act(f, "&Open…", self.choose_files, QKeySequence.StandardKey.Open,
                                  "Open two articles, one article into the empty side, or a saved comparison")
        self._act(f, "Open into &A…", lambda: self.choose_files("a"), "Ctrl+Shift+A")
        self._act(f, "Open into &B…", lambda: self.choose_files("b"), "Ctrl+Shift+B")
        self._act(f, "Open &URL…", self.choose_urls, "Ctrl+U", "Open one or two articles from web addresses")
        self.recent_menu = f.addMenu("&Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        f.addSeparator()
        self.save_act = self._act(f, "&Save comparison…", self.choose_save, QKeySequence.StandardKey.Save)
        self.export_act = self._act(f, "&Export…", self.choose_export, "Ctrl+E", "Export the comparison as PDF, HTML or JSON")
        self.export_acts = [self._act(f, f"Export as {k.upper()}…", lambda k=k: self.choose_export(k)) for k in EXPORTS]
        f.addSeparator()
        self.close_act = self._act(f, "&Close comparison", self.close_comparison, QKeySequence.StandardKey.Close)
        self._act(f, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        e = bar.addMenu("&Edit")
        self._act(e, "&Find…", self.findbar.open_bar, QKeySequence.StandardKey.Find)
        self.meta_acts = [self._act(e, f"Outlet and date of &{s.upper()}…", lambda s=s: self.edit_meta(s))
                          for s in "ab"]
        v = bar.addMenu("&View")
        self._act(v, "Zoom &in", lambda: self.zoom(1), [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self._act(v, "Zoom &out", lambda: self.zoom(-1), "Ctrl+-")
        self._act(v, "&Reset zoom", lambda: self.zoom(0), "Ctrl+0")
        self.sync_act = self._act(v, "&Synchronised scrolling", self._toggle_sync, "Ctrl+L")
        self.sync_act.setCheckable(True)
        self.sync_act.setChecked(self.settings.flag("sync_scrolling", True))
        self.view.sync_scrolling = self.sync_act.isChecked()
        v.addSeparator()
        self._act(v, "Go to article &A", lambda: self.view.panes["a"].text.setFocus(), "Ctrl+1")
        self._act(v, "Go to article &B", lambda: self.view.panes["b"].text.setFocus(), "Ctrl+2")
        for i in range(4):
            self._act(v, f"Show {self.tabs.tabText(i).replace('&', '')} tab", lambda i=i: self._show_tab(i), f"Ctrl+{i + 3}")
        g = bar.addMenu("&Go")
        self.next_act = self._act(g, "&Next difference", lambda: self.step(1), "Alt+Down")
        self.prev_act = self._act(g, "&Previous difference", lambda: self.step(-1), "Alt+Up")
        self._act(g, "Next &passage", lambda: self.view.step(1), "Alt+PgDown", "Next matched or unmatched passage")
        self._act(g, "Previous p&assage", lambda: self.view.step(-1), "Alt+PgUp")
        a = bar.addMenu("&Analysis")
        self.compare_act = self._act(a, "&Compare", self.compare, "Ctrl+Return", "Compare the two articles now")
        self.swap_act = self._act(a, "&Swap A and B", self.swap, "Ctrl+Shift+X")
        self.cancel_act = self._act(a, "C&ancel", self.cancel, "Esc", "Stop the running comparison")
        self.review = ReviewActions(self)
        self.review.install(e, bar)
        h = bar.addMenu("&Help")
        self._act(h, "&Keys and marks", self._help, "F1")
        tools = QToolBar("Main")
        tools.setObjectName("main_toolbar")
        for act in (self.open_act, self.compare_act, self.swap_act, self.prev_act, self.next_act, self.sync_act,
                    self.save_act, self.export_act):
            tools.addAction(act)
        self.addToolBar(tools)

    def _connect(self) -> None:
        self.cancel_button.clicked.connect(self.cancel)
        self.view.files_dropped.connect(self.open_paths)
        self.view.pasted.connect(self._pasted)
        self.view.selection_changed.connect(self.statusBar().showMessage)
        self.differences.chosen.connect(self._flag_chosen)
        self.quotes.chosen.connect(lambda a, b: self.view.show_evidence(a, b))
        self.findbar.found.connect(self.view.set_found)
        self.findbar.current.connect(lambda side, s, e: self.view.panes[side].bring_into_view(s, e, 0.4))
        self.message.action.connect(self.compare)

    def _update_actions(self) -> None:
        busy = self.worker is not None
        have = self.cmp is not None or self.stories.shown is not None
        for act in (self.save_act, self.export_act, *self.export_acts):
            act.setEnabled(have and not busy)
        for act in self.meta_acts:  # outlet and date of A/B: a pair's own
            act.setEnabled(self.cmp is not None and not busy)
        self.cancel_act.setEnabled(busy)
        self.compare_act.setEnabled(not busy)
        self.swap_act.setEnabled(not busy and all(self.sources.values()))

    # opening -------------------------------------------------------------
    def choose_files(self, side: str | None = None) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open articles or a saved comparison", "", ARTICLE_FILTER)
        if paths:
            self.open_paths(side or "", paths)

    def open_paths(self, side: str, paths: list[str]) -> None:
        """Open dropped or chosen files: a saved comparison, two articles, or one into `side` (or the empty side)."""
        paths = [p for p in paths if p]
        if len(paths) >= 3:
            self.stories.open(paths)
            return
        if len(paths) == 1 and paths[0].lower().endswith(".json"):
            self.open_saved(paths[0])
            return
        if len(paths) >= 2:
            self.sources = {"a": Source("file", paths[0]), "b": Source("file", paths[1])}
        elif paths:
            side = side or ("a" if self.sources["a"] is None else "b")
            self.sources[side] = Source("file", paths[0])
            self.view.panes[side].show_pending(Path(paths[0]).name)
        if all(self.sources.values()):
            if all(s.kind == "file" and not is_url(s.value) for s in self.sources.values()):
                self.settings.add_recent([self.sources[s].value for s in "ab"])
            self.compare()
        else:
            self._update_actions()
            self.statusBar().showMessage("Now open, drop or paste the other article.")

    def choose_urls(self) -> None:
        """File ▸ Open URL: the dialog fetches; the pages then compare like files."""
        from .open_url import OpenUrlDialog

        dialog = OpenUrlDialog(self)
        if dialog.exec() and dialog.urls:
            self.open_paths("" if len(dialog.urls) > 1 else next(iter(dialog.urls)), list(dialog.urls.values()))

    def edit_meta(self, side: str) -> None:
        """Edit ▸ Outlet and date: the edit is kept in the comparison (saved and exported with it)."""
        from .article_meta import edit_outlet_and_date

        if self.cmp is not None and edit_outlet_and_date(self.cmp.article(side), self):
            art = self.cmp.article(side)
            self.view.panes[side].set_header(art.outlet or art.source, art.date or "date unknown", art.title or "(no title)")
            a, b = self.cmp.articles
            self.setWindowTitle(f"framediff — {a.outlet or 'A'} vs {b.outlet or 'B'}")

    def _pasted(self, side: str) -> None:
        text = self.view.panes[side].pasted_text()
        self.sources[side] = Source("file", text.strip()) if is_url(text) else Source("text", text)
        other = "b" if side == "a" else "a"
        if self.sources[other] is not None:
            self.compare()
        else:
            self.statusBar().showMessage(f"Pasted into {side.upper()}. Now paste or open article {other.upper()}.")

    def open_saved(self, path: str) -> None:
        """Reopen a saved comparison (checked strictly by the engine before anything is shown)."""
        from framediff.schema import load_comparison

        if not self.review.may_discard():
            return
        try:
            if os.path.getsize(path) > MAX_SAVED:
                raise InputError(f"{path}: too large to be a saved comparison")
            with open(path, "rb") as fh:
                data = json.loads(fh.read().decode("utf-8"))
            cmp = load_comparison(data)
            if self.stories.reopen(cmp, path):
                return
            if len(cmp.articles) != 2:
                raise InputError(f"{path}: holds one article; open it beside another to compare")
        except InputError as e:
            self.show_error(f"Could not open {Path(path).name}: {e}")
            return
        except (OSError, UnicodeDecodeError, ValueError) as e:
            self.show_error(f"Could not open {Path(path).name}: {getattr(e, 'strerror', None) or 'not a readable JSON file'}. "
                            "Choose a comparison saved by framediff (File ▸ Save comparison).")
            return
        self.cancel()
        self.stories.leave()
        self.sources = {a.id: Source("file", a.source) if os.path.isfile(a.source) else Source("article", a)
                        for a in cmp.articles}
        self.settings.add_recent([path])
        self.message.hide()
        self.show_comparison(cmp)
        self.statusBar().showMessage(f"Reopened {path}")

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for i, paths in enumerate(self.settings.recent()):
            names = " ⇄ ".join(Path(p).name for p in paths)
            act = self.recent_menu.addAction(f"&{i + 1} {names}" if i < 9 else names)
            act.triggered.connect(lambda _c=False, p=paths: self.open_recent(p))
        if not self.recent_menu.isEmpty():
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self.settings.clear_recent)
        else:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def open_recent(self, paths: list[str]) -> None:
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            self.show_error(f"{missing[0]} no longer exists. Open the file from its new place with File ▸ Open (Ctrl+O).")
            return
        self.open_paths("", paths)

    # comparing -----------------------------------------------------------
    def compare(self) -> None:
        """Compare the two sources (pasted text in an empty pane counts as a source)."""
        for side, pane in self.view.panes.items():
            if self.sources[side] is None and pane.pasted_text().strip():
                self.sources[side] = Source("text", pane.pasted_text())
        missing = [s.upper() for s in "ab" if self.sources[s] is None]
        if missing:
            self.show_error(f"Article {' and '.join(missing)} is missing: open, drop or paste it first.", "info")
            return
        if not self.review.may_discard():
            return
        self.cancel()
        self.stories.leave()
        self.message.hide()
        self.event_banner.hide()
        self.cmp = None
        for tab in (self.differences, self.quotes, self.voices, self.frames):
            tab.set_comparison(None)
        self.review.start(None)
        for side, src in self.sources.items():
            if src.kind == "file":
                self.view.panes[side].show_pending(Path(src.value).name)
        w = CompareWorker(self.sources["a"], self.sources["b"], self.model)
        w.articles_ready.connect(lambda a, b: self._articles(w, a, b))
        self.launch(w, lambda cmp: self._done(w, cmp), lambda msg: self._failed(w, msg), lambda: self._stopped(w))

    def launch(self, w, done, failed, cancelled) -> None:
        """Run an analysis worker (ui/worker.AnalysisWorker) as the window's one job: its progress in the
        progress row, Esc cancels it, and `done`, `failed` or `cancelled` is called when it ends."""
        self.worker = w
        w.progress.connect(lambda stage, frac: self._progress(w, stage, frac))
        w.done.connect(done)
        w.failed.connect(failed)
        w.cancelled.connect(cancelled)
        self.stage.setText("Starting …")
        self.bar.setValue(0)
        self.progress_row.show()
        self._update_actions()
        self._start(w)

    def preload_model(self) -> None:
        """Load the model and warm the engine in the background while the user picks articles."""
        task = Task(lambda: warm_up(self.model))
        task.done.connect(lambda _: self.engine_ready.emit())
        task.failed.connect(lambda msg: self.show_error(f"The analysis engine could not be loaded: {msg}"))
        self._start(task)

    def _start(self, thread) -> None:
        thread.finished.connect(lambda: self._reap(thread))
        self._threads.append(thread)
        thread.start()

    def _articles(self, w, a, b) -> None:
        if w is self.worker:
            self.view.show_articles(a, b)
            self.findbar.set_texts({"a": a.text, "b": b.text})
            self.setWindowTitle(f"framediff — {a.outlet or 'A'} vs {b.outlet or 'B'}[*]")

    def _progress(self, w, stage: str, frac: float) -> None:
        if w is self.worker:
            self.stage.setText(stage[:1].upper() + stage[1:] + " …")
            self.bar.setValue(int(frac * 100))

    def _done(self, w, cmp) -> None:
        if w is self.worker:
            self._finish()
            self.show_comparison(cmp)

    def _failed(self, w, msg: str) -> None:
        if w is self.worker:
            self._finish()
            for side, pane in self.view.panes.items():
                if pane.article is None and self.sources[side] is not None and self.sources[side].kind == "file":
                    self.sources[side] = None  # unreadable: the pane takes a drop or a paste again
                    pane.clear()
            self.show_error(f"Could not compare: {msg}", action="Try again")

    def _stopped(self, w) -> None:
        if w is self.worker:
            self._finish()
            self.show_error("Comparison cancelled. The articles stay open; compare again with Ctrl+Return.", "info",
                            action="Compare again")

    def _finish(self) -> None:
        self.worker = None
        self.progress_row.hide()
        self._update_actions()

    def _reap(self, w) -> None:
        if w in self._threads:
            self._threads.remove(w)
        w.deleteLater()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.cancelled.emit()  # its own handler says so now (a pair's or a story's words); the
            # thread's own "cancelled" later finds it finished

    def swap(self) -> None:
        if all(self.sources.values()):
            self.sources = {"a": self.sources["b"], "b": self.sources["a"]}
            self.compare()

    def close_comparison(self) -> None:
        if not self.review.may_discard():
            return
        self.cancel()
        self.stories.leave()
        self.sources, self.cmp = {"a": None, "b": None}, None
        self.view.clear()
        for tab in (self.differences, self.quotes, self.voices, self.frames):
            tab.set_comparison(None)
        self.event_banner.hide()
        self.message.hide()
        self.review.start(None)
        self.setWindowTitle("framediff[*]")
        self._update_actions()

    # showing -------------------------------------------------------------
    def show_comparison(self, cmp) -> None:
        """Draw a finished comparison everywhere; warn first if the articles report different events."""
        self.cmp = cmp
        a, b = cmp.articles
        self.view.set_comparison(cmp)
        self.review.start(cmp)  # the Differences list, the flags' marks, a fresh undo stack
        for tab in (self.quotes, self.voices, self.frames):
            tab.set_comparison(cmp)
        self.findbar.set_texts({"a": a.text, "b": b.text})
        self.setWindowTitle(f"framediff — {a.outlet or 'A'} vs {b.outlet or 'B'}[*]")
        se = cmp.same_event
        notices = " ".join(cmp.meta.get("notices", []))  # steps the engine did not run (a language it cannot read)
        if se is not None and not se.verdict:
            why = "; ".join(se.reasons) if se.reasons else f"same-event score {se.score:.2f}"
            if se.unsure:
                title = "The same event, or the same kind of event on another occasion? framediff cannot tell."
                advice = "Check the dates and places before citing matched passages as the same facts."
            else:
                title = "These two articles probably report DIFFERENT events. They are compared anyway."
                advice = "Read matched passages as similar wording, not as the same facts."
            self.event_banner.show_message("warn", f"Why: {why}. {advice} {notices}", title=title)
        elif notices:
            self.event_banner.show_message("warn", notices, title="Not every step ran.")
        else:
            self.event_banner.hide()
        um = cmp.unmatched
        self.statusBar().showMessage(
            f"{len(self.view.links)} matched passages · {len(um.get('a', []))} sentences only in A · "
            f"{len(um.get('b', []))} only in B · {len(cmp.quotes)} quotes · {len(cmp.flags)} differences. "
            "Alt+Down: next difference.")
        self._update_actions()
        self.comparison_shown.emit(cmp)

    def show_error(self, text: str, level: str = "error", action: str = "") -> None:
        self.message.show_message(level, text, action)

    def step(self, delta: int) -> None:
        """Next/previous ranked difference; without flags, next/previous passage."""
        if not self.differences.step(delta):
            self.view.step(delta)

    def _flag_chosen(self, flag) -> None:
        self.view.show_evidence([(s.start, s.end) for s in flag.a], [(s.start, s.end) for s in flag.b], flag.group)
        self.statusBar().showMessage(flag.summary)

    def _show_tab(self, i: int) -> None:
        self.tabs.setCurrentIndex(i)
        self.tabs.currentWidget().setFocus()

    def zoom(self, delta: int) -> None:
        self._zoom = 0 if delta == 0 else max(-6, min(12, self._zoom + delta))
        self.view.set_zoom(self._zoom)
        self.settings.set_zoom(self._zoom)

    def _toggle_sync(self) -> None:
        self.view.sync_scrolling = self.sync_act.isChecked()
        self.settings.set_flag("sync_scrolling", self.view.sync_scrolling)

    def _help(self) -> None:
        self.message.show_message("info", (
            "Keys: Ctrl+O open · Ctrl+Return compare · Alt+Down/Up next/previous difference · Alt+PgDown/PgUp "
            "next/previous passage · Ctrl+F find · Ctrl+plus/minus zoom · Ctrl+1/2 articles · Ctrl+3–6 side tabs · "
            "Ctrl+S save · Ctrl+E export. Review: Ctrl+M flag the selected words · C confirm · D dismiss · N note · "
            "R restore · Ctrl+Z / Ctrl+Shift+Z undo / redo. Marks: labelled bars in the margin, solid band = same facts, dashed band = "
            "told differently, hatched = only in one article; changed words: struck = only in A, dashed underline = "
            "only in B, wavy = replaced."))

    # saving and exporting ------------------------------------------------
    def _default_name(self, ext: str) -> str:
        a, b = self.cmp.articles
        name = f"{a.outlet or 'A'} vs {b.outlet or 'B'}".replace("/", "-")
        return f"{name}.{ext}"

    def choose_save(self) -> None:
        if self.stories.shown is not None:
            self.stories.choose_export("json")
        elif self.cmp is not None:
            path, _ = QFileDialog.getSaveFileName(self, "Save comparison", self._default_name("json"), EXPORTS["json"])
            if path:
                self.export_to(path, "json")

    def choose_export(self, kind: str | None = None) -> None:
        if self.stories.shown is not None:
            self.stories.choose_export(kind)
            return
        if self.cmp is None:
            return
        filters = [EXPORTS[kind]] if kind else list(EXPORTS.values())
        path, chosen = QFileDialog.getSaveFileName(self, "Export comparison", self._default_name(kind or "pdf"),
                                                   ";;".join(filters))
        if path:
            ext = Path(path).suffix.lower().lstrip(".")
            fmt = ext if ext in EXPORTS else next((k for k, v in EXPORTS.items() if v == chosen), "pdf")
            self.export_to(path if ext in EXPORTS else f"{path}.{fmt}", fmt)

    def export_to(self, path: str, fmt: str) -> None:
        """Write the comparison as `fmt` (pdf, html, json) in a thread; the file appears whole or not at all."""
        cmp, dismissed = self.cmp, self.differences.show_dismissed.isChecked()

        def work():
            from framediff.output import write_atomic, write_json

            if fmt == "json":
                write_json(cmp, path)
            else:
                from framediff import report

                write_atomic(path, report.render_pdf(cmp, dismissed) if fmt == "pdf" else report.render_html(cmp, dismissed))
            return path

        task = Task(work)
        task.done.connect(lambda p: self._exported(p, fmt))
        task.failed.connect(lambda msg: self.show_error(f"Could not write {path}: {msg}. Choose another folder or name."))
        self.statusBar().showMessage(f"Writing {path} …")
        self._start(task)

    def _exported(self, path: str, fmt: str) -> None:
        if fmt == "json":
            self.settings.add_recent([path])
            self.review.saved()
        self.statusBar().showMessage(f"Wrote {path}")
        self.exported.emit(path)

    # layout --------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry, state, split = (self.settings.layout(k) for k in ("geometry", "state", "splitter"))
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1500, 900)
        if state is not None:
            self.restoreState(state)
        if split is None or not self.splitter.restoreState(split):
            self.splitter.setSizes([1100, 400])

    def closeEvent(self, event) -> None:
        if not self.review.may_discard():
            event.ignore()
            return
        self.settings.set_layout("geometry", self.saveGeometry())
        self.settings.set_layout("state", self.saveState())
        self.settings.set_layout("splitter", self.splitter.saveState())
        self.settings.sync()
        if self.worker is not None:
            self.worker.cancel()
        for t in list(self._threads):
            t.wait()
        super().closeEvent(event)
