"""Speakers on unseen news, round 5 (issue 11, point 4): the main speech verb speaks, names that only modify or
follow a phrase are not the speaker, pronouns and colons as news writes them. All texts are written for these tests."""

from __future__ import annotations

import pytest

from annotator.nlp.pipeline import LoadedPipeline
from tests.test_nlp_guideline_decisions import quotes_of


def speaker_of(pipeline: LoadedPipeline, text: str, start: str) -> str | None:
    found = [w for q, _k, w in quotes_of(pipeline, text) if start in q]
    assert found, f"no quote holding {start!r}"
    return found[0]


# a speech verb inside the reported clause of another is content: the main speech verb's subject speaks


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Police chief Anna Lindqvist spoke to journalists on Monday. She said the suspect had been "
            '"cooperative" and that officers found "no evidence of a second attacker".',
            "no evidence",
            "Anna Lindqvist",
        ),
        (
            'Dana Whitfield told reporters the strike would continue "until the board listens".',
            "until the board listens",
            "Dana Whitfield",
        ),
    ],
)
def test_the_main_speech_verb_speaks_not_one_inside_its_clause(
    trained: LoadedPipeline, text: str, quote: str, speaker: str
) -> None:
    assert speaker_of(trained, text, quote) == speaker


@pytest.mark.slow
def test_a_quote_after_one_with_a_spaced_closing_mark_keeps_its_own_inverted_speaker(
    trained: LoadedPipeline,
) -> None:
    text = (
        "Regarding the memo, former regulator Elie Brandt said via Twitter: \"If I got a memo like this, I'd think, "
        "'Wow, they are saying this so openly.' \"\n\n"
        '"The only conclusion I can reach after reading that devastating call summary is that the staff want him '
        'to resign or be impeached," tweeted former thinktank executive Ken Gude.'
    )
    assert speaker_of(trained, text, "The only conclusion") == "Ken Gude"


# names that only modify or follow a phrase


@pytest.mark.slow
def test_a_name_modifying_a_role_noun_is_not_who_holds_the_role(trained: LoadedPipeline) -> None:
    text = (
        '"Warm water circulation is attacking the shelves at their weakest points," said study co-author '
        'Karen Alley. The Wooster professor added, "These effects matter."'
    )
    assert speaker_of(trained, text, "These effects matter") == "The Wooster professor"


@pytest.mark.slow
def test_a_misparsed_apposition_behind_a_preposition_is_not_the_speaker(trained: LoadedPipeline) -> None:
    text = (
        "In findings published on Wednesday in Science Advances, researchers from the Georgia Institute of "
        "Technology (GT) and University of South Carolina Beaufort, both in the United States, reported warming "
        "seas appear to decrease the efficacy of the compounds that corals release."
    )
    assert speaker_of(trained, text, "warming seas") == "researchers"


@pytest.mark.slow
def test_after_according_to_the_subject_of_the_content_is_not_the_source(trained: LoadedPipeline) -> None:
    text = (
        "Hurricane Lorenzo reached Category 5 on Saturday. According to reports, Lorenzo is the largest and "
        "strongest tropical cyclone to reach this far into the northeastern Atlantic."
    )
    assert speaker_of(trained, text, "Lorenzo is the largest") == "reports"


# pronouns, colons and quote-only verbs


@pytest.mark.slow
def test_a_pronoun_can_stand_for_a_name_in_apposition_to_a_person_noun(trained: LoadedPipeline) -> None:
    text = (
        "Police chief Anna Lindqvist spoke to journalists outside the station on Monday. She said the suspect had "
        'been "cooperative".\n\n'
        'Her deputy, Marcus Hale, was more cautious. He warned that the inquiry was "far from over".'
    )
    assert speaker_of(trained, text, "the inquiry was") == "Marcus Hale"


@pytest.mark.slow
def test_the_subject_before_a_colon_speaks_when_the_parser_joins_the_quote_to_the_sentence(
    trained: LoadedPipeline,
) -> None:
    text = 'Lindqvist later returned to the podium: "We will release the names once the families have been told."'
    assert speaker_of(trained, text, "We will release") == "Lindqvist"


@pytest.mark.slow
def test_reacted_attributes_a_direct_quote(trained: LoadedPipeline) -> None:
    text = (
        "Mick Jagger of The Rolling Stones also reacted on Twitter, \"Sad news hearing that Ginger Baker has died. "
        'He was a fiery but extremely talented drummer."'
    )
    assert speaker_of(trained, text, "Sad news") == "Mick Jagger"


@pytest.mark.slow
def test_a_space_between_the_inner_and_the_outer_closing_mark_still_closes_the_quote(
    trained: LoadedPipeline,
) -> None:
    text = (
        "Tom Baxter began playing drums at school. \"I'd never sat behind a kit before. One of the musicians turned "
        "round and said, 'Bloody hell, we've got a drummer' \", he recalled in a 2009 interview."
    )
    found = quotes_of(trained, text)
    assert [(q[:12], w) for q, _k, w in found] == [("\"I'd never s", "Tom Baxter")]


@pytest.mark.slow
def test_a_role_noun_after_a_nationality_speaks_through_the_name_in_apposition(trained: LoadedPipeline) -> None:
    text = (
        'Their statement also read "imposing citizenship over American Samoan\'s objections violates '
        'self-determination."\n\n'
        "The American Samoan delegate to the U.S. House of Representatives, Aumua Amata, told the press: "
        '"The ruling is particularly unwelcome and inappropriate."'
    )
    assert speaker_of(trained, text, "The ruling is") == "Aumua Amata"


@pytest.mark.slow
def test_a_named_thing_inside_a_speaker_phrase_is_not_its_name(trained: LoadedPipeline) -> None:
    text = (
        "Don Imus died on Friday, his family reported.\n\n"
        "The account for The Bernie and Sid Show, which replaced Imus in the Morning, hosted by Bernard McGuirk "
        'and Sid Rosenberg, who both worked for Imus, tweeted: "I-Man. We salute you. A radio legend indeed."'
    )
    assert speaker_of(trained, text, "I-Man") == "The account"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('The BBC quoted Omar Haddad as saying the deal was "done and dusted".', "done and dusted", "Omar Haddad"),
        (
            'Reuters cited the minister, Ruth Kamau, as saying the tax plan was "premature" this year.',
            "premature",
            "Ruth Kamau",
        ),
    ],
)
@pytest.mark.slow
def test_who_is_quoted_as_saying_speaks_not_who_quotes(
    trained: LoadedPipeline, text: str, quote: str, speaker: str
) -> None:
    assert speaker_of(trained, text, quote) == speaker


@pytest.mark.slow
def test_a_pronoun_speaker_is_not_someone_the_last_speaker_talked_about(trained: LoadedPipeline) -> None:
    text = (
        'Her colleague, Senator Paul Lindgren, disagreed. He said the bill was "long overdue".\n\n'
        "The Law Society also weighed in. Its president, Amara Okoye, said the bill posed a serious risk.\n\n"
        'Okoye said Lindgren had "misunderstood" the society\'s position. "We are not against reform," she said.'
    )
    assert speaker_of(trained, text, "We are not against reform") == "Okoye"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        'Lee Chang-ho admitted the payments were "a serious mistake", according to prosecutors.',
        "Lee Chang-ho admitted the payments were a serious mistake, according to prosecutors.",
    ],
)
def test_a_report_inside_content_before_according_to_is_the_sources(trained: LoadedPipeline, text: str) -> None:
    [(quote, speaker)] = [(q, w) for q, _k, w in quotes_of(trained, text)]
    assert (quote[:25], speaker) == ("Lee Chang-ho admitted the", "prosecutors")


@pytest.mark.slow
def test_a_possessor_of_the_speaker_is_never_the_speaker(trained: LoadedPipeline) -> None:
    text = (
        "Ivan Petrov accused the government.\n\n"
        'Carl Benson\'s lawyer said his client was "completely innocent" of the charges.'
    )
    assert speaker_of(trained, text, "completely innocent") == "lawyer"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "The new road has attracted criticism from activists who argue that the works will have a serious "
            "environmental impact.",
            "the works will have",
            "activists",
        ),
        (
            "One final reaction comes from Ndagha who says the president has started well but should respect "
            "the courts.",
            "the president has started well",
            "Ndagha",
        ),
    ],
)
def test_the_subject_who_of_a_relative_clause_is_the_noun_it_belongs_to(
    trained: LoadedPipeline, text: str, quote: str, speaker: str
) -> None:
    assert speaker_of(trained, text, quote) == speaker


@pytest.mark.slow
def test_statements_from_witnesses_are_the_witnesses(trained: LoadedPipeline) -> None:
    text = (
        "However, according to statements from witnesses which have been posted on Twitter, the police were seen "
        "clashing with cyclists."
    )
    assert speaker_of(trained, text, "the police were seen") == "witnesses"


@pytest.mark.slow
def test_a_block_quote_introduction_speaks_through_its_main_verb_not_a_relative_clause(
    trained: LoadedPipeline,
) -> None:
    text = (
        "On Facebook, where Usov shared the link to the interview, user Juriy Prohorov wrote [ru]:\n\n"
        "Every lawyer and anyone who has ever had to deal with our legal system knows everything that he has told "
        "about in his film, and everyone is fine with it.\n\n"
        'On April 21, Usov noted on Facebook that "for the first time in 20 years, officials have started '
        "addressing inmates [using the formal form of the 'you' pronoun]:\n\n"
        "[...] Yes, it may seem like no big deal to some of you. But in fact this is the breakthrough moment."
    )
    found = quotes_of(trained, text)
    assert [w for q, _k, w in found if q.startswith("Every lawyer")] == ["Juriy Prohorov"]
    assert all(w != "Juriy Prohorov" for q, _k, w in found if "first time in 20 years" in q)


@pytest.mark.slow
def test_a_subject_the_parser_lent_to_a_participle_before_the_verb_speaks(trained: LoadedPipeline) -> None:
    text = 'Judge Maria Lopez, sentencing the men, told them their crimes were "beyond comprehension".'
    assert speaker_of(trained, text, "beyond comprehension") == "Maria Lopez"


@pytest.mark.slow
def test_content_before_a_long_according_to_source_is_its_quote(trained: LoadedPipeline) -> None:
    text = (
        "Fourteen people were injured in the crash, including one airport worker on the ground, according to "
        "Commissioner James Rovella of the Connecticut Department of Emergency Services and Public Protection."
    )
    assert speaker_of(trained, text, "Fourteen people were injured") == "James Rovella"
