"""Two instances in the app: an edit made elsewhere is detected and told, never silently overwritten."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import annotator.store.store as store_module
from annotator.core.model import Document, Source, Span, SpanStatus
from annotator.store import Store

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TEXT = "Zabihullah Mujahid said the Taliban would stay. Pakistan disagreed. 👨‍👩‍👧 50 civilians died."


@pytest.fixture
def window(make_window, db_path: Path) -> Any:
    store = Store.open(db_path)
    store.add_document(Document(text=TEXT, title="shared"))
    win = make_window(store, snap_tokens=False, activate=False, expect_errors=True)  # conflicts are told
    win.open_document(1)
    return win


def _select(win: Any, piece: str) -> None:
    start = TEXT.index(piece)
    positions = win.editor.positions
    win.view.select_range(positions.to_qt(start), positions.to_qt(start + len(piece)))


def test_an_edit_over_a_change_made_elsewhere_is_refused_told_and_reloaded(window: Any, db_path: Path) -> None:
    keys_before = {s.key for s in window.store.spans(1)}
    # Bob, in another instance on the same file, accepts a span in the same document.
    with Store.open(db_path) as bob:
        bob.add_span(1, Span(TEXT.index("Pakistan"), TEXT.index("Pakistan") + 8, "ACTOR",
                             status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, annotator="bob"))
    # Alice's window still shows the old version; her edit must not silently win or vanish.
    _select(window, "Zabihullah Mujahid")
    window.editor.label("ACTOR")
    assert any("changed elsewhere" in m for m in window.errors.messages), window.errors.messages
    stored = {s.key: s for s in window.store.spans(1)}
    pakistan = (TEXT.index("Pakistan"), TEXT.index("Pakistan") + 8, "ACTOR")
    assert stored[pakistan].annotator == "bob"  # Bob's change is kept
    assert set(stored) == keys_before | {pakistan}  # Alice's refused edit left nothing behind
    # The window now shows what the store holds, and Alice's retry goes through.
    assert pakistan in {s.key for s in window.session.spans.values()}
    _select(window, "Zabihullah Mujahid")
    window.editor.label("ACTOR")
    zabi = (0, len("Zabihullah Mujahid"), "ACTOR")
    assert zabi in {s.key for s in window.store.spans(1)}
    assert window.store.check() == []


def test_a_busy_database_gives_a_retryable_message_and_loses_nothing(
    window: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    window.store.db.conn.execute("PRAGMA busy_timeout = 50")  # the open connection waits 50 ms, not 10 s
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another instance in the middle of a long write
    try:
        _select(window, "Pakistan")
        window.editor.label("ACTOR")
        assert any("busy" in m and "try again" in m for m in window.errors.messages), window.errors.messages
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (TEXT.index("Pakistan"), TEXT.index("Pakistan") + 8, "ACTOR") not in {s.key for s in window.store.spans(1)}
    _select(window, "Pakistan")
    window.editor.label("ACTOR")  # the retry works
    assert (TEXT.index("Pakistan"), TEXT.index("Pakistan") + 8, "ACTOR") in {s.key for s in window.store.spans(1)}
    assert window.store.check() == []
