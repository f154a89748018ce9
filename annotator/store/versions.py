"""Annotator versions: each person's own copy of a document's annotations (see core.team)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from annotator.core.model import DocStatus, Relation, Source, Span, SpanStatus
from annotator.core.team import AnnotatorVersion, fingerprint
from annotator.store.base import StoreBase
from annotator.store.rows import _now

PutResult = Literal["added", "updated", "unchanged", "older"]

_VSPAN_COLUMNS = 'id, start, "end", label, status, source, source_name, confidence, kind, created, updated'
_VREL_COLUMNS = (
    "r.label, r.status, r.source, r.source_name, r.confidence, r.created, r.updated,"
    ' h.start, h."end", h.label, c.start, c."end", c.label, r.id, r.head_id, r.child_id'
)


class VersionStore(StoreBase):
    def put_version(
        self,
        doc_id: int,
        annotator: str,
        status: DocStatus,
        spans: Sequence[Span],
        relations: Sequence[Relation] = (),
        *,
        updated: int | None = None,
        origin: str = "",
    ) -> PutResult:
        """Store ``annotator``'s version of a document, replacing their earlier one; one transaction.

        The same content again changes nothing (``"unchanged"``); a version older than
        the stored one with other content is not written (``"older"``): merging an old
        copy of someone's database never takes back their later work.
        """
        if not annotator:
            raise ValueError("an annotator version needs the annotator's name")
        digest = fingerprint(status, spans, relations)
        now = _now()
        updated = updated or now
        with self.atomic():
            row = self._q(
                "SELECT fingerprint, updated FROM versions WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
            ).fetchone()
            if row is not None:
                if row[0] == digest:
                    return "unchanged"
                if row[1] > updated:
                    return "older"
                self._q("DELETE FROM versions WHERE doc_id = ? AND annotator = ?", (doc_id, annotator))
            self._ensure_annotator(annotator, now)
            self._q(
                "INSERT INTO versions (doc_id, annotator, status, updated, origin, fingerprint, merged)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, annotator, str(status), updated, origin, digest, now),
            )
            self.db.conn.executemany(
                'INSERT OR IGNORE INTO version_spans (doc_id, annotator, start, "end", label, status, source,'
                " source_name, confidence, kind, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        doc_id, annotator, span.start, span.end, span.label, str(span.status), str(span.source),
                        span.source_name, span.confidence, span.kind, span.created or updated,
                        span.updated or span.created or updated,
                    )
                    for span in spans
                ],
            )
            ids: dict[tuple[int, int, str], int] = {}
            if relations:
                ids = {
                    (r[1], r[2], r[3]): r[0]
                    for r in self._q(
                        'SELECT id, start, "end", label FROM version_spans WHERE doc_id = ? AND annotator = ?',
                        (doc_id, annotator),
                    )
                }
            for rel in relations:
                head, child = ids.get(rel.head), ids.get(rel.child)
                if head is None or child is None:
                    raise ValueError(f"relation {rel.label} refers to a span that is not in the version")
                self._q(
                    "INSERT OR REPLACE INTO version_relations (doc_id, annotator, label, head_id, child_id, status,"
                    " source, source_name, confidence, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc_id, annotator, rel.label, head, child, str(rel.status), str(rel.source),
                        rel.source_name, rel.confidence, rel.created or updated, rel.updated or updated,
                    ),
                )
        return "updated" if row is not None else "added"

    def versions(self, doc_id: int, *, statuses: Iterable[DocStatus] | None = None) -> list[AnnotatorVersion]:
        """Every annotator's version of one document, by annotator name."""
        rows = self._q(
            "SELECT annotator, status, updated, origin FROM versions WHERE doc_id = ? ORDER BY annotator", (doc_id,)
        ).fetchall()
        wanted = None if statuses is None else {str(s) for s in statuses}
        return [self._version(doc_id, *row) for row in rows if wanted is None or row[1] in wanted]

    def _version(self, doc_id: int, annotator: str, status: str, updated: int, origin: str) -> AnnotatorVersion:
        spans = [
            Span(
                r[1], r[2], r[3], status=SpanStatus(r[4]), source=Source(r[5]), source_name=r[6], annotator=annotator,
                confidence=r[7], kind=r[8], id=r[0], doc_id=doc_id, created=r[9], updated=r[10],
            )
            for r in self._q(
                f"SELECT {_VSPAN_COLUMNS} FROM version_spans WHERE doc_id = ? AND annotator = ?"
                ' ORDER BY start, "end" DESC, label',
                (doc_id, annotator),
            )
        ]
        relations = [
            Relation(
                (r[7], r[8], r[9]), (r[10], r[11], r[12]), r[0], status=SpanStatus(r[1]), source=Source(r[2]),
                source_name=r[3], annotator=annotator, confidence=r[4], created=r[5], updated=r[6], id=r[13],
                head_id=r[14], child_id=r[15], doc_id=doc_id,
            )
            for r in self._q(
                f"SELECT {_VREL_COLUMNS} FROM version_relations r JOIN version_spans h ON h.id = r.head_id"
                " JOIN version_spans c ON c.id = r.child_id WHERE r.doc_id = ? AND r.annotator = ?"
                " ORDER BY h.start, r.id",
                (doc_id, annotator),
            )
        ]
        return AnnotatorVersion(doc_id, annotator, DocStatus(status), spans, relations, updated, origin)

    def version_doc_ids(self, *, statuses: Iterable[DocStatus] | None = None, min_annotators: int = 1) -> list[int]:
        """Documents with at least ``min_annotators`` versions (of these statuses), in id order."""
        where, params = "", []
        if statuses is not None:
            values = [str(s) for s in statuses]
            where, params = f"WHERE status IN ({', '.join('?' * len(values))})", values
        return [
            r[0]
            for r in self._q(
                f"SELECT doc_id FROM versions {where} GROUP BY doc_id HAVING count(*) >= ? ORDER BY doc_id",
                (*params, min_annotators),
            )
        ]

    def version_annotators(self) -> list[str]:
        return [r[0] for r in self._q("SELECT DISTINCT annotator FROM versions ORDER BY annotator")]

    def has_versions(self) -> bool:
        return self._q("SELECT 1 FROM versions LIMIT 1").fetchone() is not None

    def iter_versions(
        self, *, annotator: str | None = None, statuses: Iterable[DocStatus] | None = None
    ) -> Iterator[AnnotatorVersion]:
        """Versions in document then annotator order (one annotator's, or everyone's)."""
        where, params = _version_filter(annotator, statuses)
        sql = f"SELECT doc_id, annotator, status, updated, origin FROM versions WHERE {where}"
        for row in self._q(sql + " ORDER BY doc_id, annotator", params).fetchall():
            yield self._version(*row)

    def count_versions(self, *, annotator: str | None = None, statuses: Iterable[DocStatus] | None = None) -> int:
        where, params = _version_filter(annotator, statuses)
        return int(self._q(f"SELECT count(*) FROM versions WHERE {where}", params).fetchone()[0])

    def done_per_day(self) -> dict[str, dict[str, int]]:
        """Working version: documents marked done per annotator and day (UTC) of their last change."""
        out: dict[str, dict[str, int]] = {}
        for name, day, n in self._q(
            "SELECT coalesce(annotator, ''), date(updated, 'unixepoch'), count(*) FROM documents"
            " WHERE status = 'done' GROUP BY 1, 2 ORDER BY 2"
        ):
            out.setdefault(name, {})[day] = n
        return out

    def version_progress(self) -> dict[str, Any]:
        """Per annotator: versions by status, documents finished per day, accepted spans per label."""
        out: dict[str, Any] = {}
        for name, status, n in self._q("SELECT annotator, status, count(*) FROM versions GROUP BY annotator, status"):
            entry = out.setdefault(name, {"versions": {str(s): 0 for s in DocStatus}, "done_per_day": {}, "spans": {}})
            entry["versions"][status] = n
        for name, day, n in self._q(
            "SELECT annotator, date(updated, 'unixepoch'), count(*) FROM versions WHERE status = 'done'"
            " GROUP BY annotator, date(updated, 'unixepoch') ORDER BY 2"
        ):
            out[name]["done_per_day"][day] = n
        for name, label, n in self._q(
            "SELECT annotator, label, count(*) FROM version_spans WHERE status = 'accepted' GROUP BY annotator, label"
        ):
            out[name]["spans"][label] = n
        return out


def _version_filter(annotator: str | None, statuses: Iterable[DocStatus] | None) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) for one annotator's versions and/or some statuses."""
    where, params = ["1"], []
    if annotator is not None:
        where.append("annotator = ?")
        params.append(annotator)
    if statuses is not None:
        values = [str(s) for s in statuses]
        where.append(f"status IN ({', '.join('?' * len(values))})")
        params += values
    return " AND ".join(where), params
