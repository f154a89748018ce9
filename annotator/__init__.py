"""News span annotator: ACTOR, QUOTE and FIGURE spans with SPEAKER links."""

__version__ = "0.1.0"
