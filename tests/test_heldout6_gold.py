"""Held-out set 6 (issue 11) is valid, picked by its written rule, public domain, unseen elsewhere and frozen."""

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
from benchmarks.score_heldout import HELDOUT2, HELDOUT3, HELDOUT6, SETS

FOLDER = HELDOUT6.parent
ROOT = Path(__file__).resolve().parent.parent
RECORDS = read_records(HELDOUT6)
BUILD = build_module(FOLDER)
MARKS = "\"“”‘’'«»„"
# the rule's reporting verbs (SELECTION.md, rule 5), whole lower-case words
VERBS = re.compile(r"\b(said|says|told|stated|added|explained|noted|asked|according)\b")
REPOSITORY = "katie-hofschen/NASA_RAG"
# the one opening mark the page never closes ("I think ... curriculum, Cheboi said."): the quote ends at the verb
UNCLOSED = ("kenya", "“I think it has really helped shape our curriculum,")


def _body(text: str) -> str:
    return text.split("\n\n", 2)[2]  # after the headline and the date line


def _paragraph(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind("\n\n", 0, start)
    end = text.find("\n\n", start)
    return (0 if begin < 0 else begin + 2), (len(text.rstrip("\n")) if end < 0 else end)


def test_seven_nasa_articles_with_quotes_speakers_actors_and_figures() -> None:
    assert len(RECORDS) == 7
    assert [r["id"] for r in RECORDS] == list(BUILD.ARTICLES)
    assert {r["meta"]["publisher"] for r in RECORDS} == {BUILD.NASA}
    kinds = {s.get("kind") for r in RECORDS for s in r["spans"] if s["label"] == "QUOTE"}
    assert kinds == {"direct", "indirect"}  # the texts hold no mixed quote
    for r in RECORDS:
        labels = {s["label"] for s in r["spans"]}
        assert {"ACTOR", "QUOTE", "FIGURE"} <= labels, r["id"]
    assert sum(s["label"] == "QUOTE" for r in RECORDS for s in r["spans"]) >= 50
    assert sum(s["label"] == "FIGURE" for r in RECORDS for s in r["spans"]) >= 15


def test_articles_follow_the_written_selection_rule() -> None:
    """150-900 words, a reporting verb of the list, more than one paragraph, the undated marker (the stored
    releases carry no date), and the decisions logged in items.tsv name exactly these articles in order."""
    normalize = _normalize_module()
    for r in RECORDS:
        body = _body(r["text"])
        assert 150 <= len(body.split()) <= 900, (r["id"], len(body.split()))
        assert VERBS.search(body), r["id"]
        assert body.count("\n\n") >= 1, r["id"]
        assert r["meta"]["date"] == normalize.UNDATED, r["id"]
    with (FOLDER / "items.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert [int(row["n"]) for row in rows] == list(range(len(rows)))  # files in increasing N, none left out
    held = [row["decision"].split()[1] for row in rows if row["decision"].startswith("HELDOUT")]
    assert held == [r["id"] for r in RECORDS]
    for row in rows:
        assert row["decision"] == "skip" or row["decision"].startswith("HELDOUT"), row
        assert row["reason"].strip(), row
        assert row["file"] == f"{REPOSITORY} nasa_articles/nasa_article_{row['n']}.md", row
    for r in RECORDS:  # each held-out row names the file the record's source names
        row = next(row for row in rows if row["decision"] == f"HELDOUT {r['id']}")
        assert row["file"].endswith(r["meta"]["source"]["path"]), (r["id"], row["file"])


def _normalize_module():
    spec = importlib.util.spec_from_file_location("heldout6_normalize", FOLDER / "normalize.py")
    assert spec and spec.loader
    normalize = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(normalize)
    return normalize


def test_texts_follow_from_their_raw_copies() -> None:
    """The normalisation of SELECTION.md (normalize.py) turns raw/<id>.md into texts/<id>.txt."""
    normalize = _normalize_module()
    for r in RECORDS:
        raw = (FOLDER / "raw" / f"{r['id']}.md").read_text(encoding="utf-8")
        assert "› Back to Top" not in raw and "\n-end-" not in raw, r["id"]
        assert normalize.normalise(raw) == r["text"], r["id"]


def test_normalisation_drops_captions_bylines_and_addresses_only() -> None:
    normalize = _normalize_module()
    dropped = [
        "Students learn digital skills in rural primary schools in Mogotio, Kenya. Credit: TechLit Africa",
        "Front row from left: Eric Hendricks, and Jason Kirk. NASA / Rich Wahls",
        "during Johnson Space Center’s 2023 Diwali celebration. Image courtesy of Anima Patil-Sabale",
        "power extraction components. NASA",
        "By Celine Smith",
        "https://science.nasa.gov/mars",
    ]
    kept = [
        "“Other tools have some of these things, but none of them have all of these things,” Gratz said.",
        "“Aviary is flexible enough ... to teach you.” Jennifer Gratz Aviary Task Lead",
        "The End of the Beginning",
        "Learn more about how to engage with NASA on the NASA Engages web page.",
    ]
    assert all(normalize.is_dropped(p) for p in dropped)
    assert not any(normalize.is_dropped(p) for p in kept)
    star = "The Marshall Star for May 15, 2024 \n Joint Chiefs Vice Chairman Visits Marshall\n\nBody text here."
    expected = "Joint Chiefs Vice Chairman Visits Marshall\n\nMay 15, 2024\n\nBody text here.\n"
    assert normalize.normalise(star) == expected


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER, whole_words=True)
    for r in RECORDS:
        assert "\n\n\n" not in r["text"] and not re.search(r" \n|\n ", r["text"]), r["id"]


def test_quotes_have_a_kind_and_a_speaker() -> None:
    """A direct quote is in marks (the page's one unclosed opening mark aside); every quote names its speaker."""
    for r in RECORDS:
        text = r["text"]
        quotes = [s for s in r["spans"] if s["label"] == "QUOTE"]
        linked = {tuple(rel["quote"]) for rel in r["speakers"]}
        assert linked == {(s["start"], s["end"]) for s in quotes}, r["id"]
        for s in quotes:
            assert s.get("kind") in ("direct", "indirect"), (r["id"], s)
            if s["kind"] == "direct":
                _begin, end = _paragraph(text, s["start"])
                closed = s["text"][-1] in MARKS
                unclosed = (r["id"], s["text"]) == UNCLOSED
                assert s["text"][0] in MARKS and (closed or s["end"] == end or unclosed), (r["id"], s["text"])
            else:
                assert not any(c in s["text"] for c in '“”"'), (r["id"], s["text"])


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
        assert meta["author"] and meta["publisher"] == BUILD.NASA, r["id"]
        source = meta["source"]
        assert source["repository"] == REPOSITORY, r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]) and source["commit"] in readme, r["id"]
        assert source["path"].startswith("nasa_articles/nasa_article_") and source["path"].endswith(".md")
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["url"].endswith(source["path"]) and source["commit"] in meta["url"], r["id"]
        assert meta["title"] in readme and source["path"] in readme, r["id"]


def test_data_file_is_the_frozen_version() -> None:
    check_frozen(HELDOUT6, FOLDER)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_articles_are_in_no_other_gold_set() -> None:
    """Not in GUM or the tuning gold (benchmarks/gold/), not in any other held-out set."""
    corpora = [p for p in (ROOT / "benchmarks" / "gold").iterdir() if p.suffix in (".json", ".jsonl")]
    others = [HELDOUT, HELDOUT2, HELDOUT3, *(p for p in (ROOT / "benchmarks").glob("heldout*/heldout*.jsonl"))]
    corpus = "".join(p.read_text(encoding="utf-8") for p in [*corpora, *others] if p != HELDOUT6)
    for r in RECORDS:
        for paragraph in _body(r["text"]).split("\n\n")[:3]:
            assert paragraph[:80] not in corpus, (r["id"], paragraph[:80])


def test_scorer_reads_set_six_and_gives_full_marks_to_the_gold_itself() -> None:
    assert SETS["6"][0] == HELDOUT6
    check_scorer_full_marks(HELDOUT6, len(RECORDS))
