"""Spans and SPEAKER relations: reading them, and the edits an annotator makes and undoes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from annotator.core.change import Change
from annotator.core.model import SPEAKER, DocStatus, Relation, Source, Span, SpanStatus
from annotator.store.base import StoreBase
from annotator.store.errors import SpanExistsError
from annotator.store.rows import (
    _REL_COLUMNS,
    _RELATIONS_FROM,
    _SPAN_COLUMNS,
    READING_ORDER,
    _now,
    _relation_from_row,
    _span_from_row,
)


class SpanStore(StoreBase):
    """Every edit returns the :class:`Change` it made, read inside its own transaction: the spans
    and relations it wrote or deleted, as they were and as they became, and the new version."""

    # ----------------------------------------------------------------- reads

    def spans(self, doc_id: int, *, statuses: Iterable[SpanStatus] | None = None) -> list[Span]:
        sql = f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ?"
        params: list[Any] = [doc_id]
        if statuses is not None:
            values = [str(s) for s in statuses]
            sql += f" AND status IN ({', '.join('?' * len(values))})"
            params += values
        sql += f" ORDER BY {READING_ORDER}"
        return [_span_from_row(r) for r in self._q(sql, params)]

    def get_span(self, span_id: int) -> Span:
        row = self._q(f"SELECT {_SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise KeyError(f"no span {span_id}")
        return _span_from_row(row)

    def relations(self, doc_id: int) -> list[Relation]:
        return self._relations_where("r.doc_id = ? ORDER BY h.start, r.id", (doc_id,))

    def speaker_of(self, quote_id: int) -> Relation | None:
        found = self._relations_where("r.head_id = ? AND r.label = ?", (quote_id, SPEAKER))
        return found[0] if found else None

    def relations_touching(self, span_ids: Iterable[int]) -> list[Relation]:
        """The relations that have one of these spans at either end (what an edit of them may change)."""
        ids = list(span_ids)
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        return self._relations_where(f"r.head_id IN ({marks}) OR r.child_id IN ({marks})", (*ids, *ids))

    def _relations_where(self, where: str, params: Sequence[Any]) -> list[Relation]:
        rows = self._q(f"SELECT {_REL_COLUMNS} {_RELATIONS_FROM} WHERE {where}", params)
        return [_relation_from_row(r) for r in rows]

    def _spans_by_id(self, span_ids: Iterable[int]) -> list[Span]:
        ids = list(span_ids)
        found: list[Span] = []
        for i in range(0, len(ids), 500):  # under SQLite's limit of bound parameters
            chunk = ids[i : i + 500]
            sql = f"SELECT {_SPAN_COLUMNS} FROM spans WHERE id IN ({', '.join('?' * len(chunk))})"
            found += [_span_from_row(r) for r in self._q(sql, chunk)]
        return found

    def _relations_by_id(self, relation_ids: Iterable[int]) -> list[Relation]:
        ids = list(relation_ids)
        found: list[Relation] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found += self._relations_where(f"r.id IN ({', '.join('?' * len(chunk))})", chunk)
        return found

    def _rows_around(
        self, span_ids: set[int], relation_ids: Iterable[int] = (), *, known: Iterable[Span] = ()
    ) -> tuple[list[Span], list[Relation]]:
        """These spans, the relations at them (and ``relation_ids``), and the spans at those relations' other ends.

        ``known`` are spans of these already read in this transaction: not read again.
        """
        relations = {r.id: r for r in self.relations_touching(span_ids)}
        extra = set(relation_ids) - set(relations)
        relations.update((r.id, r) for r in self._relations_by_id(extra))
        ends = {e for r in relations.values() for e in (r.head_id, r.child_id) if e is not None}
        spans = {s.id: s for s in known if s.id in span_ids}
        return [*spans.values(), *self._spans_by_id((span_ids | ends) - set(spans))], list(relations.values())

    # ----------------------------------------------------------------- edits

    def add_span(
        self, doc_id: int, span: Span, *, expect_version: int | None = None, retire_overlapping: bool = False
    ) -> Change:
        """Store one span (a person's, usually); the stored span is ``change.span(span.key)``.

        If a rejected or suggested span with the same offsets and label exists, it
        becomes this span (keeping its id and its relations). With ``retire_overlapping``
        (a person drew the span), the open suggestions of the same label that overlap it are
        rejected in the same write, as Prodigy and INCEpTION drop a suggestion a person's
        annotation covers; their links that are not rejected move to the new span (a quote keeps
        its speaker when its speaker is drawn again), unless the new span already has one.
        """
        now = _now()
        with self.atomic():
            version = self._touch(doc_id, span.annotator, expect_version, now)
            retired = self._overlapping_suggestions(doc_id, span) if retire_overlapping else []
            spans_before, relations_before = self._rows_around(set(retired)) if retired else ([], [])
            row = self._q(
                f'SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND start = ? AND "end" = ? AND label = ?',
                (doc_id, span.start, span.end, span.label),
            ).fetchone()
            if row is None:
                span_id = self._insert_spans(doc_id, [span], [], now=now)[span.key]
                made = span.replace(
                    id=span_id, doc_id=doc_id, created=span.created or now, updated=span.updated or span.created or now
                )
                added = Change(spans_after=(made,), version=version)
            else:
                old = _span_from_row(row)
                self._q(
                    "UPDATE spans SET status = ?, source = ?, source_name = ?, annotator = ?, confidence = ?,"
                    " kind = ?, updated = ? WHERE id = ?",
                    (
                        str(span.status), str(span.source), span.source_name, span.annotator, span.confidence,
                        span.kind, now, old.id,
                    ),
                )
                new = old.replace(
                    status=span.status, source=span.source, source_name=span.source_name, annotator=span.annotator,
                    confidence=span.confidence, kind=span.kind, updated=now,
                )
                added = Change((old,), (new,), version=version)
            if not retired:
                return added
            made_id = added.spans_after[0].id
            assert made_id is not None
            before_ids = {s.id for s in spans_before}
            spans_before += [s for s in added.spans_before if s.id not in before_ids]
            relations_before += [r for r in self.relations_touching([made_id])
                                 if r.id not in {x.id for x in relations_before}]
            self._retire(retired, made_id, span.annotator, now)
            span_ids = {s.id for s in spans_before if s.id is not None} | {made_id}
            relation_ids = {r.id for r in relations_before if r.id is not None}
            spans_after = self._spans_by_id(span_ids)
            relations_after = self._relations_by_id(relation_ids)
            return Change.between(spans_before, spans_after, relations_before, relations_after, version=version)

    def _overlapping_suggestions(self, doc_id: int, span: Span) -> list[int]:
        """Open suggestions with ``span``'s label that overlap it (not the one with its very key)."""
        rows = self._q(
            "SELECT id FROM spans WHERE doc_id = ? AND label = ? AND status = 'suggested' AND start < ?"
            ' AND "end" > ? AND NOT (start = ? AND "end" = ?)',
            (doc_id, span.label, span.end, span.start, span.start, span.end),
        )
        return [r[0] for r in rows]

    def _retire(self, span_ids: list[int], successor: int, annotator: str | None, now: int) -> None:
        """Reject these suggestions; their links that are not rejected move to ``successor`` where it
        can take them (a span heads one relation of a label), else they are rejected with them."""
        for span_id in span_ids:
            self._q("UPDATE spans SET status = 'rejected', annotator = ?, updated = ? WHERE id = ?",
                    (annotator, now, span_id))
            self._q("UPDATE relations SET child_id = ?, updated = ? WHERE child_id = ? AND status != 'rejected'"
                    " AND head_id != ?", (successor, now, span_id, successor))
            self._q(
                "UPDATE relations SET head_id = ?, updated = ? WHERE head_id = ? AND status != 'rejected'"
                " AND child_id != ? AND NOT EXISTS (SELECT 1 FROM relations AS r WHERE r.head_id = ?"
                " AND r.label = relations.label)",
                (successor, now, span_id, successor, successor),
            )
            self._q(
                "UPDATE relations SET status = 'rejected', annotator = ?, updated = ?"
                " WHERE (head_id = ? OR child_id = ?) AND status != 'rejected'",
                (annotator, now, span_id, span_id),
            )

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
    ) -> Change:
        """Accept, reject, relabel or resize a span.

        What goes with it, in the same transaction: accepting a span accepts its suggested
        relations (a quote's speaker) and their suggested other ends, because the annotator
        accepts what is shown; rejecting a span rejects the relations that use it; a new label
        drops its relations (a SPEAKER needs a QUOTE and an ACTOR). A relabel or resize without a
        ``status`` accepts the span: a person's edit is never left a suggestion. Taking the key of a
        suggested or rejected span replaces that span; of an accepted one raises SpanExistsError.
        """
        now = _now()
        with self.atomic():
            old = self.get_span(span_id)
            assert old.doc_id is not None
            version = self._touch(old.doc_id, annotator, expect_version, now)
            new_label = label or old.label
            new_start = old.start if start is None else start
            new_end = old.end if end is None else end
            # A person who relabels or resizes a span has decided it: it is theirs now (accepted), so export
            # keeps it and suggest --redo leaves it. Its source and source_name still say who proposed it.
            edited = (new_start, new_end, new_label) != old.key
            new_status = status or (SpanStatus.ACCEPTED if edited else old.status)
            ids = {span_id}
            taken = None
            if (new_start, new_end, new_label) != old.key:
                taken = self._span_with_key(old.doc_id, span_id, new_start, new_end, new_label)
                if taken is not None:
                    ids.add(taken.id)  # type: ignore[arg-type]
            spans_before, relations_before = self._rows_around(ids, known=[old] if taken is None else [old, taken])
            if taken is not None:
                self._q("DELETE FROM spans WHERE id = ?", (taken.id,))
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
            spans_after = self._spans_by_id(s.id for s in spans_before if s.id is not None)
            relations_after = self._relations_by_id(r.id for r in relations_before if r.id is not None)
            return Change.between(spans_before, spans_after, relations_before, relations_after, version=version)

    def _span_with_key(self, doc_id: int, span_id: int, start: int, end: int, label: str) -> Span | None:
        """The other span that has this key, which span ``span_id`` will replace; an accepted one may not be."""
        row = self._q(
            f'SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND start = ? AND "end" = ? AND label = ?'
            " AND id != ?",
            (doc_id, start, end, label, span_id),
        ).fetchone()
        if row is None:
            return None
        if row[5] == SpanStatus.ACCEPTED:
            raise SpanExistsError(f"an accepted {label} span already covers {start}..{end}; nothing was changed")
        return _span_from_row(row)

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

    def accept_all(self, doc_id: int, annotator: str | None, *, expect_version: int | None = None) -> Change:
        """Accept every open suggestion (and its suggested relations) of a document."""
        return self._settle_all(doc_id, SpanStatus.ACCEPTED, annotator, expect_version)

    def reject_all(self, doc_id: int, annotator: str | None, *, expect_version: int | None = None) -> Change:
        """Reject every open suggestion of a document, and every relation that uses one of them."""
        return self._settle_all(doc_id, SpanStatus.REJECTED, annotator, expect_version)

    def _settle_all(
        self, doc_id: int, status: SpanStatus, annotator: str | None, expect_version: int | None
    ) -> Change:
        now = _now()
        with self.atomic():
            version = self._touch(doc_id, annotator, expect_version, now)
            spans = self.spans(doc_id, statuses=[SpanStatus.SUGGESTED])
            ids = {s.id for s in spans if s.id is not None}
            relations = {r.id: r for r in self._relations_where("r.doc_id = ? AND r.status = 'suggested'", (doc_id,))}
            if status is SpanStatus.REJECTED:  # as rejecting one span does (update_span): its links go too
                relations.update((r.id, r) for r in self.relations_touching(ids) if r.status is not SpanStatus.REJECTED)
            self._q(
                "UPDATE spans SET status = ?, annotator = ?, updated = ? WHERE doc_id = ? AND status = 'suggested'",
                (str(status), annotator, now, doc_id),
            )
            for rel_id in relations:
                self._q(
                    "UPDATE relations SET status = ?, annotator = ?, updated = ? WHERE id = ?",
                    (str(status), annotator, now, rel_id),
                )
            settled = {"status": status, "annotator": annotator, "updated": now}
            return Change(
                tuple(spans), tuple(s.replace(**settled) for s in spans),
                tuple(relations.values()), tuple(r.replace(**settled) for r in relations.values()),
                version=version,
            )

    def delete_span(self, span_id: int, *, annotator: str | None = None, expect_version: int | None = None) -> Change:
        """Delete a span and the relations that use it."""
        with self.atomic():
            old = self.get_span(span_id)
            assert old.doc_id is not None
            version = self._touch(old.doc_id, annotator, expect_version, _now())
            relations = self.relations_touching([span_id])
            self._q("DELETE FROM spans WHERE id = ?", (span_id,))  # its relations go with it (ON DELETE CASCADE)
            return Change(spans_before=(old,), relations_before=tuple(relations), version=version)

    def set_speaker(
        self, quote_id: int, actor_id: int | None, annotator: str | None, *, expect_version: int | None = None
    ) -> Change:
        """Link a QUOTE span to its speaker (an ACTOR span), or unlink it with ``actor_id=None``."""
        now = _now()
        with self.atomic():
            quote = self.get_span(quote_id)
            assert quote.doc_id is not None
            version = self._touch(quote.doc_id, annotator, expect_version, now)
            before = self._relations_where("r.head_id = ? AND r.label = ?", (quote_id, SPEAKER))
            self._q("DELETE FROM relations WHERE head_id = ? AND label = ?", (quote_id, SPEAKER))
            if actor_id is None:
                if quote.status is not SpanStatus.SUGGESTED:
                    return Change(relations_before=tuple(before), version=version)
                # "This quote has no speaker" is a person's decision on the quote too: it becomes theirs.
                self._q(
                    "UPDATE spans SET status = 'accepted', annotator = ?, updated = ? WHERE id = ?",
                    (annotator, now, quote_id),
                )
                mine = quote.replace(status=SpanStatus.ACCEPTED, annotator=annotator, updated=now)
                return Change((quote,), (mine,), tuple(before), version=version)
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
            rel_id = self._insert_relation(quote.doc_id, quote_id, actor_id, rel, now=now)
            return Change.between(
                (quote, actor), self._spans_by_id((quote_id, actor_id)), before, self._relations_by_id([rel_id]),
                version=version,
            )

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
        status: DocStatus | None = None,
    ) -> Change:
        """Write spans and relations back exactly as given, ids and times included: what undo needs.

        ``delete_spans``/``delete_relations`` are rows the undone change had made. Like every
        edit, the document's version is checked (``expect_version``) and bumped. ``status``: the
        document's status to write as well (undoing a new document's first edit makes it new again).
        """
        doc_ids = {s.doc_id for s in spans} | {r.doc_id for r in relations} | {doc_id}
        doc_ids.discard(None)
        if len(doc_ids) > 1:
            raise ValueError("restore_spans works on one document at a time")
        delete_spans, delete_relations = list(delete_spans), list(delete_relations)
        version: int | None = None
        status_before: DocStatus | None = None
        with self.atomic():
            for the_doc in doc_ids:
                assert the_doc is not None
                if status is not None:
                    status_before = DocStatus(self._q("SELECT status FROM documents WHERE id = ?",
                                                      (the_doc,)).fetchone()[0])
                version = self._touch(the_doc, annotator, expect_version, _now())
                if status is not None:
                    self._q("UPDATE documents SET status = ? WHERE id = ?", (str(status), the_doc))
            span_ids = {s.id for s in spans if s.id is not None} | set(delete_spans)
            relation_ids = {r.id for r in relations if r.id is not None} | set(delete_relations)
            spans_before, relations_before = self._rows_around(span_ids, relation_ids)
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
            spans_after = self._spans_by_id({s.id for s in spans_before if s.id is not None} | span_ids)
            relations_after = self._relations_by_id({r.id for r in relations_before if r.id is not None} | relation_ids)
            change = Change.between(spans_before, spans_after, relations_before, relations_after, version=version)
            if status is not None and status != status_before:
                change = replace(change, status_before=status_before, status_after=status)
            return change

    def apply_change(
        self, change: Change, *, doc_id: int, annotator: str | None, expect_version: int | None = None
    ) -> Change:
        """Make the store hold ``change``'s rows after where it holds its rows before (undo and redo).

        Rows are written back exactly, ids included, so later edits still refer to the right spans.
        """
        return self.restore_spans(
            change.spans_after, change.relations_after,
            delete_spans=change.deleted_span_ids(), delete_relations=change.deleted_relation_ids(),
            doc_id=doc_id, annotator=annotator, expect_version=expect_version, status=change.status_after,
        )
