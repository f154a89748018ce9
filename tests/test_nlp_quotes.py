"""Direct quotes by their marks: pure text rules (no spaCy) and the quotes component on a blank pipeline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Source, SpanStatus
from annotator.nlp import blank_pipeline, suggest_one
from annotator.nlp.components import QUOTES_VERSION
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.quote_marks import find_quotes


def quotes(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ['"we will win"']),
        ("“It works,” she said.", ["“It works,”"]),
        ("«Bonjour à tous» dit-il.", ["«Bonjour à tous»"]),
        ("„Guten Tag“ sagte er.", ["„Guten Tag“"]),
        ("“He told me ‘never give up’ and I did,” she said.", ["“He told me ‘never give up’ and I did,”"]),
        ("‘We are ready,’ the coach said.", ["‘We are ready,’"]),
    ],
)
def test_quote_mark_styles(text: str, expected: list[str]) -> None:
    assert quotes(text) == expected


def test_apostrophes_are_never_quote_marks() -> None:
    text = (
        "It’s the officials’ decision and the ministry’s plan; farmers' groups didn't comment on Jones' ’90s records."
    )
    assert quotes(text) == []


def test_quote_over_paragraphs_gives_one_span_per_paragraph() -> None:
    text = "“We arrived within minutes.\n\n“By then the fire had spread,” Reilly said."
    found = find_quotes(text)
    assert [text[q.start : q.end] for q in found] == ["“We arrived within minutes.", "“By then the fire had spread,”"]
    assert found[0].continues and not found[0].closed


def test_unbalanced_mark_never_swallows_the_article() -> None:
    text = (
        'The mayor called it "unsafe and will close.\n\nEngineers inspected it. "Fine," they said.\n\n' + "More. " * 500
    )
    spans = quotes(text)
    assert spans == ['"Fine,"']


def test_stray_mark_inside_a_paragraph_is_skipped_and_the_rest_still_found() -> None:
    text = 'A stray " mark, then "a real quote here" follows.'
    assert quotes(text) == ['"a real quote here"']


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n\"“”‘’'«»„.", max_size=120))
def test_any_marks_give_spans_inside_one_paragraph(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert "\n" not in text[q.start : q.end]
        assert not text[q.start].isspace() and not text[q.end - 1].isspace()


def test_suggested_quotes_are_core_spans_with_source_and_confidence(blank: LoadedPipeline) -> None:
    text = '"We will rebuild every school," Governor Maria Lopez said on Tuesday.'
    spans, relations = suggest_one(blank, text)
    quote = next(s for s in spans if s.label == "QUOTE")
    assert quote.text_in(text) == '"We will rebuild every school,"'
    assert quote.kind == "direct" and quote.status is SpanStatus.SUGGESTED
    assert quote.source is Source.RULE and quote.source_name == f"annotator_quotes/{QUOTES_VERSION}"
    assert quote.confidence is not None and 0 < quote.confidence <= 1
    [rel] = relations
    assert rel.head == quote.key and rel.label == "SPEAKER"
    assert text[rel.child[0] : rel.child[1]] == "Maria Lopez"


def test_scare_quotes_are_not_suggested(blank: LoadedPipeline) -> None:
    text = 'The layoffs are part of a "restructuring" and a "fresh start" for the firm.'
    spans, _ = suggest_one(blank, text)
    assert [s for s in spans if s.label == "QUOTE"] == []


def test_scare_quotes_kept_with_low_confidence_when_configured() -> None:
    pipeline = blank_pipeline()
    pipeline.nlp.get_pipe("annotator_quotes").scare_quotes = "low"
    text = 'The layoffs are part of a "restructuring" for the firm.'
    [quote] = [s for s in suggest_one(pipeline, text)[0] if s.label == "QUOTE"]
    assert quote.confidence is not None and quote.confidence < 0.5


def test_short_quote_after_what_it_called_is_a_mixed_quote(blank: LoadedPipeline) -> None:
    text = "The Taliban government criticized Pakistan for what it called an “irresponsible approach” on Friday."
    quotes_found = [(s.text_in(text), s.kind) for s in suggest_one(blank, text)[0] if s.label == "QUOTE"]
    assert quotes_found == [("an “irresponsible approach”", "mixed")]


def test_multi_paragraph_quote_shares_its_speaker(blank: LoadedPipeline) -> None:
    text = (
        "Police chief Tom Reilly described the night. “We arrived at the scene within minutes.\n\n"
        "“By then the fire had spread to the second floor,” Reilly said."
    )
    spans, relations = suggest_one(blank, text)
    quote_keys = [s.key for s in spans if s.label == "QUOTE"]
    assert len(quote_keys) == 2
    speakers = {r.head: r.child for r in relations}
    assert set(speakers) == set(quote_keys)
    assert len(set(speakers.values())) == 1
    child = next(iter(speakers.values()))
    assert text[child[0] : child[1]].endswith("Reilly")


def test_pronoun_speaker_resolves_to_the_name(blank: LoadedPipeline) -> None:
    text = 'Senator Ruth Adams visited the town on Sunday. She said: "These people deserve help now."'
    _, relations = suggest_one(blank, text)
    assert [text[r.child[0] : r.child[1]] for r in relations] == ["Ruth Adams"]


def test_inverted_said_and_non_named_speaker(blank: LoadedPipeline) -> None:
    text = '"The shipment was seized at the border," said a senior official. "It was large," the spokesman added.'
    _, relations = suggest_one(blank, text)
    assert [text[r.child[0] : r.child[1]] for r in relations] == ["a senior official", "the spokesman"]


def test_paragraph_that_goes_on_quoting_inherits_the_speaker(blank: LoadedPipeline) -> None:
    text = '"We are not going anywhere," union leader Sara Malik told the crowd.\n\n"If they want a fight, they will."'
    _, relations = suggest_one(blank, text)
    assert len(relations) == 2
    assert {text[r.child[0] : r.child[1]] for r in relations} == {"Sara Malik"}


def test_indirect_quote_after_that(blank: LoadedPipeline) -> None:
    text = "Kenyan officials noted that while the rains had eased, the roads remained closed."
    spans, relations = suggest_one(blank, text)
    [quote] = [s for s in spans if s.label == "QUOTE"]
    assert quote.kind == "indirect"
    assert quote.text_in(text) == "while the rains had eased, the roads remained closed"
    assert [text[r.child[0] : r.child[1]] for r in relations] == ["Kenyan officials"]


def test_according_to(blank: LoadedPipeline) -> None:
    text = "According to the World Health Organization, more than 3 million children have not been vaccinated."
    spans, relations = suggest_one(blank, text)
    [quote] = [s for s in spans if s.label == "QUOTE"]
    assert quote.text_in(text) == "more than 3 million children have not been vaccinated"
    assert text[relations[0].child[0] : relations[0].child[1]] == "World Health Organization"


def test_titles_and_names_in_marks_are_not_quotes(blank: LoadedPipeline) -> None:
    text = (
        'Its robot, named "Better Idea of Afghan Girls," scored. Microsoft began "The Internet Explorer 6 Countdown".'
    )
    assert [s for s in suggest_one(blank, text)[0] if s.label == "QUOTE"] == []


def test_a_name_after_a_dash_signs_the_quote(blank: LoadedPipeline) -> None:
    text = "The video stays up.\n\n\"So far, it's the Internet: 1, Scientology: 0. It's a long game.\" - Matthew Ingram"
    _, relations = suggest_one(blank, text)
    assert [text[r.child[0] : r.child[1]] for r in relations] == ["Matthew Ingram"]


def test_quote_opening_a_sentence_after_a_speech_verb(blank: LoadedPipeline) -> None:
    text = 'Kristen Wilkins also said Warhol was a businessman. "As a way to sell his work, he made many copies."'
    _, relations = suggest_one(blank, text)
    assert [text[r.child[0] : r.child[1]] for r in relations] == ["Kristen Wilkins"]
