"""Span highlighting over the read-only article: one block (paragraph) at a time.

Spans are indexed by the blocks they touch, so painting a paragraph looks only
at its own spans, and an edit repaints only the blocks of the spans it changed
(``rehighlightBlock``); nothing re-applies every highlight on each edit.

How spans look: the innermost span over a character gives the background
(accepted: filled; suggestion: a light tint and a dashed underline); a span
around it (a QUOTE around an ACTOR) draws the underline in its own colour,
solid when accepted, dashed when suggested. Rejected spans are hidden unless
shown on request, then struck through.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.labels import LabelSet
from annotator.core.model import Span, SpanStatus
from annotator.ui.positions import TextPositions

ACCEPTED_ALPHA = 110
SUGGESTED_ALPHA = 38
# On a dark background a tint looks weaker: accepted spans get more colour there.
DARK_ACCEPTED_ALPHA = 165
DARK_SUGGESTED_ALPHA = 50
REHIGHLIGHT_ALL_ABOVE = 200  # blocks touched by one change; more are repainted in one pass


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, labels: LabelSet) -> None:
        super().__init__(document)
        self._colors = {label.name: QColor(label.color) for label in labels}
        self._positions: TextPositions | None = None
        self._block_starts: list[int] = []
        self._ranges: dict[int, tuple[int, int]] = {}  # span id -> Qt (start, end)
        self._spans: dict[int, Span] = {}
        self._by_block: defaultdict[int, list[int]] = defaultdict(list)
        self.show_rejected = False
        self.dark = False  # set from the view's palette when a document is opened
        self._formats: dict[tuple[object, ...], QTextCharFormat] = {}

    # ------------------------------------------------------------ the index

    def _visible(self, span: Span) -> bool:
        return self.show_rejected or span.status is not SpanStatus.REJECTED

    def _blocks(self, qt_range: tuple[int, int]) -> range:
        starts = self._block_starts
        if starts:
            first = bisect_right(starts, qt_range[0]) - 1
            last = bisect_right(starts, max(qt_range[0], qt_range[1] - 1)) - 1
        else:
            doc = self.document()
            first = doc.findBlock(qt_range[0]).blockNumber()
            last = doc.findBlock(max(qt_range[0], qt_range[1] - 1)).blockNumber()
        return range(first, last + 1)

    def _index(self, span: Span) -> set[int]:
        assert self._positions is not None and span.id is not None
        qt_range = self._positions.span_range(span)
        self._ranges[span.id] = qt_range
        self._spans[span.id] = span
        blocks = self._blocks(qt_range)
        for block in blocks:
            self._by_block[block].append(span.id)
        return set(blocks)

    def _unindex(self, span_id: int) -> set[int]:
        qt_range = self._ranges.pop(span_id, None)
        self._spans.pop(span_id, None)
        if qt_range is None:
            return set()
        blocks = self._blocks(qt_range)
        for block in blocks:
            ids = self._by_block.get(block)
            if ids and span_id in ids:
                ids.remove(span_id)
        return set(blocks)

    def set_spans(self, positions: TextPositions | None, spans: Iterable[Span]) -> None:
        """Index all spans of a newly opened document and paint everything once."""
        self._positions = positions
        self._block_starts = positions.block_starts() if positions is not None else []
        if len(self._block_starts) != self.document().blockCount():
            self._block_starts = []  # the widget split the text differently: ask it instead
        self._ranges.clear()
        self._spans.clear()
        self._by_block.clear()
        if positions is not None:
            for span in spans:
                if self._visible(span):
                    self._index(span)
        self.rehighlight()

    def update_spans(self, old: Iterable[Span], new: Iterable[Span]) -> None:
        """Repaint only the blocks touched by spans that changed."""
        if self._positions is None:
            return
        dirty: set[int] = set()
        for span in old:
            if span.id is not None:
                dirty |= self._unindex(span.id)
        for span in new:
            if span.id is not None:
                dirty |= self._unindex(span.id)
                if self._visible(span):
                    dirty |= self._index(span)
        doc = self.document()
        if len(dirty) > REHIGHLIGHT_ALL_ABOVE:
            # Accept all in a long document: block by block, each block was laid out again on its own
            # (seconds for a 1 MB article); the whole text at once is one pass.
            self.rehighlight()
            return
        for number in sorted(dirty):
            block = doc.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def spans_at(self, position: int) -> list[Span]:
        """Visible spans covering a Qt position, innermost first."""
        block = self.document().findBlock(position).blockNumber()
        found = [
            self._spans[i]
            for i in self._by_block.get(block, ())
            if self._ranges[i][0] <= position < self._ranges[i][1]
        ]
        return sorted(found, key=lambda s: s.end - s.start)

    def qt_range(self, span_id: int) -> tuple[int, int] | None:
        return self._ranges.get(span_id)

    # ------------------------------------------------------------- painting

    def _color(self, label: str, alpha: int) -> QColor:
        color = QColor(self._colors.get(label, QColor("#888888")))
        color.setAlpha(alpha)
        return color

    def _format(self, covering: list[Span]) -> QTextCharFormat:
        # Few distinct looks exist (label x status, inner and outer): build each once.
        outer_span = covering[1] if len(covering) > 1 else None
        look = (
            covering[0].label, covering[0].status,
            outer_span.label if outer_span else None, outer_span.status if outer_span else None, self.dark,
        )
        fmt = self._formats.get(look)
        if fmt is None:
            fmt = self._formats[look] = self._make_format(covering[0], outer_span)
        return fmt

    def _make_format(self, inner: Span, outer: Span | None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if inner.status is SpanStatus.REJECTED:
            fmt.setFontStrikeOut(True)
            fmt.setForeground(QColor("#888888"))
        elif inner.status is SpanStatus.ACCEPTED:
            fmt.setBackground(self._color(inner.label, DARK_ACCEPTED_ALPHA if self.dark else ACCEPTED_ALPHA))
        else:
            fmt.setBackground(self._color(inner.label, DARK_SUGGESTED_ALPHA if self.dark else SUGGESTED_ALPHA))
        underline = outer if outer is not None and outer.status is not SpanStatus.REJECTED else None
        if underline is None and inner.status is SpanStatus.SUGGESTED:
            underline = inner
        if underline is not None:
            style = (
                QTextCharFormat.UnderlineStyle.SingleUnderline
                if underline.status is SpanStatus.ACCEPTED
                else QTextCharFormat.UnderlineStyle.DashUnderline
            )
            fmt.setUnderlineStyle(style)
            fmt.setUnderlineColor(self._color(underline.label, 255))
        return fmt

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        ids = self._by_block.get(block.blockNumber())
        if not ids:
            return
        base = block.position()
        length = block.length() - 1  # Qt units, without the block separator
        ranges = [(self._ranges[i][0] - base, self._ranges[i][1] - base, self._spans[i]) for i in ids]
        cuts = sorted({0, length} | {max(0, min(length, p)) for r in ranges for p in r[:2]})
        for a, b in pairwise(cuts):
            covering = sorted(
                (span for start, end, span in ranges if start <= a and b <= end), key=lambda s: s.end - s.start
            )
            if covering:
                self.setFormat(a, b - a, self._format(covering))
