"""Actors, figures, pipeline loading and batch suggestion; the trained model once per session (slow)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Source
from annotator.nlp import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_N_PROCESS,
    blank_pipeline,
    load_pipeline,
    make_tokenizer,
    suggest_many,
    suggest_one,
)
from annotator.nlp.pipeline import BLANK_NOTE, LoadedPipeline, ModelError
from annotator.nlp.quote_marks import paragraphs

SAMPLE_TITLES = "Information Minister Attaullah Tarar stated that Pakistan “will not support any steps.”"


def texts_of(text: str, spans, label: str) -> list[str]:
    return [s.text_in(text) for s in spans if s.label == label]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("50 civilians were killed and 447 wounded.", ["50 civilians", "447 wounded"]),
        ("Explosions claimed at least five additional lives.", ["at least five additional lives"]),
        ("The state set aside $2 billion, 12 percent of its budget.", ["$2 billion", "12 percent"]),
        ("On March 3, 2024, at 9:30 a.m., the first of 120 buses left Terminal 4.", ["120 buses"]),
        ("Apollo 11 landed in 1969 with a crew of three astronauts.", ["three astronauts"]),
        ("The two-day talks ended.", []),
    ],
)
def test_figures_on_blank(blank: LoadedPipeline, text: str, figures: list[str]) -> None:
    assert texts_of(text, suggest_one(blank, text)[0], "FIGURE") == figures


def test_blank_actor_heuristic_takes_names_without_titles(blank: LoadedPipeline) -> None:
    spans, _ = suggest_one(blank, SAMPLE_TITLES)
    actors = texts_of(SAMPLE_TITLES, spans, "ACTOR")
    assert "Attaullah Tarar" in actors and "Pakistan" in actors
    assert all(s.source is Source.RULE for s in spans)


def test_blank_skips_headlines_dates_and_nationality_adjectives(blank: LoadedPipeline) -> None:
    text = "Taliban Accuses Pakistan Of Undermining Talks\n\nOn Friday, Pakistani officials inspected Afghan territory."
    actors = texts_of(text, suggest_one(blank, text)[0], "ACTOR")
    assert actors == ["Pakistani officials"]


def test_relations_point_at_returned_spans_and_spans_are_trimmed(blank: LoadedPipeline) -> None:
    text = open_sample()
    spans, relations = suggest_one(blank, text)
    keys = {s.key for s in spans}
    assert relations and all(r.head in keys and r.child in keys for r in relations)
    for s in spans:
        assert not s.text_in(text)[0].isspace() and not s.text_in(text)[-1].isspace()
    assert len(keys) == len(spans)


def test_blank_pipeline_note_says_ner_is_off() -> None:
    pipeline = blank_pipeline()
    assert pipeline.note == BLANK_NOTE and "NER" in pipeline.note and not pipeline.has_ner


def test_unknown_model_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="neither an installed package nor a folder"):
        load_pipeline("no_such_model_xyz")


def test_non_english_model_is_refused(tmp_path) -> None:
    spacy.blank("de").to_disk(tmp_path / "de_model")
    with pytest.raises(ModelError, match="English"):
        load_pipeline(str(tmp_path / "de_model"))


def test_components_can_be_added_to_any_english_pipeline() -> None:
    nlp = spacy.blank("en")
    for name in ("annotator_actors", "annotator_quotes", "annotator_figures"):
        nlp.add_pipe(name)
    doc = nlp('"Fine," said Ahmed Karimi of the 40 delegates.')
    assert [s.text for s in doc.spans["annotator_quotes"]] == ['"Fine,"']
    assert doc.spans["annotator_quotes"].attrs["kind"] == ["direct"]
    assert [s.text for s in doc.spans["annotator_figures"]] == ["40 delegates"]


def test_suggest_many_keeps_ids_and_order(blank: LoadedPipeline) -> None:
    docs = [(7, '"Yes," she said.'), (3, "Nothing here."), (11, "12 percent rose.")]
    results = list(suggest_many(blank, docs, batch_size=2, n_process=1))
    assert [r.doc_id for r in results] == [7, 3, 11]
    assert results[1].spans == []
    assert DEFAULT_N_PROCESS >= 1 and DEFAULT_BATCH_SIZE >= 1


def test_empty_and_whitespace_texts(blank: LoadedPipeline) -> None:
    for text in ("", " ", "\n\n", '"', "“”", "''"):
        spans, relations = suggest_one(blank, text)
        assert spans == [] and relations == []


def open_sample() -> str:
    from annotator.core.paths import resource_path

    return resource_path("sample_article.txt").read_text(encoding="utf-8")


def test_paragraphs_are_trimmed_lines() -> None:
    text = "  a b \n\n c\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["a b", "c"]


@pytest.mark.slow
def test_trained_sample_article(trained: LoadedPipeline) -> None:
    text = open_sample()
    spans, relations = suggest_one(trained, text)
    speakers = {text[r.head[0] : r.head[1]]: text[r.child[0] : r.child[1]] for r in relations}
    assert speakers["“The Pakistani side exhibited an irresponsible and non-cooperative attitude,”"] == "Mujahid"
    assert speakers["Pakistanis as “friends and brothers”"] in ("Mujahid", "Zabihullah Mujahid")
    mixed = "they would take “all necessary measures” to protect their citizens and sovereignty"
    assert speakers[mixed] == "Pakistani officials"
    assert next(s.kind for s in spans if s.label == "QUOTE" and s.text_in(text) == mixed) == "mixed"
    figures = texts_of(text, spans, "FIGURE")
    assert figures == ["50 civilians", "447 wounded", "at least five additional lives", "23 soldiers", "29 wounded"]
    actors = texts_of(text, spans, "ACTOR")
    assert "Attaullah Tarar" in actors and "Information Minister Attaullah Tarar" not in actors
    model_actor = next(s for s in spans if s.label == "ACTOR" and s.source is Source.MODEL)
    assert model_actor.source_name == trained.name


@pytest.mark.slow
def test_trained_tokenizer_matches_export_tokenizer(trained: LoadedPipeline) -> None:
    text = open_sample() + " U.S. officials' “quotes” — $2bn, 12% (e.g.) don't."
    assert [t.text for t in trained.nlp.tokenizer(text)] == [t.text for t in make_tokenizer()(text)]


@pytest.mark.slow
def test_trained_pronoun_resolves_to_subject(trained: LoadedPipeline) -> None:
    text = (
        "Afghanistan’s Taliban government has criticized Pakistan for what it called an “irresponsible approach” "
        "following the collapse of talks."
    )
    _, relations = suggest_one(trained, text)
    assert [text[r.child[0] : r.child[1]] for r in relations] == ["Afghanistan’s Taliban government"]


@pytest.mark.slow
def test_trained_two_processes_give_the_same_suggestions(trained: LoadedPipeline) -> None:
    docs = [(i, f'"Part {i} works," said Maria Lopez of the 40 delegates.') for i in range(6)]
    one = list(suggest_many(trained, docs, batch_size=2, n_process=1))
    two = list(suggest_many(trained, docs, batch_size=2, n_process=2))
    assert [(r.doc_id, r.spans, r.relations) for r in one] == [(r.doc_id, r.spans, r.relations) for r in two]


_WORDS = st.sampled_from(
    [
        "said",
        "told",
        "he",
        "she",
        "they",
        "it",
        "the",
        "spokesman",
        "Pakistan",
        "Mujahid",
        "Ahmed Karimi",
        "according",
        "to",
        "that",
        "50",
        "civilians",
        "$2",
        "billion",
        "12",
        "percent",
        "2021",
        "July",
        "first",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "„",
        ",",
        ".",
        ":",
        "-",
        "\n\n",
        "\n",
        "It’s",
        "officials’",
        "Information",
        "Minister",
        "at",
        "least",
        "five",
        "one",
        "é",
        "😀",
        "\t",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join))
def test_any_text_gives_valid_suggestions(text: str) -> None:
    pipeline = _BLANK
    spans, relations = suggest_one(pipeline, text)
    keys = {s.key for s in spans}
    assert len(keys) == len(spans)
    for s in spans:
        piece = s.text_in(text)
        assert piece and piece == piece.strip()
        assert "\n" not in piece
        assert s.confidence is not None and 0 <= s.confidence <= 1
        assert s.label in ("ACTOR", "QUOTE", "FIGURE")
    for r in relations:
        assert r.head in keys and r.child in keys and r.head[2] == "QUOTE" and r.child[2] == "ACTOR"


_BLANK = blank_pipeline()


def test_a_pipeline_trained_on_our_labels_is_taken_at_its_word() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [{"label": "ACTOR", "pattern": "the flood committee"}, {"label": "FIGURE", "pattern": "a dozen houses"}]
    )
    for name in ("annotator_actors", "annotator_quotes", "annotator_figures"):
        nlp.add_pipe(name)
    pipeline = LoadedPipeline(nlp, "trained-on-export 0.1")
    text = '"We lost a dozen houses," the flood committee said.'
    spans, relations = suggest_one(pipeline, text)
    assert ("the flood committee", Source.MODEL) in [(s.text_in(text), s.source) for s in spans if s.label == "ACTOR"]
    assert "a dozen houses" in texts_of(text, spans, "FIGURE")
    assert [text[r.child[0] : r.child[1]] for r in relations] == ["the flood committee"]


def test_the_quotes_component_names_speakers_by_offsets_and_leaves_the_actors_group_alone() -> None:
    nlp = spacy.blank("en")
    for name in ("annotator_actors", "annotator_quotes"):
        nlp.add_pipe(name)
    text = '"We will respond," the angry farmers said. Ahmed Karimi agreed.'
    doc = nlp.get_pipe("annotator_actors")(nlp.make_doc(text))
    actors = [(s.start, s.end) for s in doc.spans["annotator_actors"]]
    attrs = {k: list(v) for k, v in doc.spans["annotator_actors"].attrs.items()}
    doc = nlp.get_pipe("annotator_quotes")(doc)
    assert [(s.start, s.end) for s in doc.spans["annotator_actors"]] == actors
    assert {k: list(v) for k, v in doc.spans["annotator_actors"].attrs.items()} == attrs
    (start, end), = doc.spans["annotator_quotes"].attrs["speaker"]
    assert text[start:end] == "the angry farmers"  # not an actor until the quote made it its speaker
    assert [s.text for s in doc.spans["annotator_speakers"]] == ["the angry farmers"]
    summary = nlp.analyze_pipes(pretty=False)["summary"]
    assert summary["annotator_quotes"]["requires"] == ["doc.spans"]
    assert summary["annotator_actors"]["assigns"] == ["doc.spans"]
