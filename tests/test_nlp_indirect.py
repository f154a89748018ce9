"""Indirect speech as real news writes it (issue 11, second round): one behaviour each."""

from __future__ import annotations

import pytest

from annotator.nlp import suggest_one
from annotator.nlp.pipeline import LoadedPipeline


def quotes_of(pipeline: LoadedPipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    """(quote text, kind, speaker text) in text order."""
    spans, relations = suggest_one(pipeline, text)
    who = {r.head: text[r.child[0] : r.child[1]] for r in relations}
    return [(s.text_in(text), s.kind, who.get(s.key)) for s in spans if s.label == "QUOTE"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # the parser hangs the clause on another verb: found by its tags
        (
            "Committee chairman Paul Ortega has repeatedly maintained an inquiry is what the committee is doing.",
            "an inquiry is what the committee is doing",
            "Paul Ortega",
        ),
        # the verb's own time and a comma before the clause
        (
            "Al Jazeera reported on Thursday, coverage had risen sharply in the capital.",
            "coverage had risen sharply in the capital",
            "Al Jazeera",
        ),
        # "according to" with no comma before it: the content comes first
        (
            "The cyclist was struck by a van travelling on the wrong side of the road according to camera footage.",
            "The cyclist was struck by a van travelling on the wrong side of the road",
            "camera footage",
        ),
        # the sentence goes on after the source
        (
            "Lee has admitted to ordering the payments, according to prosecutors, but he has not been charged.",
            "Lee has admitted to ordering the payments",
            "prosecutors",
        ),
        # an inverted source with its name in apposition
        (
            "It is not for the court to judge the motives, argued the government's lawyer, Richard Hale.",
            "It is not for the court to judge the motives",
            "Richard Hale",
        ),
        # the author of a post, past her role
        (
            "According to a post by Amy Cole, director of the festival, the stage was built by volunteers.",
            "the stage was built by volunteers",
            "Amy Cole",
        ),
        # who released the statement speaks
        (
            "On Friday, the coalition command released a statement saying an attack on the base caused no casualties.",
            "an attack on the base caused no casualties",
            "the coalition command",
        ),
    ],
)
def test_reported_clauses_news_writes(trained: LoadedPipeline, text: str, quote: str, speaker: str) -> None:
    assert quotes_of(trained, text) == [(quote, "indirect", speaker)]


@pytest.mark.slow
def test_a_source_inside_the_sentence_reports_the_side_with_the_main_verb(trained: LoadedPipeline) -> None:
    found = quotes_of(trained, "In the wake of the attack, spokeswoman Lena Dahl said, the lions were put down.")
    assert found == [("the lions were put down", "indirect", "Lena Dahl")]


@pytest.mark.slow
def test_both_sides_of_a_source_inside_the_sentence_when_each_has_a_verb(trained: LoadedPipeline) -> None:
    text = (
        "The researchers tested the filters for a year. Cheaper filters that fit existing taps, they argue, "
        "could save households a great deal of money."
    )
    assert [(q, k) for q, k, _ in quotes_of(trained, text)] == [
        ("Cheaper filters that fit existing taps", "indirect"),
        ("could save households a great deal of money", "indirect"),
    ]


@pytest.mark.slow
def test_content_before_its_source_and_the_clause_of_adding(trained: LoadedPipeline) -> None:
    text = "Strong winds made the crossing difficult, Marc Duval said, adding it took great endurance to stay airborne."
    assert quotes_of(trained, text) == [
        ("Strong winds made the crossing difficult", "indirect", "Marc Duval"),
        ("it took great endurance to stay airborne", "indirect", "Marc Duval"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Police also said the man had worn a fake vest, though it was later found to be harmless.", "the man had"),
        ("She argued that the plan would fail, as the court found.", "the plan would fail"),
        ("He noted the sprays are safe; he also remarked that they wear off quickly.", "the sprays are safe"),
    ],
)
def test_a_reported_clause_ends_where_another_voice_begins(trained: LoadedPipeline, text: str, quote: str) -> None:
    first = quotes_of(trained, text)[0][0]
    assert first.startswith(quote)
    assert not any(w in first for w in ("though", "as the court", ";"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "As revealed at trial, the parents had kept their children indoors for years.",
        "One of the stated goals of the pact is to encourage more trade between members.",
        "While all agreed that time off was rare, artist Leisha Riddell emphasized the need for boundaries.",
        "The company announced the schedule in a press release and followed it up with a press conference.",
    ],
)
def test_no_reported_clause(trained: LoadedPipeline, text: str) -> None:
    assert [q for q, k, _ in quotes_of(trained, text) if k == "indirect"] == []


@pytest.mark.slow
def test_a_paragraph_signed_by_a_dash_line_is_a_block_quote(trained: LoadedPipeline) -> None:
    text = (
        "Judge Ruth Alvarez rejected the argument:\n\n"
        " The notion of immunity that the president invokes cuts across the grain of our precedents.\n\n"
        "Because this court finds such a doctrine repugnant to our values, it dismisses the suit.\n\n"
        " – Judge Ruth Alvarez, Decision and Order"
    )
    found = quotes_of(trained, text)
    assert [(k, s) for _q, k, s in found] == [("direct", "Ruth Alvarez"), ("direct", "Ruth Alvarez")]
    assert found[0][0].startswith("The notion") and found[1][0].endswith("dismisses the suit.")


def test_a_signature_needs_a_person(blank: LoadedPipeline) -> None:
    text = "The council met on Monday and agreed to extend the opening hours of the library.\n\n– Staff report"
    assert quotes_of(blank, text) == []


@pytest.mark.slow
def test_a_position_that_is_a_clause(trained: LoadedPipeline) -> None:
    text = "The ministry's conclusion was that the dam had not been inspected for a decade."
    assert quotes_of(trained, text) == [("the dam had not been inspected for a decade", "indirect", "The ministry")]


@pytest.mark.slow
def test_he_said_goes_on_with_who_spoke_just_before_not_the_last_subject(trained: LoadedPipeline) -> None:
    text = (
        "Senator Paul Grant said the vote was close. Governor Mary Ellis had vetoed the bill a week earlier. "
        "He added that the senate would override the veto."
    )
    assert [s for _q, _k, s in quotes_of(trained, text)] == ["Paul Grant", "Paul Grant"]


@pytest.mark.slow
def test_a_source_set_off_after_a_whole_clause_reports_that_clause(trained: LoadedPipeline) -> None:
    text = "The party lost a net of 20 seats, according to preliminary reports, resulting in a minority government."
    assert quotes_of(trained, text) == [("The party lost a net of 20 seats", "indirect", "preliminary reports")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "kind"),
    [
        (
            "Amnesty International said in a report that the detentions were arbitrary and unlawful.",
            "the detentions were arbitrary and unlawful",
            "indirect",
        ),
        (
            'Amnesty International said in a report that the detentions were "arbitrary and unlawful".',
            'the detentions were "arbitrary and unlawful"',
            "mixed",
        ),
    ],
)
def test_said_in_a_statement_that(trained: LoadedPipeline, text: str, quote: str, kind: str) -> None:
    assert quotes_of(trained, text) == [(quote, kind, "Amnesty International")]


@pytest.mark.slow
def test_a_block_quote_does_not_take_in_the_narrative_before_it(trained: LoadedPipeline) -> None:
    text = (
        "The court heard the case over three days in a crowded room in the capital.\n\n"
        "Because this court finds such a doctrine repugnant to our values, it dismisses the suit.\n\n"
        " – Judge Ruth Alvarez, Decision and Order"
    )
    found = [(q, k) for q, k, _s in quotes_of(trained, text)]
    assert found == [
        ("Because this court finds such a doctrine repugnant to our values, it dismisses the suit.", "direct")
    ]


@pytest.mark.slow
def test_a_quote_after_a_colon_is_said_by_the_subject_of_its_introduction(trained: LoadedPipeline) -> None:
    text = 'President Jair Bolsonaro opposed the statement: "The suggestion evokes a colonialist mentality."'
    assert [s for _q, _k, s in quotes_of(trained, text)] == ["Jair Bolsonaro"]


@pytest.mark.slow
def test_a_source_before_its_comma_needs_content_with_a_verb(trained: LoadedPipeline) -> None:
    text = 'In late June, the Supreme Court ruled against the attempt, saying the reason given was "contrived."'
    found = quotes_of(trained, text)
    assert all(not q.startswith("In late June") for q, _k, _s in found)


@pytest.mark.slow
def test_reports_news_writes_more(trained: LoadedPipeline) -> None:
    found = quotes_of(trained, "Estimates by event organizers indicate roughly one million people marched on Saturday.")
    assert found == [("roughly one million people marched on Saturday", "indirect", "event organizers")]
    found = quotes_of(trained, "Erdogan also said earlier he might rename the monument.")
    assert found == [("he might rename the monument", "indirect", "Erdogan")]
    found = quotes_of(trained, "One interviewee said people changed their minds and several said they were angry.")
    assert [q for q, _k, _s in found] == ["people changed their minds", "they were angry"]


@pytest.mark.slow
def test_further_saying_inside_a_mixed_clause_is_the_first_speakers(trained: LoadedPipeline) -> None:
    text = (
        'Bank president Okey Oramah said the use of foreign currencies "costs Africa $5 billion," further saying, '
        '"Beyond that, it also reduces trade."'
    )
    assert [s for _q, _k, s in quotes_of(trained, text)] == ["Okey Oramah", "Okey Oramah"]


@pytest.mark.slow
def test_a_passive_speech_verb_speaks_through_its_agent(trained: LoadedPipeline) -> None:
    text = 'The result was described by Johnson as a "historic mandate", saying he intends to leave by January.'
    found = quotes_of(trained, text)
    assert [s for _q, _k, s in found] == ["Johnson", "Johnson"]
    assert "by Johnson" not in found[0][0]
