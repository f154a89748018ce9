"""The files of the databases this process has open, so that nothing else in it touches them.

SQLite's locks are POSIX advisory locks, which belong to the process: closing *any*
descriptor the process holds on a database file drops every lock SQLite holds on it
("How To Corrupt An SQLite Database File", section 2.2). Another process may then
checkpoint and delete the -wal and -shm files while this one still writes into them,
and every edit made after that is lost. So while a connection is open, no code in the
process may open the database file or its -wal, -shm or -journal with plain file I/O:
not to read a header, import, export, back up or copy. Store registers each database
it opens here; import, export and backup ask :func:`live_database_of` before they open
or replace a file. Checks use ``os.stat`` only, which takes no descriptor.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

SIBLING_SUFFIXES = ("-wal", "-shm", "-journal")

_lock = threading.Lock()
_open: dict[str, int] = {}  # resolved database path -> number of connections open on it


def database_files(db: str | os.PathLike[str]) -> list[str]:
    """The database file and the files SQLite keeps beside it."""
    base = str(db)
    return [base] + [base + suffix for suffix in SIBLING_SUFFIXES]


def _resolve(path: str | os.PathLike[str]) -> str:
    return str(Path(path).resolve())


def register(db: str | os.PathLike[str]) -> None:
    """A connection on ``db`` was opened in this process."""
    key = _resolve(db)
    with _lock:
        _open[key] = _open.get(key, 0) + 1


def unregister(db: str | os.PathLike[str]) -> None:
    """A connection on ``db`` was closed."""
    key = _resolve(db)
    with _lock:
        left = _open.get(key, 0) - 1
        if left > 0:
            _open[key] = left
        else:
            _open.pop(key, None)


def open_databases() -> list[str]:
    with _lock:
        return list(_open)


def _same_file(a: os.stat_result, path: str) -> bool:
    try:
        b = os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def live_database_of(path: str | os.PathLike[str]) -> str | None:
    """The database open in this process that ``path`` is, or is the -wal/-shm/-journal of; else None.

    For a file that exists, device and inode decide (a symlink, a hard link or another spelling):
    its resolved name could equal a database file's only if it were that very file. Only a path
    that is not there is compared by name (a -wal file SQLite has not made yet is still the
    database's), since resolving a name costs an lstat for each folder on the way: done for every
    file, that was half of importing 10,000 small articles.
    """
    dbs = open_databases()
    if not dbs:
        return None
    try:
        st = os.stat(path)
    except OSError:
        resolved = _resolve(path)
        return next((db for db in dbs if resolved in database_files(db)), None)
    for db in dbs:
        for name in database_files(db):
            if _same_file(st, name):
                return db
    return None
