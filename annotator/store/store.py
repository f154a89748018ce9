"""The SQLite store: one class, typed methods, every write that belongs together in one transaction.

:class:`Store` is put together from parts, one job each: ``base`` (connection,
transactions), ``documents``, ``spans`` (spans and relations, the edits), ``suggestions``,
``versions`` (each annotator's own version of a document, for team work), ``review`` (the
final version); this
module opens, migrates and maintains the database file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from annotator.store import files
from annotator.store.documents import DocumentStore
from annotator.store.errors import BusyError, ConflictError, DiskFullError, SpanExistsError, StoreError, sqlite_error
from annotator.store.paths import refuse_network_filesystem
from annotator.store.review import ReviewStore
from annotator.store.rows import _now
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrations
from annotator.store.spans import SpanStore
from annotator.store.suggestions import SuggestionStore
from annotator.store.versions import VersionStore

__all__ = ["BUSY_TIMEOUT_S", "BusyError", "ConflictError", "SpanExistsError", "Store", "StoreError"]

BUSY_TIMEOUT_S = 10.0


def _open_error(path: str, exc: sqlite3.DatabaseError) -> StoreError:
    """The message for a database SQLite could not prepare, sorted by SQLite's error code."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # the primary code of an extended one
    if code == sqlite3.SQLITE_NOTADB:
        return StoreError(f"{path}: not an SQLite database (nothing was changed)")
    known = sqlite_error(path, exc, "nothing was changed")
    if known is not None:
        return known
    return StoreError(f"{path}: the database is damaged or not ours ({exc}); nothing was changed")


def _remove_new_files(names: list[str]) -> None:
    """Remove the files a failed open of a new database left behind (names that did not exist before)."""
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)


class Store(DocumentStore, ReviewStore, SpanStore, SuggestionStore, VersionStore):
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
            if not readonly:
                refuse_network_filesystem(p)
            if not p.parent.exists():
                raise StoreError(f"{spath}: the folder {p.parent} does not exist")
            if not readonly and not p.exists() and not os.access(p.parent.resolve(), os.W_OK):
                raise StoreError(f"{spath}: cannot create the database, the folder is not writable")
            # No header check with open(): closing that descriptor would drop every SQLite lock
            # this process holds on the file (see annotator.store.files). SQLite itself says
            # when the file is not a database (SQLITE_NOTADB), in _prepare below.
            if p.exists() and not os.access(p.parent.resolve(), os.W_OK):
                # A WAL database needs its -wal and -shm files beside it, even to be read.
                raise StoreError(
                    f"{spath}: the folder {p.parent.resolve()} is not writable, and the database needs to create"
                    " small -wal and -shm files next to it; copy the database to a writable folder or ask for"
                    " write access. Nothing was changed."
                )
            if not readonly and p.exists() and not os.access(p, os.W_OK):
                readonly = True
        new_files = [] if memory else [f for f in files.database_files(spath) if not os.path.lexists(f)]
        try:
            if readonly and not memory:
                conn = sqlite3.connect(
                    f"file:{quote(str(Path(spath).resolve()))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
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
            try:
                store._prepare(memory=memory, verify=verify)
            except sqlite3.DatabaseError as exc:
                raise _open_error(spath, exc) from exc
        except StoreError as exc:
            conn.close()
            if isinstance(exc, DiskFullError) and spath in new_files:
                # A new database the disk had no room for: leave no empty file that looks like one.
                _remove_new_files(new_files)
                raise DiskFullError(
                    f"{spath}: the disk is full; the new database was not created. Free some space and try again"
                ) from exc
            raise
        if not memory:
            files.register(spath)
            store._registered = True
        return store

    def _prepare(self, *, memory: bool, verify: bool) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        # One read of the three, in one snapshot: read one by one, another instance creating the same
        # new database could commit its tables and application id in between ("not an annotator database").
        version, app_id, has_tables = conn.execute(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id),"
            " (SELECT count(*) FROM sqlite_master WHERE type='table')"
        ).fetchone()
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
                busy = (exc.sqlite_errorcode & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def close(self) -> None:
        self.db.close()
        if self._registered:
            self._registered = False
            files.unregister(self.path)

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
        """A consistent copy of the database while it is in use (``VACUUM INTO``).

        SQLite writes the copy to a hidden ``.NAME.PID.backup-part`` file in the target's
        folder, which becomes ``target`` only once complete; a backup that fails (disk full)
        removes it, and one that was killed leaves a file no one takes for a backup, removed
        by the next backup to the same name. An existing file is never replaced.
        """
        target = Path(target)
        if files.live_database_of(target):
            raise StoreError(f"{target}: is this database (or one of its files); choose a new file name for the backup")
        if target.exists() or target.is_symlink():
            raise StoreError(f"{target}: already exists; choose a new file name for the backup")
        folder = target.parent
        if not folder.is_dir():
            raise StoreError(f"{target}: the folder {folder} does not exist")
        _remove_stale_parts(target)
        part = folder / f".{target.name}.{os.getpid()}.{time.time_ns()}{PART_SUFFIX}"
        try:
            self._q("VACUUM INTO ?", (str(part),))
            _publish(part, target)
        except sqlite3.Error as exc:
            known = sqlite_error(str(target), exc, "no backup was written")
            raise (known or StoreError(f"{target}: the backup failed ({exc}); no backup was written")) from exc
        except OSError as exc:
            raise StoreError(f"{target}: the backup failed ({exc.strerror or exc}); no backup was written") from exc
        finally:
            part.unlink(missing_ok=True)
            Path(f"{part}-journal").unlink(missing_ok=True)  # VACUUM INTO writes the copy with a journal


PART_SUFFIX = ".backup-part"


def _publish(part: Path, target: Path) -> None:
    """Give the finished copy its name, never over a file that appeared meanwhile, and make that durable."""
    try:
        os.link(part, target)  # fails if target exists, unlike a rename
    except FileExistsError:
        raise StoreError(f"{target}: already exists; choose a new file name for the backup") from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        if target.exists():
            raise StoreError(f"{target}: already exists; choose a new file name for the backup") from None
        os.rename(part, target)
    try:
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)  # the new name survives a power loss
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_stale_parts(target: Path) -> None:
    """Remove what backups to ``target`` that were killed left behind (their process is gone)."""
    prefix = f".{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and any(name.endswith(PART_SUFFIX + end) for end in ("", "-journal"))):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            (target.parent / name).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows, signal 0 is CTRL_C_EVENT: never send it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
