"""Growing and shrinking a selection by token, phrase or sentence (code-point offsets, no Qt).

Labelling a missed quote should take a few key presses, not twenty arrow presses: the
selection starts at the current span (or the token at the cursor) and moves by whole tokens,
to the end of the phrase (a closing quote mark is taken along, a comma is not), or to whole
sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from annotator.core.speaker_choice import sentence_bounds

Tokens = Sequence[tuple[int, int]]
CLOSING_MARKS = "”\"’»'"
_PHRASE_END = re.compile(r"[,;:!?.—–]+[”\"’»']*|[”\"’»]")


def token_at(tokens: Tokens, offset: int) -> tuple[int, int] | None:
    """The token holding ``offset``, else the next one, else the last."""
    if not tokens:
        return None
    starts = [t[0] for t in tokens]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and tokens[i][0] <= offset < tokens[i][1]:
        return tokens[i]
    return tokens[min(i + 1, len(tokens) - 1)]


def by_token(tokens: Tokens, start: int, end: int, *, side: str, step: int) -> tuple[int, int]:
    """Move one edge of ``start..end`` by one token: ``side`` "end" or "start", ``step`` +1 grows, -1 shrinks.

    A selection never shrinks below one token.
    """
    ends = [t[1] for t in tokens]
    starts = [t[0] for t in tokens]
    if side == "end":
        if step > 0:
            i = bisect_right(ends, end)
            return (start, ends[i]) if i < len(ends) else (start, end)
        i = bisect_left(ends, end) - 1
        return (start, ends[i]) if i >= 0 and ends[i] > start else (start, end)
    if step > 0:
        i = bisect_left(starts, start) - 1
        return (starts[i], end) if i >= 0 else (start, end)
    i = bisect_right(starts, start)
    return (starts[i], end) if i < len(starts) and starts[i] < end else (start, end)


def within_paragraph(text: str, start: int, end: int, grown: tuple[int, int]) -> tuple[int, int]:
    """``grown`` (``start..end`` grown or shrunk) cut back to the paragraph(s) ``start..end`` already
    covers: a span never runs over a paragraph break (resources/guidelines.md), so neither does growing."""
    new_start, new_end = grown
    if new_start < start:
        new_start = max(new_start, text.rfind("\n", 0, start) + 1)
        while new_start < start and text[new_start].isspace():
            new_start += 1
    if new_end > end:
        hi = text.find("\n", end)
        new_end = min(new_end, len(text) if hi < 0 else hi)
        while new_end > end and text[new_end - 1].isspace():
            new_end -= 1
    return new_start, new_end


def to_phrase_end(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow the end to the next phrase boundary: before a comma, semicolon, colon or dash;
    through a closing quote mark (and the punctuation just before it)."""
    at = end
    while True:
        match = _PHRASE_END.search(text, at)
        if match is None:
            return start, len(text.rstrip())
        if any(mark in match.group() for mark in CLOSING_MARKS):
            new_end = match.end()
        else:
            new_end = match.start()
            while new_end > start and text[new_end - 1].isspace():
                new_end -= 1
        if new_end > end:
            return start, new_end
        at = match.end()


def to_sentences(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole sentence(s) holding ``start..end``; pressed again on a whole sentence, the next one joins."""
    lo, hi = sentence_bounds(text, start, end)
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if (lo, hi) == (start, end) and hi < len(text):
        nxt = hi
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt < len(text):
            _, hi = sentence_bounds(text, nxt, nxt + 1)
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
    return lo, hi
