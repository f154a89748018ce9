"""The window's one error path: failed Store calls become a message box, never a traceback or a lie."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from test_ui_window import key, sample_store

from annotator.core.model import DocStatus, SpanStatus
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def activate(qtbot, win: MainWindow) -> None:
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.view.setFocus()


@pytest.fixture
def two_windows(make_window, tmp_path: Path) -> tuple[MainWindow, MainWindow]:
    """Two windows, each on its own database; both are expected to report errors."""
    return tuple(  # type: ignore[return-value]
        make_window(sample_store(tmp_path / f"{name}.db"), annotator=name, expect_errors=True, activate=False)
        for name in ("alice", "bob")
    )


def broken(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.DatabaseError("database disk image is malformed")


def test_each_window_reports_its_own_errors(qtbot, two_windows, monkeypatch) -> None:
    first, second = two_windows
    # An edit in the first window, then the second window is made and edited too.
    activate(qtbot, first)
    key(qtbot, first, Qt.Key.Key_Tab)
    key(qtbot, first, Qt.Key.Key_A)
    activate(qtbot, second)
    key(qtbot, second, Qt.Key.Key_Tab)
    key(qtbot, second, Qt.Key.Key_A)
    # The first window's undo fails: its own reporter says so, not the second window's.
    monkeypatch.setattr(first.store, "restore_spans", broken)
    activate(qtbot, first)
    key(qtbot, first, Qt.Key.Key_Z, CTRL)
    assert first.errors.messages and "malformed" in first.errors.messages[-1]
    assert not second.errors.messages
    # And the other way round: a failed write in the second window is reported there only.
    monkeypatch.setattr(second.store, "update_span", broken)
    activate(qtbot, second)
    key(qtbot, second, Qt.Key.Key_Tab)
    key(qtbot, second, Qt.Key.Key_X)
    assert second.errors.messages and "malformed" in second.errors.messages[-1]
    assert len(first.errors.messages) == 1


@pytest.fixture
def win(qtbot, make_window, tmp_path: Path) -> MainWindow:
    window = make_window(sample_store(tmp_path / "alice.db"), expect_errors=True)
    activate(qtbot, window)
    return window


def assert_reported(win: MainWindow, *fragments: str) -> None:
    assert win.errors.messages, "the user was told"
    text = "\n".join(win.errors.messages)
    for fragment in fragments:
        assert fragment in text
    assert "Traceback" not in text and "Unexpected error" not in text


def test_delete_with_a_damaged_row_is_reported(qtbot, win: MainWindow, monkeypatch) -> None:
    """X on an accepted span: reading the document back after the delete fails like a damaged row."""
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_A)  # accept, then go back to it
    key(qtbot, win, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    span_id = win.editor.current
    assert win.session.spans[span_id].status is SpanStatus.ACCEPTED
    monkeypatch.setattr(win.store, "relations_touching", broken)
    key(qtbot, win, Qt.Key.Key_X)
    assert_reported(win, "malformed")
    monkeypatch.undo()
    win.session.reload()  # once the rows can be read, the window shows what the store holds
    assert (span_id in win.session.spans) == (span_id in {s.id for s in win.store.spans(win.session.doc_id)})


def test_database_gone_mid_session(qtbot, win: MainWindow, monkeypatch) -> None:
    """Every Store call fails (file removed, disk full): edits, undo, Ctrl+Return and the list all report it."""
    key(qtbot, win, Qt.Key.Key_Tab)
    span_id = win.editor.current
    doc_id = win.session.doc_id
    before = win.session.spans[span_id].status
    assert before is SpanStatus.SUGGESTED
    key(qtbot, win, "2")  # an edit that works, so there is something to undo (the relabelled span is alice's now)
    key(qtbot, win, Qt.Key.Key_Tab)  # on to a suggestion, for A to accept
    assert win.session.spans[win.editor.current].status is SpanStatus.SUGGESTED
    for name in ("update_span", "add_span", "delete_span", "restore_spans", "accept_all", "set_speaker",
                 "set_document_status", "get_document", "spans", "relations", "document_version",
                 "list_documents"):
        monkeypatch.setattr(win.store, name, broken)
    shown = dict(win.session.spans)
    for k, modifier in ((Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
                        (Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier),
                        (Qt.Key.Key_Z, CTRL),
                        (Qt.Key.Key_Return, CTRL)):
        win.errors.messages.clear()
        if k == Qt.Key.Key_Return:  # Ctrl+Return asks about the open suggestions first: A accepts them
            QTimer.singleShot(0, lambda: qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_A))
        key(qtbot, win, k, modifier)
        assert_reported(win, "malformed")
        assert win.session.spans == shown, f"{k}: nothing is shown as done"
        assert win.session.doc_id == doc_id
        assert win.session.document.status is not DocStatus.DONE
        assert win.progress_label.text() == "0 / 2 done"
    assert any("could not be read" in m for m in win.errors.messages)
    win.errors.messages.clear()
    win.refresh_documents()
    assert_reported(win, "could not be read")
    assert win.isVisible()
    # The database comes back: the window works again.
    monkeypatch.undo()
    qtbot.wait(10)  # the cleared undo history settles
    win.session.reload()
    suggestion = next(s for s in win.session.ordered() if s.status is SpanStatus.SUGGESTED)
    win.editor.select_span(suggestion.id)
    key(qtbot, win, Qt.Key.Key_A)
    assert win.store.get_span(suggestion.id).status is SpanStatus.ACCEPTED
