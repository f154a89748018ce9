"""Documents: adding (one or a batch), reading, listing, status, and the collection's statistics."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from annotator.core.model import DocStatus, Document, DocumentSummary, Relation, Span, SpanStatus
from annotator.core.text import text_hash
from annotator.store.base import StoreBase
from annotator.store.rows import _DOC_COLUMNS, _document_from_row, _now

# json.dumps(meta, ensure_ascii=False) without making a new encoder for every document.
_meta_json = json.JSONEncoder(ensure_ascii=False).encode
_INSERT_DOCUMENTS = (
    "INSERT INTO documents (id, hash, title, source, meta, text, n_chars, status, annotator, created, updated,"
    " version) VALUES "
)
_ROW_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
_ROW_PARAMS = _ROW_VALUES.count("?")
_ROWS_PER_INSERT = 100
_MAX_ID = 2**63 - 1  # SQLite's largest rowid
_ID_BY_SQLITE = -1  # next_id when SQLite must choose the ids


class DocumentStore(StoreBase):
    # ------------------------------------------------------------- documents

    def add_document(
        self,
        doc: Document,
        spans: Iterable[Span] = (),
        relations: Iterable[Relation] = (),
    ) -> tuple[int, bool]:
        """Store a document with its spans and relations in one transaction.

        Returns ``(doc_id, created)``. A document whose text is already stored
        is not added again (``created`` is False). ``doc.id`` is kept when it is
        free, so that ids survive an export/import round trip.
        """
        digest = doc.hash or text_hash(doc.text)
        now = _now()
        with self.atomic():
            # Checked inside the transaction: another instance may import the same text meanwhile.
            existing = self._q("SELECT id FROM documents WHERE hash = ?", (digest,)).fetchone()
            if existing:
                return existing[0], False
            doc_id = doc.id
            if doc_id is not None and self._q("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                doc_id = None
            self._ensure_annotator(doc.annotator, now)
            cur = self._q(
                "INSERT INTO documents (id, hash, title, source, meta, text, n_chars, status, annotator,"
                " created, updated, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    doc_id, digest, doc.title, doc.source, _meta_json(doc.meta),
                    doc.text, len(doc.text), str(doc.status), doc.annotator,
                    doc.created or now, doc.updated or doc.created or now,
                ),
            )
            new_id = int(cur.lastrowid or 0)
            self._insert_spans(new_id, spans, relations, now=now)
        return new_id, True

    def add_documents(self, docs: Sequence[Document]) -> list[tuple[int, bool]]:
        """:meth:`add_document` for many documents without spans, in one transaction: same results, in order.

        Import's fast path: the new rows are written with one ``executemany``, not two
        statements a document; a batch of new texts without ids of their own is written
        without looking its hashes up first (see :meth:`_add_new_documents`). Each row is
        one INSERT, so a document is still stored whole or not at all.
        """
        digests = [d.hash or text_hash(d.text) for d in docs]
        now = _now()
        with self.atomic():
            results = self._add_new_documents(docs, digests, now) if docs else []
            if results is None:
                results = self._add_documents_looked_up(docs, digests, now)
        return results

    def _insert_rows(self, rows: list[tuple[Any, ...]], *, on_conflict: str = "") -> int:
        """INSERT document rows (see :meth:`_row`), up to 100 in one statement; returns how many were written.

        One statement a row made SQLite build the list of the status CHECK (``status IN (...)``)
        again for every row: a third of the cost of storing a 2 kB article. A statement of many
        rows builds it once.
        """
        conn = self.db.conn
        per = max(1, min(_ROWS_PER_INSERT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // _ROW_PARAMS))
        whole = len(rows) - len(rows) % per
        written = 0
        if whole:
            sql = _INSERT_DOCUMENTS + ", ".join([_ROW_VALUES] * per) + on_conflict
            params = [tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, whole, per)]
            written += conn.executemany(sql, params).rowcount
        if whole < len(rows):
            sql = _INSERT_DOCUMENTS + ", ".join([_ROW_VALUES] * (len(rows) - whole)) + on_conflict
            written += conn.execute(sql, tuple(chain.from_iterable(rows[whole:]))).rowcount
        return written

    @staticmethod
    def _row(doc: Document, doc_id: int, digest: str, now: int) -> tuple[Any, ...]:
        return (
            doc_id, digest, doc.title, doc.source, _meta_json(doc.meta) if doc.meta else "{}",
            doc.text, len(doc.text), str(doc.status), doc.annotator,
            doc.created or now, doc.updated or doc.created or now,
        )

    def _add_new_documents(
        self, docs: Sequence[Document], digests: list[str], now: int
    ) -> list[tuple[int, bool]] | None:
        """The usual import batch, new texts without ids of their own, at the cost of its INSERTs.

        The rows are written as if no text were stored yet, skipping the hash lookups (500
        hashes in an IN list cost a third as much as writing the rows); the hash index refuses
        a text that is (ON CONFLICT DO NOTHING), and when it refused one, or a document brings its
        own id, nothing of this is kept and None says to go the looked-up way, which numbers
        the documents as it always did. A text twice in the batch is known without the database.
        """
        if any(doc.id is not None for doc in docs):
            return None
        # What SQLite itself would pick (no AUTOINCREMENT); we hold the write lock.
        next_id = int(self._q("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]) + 1
        if next_id > _MAX_ID - len(docs):
            return None  # an imported id near the top: max + 1 would overflow
        results: list[tuple[int, bool]] = []
        rows: list[tuple[Any, ...]] = []
        first: dict[str, int] = {}
        names: set[str] = set()
        for doc, digest in zip(docs, digests, strict=True):
            doc_id = first.get(digest)
            if doc_id is not None:
                results.append((doc_id, False))
                continue
            first[digest] = doc_id = next_id
            next_id += 1
            if doc.annotator:
                names.add(doc.annotator)
            rows.append(self._row(doc, doc_id, digest, now))
            results.append((doc_id, True))
        conn = self.db.conn
        conn.execute("SAVEPOINT add_new_documents")  # an error rolls back the caller's transaction, this with it
        if names:
            conn.executemany(
                "INSERT OR IGNORE INTO annotators (name, created) VALUES (?, ?)", [(n, now) for n in names]
            )
        written = self._insert_rows(rows, on_conflict=" ON CONFLICT(hash) DO NOTHING")
        if written != len(rows):  # a text was stored before
            conn.execute("ROLLBACK TO add_new_documents")
        conn.execute("RELEASE add_new_documents")
        return results if written == len(rows) else None

    def _add_documents_looked_up(
        self, docs: Sequence[Document], digests: list[str], now: int
    ) -> list[tuple[int, bool]]:
        """:meth:`add_documents` for any batch: the hashes looked up 500 at a time first."""
        results: list[tuple[int, bool]] = []
        rows: list[tuple[Any, ...]] = []
        names: set[str] = set()

        def write() -> None:
            if names:
                self.db.conn.executemany(
                    "INSERT OR IGNORE INTO annotators (name, created) VALUES (?, ?)", [(n, now) for n in names]
                )
                names.clear()
            self._insert_rows(rows)
            rows.clear()

        known: dict[str, int] = {}
        for i in range(0, len(digests), 500):
            chunk = digests[i : i + 500]
            marks = ",".join("?" * len(chunk))
            known.update(self._q(f"SELECT hash, id FROM documents WHERE hash IN ({marks})", chunk))
        next_id: int | None = None
        for doc, digest in zip(docs, digests, strict=True):
            if digest in known:
                results.append((known[digest], False))
                continue
            if next_id is None and doc.id is None:
                # What SQLite itself would pick (no AUTOINCREMENT); we hold the write lock.
                next_id = int(self._q("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]) + 1
                if next_id > _MAX_ID - len(docs):
                    next_id = _ID_BY_SQLITE  # an imported id near the top: max + 1 would overflow
            if doc.id is not None or next_id == _ID_BY_SQLITE:
                # Rare: a round trip (add_document keeps the id when it is free), or ids near the
                # top of the range, where SQLite finds a free one (it never overflows).
                if rows:
                    write()
                doc_id, _ = self.add_document(doc.replace(hash=digest))
                if next_id != _ID_BY_SQLITE:
                    next_id = None
            else:
                assert next_id is not None
                doc_id, next_id = next_id, next_id + 1
                if doc.annotator:
                    names.add(doc.annotator)
                rows.append(self._row(doc, doc_id, digest, now))
            known[digest] = doc_id
            results.append((doc_id, True))
        if rows:
            write()
        return results

    def get_document(self, doc_id: int) -> Document:
        row = self._q(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        return _document_from_row(row)

    def iter_documents(
        self, *, statuses: Iterable[DocStatus] | None = None, batch: int = 200
    ) -> Iterator[Document]:
        """Documents in id order, read in batches so memory stays flat."""
        where, params = self._status_filter(statuses)
        last = -1
        while True:
            rows = self._q(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id > ? {where} ORDER BY id LIMIT ?",
                (last, *params, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _document_from_row(row)
            last = rows[-1][0]

    @staticmethod
    def _status_filter(statuses: Iterable[DocStatus] | None) -> tuple[str, list[str]]:
        if statuses is None:
            return "", []
        values = [str(s) for s in statuses]
        return f"AND status IN ({', '.join('?' * len(values))})", values

    def document_ids(self, *, statuses: Iterable[DocStatus] | None = None) -> list[int]:
        where, params = self._status_filter(statuses)
        return [r[0] for r in self._q(f"SELECT id FROM documents WHERE 1 {where} ORDER BY id", params)]

    def fetched_urls(self) -> set[str]:
        """The web addresses documents were fetched from: each one's source, and the address its list
        gave when that redirected elsewhere (``meta["listed_url"]``)."""
        rows = self._q(
            "SELECT source FROM documents WHERE source LIKE 'http%'"
            " UNION SELECT json_extract(meta, '$.listed_url') FROM documents WHERE meta LIKE '%listed_url%'"
        )
        return {r[0] for r in rows if isinstance(r[0], str)}

    def count_documents(self, *, statuses: Iterable[DocStatus] | None = None) -> int:
        where, params = self._status_filter(statuses)
        return int(self._q(f"SELECT count(*) FROM documents WHERE 1 {where}", params).fetchone()[0])

    def list_documents(self, *, search: str | None = None, ids: Sequence[int] | None = None) -> list[DocumentSummary]:
        """Every document (or those with these ``ids``) without its text, with span counts, in id order."""
        params: list[Any] = []
        where = ""
        if search:
            where = "WHERE d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\'"
            like = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params = [like, like]
        elif ids is not None:
            if not ids:
                return []
            where = f"WHERE d.id IN ({', '.join('?' * len(ids))})"
            params = list(ids)
        # Per-document counts from the covering index spans_doc_status (2 index seeks each):
        # faster than grouping every span, and the documents_list index keeps texts unread.
        # A document's accepted and open counts are these two, wherever they are shown.
        rows = self._q(
            "SELECT d.id, d.title, d.status, d.n_chars, d.annotator, d.updated,"
            " (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.status = 'accepted'),"
            " (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.status = 'suggested')"
            f" FROM documents d {where} ORDER BY d.id",
            params,
        )
        status_of = {str(s): s for s in DocStatus}  # a dict lookup: DocStatus(value) costs 0.4 s per 100,000
        return [
            DocumentSummary(
                id=r[0], title=r[1], status=status_of[r[2]], n_chars=r[3], annotator=r[4], updated=r[5],
                n_accepted=r[6], n_suggested=r[7],
            )
            for r in rows
        ]

    def search_document_ids(self, text: str, *, cancel: Callable[[], bool] | None = None) -> set[int]:
        """Ids of the documents whose title or text holds ``text`` (LIKE: ASCII case-insensitive).

        Reads every text (seconds for 100,000 documents), so the window runs it off the UI thread.
        ``cancel`` is asked as SQLite works: when it says so the query stops, and what was found so
        far is dropped (an empty set: the caller cancelled it and ignores it).
        """
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conn = self.db.conn
        if cancel is not None:
            if cancel():
                return set()
            conn.set_progress_handler(lambda: 1 if cancel() else 0, 1_000)
        try:
            rows = conn.execute(
                "SELECT id FROM documents WHERE title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\'", (like, like)
            )
            return {r[0] for r in rows}
        except sqlite3.OperationalError:
            if cancel is not None and cancel():  # "interrupted": stopped on purpose
                return set()
            raise
        finally:
            if cancel is not None:
                conn.set_progress_handler(None, 0)

    def document_version(self, doc_id: int) -> int:
        row = self._q("SELECT version FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        return int(row[0])

    def set_document_status(
        self, doc_id: int, status: DocStatus, annotator: str | None = None, *, expect_version: int | None = None
    ) -> int:
        """Mark a document new/in progress/done/skipped; returns its new version."""
        now = _now()
        with self.atomic():
            version = self._touch(doc_id, annotator, expect_version, now)
            self._q("UPDATE documents SET status = ? WHERE id = ?", (str(status), doc_id))
        return version

    # ----------------------------------------------------------------- stats

    def stats(self) -> dict[str, Any]:
        docs = {str(s): 0 for s in DocStatus}
        for status, n in self._q("SELECT status, count(*) FROM documents GROUP BY status"):
            docs[status] = n
        spans: dict[str, dict[str, int]] = {}
        for label, status, n in self._q("SELECT label, status, count(*) FROM spans GROUP BY label, status"):
            spans.setdefault(label, {str(s): 0 for s in SpanStatus})[status] = n
        relations: dict[str, dict[str, int]] = {}
        for label, status, n in self._q("SELECT label, status, count(*) FROM relations GROUP BY label, status"):
            relations.setdefault(label, {str(s): 0 for s in SpanStatus})[status] = n
        annotators = {
            name: {"spans": n_spans, "documents_done": n_done}
            for name, n_spans, n_done in self._q(
                "SELECT a.name, (SELECT count(*) FROM spans s WHERE s.annotator = a.name),"
                " (SELECT count(*) FROM documents d WHERE d.annotator = a.name AND d.status = 'done')"
                " FROM annotators a ORDER BY a.name"
            )
        }
        return {
            "documents": {"total": sum(docs.values()), **docs},
            "spans": spans,
            "relations": relations,
            "annotators": annotators,
        }
