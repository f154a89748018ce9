"""The one place where Qt text positions meet stored offsets.

A plain-text ``QTextDocument`` made with ``setPlainText`` counts UTF-16 code
units, and each ``\\n`` becomes a block separator that still takes one
position, so for our normalised text a document position is a UTF-16 index.
Stored offsets are code points. Every conversion in ``annotator.ui`` goes
through :class:`TextPositions`, which wraps :class:`annotator.core.offsets.OffsetMap`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from annotator.core.model import Span
from annotator.core.offsets import OffsetMap
from annotator.core.spans import snap_to_graphemes, snap_to_tokens, trim_whitespace

# What QTextDocument.setPlainText turns into block separators (our text has no \r left).
_BLOCK_BREAK = re.compile("[\n\u2029]")


class TextPositions:
    """Code-point <-> Qt position conversion for one document text, plus selection snapping."""

    def __init__(
        self, text: str, tokenize: Callable[[str], Sequence[tuple[int, int]]] | None = None, *,
        provisional: Callable[[str], Sequence[tuple[int, int]]] | None = None,
    ) -> None:
        """``tokenize``: computes the tokens on first use, here. ``provisional``: a quick tokenizer used until
        ``set_tokens`` brings the real ones from a worker (the window never waits for spaCy to load: W or a
        label key pressed while the model loaded froze the window until spaCy's import had finished)."""
        self.text = text
        self._map = OffsetMap(text)
        self._tokenize = tokenize
        self._provisional = provisional
        self._tokens: Sequence[tuple[int, int]] | None = None
        self._token_starts: list[int] = []
        self._final = True  # False while the tokens are the provisional ones

    @property
    def tokens(self) -> Sequence[tuple[int, int]] | None:
        """Token boundaries, computed on first use so that opening a long article stays fast."""
        if self._tokens is None and self._tokenize is not None:
            self._tokens = self._tokenize(self.text)
            self._token_starts = [t[0] for t in self._tokens]
        if self._tokens is None and self._provisional is not None:
            tokens = self._provisional(self.text)
            self._provisional = None  # computed once; the real ones replace them when they come
            self._tokens, self._token_starts, self._final = tokens, [t[0] for t in tokens], False
        return self._tokens

    def set_tokens(self, tokens: Sequence[tuple[int, int]]) -> None:
        """Tokens computed elsewhere (a worker, right after the document opened); they replace provisional ones."""
        if self._tokens is None or not self._final:
            self._tokens = tokens
            self._token_starts = [t[0] for t in tokens]
            self._final = True

    def _tokens_near(self, start: int, end: int) -> Sequence[tuple[int, int]] | None:
        """The tokens around ``start..end``: snapping looks at these instead of the whole article."""
        tokens = self.tokens
        if tokens is None:
            return None
        lo = max(0, bisect_right(self._token_starts, start) - 2)
        hi = bisect_left(self._token_starts, end) + 2
        return tokens[lo:hi]

    def block_starts(self) -> list[int]:
        """Qt positions where each block (line) of a plain-text QTextDocument of this text starts."""
        starts = [0]
        for match in _BLOCK_BREAK.finditer(self.text):
            starts.append(self.to_qt(match.start()) + 1)
        return starts

    @property
    def qt_length(self) -> int:
        return self._map.utf16_length

    def to_qt(self, offset: int) -> int:
        """Qt position of a stored (code-point) offset."""
        return self._map.to_utf16(offset)

    def to_offset(self, position: int, *, snap: str = "left") -> int:
        """Stored offset of a Qt position; a position inside a surrogate pair moves ``snap`` ("left"/"right")."""
        position = max(0, min(position, self._map.utf16_length))
        return self._map.to_codepoint(position, snap=snap)

    def span_range(self, span: Span) -> tuple[int, int]:
        """Qt ``(start, end)`` positions of a span."""
        return self.to_qt(span.start), self.to_qt(span.end)

    def selection_to_offsets(self, anchor: int, position: int, *, snap_tokens: bool) -> tuple[int, int] | None:
        """The stored ``(start, end)`` a Qt selection becomes, or None if it covers only whitespace.

        The selection grows to whole grapheme clusters (never half an emoji or
        a letter without its accent) and, when ``snap_tokens``, to whole tokens.
        """
        lo, hi = sorted((anchor, position))
        if lo == hi:
            return None
        start = self.to_offset(lo, snap="left")
        end = self.to_offset(hi, snap="right")
        start, end = snap_to_graphemes(self.text, start, end)
        tokens = self._tokens_near(start, end) if snap_tokens else None
        if tokens is not None:
            snapped = snap_to_tokens(start, end, tokens)
            if snapped is None:
                return None
            start, end = snap_to_graphemes(self.text, *snapped)
        start, end = trim_whitespace(self.text, start, end)
        return (start, end) if start < end else None
