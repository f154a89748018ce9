"""Undo commands: each redo/undo is one call on the document session, which is one Store write.

The first redo (run by ``QUndoStack.push``) makes the edit and keeps the
:class:`Change` the store reports; undo writes the reversed change, and a later
redo writes the change again, rows exactly as they were (ids included), so that
commands further up the stack still refer to the right spans. A command whose
write fails marks itself obsolete, and the stack drops it: a failed edit never
appears in the undo history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.change import Change
from annotator.core.model import DocStatus, Span, SpanStatus
from annotator.ui.session import DocumentSession

ErrorHandler = Callable[[Exception], None]


class SessionCommand(QUndoCommand):
    """Base: ``redo``/``undo`` each make one session call inside :meth:`_reported`."""

    def __init__(self, session: DocumentSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        # Each command carries its own window's handler (set by push()), never a class-wide one:
        # two windows in one process must not report each other's errors. Without one, push() raises.
        self.on_error: ErrorHandler | None = None
        self.error: Exception | None = None

    @contextmanager
    def _reported(self) -> Iterator[None]:
        """A write that fails goes to the window's one error path (never lost silently) and
        marks the command obsolete: the store does not hold what it would undo or redo, so the
        stack drops it."""
        try:
            yield
        except Exception as exc:
            self.error = exc
            self.setObsolete(True)
            if self.on_error is not None:
                self.on_error(exc)


def place(command: QUndoCommand | None, *, undone: bool) -> tuple[int | None, tuple[int, int] | None]:
    """Where the annotator should look after ``command`` was undone or redone: the span it is about
    (id), else the range (offsets) of a span that is gone now. A macro shows its last part."""
    if command is None:
        return None, None
    if command.childCount():
        return place(command.child(command.childCount() - 1), undone=undone)
    if isinstance(command, ChangeSpan | DeleteSpan):
        gone = isinstance(command, DeleteSpan) and not undone
        span = next((s for s in (command.change.spans_before if command.change else ()) if s.id == command.span_id),
                    None)
        return (None, (span.start, span.end) if span else None) if gone else (command.span_id, None)
    if isinstance(command, AddSpan):
        if undone:
            return None, (command.start, command.end)
        created = command.created
        return (created.id if created else None), None
    if isinstance(command, SetSpeaker):
        return command.quote_id, None
    return None, None


def push(stack: QUndoStack, command: SessionCommand, on_error: ErrorHandler | None = None) -> bool:
    """Run a command and put it on the stack; on failure report it (the stack drops the command)."""
    command.on_error = on_error
    stack.push(command)  # runs redo()
    if command.error is not None and on_error is None:
        raise command.error
    return command.error is None


class Edit(SessionCommand):
    """A span or speaker edit: the first redo makes it, undo and later redos write its change.

    The store may change more than the span named (accepting a quote accepts its speaker,
    a relabel drops relations, a merge deletes a rejected span): the :class:`Change` it
    returns holds all of it, so undo restores exactly what was there.
    """

    def __init__(self, session: DocumentSession, text: str) -> None:
        super().__init__(session, text)
        self.change: Change | None = None

    def edit(self) -> Change:
        """The edit itself, the first time."""
        raise NotImplementedError

    def redo(self) -> None:
        with self._reported():
            self.change = self.edit() if self.change is None else self.session.apply(self.change)

    def undo(self) -> None:
        assert self.change is not None
        with self._reported():
            self.session.apply(self.change.reversed())


class AddSpan(Edit):
    def __init__(self, session: DocumentSession, start: int, end: int, label: str) -> None:
        super().__init__(session, f"add {label}")
        self.start, self.end, self.label = start, end, label

    def edit(self) -> Change:
        return self.session.add_span(self.start, self.end, self.label)

    @property
    def created(self) -> Span | None:
        """The span as the store made it."""
        return self.change.span((self.start, self.end, self.label)) if self.change is not None else None

    @property
    def retired(self) -> int:
        """How many open suggestions the new span overlapped and so rejected."""
        if self.change is None:
            return 0
        was_open = {s.id for s in self.change.spans_before if s.status is SpanStatus.SUGGESTED}
        return sum(1 for s in self.change.spans_after if s.id in was_open and s.status is SpanStatus.REJECTED)


class ChangeSpan(Edit):
    """Accept, reject or relabel one span."""

    def __init__(
        self, session: DocumentSession, span_id: int, *, status: SpanStatus | None = None, label: str | None = None
    ) -> None:
        what = f"relabel as {label}" if label else f"{'accept' if status is SpanStatus.ACCEPTED else 'reject'}"
        super().__init__(session, what)
        self.span_id, self.status, self.label = span_id, status, label

    def edit(self) -> Change:
        return self.session.update_span(self.span_id, status=self.status, label=self.label)


class DeleteSpan(Edit):
    def __init__(self, session: DocumentSession, span_id: int) -> None:
        super().__init__(session, "delete span")
        self.span_id = span_id

    def edit(self) -> Change:
        return self.session.delete_span(self.span_id)


class AcceptAll(Edit):
    def __init__(self, session: DocumentSession) -> None:
        super().__init__(session, "accept all suggestions")

    def edit(self) -> Change:
        return self.session.accept_all()


class SetSpeaker(Edit):
    def __init__(self, session: DocumentSession, quote_id: int, actor_id: int | None) -> None:
        super().__init__(session, "set speaker" if actor_id else "remove speaker")
        self.quote_id, self.actor_id = quote_id, actor_id

    def edit(self) -> Change:
        return self.session.set_speaker(self.quote_id, self.actor_id)


class Settle(Edit):
    """Review: take one annotator's choice at one place (or nobody's), in one write."""

    def __init__(
        self, session: DocumentSession, text: str, *, accept: set[int], reject: set[int],
        speaker: tuple[int, int | None] | None = None,
    ) -> None:
        super().__init__(session, text)
        self.accept, self.reject, self.speaker = accept, reject, speaker

    def edit(self) -> Change:
        return self.session.settle(accept=self.accept, reject=self.reject, speaker=self.speaker)


class SetStatus(SessionCommand):
    """Mark the document new/in progress/done/skipped; ``settle`` first accepts or rejects its open suggestions.

    One command either way, so one Ctrl+Z takes back the "done" and the decision on the suggestions.
    """

    def __init__(self, session: DocumentSession, status: DocStatus, *, settle: SpanStatus | None = None) -> None:
        what = f"mark {status.value.replace('_', ' ')}"
        if settle is not None:
            what = f"{'accept' if settle is SpanStatus.ACCEPTED else 'reject'} open suggestions and {what}"
        super().__init__(session, what)
        self.status = status
        self.settle = settle
        self.change: Change | None = None
        assert session.document is not None
        self.before = session.document.status

    def redo(self) -> None:
        with self._reported():
            if self.settle is not None:
                if self.change is None:
                    accepted = self.settle is SpanStatus.ACCEPTED
                    self.change = self.session.accept_all() if accepted else self.session.reject_all()
                else:
                    self.change = self.session.apply(self.change)
            self.session.set_status(self.status)

    def undo(self) -> None:
        with self._reported():
            if self.change is not None:  # first: writing spans back would move a new document to in progress
                self.session.apply(self.change.reversed())
            self.session.set_status(self.before)
