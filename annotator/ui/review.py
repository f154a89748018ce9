"""Review mode: settle a document several annotators finished, one disagreement at a time.

On opening a document in review mode, what a majority of its annotators agreed on
becomes the final version (``Store.write_final``, unless a person has already
decided something in it): agreements are accepted, the rest stays open, each open
span naming who proposed it. Tab and Shift+Tab go from one disagreement to the next
(``core.review.disagreements``); Alt+1…Alt+9 take that annotator's choice there,
Alt+0 takes nobody's, and every ordinary key still edits. Each choice is one store
write (``Store.settle``) and one undo step. The annotators' versions are never written.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Signal

from annotator.core.model import DocStatus, Span, SpanStatus
from annotator.core.review import AUTO_REVIEWER, Disagreement, disagreements, majority
from annotator.core.team import AnnotatorVersion
from annotator.store import Store
from annotator.ui import commands
from annotator.ui.actions import ActionRegistry
from annotator.ui.editing import Editor
from annotator.ui.session import DocumentSession

MAX_ANNOTATORS = 9  # Alt+1 … Alt+9
Guard = Callable[[Callable[[], object]], Callable[[], None]]  # the window's one error path around a key


def guard_toggle(guard: Guard, fn: Callable[[bool], object]) -> Callable[[bool], None]:
    return lambda on: guard(partial(fn, on))()


class ReviewMode(QObject):
    """Holds the open document's annotator versions and the places left to settle."""

    message = Signal(str)  # what the status bar should say

    def __init__(self, store: Store, session: DocumentSession, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.session, self.editor = store, session, editor
        self.active = False
        self.versions: list[AnnotatorVersion] = []
        self.places: list[Disagreement] = []
        self.index = -1
        session.spans_changed.connect(lambda _old, _new: self._recount())
        session.speakers_changed.connect(lambda _ids: self._recount())

    def connect_actions(self, actions: ActionRegistry, guard: Guard) -> None:
        """Review mode's own keys; Tab and Shift+Tab go to disagreements while it is on."""
        actions["review_mode"].toggled.connect(guard_toggle(guard, self.set_active))
        for number in range(MAX_ANNOTATORS + 1):
            actions[f"take_{number}"].triggered.connect(guard(partial(self.take, number)))

    def route(self, normal: Callable[[], None], in_review: Callable[[], None]) -> Callable[[], None]:
        """A key that does ``in_review`` in review mode (when there is something to review), else ``normal``."""
        return lambda: in_review() if self.active and self.versions else normal()

    @property
    def annotators(self) -> list[str]:
        return [v.annotator for v in self.versions][:MAX_ANNOTATORS]

    def set_active(self, on: bool) -> None:
        self.active = on
        if on:
            self.document_opened()
        else:
            self.versions, self.places, self.index = [], [], -1
            self.message.emit("Review mode off.")

    def document_opened(self) -> None:
        """Prepare the open document for review: its versions, the majority's final version, the places."""
        if not self.active:
            return
        doc_id = self.session.doc_id
        self.versions, self.places, self.index = [], [], -1
        if doc_id is None:
            return
        self.versions = self.store.versions(doc_id, statuses=[DocStatus.DONE])
        if not self.versions:
            self.message.emit("Review: no annotator finished this document (merge their databases first).")
            return
        if not self.store.readonly:
            # Recorded as the automatic reviewer's, not the person's: what the person settles by hand
            # is then theirs, and write_final never replaces it.
            outcome = majority(self.versions, AUTO_REVIEWER)
            if self.store.write_final(doc_id, outcome.spans, outcome.relations, outcome.status, AUTO_REVIEWER) \
                    == "written":
                self.editor.clear_history()  # the final version was written anew: old commands no longer fit
                self.session.reload()  # emits reloaded; document_opened runs again, with nothing to write
                return
        self._recount()
        self.next()

    def _recount(self) -> None:
        if not self.active or not self.versions:
            return
        current = self.places[self.index] if 0 <= self.index < len(self.places) else None
        self.places = disagreements(
            list(self.session.spans.values()), list(self.session.relations.values()), self.versions
        )
        if current is not None:
            same = [i for i, p in enumerate(self.places) if (p.kind, p.keys) == (current.kind, current.keys)]
            # Still open: it stays current. Settled: the one before the next, so that Tab goes on from there.
            later = [i for i, p in enumerate(self.places) if (p.start, p.kind) >= (current.start, current.kind)]
            self.index = same[0] if same else (later[0] - 1 if later else len(self.places) - 1)
        self._announce()

    def _announce(self) -> None:
        keys = " · ".join(f"Alt+{i} {name}" for i, name in enumerate(self.annotators, 1))
        if not self.places:
            settle = f" ({keys})" if keys else ""
            self.message.emit(f"Review: nothing left to settle{settle}; Ctrl+Return marks it done.")
            return
        where = f"{self.index + 1} of {len(self.places)}" if self.index >= 0 else f"{len(self.places)}"
        self.message.emit(f"Review: disagreement {where} · {keys} · Alt+0 neither · Tab next")

    # ---------------------------------------------------------- navigation

    def next(self) -> None:
        self._go(+1)

    def previous(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        if not self.places:
            self._announce()
            return
        n = len(self.places)
        self.index = (self.index + step) % n if self.index >= 0 else (0 if step > 0 else n - 1)
        place = self.places[self.index]
        span = self._span(place.keys[0])
        self.editor.select_span(span.id if span else None)
        self._announce()

    def current(self) -> Disagreement | None:
        """The disagreement at the selected span (after a click or an undo), else the one Tab went to."""
        span = self.editor.current_span()
        if span is not None:
            for i, place in enumerate(self.places):
                if span.key in place.keys:
                    self.index = i
                    return place
        return self.places[self.index] if 0 <= self.index < len(self.places) else None

    def _span(self, key: tuple[int, int, str]) -> Span | None:
        return self.session.find(*key)

    # ------------------------------------------------------------- settling

    def take(self, number: int) -> None:
        """Take annotator ``number``'s choice (1-based, as in Alt+1) at the current place; 0 takes nobody's."""
        if not self.active:
            self.message.emit(f"Alt+{number} takes an annotator's version in review mode: Ctrl+R turns it on.")
            return
        place = self.current()
        if place is None:
            self._announce()
            return
        names = self.annotators
        if number > len(names):
            self.message.emit(f"Review: there is no annotator {number} here ({len(names)} finished it).")
            return
        name = names[number - 1] if number else None
        accept_keys, reject_keys = place.take(name)
        stack = self.editor.group.activeStack()
        if stack is None:
            return
        who = name or "neither"
        if place.kind == "speaker":
            quote = self._span(place.keys[0])
            actor = self._span(next(iter(accept_keys))) if accept_keys else None
            if quote is None or quote.id is None:
                return
            command = commands.Settle(
                self.session, f"take {who}'s speaker", accept=set(), reject=set(),
                speaker=(quote.id, actor.id if actor else None),
            )
        else:
            accept = {s.id for s in map(self._span, accept_keys) if s is not None and s.id is not None}
            reject = {
                s.id for s in map(self._span, reject_keys)
                if s is not None and s.id is not None and s.status is not SpanStatus.REJECTED
            }
            command = commands.Settle(self.session, f"take {who}'s spans", accept=accept, reject=reject)
        if commands.push(stack, command, self.editor.on_error) and self.places:
            self.next()  # the settled place left the list as the store's change came in
