"""The benchmark's gold set stays loadable and consistent (fast; the benchmark itself is not a test)."""

from __future__ import annotations

from benchmarks.gold_data import gum_news, own_cases, sample_article
from benchmarks.quality import match, speaker_ok


def test_own_cases_cover_the_hard_cases() -> None:
    cases = own_cases()
    assert len(cases) >= 15
    for doc in cases:
        for span in doc.spans:
            assert 0 <= span.start < span.end <= len(doc.text)
            assert doc.text[span.start : span.end].strip() == doc.text[span.start : span.end]
    marks = "".join(doc.text for doc in cases)
    for mark in ('"', "“", "”", "‘", "’", "«", "»", "„"):
        assert mark in marks


def test_sample_article_gold_has_every_label_and_speakers() -> None:
    doc = sample_article()
    labels = {(s.label, s.kind) for s in doc.spans}
    assert {("ACTOR", None), ("QUOTE", "direct"), ("QUOTE", "indirect"), ("FIGURE", None)} <= labels
    assert all(names for names in doc.speakers.values())


def test_gum_speakers_line_up_with_the_quotes() -> None:
    docs = gum_news()
    if not docs:  # the shared data folder is not part of every checkout
        return
    assert len(docs) == 24
    quotes = [q for d in docs for q in d.speakers]
    assert len(quotes) >= 84
    for doc in docs:
        for start, end in doc.speakers:
            assert doc.text[start] in "\"“'‘" or doc.text[start].isalnum()
            assert start < end


def test_overlap_matching_is_one_to_one() -> None:
    gold = [(0, 10), (20, 30)]
    assert match(gold, [(0, 10), (2, 5), (25, 40)], exact=False)[0] == 2
    assert match(gold, [(0, 10), (25, 40)], exact=True)[0] == 1


def test_speaker_names() -> None:
    assert speaker_ok("Zabihullah Mujahid", ["Mujahid"], exact=False)
    assert not speaker_ok("Zabihullah Mujahid", ["Mujahid"], exact=True)
    assert speaker_ok("the spokesman", ["The spokesman"], exact=True)
    assert not speaker_ok("Pakistan", ["Mujahid"], exact=False)
