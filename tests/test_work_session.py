"""The open document without Qt: edits, undo (the reversed change) and redo keep the copy and the store alike.

The same scenario runs once more in a fresh interpreter that never imports Qt: the editing
session is part of ``annotator.work``, below the user interface.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.core.change import Change
from annotator.core.model import SPEAKER, DocStatus, Document, Relation, Source, Span, SpanStatus
from annotator.store import Store
from annotator.work.session import Session

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Ana said “we won” and Bo said no to 12 people."
ANA, QUOTE, BO, FIGURE = (0, 3, "ACTOR"), (9, 17, "QUOTE"), (22, 24, "ACTOR"), (36, 45, "FIGURE")


class Recorder(Session):
    """A session that notes what it tells the window."""

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__(store, annotator)
        self.told: list[str] = []

    def on_reloaded(self) -> None:
        self.told.append("reloaded")

    def on_spans_changed(self, before: list[Span], after: list[Span]) -> None:
        self.told.append(f"spans {len(before)}->{len(after)}")

    def on_speakers_changed(self, quote_ids: set[int]) -> None:
        self.told.append("speakers")

    def on_status_changed(self, status: DocStatus) -> None:
        self.told.append(f"status {status}")


def same_as_store(session: Session) -> None:
    doc_id = session.doc_id
    assert doc_id is not None
    assert session.spans == {s.id: s for s in session.store.spans(doc_id)}
    assert session.relations == {r.id: r for r in session.store.relations(doc_id)}
    assert session.version == session.store.document_version(doc_id)


def rows(session: Session) -> tuple[list[Span], list[Relation]]:
    return session.store.spans(session.doc_id or 0), session.store.relations(session.doc_id or 0)


def run_scenario() -> None:
    """Edit, undo every edit back to the start, redo them all: the store and the copy agree at each step."""
    store = Store.open(":memory:")
    doc_id, _ = store.add_document(
        Document(text=TEXT, title="t"),
        [Span(*ANA), Span(*QUOTE), Span(*BO)],
        [Relation(QUOTE, ANA, SPEAKER, source=Source.RULE)],
    )
    session = Recorder(store, "alice")
    session.open(doc_id)
    same_as_store(session)
    start = rows(session)
    quote = session.find(*QUOTE)
    bo = session.find(*BO)
    assert quote is not None and bo is not None and quote.id is not None and bo.id is not None

    history: list[tuple[Change, tuple[list[Span], list[Relation]]]] = []

    def edit(change: Change) -> None:
        assert change.version == store.document_version(doc_id), "the write reports the version it made"
        same_as_store(session)
        history.append((change, rows(session)))

    # Accepting the quote accepts its suggested speaker (one write, two spans and a relation).
    edit(session.update_span(quote.id, status=SpanStatus.ACCEPTED))
    assert session.spans[quote.id].status is SpanStatus.ACCEPTED
    assert session.speaker_span(quote.id) == session.find(*ANA)
    assert session.find(*ANA).status is SpanStatus.ACCEPTED  # type: ignore[union-attr]
    assert session.document is not None and session.document.status is DocStatus.IN_PROGRESS
    # A new span, a speaker changed by hand, a relabel, a rejection and a deletion.
    added = session.add_span(*FIGURE)
    edit(added)
    figure = added.span(FIGURE)
    assert figure is not None and figure.id is not None and figure.status is SpanStatus.ACCEPTED
    edit(session.set_speaker(quote.id, bo.id))
    assert session.speaker_span(quote.id) == session.spans[bo.id]
    edit(session.update_span(figure.id, label="ACTOR"))
    assert session.find(*FIGURE) is None and session.find(36, 45, "ACTOR") is not None
    edit(session.update_span(quote.id, status=SpanStatus.REJECTED))
    assert quote.id not in session.speakers, "a rejected quote's speaker link is rejected with it"
    edit(session.delete_span(bo.id))
    assert bo.id not in session.spans and not session.relations
    edit(session.accept_all())

    # Undo: each reversed change brings back the rows exactly as they were before that edit.
    for n in range(len(history) - 1, -1, -1):
        session.apply(history[n][0].reversed())
        same_as_store(session)
        assert rows(session) == (history[n - 1][1] if n else start)
    assert session.find(*FIGURE) is None and session.spans[quote.id].status is SpanStatus.SUGGESTED
    # Redo: the same changes again, the same ids (later edits still name the right spans).
    for change, after in history:
        session.apply(change)
        same_as_store(session)
        assert [(s.id, s.key, s.status) for s in rows(session)[0]] == [(s.id, s.key, s.status) for s in after[0]]
        assert [(r.id, r.head, r.child, r.status) for r in rows(session)[1]] == [
            (r.id, r.head, r.child, r.status) for r in after[1]
        ]
    assert "spans 0->1" in session.told and "speakers" in session.told
    store.close()


def test_edit_undo_redo_through_the_session() -> None:
    run_scenario()


def test_the_session_needs_no_qt() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests'); import test_work_session as t; t.run_scenario();"
        " assert 'PySide6' not in sys.modules, sorted(m for m in sys.modules if 'PySide6' in m)[:5]; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
