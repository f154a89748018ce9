"""The Global Voices tuning gold (benchmarks/gold/globalvoices) is valid, licensed, disjoint from the held-out
sets 1-3, copied unchanged from the tuning pool, and scored as group "globalvoices"."""

from __future__ import annotations

import hashlib
import re

from helpers.gold_sets import build_module, check_offsets, read_records, rebuilt

from benchmarks.gold_data import GLOBALVOICES, WIKINEWS, all_gold, load_gold

FOLDER = GLOBALVOICES.parent
ROOT = FOLDER.parent.parent.parent
RECORDS = read_records(GLOBALVOICES)
HELDOUT = [
    ROOT / "benchmarks" / "heldout" / "heldout.jsonl",
    ROOT / "benchmarks" / "heldout2" / "heldout2.jsonl",
    ROOT / "benchmarks" / "heldout3" / "heldout3.jsonl",
]


def _paragraphs(text: str) -> list[str]:
    """The post's paragraphs after the headline and the date line."""
    return [p for p in text.split("\n\n")[2:] if len(p) > 60]


def test_every_annotated_post_is_listed_and_has_every_label() -> None:
    build = build_module(FOLDER)
    ids = [r["id"] for r in RECORDS]
    assert ids == [i for i in build.POSTS if i in ids]
    assert set(build.POSTS) == set(build.SHA256)
    for r in RECORDS:
        assert {"ACTOR", "QUOTE"} <= {s["label"] for s in r["spans"]}, r["id"]


def test_texts_are_the_pool_files_unchanged() -> None:
    build = build_module(FOLDER)
    assert set(build.POOL_FILES) == set(build.SHA256)
    for doc_id, digest in build.SHA256.items():
        name = build.POOL_FILES[doc_id]
        data = (FOLDER / "texts" / f"{doc_id}.txt").read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, (doc_id, name)
        assert name.startswith("gv-") and name.endswith(".txt")
    for r in RECORDS:
        assert r["meta"]["sha256"] == build.SHA256[r["id"]]


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER, whole_words=True)


def test_quotes_have_a_kind_and_speakers_stand_outside_them() -> None:
    for r in RECORDS:
        quotes = {(s["start"], s["end"]): s for s in r["spans"] if s["label"] == "QUOTE"}
        assert all(s.get("kind") in ("direct", "mixed", "indirect") for s in quotes.values()), r["id"]
        assert {tuple(rel["quote"]) for rel in r["speakers"]} <= set(quotes), r["id"]
        actors = {(s["start"], s["end"]) for s in r["spans"] if s["label"] == "ACTOR"}
        pronouns = {(s["start"], s["end"]) for s in r["pronouns"]}
        for rel in r["speakers"]:
            quote, speaker = tuple(rel["quote"]), tuple(rel["speaker"])
            assert speaker in (actors if rel["speaker_label"] == "ACTOR" else pronouns), (r["id"], rel)
            if rel["speaker_label"] == "PRONOUN":
                assert rel["stands_for"], (r["id"], rel)
            assert speaker[1] <= quote[0] or speaker[0] >= quote[1], (r["id"], rel)
        for q in quotes.values():  # marks only around a title ("New Sudan" speech) may stand in an indirect quote
            if q["kind"] == "indirect":
                assert len(re.findall(r"[\"“”]", q["text"])) % 2 == 0, (r["id"], q["text"])
    # guidelines, "Blogs and social-media layouts": nearly every quote of these posts names its speaker
    quotes = sum(s["label"] == "QUOTE" for r in RECORDS for s in r["spans"])
    assert sum(len(r["speakers"]) for r in RECORDS) >= 0.9 * quotes


def test_licence_author_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("CC BY 3.0"), r["id"]
        assert meta["publisher"] == "Global Voices"
        assert meta["url"].startswith("http://globalvoicesonline.org/2012/05/"), r["id"]
        assert meta["source"]["repository"] == "OpenGenderTracking/globalvoices", r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["date"].endswith("2012")
        for value in (meta["title"], meta["url"], meta["author"], meta["sha256"]):
            assert value in readme, (r["id"], value)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_posts_are_in_no_held_out_set_and_not_in_the_wikinews_gold() -> None:
    """Compared by code: nobody tuning reads the held-out sets."""
    for key in ("url", "title"):
        values = [r["meta"][key] for r in RECORDS]
        assert len(set(values)) == len(values), key
    others = [rec for path in [*HELDOUT, WIKINEWS] for rec in read_records(path)]
    assert len(others) >= 80  # all three held-out sets and the Wikinews gold were read
    other_ids = {o["id"] for o in others}
    other_urls = {o["meta"]["url"] for o in others}
    other_titles = {o["meta"]["title"].casefold() for o in others}
    other_text = "\n".join(o["text"] for o in others)
    for r in RECORDS:
        assert r["id"] not in other_ids and r["meta"]["url"] not in other_urls, r["id"]
        assert r["meta"]["title"].casefold() not in other_titles, r["id"]
        for para in _paragraphs(r["text"]):
            assert para[:80] not in other_text, (r["id"], para[:80])


def test_benchmark_scores_them_as_group_globalvoices_with_their_speakers() -> None:
    docs = load_gold(GLOBALVOICES)
    assert [d.id for d in docs] == [r["id"] for r in RECORDS]
    assert {d.group for d in docs} == {"globalvoices"}
    assert [d.id for d in all_gold() if d.group == "globalvoices"] == [d.id for d in docs]
    for doc, r in zip(docs, RECORDS, strict=True):
        quotes = {(s.start, s.end): s.kind for s in doc.spans if s.label == "QUOTE"}
        assert quotes == {(s["start"], s["end"]): s["kind"] for s in r["spans"] if s["label"] == "QUOTE"}
        for rel in r["speakers"]:
            names = doc.speakers[tuple(rel["quote"])]
            assert (names and rel["speaker_text"] in names) or rel["speaker_label"] == "PRONOUN", (r["id"], rel)
            assert set(rel["stands_for"] or []) <= set(names or []), (r["id"], rel)
