"""Shared by the tests of the hand-annotated gold sets (held-out 1-3, the Wikinews and Global Voices tuning gold)."""

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


def check_speaker_relations(records: list[dict[str, Any]]) -> None:
    """Every SPEAKER goes from a QUOTE of the record to an ACTOR of it, or to a pronoun that says whom it stands
    for, and the speaker is never a word inside its quote."""
    for r in records:
        actors = {(s["start"], s["end"]) for s in r["spans"] if s["label"] == "ACTOR"}
        pronouns = {(s["start"], s["end"]) for s in r["pronouns"]}
        quotes = {(s["start"], s["end"]) for s in r["spans"] if s["label"] == "QUOTE"}
        for rel in r["speakers"]:
            quote, speaker = tuple(rel["quote"]), tuple(rel["speaker"])
            assert quote in quotes, (r["id"], rel)
            if rel["speaker_label"] == "ACTOR":
                assert speaker in actors, (r["id"], rel)
            else:
                assert rel["speaker_label"] == "PRONOUN" and speaker in pronouns and rel["stands_for"], (r["id"], rel)
            assert speaker[1] <= quote[0] or speaker[0] >= quote[1], (r["id"], rel)
