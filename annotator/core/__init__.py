"""Pure-Python domain layer: imports neither Qt nor spaCy nor anything else of the project."""

from annotator.core.labels import Label, LabelSet, load_labels
from annotator.core.model import (
    SPEAKER,
    DocStatus,
    Document,
    DocumentSummary,
    Relation,
    Source,
    Span,
    SpanStatus,
)
from annotator.core.text import InvalidText, normalise_text, text_hash

__all__ = [
    "SPEAKER",
    "DocStatus",
    "Document",
    "DocumentSummary",
    "InvalidText",
    "Label",
    "LabelSet",
    "Relation",
    "Source",
    "Span",
    "SpanStatus",
    "load_labels",
    "normalise_text",
    "text_hash",
]
