"""The editor's review in the window, done as a user does it: select words in both articles, flag them with a
note, dismiss and restore a tool flag, confirm one with a note, undo and redo, save, reopen, export the PDF,
and be asked before an unsaved review is lost.

The comparison is the seeds' (real model), reopened from a saved file; settings are a temporary file.
"""
from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from framediff.review import TOP_TOOL, top_findings

MINE = "Sputnik uses Moscow's name for the islands; AVIONEWS avoids naming them here."
NOTE = "Checked both originals: the framing difference is real."
WHY = "Wrong: both outlets quote the same minister."


@pytest.fixture
def settings(tmp_path):
    from ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


def new_window(qtbot, settings, path):
    from ui.main_window import MainWindow

    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1500, 900)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.comparison_shown, timeout=10_000):
        w.open_paths("", [str(path)])
    activate(qtbot, w)
    return w


@pytest.fixture
def window(qtbot, settings, saved_seeds, monkeypatch):
    # a test that stops halfway leaves a review unsaved: closing must not wait for an answer nobody gives
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = new_window(qtbot, settings, saved_seeds)
    yield w
    w.close()


def activate(qtbot, w):
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5000)


def point(pane, offset):
    """Where character `offset` of the article is drawn, in the text's viewport."""
    cur = QTextCursor(pane.text.document())
    cur.setPosition(pane.map.to_qt(offset))
    return pane.text.cursorRect(cur).center()


def drag_select(qtbot, pane, start, end):
    """Select text[start:end] with the mouse, as a user drags over it."""
    pane.bring_into_view(start, end)
    port = pane.text.viewport()
    p0, p1 = point(pane, start), point(pane, end)
    p0.setX(p0.x() + 1)
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=p0)
    qtbot.mouseMove(port, p1)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=p1)


def click_row(qtbot, window, index):
    """Click the Differences row of flag `index` (of cmp.flags)."""
    tree = window.differences.tree
    item = next(it for it in window.differences._flag_rows() if it.data(0, Qt.ItemDataRole.UserRole) == index)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.differences.current_index() == index


def ok(qtbot, dialog):
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def rows(window) -> list[tuple[str, str, str]]:
    tree = window.differences.tree
    return [tuple(tree.topLevelItem(k).text(c) for c in range(3)) for k in range(tree.topLevelItemCount())]


def marked(pane) -> set[tuple[int, int]]:
    return {(pane.map.from_qt(s.cursor.selectionStart()), pane.map.from_qt(s.cursor.selectionEnd()))
            for s in pane.text.extraSelections()}


def test_flag_review_undo_save_reopen_and_export(qtbot, window, settings, tmp_path, monkeypatch):
    cmp = window.cmp
    a, b = window.view.panes["a"], window.view.panes["b"]
    tool = len(cmp.flags)
    assert not window.isWindowModified() and window.windowTitle().endswith("[*]")

    # select "Kuril Islands" in A, then click the sentence in B that tells it: Ctrl+M flags both
    start = cmp.articles[0].text.index("Kuril Islands")
    drag_select(qtbot, a, start, start + len("Kuril Islands"))
    assert window.view.picked["a"] == (start, start + len("Kuril Islands"))
    unit = next(u for u in cmp.articles[1].units if "Kurils" in u.text)
    b.bring_into_view(unit.start, unit.end)
    qtbot.mouseClick(b.text.viewport(), Qt.MouseButton.LeftButton, pos=point(b, unit.start + 3))
    assert window.view.picked["b"] == (unit.start, unit.end)
    qtbot.keyClick(b.text, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = window.review.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.kind.setFocus()
    dialog.kind.setCurrentIndex(dialog.kind.findText("naming"))
    qtbot.keyClicks(dialog.words, MINE)
    ok(qtbot, dialog)
    activate(qtbot, window)
    mine = window.cmp.flags[-1]
    assert (mine.origin, mine.type, mine.summary, mine.severity) == ("user", "naming", MINE, None)
    assert (mine.a[0].start, mine.b[0].start) == (start, unit.start)
    assert rows(window)[0][1].startswith("Reviewed findings") and rows(window)[1][1] == MINE
    assert "yours" in rows(window)[1][2]
    assert (start, start + len("Kuril Islands")) in marked(a) and (unit.start, unit.end) in marked(b)
    assert window.view.overviews["a"].user_ticks and window.view.overviews["b"].user_ticks
    assert window.isWindowModified()

    # dismiss a tool flag with D: it leaves the list and the bars; "Show dismissed" brings it back, R restores
    wrong = 1
    listed = window.differences.count()
    click_row(qtbot, window, wrong)
    qtbot.keyClick(window.differences.tree, Qt.Key.Key_D)
    assert window.cmp.flags[wrong].review.status == "dismissed"
    sure = len(top_findings(cmp.flags[:tool], n=TOP_TOOL + 1))
    assert window.differences.count() == listed - 1 + (sure > TOP_TOOL)  # the next sure flag moves up into the ten
    assert not any(r[1].startswith(cmp.flags[wrong].summary[:40]) for r in rows(window))
    qtbot.mouseClick(window.differences.show_dismissed, Qt.MouseButton.LeftButton)
    dismissed = [r for r in rows(window) if r[1].startswith(cmp.flags[wrong].summary[:40])]
    assert dismissed and dismissed[0][0] == "–" and "dismissed" in dismissed[0][2]
    click_row(qtbot, window, wrong)
    qtbot.keyClick(window.differences.tree, Qt.Key.Key_R)
    assert window.cmp.flags[wrong].review is None
    qtbot.keyClick(window.differences.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the restore
    assert window.cmp.flags[wrong].review.status == "dismissed"
    qtbot.mouseClick(window.differences.show_dismissed, Qt.MouseButton.LeftButton)  # hidden again

    # confirm another with a note (N), then undo and redo the note
    right = 0
    click_row(qtbot, window, right)
    qtbot.keyClick(window.differences.tree, Qt.Key.Key_N)
    note = window.review.dialog
    assert note.confirmed.isChecked()
    qtbot.keyClicks(note.note, NOTE)
    ok(qtbot, note)
    activate(qtbot, window)
    assert window.cmp.flags[right].review.status == "confirmed" and window.cmp.flags[right].review.note == NOTE
    assert [r[1] for r in rows(window)[:3]] == ["Reviewed findings (2)", MINE, f"{cmp.flags[right].summary}\nNote: {NOTE}"]
    qtbot.keyClick(window.differences.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.cmp.flags[right].review is None
    qtbot.keyClick(window.differences.tree, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.cmp.flags[right].review.note == NOTE
    assert window.isWindowModified()

    # save (Ctrl+S): the title no longer shows unsaved changes; reopened, everything comes back
    target = tmp_path / "reviewed.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.exported, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    other = new_window(qtbot, settings, target)
    assert other.cmp.to_dict() == window.cmp.to_dict()
    assert rows(other)[:3] == rows(window)[:3]
    other.close()

    # export the PDF (Ctrl+E): it holds the editor's flag and note, not the dismissed flag
    pdf = tmp_path / "reviewed.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    activate(qtbot, window)
    with qtbot.waitSignal(window.exported, timeout=120_000):
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages))
    assert NOTE in text and MINE in text and "Reviewed findings" in text
    assert re.sub(r"\s+", " ", cmp.flags[wrong].summary)[:50] not in text


def test_closing_with_an_unsaved_review_asks_first(qtbot, window, tmp_path, monkeypatch):
    click_row(qtbot, window, 2)
    qtbot.keyClick(window.differences.tree, Qt.Key.Key_D)
    assert window.isWindowModified()
    asked = []

    def answer(button):
        def question(*args, **kwargs):
            asked.append(args[2])
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert not window.close() and window.isVisible() and "not saved" in asked[-1]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    window.close_act.trigger()  # closing the comparison asks too, and Cancel keeps it
    assert window.cmp is not None and window.cmp.flags[2].review.status == "dismissed"
    target = tmp_path / "kept.json"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Save))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.close()
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["flags"][2]["review"]["status"] == "dismissed" and len(asked) == 3


def test_flag_difference_is_in_each_articles_context_menu(qtbot, window):
    seen = []

    def read_menu():
        menu = QApplication.activePopupWidget()
        seen.extend(act.text() for act in menu.actions())
        menu.close()

    pane = window.view.panes["a"]
    QTimer.singleShot(200, read_menu)
    pane.text.contextMenuEvent(_context_event(pane))
    assert "&Flag difference…" in seen
    qtbot.keyClick(pane.text, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # nothing picked: a hint, no dialog
    assert window.review.dialog is None and "Select the words" in window.statusBar().currentMessage()


def _context_event(pane):
    from PySide6.QtGui import QContextMenuEvent

    pos = pane.text.viewport().rect().center()
    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, pane.text.viewport().mapToGlobal(pos))
