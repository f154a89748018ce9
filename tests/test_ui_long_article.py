"""A long article (a 1 MB wire file with 15,000 suggestions) keeps the window answering.

Its span panel used to be made in one go after the first paint, and Shift+A updated every row one by
one: seconds of a frozen window each. Now the rows are made a chunk at a time with the event loop
running in between (the status bar counts them), and Shift+A lists the panel anew the same way.
These tests use small numbers (chunks of 5 spans) so they run in a moment; the figures for the real
size are in docs/benchmarks.md.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

import annotator.ui.span_model as span_model
from annotator.core.labels import load_labels
from annotator.core.model import Document, Span, SpanStatus
from annotator.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.session import DocumentSession
from annotator.ui.span_model import SPAN_ID_ROLE, SpanTreeModel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
WORDS = 60


def long_text() -> str:
    return "\n\n".join(f"Paragraph {i}: Ana Ruiz met Bo Lund in Oslo." for i in range(WORDS))


def names(text: str) -> list[Span]:
    spans, at = [], 0
    while (at := text.find("Ana Ruiz", at)) != -1:
        spans.append(Span(at, at + len("Ana Ruiz"), "ACTOR"))
        bo = text.index("Bo Lund", at)
        spans.append(Span(bo, bo + len("Bo Lund"), "ACTOR"))
        at += 1
    return spans


@pytest.fixture
def small_chunks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(span_model, "DEFER_ABOVE", 10)
    monkeypatch.setattr(span_model, "LIST_CHUNK", 5)


@pytest.fixture
def session(store: Store) -> Iterator[DocumentSession]:
    text = long_text()
    doc_id, _ = store.add_document(Document(text=text, title="Wire"))
    store.save_suggestions(doc_id, names(text))
    s = DocumentSession(store, "alice")
    s.open(doc_id)
    yield s


def listed_ids(model: SpanTreeModel) -> list[int]:
    ids = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        ids += [model.index(r, 0, group).data(SPAN_ID_ROLE) for r in range(model.rowCount(group))]
    return ids


def test_a_long_document_is_listed_a_chunk_at_a_time_with_the_event_loop_running(
    qtbot, qtmodeltester, small_chunks, session: DocumentSession
) -> None:
    model = SpanTreeModel(session, load_labels())
    session.reload()
    assert model.pending and listed_ids(model) == []
    progress: list[tuple[int, int]] = []
    model.listing.connect(lambda done, total: progress.append((done, total)))
    ran_between: list[int] = []
    QTimer.singleShot(0, lambda: ran_between.append(len(progress)))  # the event loop gets its turn
    model.flush()
    qtbot.waitUntil(lambda: not model.pending)
    total = len(session.spans)
    assert progress[0] == (5, total) and progress[-1] == (total, total)
    assert len(progress) == -(-total // 5)
    assert ran_between and 0 < ran_between[0] < len(progress), "a timer fired while the rows were being made"
    assert sorted(listed_ids(model)) == sorted(session.spans)
    qtmodeltester.check(model)


def test_an_edit_while_listing_is_in_the_list(qtbot, small_chunks, session: DocumentSession) -> None:
    model = SpanTreeModel(session, load_labels())
    session.reload()
    model.flush()
    assert model.pending, "still making rows"
    first = session.ordered()[0]
    session.update_span(first.id, status=SpanStatus.ACCEPTED)  # type: ignore[arg-type]
    session.add_span(0, 9, "QUOTE")
    added = session.find(0, 9, "QUOTE")
    qtbot.waitUntil(lambda: not model.pending)
    assert sorted(listed_ids(model)) == sorted(session.spans)
    row = model.index_of(first.id)  # type: ignore[arg-type]
    assert model.index(row.row(), 1, row.parent()).data() == "accepted"
    assert added is not None and added.id is not None and model.index_of(added.id).isValid()


def test_accept_all_in_a_long_document_lists_the_panel_anew_and_keeps_the_rows_meanwhile(
    qtbot, make_window, small_chunks, db_path
) -> None:
    store = Store.open(db_path)
    text = long_text()
    doc_id, _ = store.add_document(Document(text=text, title="Wire"))
    store.save_suggestions(doc_id, names(text))
    win: MainWindow = make_window(store)
    qtbot.waitUntil(lambda: not win.span_model.pending)
    shown = len(listed_ids(win.span_model))
    messages: list[str] = []
    win.statusBar().messageChanged.connect(messages.append)
    win.view.setFocus()
    win.actions_["accept_all"].trigger()
    assert len(listed_ids(win.span_model)) == shown, "the rows stay while the new ones are made"
    qtbot.waitUntil(lambda: not win.span_model.pending)
    statuses = {win.span_model.index(r.row(), 1, r.parent()).data()
                for r in (win.span_model.index_of(i) for i in win.session.spans)}
    assert statuses == {"accepted"}
    assert any(m.startswith("Listing the spans in the panel:") for m in messages)
    assert all(s.status is SpanStatus.ACCEPTED for s in store.spans(doc_id))
    assert win.span_panel.tree.currentIndex().data(SPAN_ID_ROLE) == win.editor.current


def test_opening_a_long_article_says_so_before_the_work(qtbot, make_window, db_path, monkeypatch) -> None:
    import annotator.ui.main_window as main_window

    monkeypatch.setattr(main_window, "LONG_CHARS", 1000)
    store = Store.open(db_path)
    store.add_document(Document(text="Short\n\nA short one.", title="Short"))
    text = long_text()
    doc_id, _ = store.add_document(Document(text=text, title="Wire"))
    win: MainWindow = make_window(store)
    messages: list[str] = []
    win.statusBar().messageChanged.connect(messages.append)
    win.open_document(doc_id)
    assert messages[0] == f"Opening a long article ({len(text):,} characters, 0 spans)…"
    assert not win.statusBar().currentMessage().startswith("Opening"), "gone once it is open"
    assert win.session.doc_id == doc_id
