"""Drive the real window with key clicks: the annotator's day on the sample article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.model import DocStatus, Document, Source, SpanStatus
from annotator.io.sample import ensure_sample
from annotator.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings, default_qsettings

# The offscreen platform cannot resize native windows; harmless, and not ours.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

SECOND = "Second article\n\nMaria Lopez said “We will win” on Monday. The council agreed."


def sample_store(path: Path) -> Store:
    """The sample article and a second one, in a database file."""
    store = Store.open(path)
    ensure_sample(store)
    store.add_document(Document(text=SECOND, title="Second article"))
    return store


@pytest.fixture
def window(make_window, db_path: Path) -> MainWindow:
    """The app on the sample article (suggested by the blank pipeline) and a second article."""
    return make_window(sample_store(db_path))


NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def key(qtbot, win: MainWindow, k: Qt.Key | str, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    qtbot.keyClick(win.view, k, modifier)


def answer_open_suggestions(qtbot, letter: Qt.Key) -> None:
    """Answer the question Ctrl+Return asks about open suggestions with one key (A, R or B), when it comes."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "Ctrl+Return asked nothing"
        qtbot.keyClick(dialog, letter)

    QTimer.singleShot(0, press)


def select_text(qtbot, win: MainWindow, needle: str) -> None:
    """Put the cursor before ``needle`` and select it with Shift+Right, as a user would."""
    text = win.session.document.text
    start = text.index(needle)
    cursor = win.view.textCursor()
    cursor.setPosition(win._positions.to_qt(start))
    win.view.setTextCursor(cursor)
    for _ in range(len(needle)):
        qtbot.keyClick(win.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_first_run_opens_sample_with_suggestions(window: MainWindow) -> None:
    assert window.session.document is not None
    assert window.session.document.meta.get("sample") is True
    assert window.session.spans, "suggestions were made when the model arrived"
    assert window.model_label.text() == "model: blank:en"
    assert window.progress_label.text() == "0 / 2 done"
    assert "F1" in window.statusBar().currentMessage() or window.settings.seen_hint


def test_annotators_day(qtbot, window: MainWindow, tmp_path: Path) -> None:
    win = window
    store = win.store
    doc_id = win.session.doc_id
    win.view.setFocus()
    n_suggested = sum(s.status is SpanStatus.SUGGESTED for s in win.session.spans.values())
    assert n_suggested > 0

    # Shift+A: accept all; Ctrl+Z undoes it; Ctrl+Shift+Z redoes it.
    key(qtbot, win, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert not store.spans(doc_id, statuses=[SpanStatus.SUGGESTED])
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(store.spans(doc_id, statuses=[SpanStatus.SUGGESTED])) == n_suggested
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not store.spans(doc_id, statuses=[SpanStatus.SUGGESTED])
    accepted = store.spans(doc_id, statuses=[SpanStatus.ACCEPTED])
    assert all(s.annotator == "alice" for s in accepted)

    # Label a selection as QUOTE with key 2: snapped to tokens, stored with code-point offsets.
    select_text(qtbot, win, "oncluded Friday without agreemen")  # a sloppy selection: snaps to whole words
    key(qtbot, win, "2")
    text = win.session.document.text
    made = [s for s in store.spans(doc_id) if s.label == "QUOTE" and s.source is Source.ANNOTATOR]
    assert [s.text_in(text) for s in made] == ["concluded Friday without agreement"]
    quote_span = made[0]
    assert quote_span.status is SpanStatus.ACCEPTED and quote_span.annotator == "alice"
    assert win.editor.current == quote_span.id

    # Relabel with 1 then back with 2 (the span stays selected after each).
    key(qtbot, win, "1")
    assert store.get_span(quote_span.id).label == "ACTOR"
    key(qtbot, win, "2")
    assert store.get_span(quote_span.id).label == "QUOTE"

    # S: choose the speaker by typing part of the name and Enter.
    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        qtbot.keyClicks(dialog.edit, "Mujahid")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    key(qtbot, win, "s")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)  # the dialog hands the keys back
    speaker = store.speaker_of(quote_span.id)
    assert speaker is not None
    speaker_text = text[speaker.child[0] : speaker.child[1]]
    assert "Mujahid" in speaker_text
    panel = win.span_model.index_of(quote_span.id).siblingAtColumn(3)
    assert panel.data() == speaker_text

    # Undo the speaker, redo it.
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.speaker_of(quote_span.id) is None
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert store.speaker_of(quote_span.id) is not None

    # Tab moves to the next span; X deletes an accepted span; undo brings it back with its id.
    key(qtbot, win, Qt.Key.Key_Tab)
    following = win.editor.current
    assert following is not None and following != quote_span.id
    key(qtbot, win, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # what a keyboard sends for Shift+Tab
    assert win.editor.current == quote_span.id
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert win.editor.current == quote_span.id
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_X)
    with pytest.raises(KeyError):
        store.get_span(following)
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.get_span(following).status is SpanStatus.ACCEPTED

    # Ctrl+Return: done (nothing left open, so nothing to ask), and the next document not done opens.
    assert not store.spans(doc_id, statuses=[SpanStatus.SUGGESTED])
    key(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.get_document(doc_id).status is DocStatus.DONE
    assert win.session.doc_id != doc_id
    assert win.progress_label.text() == "1 / 2 done"

    # On the second article: select and label, reject a suggestion with X, accept one with A.
    select_text(qtbot, win, "Maria Lopez")
    key(qtbot, win, "1")
    second = win.session.doc_id
    assert [s.text_in(SECOND) for s in store.spans(second) if s.annotator == "alice"] == ["Maria Lopez"]

    # Export runs the command line's code and writes the done document with the quote and its speaker.
    output = tmp_path / "out.jsonl"
    win.background.export("jsonl", output, include_all=False)
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["meta"]["doc_id"] for r in lines] == [doc_id]
    record = lines[0]
    quotes = [s for s in record["spans"] if s["label"] == "QUOTE" and s["text"] == "concluded Friday without agreement"]
    assert len(quotes) == 1
    assert record["text"][quotes[0]["start"] : quotes[0]["end"]] == quotes[0]["text"]
    assert any(r["label"] == "SPEAKER" and r["head_span"]["start"] == quotes[0]["start"] for r in record["relations"])


def test_reject_and_accept_suggestions(qtbot, window: MainWindow) -> None:
    win = window
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    first = win.editor.current
    assert win.session.spans[first].status is SpanStatus.SUGGESTED
    key(qtbot, win, Qt.Key.Key_X)
    assert win.store.get_span(first).status is SpanStatus.REJECTED
    assert win.highlighter.qt_range(first) is None, "rejected spans are hidden"
    second = win.editor.current
    assert second != first
    key(qtbot, win, Qt.Key.Key_A)
    assert win.store.get_span(second).status is SpanStatus.ACCEPTED
    # Delete removes an accepted span; undo puts it back.
    win.editor.select_span(second)
    key(qtbot, win, Qt.Key.Key_Delete)
    assert second not in win.session.spans
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.store.get_span(second).status is SpanStatus.ACCEPTED
    # Show rejected: it is painted again.
    win.actions_["show_rejected"].trigger()
    assert win.highlighter.qt_range(first) is not None
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.store.get_span(first).status is SpanStatus.SUGGESTED
    assert win.store.get_span(second).status is SpanStatus.SUGGESTED


def test_conflict_is_reported_and_reloaded(qtbot, window: MainWindow, db_path: Path) -> None:
    win = window
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    span_id = win.editor.current
    with Store.open(db_path) as other:  # another instance changes the document
        other.update_span(span_id, annotator="bob", status=SpanStatus.REJECTED)
    shown_while: list[SpanStatus] = []  # what the window showed when the message said it shows what is saved
    show = win.errors.show
    win.errors.show = lambda *a, **k: (shown_while.append(win.session.spans[span_id].status), show(*a, **k))
    key(qtbot, win, Qt.Key.Key_A)
    assert win.errors.messages and "changed elsewhere" in win.errors.messages[-1]
    assert "document 1" not in win.errors.messages[-1] and "reload it" not in win.errors.messages[-1]
    assert shown_while == [SpanStatus.REJECTED]
    win.errors.messages.clear()  # told, as expected
    assert win.session.spans[span_id].status is SpanStatus.REJECTED, "the window shows what the store holds"
    assert win.store.get_span(span_id).status is SpanStatus.REJECTED


def test_failed_write_is_not_shown_as_done(qtbot, window: MainWindow, monkeypatch) -> None:
    win = window
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    span_id = win.editor.current

    def broken(*args, **kwargs):
        import sqlite3

        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(win.store, "update_span", broken)
    key(qtbot, win, Qt.Key.Key_A)
    assert "not saved" in win.errors.messages[-1].lower()
    win.errors.messages.clear()  # told, as expected
    assert win.session.spans[span_id].status is SpanStatus.SUGGESTED
    assert not win.editor.group.canUndo()


def test_find_and_f1(qtbot, window: MainWindow) -> None:
    win = window
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.search.hasFocus()
    qtbot.keyClicks(win.search, "Sax 1")  # letters and digits that are shortcuts elsewhere go into the box
    assert win.search.text() == "Sax 1"
    assert not win.editor.group.canUndo()
    qtbot.keyClick(win.search, Qt.Key.Key_Escape)
    assert win.view.hasFocus()
    win.search.setFocus()
    win.search.clear()
    qtbot.keyClicks(win.search, "council")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    assert win.session.document.title == "Second article"
    assert win.doc_filter.rowCount() == 1
    key(qtbot, win, Qt.Key.Key_F1)
    rows = win.actions_.help_rows()
    keys = {k for row in rows for k in row[0].split(", ")}
    for expected in ("1", "2", "3", "A", "Shift+A", "X", "Delete", "Tab", "Shift+Tab", "S", "Ctrl+Return",
                     "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F", "Ctrl+O", "Ctrl+E", "F1", "Ctrl+Q"):
        assert expected in keys
    assert win.shortcuts_dialog.table.rowCount() == len(rows)
    win.shortcuts_dialog.close()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    key(qtbot, win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not win.isVisible()


def test_state_is_restored(qtbot, tmp_path: Path, db_path: Path, blank_loader) -> None:
    store = Store.open(db_path)
    ensure_sample(store)
    second, _ = store.add_document(Document(text=SECOND, title="Second article"))
    settings = Settings(default_qsettings(tmp_path / "s.ini"))
    win = MainWindow(store, settings, "alice", pipeline_loader=blank_loader, synchronous=True, interactive=False)
    qtbot.addWidget(win)
    win.show()
    win.start()
    win.open_document(second)
    win.resize(780, 560)  # fits the offscreen screen, so the geometry comes back unchanged
    qtbot.wait(10)
    win.splitter.setSizes([200, 330, 220])
    sizes = win.splitter.sizes()
    win.close()
    again = MainWindow(store, Settings(default_qsettings(tmp_path / "s.ini")), "alice",
                       pipeline_loader=blank_loader, synchronous=True, interactive=False)
    qtbot.addWidget(again)
    again.show()
    again.start()
    assert again.session.doc_id == second
    restored = again.splitter.sizes()
    assert (restored[0], restored[2]) == (sizes[0], sizes[2])  # the centre takes what the window gives it
    again.close()
    store.close()


def test_text_and_panel_follow_each_other(qtbot, window: MainWindow) -> None:
    from annotator.ui.span_model import SPAN_ID_ROLE

    win = window
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_Tab)
    current = win.editor.current
    qtbot.waitUntil(lambda: win.span_tree.currentIndex().siblingAtColumn(0).data(SPAN_ID_ROLE) == current)
    # Choosing a row in the panel selects the span in the text.
    other = next(s for s in win.session.ordered() if s.id != current and s.status is not SpanStatus.REJECTED)
    win.span_tree.setCurrentIndex(win.span_model.index_of(other.id))
    assert win.editor.current == other.id
    assert tuple(sorted(win.view.selection())) == win._positions.span_range(other)
    # A click on a span in the text selects it (the innermost one under the mouse).
    target = win.session.ordered()[-1]
    start, end = win._positions.span_range(target)
    cursor = win.view.textCursor()
    cursor.setPosition(start + (end - start) // 2)
    win.view.setTextCursor(cursor)  # scrolls the last span into view, wherever the layout put it
    win.view.ensureCursorVisible()
    point = win.view.cursorRect(cursor).center()
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert win.editor.current in {s.id for s in win.highlighter.spans_at(start + (end - start) // 2)}


def test_tooltips_are_plain_text(window: MainWindow) -> None:
    from annotator.ui.plain import as_plain_tooltip

    span = window.session.ordered()[0]
    text = window._tooltip(window._positions.span_range(span)[0])
    assert text is not None and span.label in text and "source:" in text
    assert as_plain_tooltip("<b>x</b> & y") == "<qt>&lt;b&gt;x&lt;/b&gt; &amp; y</qt>"


def test_snapping_can_be_turned_off(qtbot, window: MainWindow) -> None:
    win = window
    win.actions_["snap_tokens"].trigger()
    assert win.settings.snap_to_tokens is False
    select_text(qtbot, win, "oncluded")
    key(qtbot, win, "3")
    text = win.session.document.text
    made = [s for s in win.session.spans.values() if s.source is Source.ANNOTATOR]
    assert [s.text_in(text) for s in made] == ["oncluded"]


def test_annotator_name_is_asked_once(qtbot, tmp_path: Path) -> None:
    from annotator.ui.app import ask_annotator

    settings = Settings(default_qsettings(tmp_path / "name.ini"))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.setTextValue("  carol ")
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert ask_annotator(settings) == "carol"
    assert ask_annotator(Settings(default_qsettings(tmp_path / "name.ini"))) == "carol"  # no dialog this time


def test_status_filter_and_list_navigation(qtbot, window: MainWindow) -> None:
    win = window
    first = win.session.doc_id
    win.view.setFocus()
    answer_open_suggestions(qtbot, Qt.Key.Key_A)
    key(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # done, next opens
    assert win.session.doc_id != first
    combo = win.documents.status_filter
    combo.setCurrentIndex(combo.findData(DocStatus.DONE))
    assert win.doc_filter.rowCount() == 1
    assert win.session.doc_id != first, "filtering never opens another document"
    # Choosing a row in the list opens that document.
    win.doc_list.setCurrentIndex(win.doc_filter.index(0, 0))
    assert win.session.doc_id == first
    combo.setCurrentIndex(0)
    assert win.doc_filter.rowCount() == 2


def test_search_and_status_filter_together_in_the_list(qtbot, window: MainWindow) -> None:
    win = window
    first = win.session.doc_id
    win.search.setFocus()
    qtbot.keyClicks(win.search, "council")  # only the second article says it
    qtbot.waitUntil(lambda: win.doc_filter.rowCount() == 1)
    assert win.doc_filter.index(0, 0).data() == "Second article"
    assert win.session.doc_id == first, "searching never opens another document"
    combo = win.documents.status_filter
    combo.setCurrentIndex(combo.findData(DocStatus.DONE))
    assert win.doc_filter.rowCount() == 0  # found, but not done
    combo.setCurrentIndex(combo.findData(DocStatus.NEW))
    assert win.doc_filter.rowCount() == 1
    win.search.clear()
    qtbot.waitUntil(lambda: win.doc_filter.rowCount() == win.doc_model.count(DocStatus.NEW))
    combo.setCurrentIndex(0)
    assert win.doc_filter.rowCount() == win.doc_model.count() == 2
    assert win.session.doc_id == first
