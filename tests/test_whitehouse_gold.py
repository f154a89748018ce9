"""The White House tuning gold (benchmarks/gold/whitehouse) is valid, public domain with its source recorded, made
from the stored markdown by the written conversion, disjoint from the other gold and held-out sets, and scored as
group "whitehouse"."""

from __future__ import annotations

import hashlib
import re

from helpers.gold_sets import build_module, check_offsets, check_speaker_relations, read_records, rebuilt

from benchmarks.gold_data import GLOBALVOICES, WHITEHOUSE, WIKINEWS, all_gold, load_gold

FOLDER = WHITEHOUSE.parent
ROOT = FOLDER.parent.parent.parent
RECORDS = read_records(WHITEHOUSE)
HELDOUT = [
    ROOT / "benchmarks" / "heldout" / "heldout.jsonl",
    ROOT / "benchmarks" / "heldout2" / "heldout2.jsonl",
    ROOT / "benchmarks" / "heldout3" / "heldout3.jsonl",
]


def test_every_page_is_listed_with_a_digest_and_the_annotated_ones_come_first() -> None:
    build = build_module(FOLDER)
    ids = [r["id"] for r in RECORDS]
    assert len(ids) >= 4
    assert ids == list(build.PAGES)[: len(ids)]  # annotated in the listed order
    assert set(build.PAGES) == set(build.SHA256)
    for r in RECORDS:
        assert "ACTOR" in {s["label"] for s in r["spans"]}, r["id"]
    assert sum(s["label"] == "QUOTE" for r in RECORDS for s in r["spans"]) >= 2 * len(RECORDS)


def test_texts_are_the_stored_markdown_as_a_reader_sees_it() -> None:
    build = build_module(FOLDER)
    for doc_id, page in build.PAGES.items():
        markdown = (FOLDER / "source" / f"{doc_id}.md").read_text(encoding="utf-8")
        data = (FOLDER / "texts" / f"{doc_id}.txt").read_bytes()
        assert data.decode("utf-8") == build.text_from_markdown(markdown, page.title), doc_id
        assert hashlib.sha256(data).hexdigest() == build.SHA256[doc_id], doc_id
        assert f"source_url: {page.url}" in markdown, doc_id  # the address the mirror recorded
        text = data.decode("utf-8")
        assert "  " not in text and "\\" not in text and "](" not in text and "<figure" not in text, doc_id
    for r in RECORDS:
        assert r["meta"]["sha256"] == build.SHA256[r["id"]]


def test_the_conversion_joins_lines_and_drops_markup_but_keeps_the_words() -> None:
    build = build_module(FOLDER)
    markdown = (
        "---\ndate: '2022-06-06'\ntitle: \"x\"\n---\n \n*A subhead *\n\nParticipants discussed\nthe crisis if *Roe v."
        " Wade* is overturned.  They met\\[million\\]. \n\n-   Center for American Progress \n-   Families\n    USA\n\n"
        "<figure>\n<img\nsrc=\"x.png\" />\n</figure>\n\nSee [WH.gov/intern](http://wh.gov/intern) or"
        " <https://kendamil.com/>.\n\n\\###\n"
    )
    assert build.text_from_markdown(markdown, "Title") == (
        "Title\n\nMonday, June 6, 2022\n\nA subhead\n\nParticipants discussed the crisis if Roe v. Wade is overturned."
        " They met[million].\n\nCenter for American Progress\n\nFamilies USA\n\nSee WH.gov/intern or"
        " https://kendamil.com/.\n\n###\n"
    )


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER, whole_words=True)


def test_quotes_have_a_kind_and_speakers_stand_outside_them() -> None:
    check_speaker_relations(RECORDS)
    for r in RECORDS:
        for q in (s for s in r["spans"] if s["label"] == "QUOTE"):
            assert q.get("kind") in ("direct", "mixed", "indirect"), (r["id"], q)
            if q["kind"] == "indirect":
                assert not re.search(r"[\"“”]", q["text"]), (r["id"], q["text"])
    # transcripts: a reporter's turn (a "Q" line) is a quote without a speaker, every other turn names its speaker
    for r in RECORDS:
        named = {tuple(rel["quote"]) for rel in r["speakers"]}
        for q in (s for s in r["spans"] if s["label"] == "QUOTE"):
            line_start = r["text"].rfind("\n", 0, q["start"]) + 1
            if r["text"][line_start : q["start"]] == "Q ":
                assert (q["start"], q["end"]) not in named, (r["id"], q["text"])


def test_public_domain_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "17 U.S.C. 105" in readme and "brian14708/wh-briefings" in readme
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("public domain (17 U.S.C. 105"), r["id"]
        assert meta["publisher"] == "The White House"
        assert re.match(r"https://(bidenwhitehouse\.archives|www\.whitehouse)\.gov/briefing-room/", meta["url"])
        assert meta["source"]["repository"] == "brian14708/wh-briefings", r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert re.fullmatch(r"\w+day, \w+ \d{1,2}, 202[12]", meta["date"]), r["id"]
        for value in (meta["title"], meta["url"], meta["sha256"], meta["source"]["commit"]):
            assert value in readme, (r["id"], value)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_pages_are_in_no_held_out_set_and_in_no_other_tuning_gold() -> None:
    """Compared by code: nobody tuning reads the held-out sets."""
    others = [rec for path in [*HELDOUT, WIKINEWS, GLOBALVOICES] for rec in read_records(path)]
    assert len(others) >= 90  # all three held-out sets and the Wikinews and Global Voices gold were read
    other_urls = {o["meta"]["url"] for o in others}
    other_text = "\n".join(o["text"] for o in others)
    for r in RECORDS:
        assert r["meta"]["url"] not in other_urls, r["id"]
        for para in (p for p in r["text"].split("\n\n")[2:] if len(p) > 60):
            assert para[:80] not in other_text, (r["id"], para[:80])


def test_benchmark_scores_them_as_group_whitehouse_with_their_speakers() -> None:
    docs = load_gold(WHITEHOUSE)
    assert [d.id for d in docs] == [r["id"] for r in RECORDS]
    assert {d.group for d in docs} == {"whitehouse"}
    assert [d.id for d in all_gold() if d.group == "whitehouse"] == [d.id for d in docs]
    for doc, r in zip(docs, RECORDS, strict=True):
        quotes = {(s.start, s.end): s.kind for s in doc.spans if s.label == "QUOTE"}
        assert quotes == {(s["start"], s["end"]): s["kind"] for s in r["spans"] if s["label"] == "QUOTE"}
        for rel in r["speakers"]:
            names = doc.speakers[tuple(rel["quote"])]
            assert names and (rel["speaker_text"] in names or rel["speaker_label"] == "PRONOUN"), (r["id"], rel)
            assert set(rel["stands_for"] or []) <= set(names), (r["id"], rel)
        unnamed = [q for q, names in doc.speakers.items() if not names]
        assert len(unnamed) == sum(1 for q in quotes if q not in {tuple(x["quote"]) for x in r["speakers"]})
