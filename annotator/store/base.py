"""What every part of the store shares: the connection, transactions, and the writes they all need."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from annotator.core.model import DocStatus, Relation, Span
from annotator.store.errors import ConflictError, StoreError, sqlite_error


class StoreBase:
    """The connection and the helpers the document and span parts of :class:`Store` build on."""

    def __init__(self, db: Database, path: str) -> None:
        self.db = db
        self.path = path
        self.readonly = False
        self._registered = False  # in annotator.store.files while open

    @contextmanager
    def atomic(self) -> Iterator[StoreBase]:
        """Group writes into one transaction (nested calls become savepoints)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; the change was not saved")
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        # BEGIN IMMEDIATE, not a deferred BEGIN: a deferred transaction that reads and then
        # writes fails at once with "database is locked" (busy timeout or not) when another
        # instance committed in between; taking the write lock first makes it wait instead.
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise (sqlite_error(self.path, exc, "the change was not saved") or exc) from exc
        try:
            yield self
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise (sqlite_error(self.path, exc, "the change was not saved") or exc) from exc
            raise

    def _q(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.db.conn.execute(sql, params)

    def _ensure_annotator(self, name: str | None, now: int) -> None:
        """Record a named annotator (inside the caller's transaction): every span points to one."""
        if name:
            self._q("INSERT OR IGNORE INTO annotators (name, created) VALUES (?, ?)", (name, now))

    def _insert_spans(
        self, doc_id: int, spans: Iterable[Span], relations: Iterable[Relation], *, now: int
    ) -> dict[tuple[int, int, str], int]:
        ids: dict[tuple[int, int, str], int] = {}
        for span in spans:
            self._ensure_annotator(span.annotator, now)
            cur = self._q(
                'INSERT OR IGNORE INTO spans (doc_id, start, "end", label, status, source, source_name,'
                " annotator, confidence, kind, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id, span.start, span.end, span.label, str(span.status), str(span.source),
                    span.source_name, span.annotator, span.confidence, span.kind,
                    span.created or now, span.updated or span.created or now,
                ),
            )
            if cur.rowcount:
                ids[span.key] = int(cur.lastrowid or 0)
        if relations:
            known = {
                (r[1], r[2], r[3]): r[0]
                for r in self._q('SELECT id, start, "end", label FROM spans WHERE doc_id = ?', (doc_id,))
            }
            for rel in relations:
                head, child = known.get(rel.head), known.get(rel.child)
                if head is None or child is None:
                    raise ValueError(f"relation {rel.label} refers to a span that does not exist")
                self._insert_relation(doc_id, head, child, rel, now=now)
        return ids

    def _insert_spans_many(self, doc_id: int, spans: Sequence[Span], *, now: int) -> int:
        """:meth:`_insert_spans` without relations and without the new ids: one ``executemany``, the same rows
        (a suggester's hundred spans a document, where a statement each cost more than the rest of saving).
        Returns how many rows it added (``INSERT OR IGNORE`` counts none for a key already stored)."""
        for name in dict.fromkeys(span.annotator for span in spans):
            self._ensure_annotator(name, now)
        if not spans:
            return 0
        cur = self.db.conn.executemany(
            'INSERT OR IGNORE INTO spans (doc_id, start, "end", label, status, source, source_name,'
            " annotator, confidence, kind, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id, span.start, span.end, span.label, str(span.status), str(span.source),
                    span.source_name, span.annotator, span.confidence, span.kind,
                    span.created or now, span.updated or span.created or now,
                )
                for span in spans
            ],
        )
        return int(cur.rowcount)

    def _insert_relation(self, doc_id: int, head: int, child: int, rel: Relation, *, now: int) -> int:
        self._ensure_annotator(rel.annotator, now)
        cur = self._q(
            "INSERT OR REPLACE INTO relations (doc_id, label, head_id, child_id, status, source, source_name,"
            " annotator, confidence, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id, rel.label, head, child, str(rel.status), str(rel.source), rel.source_name,
                rel.annotator, rel.confidence, now, now,
            ),
        )
        return int(cur.lastrowid or 0)

    def _touch(self, doc_id: int, annotator: str | None, expect_version: int | None, now: int) -> int:
        """Bump the document's version inside the current transaction; detect concurrent edits."""
        row = self._q("SELECT version, status FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        if expect_version is not None and row[0] != expect_version:
            raise ConflictError(
                f"document {doc_id} was changed elsewhere (another window or annotator) since it was opened;"
                " reload it to see the changes"
            )
        status = row[1]
        if annotator and status == DocStatus.NEW:
            status = DocStatus.IN_PROGRESS
        self._ensure_annotator(annotator, now)
        self._q(
            "UPDATE documents SET version = version + 1, updated = ?, status = ?,"
            " annotator = coalesce(?, annotator) WHERE id = ?",
            (now, status, annotator, doc_id),
        )
        return int(row[0]) + 1
