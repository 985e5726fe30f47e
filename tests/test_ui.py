"""The window driven as a user would: open, compare, step, select, save, reopen, export, swap.

Real model (the shared `embedder` fixture is injected), the seed articles,
and a temporary settings file: the user's own settings are never touched.
"""
from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog

from conftest import seed
from ui.palette import SELECTED

WAIT = 180_000  # ms; a comparison takes seconds, the first one on a busy machine longer


@pytest.fixture
def settings(tmp_path):
    from ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, embedder, settings):
    from ui.main_window import MainWindow

    w = MainWindow(settings, embedder=embedder)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    with qtbot.waitSignal(w.engine_ready, timeout=WAIT):
        w.show()
        w.preload_model()  # as ui.app.main does once the window is up
    yield w
    w.close()


def reopen(qtbot, window, path):
    with qtbot.waitSignal(window.comparison_shown, timeout=5000):
        window.open_paths("", [str(path)])
    return window.cmp


def shown_text(pane) -> str:
    """The characters on screen (QTextEdit.toPlainText would turn no-break spaces into spaces)."""
    return pane.text.document().toRawText().replace("\u2029", "\n")


def visible(pane, start, end) -> bool:
    y0, y1 = pane.span_y(start, end)
    return y1 > 0 and y0 < pane.view_height()


class StallMeter:
    """A 20 ms timer on the GUI thread; the longest gap between its ticks is how long the window froze."""

    def __init__(self):
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.last, self.worst, self.where = 0.0, 0.0, ""
        self.stage = lambda: ""

    def _tick(self):
        now = time.perf_counter()
        if now - self.last > self.worst:
            self.worst, self.where = now - self.last, self.stage()
        self.last = now

    def start(self):
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self):
        self.timer.stop()
        self._tick()


def test_open_compare_and_step_through_differences_without_freezing(qtbot, window, monkeypatch, settings):
    paths = [str(seed("003")), str(seed("004"))]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (paths, ""))
    meter = StallMeter()
    meter.stage = window.stage.text
    meter.start()
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT) as shown:
        qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        assert window.progress_row.isVisible() and window.cancel_act.isEnabled()
    meter.stop()
    print(f"longest GUI-thread gap during the comparison: {meter.worst * 1000:.0f} ms")
    assert meter.worst < 0.2, (
        f"the GUI thread stalled for {meter.worst * 1000:.0f} ms during the comparison (at {meter.where!r})")
    cmp = shown.args[0]
    a, b = window.view.panes["a"], window.view.panes["b"]
    assert shown_text(a) == cmp.articles[0].text and shown_text(b) == cmp.articles[1].text
    assert a.outlet.text() == cmp.articles[0].outlet and a.date.text() == "2019-05-31"
    assert a.title.text() == cmp.articles[0].title
    assert not window.progress_row.isVisible()
    assert len(window.view.linkmap.links) == len([g for g in cmp.alignment if g.a and g.b]) > 0
    labels = {side: {m[3] for m in window.view.panes[side].margin.marks} for side in "ab"}
    assert "only in A" in labels["a"] and "only in B" in labels["b"]
    numbered = {lbl for lbl in labels["a"] if lbl.endswith(("differs", "same"))}
    assert numbered and numbered == {lbl for lbl in labels["b"] if lbl.endswith(("differs", "same"))}
    assert settings.recent()[0] == [str(seed("003").resolve()), str(seed("004").resolve())]

    # Alt+Down walks the ranked differences; each one's evidence comes into view and is marked
    from framediff.review import TOP_TOOL

    from framediff.review import findings

    lead = findings(cmp.flags).leading
    assert window.differences.count() == lead > 1 and lead <= TOP_TOOL  # the tool's surest; the rest a click away
    if len(cmp.flags) > TOP_TOOL:
        window.differences.show_all.setChecked(True)
        assert window.differences.count() == len(cmp.flags)
        window.differences.show_all.setChecked(False)
    window.view.panes["a"].text.setFocus()
    for rank in (1, 2):
        qtbot.keyClick(window.view.panes["a"].text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        item = window.differences.tree.currentItem()
        assert item.text(0) == str(rank)
        flag = window.differences.flags[rank - 1]
        for side, spans in (("a", flag.a), ("b", flag.b)):
            if spans:
                assert visible(window.view.panes[side], spans[0].start, spans[0].end)
                assert window.view.evidence[side][0] == (spans[0].start, spans[0].end)
    qtbot.keyClick(window.view.panes["a"].text, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.differences.tree.currentItem().text(0) == "1"

    # next passage: a matched group is selected, its band isolated and its changed words marked
    group = next(g for g in cmp.alignment if any(op.op in ("replace", "delete") and op.a.end > op.a.start for op in g.diff))
    window.view.select(group.id)
    assert window.view.linkmap.selected == group.id
    link = window.view.links[group.id]
    assert visible(a, *link.a) and visible(b, *link.b)
    marked = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in a.text.extraSelections()}
    op = next(op for op in group.diff if op.op in ("replace", "delete") and op.a.end > op.a.start)
    assert (a.map.to_qt(op.a.start), a.map.to_qt(op.a.end)) in marked


def test_filter_differences_by_type(qtbot, window, saved_seeds):
    cmp = reopen(qtbot, window, saved_seeds)
    combo = window.differences.filter
    kind = combo.itemData(1)
    combo.setCurrentIndex(1)
    shown = window.differences.count()
    assert shown == sum(f.type == kind for f in cmp.flags) and shown < len(cmp.flags)
    window.differences.step(1)
    assert window.differences.flags[int(window.differences.tree.currentItem().text(0)) - 1].type == kind


def test_the_status_bar_counts_the_quotes_the_report_counts(qtbot, window, saved_seeds):
    """The window and the PDF's summary give one figure for the quotes (the Quotes table lists fewer rows: one per
    statement compared across the two)."""
    from framediff.report.html import render_html

    said = []
    window.comparison_shown.connect(lambda _: said.append(window.statusBar().currentMessage()))
    cmp = reopen(qtbot, window, saved_seeds)
    message = said[-1]
    assert f" {len(cmp.quotes)} quotes · {len(cmp.flags)} differences" in message
    assert f"{len(cmp.quotes)} quotes, " in render_html(cmp)


def test_selecting_a_quote_scrolls_both_panes_to_it(qtbot, window, saved_seeds):
    cmp = reopen(qtbot, window, saved_seeds)
    quotes = {q.id: q for q in cmp.quotes}
    row = next(i for i, m in enumerate(cmp.quote_matches) if m.a and m.b
               and quotes[m.a].start > 1500 and quotes[m.b].start > 1500)
    qa, qb = quotes[cmp.quote_matches[row].a], quotes[cmp.quote_matches[row].b]
    a, b = window.view.panes["a"], window.view.panes["b"]
    assert not visible(a, qa.start, qa.end) or not visible(b, qb.start, qb.end)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # the Quotes tab
    assert window.tabs.currentWidget() is window.quotes
    window.quotes.table.setCurrentCell(row, 1)  # a click on the row
    assert visible(a, qa.start, qa.end) and visible(b, qb.start, qb.end)
    assert window.view.evidence == {"a": [(qa.start, qa.end)], "b": [(qb.start, qb.end)]}
    table = window.quotes.table
    assert table.item(row, 1).text().startswith("“") and table.item(row, 3).text()


def test_save_reopen_and_export(qtbot, window, saved_seeds, tmp_path, monkeypatch, embedder, settings):
    cmp = reopen(qtbot, window, saved_seeds)
    target = tmp_path / "session.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.exported, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert json.loads(target.read_text(encoding="utf-8")) == cmp.to_dict()
    assert settings.recent()[0] == [str(target)]

    from ui.main_window import MainWindow

    other = MainWindow(settings, embedder=embedder)
    qtbot.addWidget(other)
    again = reopen(qtbot, other, target)
    assert again.to_dict() == cmp.to_dict() and other.worker is None
    assert shown_text(other.view.panes["b"]) == cmp.articles[1].text
    other.close()

    for fmt, magic in (("pdf", b"%PDF"), ("html", b"<!DOCTYPE html"), ("json", b"{")):
        out = tmp_path / f"report.{fmt}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, **k: (str(o), ""))
        with qtbot.waitSignal(window.exported, timeout=120_000):
            if fmt == "pdf":
                qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
            else:
                window.choose_export(fmt)
        assert out.read_bytes()[:len(magic)].upper() == magic.upper()


def test_swap_compares_the_other_way_round(qtbot, window, saved_seeds):
    cmp = reopen(qtbot, window, saved_seeds)
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT) as shown:
        qtbot.keyClick(window, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    swapped = shown.args[0]
    assert swapped.articles[0].text == cmp.articles[1].text and swapped.articles[1].text == cmp.articles[0].text
    assert window.view.panes["a"].outlet.text() == cmp.articles[1].outlet


def test_an_occasion_nothing_pins_down_is_announced_as_unsure_not_different(qtbot, window, saved_seeds, tmp_path):
    d = json.loads(saved_seeds.read_text(encoding="utf-8"))
    d["same_event"] = {"score": 0.8, "verdict": False, "unsure": True,
                       "reasons": ["too few of the people are the same, and no day or place of the two agrees"]}
    path = tmp_path / "unsure.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    reopen(qtbot, window, path)
    text = window.event_banner.text()
    assert window.event_banner.isVisible() and "cannot tell" in text and "DIFFERENT" not in text
    assert "no day or place" in text


def test_different_events_are_announced_first_and_still_compared(qtbot, window, saved_seeds, tmp_path):
    d = json.loads(saved_seeds.read_text(encoding="utf-8"))
    d["same_event"] = {"score": 0.2, "verdict": False, "reasons": ["the dates are 2 years apart"]}
    path = tmp_path / "different.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    reopen(qtbot, window, path)
    assert window.event_banner.isVisible() and "DIFFERENT events" in window.event_banner.text()
    assert "2 years apart" in window.event_banner.text()
    layout = window.centralWidget().layout()
    assert layout.indexOf(window.event_banner) < layout.indexOf(window.splitter)
    assert window.view.linkmap.links


def test_errors_are_shown_in_the_window_which_keeps_running(qtbot, window, tmp_path, saved_seeds):
    bad = tmp_path / "damaged.json"
    bad.write_text('{"schema": "framediff/1", "articles": [{"id": "a"}]}', encoding="utf-8")
    window.open_paths("", [str(bad)])
    assert window.message.isVisible() and "damaged.json" in window.message.text() and window.cmp is None
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 200)
    window.open_paths("", [str(binary), str(seed("004"))])
    qtbot.waitUntil(lambda: window.worker is None, timeout=WAIT)
    assert window.message.isVisible() and "photo.txt" in window.message.text()
    assert window.message.level == "error" and window.sources["a"] is None
    assert not window.view.panes["a"].text.isReadOnly()  # ready for another file or a paste
    reopen(qtbot, window, saved_seeds)  # still usable
    assert not window.message.isVisible()


def test_markup_in_an_article_is_shown_as_text(qtbot, window, saved_seeds, tmp_path):
    d = json.loads(saved_seeds.read_text(encoding="utf-8"))
    art = d["articles"][0]
    hostile = '<img src="http://example.invalid/x.png"><script>alert(1)</script>😀<b>bold</b>\r\n'
    art["text"] = hostile + art["text"]
    shift = len(hostile)

    def move(span):
        span["start"] += shift
        span["end"] += shift

    for u in art["units"]:
        move(u)
    for g in d["alignment"]:
        for op in g["diff"]:
            move(op["a"])
    for q in d["quotes"]:
        if q["article"] == "a":
            move(q)
            for k in ("verb_span", "mention_span"):
                if q.get(k):
                    move(q[k])
    for m in d["quote_matches"]:
        for op in m.get("diff", []):
            move(op["a"])
    for f in d["flags"]:
        for s in f["a"]:
            move(s)
    art["title"] = "<b>Title</b>"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    reopen(qtbot, window, path)
    pane = window.view.panes["a"]
    assert shown_text(pane).startswith(hostile.replace("\r\n", " \n"))
    unit = pane.article.units[1]  # after the emoji, which Qt counts as two characters
    cursor = pane.text.textCursor()
    cursor.setPosition(pane.map.to_qt(unit.start))
    cursor.setPosition(pane.map.to_qt(unit.end), cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText().replace("\u2029", "\n") == unit.text
    assert pane.title.text() == "<b>Title</b>" and pane.title.textFormat() == Qt.TextFormat.PlainText
    assert "<img" not in pane.text.document().toHtml().replace("&lt;img", "")


def test_paste_and_drop_articles_into_the_panes(qtbot, window):
    a, b = window.view.panes["a"], window.view.panes["b"]
    assert not a.text.isReadOnly() and a.text.hint.startswith("Drop an article")
    QApplication.clipboard().setText(seed("003").read_text(encoding="utf-8"))
    a.text.setFocus()
    qtbot.keyClick(a.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.sources["a"].kind == "text" and window.worker is None
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seed("004")))])
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT) as shown:
        b.text.insertFromMimeData(mime)  # what a drop of a file onto pane B delivers
    cmp = shown.args[0]
    assert cmp.articles[0].source == "pasted text" and cmp.articles[1].source.endswith(seed("004").name)
    assert a.text.isReadOnly() and shown_text(b) == cmp.articles[1].text


def test_cancel_keeps_the_window_usable(qtbot, window):
    window.open_paths("", [str(seed("003")), str(seed("004"))])
    assert window.worker is not None
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.worker is None and "cancelled" in window.message.text()
    assert window.compare_act.isEnabled() and not window.progress_row.isVisible()


def test_find_zoom_and_keyboard_focus(qtbot, window, saved_seeds):
    reopen(qtbot, window, saved_seeds)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.findbar.isVisible() and window.findbar.edit.hasFocus()
    qtbot.keyClicks(window.findbar.edit, "lavrov")
    assert window.view.found["a"] and window.view.found["b"]
    qtbot.keyClick(window.findbar.edit, Qt.Key.Key_Return)
    assert "of" in window.findbar.count.text()
    qtbot.keyClick(window.findbar.edit, Qt.Key.Key_Escape)
    assert not window.findbar.isVisible() and not window.view.found["a"]
    size = window.view.panes["a"].text.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.panes["a"].text.font().pointSizeF() > size
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.panes["a"].text.font().pointSizeF() == size
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.view.panes["b"].text.hasFocus()


def test_synchronised_scrolling_keeps_the_matched_passage_level(qtbot, window, saved_seeds):
    window.resize(1000, 520)
    reopen(qtbot, window, saved_seeds)
    a, b = window.view.panes["a"], window.view.panes["b"]
    room = {side: (p.view_height(), p.doc_height() - p.view_height()) for side, p in (("a", a), ("b", b))}
    link = next(l for l in window.view.links.values()
                if all(room[s][0] < window.view.panes[s].span_doc(*getattr(l, s))[0] < room[s][1] for s in "ab"))
    top_a = a.span_doc(*link.a)[0]
    a.set_scroll(top_a - a.view_height() * 0.4 + 5)  # the passage on A's reading line
    assert abs(a.span_y(*link.a)[0] - b.span_y(*link.b)[0]) < 3
    window.sync_act.trigger()  # off: B stays put
    before = b.scroll()
    a.set_scroll(0)
    assert b.scroll() == before


def test_layout_recent_files_and_zoom_persist(qtbot, embedder, settings, saved_seeds):
    from ui.main_window import MainWindow

    w = MainWindow(settings, embedder=embedder)
    qtbot.addWidget(w)
    w.show()
    reopen(qtbot, w, saved_seeds)
    w.resize(700, 500)  # the offscreen screen is 800 x 600
    w.splitter.setSizes([500, 200])
    w.zoom(2)
    w.close()
    again = MainWindow(settings, embedder=embedder)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500) and again.splitter.sizes()[1] < 250
    assert again._zoom == 2
    again.recent_menu.aboutToShow.emit()
    assert saved_seeds.name in again.recent_menu.actions()[0].text()
    again.close()


def test_hovering_a_passage_isolates_its_band_and_lights_its_counterpart(qtbot, window, saved_seeds):
    reopen(qtbot, window, saved_seeds)
    a, b = window.view.panes["a"], window.view.panes["b"]
    link = next(iter(window.view.links.values()))
    window.view.select(link.gid)  # brings it into view
    window.view.select(None)
    assert window.view.linkmap.selected is None
    y0, y1 = a.span_y(*link.a)
    qtbot.mouseMove(a.text.viewport(), QPoint(40, int((y0 + y1) / 2)))
    assert window.view.linkmap.hover == link.gid
    lit = {(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.background().color().name())
           for s in b.text.extraSelections()}
    assert (b.map.to_qt(link.b[0]), b.map.to_qt(link.b[1]), SELECTED.name()) in lit


def test_a_model_that_cannot_load_is_explained_and_the_articles_stay_open(qtbot, settings, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    broken = tmp_path / "broken-model"
    broken.mkdir()
    monkeypatch.setenv("FRAMEDIFF_MODEL", str(broken))
    w = MainWindow(settings)  # no embedder given: the window loads its own, in a worker
    qtbot.addWidget(w)
    w.show()
    w.open_paths("", [str(seed("003")), str(seed("004"))])
    qtbot.waitUntil(lambda: w.worker is None, timeout=WAIT)
    assert w.message.level == "error" and "broken-model" in w.message.text() and "--model" in w.message.text()
    assert w.view.panes["a"].article is not None and w.view.panes["b"].article is not None
    assert w.compare_act.isEnabled()
    w.close()


def test_a_long_comparison_shown_again_and_again_keeps_the_window_alive(qtbot, window, saved_seeds):
    """Thousands of quote rows and differences, drawn three times over, as in a long working session. PySide6
    6.12.0 on Python 3.11 took a reference from None on every Qt call returning nothing: the window died
    ("deallocating None") while drawing a book-length comparison's 2,000 quote rows."""
    import dataclasses
    import sys

    cmp = reopen(qtbot, window, saved_seeds)
    big = dataclasses.replace(cmp, quote_matches=cmp.quote_matches * 100, flags=cmp.flags * 20)
    before = sys.getrefcount(None)
    for _ in range(3):
        window.show_comparison(big)
    assert window.quotes.table.rowCount() == len(big.quote_matches) > 2000
    assert sys.getrefcount(None) > before - 1000
