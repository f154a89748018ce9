"""Shared by the tests of the hand-annotated Wikinews sets (held-out 1 and 2, the tuning articles)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any


def read_records(path: Path) -> list[dict[str, Any]]:
    """The JSONL a set's build script wrote, one record a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_module(folder: Path) -> ModuleType:
    """The set's ``build.py`` (a script in a folder that is no package), loaded under its own name."""
    spec = importlib.util.spec_from_file_location(f"{folder.name}_build", folder / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rebuilt(folder: Path) -> list[dict[str, Any]]:
    """What the set's build script makes now from its texts and annotations, as the JSONL reads back."""
    return [json.loads(json.dumps(d, ensure_ascii=False, sort_keys=True)) for d in build_module(folder).build_all()]
