"""Shared by the tests of the hand-annotated gold sets (held-out 1-3, the Wikinews and Global Voices tuning gold)."""

from __future__ import annotations

import hashlib
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


def check_offsets(records: list[dict[str, Any]], folder: Path, *, whole_words: bool = False) -> None:
    """Every span and pronoun lies in its text and reads as it says, stripped and on one line; the record's text
    is its ``texts/<id>.txt`` unchanged. With ``whole_words``, no span starts or ends inside a word ("Austria" in
    "Austrian") and every speaker's text reads as it says."""
    for r in records:
        text = r["text"]
        for s in [*r["spans"], *r["pronouns"]]:
            assert 0 <= s["start"] < s["end"] <= len(text), (r["id"], s)
            assert text[s["start"] : s["end"]] == s["text"], (r["id"], s)
            assert s["text"] == s["text"].strip() and "\n" not in s["text"], (r["id"], s)
            if whole_words:
                assert not (s["start"] > 0 and text[s["start"] - 1].isalnum()), (r["id"], s)
                assert not (s["end"] < len(text) and text[s["end"]].isalnum()), (r["id"], s)
        if whole_words:
            for rel in r["speakers"]:
                start, end = rel["speaker"]
                assert text[start:end] == rel["speaker_text"], (r["id"], rel)
        assert (folder / "texts" / f"{r['id']}.txt").read_text(encoding="utf-8") == text


def check_frozen(data: Path, folder: Path) -> None:
    """The data file is the version whose sha256 the set's README records."""
    readme = (folder / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    assert f"sha256 `{digest}`" in readme, f"{data.name} changed after it was frozen: see {folder.name}/README.md"


def check_scorer_full_marks(data: Path, n_records: int) -> None:
    """benchmarks.score_heldout, given a held-out set's own gold as the suggestions, finds no error."""
    from benchmarks.heldout_data import load
    from benchmarks.quality import ToolOutput
    from benchmarks.score_heldout import HeldoutScore

    docs = load(data)
    assert len(docs) == n_records
    sc = HeldoutScore()
    for doc in docs:
        out = ToolOutput(
            spans=[(s.start, s.end, s.label, s.kind) for s in doc.spans],
            links=[(q, info.names[0]) for q, info in doc.speaker_info.items()],
        )
        sc.add(doc, out)
    for counts in (*sc.labels.values(), *sc.quotes.values(), *sc.pairs.values()):
        assert counts.fp == 0 and counts.fn == 0
    assert sc.quotes["direct"].tp + sc.quotes["mixed"].tp + sc.quotes["indirect"].tp == sum(len(d.kinds) for d in docs)
    assert sc.named["all"][0] == sc.named["all"][1] > 0 and not sc.failures
