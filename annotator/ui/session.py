"""The open document: its spans and speakers as the window shows them, kept in step with the Store.

Every write is one Store call that commits immediately; the local copy is
updated only after the call succeeded, so a failed write is never shown as
done. Views listen to the signals and repaint only what changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from annotator.core.model import SPEAKER, DocStatus, Document, Relation, Source, Span, SpanStatus
from annotator.store import Store, StoreError


class ReadOnlyError(StoreError):
    """An edit in a window whose database was opened read-only: refused before the store is asked."""


@dataclass(frozen=True, slots=True)
class Change:
    """What one write did to a document: rows as they were (changed or gone), rows as they became."""

    spans_before: tuple[Span, ...] = ()
    spans_after: tuple[Span, ...] = ()
    relations_before: tuple[Relation, ...] = ()
    relations_after: tuple[Relation, ...] = ()

    def reversed(self) -> Change:
        return Change(self.spans_after, self.spans_before, self.relations_after, self.relations_before)


def span_order(span: Span) -> tuple[int, int, str]:
    """Reading order: by start, longer spans first (a quote before the actors inside it)."""
    return (span.start, -span.end, span.label)


def _span_ids(change: Change) -> set[int]:
    """Every span a change writes, deletes or links."""
    ids = {s.id for s in (*change.spans_before, *change.spans_after)}
    for rel in (*change.relations_before, *change.relations_after):
        ids |= {rel.head_id, rel.child_id}
    return {i for i in ids if i is not None}


class DocumentSession(QObject):
    """The spans, speakers and version of one open document."""

    spans_changed = Signal(object, object)  # (old spans, new spans): what to repaint
    speakers_changed = Signal(object)  # ids of the quotes whose speaker changed
    reloaded = Signal()
    status_changed = Signal(object)  # DocStatus

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.document: Document | None = None
        self.version = 0
        self.spans: dict[int, Span] = {}
        self._by_key: dict[tuple[int, int, str], int] = {}
        self._counts: Counter[SpanStatus] = Counter()
        self.relations: dict[int, Relation] = {}  # every relation by id, rejected ones too
        self.speakers: dict[int, Relation] = {}  # quote span id -> its SPEAKER relation, unless rejected

    # ----------------------------------------------------------------- loading

    @property
    def doc_id(self) -> int | None:
        return self.document.id if self.document else None

    def open(self, doc_id: int) -> None:
        """Read a document and its spans from the store."""
        self.document = self.store.get_document(doc_id)
        self._read()

    def reload(self) -> None:
        """Read the open document again (after a conflict, or after suggestions arrived)."""
        if self.document is not None and self.document.id is not None:
            self.open(self.document.id)

    def close(self) -> None:
        self.document = None
        self.spans = {}
        self._by_key = {}
        self._counts = Counter()
        self.relations = {}
        self.speakers = {}
        self.reloaded.emit()

    def _read(self) -> None:
        assert self.document is not None and self.document.id is not None
        doc_id = self.document.id
        self.version = self.document.version
        self._set_rows(
            {s.id: s for s in self.store.spans(doc_id) if s.id is not None},
            {r.id: r for r in self.store.relations(doc_id) if r.id is not None},
        )
        self.reloaded.emit()

    def _set_rows(self, spans: dict[int, Span], relations: dict[int, Relation]) -> None:
        self.spans = spans
        self._by_key = {s.key: i for i, s in spans.items()}
        self._counts = Counter(s.status for s in spans.values())
        self.relations = relations
        self.speakers = {
            r.head_id: r for r in relations.values()
            if r.head_id is not None and r.label == SPEAKER and r.status is not SpanStatus.REJECTED
        }

    # ---------------------------------------------------------------- queries

    def ordered(self, *, include_rejected: bool = True) -> list[Span]:
        spans = [s for s in self.spans.values() if include_rejected or s.status is not SpanStatus.REJECTED]
        return sorted(spans, key=span_order)

    def find(self, start: int, end: int, label: str) -> Span | None:
        span_id = self._by_key.get((start, end, label))
        return self.spans.get(span_id) if span_id is not None else None

    def speaker_span(self, quote_id: int) -> Span | None:
        rel = self.speakers.get(quote_id)
        return self.spans.get(rel.child_id) if rel and rel.child_id is not None else None

    def counts(self) -> tuple[int, int]:
        """(accepted, suggested) spans, as the document list shows them."""
        return self._counts[SpanStatus.ACCEPTED], self._counts[SpanStatus.SUGGESTED]

    # ----------------------------------------------------------------- writes

    def _id(self) -> int:
        if self.document is None or self.document.id is None:
            raise RuntimeError("no document is open")
        return self.document.id

    def _after_write(self, touched: Iterable[int] | None = None) -> Change:
        """Read back what a write may have changed and report what it did change.

        A Store write may change more than the span it names (accepting a quote accepts its
        speaker; a relabel drops relations; a merge deletes a span): reading the rows back is
        the one way to show, and to undo, exactly what the store did. ``touched`` are the
        spans the write named; the relations at them and the spans at their other ends are
        read too. ``None`` reads the whole document (accept all).
        """
        doc_id = self._id()
        self.version = self.store.document_version(doc_id)
        if touched is None:
            spans = {s.id: s for s in self.store.spans(doc_id) if s.id is not None}
            relations = {r.id: r for r in self.store.relations(doc_id) if r.id is not None}
            change = Change(
                spans_before=tuple(s for i, s in self.spans.items() if spans.get(i) != s),
                spans_after=tuple(s for i, s in spans.items() if self.spans.get(i) != s),
                relations_before=tuple(r for i, r in self.relations.items() if relations.get(i) != r),
                relations_after=tuple(r for i, r in relations.items() if self.relations.get(i) != r),
            )
        else:
            # Only the rows near the edit: a key press in a long article must not read all its spans.
            ids = set(touched)
            old_rels = {i: r for i, r in self.relations.items() if r.head_id in ids or r.child_id in ids}
            new_rels = {r.id: r for r in self.store.relations_touching(ids) if r.id is not None}
            ids |= {e for r in (*old_rels.values(), *new_rels.values()) for e in (r.head_id, r.child_id) if e}
            new_spans: dict[int, Span] = {}
            for span_id in ids:
                with suppress(KeyError):  # deleted: not in new_spans
                    new_spans[span_id] = self.store.get_span(span_id)
            change = Change(
                spans_before=tuple(self.spans[i] for i in ids if i in self.spans and new_spans.get(i) != self.spans[i]),
                spans_after=tuple(s for i, s in new_spans.items() if self.spans.get(i) != s),
                relations_before=tuple(r for i, r in old_rels.items() if new_rels.get(i) != r),
                relations_after=tuple(r for i, r in new_rels.items() if self.relations.get(i) != r),
            )
        old_speakers = dict(self.speakers)
        self._apply_rows(change)
        changed_quotes = {
            q for q in set(old_speakers) | set(self.speakers) if old_speakers.get(q) != self.speakers.get(q)
        }
        assert self.document is not None
        if self.document.status is DocStatus.NEW:
            # The store moves a new document to "in progress" on its first edit.
            self.document = self.document.replace(status=DocStatus.IN_PROGRESS)
            self.status_changed.emit(self.document.status)
        if change.spans_before or change.spans_after:
            self.spans_changed.emit(list(change.spans_before), list(change.spans_after))
        if changed_quotes:
            self.speakers_changed.emit(changed_quotes)
        return change

    def _apply_rows(self, change: Change) -> None:
        """Update the local copy by a change (the rows are already in the store)."""
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
            if rel.head_id is not None and rel.label == SPEAKER and rel.status is not SpanStatus.REJECTED:
                self.speakers[rel.head_id] = rel

    def add_span(self, start: int, end: int, label: str) -> Change:
        """A span made by this annotator (an existing span with the same key becomes it)."""
        span = Span(
            start, end, label, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
            source_name=self.annotator, annotator=self.annotator,
        )
        self._check_writable()
        stored = self.store.add_span(self._id(), span, expect_version=self.version)
        assert stored.id is not None
        return self._after_write({stored.id})

    def update_span(self, span_id: int, *, status: SpanStatus | None = None, label: str | None = None) -> Change:
        """Accept, reject or relabel a span (and what goes with it: see Store.update_span)."""
        self._check_writable()
        old = self.spans[span_id]
        merged = self._by_key.get((old.start, old.end, label)) if label else None  # a span the relabel replaces
        self.store.update_span(
            span_id, annotator=self.annotator, status=status, label=label, expect_version=self.version
        )
        return self._after_write({span_id} if merged is None else {span_id, merged})

    def delete_span(self, span_id: int) -> Change:
        self._check_writable()
        self.store.delete_span(span_id, annotator=self.annotator, expect_version=self.version)
        return self._after_write({span_id})

    def apply(self, change: Change) -> Change:
        """Make the store hold ``change.*_after`` where it holds ``change.*_before`` (undo and redo).

        Rows are written back exactly, ids included, so later commands still refer to the right spans.
        """
        self._check_writable()
        after_spans = {s.id for s in change.spans_after}
        after_relations = {r.id for r in change.relations_after}
        self.store.restore_spans(
            change.spans_after, change.relations_after,
            delete_spans=[s.id for s in change.spans_before if s.id not in after_spans and s.id is not None],
            delete_relations=[
                r.id for r in change.relations_before if r.id not in after_relations and r.id is not None
            ],
            doc_id=self._id(), annotator=self.annotator, expect_version=self.version,
        )
        return self._after_write(_span_ids(change))

    def restore(self, spans: Sequence[Span], relations: Sequence[Relation] = ()) -> Change:
        """Put spans and relations back exactly as they were."""
        self._check_writable()
        self.store.restore_spans(
            spans, relations, doc_id=self._id(), annotator=self.annotator, expect_version=self.version
        )
        return self._after_write(_span_ids(Change(spans_after=tuple(spans), relations_after=tuple(relations))))

    def accept_all(self) -> Change:
        self._check_writable()
        self.store.accept_all(self._id(), self.annotator, expect_version=self.version)
        return self._after_write()

    def set_speaker(self, quote_id: int, actor_id: int | None) -> Change:
        """Link a quote to its speaker (accepting both), or unlink it."""
        self._check_writable()
        self.store.set_speaker(quote_id, actor_id, self.annotator, expect_version=self.version)
        return self._after_write({quote_id} if actor_id is None else {quote_id, actor_id})

    def _check_writable(self) -> None:
        if self.store.readonly:
            raise ReadOnlyError(
                f"{self.store.path} was opened read-only: the change was not saved. Copy the database to a"
                " writable folder, or ask for write access, to annotate."
            )

    def set_status(self, status: DocStatus) -> None:
        self._check_writable()
        self.version = self.store.set_document_status(
            self._id(), status, self.annotator, expect_version=self.version
        )
        assert self.document is not None
        self.document = self.document.replace(status=status)
        self.status_changed.emit(status)
