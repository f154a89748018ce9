"""Undo commands: the first redo makes the edit, undo writes the reversed change, a failed write leaves the stack."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtGui import QUndoStack

from annotator.core.model import Document, Span, SpanStatus
from annotator.store import Store
from annotator.ui import commands
from annotator.ui.session import DocumentSession

TEXT = "Ana said “we won” and Bo said no."


@pytest.fixture
def session(store: Store) -> DocumentSession:
    doc_id, _ = store.add_document(Document(text=TEXT, title="t"), [Span(0, 3, "ACTOR"), Span(22, 24, "ACTOR")])
    s = DocumentSession(store, "alice")
    s.open(doc_id)
    return s


def broken(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.DatabaseError("database disk image is malformed")


def test_a_command_edits_in_redo_and_undoes_by_the_reversed_change(session: DocumentSession) -> None:
    stack = QUndoStack()
    errors: list[Exception] = []
    command = commands.AddSpan(session, 9, 17, "QUOTE")
    assert commands.push(stack, command, errors.append)
    made = command.created
    assert made is not None and session.spans[made.id] == session.store.get_span(made.id)  # type: ignore[arg-type]
    stack.undo()
    assert session.find(9, 17, "QUOTE") is None and session.store.spans(session.doc_id or 0) == list(
        session.ordered()
    )
    stack.redo()
    assert session.find(9, 17, "QUOTE") == made, "redo brings the same row back, id included"
    assert not errors and stack.count() == 1


def test_a_failed_write_is_reported_and_leaves_no_command_behind(session: DocumentSession, monkeypatch) -> None:
    stack = QUndoStack()
    errors: list[Exception] = []
    first = session.find(0, 3, "ACTOR")
    assert first is not None and first.id is not None
    assert commands.push(stack, commands.ChangeSpan(session, first.id, status=SpanStatus.ACCEPTED), errors.append)
    # The first run fails: reported, never on the stack.
    monkeypatch.setattr(session.store, "add_span", broken)
    assert not commands.push(stack, commands.AddSpan(session, 9, 17, "QUOTE"), errors.append)
    assert stack.count() == 1 and len(errors) == 1
    # A redo that fails marks its command obsolete: the stack drops it, the one below stays.
    monkeypatch.undo()
    assert commands.push(stack, commands.AddSpan(session, 9, 17, "QUOTE"), errors.append)
    stack.undo()
    monkeypatch.setattr(session.store, "restore_spans", broken)
    stack.redo()
    assert len(errors) == 2 and "malformed" in str(errors[-1])
    assert stack.count() == 1 and stack.index() == 1
    assert session.find(9, 17, "QUOTE") is None, "the window still shows what the store holds"
    # Without an error handler, push() raises.
    monkeypatch.setattr(session.store, "update_span", broken)
    with pytest.raises(sqlite3.DatabaseError):
        commands.push(stack, commands.ChangeSpan(session, first.id, status=SpanStatus.REJECTED))
    assert stack.count() == 1
