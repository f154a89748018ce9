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


@pytest.mark.slow
def test_a_second_speech_verb_of_the_same_subject_starts_a_quote_of_its_own(trained: LoadedPipeline) -> None:
    text = (
        "Trump said that he did indicate to the Ukrainians that the aid was contingent on their addressing "
        "corruption but denied that he made any specific deal about the Bidens."
    )
    assert _quotes(trained, text) == [
        ("he did indicate to the Ukrainians that the aid was contingent on their addressing corruption", "indirect"),
        ("he made any specific deal about the Bidens", "indirect"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, said",
    [
        (
            "Turkey would also take over guarding captured ISIS fighters which, the statement said, European "
            "nations have refused to repatriate.",
            "European nations have refused to repatriate",
        ),
        (
            "Pelosi herself presided over the vote, a move whose rarity, CBS noted, highlighted the significance "
            "of the resolution.",
            "highlighted the significance of the resolution",
        ),
    ],
)
def test_a_source_inside_a_relative_clause_reports_only_that_clause(
    trained: LoadedPipeline, text: str, said: str
) -> None:
    assert _quotes(trained, text) == [(said, "indirect")]


@pytest.mark.slow
def test_a_subject_set_off_by_commas_before_its_verb_is_not_content(trained: LoadedPipeline) -> None:
    text = (
        "On Friday, Beto O'Rourke, who was a candidate in the Democratic primary for the 2020 United States "
        "presidential election, announced the end of his campaign."
    )
    assert _quotes(trained, text) == []


@pytest.mark.slow
def test_an_elliptical_clause_is_not_a_quote(trained: LoadedPipeline) -> None:
    text = (
        "The wreck was located about 50 miles south of Okinawa, far from where the Navy's records initially "
        "predicted it would be. She told reporters the deal was off."
    )
    assert _quotes(trained, text) == [("the deal was off", "indirect")]


@pytest.mark.slow
def test_a_parenthetical_source_the_parser_took_for_a_clause_still_sets_off_the_content(
    trained: LoadedPipeline,
) -> None:
    text = (
        "The team compared them. If the birds had been domesticated or even heavily farmed, they reasoned, the "
        "Egyptian specimens would have shown only a little genetic diversity."
    )
    found = _quotes(trained, text)
    assert ("the Egyptian specimens would have shown only a little genetic diversity", "indirect") in found
    assert all("reasoned" not in q for q, _kind in found)


@pytest.mark.slow
def test_made_clear_that_reports_a_clause_in_the_active_voice_only(trained: LoadedPipeline) -> None:
    text = (
        "President Biden made clear that the United States will act firmly in defense of its national "
        "interests. It was made clear that the president had forgotten about the law."
    )
    assert quotes_of(trained, text) == [
        ("the United States will act firmly in defense of its national interests", "indirect", "Biden")
    ]


@pytest.mark.slow
def test_a_list_after_including_and_a_colon_is_not_a_block_quote(trained: LoadedPipeline) -> None:
    text = (
        "Visa Revocations\n\n"
        "The State Department has revoked visas from criminals who posed a danger to American citizens, "
        "including:\n\n"
        "A foreign national who was charged with felony rape and sexual battery of a mentally disabled victim.\n\n"
        "A foreign national charged with felony kidnapping, human trafficking, and sexual exploitation of a minor."
    )
    assert quotes_of(trained, text) == []


@pytest.mark.slow
def test_headings_in_capitals_are_not_transcript_turns(trained: LoadedPipeline) -> None:
    text = (
        "Budget deal reached\n\n"
        "KEY POINTS: The plan will cut costs by half and create jobs in every region.\n\n"
        "WHAT HAPPENS NEXT: The Senate votes on Friday and the House follows next week.\n\n"
        "A transcript of the hearing was released on Friday.\n\n"
        "REYES: We will not accept this budget.\n\n"
        "HALE: Then you will have to vote against it in the committee."
    )
    assert _quotes(trained, text) == [
        ("We will not accept this budget.", "direct"),
        ("Then you will have to vote against it in the committee.", "direct"),
    ]


@pytest.mark.slow
def test_content_joined_by_and_after_a_parenthetical_source_is_a_quote_too(trained: LoadedPipeline) -> None:
    text = (
        "Already-queued orders won't leave idle capacity for some years, Maróth said, and paying back this loan "
        "seems realistic; unnamed industry experts disagreed."
    )
    assert ("paying back this loan seems realistic", "indirect", "Maróth") in quotes_of(trained, text)


@pytest.mark.slow
def test_a_sentence_opened_by_the_report_of_a_named_author_quotes_that_author(trained: LoadedPipeline) -> None:
    text = (
        "The quake hit on Wednesday. In a situational report of NDRRMC, Wednesday's tremor damaged 143 buildings "
        "including 70 schools. In a statement, the SDF said, \"We agree.\" In a letter from her lawyer, the "
        "actress denied the charges."
    )
    found = quotes_of(trained, text)
    assert ("Wednesday's tremor damaged 143 buildings including 70 schools", "indirect", "NDRRMC") in found
    assert [q for q, kind, _who in found if kind == "indirect"] == [
        "Wednesday's tremor damaged 143 buildings including 70 schools"
    ]


def test_an_opening_mark_typed_for_the_closer_closes_the_quote() -> None:
    from annotator.nlp.quote_marks import find_quotes

    text = 'Cornyn added, "There is no question. I am deeply disappointed.“ However, the JSC said no. He said “we go”.'
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        '"There is no question. I am deeply disappointed.“',
        "“we go”",
    ]


@pytest.mark.slow
def test_a_short_first_half_of_a_split_quote_is_kept_with_its_speaker(trained: LoadedPipeline) -> None:
    text = (
        '"Our team" study co-author Tak-Sing Wong said in a press release "has developed a robust coating that '
        'can make a toilet self-cleaning[.]" Wong is a professor.'
    )
    found = quotes_of(trained, text)
    assert ('"Our team"', "direct", "Tak-Sing Wong") in found


@pytest.mark.slow
def test_a_short_quote_inside_a_sentence_is_not_the_first_half_of_the_next(trained: LoadedPipeline) -> None:
    text = (
        'Republicans attacked the inquiry, with Steve Scalise calling the investigation into Trump "Soviet-style" '
        'and Ross Spano calling the process "a blatant and obvious coup to unseat a sitting president".'
    )
    assert all(q != '"Soviet-style"' for q, _kind, _who in quotes_of(trained, text))


@pytest.mark.slow
def test_words_set_off_by_commas_inside_the_subject_do_not_hide_the_clause(trained: LoadedPipeline) -> None:
    text = (
        "Protesters have claimed Iran, especially, amongst other outside parties, is unduly influencing their "
        "government."
    )
    assert _quotes(trained, text) == [
        ("Iran, especially, amongst other outside parties, is unduly influencing their government", "indirect")
    ]


@pytest.mark.slow
def test_an_object_with_a_relative_clause_is_not_a_reported_clause(trained: LoadedPipeline) -> None:
    text = (
        "In findings published Wednesday in Science Advances, researchers from the University of Colorado "
        "reported a new mechanism by which warm ocean currents erode the ice shelves along the coast of Antarctica."
    )
    assert _quotes(trained, text) == []


@pytest.mark.slow
def test_a_clause_found_by_its_tags_may_hold_the_quote_of_a_mixed_quote(trained: LoadedPipeline) -> None:
    text = (
        "National public service announcements about this year's parade state that it \"will serve to "
        "demonstrate the people's commitment to complying with the Communist Party's reform guidelines.\""
    )
    found = _quotes(trained, text)
    assert len(found) == 1 and found[0][1] == "mixed" and found[0][0].startswith('it "will serve')
