"""What can go wrong with a database, as messages for the user."""

from __future__ import annotations


class StoreError(Exception):
    """A database that cannot be used; the message says which file and what to do."""


class ConflictError(StoreError):
    """Someone else changed the document since it was read (another window or instance)."""


class BusyError(StoreError):
    """Another instance held the write lock longer than the busy timeout; nothing was saved, retry."""


class SpanExistsError(StoreError):
    """A change would give a span the offsets and label of another span a person accepted."""
