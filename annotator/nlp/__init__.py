"""spaCy: pipeline loading with fallbacks and the suggestion components. Returns core objects."""

from annotator.nlp.pipeline import LoadedPipeline, load_pipeline, make_tokenizer
from annotator.nlp.suggest import DocSuggestions, suggest_many, suggest_one

__all__ = ["DocSuggestions", "LoadedPipeline", "load_pipeline", "make_tokenizer", "suggest_many", "suggest_one"]
