"""Quotes in official press layouts (annotator/nlp/press_layouts.py): transcript turns and "attributable to" blocks.

The texts are written for these tests (an invented governor, mayor and spokesperson), not taken from any gold.
"""

from __future__ import annotations

import pytest

from annotator.nlp import suggest_one
from annotator.nlp.doc_units import ACTORS, SPEAKERS, group
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.press_layouts import transcript_turns
from annotator.nlp.speakers import ActorIndex


def quotes_of(pipeline: LoadedPipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    """(quote text, kind, speaker text) in text order."""
    spans, relations = suggest_one(pipeline, text)
    who = {r.head: text[r.child[0] : r.child[1]] for r in relations}
    return [(s.text_in(text), s.kind, who.get(s.key)) for s in spans if s.label == "QUOTE"]


def actors_of(pipeline: LoadedPipeline, text: str) -> list[str]:
    return [s.text_in(text) for s in suggest_one(pipeline, text)[0] if s.label == "ACTOR"]


BRIEFING = (
    "Remarks by Governor Dana Okafor at the reopening of the harbor bridge\n\n"
    "Riverside Pier\n\n"
    "10:42 A.M. CDT\n\n"
    "GOVERNOR OKAFOR: Good morning. The bridge carries forty thousand cars a day, and today it carries them again.\n\n"
    "We finished two months early because the crews worked through the winter.\n\n"
    "Q Will the tolls go up next year?\n\n"
    "GOVERNOR OKAFOR: No.\n\n"
    "Q Thank you.\n\n"
    "GOVERNOR OKAFOR: Thanks, everybody.\n\n"
    "10:51 A.M. CDT"
)


def test_every_paragraph_of_a_turn_is_a_direct_quote_and_a_reporter_has_no_speaker(blank: LoadedPipeline) -> None:
    found = [(q, k, who is not None) for q, k, who in quotes_of(blank, BRIEFING)]
    assert found == [
        (
            "Good morning. The bridge carries forty thousand cars a day, and today it carries them again.",
            "direct",
            True,
        ),
        ("We finished two months early because the crews worked through the winter.", "direct", True),
        ("Will the tolls go up next year?", "direct", False),
        ("No.", "direct", True),
        ("Thank you.", "direct", False),
        ("Thanks, everybody.", "direct", True),
    ]


@pytest.mark.slow
def test_a_label_speaks_as_the_full_name_the_page_gives(trained: LoadedPipeline) -> None:
    speakers = {who for _q, _k, who in quotes_of(trained, BRIEFING)}
    assert speakers == {"Dana Okafor", None}


@pytest.mark.slow
def test_an_honorific_is_no_part_of_the_label_actor(trained: LoadedPipeline) -> None:
    text = (
        "Press briefing aboard the ferry\n\n"
        "2:05 P.M. EDT\n\n"
        "MS. OKAFOR: We will publish the inspection reports on Friday.\n\n"
        "Q Who wrote them?\n\n"
        "MS. OKAFOR: Engineers from the state university, working with our own staff.\n\n"
        "END"
    )
    assert [who for _q, _k, who in quotes_of(trained, text)] == ["OKAFOR", None, "OKAFOR"]
    assert "MS. OKAFOR" not in actors_of(trained, text)


@pytest.mark.slow
def test_a_role_label_speaks_as_the_person_the_page_head_names_with_that_title(trained: LoadedPipeline) -> None:
    text = (
        "Mayor Lena Brandt met reporters at City Hall on the flood plan.\n\n"
        "4:10 P.M. EST\n\n"
        "THE MAYOR: The new levee will be finished before the spring rains.\n\n"
        "Q And the cost?\n\n"
        "THE MAYOR: About half of what the council budgeted."
    )
    assert [who for _q, _k, who in quotes_of(trained, text)] == ["Lena Brandt", None, "Lena Brandt"]


@pytest.mark.slow
def test_a_dateline_before_an_interview_is_no_turn(trained: LoadedPipeline) -> None:
    text = (
        "WASHINGTON: The governor answered three questions from reporters on Monday.\n\n"
        "Q: Will you run again?\n\n"
        "GOVERNOR OKAFOR: Not this time, and my family agrees."
    )
    found = quotes_of(trained, text)
    assert [q for q, _k, _w in found] == ["Will you run again?", "Not this time, and my family agrees."]


def test_narration_after_an_unframed_exchange_is_no_quote(blank: LoadedPipeline) -> None:
    text = (
        "The hearing grew tense.\n\n"
        "MS. REYES: We will not accept this budget.\n\n"
        "MR. HALE: Then you will have to vote against it.\n\n"
        "The committee votes on the budget on Friday, after the last hearing."
    )
    assert [q for q, _k, _w in quotes_of(blank, text)] == [
        "We will not accept this budget.",
        "Then you will have to vote against it.",
    ]


@pytest.mark.slow
def test_headings_in_capitals_are_no_press_transcript(trained: LoadedPipeline) -> None:
    text = (
        "The council adopted the plan.\n\n"
        "KEY POINTS: The harbor bridge was closed for repairs in the autumn.\n\n"
        "NEXT STEPS: Traffic returns to the bridge next week."
    )
    doc = trained.nlp.make_doc(text)
    for _name, component in trained.nlp.pipeline:
        if _name != "annotator_quotes":
            doc = component(doc)
    actors = ActorIndex(doc, doc.spans.get(ACTORS), group(doc, SPEAKERS))
    assert transcript_turns(doc, text, actors) == []


@pytest.mark.slow
def test_a_block_attributable_to_a_spokesperson_is_her_quote(trained: LoadedPipeline) -> None:
    text = (
        "Call with the harbor authority\n\n"
        "The following is attributable to Spokesperson Dana Okafor:\n\n"
        "The governor spoke today with the harbor authority about the bridge and the spring floods."
    )
    assert quotes_of(trained, text) == [
        (
            "The governor spoke today with the harbor authority about the bridge and the spring floods.",
            "direct",
            "Dana Okafor",
        )
    ]


@pytest.mark.slow
def test_attributable_to_inside_a_sentence_introduces_nothing(trained: LoadedPipeline) -> None:
    text = (
        "The two-day delay at the harbor was attributable to a decision by Harbor Master Dana Okafor.\n\n"
        "Ferries run on the winter timetable from Monday, with the first crossing at six."
    )
    assert quotes_of(trained, text) == []


@pytest.mark.slow
def test_a_readout_verb_reports_a_clause_but_not_a_noun_object(trained: LoadedPipeline) -> None:
    text = (
        "Governor Dana Okafor reaffirmed the harbor will reopen to ferries in May. "
        "She also reaffirmed her support for the dock workers and discussed the spring floods."
    )
    assert quotes_of(trained, text) == [("the harbor will reopen to ferries in May", "indirect", "Dana Okafor")]


@pytest.mark.slow
def test_a_dialogue_goes_on_between_its_labels(trained: LoadedPipeline) -> None:
    text = (
        "Senator Dana Reyes and Mayor Tom Hale debated the harbor budget on the radio.\n\n"
        "REYES: We will not accept this budget.\n\n"
        "HALE: Then you will have to vote against it.\n\n"
        "The harbor needs the money this year, not in five years.\n\n"
        "REYES: We will find it elsewhere."
    )
    assert [(q, who) for q, _k, who in quotes_of(trained, text)] == [
        ("We will not accept this budget.", "Dana Reyes"),
        ("Then you will have to vote against it.", "Tom Hale"),
        ("The harbor needs the money this year, not in five years.", "Tom Hale"),
        ("We will find it elsewhere.", "Dana Reyes"),
    ]


@pytest.mark.slow
def test_the_president_is_not_the_vice_president(trained: LoadedPipeline) -> None:
    text = (
        "Remarks by Vice President Tom Hale before the harbor visit\n\n"
        "9:02 A.M. EDT\n\n"
        "THE PRESIDENT: The bridge opens on Monday.\n\n"
        "Q Will you be there?\n\n"
        "THE PRESIDENT: Yes, with the governor."
    )
    assert [who for _q, _k, who in quotes_of(trained, text)] == ["THE PRESIDENT", None, "THE PRESIDENT"]
