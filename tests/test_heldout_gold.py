"""The held-out gold set (issue 11) is valid, complete in its labels, licensed, and still the frozen version."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.gold_sets import build_module, check_frozen, check_offsets, check_speaker_relations, read_records, rebuilt

from benchmarks.heldout_data import HELDOUT, is_name, load

FOLDER = HELDOUT.parent
RECORDS = read_records(HELDOUT)


def test_at_least_twenty_articles_with_every_label() -> None:
    assert len(RECORDS) >= 20
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)
    kinds = {s.get("kind") for r in RECORDS for s in r["spans"] if s["label"] == "QUOTE"}
    assert kinds == {"direct", "mixed", "indirect"}
    for r in RECORDS:
        labels = {s["label"] for s in r["spans"]}
        assert {"ACTOR", "QUOTE"} <= labels, r["id"]
    assert sum(s["label"] == "FIGURE" for r in RECORDS for s in r["spans"]) >= 100


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER)


def test_every_quote_has_a_kind_and_a_speaker() -> None:
    for r in RECORDS:
        quotes = [s for s in r["spans"] if s["label"] == "QUOTE"]
        assert all(s.get("kind") in ("direct", "mixed", "indirect") for s in quotes), r["id"]
        linked = {tuple(rel["quote"]) for rel in r["speakers"]}
        assert linked == {(s["start"], s["end"]) for s in quotes}, r["id"]
        speaker = {tuple(rel["quote"]): tuple(rel["speaker"]) for rel in r["speakers"]}
        for n, s in enumerate(quotes):
            marks = re.search(r"[\"“”']", s["text"]) is not None
            if s["kind"] == "direct":
                assert s["text"][0] in "\"“'" and s["text"][-1] in "\"”'", (r["id"], s["text"])
            elif s["kind"] == "mixed" and not marks:
                # the first piece of a mixed clause split by its source ("Six of the murders were, according
                # to ..., "sexual in nature" ..."): the next quote, same speaker, same paragraph, holds the marks
                nxt = quotes[n + 1]
                assert "\n" not in r["text"][s["end"] : nxt["start"]], (r["id"], s["text"])
                assert nxt["kind"] == "mixed" and re.search(r"[\"“”']", nxt["text"]), (r["id"], s["text"])
                assert speaker[(s["start"], s["end"])] == speaker[(nxt["start"], nxt["end"])], (r["id"], s["text"])


def test_speaker_relations_point_from_a_quote_to_an_actor() -> None:
    check_speaker_relations(RECORDS)


def test_licence_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("CC BY 2.5"), r["id"]
        assert meta["url"].startswith("https://en.wikinews.org/wiki/"), r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["title"] in readme and meta["url"] in readme, r["id"]


def test_data_file_is_the_frozen_version() -> None:
    check_frozen(HELDOUT, FOLDER)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_loader_gives_scorable_gold_docs() -> None:
    docs = load()
    assert len(docs) == len(RECORDS)
    for doc in docs:
        assert doc.group == "heldout"
        assert set(doc.speakers) == set(doc.kinds)
        for quote, info in doc.speaker_info.items():
            assert info.names and doc.speakers[quote] == info.names
            if info.label == "PRONOUN":
                assert not info.named and info.text not in info.names
    assert is_name("Vladimir Putin") and is_name("the Investigative Committee") and is_name("al-Eryani")
    assert is_name("FSB") and is_name("Alachua Sheriff's Office")
    for generic in (
        "officials",
        "the spokesman",
        "Residents",
        "German officials",
        "Chelyabinsk's governor",
        "the mayor of Yartsevo",
    ):
        assert not is_name(generic), generic


def test_authoring_format_rejects_a_missing_span() -> None:
    build = build_module(FOLDER)
    text = 'Head\n\nDate\n\n"We will win," Ana Ruiz said.'
    doc = build.build_doc("x", text, 'A Ana Ruiz\nQ direct "We will win," > Ana Ruiz')
    assert doc["speakers"][0]["speaker_text"] == "Ana Ruiz"
    for bad in ('Q direct "We lost," > Ana Ruiz', 'Q direct "We will win," > Ana Ruiz', "Q direct win > he"):
        try:
            build.build_doc("x", text, bad)
        except build.AnnError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_texts_are_not_in_the_tuning_gold() -> None:
    tuned = Path(__file__).resolve().parent.parent / "benchmarks" / "gold"
    corpus = "".join(p.read_text(encoding="utf-8") for p in tuned.iterdir() if p.suffix in (".json", ".jsonl"))
    for r in RECORDS:
        first = r["text"].split("\n\n")[2][:80]
        assert first not in corpus, r["id"]
