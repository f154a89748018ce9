"""The reviewer's final version: written from the majority, and settled place by place in review mode.

In a team database the working version (the main tables) is the final one; the
annotators' versions (``versions``) are only read here, never written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from annotator.core.change import Change
from annotator.core.model import SPEAKER, DocStatus, Relation, Source, Span, SpanStatus
from annotator.core.team import fingerprint
from annotator.store.rows import _now
from annotator.store.spans import SpanStore


class ReviewStore(SpanStore):
    def write_final(
        self, doc_id: int, spans: Sequence[Span], relations: Sequence[Relation], status: DocStatus, reviewer: str
    ) -> Literal["written", "unchanged", "kept"]:
        """Make ``spans``/``relations`` the document's working (final) version, decided by ``reviewer``.

        Only over what nobody else decided: if a person other than ``reviewer`` accepted,
        rejected or made a span of the working version, or marked it done, it is ``"kept"``
        as it is. Open suggestions there (a model's) give way. The annotators' versions are
        never touched. The same outcome again is ``"unchanged"``.
        """
        now = _now()
        with self.atomic():
            doc = self._q("SELECT status, annotator FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if doc is None:
                raise KeyError(f"no document {doc_id}")
            others = self._q(
                "SELECT count(*) FROM spans WHERE doc_id = ? AND status != 'suggested'"
                " AND coalesce(annotator, '') != ?",
                (doc_id, reviewer),
            ).fetchone()[0]
            if others or (doc[0] == "done" and doc[1] != reviewer):
                return "kept"
            current = self._q(
                'SELECT start, "end", label, status, source, source_name, kind, confidence FROM spans WHERE doc_id = ?',
                (doc_id,),
            ).fetchall()
            current_rels = self._q(
                'SELECT h.start, h."end", h.label, c.start, c."end", c.label, r.label, r.status, r.source,'
                " r.source_name FROM relations r JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id"
                " WHERE r.doc_id = ?",
                (doc_id,),
            ).fetchall()
            old = fingerprint(
                DocStatus(doc[0]),
                [
                    Span(r[0], r[1], r[2], status=SpanStatus(r[3]), source=Source(r[4]), source_name=r[5], kind=r[6],
                         confidence=r[7])
                    for r in current
                ],
                [
                    Relation((r[0], r[1], r[2]), (r[3], r[4], r[5]), r[6], status=SpanStatus(r[7]),
                             source=Source(r[8]), source_name=r[9])
                    for r in current_rels
                ],
            )
            if old == fingerprint(status, spans, relations):
                return "unchanged"
            self._q("DELETE FROM spans WHERE doc_id = ?", (doc_id,))
            self._insert_spans(doc_id, spans, relations, now=now)
            self._ensure_annotator(reviewer, now)
            self._q(
                "UPDATE documents SET status = ?, annotator = ?, updated = ?, version = version + 1 WHERE id = ?",
                (str(status), reviewer, now, doc_id),
            )
        return "written"

    def settle(
        self,
        doc_id: int,
        *,
        accept: Iterable[int] = (),
        reject: Iterable[int] = (),
        speaker: tuple[int, int | None] | None = None,
        annotator: str | None,
        expect_version: int | None = None,
    ) -> Change:
        """Settle one place of a review in one write: accept these spans, reject those (with the
        links that use them), and give a quote its speaker, ``(quote_id, actor_id or None)``.

        Returns the :class:`Change`, so that undo writes back exactly what was there.
        """
        accept, reject = set(accept), set(reject)
        now = _now()
        with self.atomic():
            version = self._touch(doc_id, annotator, expect_version, now)
            touched = accept | reject
            if speaker is not None:
                touched |= {i for i in speaker if i is not None}
            spans_before, relations_before = self._rows_around(touched)
            if any(s.doc_id != doc_id for s in spans_before if s.id in touched):
                raise ValueError("settle works on the spans of one document")
            for ids, status in ((accept, "accepted"), (reject, "rejected")):
                for span_id in ids:
                    self._q(
                        "UPDATE spans SET status = ?, annotator = ?, updated = ? WHERE id = ? AND status != ?",
                        (status, annotator, now, span_id, status),
                    )
            for span_id in reject:
                self._q(
                    "UPDATE relations SET status = 'rejected', annotator = ?, updated = ?"
                    " WHERE (head_id = ? OR child_id = ?) AND status != 'rejected'",
                    (annotator, now, span_id, span_id),
                )
            if speaker is not None:
                quote_id, actor_id = speaker
                self._q("DELETE FROM relations WHERE head_id = ? AND label = ?", (quote_id, SPEAKER))
                if actor_id is not None:
                    self._q(
                        "UPDATE spans SET status = 'accepted', annotator = ?, updated = ? WHERE id IN (?, ?)"
                        " AND status != 'accepted'",
                        (annotator, now, quote_id, actor_id),
                    )
                    quote, actor = self._spans_by_id([quote_id]), self._spans_by_id([actor_id])
                    rel = Relation(
                        head=quote[0].key, child=actor[0].key, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
                        source_name=annotator or "", annotator=annotator,
                    )
                    self._insert_relation(doc_id, quote_id, actor_id, rel, now=now)
            spans_after, relations_after = self._rows_around(touched, [r.id for r in relations_before if r.id])
            return Change.between(spans_before, spans_after, relations_before, relations_after, version=version)
