"""What a pipeline's trained components predict of our own labels (ACTOR, QUOTE, FIGURE).

A pipeline trained on our export (``annotator train`` or ``spacy train`` with
``resources/train.cfg``) predicts ACTOR and FIGURE as entities and QUOTE as
spans of a span categorizer. Where the pipeline predicts a label, its
predictions are used as such and the rules for that label stay off; a stock
pipeline (PERSON, ORG, ...) predicts none of them and the rules do the work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.language import Language
from spacy.pipeline import SpanCategorizer
from spacy.tokens import Doc

OUR_LABELS = ("ACTOR", "QUOTE", "FIGURE")
MODEL_CONFIDENCE = 0.85  # an entity recognizer gives no score per entity


@dataclass(frozen=True)
class ModelOutput:
    """Our labels the pipeline predicts: as entities, and as spans under which ``doc.spans`` keys."""

    entity_labels: frozenset[str] = frozenset()
    span_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # label -> keys

    def predicts(self, label: str) -> bool:
        return label in self.entity_labels or label in self.span_keys

    def spans(self, doc: Doc, label: str) -> list[tuple[int, int, float | None]]:
        """(start token, end token, score) of the label's predictions in ``doc``; entities have no score."""
        found: dict[tuple[int, int], float | None] = {}
        if label in self.entity_labels:
            for ent in doc.ents:
                if ent.label_ == label:
                    found[(ent.start, ent.end)] = None
        for key in self.span_keys.get(label, ()):
            group = doc.spans.get(key)
            if group is None:
                continue
            scores = group.attrs.get("scores")
            for n, span in enumerate(group):
                if span.label_ != label:
                    continue
                score = float(numpy.max(scores[n])) if scores is not None and n < len(scores) else None
                found[(span.start, span.end)] = score
        return [(s, e, score) for (s, e), score in sorted(found.items())]


def model_output(nlp: Language) -> ModelOutput:
    """Inspect the trained components of ``nlp`` (their labels are known once the pipeline is loaded)."""
    entity_labels: set[str] = set()
    span_keys: dict[str, list[str]] = {}
    for name, pipe in nlp.pipeline:
        if isinstance(pipe, SpanCategorizer):
            for label in pipe.labels:
                if label in OUR_LABELS:
                    span_keys.setdefault(label, []).append(pipe.key)
        elif "doc.ents" in nlp.get_pipe_meta(name).assigns:  # ner, entity_ruler, ...
            entity_labels.update(label for label in getattr(pipe, "labels", ()) if label in OUR_LABELS)
    return ModelOutput(frozenset(entity_labels), {k: tuple(v) for k, v in span_keys.items()})
