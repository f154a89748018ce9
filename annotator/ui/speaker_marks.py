"""Who said it, where the eye is: speaker notes beside quotes and outlines of linked spans.

A plain-text view has no room between lines for a label, and putting a tag into the text
would move every offset after it. So the article gets a narrow margin on its right: at the
height of each quote's last line it says "— Mujahid" in the speaker label's colour, or
"no speaker" in a warning colour, so a quote without a speaker stands out. While a quote is
the current span its speaker is outlined in the text; while an actor is, its quotes are.

Painting looks only at the notes of the blocks on screen (a sorted list and a bisect), so a
key press costs the same on a 50,000-word article as on a short one.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit, QWidget

WARNING = QColor("#d9480f")
MARGIN_MIN, MARGIN_MAX = 72, 190


@dataclass(frozen=True)
class Note:
    """A margin note at the line of Qt position ``position`` (a quote's end)."""

    position: int
    text: str
    color: QColor
    warn: bool = False  # a quote without a speaker
    strong: bool = False  # the note of the current span


def _x(line: QTextLine, position: int) -> float:
    found: Any = line.cursorToX(position)  # PySide returns (x, position) for the C++ overload that updates it
    return float(found[0] if isinstance(found, tuple) else found)


def block_line_rects(view: QPlainTextEdit, start: int, end: int) -> list[QRectF]:
    """Viewport rectangles covering Qt positions ``start..end``, one per visual line."""
    rects: list[QRectF] = []
    doc = view.document()
    block = doc.findBlock(start)
    offset = view.contentOffset()
    bottom = view.viewport().height()
    while block.isValid() and block.position() < end:
        geometry = view.blockBoundingGeometry(block).translated(offset)
        if geometry.top() > bottom:
            break
        if geometry.bottom() >= 0 and block.isVisible():
            layout = block.layout()
            base = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lo = max(start, base + line.textStart())
                hi = min(end, base + line.textStart() + line.textLength())
                if lo >= hi:
                    continue
                x1, x2 = _x(line, lo - base), _x(line, hi - base)
                rects.append(QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height())
                             .translated(geometry.topLeft()))
        block = block.next()
    return rects


class SpeakerMargin(QWidget):
    """The strip on the article's right that names each quote's speaker."""

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__(view)
        self.view = view
        self.notes: list[Note] = []
        self._positions: list[int] = []
        font = QFont(view.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.78))
        self.setFont(font)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        view.updateRequest.connect(lambda _rect, _dy: self.update())

    def set_notes(self, notes: list[Note]) -> None:
        self.notes = sorted(notes, key=lambda n: n.position)
        self._positions = [n.position for n in self.notes]
        self.update()

    def width_for(self, view_width: int) -> int:
        return max(MARGIN_MIN, min(MARGIN_MAX, view_width // 5))

    def visible_notes(self) -> list[tuple[Note, int]]:
        """(note, y) of the notes whose line is on screen."""
        view = self.view
        first = view.firstVisibleBlock()
        if not first.isValid() or not self.notes:
            return []
        last: QTextBlock = first
        offset = view.contentOffset()
        height = view.viewport().height()
        while last.next().isValid() and view.blockBoundingGeometry(last.next()).translated(offset).top() < height:
            last = last.next()
        lo = bisect_left(self._positions, first.position())
        hi = bisect_left(self._positions, last.position() + last.length())
        shown = []
        for note in self.notes[lo:hi]:
            cursor = view.textCursor()
            cursor.setPosition(max(0, note.position - 1))
            rect = view.cursorRect(cursor)
            shown.append((note, rect.top() + view.viewport().y() - self.y()))
        return shown

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.view.palette()
        painter.fillRect(event.rect(), palette.color(palette.ColorRole.AlternateBase))
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        taken = -line  # notes of quotes ending on one line are stacked, never drawn over each other
        for note, y in self.visible_notes():
            y = max(y, taken + line)
            taken = y
            font = QFont(self.font())
            font.setBold(note.strong)
            font.setItalic(note.warn)
            painter.setFont(font)
            painter.setPen(WARNING if note.warn else note.color)
            text = QFontMetrics(font).elidedText(note.text, Qt.TextElideMode.ElideRight, self.width() - 10)
            painter.drawText(QRect(6, y, self.width() - 8, line), Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()


def paint_outlines(view: QPlainTextEdit, painter: QPainter, ranges: list[tuple[int, int, QColor]]) -> None:
    """Rounded boxes around Qt ranges (spans linked to the current one), on the viewport."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for start, end, color in ranges:
        pen = QPen(color)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in block_line_rects(view, start, end):
            painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)

