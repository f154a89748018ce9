"""Saving what a suggester found: new spans and relations beside what people decided, never over it."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import Relation, Span
from annotator.store.base import StoreBase
from annotator.store.rows import _now


class SuggestionStore(StoreBase):
    def save_suggestions(
        self,
        doc_id: int,
        spans: Sequence[Span],
        relations: Sequence[Relation] = (),
        *,
        redo: bool = False,
    ) -> int:
        """Store a suggester's spans for one document; returns how many new spans were added.

        Never duplicates a span and never touches a span a person accepted,
        rejected or made; a suggestion overlapping an accepted span of its label
        gives way to it. With ``redo``, open suggestions are replaced by the new
        ones; without, existing suggestions are kept and only new keys added.
        """
        now = _now()
        with self.atomic():
            spans, relations = self._beside_accepted(doc_id, spans, relations)
            if redo:
                # A suggestion a person's accepted relation uses (a speaker they chose) stays, or the
                # cascade would take their relation with it. (A rejected relation only records that
                # one end was rejected; it goes with the suggestion.)
                self._q(
                    "DELETE FROM spans WHERE doc_id = ? AND status = 'suggested' AND id NOT IN"
                    " (SELECT head_id FROM relations WHERE doc_id = ? AND status = 'accepted'"
                    " UNION SELECT child_id FROM relations WHERE doc_id = ? AND status = 'accepted')",
                    (doc_id, doc_id, doc_id),
                )
            added = self._insert_spans_many(doc_id, spans, now=now)  # rows added: keys already stored count none
            known: dict[tuple[int, int, str], tuple[int, str]] = {}
            if relations:
                rows = self._q('SELECT id, start, "end", label, status FROM spans WHERE doc_id = ?', (doc_id,))
                known = {(r[1], r[2], r[3]): (r[0], r[4]) for r in rows}
            rows_to_add = []
            for rel in relations:
                head, child = known.get(rel.head), known.get(rel.child)
                if head is None or child is None or head[1] == "rejected" or child[1] == "rejected":
                    continue
                self._ensure_annotator(rel.annotator, now)
                rows_to_add.append(
                    (
                        doc_id, rel.label, head[0], child[0], str(rel.status), str(rel.source), rel.source_name,
                        rel.annotator, rel.confidence, now, now,
                    )
                )
            # A quote keeps the speaker it has (a person's choice, an earlier suggestion, or the first of two
            # suggested now): a relation whose head already has one of its label is ignored (UNIQUE (head_id, label)).
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO relations (doc_id, label, head_id, child_id, status, source, source_name,"
                " annotator, confidence, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows_to_add,
            )
            self._q("UPDATE documents SET version = version + 1, suggested = ? WHERE id = ?", (now, doc_id))
        return added

    def _beside_accepted(
        self, doc_id: int, spans: Sequence[Span], relations: Sequence[Relation]
    ) -> tuple[Sequence[Span], Sequence[Relation]]:
        """Leave out suggestions that overlap a span of their label a person accepted (one drawn while the
        suggester ran, say), as drawing a span retires the suggestions it overlaps; their links go to the
        person's span instead, so a suggested quote's speaker is the actor the person drew."""
        accepted = self._q(
            'SELECT start, "end", label FROM spans WHERE doc_id = ? AND status = ?', (doc_id, "accepted")
        ).fetchall()
        if not accepted:
            return spans, relations
        covered: dict[tuple[int, int, str], tuple[int, int, str]] = {}
        for span in spans:
            for start, end, label in accepted:
                if label == span.label and start < span.end and span.start < end and (start, end) != span.key[:2]:
                    covered[span.key] = (start, end, label)
                    break
        if not covered:
            return spans, relations
        return (
            [span for span in spans if span.key not in covered],
            [rel.replace(head=covered.get(rel.head, rel.head), child=covered.get(rel.child, rel.child))
             for rel in relations],
        )

    def suggested_document_ids(self) -> set[int]:
        """Documents the suggester has already run on (even where it found nothing)."""
        return {int(r[0]) for r in self._q("SELECT id FROM documents WHERE suggested IS NOT NULL")}
