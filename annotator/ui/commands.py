"""Undo commands: each redo/undo is one call on the document session, which is one Store call.

A command's first run (by :func:`push`, before it goes on the stack, so a write
that fails never appears in the undo history) records every row the store
changed; undo and later redos write those rows back exactly (ids included) so
that commands further up the stack still refer to the right spans.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.model import DocStatus, Span, SpanStatus
from annotator.ui.session import Change, DocumentSession

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


class Edit(SessionCommand):
    """A span or speaker edit: the first run records what the store changed, undo and redo replay it.

    The store may change more than the span named (accepting a quote accepts its speaker,
    a relabel drops relations, a merge deletes a rejected span): the :class:`Change` the
    session read back holds all of it, so undo restores exactly what was there.
    """

    def __init__(self, session: DocumentSession, text: str) -> None:
        super().__init__(session, text)
        self.change: Change | None = None

    def write(self) -> Change:
        raise NotImplementedError

    def do(self) -> None:
        if self.change is None:
            self.change = self.write()
        else:
            self.session.apply(self.change)

    def undo_(self) -> None:
        assert self.change is not None
        self.session.apply(self.change.reversed())


class AddSpan(Edit):
    def __init__(self, session: DocumentSession, start: int, end: int, label: str) -> None:
        super().__init__(session, f"add {label}")
        self.start, self.end, self.label = start, end, label

    def write(self) -> Change:
        return self.session.add_span(self.start, self.end, self.label)

    @property
    def created(self) -> Span | None:
        """The span as the store made it."""
        if self.change is None:
            return None
        return next((s for s in self.change.spans_after if s.key == (self.start, self.end, self.label)), None)


class ChangeSpan(Edit):
    """Accept, reject or relabel one span."""

    def __init__(
        self, session: DocumentSession, span_id: int, *, status: SpanStatus | None = None, label: str | None = None
    ) -> None:
        what = f"relabel as {label}" if label else f"{'accept' if status is SpanStatus.ACCEPTED else 'reject'}"
        super().__init__(session, what)
        self.span_id, self.status, self.label = span_id, status, label

    def write(self) -> Change:
        return self.session.update_span(self.span_id, status=self.status, label=self.label)


class DeleteSpan(Edit):
    def __init__(self, session: DocumentSession, span_id: int) -> None:
        super().__init__(session, "delete span")
        self.span_id = span_id

    def write(self) -> Change:
        return self.session.delete_span(self.span_id)


class AcceptAll(Edit):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session, "accept all suggestions")

    def write(self) -> Change:
        return self.session.accept_all()


class SetSpeaker(Edit):
    def __init__(self, session: DocumentSession, quote_id: int, actor_id: int | None) -> None:
        super().__init__(session, "set speaker" if actor_id else "remove speaker")
        self.quote_id, self.actor_id = quote_id, actor_id

    def write(self) -> Change:
        return self.session.set_speaker(self.quote_id, self.actor_id)


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
