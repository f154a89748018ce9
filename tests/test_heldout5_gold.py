"""Held-out set 5 (issue 11) is valid, picked by its written rule, licensed, unseen elsewhere and frozen."""

from __future__ import annotations

import csv
import re
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
from benchmarks.score_heldout import HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5, SETS

FOLDER = HELDOUT5.parent
ROOT = Path(__file__).resolve().parent.parent
RECORDS = read_records(HELDOUT5)
MARKS = "\"“”‘’'«»„"
# the rule's reporting verbs (SELECTION.md, condition 4), whole lower-case words
VERBS = re.compile(r"\b(said|says|told|added|stated|explained|commented|wrote)\b")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\d{{1,2}} ({MONTHS}) \d{{4}}")
REPOSITORIES = {"alphagov/govuk-content-schemas", "alphagov/publishing-api"}


def _body(text: str) -> str:
    return text.split("\n\n", 2)[2]  # after the headline and the date line


def _paragraph(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind("\n\n", 0, start)
    end = text.find("\n\n", start)
    return (0 if begin < 0 else begin + 2), (len(text.rstrip("\n")) if end < 0 else end)


def _items() -> list[dict[str, str]]:
    with (FOLDER / "items.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_every_eligible_item_of_the_pool_is_in_the_set_in_rule_order() -> None:
    """items.tsv logs every file the rule looked at; its HELDOUT rows are the records, in that order."""
    rows = _items()
    assert [int(r["n"]) for r in rows] == list(range(1, len(rows) + 1))
    picked = [r["decision"].split()[1] for r in rows if r["decision"].startswith("HELDOUT")]
    assert picked == [r["id"] for r in RECORDS]
    assert all(r["decision"] in ("skip",) or r["decision"].startswith("HELDOUT ") for r in rows)
    assert all(r["reason"] for r in rows)
    assert {r["repository"] for r in rows} == REPOSITORIES
    for r, rec in zip([r for r in rows if r["decision"].startswith("HELDOUT")], RECORDS, strict=True):
        assert rec["meta"]["source"]["repository"] == r["repository"] and rec["meta"]["source"]["path"] == r["path"]
        assert rec["meta"]["url"] == "https://www.gov.uk" + r["base_path"]
        assert int(r["words"]) == len(_body(rec["text"]).split())


def test_seven_items_with_quotes_speakers_actors_and_figures() -> None:
    assert len(RECORDS) == 7
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)
    kinds = {s.get("kind") for r in RECORDS for s in r["spans"] if s["label"] == "QUOTE"}
    assert kinds == {"direct", "indirect"}  # the pool holds no mixed quote
    for r in RECORDS:
        labels = {s["label"] for s in r["spans"]}
        assert {"ACTOR", "QUOTE"} <= labels and r["speakers"], r["id"]
    assert sum(s["label"] == "QUOTE" for r in RECORDS for s in r["spans"]) >= 40
    assert sum(s["label"] == "FIGURE" for r in RECORDS for s in r["spans"]) >= 50


def test_items_follow_the_written_selection_rule() -> None:
    """150-900 words of body, a reporting verb of the list, the date of first publication (SELECTION.md)."""
    for r in RECORDS:
        meta = r["meta"]
        assert DATE.fullmatch(meta["date"]), (r["id"], meta["date"])
        assert re.match(r"https://www\.gov\.uk/government/(news|case-studies)/[a-z0-9-]+$", meta["url"]), r["id"]
        body = _body(r["text"])
        assert 150 <= len(body.split()) <= 900, (r["id"], len(body.split()))
        assert VERBS.search(body), r["id"]


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER, whole_words=True)
    for r in RECORDS:
        assert "\n\n\n" not in r["text"] and not re.search(r" \n|\n |  ", r["text"]), r["id"]
        assert r["text"].endswith("\n") and not r["text"].endswith("\n\n"), r["id"]


def test_quotes_have_a_kind_and_a_speaker_unless_nobody_signed_them() -> None:
    """A direct quote is in marks or, the block-quote layout, a whole paragraph."""
    unsigned = 0
    for r in RECORDS:
        text = r["text"]
        quotes = [s for s in r["spans"] if s["label"] == "QUOTE"]
        linked = {tuple(rel["quote"]) for rel in r["speakers"]}
        assert linked <= {(s["start"], s["end"]) for s in quotes}, r["id"]
        for s in quotes:
            if s["kind"] == "direct":
                in_marks = s["text"][0] in MARKS
                assert in_marks or (s["start"], s["end"]) == _paragraph(text, s["start"]), (r["id"], s["text"])
            if (s["start"], s["end"]) not in linked:
                unsigned += 1
                assert s["kind"] == "direct", (r["id"], s["text"])  # an advert's slogan, asked of the viewer
    assert unsigned == 1


def test_speaker_relations_point_from_a_quote_to_an_actor() -> None:
    check_speaker_relations(RECORDS)


def test_licence_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in readme
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("OGL v3.0"), r["id"]
        assert meta["publisher"] == f"GOV.UK ({meta['author']})", r["id"]
        assert meta["source"]["repository"] in REPOSITORIES, r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["source"]["commit"] in readme and meta["source"]["path"] in readme, r["id"]
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["title"] in readme and meta["url"] in readme and meta["author"] in readme, r["id"]


def test_data_file_is_the_frozen_version() -> None:
    check_frozen(HELDOUT5, FOLDER)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_items_are_in_no_other_gold_set() -> None:
    """Not in GUM or the tuning gold (benchmarks/gold/), not in held-out sets 1 to 4."""
    gold = ROOT / "benchmarks" / "gold"
    corpora = [p for p in gold.rglob("*") if p.suffix in (".json", ".jsonl")]
    corpus = "".join(p.read_text(encoding="utf-8") for p in [*corpora, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4])
    for r in RECORDS:
        for paragraph in _body(r["text"]).split("\n\n")[:3]:
            assert paragraph[:80] not in corpus, (r["id"], paragraph[:80])


def test_scorer_reads_set_five_and_gives_full_marks_to_the_gold_itself() -> None:
    assert SETS["5"][0] == HELDOUT5
    check_scorer_full_marks(HELDOUT5, len(RECORDS))
