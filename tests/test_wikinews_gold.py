"""The Wikinews tuning gold (benchmarks/gold/wikinews) is valid, licensed, new, and scored as group "wikinews"."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from helpers.gold_sets import build_module, check_offsets, read_records, rebuilt

from benchmarks.gold_data import GUM, WIKINEWS, all_gold, load_gold

FOLDER = WIKINEWS.parent
ROOT = FOLDER.parent.parent.parent
RECORDS = read_records(WIKINEWS)


def _first_paragraph(text: str) -> str:
    return text.split("\n\n")[2]


def test_every_listed_article_is_annotated_with_every_label() -> None:
    build = build_module(FOLDER)
    assert [r["id"] for r in RECORDS] == list(build.URLS)
    assert len(RECORDS) >= 5
    kinds = {s.get("kind") for r in RECORDS for s in r["spans"] if s["label"] == "QUOTE"}
    assert kinds == {"direct", "mixed", "indirect"}
    for r in RECORDS:
        assert {"ACTOR", "QUOTE"} <= {s["label"] for s in r["spans"]}, r["id"]
    assert any(s["label"] == "FIGURE" for r in RECORDS for s in r["spans"])


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER, whole_words=True)


def test_every_quote_has_a_kind_and_a_speaker_outside_it() -> None:
    for r in RECORDS:
        text = r["text"]
        quotes = {(s["start"], s["end"]): s for s in r["spans"] if s["label"] == "QUOTE"}
        assert all(s.get("kind") in ("direct", "mixed", "indirect") for s in quotes.values()), r["id"]
        assert {tuple(rel["quote"]) for rel in r["speakers"]} == set(quotes), r["id"]
        actors = {(s["start"], s["end"]) for s in r["spans"] if s["label"] == "ACTOR"}
        pronouns = {(s["start"], s["end"]) for s in r["pronouns"]}
        for rel in r["speakers"]:
            quote, speaker = tuple(rel["quote"]), tuple(rel["speaker"])
            assert speaker in (actors if rel["speaker_label"] == "ACTOR" else pronouns), (r["id"], rel)
            if rel["speaker_label"] == "PRONOUN":
                assert rel["stands_for"], (r["id"], rel)
            assert speaker[1] <= quote[0] or speaker[0] >= quote[1], (r["id"], rel)
            q = quotes[quote]["text"]
            # a block quote (a whole paragraph, set off by layout instead of marks) is direct speech too
            block = text[: quote[0]].rstrip(" ").endswith("\n") and text[quote[1] : quote[1] + 1] == "\n"
            if quotes[quote]["kind"] == "direct" and not block:
                assert q[0] in "\"“'" and q[-1] in "\"”'", (r["id"], q)
            elif quotes[quote]["kind"] == "indirect":
                assert not re.search(r"[\"“”]", q), (r["id"], q)


def test_licence_source_and_date_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("CC BY 2.5"), r["id"]
        assert meta["url"].startswith("https://en.wikinews.org/wiki/"), r["id"]
        assert meta["source"]["path"] == "data/wikinews_2019.csv", r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["title"] in readme and meta["url"] in readme, r["id"]
        # January-February 2019 is the held-out set: tuning articles are from March 2019 on
        date = dt.datetime.strptime(meta["date"].split(", ", 1)[1], "%B %d, %Y").date()
        assert dt.date(2019, 3, 1) <= date <= dt.date(2019, 12, 31), r["id"]


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_articles_are_new_and_not_duplicated() -> None:
    """Not in GUM, not in the held-out set (compared by code: nobody tuning reads that set), not twice here."""
    for key in ("id", "url", "title"):
        values = [r[key] if key == "id" else r["meta"][key] for r in RECORDS]
        assert len(set(values)) == len(values), key
    firsts = [_first_paragraph(r["text"]) for r in RECORDS]
    assert len(set(firsts)) == len(firsts)
    gum = [json.loads(line) for line in GUM.read_text(encoding="utf-8").splitlines() if line.strip()]
    gum_text = "".join(g["text"] for g in gum)
    gum_titles = {g["meta"].get("title", "").strip().casefold() for g in gum}
    heldout_path = ROOT / "benchmarks" / "heldout" / "heldout.jsonl"
    heldout = [json.loads(line) for line in heldout_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    held_ids = {h["id"] for h in heldout}
    held_urls = {h["meta"]["url"] for h in heldout}
    held_titles = {h["meta"]["title"].casefold() for h in heldout}
    held_text = "".join(h["text"] for h in heldout)
    for r, first in zip(RECORDS, firsts, strict=True):
        assert r["meta"]["title"].casefold() not in gum_titles, r["id"]
        assert first[:80] not in gum_text and r["meta"]["title"] not in gum_text, r["id"]
        assert r["id"] not in held_ids and r["meta"]["url"] not in held_urls, r["id"]
        assert r["meta"]["title"].casefold() not in held_titles, r["id"]
        assert first[:80] not in held_text, r["id"]


def test_benchmark_scores_them_as_group_wikinews_with_their_speakers() -> None:
    docs = load_gold(WIKINEWS)
    assert [d.id for d in docs] == [r["id"] for r in RECORDS]
    assert {d.group for d in docs} == {"wikinews"}
    assert [d.id for d in all_gold() if d.group == "wikinews"] == [d.id for d in docs]
    for doc, r in zip(docs, RECORDS, strict=True):
        quotes = {(s.start, s.end): s.kind for s in doc.spans if s.label == "QUOTE"}
        assert quotes == {(s["start"], s["end"]): s["kind"] for s in r["spans"] if s["label"] == "QUOTE"}
        for rel in r["speakers"]:
            names = doc.speakers[tuple(rel["quote"])]
            assert names, (r["id"], rel)
            if rel["speaker_label"] == "PRONOUN":  # judged by whom it stands for, never by the pronoun itself
                assert names == rel["stands_for"] and doc.speaker_form[tuple(rel["quote"])] == "pronoun"
            else:
                assert rel["speaker_text"] in names and set(rel["stands_for"] or []) <= set(names)


def test_csv_import_normalises_paragraphs(tmp_path: Path) -> None:
    build = build_module(FOLDER)
    body = 'Monday, December 2, 2019 \n\n\nFirst "paragraph".  \n\n\nSecond.\n\n\n'
    assert build.normalise(" Head ", body) == 'Head\n\nMonday, December 2, 2019\n\nFirst "paragraph".\n\nSecond.\n'


def test_a_span_inside_a_longer_word_is_refused_not_built() -> None:
    from benchmarks.annfile import AnnError, build_doc

    text = "Chadwick Boseman dies\n\nMonday, August 31, 2020\n\nCoogler said that Chad was an anomaly."
    with pytest.raises(AnnError, match="'Chad' at 0 is part of a longer word"):
        build_doc("x", text, "A Chad\n", url="", license="", source={})
    doc = build_doc("x", text, "A Chad @@that Chad was\n", url="", license="", source={})
    assert [(s["start"], s["text"]) for s in doc["spans"]] == [(text.index("that Chad") + 5, "Chad")]
