"""The blind second annotation of the held-out sample (benchmarks/agreement/) builds and its scorer runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import annfile
from benchmarks.agreement import score

ANN = Path(score.__file__).resolve().parent / "ann"


def test_sample_follows_the_written_rule_and_every_article_has_a_file() -> None:
    for folder, ids in score.SAMPLE.values():
        all_ids = sorted(p.stem for p in (score.BENCH / folder / "texts").glob("*.txt"))
        assert ids == all_ids[0::4]
    expected = {f"{folder}-{i}.ann" for folder, ids in score.SAMPLE.values() for i in ids}
    assert {p.name for p in ANN.glob("*.ann")} == expected


@pytest.mark.parametrize("name", sorted(p.stem for p in ANN.glob("*.ann")))
def test_annotations_build_and_offsets_match_the_text(name: str) -> None:
    folder, _, doc_id = name.partition("-")
    text = (score.BENCH / folder / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
    rec = annfile.build_doc(
        doc_id, text, (ANN / f"{name}.ann").read_text(encoding="utf-8"), url="", license="", source={}
    )
    labels = {s["label"] for s in rec["spans"]}
    assert {"ACTOR", "QUOTE"} <= labels
    for s in [*rec["spans"], *rec["pronouns"]]:
        assert text[s["start"] : s["end"]] == s["text"]
    quotes = {(s["start"], s["end"]) for s in rec["spans"] if s["label"] == "QUOTE"}
    for rel in rec["speakers"]:
        assert tuple(rel["quote"]) in quotes
        assert text[rel["speaker"][0] : rel["speaker"][1]] == rel["speaker_text"]


def test_scorer_runs_on_one_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert score.main(["--doc", "1-babyninsky"]) == 0
    out = capsys.readouterr().out
    assert "| direct/mixed quote |" in out and "| set 1 (1) |" in out and "| FIGURE |" in out
    assert "set 2" not in out and "sets 1+2" not in out and "| all (" not in out


def test_set_3_is_sampled_by_the_same_rule_and_scored_in_a_column_of_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, ids = score.SAMPLE["3"]
    assert folder == "heldout3" and ids == ["adzan", "bieber", "gilani", "maydayvideos", "penguin"]
    assert score.main(["--doc", "3-gilani", "3-penguin"]) == 0
    out = capsys.readouterr().out
    assert "| set 3 (2) |" in out and "set 1" not in out and "sets 1+2" not in out
    # the Wikinews sets are pooled apart from the Global Voices set, and all three together
    assert score.main(["--doc", "1-karaj", "2-sanders", "3-bieber"]) == 0
    header = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| measure"))
    assert header.endswith("| set 1 (1) | set 2 (1) | set 3 (1) | sets 1+2 (2) | all (3) |")


def test_set_3_second_pass_keeps_tweet_speakers_and_originals() -> None:
    """The blog-layout conventions in B's file: each tweet line and its translation are quotes of the handle."""
    b = score.second_pass("3", "adzan")
    quotes = {(s.start, s.end): s.kind for s in b.spans if s.label == "QUOTE"}
    tweets = [q for q in quotes if b.text[q[0] - len("@fgaban: ") : q[0]] == "@fgaban: "]
    assert len(tweets) == 2 and all(quotes[q] == "direct" for q in tweets)
    assert all(b.speaker_info[q].names == ["@fgaban"] for q in tweets)


def test_an_annotation_scored_against_itself_agrees_fully() -> None:
    b = [score.second_pass("1", "babyninsky")]
    sc = score.score(b, b)
    assert sc.pairs["all"].fn == sc.pairs["all"].fp == 0 and sc.pairs["all"].tp > 0
    assert sc.labels[("ACTOR", True)].fp == sc.labels[("ACTOR", True)].fn == 0


def test_unknown_article_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert score.main(["--doc", "3-nothing"]) == 1
    assert "no article of the sample" in capsys.readouterr().err
