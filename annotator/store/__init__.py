"""SQLite storage through sqlite-utils. Returns core objects."""

from annotator.store.paths import default_db_path, resolve_db_path
from annotator.store.store import BusyError, ConflictError, Store, StoreError

__all__ = ["BusyError", "ConflictError", "Store", "StoreError", "default_db_path", "resolve_db_path"]
