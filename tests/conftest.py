"""Shared fixtures. Qt runs headless: the platform is set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("ANNOTATOR_DB", None)

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def store() -> Iterator[Store]:
    """A fresh in-memory database."""
    s = Store.open(":memory:")
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a database file that does not exist yet."""
    return tmp_path / "annotations.db"
