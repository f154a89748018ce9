"""The open document: its spans and speakers as the window shows them, kept in step with the Store.

Every write is one Store call that commits immediately; the local copy is
updated only after the call succeeded, so a failed write is never shown as
done. Views listen to the signals and repaint only what changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Signal

from annotator.core.model import DocStatus, Document, Relation, Source, Span, SpanStatus
from annotator.store import Store


def span_order(span: Span) -> tuple[int, int, str]:
    """Reading order: by start, longer spans first (a quote before the actors inside it)."""
    return (span.start, -span.end, span.label)


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
        self.speakers: dict[int, Relation] = {}  # quote span id -> SPEAKER relation

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
        self.speakers = {}
        self.reloaded.emit()

    def _read(self) -> None:
        assert self.document is not None and self.document.id is not None
        doc_id = self.document.id
        self.version = self.document.version
        self.spans = {s.id: s for s in self.store.spans(doc_id) if s.id is not None}
        self._by_key = {s.key: i for i, s in self.spans.items()}
        self._counts = Counter(s.status for s in self.spans.values())
        self.speakers = {r.head_id: r for r in self.store.relations(doc_id) if r.head_id is not None}
        self.reloaded.emit()

    # ---------------------------------------------------------------- queries

    def ordered(self, *, include_rejected: bool = True) -> list[Span]:
        spans = [s for s in self.spans.values() if include_rejected or s.status is not SpanStatus.REJECTED]
        return sorted(spans, key=span_order)

    def find(self, start: int, end: int, label: str) -> Span | None:
        span_id = self._by_key.get((start, end, label))
        return self.spans.get(span_id) if span_id is not None else None

    def relations_of(self, span_id: int) -> list[Relation]:
        """The relations that would go with a span if it were deleted."""
        return [r for r in self.store.relations(self._id()) if span_id in (r.head_id, r.child_id)]

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

    def _after_write(self, old: Iterable[Span], new: Iterable[Span], *, speakers: bool = False) -> None:
        doc_id = self._id()
        self.version = self.store.document_version(doc_id)
        old, new = list(old), list(new)
        for span in old:
            if self.spans.pop(span.id, None) is not None:  # type: ignore[arg-type]
                self._counts[span.status] -= 1
            if self._by_key.get(span.key) == span.id:
                del self._by_key[span.key]
        for span in new:
            if span.id is not None:
                if span.id in self.spans:
                    self._counts[self.spans[span.id].status] -= 1
                self.spans[span.id] = span
                self._by_key[span.key] = span.id
                self._counts[span.status] += 1
        gone = {s.id for s in old} - {s.id for s in new}
        changed_quotes = {q for q, r in self.speakers.items() if q in gone or r.child_id in gone}
        if speakers or gone:
            self.speakers = {r.head_id: r for r in self.store.relations(doc_id) if r.head_id is not None}
        assert self.document is not None
        if self.document.status is DocStatus.NEW:
            # The store moves a new document to "in progress" on its first edit.
            self.document = self.document.replace(status=DocStatus.IN_PROGRESS)
            self.status_changed.emit(self.document.status)
        self.spans_changed.emit(old, new)
        if changed_quotes:
            self.speakers_changed.emit(changed_quotes)

    def add_span(self, start: int, end: int, label: str) -> Span:
        """A span made by this annotator (an existing span with the same key becomes it)."""
        before = self.find(start, end, label)
        span = Span(
            start, end, label, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
            source_name=self.annotator, annotator=self.annotator,
        )
        stored = self.store.add_span(self._id(), span, expect_version=self.version)
        self._after_write([before] if before else [], [stored])
        return stored

    def update_span(self, span_id: int, *, status: SpanStatus | None = None, label: str | None = None) -> Span:
        """Accept, reject or relabel a span."""
        old = self.spans[span_id]
        new = self.store.update_span(
            span_id, annotator=self.annotator, status=status, label=label, expect_version=self.version
        )
        self._after_write([old], [new])
        return new

    def delete_span(self, span_id: int) -> None:
        old = self.spans[span_id]
        self.store.delete_span(span_id, annotator=self.annotator, expect_version=self.version)
        self._after_write([old], [])

    def restore(self, spans: Sequence[Span], relations: Sequence[Relation] = ()) -> None:
        """Put spans and relations back exactly as they were (undo)."""
        self.store.restore_spans(spans, relations)
        old = [self.spans[s.id] for s in spans if s.id in self.spans]
        self._after_write(old, spans, speakers=True)
        if relations:
            self.speakers_changed.emit({r.head_id for r in relations})

    def accept_all(self) -> list[int]:
        ids = self.store.accept_all(self._id(), self.annotator, expect_version=self.version)
        old = [self.spans[i] for i in ids if i in self.spans]
        new = [s.replace(status=SpanStatus.ACCEPTED, annotator=self.annotator) for s in old]
        self._after_write(old, new, speakers=True)
        self.speakers_changed.emit(set(self.speakers))
        return ids

    def set_speaker(self, quote_id: int, actor_id: int | None) -> None:
        self.store.set_speaker(quote_id, actor_id, self.annotator, expect_version=self.version)
        self._after_write([], [], speakers=True)
        self.speakers_changed.emit({quote_id})

    def restore_speaker(self, quote_id: int, relation: Relation | None) -> None:
        """Give a quote back the speaker relation it had (undo of set_speaker)."""
        if relation is None:
            self.set_speaker(quote_id, None)
            return
        self.store.restore_spans([], [relation])
        self._after_write([], [], speakers=True)
        self.speakers_changed.emit({quote_id})

    def set_status(self, status: DocStatus) -> None:
        self.version = self.store.set_document_status(
            self._id(), status, self.annotator, expect_version=self.version
        )
        assert self.document is not None
        self.document = self.document.replace(status=status)
        self.status_changed.emit(status)
