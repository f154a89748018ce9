"""Span rules: where a span may start and end, and how a selection snaps."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import regex

from annotator.core.model import Span

# The ``regex`` module implements Unicode's grapheme clusters (``\X``, UAX #29).
_CLUSTER = regex.compile(r"\X")
_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*|[^\w\s]", re.UNICODE)


# Characters whose Grapheme_Cluster_Break is Other or Control (not CR): none is Extend, SpacingMark,
# ZWJ, Hangul, a regional indicator, pictographic or an Indic consonant, so there is always a cluster
# boundary before one, unless the character before is Prepend or CR (UAX #29). ASCII, Latin, Greek,
# Cyrillic, Hebrew and Arabic letters, kana and CJK ideographs: most news text has one every few
# characters (a space will do), which keeps the walk in is_grapheme_boundary short.
_PLAIN = re.compile(
    "[\x00-\x0c\x0e-\x7f\u00c0-\u024f\u0386-\u03ff\u0400-\u0482\u048a-\u04ff\u05d0-\u05ea"
    "\u0621-\u064a\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]"
)
_JOINS_NEXT = regex.compile(r"[\p{Grapheme_Cluster_Break=Prepend}\r]")


def _safe_start(text: str, offset: int) -> int:
    """An index at or before ``offset`` that is certainly a cluster boundary, close to ``offset``."""
    i = offset
    while i > 0 and offset - i < 512:
        # After a line break there is always a boundary (GB4/GB5); before a plain character too.
        if text[i - 1] == "\n" or (_PLAIN.match(text, i) and not _JOINS_NEXT.match(text, i - 1)):
            return i
        i -= 1
    return text.rfind("\n", 0, offset) + 1


def is_grapheme_boundary(text: str, offset: int) -> bool:
    """Whether a span may start or end at ``offset`` without splitting a character as readers see it."""
    if offset <= 0 or offset >= len(text):
        return 0 <= offset <= len(text)
    # Unicode's full rules (Hangul, Indic conjuncts, prepended marks, emoji sequences): walk
    # the clusters from a known boundary up to ``offset``.
    start = _safe_start(text, offset)
    if start == offset:
        return True
    for match in _CLUSTER.finditer(text, start):
        if match.end() >= offset:
            return match.end() == offset
    return True  # pragma: no cover - the walk always reaches offset < len(text)


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start..end`` to whole grapheme clusters."""
    while start > 0 and not is_grapheme_boundary(text, start):
        start -= 1
    while end < len(text) and not is_grapheme_boundary(text, end):
        end += 1
    return start, end


def simple_tokens(text: str) -> list[tuple[int, int]]:
    """Word and punctuation boundaries; used for snapping when no spaCy tokenizer is at hand."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def snap_to_tokens(
    start: int, end: int, tokens: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """Grow a selection to the tokens it touches and trim surrounding whitespace.

    ``tokens`` are sorted ``(start, end)`` pairs. Returns None if the selection
    covers no token (only whitespace).
    """
    if start > end:
        start, end = end, start
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    first = bisect_right(ends, start)  # first token ending after start
    last = bisect_left(starts, end) - 1  # last token starting before end
    if first > last or first >= len(tokens):
        return None
    return tokens[first][0], tokens[last][1]


def trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def validate_span(text: str, span: Span, labels: Sequence[str] | None = None) -> str | None:
    """Why ``span`` cannot be stored on ``text``, or None if it can."""
    if span.end > len(text):
        return f"span {span.start}..{span.end} is outside the text (length {len(text)})"
    if labels is not None and span.label not in labels:
        return f"unknown label {span.label!r}"
    if not (is_grapheme_boundary(text, span.start) and is_grapheme_boundary(text, span.end)):
        return f"span {span.start}..{span.end} splits a character"
    if not text[span.start : span.end].strip():
        return f"span {span.start}..{span.end} covers only whitespace"
    return None
