"""Batch suggestion: texts in, core Span/Relation objects out, document ids kept."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from annotator.core.model import Relation, Source, Span, SpanStatus
from annotator.nlp.pipeline import LoadedPipeline

NER_TO_LABEL = {
    "PERSON": "ACTOR",
    "ORG": "ACTOR",
    "GPE": "ACTOR",
    "NORP": "ACTOR",
    "CARDINAL": "FIGURE",
    "QUANTITY": "FIGURE",
    "PERCENT": "FIGURE",
    "MONEY": "FIGURE",
}


@dataclass
class DocSuggestions:
    doc_id: int
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _from_doc(doc: Doc, pipeline: LoadedPipeline) -> tuple[list[Span], list[Relation]]:
    spans = [
        Span(
            ent.start_char, ent.end_char, NER_TO_LABEL[ent.label_], status=SpanStatus.SUGGESTED,
            source=Source.MODEL, source_name=pipeline.name, confidence=None,
        )
        for ent in doc.ents
        if ent.label_ in NER_TO_LABEL
    ]
    return spans, []


def suggest_one(pipeline: LoadedPipeline, text: str) -> tuple[list[Span], list[Relation]]:
    return _from_doc(pipeline.nlp(text), pipeline)


def suggest_many(
    pipeline: LoadedPipeline,
    docs: Iterable[tuple[int, str]],
    *,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[DocSuggestions]:
    """Suggest for ``(doc_id, text)`` pairs, yielding results in input order with their ids."""
    for doc, doc_id in pipeline.nlp.pipe(
        ((text, doc_id) for doc_id, text in docs), as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        spans, relations = _from_doc(doc, pipeline)
        yield DocSuggestions(doc_id, spans, relations)
