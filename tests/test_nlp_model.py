"""Any pipeline folder suggests: one trained on our labels (no parser), one holding our components (entry points)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from helpers.tiny_model import QUOTE, TEXT, _char_span, train_tiny

from annotator.core.model import Source
from annotator.nlp import load_pipeline, suggest_one
from annotator.nlp.components import add_components
from annotator.nlp.quote_candidates import quote_candidates


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
