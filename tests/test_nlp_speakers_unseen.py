"""Speakers as other publishers write them (issue 11): pronoun gender, wire layouts, nominal speech verbs."""

from __future__ import annotations

import pytest

from annotator.nlp.pipeline import LoadedPipeline
from tests.test_nlp_guideline_decisions import quotes_of


def speaker_of(found: list[tuple[str, str | None, str | None]], start: str) -> str | None:
    [who] = [w for q, _k, w in found if q.startswith(start)]
    return who


# pronoun gender: evidence from the text itself


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (  # the pronoun the text uses for the man elsewhere
            "Anna Berg met John Smith on Monday. Smith said he was ready. She told reporters the deal was off.",
            "the deal was off",
            "Anna Berg",
        ),
        (  # honorifics
            "Ms. Lopez chaired the meeting. Mr. Patel, who leads the committee, disagreed. "
            "She said the vote would go ahead.",
            "the vote would go ahead",
            "Lopez",
        ),
        (  # a gendered role noun beside the name
            "Tom Hale, a spokesman for the city, met Dana Reyes. She said the budget was final.",
            "the budget was final",
            "Dana Reyes",
        ),
    ],
)
def test_a_pronoun_never_goes_to_someone_the_text_gives_the_other_gender(
    trained: LoadedPipeline, text: str, quote: str, speaker: str
) -> None:
    assert speaker_of(quotes_of(trained, text), quote) == speaker


@pytest.mark.slow
def test_a_name_the_text_says_nothing_about_stays_a_candidate(trained: LoadedPipeline) -> None:
    text = "Police spoke with Kim Novak as a suspect. She informed police that she had diplomatic immunity."
    assert speaker_of(quotes_of(trained, text), "she had diplomatic immunity") == "Kim Novak"


# wire layouts


@pytest.mark.slow
def test_a_wire_dateline_is_never_part_of_the_content_before_its_source(trained: LoadedPipeline) -> None:
    text = (
        "LONDON, Dec 1 (Reuters) - Britain's economy grew faster than expected, the statistics office said.\n\n"
        "KABUL — The convoy left the capital before dawn, a police source said."
    )
    found = [q for q, _k, _w in quotes_of(trained, text)]
    assert found == ["Britain's economy grew faster than expected", "The convoy left the capital before dawn"]


@pytest.mark.slow
def test_a_signature_the_entity_recogniser_missed_still_signs_the_quote(trained: LoadedPipeline) -> None:
    text = 'The union met on Monday.\n\n"We will not back down," - Dana Reyes\n\nThe talks went on.'
    assert quotes_of(trained, text) == [('"We will not back down,"', "direct", "Dana Reyes")]


@pytest.mark.slow
def test_one_transcript_line_is_a_quote_when_the_text_names_that_person(trained: LoadedPipeline) -> None:
    text = "Dana Reyes leads the union of dock workers.\n\nREYES: We will not back down from this fight."
    found = quotes_of(trained, text)
    assert ("We will not back down from this fight.", "direct", "REYES") in found
    alone = "KABUL: Afghan officials met on Monday to discuss the budget."
    assert quotes_of(trained, alone) == []


@pytest.mark.slow
def test_a_nominal_subject_without_a_noun_speaks(trained: LoadedPipeline) -> None:
    text = '"I am very happy," the 24-year-old told the BBC.'
    assert quotes_of(trained, text) == [('"I am very happy,"', "direct", "the 24-year-old")]


BLOCKS = (
    "Richard Banda says that voters should expect more from the new government:\n\n"
    "The new cabinet has set its feet to the pedal. Its first task was to sack the information minister.\n\n"
    "Here are some examples of the discussions:\n\n"
    "The panels about the future of news focused on community participation and ways to engage the public.\n\n"
    "Anna Kovac, a blogger in Zagreb, wrote:\n\n"
    "I waited for three hours at the station and nobody came to help the passengers.\n\n"
    "We will go back tomorrow and wait again, whatever the police say about it.\n\n"
    "Nobody from the ministry has come to see the passengers so far, and the trains are still late.\n\n"
    "The protest ended in the evening. Kovac later told reporters that the trains were running again."
)


@pytest.mark.slow
def test_paragraphs_after_an_introduction_ending_in_a_colon_are_block_quotes(trained: LoadedPipeline) -> None:
    found = {q[:20]: (k, w) for q, k, w in quotes_of(trained, BLOCKS)}
    assert found["The new cabinet has "] == ("direct", "Richard Banda")
    assert found["I waited for three h"] == ("direct", "Anna Kovac")
    assert found["We will go back tomo"] == ("direct", "Anna Kovac")
    assert found["Nobody from the mini"] == ("direct", "Anna Kovac")  # the block goes on: no narration yet
    assert not any(q.startswith(("The panels", "The protest")) for q in found)


@pytest.mark.slow
def test_the_content_before_a_colon_introduction_is_not_what_was_said(trained: LoadedPipeline) -> None:
    text = "Having known her from his youth, the journalist Tom Hale states:\n\nShe is the mother of the nation."
    assert not any(q.startswith("Having") for q, _k, _w in quotes_of(trained, text))


@pytest.mark.slow
def test_a_pronoun_goes_to_someone_its_own_paragraph_names_before_the_last_paragraph_s_speaker(
    trained: LoadedPipeline,
) -> None:
    text = (
        'Maria Costa spoke after the vote. "The offer is an insult to every worker," she said.\n\n'
        "The ministry invited Anna Berg to Paris. She told reporters the figures were deeply worrying."
    )
    assert speaker_of(quotes_of(trained, text), "the figures were") == "Anna Berg"


@pytest.mark.slow
def test_a_role_after_an_inverted_source_keeps_the_content_before_it(trained: LoadedPipeline) -> None:
    text = 'The decision was "long overdue" and "deeply flawed," said Paul Ward, a former minister.'
    assert quotes_of(trained, text) == [
        ('The decision was "long overdue" and "deeply flawed,"', "mixed", "Paul Ward")
    ]


@pytest.mark.slow
def test_by_reports_is_a_source_like_according_to(trained: LoadedPipeline) -> None:
    text = (
        "By reports on Saturday, two of the victims died, and three others were seriously injured.\n\n"
        "The outbreak had, by reports, infected over 4,200 residents and killed at least 62, including, "
        "according to government reports, 54 small children. The bridge was built by engineers from Spain."
    )
    assert quotes_of(trained, text) == [
        ("two of the victims died, and three others were seriously injured", "indirect", "reports"),
        ("infected over 4,200 residents and killed at least 62", "indirect", "reports"),
        ("54 small children", "indirect", "government reports"),
    ]


@pytest.mark.slow
def test_described_as_being_reports_a_predication_and_a_passive_subject_never_speaks(
    trained: LoadedPipeline,
) -> None:
    text = (
        "Zapata landed on a boat, a process Zapata described as being tricky because the boat could not be kept "
        "still.\n\nResidents were told the work would take six weeks. The deal was described by Costa as a fake."
    )
    assert quotes_of(trained, text) == [
        ("being tricky because the boat could not be kept still", "indirect", "Zapata"),
        ("the work would take six weeks", "indirect", None),
    ]


@pytest.mark.slow
def test_two_short_sentences_in_marks_are_speech_and_put_it_attributes(trained: LoadedPipeline) -> None:
    text = (
        "Asked whether he would resign, Tom Smith said: “No. Never.”\n\n"
        "As one participant put it: “I felt invisible in that room.”"
    )
    assert quotes_of(trained, text) == [
        ("“No. Never.”", "direct", "Tom Smith"),
        ("“I felt invisible in that room.”", "direct", "one participant"),
    ]


@pytest.mark.slow
def test_a_speech_verb_the_tagger_calls_a_noun_has_the_phrase_it_hangs_under_as_subject(
    trained: LoadedPipeline,
) -> None:
    text = (
        "National public service announcements about this year's parade state that it \"will serve to "
        'demonstrate the people\'s commitment to the reform guidelines."'
    )
    [(_quote, _kind, who)] = quotes_of(trained, text)
    assert who == "National public service announcements"


@pytest.mark.slow
def test_a_title_links_to_the_name_in_apposition_even_when_the_entity_recogniser_missed_it(
    trained: LoadedPipeline,
) -> None:
    text = 'The health minister, Ana Ruiz, arrived in the city on Monday and said the outbreak was "under control".'
    [(_quote, kind, who)] = quotes_of(trained, text)
    assert (kind, who) == ("mixed", "Ana Ruiz")


@pytest.mark.slow
def test_a_possessive_after_a_name_is_no_evidence_of_its_gender(trained: LoadedPipeline) -> None:
    text = (
        "Anne Sacoolas left the country. Chief constable Nick Adderley wrote to the embassy asking to waive her "
        "immunity. He said the case was not closed."
    )
    assert speaker_of(quotes_of(trained, text), "the case was not closed") == "Nick Adderley"


@pytest.mark.slow
def test_a_pronoun_subject_of_a_colon_introduction_speaks_the_block(trained: LoadedPipeline) -> None:
    text = (
        "Gregory Gondwe takes a very different approach to the new cabinet.\n\n"
        "After listing the issues that need attention, he makes a stinging attack on the president:\n\n"
        "I am in deep doubt that you are any different from your predecessors in this office."
    )
    assert quotes_of(trained, text)[-1] == (
        "I am in deep doubt that you are any different from your predecessors in this office.",
        "direct",
        "Gregory Gondwe",
    )


@pytest.mark.slow
def test_a_gendered_role_noun_heading_a_speaker_phrase_is_its_gender(trained: LoadedPipeline) -> None:
    text = 'Ms Berg was "shocked" by the decision, her spokesman said.\n\n"No," she said.'
    assert speaker_of(quotes_of(trained, text), '"No,"') == "Berg"


@pytest.mark.slow
def test_transcript_names_with_accents_or_a_role_after_them_speak(trained: LoadedPipeline) -> None:
    text = (
        "AMY GOODMAN: We begin today with the crisis in the region and the vote in Congress.\n\n"
        "JUAN GONZÁLEZ: And the vote was much closer than many had expected it to be.\n\n"
        "STEVE INSKEEP, HOST: Good morning, and welcome to the program this Tuesday."
    )
    assert [(k, w) for _q, k, w in quotes_of(trained, text)] == [
        ("direct", "AMY GOODMAN"),
        ("direct", "JUAN GONZÁLEZ"),
        ("direct", "STEVE INSKEEP"),
    ]


@pytest.mark.slow
def test_a_quoted_tweet_after_a_colon_introduction_starts_after_its_handle(trained: LoadedPipeline) -> None:
    text = (
        "Muhanad Rabie also voiced his hope for the return of Sudanese in the diaspora:\n\n"
        "@Neo0rabie: People in the diaspora have got to come back one day. #newSudans"
    )
    assert quotes_of(trained, text)[-1] == (
        "People in the diaspora have got to come back one day. #newSudans",
        "direct",
        "Muhanad Rabie",
    )


@pytest.mark.slow
def test_they_stands_for_a_group_its_paragraph_made_the_subject(trained: LoadedPipeline) -> None:
    text = (
        'Protesters gathered outside the court. "We want justice for our children," they chanted.\n\n'
        "The two companies announced the merger. They said the deal would close in June."
    )
    found = quotes_of(trained, text)
    assert speaker_of(found, '"We want justice') == "Protesters"
    assert speaker_of(found, "the deal would close") == "The two companies"
