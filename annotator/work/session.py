"""The open document: its spans and speakers as an annotator sees them, kept in step with the store.

Every edit is one store write that commits at once and returns the :class:`Change`
it made; the local copy is updated from that change only after the write
succeeded, so a failed write is never shown as done. Undo applies the reversed
change. Whoever shows the document (the window) overrides the ``on_*`` hooks;
nothing here needs Qt.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from annotator.core.change import Change
from annotator.core.model import SPEAKER, DocStatus, Document, Relation, Source, Span, SpanStatus, reading_order
from annotator.store import Store, StoreError


class ReadOnlyError(StoreError):
    """An edit on a database opened read-only: refused before the store is asked."""


class Session:
    """The spans, speakers and version of one open document, and the edits an annotator makes to it."""

    def __init__(self, store: Store, annotator: str) -> None:
        self.store = store
        self.annotator = annotator
        self.document: Document | None = None
        self.version = 0
        self.spans: dict[int, Span] = {}
        self._by_key: dict[tuple[int, int, str], int] = {}
        self._counts: Counter[SpanStatus] = Counter()
        self.relations: dict[int, Relation] = {}  # every relation by id, rejected ones too
        self.speakers: dict[int, Relation] = {}  # quote span id -> its SPEAKER relation, unless rejected

    # ------------------------------------------------------------------ hooks

    def on_reloaded(self) -> None:
        """The document was opened, read again or closed: show it anew."""

    def on_spans_changed(self, before: list[Span], after: list[Span]) -> None:
        """These spans changed (old rows, new rows): repaint them."""

    def on_speakers_changed(self, quote_ids: set[int]) -> None:
        """These quotes' speakers changed."""

    def on_status_changed(self, status: DocStatus) -> None:
        """The document's status changed."""

    # ---------------------------------------------------------------- loading

    @property
    def doc_id(self) -> int | None:
        return self.document.id if self.document else None

    def open(self, doc_id: int) -> None:
        """Read a document and its spans from the store."""
        document = self.store.get_document(doc_id)
        spans = {s.id: s for s in self.store.spans(doc_id) if s.id is not None}
        relations = {r.id: r for r in self.store.relations(doc_id) if r.id is not None}
        self.document, self.version = document, document.version
        self._set_rows(spans, relations)
        self.on_reloaded()

    def reload(self) -> None:
        """Read the open document again (after a conflict, or after suggestions arrived)."""
        if self.document is not None and self.document.id is not None:
            self.open(self.document.id)

    def _set_rows(self, spans: dict[int, Span], relations: dict[int, Relation]) -> None:
        self.spans = spans
        self._by_key = {s.key: i for i, s in spans.items()}
        self._counts = Counter(s.status for s in spans.values())
        self.relations = relations
        self.speakers = {r.head_id: r for r in relations.values() if _is_speaker(r)}  # type: ignore[misc]

    # ---------------------------------------------------------------- queries

    def ordered(self, *, include_rejected: bool = True) -> list[Span]:
        spans = [s for s in self.spans.values() if include_rejected or s.status is not SpanStatus.REJECTED]
        return sorted(spans, key=reading_order)

    def find(self, start: int, end: int, label: str) -> Span | None:
        span_id = self._by_key.get((start, end, label))
        return self.spans.get(span_id) if span_id is not None else None

    def speaker_span(self, quote_id: int) -> Span | None:
        rel = self.speakers.get(quote_id)
        return self.spans.get(rel.child_id) if rel and rel.child_id is not None else None

    def counts(self) -> tuple[int, int]:
        """(accepted, open) spans, as the document list shows them."""
        return self._counts[SpanStatus.ACCEPTED], self._counts[SpanStatus.SUGGESTED]

    # ----------------------------------------------------------------- edits

    def add_span(self, start: int, end: int, label: str) -> Change:
        """A span made by this annotator (an existing span with the same key becomes it); the open
        suggestions of its label that it overlaps are rejected with it (see Store.add_span)."""
        span = Span(
            start, end, label, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
            source_name=self.annotator, annotator=self.annotator,
        )
        return self._take(
            self.store.add_span(self._writable_id(), span, expect_version=self.version, retire_overlapping=True)
        )

    def update_span(self, span_id: int, *, status: SpanStatus | None = None, label: str | None = None) -> Change:
        """Accept, reject or relabel a span (and what goes with it: see Store.update_span)."""
        self._writable_id()
        return self._take(
            self.store.update_span(
                span_id, annotator=self.annotator, status=status, label=label, expect_version=self.version
            )
        )

    def delete_span(self, span_id: int) -> Change:
        self._writable_id()
        return self._take(self.store.delete_span(span_id, annotator=self.annotator, expect_version=self.version))

    def accept_all(self) -> Change:
        return self._take(self.store.accept_all(self._writable_id(), self.annotator, expect_version=self.version))

    def reject_all(self) -> Change:
        return self._take(self.store.reject_all(self._writable_id(), self.annotator, expect_version=self.version))

    def set_speaker(self, quote_id: int, actor_id: int | None) -> Change:
        """Link a quote to its speaker (accepting both), or unlink it."""
        self._writable_id()
        return self._take(self.store.set_speaker(quote_id, actor_id, self.annotator, expect_version=self.version))

    def settle(
        self, *, accept: set[int], reject: set[int], speaker: tuple[int, int | None] | None = None
    ) -> Change:
        """Review: settle one place at once (accept these spans, reject those, give a quote its speaker)."""
        return self._take(
            self.store.settle(
                self._writable_id(), accept=accept, reject=reject, speaker=speaker, annotator=self.annotator,
                expect_version=self.version,
            )
        )

    def apply(self, change: Change) -> Change:
        """Write ``change`` (undo passes a reversed change, redo the change itself); returns what was written."""
        doc_id = self._writable_id()
        return self._take(
            self.store.apply_change(change, doc_id=doc_id, annotator=self.annotator, expect_version=self.version)
        )

    def set_status(self, status: DocStatus) -> None:
        doc_id = self._writable_id()
        self.version = self.store.set_document_status(doc_id, status, self.annotator, expect_version=self.version)
        assert self.document is not None
        self.document = self.document.replace(status=status)
        self.on_status_changed(status)

    def _writable_id(self) -> int:
        if self.document is None or self.document.id is None:
            raise RuntimeError("no document is open")
        if self.store.readonly:
            raise ReadOnlyError(
                f"{self.store.path} was opened read-only: the change was not saved. Copy the database to a"
                " writable folder, or ask for write access, to annotate."
            )
        return self.document.id

    def _take(self, change: Change) -> Change:
        """Update the local copy by a change the store has made, and tell whoever shows it."""
        if change.version is not None:
            self.version = change.version
        old_speakers = dict(self.speakers)
        for span in change.spans_before:
            if self.spans.pop(span.id, None) is not None:  # type: ignore[arg-type]
                self._counts[span.status] -= 1
            if self._by_key.get(span.key) == span.id:
                del self._by_key[span.key]
        for span in change.spans_after:
            assert span.id is not None
            self.spans[span.id] = span
            self._by_key[span.key] = span.id
            self._counts[span.status] += 1
        for rel in change.relations_before:
            self.relations.pop(rel.id, None)  # type: ignore[arg-type]
            if rel.head_id is not None and self.speakers.get(rel.head_id) == rel:
                del self.speakers[rel.head_id]
        for rel in change.relations_after:
            assert rel.id is not None
            self.relations[rel.id] = rel
            if _is_speaker(rel):
                self.speakers[rel.head_id] = rel  # type: ignore[index]
        changed_quotes = {
            q for q in set(old_speakers) | set(self.speakers) if old_speakers.get(q) != self.speakers.get(q)
        }
        assert self.document is not None
        if change.status_after is not None:  # undo or redo of a new document's first edit
            if change.status_after is not self.document.status:
                self.document = self.document.replace(status=change.status_after)
                self.on_status_changed(self.document.status)
        elif self.document.status is DocStatus.NEW:
            # The store moves a new document to "in progress" on its first edit; the change says so,
            # so that undoing it makes the document new again.
            change = replace(change, status_before=DocStatus.NEW, status_after=DocStatus.IN_PROGRESS)
            self.document = self.document.replace(status=DocStatus.IN_PROGRESS)
            self.on_status_changed(self.document.status)
        if change.spans_before or change.spans_after:
            self.on_spans_changed(list(change.spans_before), list(change.spans_after))
        if changed_quotes:
            self.on_speakers_changed(changed_quotes)
        return change


def _is_speaker(rel: Relation) -> bool:
    return rel.head_id is not None and rel.label == SPEAKER and rel.status is not SpanStatus.REJECTED
