"""The window and its own background work: suggestions are not conflicts, the page check, read-only, list updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_ui_speaker import COUNCIL, quote, spans_by_key, suggested_article
from test_ui_window import key, sample_store

from annotator.core.model import DocStatus, DocumentSummary, Span, SpanStatus
from annotator.store import Store, StoreError
from annotator.ui import jobs
from annotator.ui.document_model import DocumentListModel
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def win(make_window, db_path: Path) -> MainWindow:
    store = Store.open(db_path)
    suggested_article(store)
    window = make_window(store)
    window.view.setFocus()
    return window


def test_suggestions_from_the_windows_own_job_are_a_reload_not_a_conflict(
    qtbot, win: MainWindow, db_path: Path
) -> None:
    doc_id = win.session.doc_id
    council = spans_by_key(win)[(*COUNCIL, "ACTOR")]
    win.editor.select_span(council.id)
    key(qtbot, win, Qt.Key.Key_A)
    # The window's suggestion job (on its own connection) has just saved new suggestions for the
    # open document; its "done" has not reached the window yet when the next key comes.
    win.background._suggesting, win.background.suggesting_ids = True, {doc_id}
    with Store.open(db_path) as job:
        job.save_suggestions(doc_id, [Span(0, 6, "FIGURE")])
    win.editor.select_span(quote(win).id)
    key(qtbot, win, Qt.Key.Key_A)
    win.background._suggesting = False
    assert not win.errors.messages, "no 'changed elsewhere' for the window's own suggestions"
    assert "arrived" in win.statusBar().currentMessage()
    assert (0, 6, "FIGURE") in spans_by_key(win), "the new suggestion is shown"
    qtbot.wait(10)
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.store.get_span(council.id).status is SpanStatus.SUGGESTED, "the undo history was kept"


def test_suggest_this_document_again_ends_its_undo_history_with_a_note(qtbot, win: MainWindow) -> None:
    the_quote = quote(win)
    win.editor.select_span(the_quote.id)
    key(qtbot, win, Qt.Key.Key_A)
    assert win.editor.group.activeStack().count() == 1
    win.actions_["suggest_document"].trigger()
    assert win.editor.group.activeStack().count() == 0, "its commands named suggestions that were remade"
    assert not win.actions_["undo"].isEnabled()
    assert "undo history" in win.statusBar().currentMessage()
    assert win.store.get_span(the_quote.id).status is SpanStatus.ACCEPTED
    assert not win.errors.messages


def test_the_page_check_runs_in_the_background_on_its_own_connection(
    qtbot, make_window, db_path: Path, monkeypatch
) -> None:
    checked: list[Store] = []

    def damaged(self: Store) -> None:
        checked.append(self)
        raise StoreError(f"{self.path}: the database is damaged (page 7); nothing was changed")

    store = sample_store(db_path)
    monkeypatch.setattr(Store, "verify", damaged)
    win = make_window(store, expect_errors=True)
    assert len(checked) == 1 and checked[0] is not win.store
    assert win.background.verified is False
    assert win.errors.messages == [f"{db_path}: the database is damaged (page 7); nothing was changed"]


def test_an_undamaged_database_passes_the_page_check(win: MainWindow) -> None:
    assert win.background.verified is True


def test_a_read_only_database_says_so_and_refuses_edits(qtbot, make_window, db_path: Path) -> None:
    with Store.open(db_path) as writer:
        doc_id = suggested_article(writer)
    store = Store.open(db_path, readonly=True)
    before = store.spans(doc_id)
    win = make_window(store, expect_errors=True)
    win.view.setFocus()
    assert win.windowTitle().endswith("— read-only")
    assert win.readonly_label.isVisible() and win.readonly_label.text() == "read-only"  # stays in the status bar
    none = Qt.KeyboardModifier.NoModifier
    for k, modifier in ((Qt.Key.Key_Tab, none), (Qt.Key.Key_A, none), (Qt.Key.Key_Return, CTRL)):
        key(qtbot, win, k, modifier)
    assert win.errors.messages and all("read-only" in m for m in win.errors.messages)
    assert not any("could not be read" in m or "changed elsewhere" in m for m in win.errors.messages)
    assert store.spans(doc_id) == before and store.get_document(doc_id).status is DocStatus.NEW
    assert win.background.verified is True


def test_suggesting_updates_the_list_rows_without_a_reset(qtbot, make_window, db_path: Path) -> None:
    win = make_window(sample_store(db_path))
    resets: list[int] = []
    win.doc_model.modelReset.connect(lambda: resets.append(1))
    second = next(d for d in win.doc_model.documents() if d.id != win.session.doc_id)
    assert second.n_suggested == 0
    win.actions_["suggest_all"].trigger()
    assert not resets, "the list keeps its rows, selection and scroll position"
    assert win.doc_model.summary(second.id).n_suggested == len(win.store.spans(second.id)) > 0


def test_done_counts_are_kept_as_rows_change() -> None:
    model = DocumentListModel()
    model.set_documents([DocumentSummary(id=i, title=str(i), status=DocStatus.NEW, n_chars=1) for i in (1, 2, 3)])
    model.update_document(2, status=DocStatus.DONE)
    model.update_document(3, status=DocStatus.DONE)
    model.update_document(3, status=DocStatus.IN_PROGRESS)
    assert (model.count(DocStatus.DONE), model.count()) == (1, 3)


def test_the_suggest_job_uses_the_measured_batch_size(monkeypatch, db_path: Path, blank_loader) -> None:
    import annotator.work.suggesting as suggestions
    from annotator.nlp import DEFAULT_BATCH_SIZE

    seen: dict[str, object] = {}
    monkeypatch.setattr(suggestions, "suggest_documents", lambda store, pipeline, **kw: seen.update(kw))
    Store.open(db_path).close()
    jobs.suggest(str(db_path), blank_loader(), [1])(lambda _d, _t: None, lambda: False)
    assert seen["batch_size"] == DEFAULT_BATCH_SIZE
    assert not hasattr(jobs, "load_model"), "one way to load the model: Background.load_model"
