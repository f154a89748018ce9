"""Frictions met in a real window (Xvfb, openbox, xdotool) during an annotator's day, each fixed after this
test failed: the first key press on a document did nothing, and the speaker chooser covered the quote."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from test_ui_window import SECOND, key

from annotator.core.model import Document, Relation, Span, SpanStatus
from annotator.store import Store
from annotator.ui.dialogs import SpeakerDialog
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

FILLER = "\n\n".join(f"Paragraph {i} of the background, where nothing is said by anyone." for i in range(14))
QUOTE_TEXT = "“We will rebuild every school before the winter comes,”"
ARTICLE = f"Rebuilding\n\n{FILLER}\n\n{QUOTE_TEXT} the mayor, Ana Ruiz, said on Monday.\n\n{FILLER}"


def test_a_document_opened_from_the_list_has_its_first_span_selected(qtbot, make_window, db_path: Path) -> None:
    """A pressed on a document just opened said "No span selected: Tab moves to the next span"."""
    store = Store.open(db_path)
    store.add_document(Document(text="First\n\nNothing to see.", title="First"))
    text = "Talks\n\nAna met Bo in Oslo."
    doc_id, _ = store.add_document(Document(text=text, title="Talks"))
    store.save_suggestions(doc_id, [Span(7, 10, "ACTOR"), Span(15, 17, "ACTOR")])
    win: MainWindow = make_window(store)
    win.open_document(doc_id)
    key(qtbot, win, "a")
    assert [(s.start, s.status) for s in store.spans(doc_id)] == [(7, SpanStatus.ACCEPTED), (15, SpanStatus.SUGGESTED)]


def test_suggestions_that_arrive_after_opening_select_the_first_span(qtbot, make_window, db_path: Path) -> None:
    """The first document at start gets its suggestions from the background job: then nothing was selected."""
    store = Store.open(db_path)
    store.add_document(Document(text=SECOND, title="Second article"))
    win: MainWindow = make_window(store)  # the blank pipeline suggests it when it opens (no spans yet)
    assert win.session.spans, "suggested on opening"
    current = win.editor.current_span()
    assert current is not None and current == min(win.session.spans.values(), key=lambda s: (s.start, -s.end))
    key(qtbot, win, "a")
    assert store.get_span(current.id).status is SpanStatus.ACCEPTED  # type: ignore[arg-type]


def test_the_selection_a_reader_made_is_kept_when_suggestions_arrive(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=ARTICLE, title="Rebuilding"))
    win: MainWindow = make_window(store, start=False)
    win.background.pipeline = None  # no model yet: the document opens without suggestions
    win.open_document(doc_id)
    win.view.verticalScrollBar().setValue(win.view.verticalScrollBar().maximum())  # the reader scrolled down
    store.save_suggestions(doc_id, [Span(0, 10, "ACTOR")])
    win.suggesting.suggested(type("Report", (), {"other_language": {}})())  # type: ignore[arg-type]
    assert win.editor.current is None, "not pulled back to the top"


def test_the_speaker_chooser_leaves_the_quote_in_sight(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    start = ARTICLE.index(QUOTE_TEXT)
    ana = ARTICLE.index("Ana Ruiz")
    doc_id, _ = store.add_document(Document(text=ARTICLE, title="Rebuilding"))
    store.save_suggestions(
        doc_id, [Span(start, start + len(QUOTE_TEXT), "QUOTE"), Span(ana, ana + len("Ana Ruiz"), "ACTOR")],
        [Relation(head=(start, start + len(QUOTE_TEXT), "QUOTE"), child=(ana, ana + len("Ana Ruiz"), "ACTOR"))],
    )
    win: MainWindow = make_window(store)
    win.resize(1000, 650)
    qtbot.wait(50)
    quote = next(s for s in win.session.spans.values() if s.label == "QUOTE")
    win.editor.select_span(quote.id)
    view = win.view
    first, last = QTextCursor(view.document()), QTextCursor(view.document())
    qt_start, qt_end = win.highlighter.qt_range(quote.id)  # type: ignore[misc]
    first.setPosition(qt_start)
    last.setPosition(qt_end)
    top_left = view.viewport().mapToGlobal(QPoint(view.cursorRect(first).left(), view.cursorRect(first).top()))
    bottom = view.viewport().mapToGlobal(QPoint(0, view.cursorRect(last).bottom())).y()
    quote_rect = QRect(QPoint(view.viewport().mapToGlobal(QPoint(0, 0)).x(), top_left.y()),
                       QPoint(view.viewport().mapToGlobal(QPoint(view.viewport().width(), 0)).x(), bottom))
    seen: list[QRect] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SpeakerDialog)
        seen.append(dialog.frameGeometry())
        dialog.reject()

    QTimer.singleShot(0, look)
    key(qtbot, win, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: bool(seen))
    assert not seen[0].intersects(quote_rect), (seen[0], quote_rect)


def test_opening_the_document_on_screen_again_keeps_its_span(qtbot, make_window, db_path: Path) -> None:
    """Enter in the search box opens the first match: when that was the document on screen, its span was dropped
    while the text still showed it selected, and A said "No span selected"."""
    store = Store.open(db_path)
    text = "Talks\n\nAna met Bo in Oslo."
    doc_id, _ = store.add_document(Document(text=text, title="Talks"))
    store.save_suggestions(doc_id, [Span(7, 10, "ACTOR"), Span(15, 17, "ACTOR")])
    win: MainWindow = make_window(store)
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    bo = win.editor.current_span()
    assert bo is not None and bo.start == 15
    win.documents.focus_search()
    qtbot.keyClicks(win.search, "Talks")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.view.hasFocus())
    assert win.editor.current == bo.id
    key(qtbot, win, "a")
    assert store.get_span(bo.id).status is SpanStatus.ACCEPTED  # type: ignore[arg-type]


def test_the_export_dialog_offers_a_file_and_typing_goes_into_its_name(qtbot, make_window, db_path: Path) -> None:
    """The file field was empty and the first Tab went to the check box: a path typed after Tab went nowhere,
    and OK on the empty field closed the dialog without a word and without exporting."""
    from annotator.ui.dialogs import ExportDialog

    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text="Talks\n\nAna met Bo.", title="Talks"))
    win: MainWindow = make_window(store)
    seen: dict[str, object] = {}

    def export() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        seen["offered"] = dialog.path.text()
        seen["focus"] = dialog.focusWidget() is dialog.path
        qtbot.keyClicks(dialog.path, "today")  # replaces the selected name, keeps the folder and extension
        seen["typed"] = dialog.path.text()
        dialog.format.setCurrentIndex(1)  # spaCy: the extension follows
        seen["spacy"] = dialog.path.text()
        dialog.format.setCurrentIndex(0)
        dialog.path.clear()
        seen["ok_when_empty"] = dialog.ok.isEnabled()
        dialog.path.setText(str(db_path.parent / "today.jsonl"))
        dialog.include_all.setChecked(True)
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)

    QTimer.singleShot(0, export)
    win.actions_["export"].trigger()
    assert seen["offered"] == str(db_path.parent.resolve() / "annotations.jsonl")
    assert seen["focus"] is True
    assert seen["typed"] == str(db_path.parent.resolve() / "today.jsonl")
    assert seen["spacy"] == str(db_path.parent.resolve() / "today.spacy")
    assert seen["ok_when_empty"] is False
    qtbot.waitUntil(lambda: (db_path.parent / "today.jsonl").exists())
    assert doc_id


def test_w_works_at_once_while_the_tokenizer_is_still_loading(qtbot, make_window, db_path: Path,
                                                              monkeypatch) -> None:
    """In a real window W, pressed while the model loaded, froze the window until spaCy's import had finished
    (the tokens were computed on the window's thread, waiting for the import the model's worker held)."""
    import threading

    import annotator.ui.main_window as main_window

    release = threading.Event()
    real = main_window.token_offsets

    def slow_tokens(text: str) -> list[tuple[int, int]]:
        release.wait(20)  # spaCy still loading in another thread
        return real(text)

    monkeypatch.setattr(main_window, "token_offsets", slow_tokens)
    store = Store.open(db_path)
    text = "Talks\n\nThe agreement seeks to remove tariffs on commodities."
    doc_id, _ = store.add_document(Document(text=text, title="Talks"))
    store.save_suggestions(doc_id, [Span(7, 10, "ACTOR")])
    win: MainWindow = make_window(store, synchronous=False)
    try:
        qtbot.waitUntil(lambda: win.session.doc_id == doc_id)
        assert any(task.name == "tokens" for task in win.background.runner.tasks), "the real tokens are not there"
        positions = win._positions
        assert positions is not None
        cursor = win.view.textCursor()
        cursor.setPosition(positions.to_qt(text.index("agreement") + 2))
        win.view.setTextCursor(cursor)
        win.editor.current = None
        import time

        began = time.monotonic()
        key(qtbot, win, "w")
        key(qtbot, win, "w")
        assert time.monotonic() - began < 5, "the keys did not wait for the tokenizer"
        assert not release.is_set()
        start, end = sorted(win.view.selection())
        assert text[positions.to_offset(start):positions.to_offset(end)] == "agreement seeks"
    finally:
        release.set()
    qtbot.waitUntil(lambda: not win.background.runner.tasks, timeout=60000)
    assert positions.tokens == real(text), "the real tokens replaced the provisional ones"


def test_the_export_dialog_stays_open_on_a_file_it_cannot_write(qtbot, tmp_path: Path) -> None:
    """A folder typed as the file closed the dialog and failed afterwards ("exporting failed"): the path had
    to be typed again. Now the dialog says what is wrong and keeps what was typed."""
    from annotator.ui.dialogs import ExportDialog

    dialog = ExportDialog(None, [], folder=str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    for typed, problem in (
        (str(tmp_path), "is a folder: add a file name"),
        (str(tmp_path / "missing" / "a.jsonl"), "does not exist"),
    ):
        dialog.path.setText(typed)
        dialog.ok.click()
        assert dialog.isVisible() and dialog.result() == 0
        assert problem in dialog.problem.text() and dialog.problem.isVisibleTo(dialog)
        assert dialog.path.text() == typed
    dialog.path.setText(str(tmp_path / "today.jsonl"))
    assert not dialog.problem.isVisibleTo(dialog)  # what was wrong goes once the name changes
    dialog.ok.click()
    assert dialog.result() == ExportDialog.DialogCode.Accepted
