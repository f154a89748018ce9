"""Held-out set 4 (issue 11) is valid, picked by its written rule, public domain, unseen elsewhere and frozen."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

from helpers.gold_sets import (
    build_module,
    check_frozen,
    check_offsets,
    check_scorer_full_marks,
    check_speaker_relations,
    read_records,
    rebuilt,
)

from benchmarks.heldout_data import HELDOUT
from benchmarks.score_heldout import HELDOUT2, HELDOUT3, HELDOUT4, SETS

FOLDER = HELDOUT4.parent
ROOT = Path(__file__).resolve().parent.parent
RECORDS = read_records(HELDOUT4)
BUILD = build_module(FOLDER)
MARKS = "\"“”‘’'«»„"
# the rule's reporting verbs (SELECTION.md, rule 5), whole lower-case words
VERBS = re.compile(r"\b(said|says|told|stated|added|explained|noted|asked|according)\b")
DATE_LINE = re.compile(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, 20\d\d")
PUBLISHERS = {
    "U.S. Air Force (Air Force News Service, af.mil)": "strangerAshik/TecnologiaNova",
    "U.S. Army Capabilities Integration Center (TRADOC, arcic.army.mil)": "tradocG9media/TRADOC_G9",
}


def _body(text: str) -> str:
    return text.split("\n\n", 2)[2]  # after the headline and the date line


def _paragraph(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind("\n\n", 0, start)
    end = text.find("\n\n", start)
    return (0 if begin < 0 else begin + 2), (len(text.rstrip("\n")) if end < 0 else end)


def test_twelve_articles_of_two_publishers_with_every_label() -> None:
    assert len(RECORDS) == 12
    assert [r["id"] for r in RECORDS] == list(BUILD.ARTICLES)
    assert {r["meta"]["publisher"] for r in RECORDS} == set(PUBLISHERS)
    kinds = {s.get("kind") for r in RECORDS for s in r["spans"] if s["label"] == "QUOTE"}
    assert kinds == {"direct", "mixed", "indirect"}
    for r in RECORDS:
        labels = {s["label"] for s in r["spans"]}
        assert {"ACTOR", "QUOTE"} <= labels, r["id"]
    assert sum(s["label"] == "QUOTE" for r in RECORDS for s in r["spans"]) >= 80
    assert sum(s["label"] == "FIGURE" for r in RECORDS for s in r["spans"]) >= 20


def test_articles_follow_the_written_selection_rule() -> None:
    """150-900 words, a reporting verb of the list, a date line from the page or the undated marker
    (SELECTION.md, amendment 1), and the decisions logged in items.tsv name exactly these articles in order."""
    for r in RECORDS:
        body = _body(r["text"])
        assert 150 <= len(body.split()) <= 900, (r["id"], len(body.split()))
        assert VERBS.search(body), r["id"]
        assert DATE_LINE.fullmatch(r["meta"]["date"]) or r["meta"]["date"] == "Date not given on the page", r["id"]
    with (FOLDER / "items.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    held = [row["decision"].split()[1] for row in rows if row["decision"].startswith("HELDOUT")]
    assert held == [r["id"] for r in RECORDS]
    for row in rows:
        assert row["decision"] == "skip" or row["decision"].startswith("HELDOUT"), row
        assert row["reason"].strip(), row
    for r in RECORDS:  # each held-out row names the file the record's source names
        row = next(row for row in rows if row["decision"] == f"HELDOUT {r['id']}")
        assert row["file"].endswith(r["meta"]["source"]["path"]), (r["id"], row["file"])


def test_texts_follow_from_their_raw_copies() -> None:
    """The normalisation of SELECTION.md (normalize.py) turns raw/<id>.html into texts/<id>.txt."""
    spec = importlib.util.spec_from_file_location("heldout4_normalize", FOLDER / "normalize.py")
    assert spec and spec.loader
    normalize = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(normalize)
    for r in RECORDS:
        raw = (FOLDER / "raw" / f"{r['id']}.html").read_text(encoding="utf-8")
        assert normalize.normalise(raw, r["meta"]["date"]) == r["text"], r["id"]


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER, whole_words=True)
    for r in RECORDS:
        assert "\n\n\n" not in r["text"] and not re.search(r" \n|\n ", r["text"]), r["id"]


def test_quotes_have_a_kind_and_a_speaker_unless_nobody_is_named() -> None:
    """A direct quote is in marks, or (an opening mark never closed) runs to the end of its paragraph;
    a mixed quote holds marks; only one quote, 'The discussion highlighted that ...', names no speaker."""
    unsigned = []
    for r in RECORDS:
        text = r["text"]
        quotes = [s for s in r["spans"] if s["label"] == "QUOTE"]
        linked = {tuple(rel["quote"]) for rel in r["speakers"]}
        assert linked <= {(s["start"], s["end"]) for s in quotes}, r["id"]
        for s in quotes:
            assert s.get("kind") in ("direct", "mixed", "indirect"), (r["id"], s)
            if s["kind"] == "direct":
                _begin, end = _paragraph(text, s["start"])
                closed = s["text"][-1] in MARKS
                assert s["text"][0] in MARKS and (closed or s["end"] == end), (r["id"], s["text"])
            elif s["kind"] == "mixed":
                assert any(c in s["text"] for c in MARKS), (r["id"], s["text"])
            if (s["start"], s["end"]) not in linked:
                unsigned.append((r["id"], s["text"][:40]))
    assert unsigned == [("thinktankday", "proper investment in science and technol")]


def test_speaker_relations_point_from_a_quote_to_an_actor() -> None:
    check_speaker_relations(RECORDS)
    pronouns = [rel for r in RECORDS for rel in r["speakers"] if rel["speaker_label"] == "PRONOUN"]
    assert pronouns and all(rel["stands_for"] for rel in pronouns)


def test_licence_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "public domain" in readme.lower() and "17 U.S.C. §105" in readme
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("Public domain"), r["id"]
        assert meta["author"] and meta["publisher"] in PUBLISHERS, r["id"]
        source = meta["source"]
        assert source["repository"] == PUBLISHERS[meta["publisher"]], r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]) and source["commit"] in readme, r["id"]
        assert source["path"].endswith((".html", ".aspx")), r["id"]
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["url"] in readme and meta["author"] in readme and meta["title"] in readme, r["id"]


def test_data_file_is_the_frozen_version() -> None:
    check_frozen(HELDOUT4, FOLDER)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_articles_are_in_no_other_gold_set() -> None:
    """Not in GUM or the tuning gold (benchmarks/gold/), not in any other held-out set."""
    corpora = [p for p in (ROOT / "benchmarks" / "gold").iterdir() if p.suffix in (".json", ".jsonl")]
    others = [HELDOUT, HELDOUT2, HELDOUT3, *(p for p in (ROOT / "benchmarks").glob("heldout*/heldout*.jsonl"))]
    corpus = "".join(p.read_text(encoding="utf-8") for p in [*corpora, *others] if p != HELDOUT4)
    for r in RECORDS:
        for paragraph in _body(r["text"]).split("\n\n")[:3]:
            assert paragraph[:80] not in corpus, (r["id"], paragraph[:80])


def test_scorer_reads_set_four_and_gives_full_marks_to_the_gold_itself() -> None:
    assert SETS["4"][0] == HELDOUT4
    check_scorer_full_marks(HELDOUT4, len(RECORDS))
