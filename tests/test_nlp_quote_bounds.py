"""Quote recall and boundaries (issue 11, round 6): where a reported clause starts and ends, and which words
report nothing. Each case is written for the purpose; the layouts are those of real news."""

from __future__ import annotations

import pytest

from annotator.nlp.pipeline import LoadedPipeline
from tests.test_nlp_guideline_decisions import quotes_of


def _quotes(pipeline: LoadedPipeline, text: str) -> list[tuple[str, str | None]]:
    return [(q, kind) for q, kind, _who in quotes_of(pipeline, text)]


@pytest.mark.slow
def test_a_closing_bracket_whose_opening_one_is_in_the_clause_stays(trained: LoadedPipeline) -> None:
    text = (
        "According to the research team, daily water use is upwards of 141 billion liters (about 37 billion "
        "U.S. gallons); which they note is a lot."
    )
    assert ("daily water use is upwards of 141 billion liters (about 37 billion U.S. gallons)", "indirect") in (
        _quotes(trained, text)
    )


@pytest.mark.slow
def test_a_case_name_with_vs_is_a_title_not_two_sentences(trained: LoadedPipeline) -> None:
    text = 'The court ruled in regard to the case "Eva Glawischnig-Piesczek vs. Facebook Ireland Limited".'
    found = quotes_of(trained, text)
    assert all(who is None for _q, _kind, who in found)  # a title: nobody says it


@pytest.mark.slow
def test_a_participle_inside_the_subject_does_not_hide_a_mixed_quote(trained: LoadedPipeline) -> None:
    text = 'Kevin Conolly said a law allowing the termination of a life marked a "sad day for NSW".'
    assert _quotes(trained, text) == [('a law allowing the termination of a life marked a "sad day for NSW"', "mixed")]


@pytest.mark.slow
def test_a_clause_the_parser_joins_to_the_verb_without_and_is_still_reported(trained: LoadedPipeline) -> None:
    text = (
        "Democratic committee chairman Jerrold Nadler of New York has repeatedly maintained an impeachment "
        "inquiry is what the committee is already doing."
    )
    assert _quotes(trained, text) == [("an impeachment inquiry is what the committee is already doing", "indirect")]
