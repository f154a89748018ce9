"""What can go wrong with a database, as messages for the user."""

from __future__ import annotations

import os
import shutil
import sqlite3


class StoreError(Exception):
    """A database that cannot be used; the message says which file and what to do."""


class ConflictError(StoreError):
    """Someone else changed the document since it was read (another window or instance)."""


class BusyError(StoreError):
    """Another instance held the write lock longer than the busy timeout; nothing was saved, retry."""


class SpanExistsError(StoreError):
    """A change would give a span the offsets and label of another span a person accepted."""


class DiskFullError(StoreError):
    """The disk (or the user's quota) is full: nothing was written; free some space and try again."""


def sqlite_error(path: str, exc: sqlite3.Error, doing: str) -> StoreError | None:
    """A StoreError for an SQLite error a user can meet, sorted by its error code; None for the rest.

    ``doing`` completes "... was not saved"-style sentences: "the change was not saved".
    """
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # the primary code of an extended one
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BusyError(f"{path}: the database is busy (another annotator instance is writing); {doing}, try again")
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _nearly_full(path)):
        return DiskFullError(f"{path}: the disk is full; {doing}. Free some space and try again")
    return None


def _nearly_full(path: str) -> bool:
    """Whether the disk holding ``path`` has (almost) no room left: SQLite reports some ENOSPC as I/O errors."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    try:
        return shutil.disk_usage(folder).free < 1 << 20
    except OSError:
        return False
