"""Speakers in press layouts, round 6 (issue 11, point 4): a paragraph that opens with a speaker's label and a
colon before the quote ("Sen. Mara Quint (D-OR): “...”"), and a headline that opens with a heading word and a
colon. All texts are written for these tests."""

from __future__ import annotations

import pytest

from annotator.nlp.pipeline import LoadedPipeline
from tests.test_nlp_guideline_decisions import quotes_of

ROUND_UP = (
    "Governors Praise New Water Plan\n\n"
    "Thursday, March 6, 2025\n\n"
    "Today, Governor Ellen Park signed the water plan into law.\n\n"
    "See below for what they are saying:\n\n"
    "Pacific Growers Council President Helen Ortiz: “Farmers in the valley have waited a decade for this. "
    "The plan gives them water they can count on.”\n\n"
    "Sen. Mara Quint (D-OR): “This is a good day for rural families. We will keep working to fund it.”\n\n"
    "United Pipefitters Local 12: “Our members are ready to build it, starting this summer.”\n\n"
    "Rep. Tobias Fenn (R-ID): “A plan like this should have passed years ago. I am glad it finally did.” "
    "[Statement, 3.6.25]\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("quote", "speaker"),
    [
        ("Farmers in the valley", "Helen Ortiz"),
        ("This is a good day", "Mara Quint"),
        ("A plan like this", "Tobias Fenn"),
    ],
)
def test_a_label_before_a_colon_and_a_quote_mark_names_the_speaker(
    trained: LoadedPipeline, quote: str, speaker: str
) -> None:
    found = [(q, w) for q, _k, w in quotes_of(trained, ROUND_UP) if quote in q]
    assert found, f"no quote holding {quote!r}"
    text, who = found[0]
    assert who == speaker
    assert text.startswith("“") and ":" not in text  # the label is not part of what is said


@pytest.mark.slow
def test_label_lines_after_an_introduction_are_not_its_block_quote(trained: LoadedPipeline) -> None:
    quotes = quotes_of(trained, ROUND_UP)
    assert not any(q.startswith(("Pacific Growers", "Sen. Mara")) for q, _k, _w in quotes)
    assert all(w not in ("Ellen Park", "Park") for _q, _k, w in quotes)


@pytest.mark.slow
def test_a_sentence_with_a_verb_before_the_colon_keeps_its_subject_as_the_speaker(trained: LoadedPipeline) -> None:
    text = (
        "The ministry issued a short statement on Friday.\n\n"
        "Health Minister Ana Ruiz told reporters: “We are doing everything we can to reopen the clinics.”\n"
    )
    found = [w for q, _k, w in quotes_of(trained, text) if "reopen the clinics" in q]
    assert found == ["Ana Ruiz"]


@pytest.mark.slow
def test_a_headline_opening_with_a_heading_word_is_not_a_transcript_turn(trained: LoadedPipeline) -> None:
    text = (
        "ICYMI: Mayor Exposes Council Delay on Bridge Repairs\n\n"
        "Sunday, May 4, 2025\n\n"
        "Speaking with Tom Avery on Channel 5, Mayor Lena Brandt said repairs must start before winter.\n\n"
        "AVERY: Is there anything more the city can do?\n\n"
        "BRANDT: Well, the council has to vote on the money. It has to pass now, not in six months.\n\n"
        "AVERY: So is the repair plan dead?\n\n"
        "BRANDT: It should not be dead. Why can't we do both?\n\n"
        "###\n"
    )
    quotes = quotes_of(trained, text)
    assert not any("Council Delay" in q or "Sunday, May 4" in q or "Channel 5" in q for q, _k, _w in quotes)
    assert all(w != "ICYMI" for _q, _k, w in quotes)
    turns = [(q, w) for q, _k, w in quotes if q.startswith(("Well, the council", "It should not"))]
    assert len(turns) == 2 and all(w is not None and ("Brandt" in w or w == "BRANDT") for _q, w in turns)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            'Assembly president Richard Ferrand said, "Chirac is part of the history of France". Sarkozy said of '
            'Chirac, "He was true to his values".',
            "part of the history",
            "Richard Ferrand",
        ),
        (
            'Mayor Ines Falk told the council that "the money is already spent". Olsen said the audit was "overdue".',
            "already spent",
            "Ines Falk",
        ),
    ],
)
def test_a_verb_after_a_full_stop_outside_the_closing_mark_is_the_next_sentences(
    trained: LoadedPipeline, text: str, quote: str, speaker: str
) -> None:
    found = [w for q, _k, w in quotes_of(trained, text) if quote in q]
    assert len(found) == 1 and found[0] is not None and found[0].endswith(speaker)


@pytest.mark.slow
def test_two_quotes_around_one_speech_verb_share_its_speaker(trained: LoadedPipeline) -> None:
    text = (
        'A spokesperson confirmed the figures on Friday. "No staff were hurt. We thank the fire service;" read the '
        'statement; "we will reopen the plant as soon as it is safe to do so."'
    )
    found = {q[:12]: w for q, _k, w in quotes_of(trained, text) if q.startswith('"')}
    assert found == {'"No staff we': "the statement", '"we will reo': "the statement"}


@pytest.mark.slow
def test_a_role_before_a_person_the_entity_recogniser_found_speaks_through_that_person(
    trained: LoadedPipeline,
) -> None:
    text = (
        '"The FBI will keep pursuing those who exploit children online," said Special Agent in Charge Robert Wells '
        "of the FBI's Chicago Field Office."
    )
    assert [w for _q, _k, w in quotes_of(trained, text)] == ["Robert Wells"]


TITLE_CASE_TRANSCRIPT = (
    "Meeting with Government members\n\n"
    "The President held a meeting with Government members via videoconference.\n\n"
    "Ivan Sorokin: Good afternoon, colleagues. Let us begin with the harvest.\n\n"
    "Maria Belova: Thank you. The harvest this year is larger than we expected.\n\n"
    "The grain stocks are enough for the whole winter.\n\n"
    "Ivan Sorokin: Good. What about the prices?\n\n"
    "Photo Credit: Press Service\n"
)


@pytest.mark.slow
def test_a_person_named_in_title_case_before_a_colon_labels_a_transcript_turn(trained: LoadedPipeline) -> None:
    quotes = {q: w for q, _k, w in quotes_of(trained, TITLE_CASE_TRANSCRIPT)}
    assert quotes.get("Good afternoon, colleagues. Let us begin with the harvest.") == "Ivan Sorokin"
    assert quotes.get("Thank you. The harvest this year is larger than we expected.") == "Maria Belova"
    assert quotes.get("The grain stocks are enough for the whole winter.") == "Maria Belova"
    assert not any("Press Service" in q for q in quotes)


@pytest.mark.slow
def test_a_quote_with_no_verb_after_a_sentence_whose_subject_is_a_pronoun_is_whom_it_stands_for(
    trained: LoadedPipeline,
) -> None:
    text = (
        "Kiara Perkins, a second year art major, admitted she was willing to skip class to attend the opening. "
        'Why did she so badly want to attend? "It is Warhol. He is a legend."'
    )
    found = [w for q, _k, w in quotes_of(trained, text) if "He is a legend" in q]
    assert found == ["Kiara Perkins"]
