"""The review in the window: its actions and keys, undo and redo, and the question before unsaved work is lost.

Each review action is one QUndoCommand holding the Comparison before and after it; the engine's
`framediff.review` functions make the new one (nothing is computed here), and undo puts the old one
back. The undo stack's clean state is the last save: the title bar shows `*` while the review differs
from what was saved, and closing or replacing the comparison asks first.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox

from framediff import review
from framediff.errors import InputError

from .flag_dialog import FlagDialog, NoteDialog


class ReviewStep(QUndoCommand):
    """One review action: the Comparison before and after, and the flag to choose in each."""

    def __init__(self, actions: "ReviewActions", before, after, text: str, chosen: int | None, choose: int | None):
        super().__init__(text)
        self.actions, self.before, self.after = actions, before, after
        self.chosen, self.choose = chosen, choose

    def redo(self) -> None:
        self.actions.apply(self.after, self.choose)

    def undo(self) -> None:
        self.actions.apply(self.before, self.chosen)


class ReviewActions(QObject):
    """The window's review: Flag difference (Ctrl+M), and on the chosen flag C confirm, D dismiss, N note,
    R restore (keys work while the articles or the Differences list have the focus); Undo / Redo."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(self)
        self.dialog = None  # the open FlagDialog or NoteDialog, if any
        self.flag_act = self._act("&Flag difference…", self.flag, "Ctrl+M",
                                  "Flag the words selected in A and/or B as a difference of your own")
        self.confirm_act = self._act("&Confirm", self.confirm, "C", "Confirm the chosen difference: it is right")
        self.dismiss_act = self._act("&Dismiss", self.dismiss, "D",
                                     "Dismiss the chosen difference: it is wrong (kept, and can be restored)")
        self.note_act = self._act("&Note…", self.note, "N", "Write a note on the chosen difference")
        self.restore_act = self._act("&Restore", self.restore, "R", "Take back the review of the chosen difference")
        self.undo_act = self.stack.createUndoAction(window, "&Undo")
        self.undo_act.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_act = self.stack.createRedoAction(window, "&Redo")
        self.redo_act.setShortcuts(QKeySequence.StandardKey.Redo)
        self.stack.cleanChanged.connect(lambda clean: window.setWindowModified(not clean))
        window.differences.tree.currentItemChanged.connect(lambda *_: self.update_actions())
        self.update_actions()

    def _act(self, text: str, slot, key: str, tip: str) -> QAction:
        act = QAction(text, self.window)
        act.setShortcut(QKeySequence(key))
        act.setStatusTip(tip)
        act.setToolTip(f"{tip} ({key})")
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def install(self, edit_menu, menubar) -> None:
        """Undo and Redo at the top of Edit, a Review menu, buttons under the Differences list, and
        "Flag difference…" in each article's context menu."""
        first = edit_menu.actions()[0] if edit_menu.actions() else None
        edit_menu.insertActions(first, [self.undo_act, self.redo_act])
        edit_menu.insertSeparator(first)
        menu = menubar.addMenu("Re&view")
        menu.addAction(self.flag_act)
        menu.addSeparator()
        verdicts = [self.confirm_act, self.dismiss_act, self.note_act, self.restore_act]
        menu.addActions(verdicts)
        w = self.window
        w.differences.add_actions([self.flag_act, *verdicts])
        for act in verdicts:  # plain letters: only where they cannot be typed into a field
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.view.addAction(act)
        for pane in w.view.panes.values():
            pane.text.extra_actions = [self.flag_act]

    # state ---------------------------------------------------------------
    def start(self, cmp) -> None:
        """A new comparison on screen (or none): the review starts clean, with nothing to undo."""
        self.stack.clear()
        self.stack.setClean()
        self.window.setWindowModified(False)
        self.window.differences.set_comparison(cmp)
        self._marks(cmp)
        self.update_actions()

    def apply(self, cmp, choose: int | None) -> None:
        """Show `cmp`, a review of the comparison on screen: the list, the marks; choose flag `choose`."""
        w = self.window
        w.cmp = cmp
        w.differences.set_comparison(cmp, refresh=True)
        if choose is not None:
            w.differences.choose(choose)
        self._marks(cmp)
        self.update_actions()

    def _marks(self, cmp) -> None:
        flags = self.window.differences.flags  # the listed ones: dismissed flags leave the bars too
        ticks = {side: [(s.start, s.end) for f in flags if not review.is_user(f) for s in getattr(f, side)]
                 for side in "ab"}
        user = {side: [(s.start, s.end) for f in flags if review.is_user(f) for s in getattr(f, side)] for side in "ab"}
        self.window.view.set_flag_marks(ticks, user)

    def _current(self):
        i = self.window.differences.current_index()
        cmp = self.window.cmp
        return (i, cmp.flags[i]) if i is not None and cmp is not None and i < len(cmp.flags) else (None, None)

    def update_actions(self) -> None:
        i, f = self._current()
        state = review.status(f) if f is not None else None
        mine = f is not None and review.is_user(f)
        self.flag_act.setEnabled(self.window.cmp is not None)
        self.confirm_act.setEnabled(f is not None and not mine and state != "confirmed")
        self.dismiss_act.setEnabled(f is not None and state != "dismissed")
        self.dismiss_act.setText("Remove your &flag" if mine else "&Dismiss")
        self.note_act.setEnabled(f is not None)
        self.note_act.setText("&Edit your flag…" if mine else "&Note…")
        self.restore_act.setEnabled(f is not None and not mine and getattr(f, "review", None) is not None)

    def _push(self, after, text: str, choose: int | None | str = "same") -> None:
        """Apply `after` as one undoable step; then choose flag `choose` ("same": the chosen one, None: let the
        list choose the row after it)."""
        chosen = self.window.differences.current_index()
        self.stack.push(ReviewStep(self, self.window.cmp, after, text, chosen, chosen if choose == "same" else choose))

    def _hint(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # actions -------------------------------------------------------------
    def flag(self) -> None:
        cmp, view = self.window.cmp, self.window.view
        if cmp is None:
            return
        for side in "ab":  # the focused pane's live selection counts even before it was picked
            view.pick_selection(side)
        picked = dict(view.picked)
        if not any(picked.values()):
            self._hint("Select the words to flag in A or B first; then select (or click) their counterpart in the "
                       "other article, and press Ctrl+M.")
            return
        texts = {side: cmp.article(side).text[s:e] for side, (s, e) in
                 ((side, span) for side, span in picked.items() if span)}
        self._open(FlagDialog(texts, parent=self.window), lambda d: self._flagged(picked, *d.choice()))

    def _flagged(self, picked, kind: str, words: str) -> None:
        cmp = self.window.cmp
        try:
            flag = review.user_flag(cmp, kind, words, picked["a"], picked["b"])
        except ValueError as e:
            self.window.show_error(f"Could not flag this: {e}.")
            return
        self.window.view.clear_picks()
        self._push(review.add(cmp, flag), "Flag difference", len(cmp.flags))

    def confirm(self) -> None:
        i, f = self._current()
        if f is not None and not review.is_user(f) and review.status(f) != "confirmed":
            self._push(review.confirm(self.window.cmp, i), "Confirm difference")

    def dismiss(self) -> None:
        i, f = self._current()
        if f is None or review.status(f) == "dismissed":
            return
        if review.is_user(f):
            self._push(review.remove(self.window.cmp, i), "Remove your flag", None)
        else:
            self._push(review.dismiss(self.window.cmp, i), "Dismiss difference")

    def note(self) -> None:
        i, f = self._current()
        if f is None:
            return
        if review.is_user(f):
            texts = {side: " … ".join(s.text for s in getattr(f, side)) for side in "ab" if getattr(f, side)}
            dialog = FlagDialog(texts, f.type, f.summary, editing=True, parent=self.window)
            self._open(dialog, lambda d: self._push(review.edit(self.window.cmp, i, *d.choice()), "Edit your flag"))
        else:
            dialog = NoteDialog(f, review.status(f), review.note(f), parent=self.window)
            self._open(dialog, lambda d: self._push(review.set_review(self.window.cmp, i, *d.choice()),
                                                    "Note on difference"))

    def restore(self) -> None:
        i, f = self._current()
        if f is not None and not review.is_user(f) and getattr(f, "review", None) is not None:
            self._push(review.restore(self.window.cmp, i), "Restore difference")

    def _open(self, dialog, done) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: done(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # saving --------------------------------------------------------------
    def saved(self) -> None:
        self.stack.setClean()

    def may_discard(self) -> bool:
        """True when nothing unsaved would be lost: no unsaved review, or the user saved it or chose to discard it."""
        if self.stack.isClean() or self.window.cmp is None:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, "Unsaved review",
            "Your review of this comparison (your flags, verdicts and notes) is not saved. Save it first?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Discard:
            return True
        if answer != buttons.Save:
            return False
        path, _ = QFileDialog.getSaveFileName(self.window, "Save comparison", self.window._default_name("json"),
                                              "Comparison JSON (*.json)")
        if not path:
            return False
        from framediff.output import write_json

        try:
            write_json(self.window.cmp, path)
        except InputError as e:
            self.window.show_error(f"Could not save: {e}. Choose another folder or name.")
            return False
        self.window.settings.add_recent([path])
        self.saved()
        return True
