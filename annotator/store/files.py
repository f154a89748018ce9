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
_generation = 0  # changes whenever a database is registered or unregistered
# (generation, (device, inode) -> database, [(file name, database)] to stat on every check): see _known_files
_known: tuple[int, dict[tuple[int, int], str], list[tuple[str, str]]] = (-1, {}, [])


def database_files(db: str | os.PathLike[str]) -> list[str]:
    """The database file and the files SQLite keeps beside it."""
    base = str(db)
    return [base] + [base + suffix for suffix in SIBLING_SUFFIXES]


def _resolve(path: str | os.PathLike[str]) -> str:
    return str(Path(path).resolve())


def register(db: str | os.PathLike[str]) -> None:
    """A connection on ``db`` was opened in this process."""
    global _generation
    key = _resolve(db)
    with _lock:
        _open[key] = _open.get(key, 0) + 1
        _generation += 1


def unregister(db: str | os.PathLike[str]) -> None:
    """A connection on ``db`` was closed."""
    global _generation
    key = _resolve(db)
    with _lock:
        _generation += 1
        left = _open.get(key, 0) - 1
        if left > 0:
            _open[key] = left
        else:
            _open.pop(key, None)


def open_databases() -> list[str]:
    with _lock:
        return list(_open)


def _known_files() -> tuple[dict[tuple[int, int], str], list[tuple[str, str]]]:
    """Device and inode of each open database's files, and the files to stat on every check.

    Kept until a database is registered or unregistered: while a connection is open, SQLite
    holds its database, -wal and -shm files open, so their inodes do not change (and the
    locks that must not be dropped are on those inodes). A -journal comes and goes with each
    write in rollback mode, and a file missing now may appear: those are looked at every time.
    """
    global _known
    known = _known
    if known[0] == _generation:  # without the lock: a check costs one or two system calls, not more
        return known[1], known[2]
    with _lock:
        generation, dbs = _generation, list(_open)
    ids: dict[tuple[int, int], str] = {}
    recheck: list[tuple[str, str]] = []
    for db in dbs:
        for name in database_files(db):
            try:
                st = os.stat(name)
            except OSError:
                recheck.append((name, db))
                continue
            if name.endswith("-journal"):
                recheck.append((name, db))
            else:
                ids[(st.st_dev, st.st_ino)] = db
    with _lock:
        if generation == _generation:
            _known = (generation, ids, recheck)
    return ids, recheck


def live_database_of(path: str | os.PathLike[str]) -> str | None:
    """The database open in this process that ``path`` is, or is the -wal/-shm/-journal of; else None.

    For a file that exists, device and inode decide (a symlink, a hard link or another spelling):
    its resolved name could equal a database file's only if it were that very file. Only a path
    that is not there is compared by name (a -wal file SQLite has not made yet is still the
    database's). Import asks this for every file it reads, so it costs one or two stat calls:
    resolving every path (an lstat per folder on the way) was half of importing 10,000 small articles.
    """
    ids, recheck = _known_files()
    if not ids and not recheck:
        return None
    try:
        st = os.stat(path)
    except OSError:
        resolved = _resolve(path)
        return next((db for db in open_databases() if resolved in database_files(db)), None)
    db = ids.get((st.st_dev, st.st_ino))
    if db is not None:
        return db
    for name, db in recheck:
        if not os.access(name, os.F_OK):  # usually so: no exception to make (it costs more than the call)
            continue
        try:
            other = os.stat(name)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return db
    return None
