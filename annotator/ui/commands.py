"""Undo commands: each redo/undo is one call on the document session, which is one Store call.

Old values are captured when a command is made. A command's first redo is
run by :func:`push` before it goes on the stack, so a write that fails never
appears in the undo history. Later redos restore the exact rows (ids
included) so that commands further up the stack still refer to the right spans.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.model import DocStatus, Relation, Span, SpanStatus
from annotator.ui.session import DocumentSession

ErrorHandler = Callable[[Exception], None]


class SessionCommand(QUndoCommand):
    """Base: subclasses implement ``do`` and ``undo_``; errors go to ``on_error`` (the window's one error path)."""

    def __init__(self, session: DocumentSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        # Each command carries its own window's handler (set by push()), never a class-wide one:
        # two windows in one process must not report each other's errors. Without one, errors propagate.
        self.on_error: ErrorHandler | None = None
        self._first = True
        self.failed = False

    def do(self) -> None:
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._first:  # push() already ran it
            self._first = False
            return
        self._guard(self.do)

    def undo(self) -> None:
        self._guard(self.undo_)

    def _guard(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception as exc:  # reported to the user by the window; never lost silently
            self.failed = True
            if self.on_error is None:
                raise
            self.on_error(exc)


def push(stack: QUndoStack, command: SessionCommand, on_error: ErrorHandler | None = None) -> bool:
    """Run a command and put it on the stack; on failure report it and leave the stack as it was."""
    command.on_error = on_error
    try:
        command.do()
    except Exception as exc:
        if on_error is None:
            raise
        on_error(exc)
        return False
    stack.push(command)
    return True


class AddSpan(SessionCommand):
    def __init__(self, session: DocumentSession, start: int, end: int, label: str) -> None:
        super().__init__(session, f"add {label}")
        self.start, self.end, self.label = start, end, label
        self.before = session.find(start, end, label)
        self.created: Span | None = None

    def do(self) -> None:
        if self.created is None:
            self.created = self.session.add_span(self.start, self.end, self.label)
        else:
            self.session.restore([self.created])

    def undo_(self) -> None:
        assert self.created is not None and self.created.id is not None
        if self.before is not None:
            self.session.restore([self.before])
        else:
            self.session.delete_span(self.created.id)


class ChangeSpan(SessionCommand):
    """Accept, reject or relabel one span."""

    def __init__(
        self, session: DocumentSession, span_id: int, *, status: SpanStatus | None = None, label: str | None = None
    ) -> None:
        what = f"relabel as {label}" if label else f"{'accept' if status is SpanStatus.ACCEPTED else 'reject'}"
        super().__init__(session, what)
        self.span_id, self.status, self.label = span_id, status, label
        self.before = session.spans[span_id]
        self.after: Span | None = None

    def do(self) -> None:
        if self.after is None:
            self.after = self.session.update_span(self.span_id, status=self.status, label=self.label)
        else:
            self.session.restore([self.after])

    def undo_(self) -> None:
        self.session.restore([self.before])


class DeleteSpan(SessionCommand):
    def __init__(self, session: DocumentSession, span_id: int) -> None:
        super().__init__(session, "delete span")
        self.span = session.spans[span_id]
        self.relations: list[Relation] = session.relations_of(span_id)

    def do(self) -> None:
        assert self.span.id is not None
        self.session.delete_span(self.span.id)

    def undo_(self) -> None:
        self.session.restore([self.span], self.relations)


class AcceptAll(SessionCommand):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session, "accept all suggestions")
        self.spans = [s for s in session.spans.values() if s.status is SpanStatus.SUGGESTED]
        self.relations = [r for r in session.speakers.values() if r.status is SpanStatus.SUGGESTED]

    def do(self) -> None:
        self.session.accept_all()

    def undo_(self) -> None:
        self.session.restore(self.spans, self.relations)


class SetSpeaker(SessionCommand):
    def __init__(self, session: DocumentSession, quote_id: int, actor_id: int | None) -> None:
        super().__init__(session, "set speaker" if actor_id else "remove speaker")
        self.quote_id, self.actor_id = quote_id, actor_id
        self.before = session.speakers.get(quote_id)

    def do(self) -> None:
        self.session.set_speaker(self.quote_id, self.actor_id)

    def undo_(self) -> None:
        self.session.restore_speaker(self.quote_id, self.before)


class SetStatus(SessionCommand):
    def __init__(self, session: DocumentSession, status: DocStatus) -> None:
        super().__init__(session, f"mark {status.value.replace('_', ' ')}")
        self.status = status
        assert session.document is not None
        self.before = session.document.status

    def do(self) -> None:
        self.session.set_status(self.status)

    def undo_(self) -> None:
        self.session.set_status(self.before)
