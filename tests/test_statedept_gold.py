"""The State Department tuning gold (benchmarks/gold/statedept) is valid, public domain with its source recorded,
made from the stored feed items by the written conversion, disjoint from the other gold and held-out sets, and
scored as group "statedept"."""

from __future__ import annotations

import hashlib
import json
import re

from helpers.gold_sets import build_module, check_offsets, check_speaker_relations, read_records, rebuilt

from benchmarks.gold_data import GLOBALVOICES, STATEDEPT, WHITEHOUSE, WIKINEWS, all_gold, load_gold

FOLDER = STATEDEPT.parent
ROOT = FOLDER.parent.parent.parent
RECORDS = read_records(STATEDEPT)
HELDOUT = [
    ROOT / "benchmarks" / "heldout" / "heldout.jsonl",
    ROOT / "benchmarks" / "heldout2" / "heldout2.jsonl",
    ROOT / "benchmarks" / "heldout3" / "heldout3.jsonl",
]


def test_every_page_is_listed_with_a_digest_and_the_annotated_ones_come_first() -> None:
    build = build_module(FOLDER)
    ids = [r["id"] for r in RECORDS]
    assert len(ids) >= 4
    assert ids == list(build.PAGES)[: len(ids)]
    assert set(build.PAGES) == set(build.SHA256)
    for r in RECORDS:
        assert "ACTOR" in {s["label"] for s in r["spans"]}, r["id"]
    assert sum(s["label"] == "QUOTE" for r in RECORDS for s in r["spans"]) >= len(RECORDS)


def test_texts_are_the_stored_items_as_a_reader_sees_them() -> None:
    build = build_module(FOLDER)
    for doc_id in build.PAGES:
        record = json.loads((FOLDER / "source" / f"{doc_id}.json").read_text(encoding="utf-8"))
        data = (FOLDER / "texts" / f"{doc_id}.txt").read_bytes()
        assert data.decode("utf-8") == build.text_from_item(record), doc_id
        assert hashlib.sha256(data).hexdigest() == build.SHA256[doc_id], doc_id
        assert record["link"].startswith("https://www.state.gov/releases/office-of-the-spokesperson/2026/"), doc_id
        text = data.decode("utf-8")
        assert "<" not in text and "&#" not in text and "&nbsp;" not in text and "  " not in text, doc_id
    for r in RECORDS:
        assert r["meta"]["sha256"] == build.SHA256[r["id"]]


def test_the_conversion_keeps_body_paragraphs_headings_and_items_but_not_the_page_header() -> None:
    build = build_module(FOLDER)
    record = {
        "title": "A  Title",
        "content": '<p>Office of the Spokesperson</p>\n<section class="hero"><h1>A Title</h1>'
        '<p class="article-meta doctype-meta">Readout</p>\n<p class="article-meta__publish-date">August 14, 2026</p>'
        '</section>\n<p>One&nbsp;day &#8211; <a href="x">linked</a>.</p>\n<h2>Sub</h2>\n<ul>\n<li>Item “one.”</li>\n'
        '</ul>\n<p><input type="hidden" /></p>',
    }
    assert build.page_meta(record) == {"kind": "Readout", "date": "August 14, 2026"}
    assert build.text_from_item(record) == (
        "A Title\n\nFriday, August 14, 2026\n\nOffice of the Spokesperson\n\nOne day – linked.\n\nSub\n\nItem “one.”\n"
    )


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER, whole_words=True)


def test_quotes_have_a_kind_speakers_stand_outside_them_and_bylines_hold_no_actor() -> None:
    check_speaker_relations(RECORDS)
    for r in RECORDS:
        byline = r["text"].split("\n\n")[2]
        start = r["text"].index(byline)
        for s in r["spans"]:
            if s["label"] == "QUOTE":
                assert s.get("kind") in ("direct", "mixed", "indirect"), (r["id"], s)
                if s["kind"] == "indirect":
                    assert not re.search(r"[\"“”]", s["text"]), (r["id"], s["text"])
            if byline in ("Office of the Spokesperson", "Marco Rubio, Secretary of State"):
                assert not start <= s["start"] < start + len(byline), (r["id"], s)


def test_public_domain_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "17 U.S.C. 105" in readme and "markschaver/State-Department-PR" in readme
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("public domain (17 U.S.C. 105"), r["id"]
        assert meta["publisher"] == "U.S. Department of State"
        assert meta["url"].startswith("https://www.state.gov/releases/"), r["id"]
        assert meta["source"]["repository"] == "markschaver/State-Department-PR", r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["title"] == r["text"].split("\n", 1)[0]
        for value in (meta["title"], meta["url"], meta["sha256"], meta["source"]["commit"]):
            assert value in readme, (r["id"], value)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_pages_are_in_no_held_out_set_and_in_no_other_tuning_gold() -> None:
    """Compared by code: nobody tuning reads the held-out sets."""
    others = [rec for path in [*HELDOUT, WIKINEWS, GLOBALVOICES, WHITEHOUSE] for rec in read_records(path)]
    assert len(others) >= 100
    other_urls = {o["meta"]["url"] for o in others}
    other_text = "\n".join(o["text"] for o in others)
    for r in RECORDS:
        assert r["meta"]["url"] not in other_urls, r["id"]
        for para in (p for p in r["text"].split("\n\n")[2:] if len(p) > 60):
            assert para[:80] not in other_text, (r["id"], para[:80])


def test_benchmark_scores_them_as_group_statedept_with_their_speakers() -> None:
    docs = load_gold(STATEDEPT)
    assert [d.id for d in docs] == [r["id"] for r in RECORDS]
    assert {d.group for d in docs} == {"statedept"}
    assert [d.id for d in all_gold() if d.group == "statedept"] == [d.id for d in docs]
    for doc, r in zip(docs, RECORDS, strict=True):
        quotes = {(s.start, s.end): s.kind for s in doc.spans if s.label == "QUOTE"}
        assert quotes == {(s["start"], s["end"]): s["kind"] for s in r["spans"] if s["label"] == "QUOTE"}
        for rel in r["speakers"]:
            names = doc.speakers[tuple(rel["quote"])]
            assert names and rel["speaker_text"] in names, (r["id"], rel)
