"""Held-out set 2 (issue 11) is valid, picked by its written rule, licensed, unseen elsewhere and frozen."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from helpers.gold_sets import (
    check_frozen,
    check_offsets,
    check_scorer_full_marks,
    check_speaker_relations,
    read_records,
    rebuilt,
)

from benchmarks.heldout_data import HELDOUT
from benchmarks.score_heldout import HELDOUT2, SETS

FOLDER = HELDOUT2.parent
ROOT = Path(__file__).resolve().parent.parent
RECORDS = read_records(HELDOUT2)
MARKS = "\"“”‘’'«»„"


def _body(text: str) -> str:
    return text.split("\n\n", 2)[2]  # after the headline and the date line


def test_at_least_twenty_articles_with_every_label() -> None:
    assert len(RECORDS) >= 20
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)
    kinds = {s.get("kind") for r in RECORDS for s in r["spans"] if s["label"] == "QUOTE"}
    assert kinds == {"direct", "mixed", "indirect"}
    for r in RECORDS:
        assert {"ACTOR", "QUOTE"} <= {s["label"] for s in r["spans"]}, r["id"]
    assert sum(s["label"] == "FIGURE" for r in RECORDS for s in r["spans"]) >= 100


def test_articles_follow_the_written_selection_rule() -> None:
    """Two articles for each month of 2020, each with 200-600 words and the word "said" (README)."""
    months: Counter[str] = Counter()
    for r in RECORDS:
        date = r["meta"]["date"]
        assert date.endswith(", 2020"), (r["id"], date)
        months[date.split(", ")[1].split()[0]] += 1
        body = _body(r["text"])
        assert 200 <= len(body.split()) <= 600, r["id"]
        assert re.search(r"\bsaid\b", body), r["id"]
    assert len(months) == 12 and set(months.values()) == {2}, months


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER)
    for r in RECORDS:
        assert "\n\n\n" not in r["text"] and not re.search(r" \n|\n ", r["text"]), r["id"]


def test_quotes_have_a_kind_and_a_speaker_unless_nobody_signed_them() -> None:
    unsigned = 0
    for r in RECORDS:
        quotes = [s for s in r["spans"] if s["label"] == "QUOTE"]
        linked = {tuple(rel["quote"]) for rel in r["speakers"]}
        assert linked <= {(s["start"], s["end"]) for s in quotes}, r["id"]
        for s in quotes:
            assert s.get("kind") in ("direct", "mixed", "indirect"), (r["id"], s)
            marks = any(c in s["text"] for c in MARKS)
            if s["kind"] == "direct":
                assert s["text"][0] in MARKS and s["text"][-1] in MARKS, (r["id"], s["text"])
            elif s["kind"] == "mixed":
                assert marks, (r["id"], s["text"])
            if (s["start"], s["end"]) not in linked:
                unsigned += 1
                assert s["kind"] == "direct", (r["id"], s["text"])  # a document nobody signed (a law) speaks
    assert unsigned <= 2


def test_speaker_relations_point_from_a_quote_to_an_actor() -> None:
    check_speaker_relations(RECORDS)


def test_licence_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "CC BY 2.5" in readme and "Wikinews contributors" in readme
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("CC BY 2.5"), r["id"]
        assert meta["url"].startswith("https://en.wikinews.org/wiki/"), r["id"]
        assert meta["source"]["path"] == "wikinews_2020.csv", r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["source"]["commit"] in readme
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["title"] in readme and meta["url"] in readme, r["id"]


def test_data_file_is_the_frozen_version() -> None:
    check_frozen(HELDOUT2, FOLDER)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_articles_are_in_no_other_gold_set() -> None:
    """Not in GUM or the tuning gold (benchmarks/gold/), not in held-out set 1."""
    corpora = [p for p in (ROOT / "benchmarks" / "gold").iterdir() if p.suffix in (".json", ".jsonl")]
    corpus = "".join(p.read_text(encoding="utf-8") for p in [*corpora, HELDOUT])
    first = {json.loads(line)["meta"]["url"] for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line}
    for r in RECORDS:
        assert r["meta"]["url"] not in first, r["id"]
        for paragraph in _body(r["text"]).split("\n\n")[:2]:
            assert paragraph[:80] not in corpus, r["id"]


def test_scorer_reads_both_sets_and_gives_full_marks_to_the_gold_itself() -> None:
    assert SETS["1"][0] == HELDOUT and SETS["2"][0] == HELDOUT2
    check_scorer_full_marks(HELDOUT2, len(RECORDS))
