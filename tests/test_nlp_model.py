"""Any pipeline folder suggests: one trained on our labels (no parser), one holding our components (entry points)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from annotator.core.model import Source
from annotator.nlp import load_pipeline, suggest_one
from annotator.nlp.components import add_components
from annotator.nlp.quote_candidates import quote_candidates

TEXT = '"We will rebuild every school," Governor Maria Lopez said on Monday after 14 schools burned.'
QUOTE = '"We will rebuild every school,"'


def _char_span(doc, needle: str, label: str):  # type: ignore[no-untyped-def]
    start = TEXT.index(needle)
    return doc.char_span(start, start + len(needle), label=label)


def train_tiny(folder: Path) -> Path:
    """A pipeline like resources/train.cfg makes (tok2vec, ner ACTOR/FIGURE, spancat QUOTE), fit to one text."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec", config={"model": {"@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 1,
                                              "embed_size": 500, "window_size": 1, "maxout_pieces": 2,
                                              "subword_features": True, "pretrained_vectors": None}})
    nlp.add_pipe("ner")
    nlp.add_pipe("spancat", config={"spans_key": "quotes", "max_positive": 1,
                                    "suggester": {"@misc": "annotator.quote_candidates.v1", "max_length": 50}})
    ref = nlp.make_doc(TEXT)
    ref.ents = [_char_span(ref, "Maria Lopez", "ACTOR"), _char_span(ref, "14 schools", "FIGURE")]
    ref.spans["quotes"] = [_char_span(ref, QUOTE, "QUOTE")]
    example = Example(nlp.make_doc(TEXT), ref)
    optimizer = nlp.initialize(lambda: [example])
    for _ in range(40):
        nlp.update([example], sgd=optimizer, drop=0.0)
    nlp.to_disk(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_tiny(tmp_path_factory.mktemp("tiny") / "model-best")


def test_the_quote_candidates_include_the_quote() -> None:
    doc = spacy.blank("en")(TEXT)
    span = _char_span(doc, QUOTE, "QUOTE")
    found = quote_candidates(doc, 50)
    assert (span.start, span.end) in found
    assert len(found) < len(doc) * 10  # clause-sized pieces, not every n-gram


def test_a_pipeline_without_parser_loads_and_its_predictions_are_used_as_such(tiny_model: Path) -> None:
    # A tok2vec pipeline without parser once failed with spaCy's E006 when the sentencizer was added.
    pipeline = load_pipeline(str(tiny_model))
    assert "sentencizer" in pipeline.nlp.pipe_names
    spans, relations = suggest_one(pipeline, TEXT)
    got = {(s.label, s.text_in(TEXT)): s for s in spans}
    quote = got[("QUOTE", QUOTE)]
    assert quote.source is Source.MODEL and str(tiny_model) in quote.source_name  # which model made it
    assert quote.kind == "direct" and quote.confidence is not None and quote.confidence > 0.5
    assert got[("ACTOR", "Maria Lopez")].source is Source.MODEL
    assert got[("FIGURE", "14 schools")].source is Source.MODEL
    # the speaker still comes from the rules, on top of the model's spans
    assert [(TEXT[r.head[0] : r.head[1]], TEXT[r.child[0] : r.child[1]], r.source) for r in relations] == [
        (QUOTE, "Maria Lopez", Source.RULE)
    ]


def test_a_saved_pipeline_with_our_components_loads_without_importing_us(tiny_model: Path, tmp_path: Path) -> None:
    nlp = spacy.load(tiny_model)
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    nlp.to_disk(tmp_path / "ours")
    script = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'ours')!r})\n"
        f"doc = nlp({TEXT!r})\n"
        "print(sorted(k for k in doc.spans))\n"
        "print([s.text for s in doc.spans['annotator_quotes']])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    lines = out.stdout.splitlines()
    assert "annotator_actors" in lines[0] and "annotator_figures" in lines[0]
    assert lines[1] == repr([QUOTE])
    # and through our loader the components are not added twice
    assert load_pipeline(str(tmp_path / "ours")).nlp.pipe_names.count("annotator_quotes") == 1
