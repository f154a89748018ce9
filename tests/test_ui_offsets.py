"""Qt positions <-> stored code-point offsets, through the real widget: emoji, combining marks, CRLF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from annotator.core.model import Document, Source
from annotator.core.spans import simple_tokens
from annotator.core.text import normalise_text
from annotator.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.positions import TextPositions
from annotator.ui.settings import Settings, default_qsettings

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

# CRLF line ends (normalised at import), an emoji before the name, a flag, and a name with combining accents.
RAW = "Title 🎉\r\n\r\nThe mayor 👩🏽‍⚕️ Jose\u0301 Marti\u0301nez said 🇫🇷 “yes” today.\r\nSecond line with 😀😀 Ana.\r\n"


@pytest.fixture
def window(qtbot, tmp_path: Path, db_path: Path) -> Iterator[MainWindow]:
    store = Store.open(db_path)
    store.add_document(Document(text=normalise_text(RAW), title="offsets"))
    settings = Settings(default_qsettings(tmp_path / "settings.ini"))
    win = MainWindow(store, settings, "alice", pipeline_loader=lambda: None, synchronous=True, interactive=False)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(win)
    win.show()
    win.open_document(store.document_ids()[0])
    yield win
    win.close()
    store.close()


def _select_qt(qtbot, win: MainWindow, start_cp: int, n_right: int) -> None:
    cursor = win.view.textCursor()
    cursor.setPosition(win._positions.to_qt(start_cp))
    win.view.setTextCursor(cursor)
    for _ in range(n_right):
        qtbot.keyClick(win.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


@pytest.mark.parametrize("needle", ["Jose\u0301 Marti\u0301nez", "Ana", "“yes”", "today"])
def test_selection_in_widget_is_stored_in_code_points(qtbot, window: MainWindow, needle: str) -> None:
    text = window.session.document.text
    assert "\r" not in text
    start = text.index(needle)
    # Shift+Right moves by grapheme cluster in Qt, so count clusters by selecting until the end is reached.
    _select_qt(qtbot, window, start, 0)
    target = window._positions.to_qt(start + len(needle))
    while window.view.textCursor().position() < target:
        qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.view, "1")
    made = [s for s in window.store.spans(window.session.doc_id) if s.source is Source.ANNOTATOR]
    assert len(made) == 1
    assert (made[0].start, made[0].end) == (start, start + len(needle))
    assert made[0].text_in(text) == needle
    # And back: the highlighter paints exactly the characters of the span.
    q_start, q_end = window.highlighter.qt_range(made[0].id)
    cursor = window.view.textCursor()
    cursor.setPosition(q_start)
    cursor.setPosition(q_end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == needle


def test_document_positions_match_the_widget(window: MainWindow) -> None:
    text = window.session.document.text
    pos = window._positions
    assert window.view.document().characterCount() - 1 == pos.qt_length
    checked = 0
    for i, ch in enumerate(text):
        if ch != "\n" and ord(ch) < 0x10000:  # astral characters are two QChars; checked by the selection test
            assert window.view.document().characterAt(pos.to_qt(i)) == ch
            checked += 1
    assert checked > 40


def test_half_an_emoji_or_accent_is_never_selected() -> None:
    text = "a 👩🏽‍⚕️ e\u0301 z"
    positions = TextPositions(text, simple_tokens)
    emoji_start = positions.to_qt(2)
    # A selection ending between the surrogates of the emoji grows to the whole cluster.
    got = positions.selection_to_offsets(emoji_start, emoji_start + 1, snap_tokens=False)
    assert got is not None
    assert text[got[0] : got[1]] == "👩🏽‍⚕️"
    accent = text.index("e\u0301")
    got = positions.selection_to_offsets(positions.to_qt(accent), positions.to_qt(accent) + 1, snap_tokens=False)
    assert got is not None and text[got[0] : got[1]] == "e\u0301"
    assert positions.selection_to_offsets(1, 2, snap_tokens=True) is None  # only whitespace


PIECES = ["a", " ", "\n", "😀", "e\u0301", "é", "🇫🇷", "-"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.data())
def test_selection_round_trip(text: str, data: st.DataObject) -> None:
    positions = TextPositions(text, simple_tokens)
    a = data.draw(st.integers(0, positions.qt_length))
    b = data.draw(st.integers(0, positions.qt_length))
    got = positions.selection_to_offsets(a, b, snap_tokens=data.draw(st.booleans()))
    if got is not None:
        start, end = got
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        assert positions.to_offset(positions.to_qt(start)) == start
        assert positions.to_offset(positions.to_qt(end)) == end
