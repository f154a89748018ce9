"""SQLite storage through sqlite-utils. Returns core objects."""

from annotator.store.paths import default_db_path, resolve_db_path
from annotator.store.store import BusyError, ConflictError, SpanExistsError, Store, StoreError

__all__ = ["BusyError", "ConflictError", "SpanExistsError", "Store", "StoreError", "default_db_path", "resolve_db_path"]
