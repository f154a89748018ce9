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


def test_another_gold_set_loads_in_both_formats(tmp_path) -> None:
    import json

    import pytest

    from benchmarks.gold_data import load_gold

    text = 'The senator said that the plan was "dead on arrival" today. "We will win," Ann Lee said.'
    authored = tmp_path / "gold.json"
    authored.write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "text": text,
                    "spans": [
                        ["QUOTE", 'the plan was "dead on arrival" today', 0, "mixed"],
                        ["QUOTE", '"We will win,"'],
                    ],
                    "speakers": [["the plan", 0, ["The senator"]], ['"We will', 0, ["Ann Lee"]]],
                }
            ]
        ),
        encoding="utf-8",
    )
    [doc] = load_gold(authored)
    first = doc.spans[0]
    assert (text[first.start : first.end], first.kind) == ('the plan was "dead on arrival" today', "mixed")
    assert sorted(doc.speaker_form.values()) == ["named", "named"]
    q = text.index('"We will')
    exported = tmp_path / "gold.jsonl"
    record = {
        "text": text,
        "spans": [{"start": q, "end": q + 14, "label": "QUOTE", "kind": "direct"}],
        "relations": [
            {
                "label": "SPEAKER",
                "head_span": {"start": q, "end": q + 14},
                "child_span": {"start": text.index("Ann Lee"), "end": text.index("Ann Lee") + 7},
            }
        ],
    }
    exported.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [doc] = load_gold(exported)
    assert doc.speakers == {(q, q + 14): ["Ann Lee"]}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"text": "x", "spans": [["QUOTE", "nope"]]}]), encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.json: record 1"):
        load_gold(bad)
