"""A tiny pipeline like resources/train.cfg makes (tok2vec, ner ACTOR/FIGURE, spancat QUOTE), fit to one text."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.training import Example

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


