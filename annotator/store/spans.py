"""Spans and SPEAKER relations: the edits an annotator makes, undo, and saving suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.model import Relation, Source, Span, SpanStatus
from annotator.store.base import StoreBase
from annotator.store.errors import SpanExistsError
from annotator.store.rows import _REL_COLUMNS, _SPAN_COLUMNS, _now, _relation_from_row, _span_from_row


class SpanStore(StoreBase):
    # ----------------------------------------------------------------- spans

    def spans(self, doc_id: int, *, statuses: Iterable[SpanStatus] | None = None) -> list[Span]:
        sql = f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ?"
        params: list[Any] = [doc_id]
        if statuses is not None:
            values = [str(s) for s in statuses]
            sql += f" AND status IN ({', '.join('?' * len(values))})"
            params += values
        sql += ' ORDER BY start, "end" DESC, label'
        return [_span_from_row(r) for r in self._q(sql, params)]

    def get_span(self, span_id: int) -> Span:
        row = self._q(f"SELECT {_SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise KeyError(f"no span {span_id}")
        return _span_from_row(row)

    def add_span(self, doc_id: int, span: Span, *, expect_version: int | None = None) -> Span:
        """Store one span (a person's, usually); a span with the same key is replaced.

        Returns the stored span with its id. If a rejected or suggested span
        with the same offsets and label exists, it becomes this span.
        """
        now = _now()
        with self.atomic():
            self._touch(doc_id, span.annotator, expect_version, now)
            row = self._q(
                'SELECT id FROM spans WHERE doc_id = ? AND start = ? AND "end" = ? AND label = ?',
                (doc_id, span.start, span.end, span.label),
            ).fetchone()
            if row:
                self._q(
                    "UPDATE spans SET status = ?, source = ?, source_name = ?, annotator = ?, confidence = ?,"
                    " kind = ?, updated = ? WHERE id = ?",
                    (
                        str(span.status), str(span.source), span.source_name, span.annotator, span.confidence,
                        span.kind, now, row[0],
                    ),
                )
                span_id = row[0]
            else:
                span_id = self._insert_spans(doc_id, [span], [], now=now)[span.key]
        return self.get_span(span_id)

    def update_span(
        self,
        span_id: int,
        *,
        annotator: str | None,
        status: SpanStatus | None = None,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        expect_version: int | None = None,
    ) -> Span:
        """Accept, reject, relabel or resize a span; returns it as stored.

        What goes with it, in the same transaction: accepting a span accepts its suggested
        relations (a quote's speaker) and their suggested other ends, because the annotator
        accepts what is shown; rejecting a span rejects the relations that use it; a new label
        drops its relations (a SPEAKER needs a QUOTE and an ACTOR). Taking the key of a
        suggested or rejected span replaces that span; of an accepted one raises SpanExistsError.
        """
        now = _now()
        old = self.get_span(span_id)
        assert old.doc_id is not None
        new_status = status or old.status
        new_label = label or old.label
        new_start = old.start if start is None else start
        new_end = old.end if end is None else end
        with self.atomic():
            self._touch(old.doc_id, annotator, expect_version, now)
            if (new_start, new_end, new_label) != old.key:
                self._take_key(old.doc_id, span_id, new_start, new_end, new_label)
            if new_label != old.label:
                self._q("DELETE FROM relations WHERE head_id = ? OR child_id = ?", (span_id, span_id))
            self._q(
                'UPDATE spans SET status = ?, label = ?, start = ?, "end" = ?, annotator = ?, updated = ?'
                " WHERE id = ?",
                (str(new_status), new_label, new_start, new_end, annotator, now, span_id),
            )
            if new_status is SpanStatus.ACCEPTED:
                self._accept_relations_of(span_id, annotator, now)
            elif new_status is SpanStatus.REJECTED:
                self._q(
                    "UPDATE relations SET status = 'rejected', annotator = ?, updated = ?"
                    " WHERE (head_id = ? OR child_id = ?) AND status != 'rejected'",
                    (annotator, now, span_id, span_id),
                )
        return self.get_span(span_id)

    def _take_key(self, doc_id: int, span_id: int, start: int, end: int, label: str) -> None:
        """Make room for span ``span_id`` to get this key: a suggestion or rejected span there goes."""
        row = self._q(
            'SELECT id, status FROM spans WHERE doc_id = ? AND start = ? AND "end" = ? AND label = ? AND id != ?',
            (doc_id, start, end, label, span_id),
        ).fetchone()
        if row is None:
            return
        if row[1] == SpanStatus.ACCEPTED:
            raise SpanExistsError(f"an accepted {label} span already covers {start}..{end}; nothing was changed")
        self._q("DELETE FROM spans WHERE id = ?", (row[0],))

    def _accept_relations_of(self, head_id: int, annotator: str | None, now: int) -> None:
        """Accept the suggested relations a span heads, and their other ends unless those were rejected."""
        rows = self._q(
            "SELECT r.id, r.child_id FROM relations r JOIN spans c ON c.id = r.child_id"
            " WHERE r.head_id = ? AND r.status = 'suggested' AND c.status != 'rejected'",
            (head_id,),
        ).fetchall()
        for rel_id, child_id in rows:
            self._q(
                "UPDATE relations SET status = 'accepted', annotator = ?, updated = ? WHERE id = ?",
                (annotator, now, rel_id),
            )
            self._q(
                "UPDATE spans SET status = 'accepted', annotator = ?, updated = ?"
                " WHERE id = ? AND status = 'suggested'",
                (annotator, now, child_id),
            )

    def set_span_status(
        self, span_id: int, status: SpanStatus, annotator: str | None, *, expect_version: int | None = None
    ) -> Span:
        return self.update_span(span_id, annotator=annotator, status=status, expect_version=expect_version)

    def accept_all(self, doc_id: int, annotator: str | None, *, expect_version: int | None = None) -> list[int]:
        """Accept every open suggestion (and its suggested relations) of a document; returns the span ids."""
        now = _now()
        with self.atomic():
            self._touch(doc_id, annotator, expect_version, now)
            ids = [
                r[0]
                for r in self._q("SELECT id FROM spans WHERE doc_id = ? AND status = 'suggested'", (doc_id,))
            ]
            self._q(
                "UPDATE spans SET status = 'accepted', annotator = ?, updated = ?"
                " WHERE doc_id = ? AND status = 'suggested'",
                (annotator, now, doc_id),
            )
            self._q(
                "UPDATE relations SET status = 'accepted', annotator = ?, updated = ?"
                " WHERE doc_id = ? AND status = 'suggested'",
                (annotator, now, doc_id),
            )
        return ids

    def restore_spans(
        self,
        spans: Sequence[Span],
        relations: Sequence[Relation] = (),
        *,
        delete_spans: Iterable[int] = (),
        delete_relations: Iterable[int] = (),
        doc_id: int | None = None,
        annotator: str | None = None,
        expect_version: int | None = None,
    ) -> int | None:
        """Write spans and relations back exactly as given, ids and times included: what undo needs.

        ``delete_spans``/``delete_relations`` are rows the undone change had made. Like every
        edit, the document's version is checked (``expect_version``) and bumped; returns it.
        """
        doc_ids = {s.doc_id for s in spans} | {r.doc_id for r in relations} | {doc_id}
        doc_ids.discard(None)
        if len(doc_ids) > 1:
            raise ValueError("restore_spans works on one document at a time")
        delete_spans, delete_relations = list(delete_spans), list(delete_relations)
        version: int | None = None
        with self.atomic():
            for the_doc in doc_ids:
                assert the_doc is not None
                version = self._touch(the_doc, annotator, expect_version, _now())
            for rel_id in delete_relations:
                self._q("DELETE FROM relations WHERE id = ?", (rel_id,))
            for span_id in delete_spans:
                self._q("DELETE FROM spans WHERE id = ?", (span_id,))
            # Two spans may swap keys (a relabel that replaced a rejected span): park the keys
            # of the rows about to be written first, so the UNIQUE key never sees both at once.
            for span in spans:
                self._q("UPDATE spans SET label = label || char(0) || id WHERE id = ?", (span.id,))
            for span in spans:
                self._q(
                    # An upsert, not INSERT OR REPLACE: a REPLACE deletes the row first, and the
                    # ON DELETE CASCADE would drop the span's relations (a quote's speaker).
                    f"INSERT INTO spans ({_SPAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    ' ON CONFLICT(id) DO UPDATE SET start = excluded.start, "end" = excluded."end",'
                    " label = excluded.label, status = excluded.status, source = excluded.source,"
                    " source_name = excluded.source_name, annotator = excluded.annotator,"
                    " confidence = excluded.confidence, kind = excluded.kind, updated = excluded.updated",
                    (
                        span.id, span.doc_id, span.start, span.end, span.label, str(span.status),
                        str(span.source), span.source_name, span.annotator, span.confidence, span.kind,
                        span.created or _now(), span.updated or _now(),
                    ),
                )
            for rel in relations:
                self._q(
                    "INSERT OR REPLACE INTO relations (id, doc_id, label, head_id, child_id, status, source,"
                    " source_name, annotator, confidence, created, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        rel.id, rel.doc_id, rel.label, rel.head_id, rel.child_id, str(rel.status),
                        str(rel.source), rel.source_name, rel.annotator, rel.confidence,
                        rel.created or _now(), rel.updated or rel.created or _now(),
                    ),
                )
        return version

    def delete_span(self, span_id: int, *, annotator: str | None = None, expect_version: int | None = None) -> None:
        """Delete a span and the relations that use it."""
        old = self.get_span(span_id)
        assert old.doc_id is not None
        with self.atomic():
            self._touch(old.doc_id, annotator, expect_version, _now())
            self._q("DELETE FROM spans WHERE id = ?", (span_id,))

    # ------------------------------------------------------------- relations

    def relations(self, doc_id: int) -> list[Relation]:
        return [
            _relation_from_row(r)
            for r in self._q(
                f"SELECT {_REL_COLUMNS} FROM relations r JOIN spans h ON h.id = r.head_id"
                " JOIN spans c ON c.id = r.child_id WHERE r.doc_id = ? ORDER BY h.start, r.id",
                (doc_id,),
            )
        ]

    def speaker_of(self, quote_id: int) -> Relation | None:
        row = self._q(
            f"SELECT {_REL_COLUMNS} FROM relations r JOIN spans h ON h.id = r.head_id"
            " JOIN spans c ON c.id = r.child_id WHERE r.head_id = ? AND r.label = 'SPEAKER'",
            (quote_id,),
        ).fetchone()
        return _relation_from_row(row) if row else None

    def relations_touching(self, span_ids: Iterable[int]) -> list[Relation]:
        """The relations that have one of these spans at either end (what an edit of them may change)."""
        ids = list(span_ids)
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        return [
            _relation_from_row(r)
            for r in self._q(
                f"SELECT {_REL_COLUMNS} FROM relations r JOIN spans h ON h.id = r.head_id"
                f" JOIN spans c ON c.id = r.child_id WHERE r.head_id IN ({marks}) OR r.child_id IN ({marks})",
                (*ids, *ids),
            )
        ]

    def set_speaker(
        self, quote_id: int, actor_id: int | None, annotator: str | None, *, expect_version: int | None = None
    ) -> Relation | None:
        """Link a QUOTE span to its speaker (an ACTOR span), or unlink it with ``actor_id=None``."""
        quote = self.get_span(quote_id)
        assert quote.doc_id is not None
        now = _now()
        with self.atomic():
            self._touch(quote.doc_id, annotator, expect_version, now)
            self._q("DELETE FROM relations WHERE head_id = ? AND label = 'SPEAKER'", (quote_id,))
            if actor_id is None:
                return None
            actor = self.get_span(actor_id)
            if actor.doc_id != quote.doc_id:
                raise ValueError("a speaker must be in the same document as the quote")
            # The person vouches for both ends: the export keeps a relation only between accepted spans.
            self._q(
                "UPDATE spans SET status = 'accepted', annotator = ?, updated = ? WHERE id IN (?, ?)"
                " AND status != 'accepted'",
                (annotator, now, quote_id, actor_id),
            )
            rel = Relation(
                head=quote.key, child=actor.key, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
                source_name=annotator or "", annotator=annotator,
            )
            self._insert_relation(quote.doc_id, quote_id, actor_id, rel, now=now)
        return self.speaker_of(quote_id)

    # ----------------------------------------------------------- suggestions

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
        rejected or made. With ``redo``, open suggestions are replaced by the
        new ones; without, existing suggestions are kept and only new keys added.
        """
        now = _now()
        with self.atomic():
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
            before = self._q("SELECT count(*) FROM spans WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            self._insert_spans(doc_id, spans, [], now=now)
            after = self._q("SELECT count(*) FROM spans WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            rows = self._q('SELECT id, start, "end", label, status FROM spans WHERE doc_id = ?', (doc_id,))
            known = {(r[1], r[2], r[3]): (r[0], r[4]) for r in rows}
            for rel in relations:
                head, child = known.get(rel.head), known.get(rel.child)
                if head is None or child is None or head[1] == "rejected" or child[1] == "rejected":
                    continue
                if self._q("SELECT 1 FROM relations WHERE head_id = ? AND label = ?", (head[0], rel.label)).fetchone():
                    continue  # a quote keeps the speaker it has (a person's choice or an earlier suggestion)
                self._insert_relation(doc_id, head[0], child[0], rel, now=now)
            self._q("UPDATE documents SET version = version + 1, suggested = ? WHERE id = ?", (now, doc_id))
        return int(after - before)

    def suggested_document_ids(self) -> set[int]:
        """Documents the suggester has already run on (even where it found nothing)."""
        return {int(r[0]) for r in self._q("SELECT id FROM documents WHERE suggested IS NOT NULL")}
