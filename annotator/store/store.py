"""The SQLite store: one class, typed methods, every write that belongs together in one transaction.

:class:`Store` is put together from parts, one job each: ``base`` (connection,
transactions), ``documents``, ``spans`` (spans and relations, the edits), ``suggestions``; this
module opens, migrates and maintains the database file.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlite_utils import Database

from annotator.store.documents import DocumentStore
from annotator.store.errors import BusyError, ConflictError, SpanExistsError, StoreError
from annotator.store.rows import _now
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrations
from annotator.store.spans import SpanStore
from annotator.store.suggestions import SuggestionStore

__all__ = ["BUSY_TIMEOUT_S", "BusyError", "ConflictError", "SpanExistsError", "Store", "StoreError"]

BUSY_TIMEOUT_S = 10.0


class Store(DocumentStore, SpanStore, SuggestionStore):
    """An annotation database. Open with :meth:`open`; use ``":memory:"`` in tests.

    Each public write method is atomic: it commits as a whole or not at all.
    Group several calls with ``with store.atomic():``.
    """

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False, verify: bool = False) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date.

        Raises StoreError with a message for the user when the file is not a
        usable annotation database; the file is never modified in that case.
        ``verify`` also reads every page (:meth:`verify`) before anything is written.
        """
        spath = str(path)
        memory = spath == ":memory:"
        if not memory:
            p = Path(spath)
            if p.is_dir():
                raise StoreError(f"{spath}: is a folder, not a database file")
            if not p.parent.exists():
                raise StoreError(f"{spath}: the folder {p.parent} does not exist")
            if not readonly and not p.exists() and not os.access(p.parent.resolve(), os.W_OK):
                raise StoreError(f"{spath}: cannot create the database, the folder is not writable")
            if p.exists() and p.stat().st_size:
                with open(p, "rb") as fh:
                    if fh.read(16) != b"SQLite format 3\x00":
                        raise StoreError(f"{spath}: not an SQLite database (nothing was changed)")
            if p.exists() and not os.access(p.parent.resolve(), os.W_OK):
                # A WAL database needs its -wal and -shm files beside it, even to be read.
                raise StoreError(
                    f"{spath}: the folder {p.parent.resolve()} is not writable, and the database needs to create"
                    " small -wal and -shm files next to it; copy the database to a writable folder or ask for"
                    " write access. Nothing was changed."
                )
            if not readonly and p.exists() and not os.access(p, os.W_OK):
                readonly = True
        try:
            if readonly and not memory:
                conn = sqlite3.connect(
                    f"file:{Path(spath).resolve()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                    isolation_level=None, check_same_thread=False,
                )
            else:
                conn = sqlite3.connect(spath, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{spath}: cannot open the database: {exc}") from exc
        db = Database(conn, execute_plugins=False)
        store = cls(db, spath)
        store.readonly = readonly
        try:
            store._prepare(memory=memory, verify=verify)
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise BusyError(f"{spath}: the database is busy (another instance is writing); try again") from exc
            raise StoreError(f"{spath}: the database is damaged or not ours ({exc}); nothing was changed") from exc
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{spath}: the database is damaged or not ours ({exc}); nothing was changed") from exc
        except StoreError:
            conn.close()
            raise
        return store

    def _prepare(self, *, memory: bool, verify: bool) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if has_tables and app_id != APPLICATION_ID:
            raise StoreError(f"{self.path}: an SQLite database, but not an annotator database (nothing was changed)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer version of the annotator (schema {version}, this program knows "
                f"up to {SCHEMA_VERSION}); upgrade the annotator to open it. Nothing was changed."
            )
        if has_tables and verify:
            self.verify()
        if self.readonly:
            if version < SCHEMA_VERSION or migrations.pending(self.db):
                raise StoreError(f"{self.path}: read-only and needs an upgrade; open it once with write access")
            return
        if not memory:
            mode = self._set_wal()
            if mode.lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the database to WAL mode (got {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION or migrations.pending(self.db):
            # Migrations run with the write lock held, so two instances never migrate at once;
            # what is pending is read again because another instance may have migrated meanwhile.
            with self.atomic():
                if migrations.pending(self.db) or conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    migrations.apply(self.db)
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _set_wal(self) -> str:
        # Switching a new file to WAL needs an exclusive lock, and SQLite reports "locked" at
        # once instead of calling the busy handler when another instance opens the same new
        # file at that moment: retry for as long as the busy timeout.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                return str(self.db.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ annotators

    def ensure_annotator(self, name: str) -> None:
        with self.atomic():
            self._ensure_annotator(name, _now())

    def annotators(self) -> list[str]:
        return [r[0] for r in self._q("SELECT name FROM annotators ORDER BY name")]

    # -------------------------------------------------------------- settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._q("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.atomic():
            self._q("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    # ----------------------------------------------------------- maintenance

    def verify(self) -> None:
        """Raise StoreError if a page of the database is damaged.

        ``quick_check`` reads every page: 0.3 s for 150 MB and 1 s for 1 GB warm, far more
        cold, so it is not run on every open. The app runs it in the background after the
        window is shown and the writing commands before they write; a damaged page met
        later still gives a clear error (sqlite3.DatabaseError is caught at each boundary).
        """
        problem = self._q("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise StoreError(
                f"{self.path}: the database is damaged ({problem}); nothing was changed. Restore a backup,"
                " or try the SQLite command-line tool's .recover on a copy"
            )

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks (empty list: all fine)."""
        problems = [r[0] for r in self._q("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self._q("PRAGMA foreign_key_check")]
        return problems

    def backup(self, target: str | os.PathLike[str]) -> None:
        """A consistent copy of the database while it is in use (``VACUUM INTO``)."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target}: already exists; choose a new file name for the backup")
        if not target.parent.exists():
            raise StoreError(f"{target}: the folder {target.parent} does not exist")
        self._q("VACUUM INTO ?", (str(target),))
