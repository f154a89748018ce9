"""The annotator's place (document and selected span) is written as they move, not only on a normal close.

A crash or a kill used to lose the span: it was saved in closeEvent only. The real process killed
with SIGKILL is in tests/test_x11.py; here the window's settings file is read by a second QSettings,
as the next start would read it, while the window is still open (never closed normally). The article's
lines wrapping under the speaker margin at start (X11 only) is tested there too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from test_ui_speaker import suggested_article
from test_ui_window import key

from annotator.core.model import Document
from annotator.store import Store
from annotator.ui.main_window import PLACE_SAVE_DELAY_MS, MainWindow
from annotator.ui.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def saved_place(win: MainWindow) -> tuple[int | None, int | None]:
    """What the next start would read: a fresh QSettings on the window's settings file."""
    fresh = Settings(QSettings(win.settings.q.fileName(), QSettings.Format.IniFormat))
    return fresh.last_document(win.store.path), fresh.last_span(win.store.path)


def test_the_selected_span_is_on_disk_a_moment_after_each_move(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    store.add_document(Document(text="A first article, nothing in it.", title="First"))
    doc_id = suggested_article(store)
    win = make_window(store)
    win.open_document(doc_id)
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_Tab)
    second = win.editor.current
    assert second is not None
    qtbot.waitUntil(lambda: saved_place(win) == (doc_id, second), timeout=PLACE_SAVE_DELAY_MS * 8)
    key(qtbot, win, Qt.Key.Key_Tab)
    third = win.editor.current
    assert third not in (None, second)
    qtbot.waitUntil(lambda: saved_place(win) == (doc_id, third), timeout=PLACE_SAVE_DELAY_MS * 8)


def test_moves_in_quick_succession_are_written_once(qtbot, make_window, db_path: Path, monkeypatch) -> None:
    store = Store.open(db_path)
    suggested_article(store)
    win = make_window(store)
    win.view.setFocus()
    writes: list[int] = []
    real_sync = Settings.sync
    monkeypatch.setattr(Settings, "sync", lambda self: (writes.append(1), real_sync(self))[1])
    for _ in range(3):
        key(qtbot, win, Qt.Key.Key_Tab)  # three presses within the quarter second: one write after them
    last = win.editor.current
    qtbot.waitUntil(lambda: saved_place(win)[1] == last, timeout=PLACE_SAVE_DELAY_MS * 8)
    qtbot.wait(PLACE_SAVE_DELAY_MS * 2)
    assert len(writes) == 1


def test_a_new_window_opens_on_the_span_saved_while_moving(qtbot, make_window, db_path: Path, tmp_path: Path) -> None:
    store = Store.open(db_path)
    store.add_document(Document(text="A first article, nothing in it.", title="First"))
    doc_id = suggested_article(store)
    win = make_window(store)
    win.open_document(doc_id)
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_Tab)
    chosen = win.editor.current
    qtbot.waitUntil(lambda: saved_place(win) == (doc_id, chosen), timeout=PLACE_SAVE_DELAY_MS * 8)
    # The first window is never closed (as after a kill); a second one reads the same settings file.
    settings = Settings(QSettings(win.settings.q.fileName(), QSettings.Format.IniFormat))
    other = MainWindow(Store.open(db_path), settings, "alice", pipeline_loader=win.background.loader,
                       synchronous=True, interactive=False)
    try:
        other.show()
        qtbot.waitExposed(other)
        other.start()
        assert other.session.doc_id == doc_id
        assert other.editor.current == chosen
    finally:
        other.close()
        other.store.close()
