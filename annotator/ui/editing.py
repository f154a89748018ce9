"""What the editing keys do: label, accept, reject, move between spans, choose a speaker.

Every change becomes an undo command (see commands.py); this module decides
which one from the current selection and the current span.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QDialog

from annotator.core import selection
from annotator.core.labels import SPEAKER_RELATION, LabelSet
from annotator.core.model import SPEAKER, DocStatus, Span, SpanStatus, reading_order
from annotator.core.spans import simple_tokens
from annotator.core.speaker_choice import candidates as speaker_candidates
from annotator.core.text import counted
from annotator.ui import commands
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import OpenSuggestionsDialog, SpeakerDialog, place_clear_of
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.plain import one_line
from annotator.ui.positions import TextPositions
from annotator.ui.session import DocumentSession

MANY_SPANS = 2000  # a document with more: Shift+A shows the busy pointer while it works


class Editor(QObject):
    """Turns key presses into commands on the open document's undo stack."""

    current_changed = Signal(object)  # span id or None
    message = Signal(str)  # a short note for the status bar

    def __init__(
        self, session: DocumentSession, view: ArticleView, highlighter: SpanHighlighter, labels: LabelSet,
        snap_tokens: Callable[[], bool], on_error: commands.ErrorHandler | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.highlighter = highlighter
        self.labels = labels
        self.snap_tokens = snap_tokens
        self.positions: TextPositions | None = None
        self.current: int | None = None
        self.on_error = on_error  # the window's error path for failed edits
        self.group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        relation = labels.relation(SPEAKER) or SPEAKER_RELATION
        self.quote_label, self.actor_label = relation.head, relation.child

    # ------------------------------------------------------------ plumbing

    def document_opened(self, positions: TextPositions) -> None:
        self.positions = positions
        self.current = None
        doc_id = self.session.doc_id
        if doc_id is not None:
            stack = self._stacks.get(doc_id)
            if stack is None:
                stack = self._stacks[doc_id] = QUndoStack(self.group)
            self.group.setActiveStack(stack)

    def stack_of(self, doc_id: int) -> QUndoStack | None:
        """A document's undo stack, if it was opened in this window."""
        return self._stacks.get(doc_id)

    def clear_history(self) -> None:
        """Forget the open document's undo history (its commands no longer match the store)."""
        stack = self.group.activeStack()
        if stack is not None:
            stack.clear()

    def _push(self, command: commands.SessionCommand) -> bool:
        stack = self.group.activeStack()
        return stack is not None and commands.push(stack, command, self.on_error)

    def undo(self) -> None:
        """Undo in the open document, then show the span it restored (selected, scrolled into view)."""
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        stack = self.group.activeStack()
        if stack is None or not (stack.canUndo() if undo else stack.canRedo()):
            return
        # Where to look is read first: a step that fails makes its command obsolete, and the stack deletes it.
        span_id, gone = commands.place(stack.command(stack.index() - 1 if undo else stack.index()), undone=undo)
        index = stack.index()
        stack.undo() if undo else stack.redo()
        if stack.index() == index:  # it did not happen (reported already)
            return
        if span_id is not None and span_id in self.session.spans:
            self.select_span(span_id)
        elif gone is not None and self.positions is not None:
            self.current = None
            self.view.select_range(self.positions.to_qt(gone[0]), self.positions.to_qt(gone[1]))
            self.current_changed.emit(None)

    def current_span(self) -> Span | None:
        return self.session.spans.get(self.current) if self.current is not None else None

    def select_span(self, span_id: int | None) -> None:
        """Make a span current: the text selects it, the panel follows (via current_changed)."""
        span = self.session.spans.get(span_id) if span_id is not None else None
        self.current = span.id if span else None
        if span is not None and self.positions is not None:
            self.view.select_range(*self.positions.span_range(span))
        self.current_changed.emit(self.current)

    def select_at(self, position: int) -> None:
        """A click in the text: the innermost visible span there becomes current."""
        spans = self.highlighter.spans_at(position)
        if spans:
            self.select_span(spans[0].id)
        else:
            self.current = None
            self.current_changed.emit(None)

    def on_screen(self, span: Span) -> bool:
        """Whether any of the span is inside the article's viewport."""
        if self.positions is None:
            return False
        start, end = self.positions.span_range(span)
        first, last = self.view.cursorForPosition(self.view.viewport().rect().topLeft()).position(), \
            self.view.cursorForPosition(self.view.viewport().rect().bottomRight()).position()
        return start <= last and end >= first

    def _acting_span(self, verb: str) -> Span | None:
        """The current span, if the annotator can see it; else it is brought into view and nothing happens."""
        span = self.current_span()
        if span is None:
            self.message.emit("No span selected: Tab moves to the next span.")
            return None
        if not self.on_screen(span):
            self.select_span(span.id)  # scrolls it into view
            self.message.emit(f"The selected span was off screen; here it is. Press again to {verb} it.")
            return None
        return span

    def _visible(self) -> list[Span]:
        return self.session.ordered(include_rejected=self.highlighter.show_rejected)

    def _selection_is_current(self) -> bool:
        span = self.current_span()
        if span is None or self.positions is None:
            return False
        anchor, position = self.view.selection()
        return tuple(sorted((anchor, position))) == self.positions.span_range(span)

    # ------------------------------------------------------------- the keys

    def label(self, name: str) -> None:
        """Label the selected text, or relabel the current span."""
        if self.session.document is None or self.positions is None:
            return
        span = self.current_span()
        if span is not None and self._selection_is_current():
            if self._acting_span(f"label as {name}") is None:
                return
            if span.label != name:
                if self._push(commands.ChangeSpan(self.session, span.id, label=name)):  # type: ignore[arg-type]
                    self.select_span(span.id)
            elif span.status is not SpanStatus.ACCEPTED:
                self.accept()
            return
        offsets = self.positions.selection_to_offsets(*self.view.selection(), snap_tokens=self.snap_tokens())
        if offsets is None:
            self.message.emit("Select some text first (Shift+arrows or the mouse), then press a label key.")
            return
        existing = self.session.find(*offsets, name)
        if existing is not None and existing.status is SpanStatus.ACCEPTED:
            self.select_span(existing.id)
            return
        command = commands.AddSpan(self.session, *offsets, name)
        if self._push(command) and command.created is not None:
            self.select_span(command.created.id)
            retired = command.retired
            # the hint to press a label key is done with; say what else the key changed
            self.message.emit(f"{counted(retired, 'overlapping suggestion')} rejected (Ctrl+Z brings"
                              f" {'them' if retired > 1 else 'it'} back)" if retired else "")

    def accept(self) -> None:
        span = self._acting_span("accept")
        if span is None:
            return
        if span.status is SpanStatus.ACCEPTED:
            # Accepting a quote accepts its speaker too: A on that speaker later moves on, as A always does,
            # instead of doing nothing and holding a run of A presses on one span.
            assert self.session.document is not None
            self.message.emit(f"Already accepted: {one_line(span.text_in(self.session.document.text), 60)}.")
            self.next_span()
            return
        command = commands.ChangeSpan(self.session, span.id, status=SpanStatus.ACCEPTED)  # type: ignore[arg-type]
        if self._push(command):
            self.next_span()

    def accept_all(self) -> None:
        if not any(s.status is SpanStatus.SUGGESTED for s in self.session.spans.values()):
            self.message.emit("No open suggestions in this document.")
            return
        many = len(self.session.spans) > MANY_SPANS
        if many:  # seconds in a 1 MB article with 15,000 suggestions: the pointer says the window is at work
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._push(commands.AcceptAll(self.session))
        finally:
            if many:
                QApplication.restoreOverrideCursor()
        self.select_span(self.current)

    def reject(self) -> None:
        """Reject a suggestion; delete a span that is accepted (or already rejected)."""
        span = self._acting_span("reject")
        if span is None or span.id is None:
            return
        following = self._neighbour(span, +1)
        if span.status is SpanStatus.SUGGESTED:
            ok = self._push(commands.ChangeSpan(self.session, span.id, status=SpanStatus.REJECTED))
        else:
            ok = self._push(commands.DeleteSpan(self.session, span.id))
        if ok:
            self.select_span(following.id if following else None)

    def _neighbour(self, span: Span | None, step: int) -> Span | None:
        spans = self._visible()
        if not spans:
            return None
        if span is None:
            position = min(self.view.selection())
            offset = self.positions.to_offset(position) if self.positions else 0
            after = [s for s in spans if s.start >= offset]
            if step > 0:
                return after[0] if after else spans[0]
            before = [s for s in spans if s.start < offset]
            return before[-1] if before else spans[-1]
        keys = [(*reading_order(s), s.id or 0) for s in spans]
        key = (*reading_order(span), span.id or 0)
        if step > 0:
            later = [s for k, s in zip(keys, spans, strict=True) if k > key]
            return later[0] if later else spans[0]
        earlier = [s for k, s in zip(keys, spans, strict=True) if k < key]
        return earlier[-1] if earlier else spans[-1]

    def next_span(self) -> None:
        found = self._neighbour(self.current_span(), +1)
        if found is not None:
            self.select_span(found.id)

    def select_first_if_untouched(self) -> None:
        """A document just shown, the reader still at its top with nothing selected: select its first span,
        so A and X act at once (they said "No span selected" and the first key press was lost)."""
        view = self.view
        if self.current is None and not view.textCursor().hasSelection() and view.verticalScrollBar().value() == 0:
            self.next_span()

    def previous_span(self) -> None:
        found = self._neighbour(self.current_span(), -1)
        if found is not None:
            self.select_span(found.id)

    # ------------------------------------------------------------ selection

    def _selection_offsets(self) -> tuple[int, int] | None:
        """The selection to grow, in offsets: the text selection, else the current span, else the token
        at the cursor (and then that is the whole step)."""
        if self.positions is None or self.session.document is None:
            return None
        anchor, position = self.view.selection()
        if anchor != position:
            lo, hi = sorted((anchor, position))
            return self.positions.to_offset(lo, snap="left"), self.positions.to_offset(hi, snap="right")
        span = self.current_span()
        if span is not None:
            return span.start, span.end
        return None

    def grow(self, unit: str, side: str = "end", step: int = 1) -> None:
        """Grow or shrink the selection by ``unit`` ("token", "phrase", "sentence"); see core.selection."""
        if self.positions is None or self.session.document is None:
            return
        text = self.session.document.text
        tokens = self.positions.tokens or simple_tokens(text)
        current = self._selection_offsets()
        if current is None:
            offset = self.positions.to_offset(self.view.selection()[1])
            token = selection.token_at(tokens, offset)
            if token is None:
                return
            current = token
            if unit == "token":
                self._select_offsets(*current)
                return
        start, end = current
        if unit == "token":
            grown = selection.by_token(tokens, start, end, side=side, step=step)
        elif unit == "phrase":
            grown = selection.to_phrase_end(text, start, end)
        else:
            grown = selection.to_sentences(text, start, end)
        kept = selection.within_paragraph(text, start, end, grown)
        if kept == (start, end) and grown != kept:
            self.message.emit("A span stops at the paragraph's end: it never runs over a paragraph break.")
            return
        self._select_offsets(*kept)

    def _select_offsets(self, start: int, end: int) -> None:
        """A free selection: no span is current any more, so A and X cannot act on one the text no longer shows."""
        assert self.positions is not None
        self.view.select_range(self.positions.to_qt(start), self.positions.to_qt(end))
        if self.current is not None:
            self.current = None
            self.current_changed.emit(None)
        self.message.emit("Press a label key to label the selection.")

    def choose_speaker(self) -> None:
        span = self.current_span()
        if span is None or span.label != self.quote_label or self.session.document is None:
            self.message.emit(f"Select a {self.quote_label} span first (Tab), then press S.")
            return
        actors = [
            s for s in self.session.spans.values()
            if s.label == self.actor_label and s.status is not SpanStatus.REJECTED
        ]
        text = self.session.document.text
        spoke = [(q, who) for q in self.session.spans.values()
                 if q.label == self.quote_label and q.id is not None and (who := self.session.speaker_span(q.id))]
        current = self.session.speaker_span(span.id)  # type: ignore[arg-type]
        rows = speaker_candidates(span, actors, text, spoke=spoke, current=current)
        dialog = SpeakerDialog(span.text_in(text), rows, self.view.window(), current=current)
        qt_range = self.highlighter.qt_range(span.id)  # type: ignore[arg-type]
        if qt_range is not None:
            place_clear_of(dialog, self.view, *qt_range)
        result = dialog.exec()
        # Give the keys back to the article (some platforms leave no window active after a dialog).
        self.view.activateWindow()
        self.view.setFocus()
        choice = dialog.chosen() if result == QDialog.DialogCode.Accepted else None
        if choice is None:
            return
        if choice.new_range is not None:
            self._new_speaker(span, *choice.new_range)
        elif choice.is_none and span.status is SpanStatus.SUGGESTED:
            # "No speaker" is a decision about the quote too: it is accepted, like choosing a speaker accepts it.
            self._no_speaker(span)
        elif self._speaker_would_change(span, choice.actor):
            actor_id = choice.actor.id if choice.actor else None
            self._push(commands.SetSpeaker(self.session, span.id, actor_id))  # type: ignore[arg-type]
        self.select_span(span.id)

    def _new_speaker(self, quote: Span, start: int, end: int) -> None:
        """Create the ACTOR span the chooser offered and link it: one step to undo."""
        stack = self.group.activeStack()
        if stack is None:
            return
        stack.beginMacro(f"new speaker {self.actor_label}")
        try:
            add = commands.AddSpan(self.session, start, end, self.actor_label)
            if self._push(add) and add.created is not None:
                self._push(commands.SetSpeaker(self.session, quote.id, add.created.id))  # type: ignore[arg-type]
        finally:
            stack.endMacro()

    def _no_speaker(self, quote: Span) -> None:
        stack = self.group.activeStack()
        if stack is None or quote.id is None:
            return
        stack.beginMacro("no speaker")
        try:
            if self._push(commands.ChangeSpan(self.session, quote.id, status=SpanStatus.ACCEPTED)) and \
                    self.session.speakers.get(quote.id) is not None:
                self._push(commands.SetSpeaker(self.session, quote.id, None))
        finally:
            stack.endMacro()

    def _speaker_would_change(self, quote: Span, actor: Span | None) -> bool:
        """Choosing the speaker a quote already has still confirms it while anything of it is a suggestion."""
        relation = self.session.speakers.get(quote.id)  # type: ignore[arg-type]
        if relation is None or actor is None:
            return relation is not None or actor is not None
        return (
            relation.child_id != actor.id
            or relation.status is not SpanStatus.ACCEPTED
            or quote.status is not SpanStatus.ACCEPTED
            or actor.status is not SpanStatus.ACCEPTED
        )

    def mark_done(self) -> bool:
        return self.mark(DocStatus.DONE)

    def mark(self, status: DocStatus) -> bool:
        """Set the open document's status as one undoable step (undo restores the status it had).

        Marking done with open suggestions asks first: accept them, reject them, or go back.
        """
        document = self.session.document
        if document is None:
            return False
        if document.status is status:
            return True
        settle = None
        n_open = sum(1 for s in self.session.spans.values() if s.status is SpanStatus.SUGGESTED)
        if status is DocStatus.DONE and n_open and not self.session.store.readonly:  # read-only: refused, no question
            settle = self.ask_open_suggestions(n_open)
            if settle is None:
                self.message.emit("Not marked done: the open suggestions are still there (Tab to review them).")
                return False
        return self._push(commands.SetStatus(self.session, status, settle=settle))

    def ask_open_suggestions(self, n_open: int) -> SpanStatus | None:
        """Ask what to do with open suggestions before marking done: accepted, rejected, or None (go back)."""
        dialog = OpenSuggestionsDialog(n_open, self.view.window())
        dialog.exec()
        self.view.activateWindow()
        self.view.setFocus()
        return dialog.decision()
