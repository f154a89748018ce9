"""spaCy: pipeline loading with fallbacks and the suggestion components. Returns core objects."""

from annotator.nlp.pipeline import LoadedPipeline, ModelError, blank_pipeline, load_pipeline, make_tokenizer
from annotator.nlp.suggest import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_N_PROCESS,
    DocSuggestions,
    spans_from_doc,
    suggest_many,
    suggest_one,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_N_PROCESS",
    "DocSuggestions",
    "LoadedPipeline",
    "ModelError",
    "blank_pipeline",
    "load_pipeline",
    "make_tokenizer",
    "spans_from_doc",
    "suggest_many",
    "suggest_one",
]
