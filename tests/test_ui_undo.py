"""Undo across documents: Ctrl+Z right after Ctrl+Return takes back the "mark done"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_window import answer_open_suggestions, key, window  # noqa: F401  (the fixture)

from annotator.core.model import DocStatus, SpanStatus
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_z_after_done_and_next_reopens_the_previous_document(qtbot, window: MainWindow) -> None:  # noqa: F811
    win = window
    win.view.setFocus()
    first = win.session.doc_id
    key(qtbot, win, Qt.Key.Key_Tab)
    accepted = win.editor.current
    key(qtbot, win, Qt.Key.Key_A)
    status_before = win.store.get_document(first).status
    assert status_before is DocStatus.IN_PROGRESS

    answer_open_suggestions(qtbot, Qt.Key.Key_R)  # the other suggestions: rejected
    key(qtbot, win, Qt.Key.Key_Return, CTRL)  # done, the next one opens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)  # the question hands the keys back
    second = win.session.doc_id
    assert second != first and win.store.get_document(first).status is DocStatus.DONE
    assert win.actions_["undo"].isEnabled(), "Ctrl+Z is offered on the fresh document"

    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.session.doc_id == first, "back on the document that was marked done"
    assert win.store.get_document(first).status is status_before
    assert win.session.document.status is status_before
    assert win.progress_label.text() == "0 / 2 done"
    assert "no longer marked done" in win.statusBar().currentMessage()
    assert win.store.get_document(second).status is DocStatus.NEW, "the next document was not touched"

    # The document's own history goes on from there; redo marks it done again (and stays).
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.store.get_span(accepted).status is SpanStatus.SUGGESTED
    key(qtbot, win, Qt.Key.Key_Z, CTRL_SHIFT)
    key(qtbot, win, Qt.Key.Key_Z, CTRL_SHIFT)
    assert win.store.get_document(first).status is DocStatus.DONE
    assert win.session.doc_id == first


def test_ctrl_z_goes_back_only_from_the_document_ctrl_return_opened(qtbot, window: MainWindow) -> None:  # noqa: F811
    win = window
    win.view.setFocus()
    first = win.session.doc_id
    answer_open_suggestions(qtbot, Qt.Key.Key_A)
    key(qtbot, win, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    second = win.session.doc_id
    # An edit on the new document: Ctrl+Z undoes that edit first, and stays here.
    key(qtbot, win, Qt.Key.Key_Tab)
    span_id = win.editor.current
    key(qtbot, win, Qt.Key.Key_A)
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.session.doc_id == second
    assert win.store.get_span(span_id).status is SpanStatus.SUGGESTED
    # Nothing more to undo here: the next Ctrl+Z takes back the "mark done", as one history would.
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.session.doc_id == first and win.store.get_document(first).status is not DocStatus.DONE
    answer_open_suggestions(qtbot, Qt.Key.Key_A)  # the undo brought the suggestions back
    key(qtbot, win, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.session.doc_id == second
    # Opening a document some other way (the list) ends the offer: Ctrl+Z does nothing there.
    win.open_document(first)
    win.open_document(second)
    assert not win.actions_["undo"].isEnabled()
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.session.doc_id == second
    assert win.store.get_document(first).status is DocStatus.DONE
