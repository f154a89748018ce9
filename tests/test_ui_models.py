"""Every item model passes pytest-qt's model tester, also while spans change; the worker runner hands back results."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from annotator.core.labels import load_labels
from annotator.core.model import DocStatus, Document, Span, SpanStatus
from annotator.core.speaker_choice import candidates as speaker_candidates
from annotator.store import Store
from annotator.ui.dialogs import SpeakerDialog
from annotator.ui.document_model import DOC_ID_ROLE, DocumentFilter, DocumentListModel
from annotator.ui.session import DocumentSession
from annotator.ui.span_model import SpanTreeModel
from annotator.ui.workers import TaskRunner

TEXT = "Ana said “we won” and Bo said <b>no</b> to 12 people."


@pytest.fixture
def session(store: Store) -> Iterator[DocumentSession]:
    doc_id, _ = store.add_document(Document(text=TEXT, title="<i>not markup</i>"))
    suggestions = [Span(0, 3, "ACTOR"), Span(9, 17, "QUOTE"), Span(22, 24, "ACTOR"), Span(45, 54, "FIGURE")]
    store.save_suggestions(doc_id, suggestions)
    s = DocumentSession(store, "alice")
    s.open(doc_id)
    yield s


def test_document_models(qtmodeltester, store: Store) -> None:
    for i in range(5):
        store.add_document(Document(text=f"article {i}", title=f"title {i}"))
    model = DocumentListModel()
    model.set_documents(store.list_documents())
    qtmodeltester.check(model)
    model.update_document(2, status=DocStatus.DONE, n_accepted=3)
    proxy = DocumentFilter()
    proxy.setSourceModel(model)
    proxy.set_status(DocStatus.DONE)
    assert proxy.rowCount() == 1
    proxy.set_status(None)
    proxy.set_ids({1, 3})
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)


class CountingModel(DocumentListModel):
    """Counts the questions about rows (each one is a call into Python)."""

    asked = 0

    def data(self, index, role=0):  # type: ignore[no-untyped-def]
        self.asked += 1
        return super().data(index, role)


def shown_ids(proxy: DocumentFilter) -> list[int]:
    return [proxy.index(r, 0).data(DOC_ID_ROLE) for r in range(proxy.rowCount())]


def test_filter_by_status_and_search_without_asking_rows(qtmodeltester, store: Store) -> None:
    for i in range(300):
        store.add_document(Document(text=f"article {i} {'council' if i % 3 == 0 else 'mayor'}", title=f"title {i}"))
    model = CountingModel()
    model.set_documents(store.list_documents())
    for doc_id in (1, 4, 5, 7):
        model.update_document(doc_id, status=DocStatus.DONE)
    proxy = DocumentFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 300
    assert proxy.mapToSource(proxy.index(299, 3)) == model.index(299, 3), "no filter: rows map to themselves"

    proxy.set_status(DocStatus.DONE)
    assert model.asked == 0, "the filter reads the model's list, not data() row by row"
    assert shown_ids(proxy) == [1, 4, 5, 7]
    hits = {d.id for d in store.list_documents(search="council")}
    assert len(hits) == 100
    proxy.set_ids(hits)  # done and found: 1, 4 and 7 hold "council" (i = 0, 3, 6)
    assert shown_ids(proxy) == [1, 4, 7]
    assert proxy.mapFromSource(model.index(6, 1)) == proxy.index(2, 1)
    assert not proxy.mapFromSource(model.index(4, 0)).isValid(), "id 5 is filtered out"
    qtmodeltester.check(proxy)
    proxy.set_ids({5, 6})  # another search, same status: the rows still change
    assert proxy.rowCount() == 1
    model.update_document(6, status=DocStatus.DONE)  # a row that comes to match appears
    assert proxy.rowCount() == 2
    model.update_document(5, status=DocStatus.NEW)  # and one that no longer matches goes
    assert shown_ids(proxy) == [6]
    proxy.set_status(None)
    assert proxy.rowCount() == 2  # the search alone
    proxy.set_ids(set())
    assert proxy.rowCount() == 0 and proxy.headerData(0, Qt.Orientation.Horizontal) == "Title"
    qtmodeltester.check(proxy)
    proxy.set_ids(None)
    assert proxy.rowCount() == 300
    model.set_documents(store.list_documents())
    assert proxy.rowCount() == 300
    qtmodeltester.check(proxy)


def test_filter_follows_one_changed_row_without_a_reset(qtmodeltester, store: Store) -> None:
    for i in range(10):
        store.add_document(Document(text=f"article {i}", title=f"title {i}"))
    model = DocumentListModel()
    model.set_documents(store.list_documents())
    proxy = DocumentFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)  # keeps checking the signals below
    proxy.set_status(DocStatus.IN_PROGRESS)
    proxy.set_ids({2, 3, 4, 8})
    events: list[tuple[str, int, int]] = []
    proxy.modelReset.connect(lambda: events.append(("reset", -1, -1)))
    proxy.rowsInserted.connect(lambda _p, first, last: events.append(("in", first, last)))
    proxy.rowsRemoved.connect(lambda _p, first, last: events.append(("out", first, last)))
    proxy.dataChanged.connect(lambda top, bottom, _r: events.append(("changed", top.row(), bottom.row())))
    model.update_document(8, status=DocStatus.IN_PROGRESS)
    model.update_document(3, status=DocStatus.IN_PROGRESS)
    model.update_document(3, n_accepted=2)
    model.update_document(5, status=DocStatus.IN_PROGRESS)  # not found by the search: stays hidden
    model.update_document(8, status=DocStatus.DONE)
    assert events == [("in", 0, 0), ("in", 0, 0), ("changed", 0, 0), ("out", 1, 1)]
    assert shown_ids(proxy) == [3]
    assert proxy.index(0, 2).data() == 2
    proxy.set_status(None)
    proxy.set_ids(None)
    events.clear()
    model.update_document(10, n_suggested=7)  # no filter: passed on as it is
    assert events == [("changed", 9, 9)] and proxy.index(9, 3).data() == 7


def test_document_list_cells(qtmodeltester, store: Store) -> None:
    store.add_document(Document(text="one", title=""))
    store.add_document(Document(text="two", title="<b>Two</b>"))
    model = DocumentListModel()
    model.set_documents(store.list_documents())
    model.update_document(2, status=DocStatus.IN_PROGRESS, n_accepted=4, n_suggested=2)
    row = [model.index(1, c).data() for c in range(model.columnCount())]
    assert row == ["<b>Two</b>", "\u25d0", 4, 2]  # the status as a mark; its word is the tooltip
    assert model.index(0, 0).data() == "document 1"  # no title: still a name to click
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "<qt>&lt;b&gt;Two&lt;/b&gt;</qt>"
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "in progress"
    assert model.index(0, 1).data() == "" and model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "new"
    assert "\u25d0 in progress" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(1, 2).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.count(DocStatus.IN_PROGRESS) == 1 and model.count() == 2
    qtmodeltester.check(model)


def test_span_model_follows_edits(qtmodeltester, session: DocumentSession) -> None:
    model = SpanTreeModel(session, load_labels())
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["ACTOR (2)", "QUOTE (1)", "FIGURE (1)"]
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    session.add_span(30, 32, "ACTOR")
    made = session.find(30, 32, "ACTOR")
    actor_group = model.index(0, 0)
    assert model.rowCount(actor_group) == 3
    assert model.index(2, 0, actor_group).data() == "Bo" or model.index(1, 0, actor_group).data() == "Bo"
    session.update_span(made.id, label="FIGURE")
    assert model.rowCount(actor_group) == 2
    session.update_span(1, status=SpanStatus.REJECTED)
    quote = session.find(9, 17, "QUOTE")
    session.set_speaker(quote.id, 1)
    assert model.index_of(quote.id).siblingAtColumn(3).data() == "Ana"
    session.accept_all()
    session.delete_span(made.id)
    assert not resets, "single edits never reset the model"
    qtmodeltester.check(model)


def test_speaker_dialog_filters_names(qtbot, session: DocumentSession) -> None:
    actors = [s for s in session.spans.values() if s.label == "ACTOR"]
    quote = session.find(9, 17, "QUOTE")
    dialog = SpeakerDialog("we won", speaker_candidates(quote, actors, TEXT))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edit, "bo")
    assert len(dialog.visible_rows()) == 1
    choice = dialog.chosen()
    assert choice is not None and choice.actor is not None and choice.actor.text_in(TEXT) == "Bo"


def test_runner_hands_back_result_and_error_from_a_thread(qtbot) -> None:
    runner = TaskRunner()
    results: list[object] = []
    errors: list[BaseException] = []
    main = threading.get_ident()
    seen: list[int] = []

    def work(progress, cancelled):
        seen.append(threading.get_ident())
        progress(1, 2)
        return 42

    def boom(progress, cancelled):
        raise ValueError("bad input")

    delivered_on: list[int] = []

    def done(result: object) -> None:
        delivered_on.append(threading.get_ident())
        results.append(result)

    # Wait on the result, not the signal: the task may finish before a signal wait is set up.
    runner.run("ok", work, on_done=done)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    task = runner.run("bad", boom, on_failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert task is not None
    assert results == [42]
    assert isinstance(errors[0], ValueError)
    assert seen and seen[0] != main, "the work ran on a worker thread"
    assert delivered_on == [main], "the result arrived on the UI thread"
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: not runner.tasks, timeout=5000)


def test_runner_cancel(qtbot) -> None:
    runner = TaskRunner(synchronous=True)
    done: list[object] = []
    task = runner.run("x", lambda progress, cancelled: cancelled(), on_done=done.append)
    assert done == [False]
    assert not task.cancelled


def test_long_documents_are_listed_after_the_first_paint(qtbot, qtmodeltester, session, monkeypatch) -> None:
    import annotator.ui.span_model as span_model

    monkeypatch.setattr(span_model, "DEFER_ABOVE", 2)
    model = SpanTreeModel(session, load_labels())
    assert model.rowCount() == 3
    session.reload()
    assert model.rowCount() == 0, "listed later, so the article paints first"
    session.add_span(30, 32, "ACTOR")  # an edit while the list is pending is not lost
    made = session.find(30, 32, "ACTOR")
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert model.index_of(made.id).isValid()
    assert model.rowCount(model.index(0, 0)) == 3
    qtmodeltester.check(model)


def test_undoing_an_accept_keeps_the_quotes_speaker(session: DocumentSession) -> None:
    """Undo writes the old row back in place; the quote's SPEAKER relation must survive it."""
    quote = session.find(9, 17, "QUOTE")
    session.set_speaker(quote.id, 1)
    quote = session.spans[quote.id]
    change = session.update_span(quote.id, status=SpanStatus.REJECTED)
    session.apply(change.reversed())  # what undo of the reject does
    assert session.store.get_span(quote.id) == quote
    assert session.speaker_span(quote.id) is not None
    assert session.store.speaker_of(quote.id).status is SpanStatus.ACCEPTED
    session.apply(change)  # and redo
    assert session.store.speaker_of(quote.id).status is SpanStatus.REJECTED


def test_teaching_order_puts_scored_documents_first_and_shows_their_rank(qtmodeltester, store: Store) -> None:
    for i in range(5):
        store.add_document(Document(text=f"article {i}", title=f"title {i}"))
    model = DocumentListModel()
    model.set_documents(store.list_documents())
    model.set_teaching_order({4: 0.9, 2: 0.5})
    titles = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert titles == ["1. title 3", "2. title 1", "title 0", "title 2", "title 4"]
    assert "rank 1" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)
    model.set_documents(store.list_documents())  # a refresh (after an import) keeps the order
    assert model.data(model.index(0, 0), DOC_ID_ROLE) == 4
    model.set_teaching_order(None)
    assert [model.data(model.index(r, 0), DOC_ID_ROLE) for r in range(5)] == [1, 2, 3, 4, 5]
