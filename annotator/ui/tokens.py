"""Token boundaries for snapping selections: the same spaCy tokenizer the suggestions and exports use."""

from __future__ import annotations


def token_offsets(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` code-point offsets of the non-space tokens of ``text``."""
    from annotator.nlp import make_tokenizer  # spaCy: imported on first use, not at start-up

    doc = make_tokenizer()(text)
    return [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
