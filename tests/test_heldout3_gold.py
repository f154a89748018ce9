"""Held-out set 3 (issue 11) is valid, picked by its written rule, licensed, unseen elsewhere and frozen."""

from __future__ import annotations

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
from benchmarks.score_heldout import HELDOUT2, HELDOUT3, SETS

FOLDER = HELDOUT3.parent
ROOT = Path(__file__).resolve().parent.parent
RECORDS = read_records(HELDOUT3)
MARKS = "\"“”‘’'«»„"
# the rule's reporting verbs (SELECTION.md, amendment 1), whole lower-case words
VERBS = re.compile(r"\b(said|says|told|wrote|writes|tweeted|tweets|stated|added|explained|asked)\b")
# a tweet quoted as a transcript line: "@handle: ...", "@handle [es]: ...", "@handle; ...", "@handle ..."
TWEET_LEAD = re.compile(r"@\w+( \[[\w/]+\])?[:;]? ?")
# the 13 posts of the tuning pool (now the Global Voices tuning gold, benchmarks/gold/globalvoices/), which the
# held-out set must never take
TUNING_POOL_URLS = {
    "http://globalvoicesonline.org/2012/05/01/italy-future-of-news-at-perugia-international-journalism-festival/",
    "http://globalvoicesonline.org/2012/05/01/singapore-netizens-reject-proposed-code-of-conduct/",
    "http://globalvoicesonline.org/2012/05/01/mexico-bike-ride-protest-clashes-with-local-government/",
    "http://globalvoicesonline.org/2012/05/01/malawi-bloggers-reactions-to-new-president-joyce-banda/",
    "http://globalvoicesonline.org/2012/05/01/may-day-marked-around-the-arab-world/",
    "http://globalvoicesonline.org/2012/05/02/ukraine-if-prison-acquires-a-voice-everything-will-change/",
    "http://globalvoicesonline.org/2012/05/01/cuba-nothing-changes-on-may-day/",
    "http://globalvoicesonline.org/2012/05/02/ethiopia-netizens-thrilled-with-pens-decision-to-award-jailed-journalist-and-dissident-blogger/",
    "http://globalvoicesonline.org/2012/05/02/africa-calls-for-transparency-over-marked-increase-in-land-deals/",
    "http://globalvoicesonline.org/2012/05/02/armenia-backhanded-victory-for-environmental-activists/",
    "http://globalvoicesonline.org/2012/05/02/hong-kong-evangelists-accuse-lady-gaga-of-leading-youth-astray/",
    "http://globalvoicesonline.org/2012/05/02/egypt-eye-witness-account-of-abbassiya-clashes/",
    "http://globalvoicesonline.org/2012/05/03/sudansouth-sudan-voicing-hope-for-newsudans/",
}


def _body(text: str) -> str:
    return text.split("\n\n", 2)[2]  # after the headline and the date line


def _paragraph(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind("\n\n", 0, start)
    end = text.find("\n\n", start)
    return (0 if begin < 0 else begin + 2), (len(text.rstrip("\n")) if end < 0 else end)


def test_at_least_twenty_posts_with_every_label() -> None:
    assert len(RECORDS) >= 20
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)
    kinds = {s.get("kind") for r in RECORDS for s in r["spans"] if s["label"] == "QUOTE"}
    assert kinds == {"direct", "mixed", "indirect"}
    for r in RECORDS:
        assert "ACTOR" in {s["label"] for s in r["spans"]}, r["id"]
    assert sum(s["label"] == "QUOTE" for r in RECORDS for s in r["spans"]) >= 150
    assert sum(s["label"] == "FIGURE" for r in RECORDS for s in r["spans"]) >= 50


def test_posts_follow_the_written_selection_rule() -> None:
    """Published Global Voices posts of May 2012, 150-700 words, a reporting verb of the list (SELECTION.md)."""
    for r in RECORDS:
        meta = r["meta"]
        assert re.fullmatch(r"\w+day, May \d{1,2}, 2012", meta["date"]), (r["id"], meta["date"])
        assert re.match(r"http://globalvoicesonline\.org/2012/05/\d\d/[a-z0-9-]+/$", meta["url"]), r["id"]
        body = _body(r["text"])
        assert 150 <= len(body.split()) <= 700, (r["id"], len(body.split()))
        assert VERBS.search(body), r["id"]
        assert meta["url"] not in TUNING_POOL_URLS, r["id"]


def test_offsets_match_the_span_texts() -> None:
    check_offsets(RECORDS, FOLDER)
    for r in RECORDS:
        assert "\n\n\n" not in r["text"] and not re.search(r" \n|\n ", r["text"]), r["id"]


def test_quotes_have_a_kind_and_a_speaker_unless_nobody_signed_them() -> None:
    """A direct quote is in marks, or (the block-quote and tweet layouts) runs to the end of its paragraph
    from the paragraph's start or from the tweet's handle."""
    unsigned = 0
    for r in RECORDS:
        text = r["text"]
        quotes = [s for s in r["spans"] if s["label"] == "QUOTE"]
        linked = {tuple(rel["quote"]) for rel in r["speakers"]}
        assert linked <= {(s["start"], s["end"]) for s in quotes}, r["id"]
        for s in quotes:
            assert s.get("kind") in ("direct", "mixed", "indirect"), (r["id"], s)
            if s["kind"] == "direct":
                in_marks = s["text"][0] in MARKS and s["text"][-1] in MARKS
                begin, end = _paragraph(text, s["start"])
                layout = s["end"] == end and TWEET_LEAD.fullmatch(text[begin : s["start"]]) is not None
                assert in_marks or layout or (s["start"], s["end"]) == (begin, end), (r["id"], s["text"])
            elif s["kind"] == "mixed":
                assert any(c in s["text"] for c in MARKS), (r["id"], s["text"])
            if (s["start"], s["end"]) not in linked:
                unsigned += 1
                assert s["kind"] == "direct", (r["id"], s["text"])  # the post's own author quoting herself
    assert unsigned <= 2


def test_speaker_relations_point_from_a_quote_to_an_actor() -> None:
    check_speaker_relations(RECORDS)


def test_licence_and_source_are_recorded() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "CC BY 3.0" in readme and "Global Voices" in readme
    for r in RECORDS:
        meta = r["meta"]
        assert meta["license"].startswith("CC BY 3.0"), r["id"]
        assert meta["publisher"] == "Global Voices" and meta["author"], r["id"]
        assert meta["source"]["repository"] == "OpenGenderTracking/globalvoices", r["id"]
        assert meta["source"]["path"] == "data/full/globalvoicesonline.wordpress.2012-may.xml", r["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", meta["source"]["commit"]), r["id"]
        assert meta["source"]["commit"] in readme
        assert meta["title"] == r["text"].split("\n", 1)[0]
        assert meta["title"] in readme and meta["url"] in readme and meta["author"] in readme, r["id"]


def test_data_file_is_the_frozen_version() -> None:
    check_frozen(HELDOUT3, FOLDER)


def test_data_file_is_built_from_the_hand_annotations() -> None:
    assert rebuilt(FOLDER) == RECORDS


def test_posts_are_in_no_other_gold_set() -> None:
    """Not in GUM or the tuning gold (benchmarks/gold/), not in held-out sets 1 and 2."""
    corpora = [p for p in (ROOT / "benchmarks" / "gold").iterdir() if p.suffix in (".json", ".jsonl")]
    corpus = "".join(p.read_text(encoding="utf-8") for p in [*corpora, HELDOUT, HELDOUT2])
    for r in RECORDS:
        for paragraph in _body(r["text"]).split("\n\n")[:3]:
            assert paragraph[:80] not in corpus, (r["id"], paragraph[:80])


def test_scorer_reads_set_three_and_gives_full_marks_to_the_gold_itself() -> None:
    assert SETS["3"][0] == HELDOUT3
    check_scorer_full_marks(HELDOUT3, len(RECORDS))
