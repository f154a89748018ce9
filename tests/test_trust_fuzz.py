"""Bounded fuzzing in CI: the JSONL importer and the offset mapper on generated junk, for a few seconds.

Longer runs: ``python scripts/fuzz.py --seconds 600``.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings

HERE = Path(__file__).resolve().parent
EXAMPLES = int(os.environ.get("TRUST_FUZZ_EXAMPLES", "150"))


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_targets", HERE / "helpers" / "fuzz_targets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


targets: Any = _load()
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(targets.jsonl_files())
def test_fuzz_jsonl_importer(data: bytes) -> None:
    targets.check_import(data)


@FUZZ
@given(targets.any_text)
def test_fuzz_offset_mapper(text: str) -> None:
    targets.check_offsets(text)


def test_fuzz_targets_catch_a_broken_rule() -> None:
    """The targets are not vacuous: a store with a span that splits an emoji fails the import check."""
    import pytest

    from annotator.core.offsets import OffsetMap

    class Broken(OffsetMap):
        def to_codepoint(self, u16: int, *, snap: str = "refuse") -> int:
            return u16  # ignores surrogate pairs

    original = targets.OffsetMap
    targets.OffsetMap = Broken
    try:
        with pytest.raises(AssertionError):
            targets.check_offsets("a😀b")
    finally:
        targets.OffsetMap = original
