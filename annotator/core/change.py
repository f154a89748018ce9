"""What one write did to a document: the rows it changed, as they were and as they became.

Every edit the store makes returns one (computed inside the write's own
transaction), the open document applies it to its copy, and undo writes the
reversed change back. Rows are whole: a row in ``*_before`` and not in
``*_after`` (by id) was deleted, one only in ``*_after`` was made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.model import DocStatus, Relation, Span


@dataclass(frozen=True, slots=True)
class Change:
    spans_before: tuple[Span, ...] = ()
    spans_after: tuple[Span, ...] = ()
    relations_before: tuple[Relation, ...] = ()
    relations_after: tuple[Relation, ...] = ()
    version: int | None = None
    """The document's version after the write (None: not written, e.g. a reversed change)."""
    status_before: DocStatus | None = None
    status_after: DocStatus | None = None
    """The document's status, when the write moved it (the first edit of a new document makes it
    "in progress"); None: the status was left as it was. Undo moves it back."""

    @classmethod
    def between(
        cls,
        spans_before: Iterable[Span],
        spans_after: Iterable[Span],
        relations_before: Iterable[Relation] = (),
        relations_after: Iterable[Relation] = (),
        *,
        version: int | None = None,
    ) -> Change:
        """The change from one set of rows to another, keeping only the rows that differ."""
        old_spans = {s.id: s for s in spans_before}
        new_spans = {s.id: s for s in spans_after}
        old_rels = {r.id: r for r in relations_before}
        new_rels = {r.id: r for r in relations_after}
        return cls(
            tuple(s for i, s in old_spans.items() if new_spans.get(i) != s),
            tuple(s for i, s in new_spans.items() if old_spans.get(i) != s),
            tuple(r for i, r in old_rels.items() if new_rels.get(i) != r),
            tuple(r for i, r in new_rels.items() if old_rels.get(i) != r),
            version=version,
        )

    def reversed(self) -> Change:
        """The change that undoes this one (not yet written: no version)."""
        return Change(self.spans_after, self.spans_before, self.relations_after, self.relations_before,
                      status_before=self.status_after, status_after=self.status_before)

    @property
    def empty(self) -> bool:
        return not (self.spans_before or self.spans_after or self.relations_before or self.relations_after)

    def span(self, key: tuple[int, int, str]) -> Span | None:
        """The span with this key as the write left it (None: deleted or not touched)."""
        return next((s for s in self.spans_after if s.key == key), None)

    def deleted_span_ids(self) -> list[int]:
        after = {s.id for s in self.spans_after}
        return [s.id for s in self.spans_before if s.id is not None and s.id not in after]

    def deleted_relation_ids(self) -> list[int]:
        after = {r.id for r in self.relations_after}
        return [r.id for r in self.relations_before if r.id is not None and r.id not in after]
