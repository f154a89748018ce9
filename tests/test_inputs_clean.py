"""import --clean: scraped boilerplate out before the text is stored, and every removed line kept in meta."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.text import text_hash
from annotator.io.clean import boilerplate_rule, clean_text
from annotator.io.importer import import_paths
from annotator.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample_article.txt"
HEADLINE = "Taliban Accuses Pakistan of Undermining Border Peace Talks"
LAST = ("Despite the failure of formal talks, both sides have indicated the ceasefire brokered by Qatar will continue,"
        " offering some hope for de-escalation even as fundamental disagreements remain unresolved.")


def only(store: Store):  # type: ignore[no-untyped-def]
    [summary] = store.list_documents()
    return store.get_document(summary.id)


def test_the_sample_article_comes_out_clean(store: Store) -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    assert raw.count(HEADLINE) == 2 and "Leave a Comment" in raw
    report = import_paths(store, [SAMPLE], clean=True)
    assert report.ok and report.added == 1
    doc = only(store)
    assert doc.text.count(HEADLINE) == 1 and doc.text.startswith(HEADLINE + "\n\n")
    assert doc.title == HEADLINE
    assert doc.text.endswith(LAST)  # the comment box is gone, the last paragraph is the article's
    for gone in ("Leave a Comment", "Comments", "No comments yet", "Leave a Reply", "email address"):
        assert gone not in doc.text
    removed = doc.meta["clean"]["removed"]
    assert [(r["line"], r["rule"]) for r in removed] == [
        (3, "repeated headline"), (45, "comments"), (47, "comments"), (49, "comments"), (51, "comments"),
        (53, "comments"),
    ]
    lines = raw.split("\n")
    assert all(lines[r["line"] - 1] == r["text"] for r in removed)  # the numbers point into the file as read
    # Nothing else changed: the kept lines are the file's lines, in order.
    kept = [line for line in doc.text.split("\n") if line.strip()]
    gone_lines = {r["line"] - 1 for r in removed}
    assert kept == [line for i, line in enumerate(lines) if line.strip() and i not in gone_lines]


def test_without_clean_the_sample_is_stored_as_it_is(store: Store) -> None:
    import_paths(store, [SAMPLE])
    doc = only(store)
    assert doc.text == SAMPLE.read_text(encoding="utf-8") and "clean" not in doc.meta
    assert doc.hash == text_hash(doc.text)


def test_cli_clean_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.db"
    assert main(["--db", str(db), "import", "--clean", str(SAMPLE)]) == 0
    with Store.open(db) as store:
        doc = only(store)
        assert doc.text.count(HEADLINE) == 1 and "Leave a Reply" not in doc.text
        assert doc.hash == text_hash(doc.text)


def test_clean_jsonl_cleans_plain_records_and_leaves_records_with_spans_alone(tmp_path: Path, store: Store) -> None:
    text = ("Storm hits the coast town\n\nAdvertisement\n\nThe storm hit the coast at dawn, the mayor said.\n\n"
            "Share on Facebook")
    records = [
        {"text": text, "meta": {"title": "Storm hits the coast town", "feed": "rss"}},
        {"text": text, "spans": [{"start": 75, "end": 84, "label": "ACTOR"}]},
        {"text": "Advertisement\n\nShare\n\nTweet"},
    ]
    path = tmp_path / "scraped.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = import_paths(store, [path], clean=True)
    assert report.added == 2 and report.not_cleaned == 1
    assert [str(r) for r in report.rejected] == [
        f"{path}:3: nothing left after --clean: every line is boilerplate (advertisement, share)"
    ]
    assert "1 record with spans not cleaned" in report.summary()
    docs = {d.meta.get("feed"): d for d in (store.get_document(s.id) for s in store.list_documents())}
    cleaned = docs["rss"]
    assert cleaned.text == "Storm hits the coast town\n\nThe storm hit the coast at dawn, the mayor said."
    assert cleaned.title == "Storm hits the coast town"
    assert [(r["line"], r["rule"], r["text"]) for r in cleaned.meta["clean"]["removed"]] == [
        (3, "advertisement", "Advertisement"), (7, "share", "Share on Facebook"),
    ]
    kept = docs[None]
    assert kept.text == text and "clean" not in kept.meta  # its span's offsets still point at "the mayor"
    [span] = store.spans(kept.id)
    assert kept.text[span.start:span.end] == "the mayor"


def test_a_text_that_is_only_a_cookie_wall_is_refused_with_clean(tmp_path: Path, store: Store) -> None:
    wall = tmp_path / "consent.txt"
    wall.write_text("We use cookies to give you the best experience on our website.\n\nAccept all\n\n"
                    "Manage preferences\n", encoding="utf-8")
    report = import_paths(store, [wall], clean=True)
    assert [str(r) for r in report.rejected] == [
        f"{wall}: nothing left after --clean: every line is boilerplate (cookie)"
    ]
    assert store.list_documents() == []


@pytest.mark.parametrize("line", [
    "Advertisement", "ADVERTISEMENT", "- Advertisement -", "Story continues below advertisement",
    "Continue reading the main story", "Share this article", "Facebook Twitter Email", "Follow us on Twitter",
    "Sign up for our newsletter", "We use cookies to improve your experience. By continuing you agree to our policy.",
    "Accept all cookies", "Image 3 of 12", "Photo: Jane Doe/AP", "© 2024 The Harbour Gazette", "Skip to content",
])
def test_boilerplate_lines(line: str) -> None:
    assert boilerplate_rule(line)


@pytest.mark.parametrize("line", [
    "The EU's cookie policy requires websites to ask for consent, regulators said on Monday.",
    "“Share the burden,” she said.", "Advertising revenue fell 12% in the third quarter.",
    "Photographers were kept behind a fence as the minister arrived.", "More than 40 people were hurt.",
    "Comments by the minister drew criticism from the opposition.",
])
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert boilerplate_rule(line) is None
    text = f"A headline of several words\n\n{line}\n\nThe second paragraph of the article goes on for a while here."
    assert clean_text(text).text == text


def test_a_comment_box_before_the_article_starts_is_not_taken_for_the_end() -> None:
    text = "Comments\n\n" + "\n\n".join(f"Paragraph {i} of the article, which says something in full sentences."
                                        for i in range(3))
    cleaned = clean_text(text)
    assert cleaned.text.endswith("Paragraph 2 of the article, which says something in full sentences.")


def test_a_link_list_in_the_middle_goes_and_the_article_after_it_stays() -> None:
    body = "The council voted on Monday to close the old bridge, citing a report on its safety, members said."
    after = "Repairs will start in May and are expected to take a year, the council's engineer said on Tuesday."
    text = f"Bridge closed\n\n{body}\n\nRelated articles\n\nBridge report due\n\nCouncil meets\n\n{after}"
    cleaned = clean_text(text)
    assert cleaned.text == f"Bridge closed\n\n{body}\n\n{after}"
    assert [r.rule for r in cleaned.removed] == ["link list"] * 3


def test_on_real_scraped_pages_no_article_line_is_removed_and_most_boilerplate_is() -> None:
    """The pages of benchmarks/clean_data (article-extraction-benchmark, MIT): recall 1, precision up."""
    from benchmarks.clean import SETS, _load, score

    for _name, scraped_file, truth_file in SETS:
        pages, truth = _load(scraped_file), _load(truth_file)
        for page_id, scraped in pages.items():
            counts = score(scraped, truth[page_id])
            assert counts["kept_article"] == counts["article"] > 0, page_id  # every article line kept
            assert counts["kept"] < counts["lines"] or counts["lines"] == counts["article"], page_id
    whole = _load("full_page.json")["04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34"]
    cleaned = clean_text(whole).text.split("\n")
    lines = ("Advertisement", "Continue reading the main story", "Skip to content Skip to site index", "Site Index")
    for gone in lines:
        assert gone in whole.split("\n") and gone not in cleaned
