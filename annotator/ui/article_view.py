"""The article: a read-only plain-text view that leaves the app's shortcut keys to the app."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Span
from annotator.ui.plain import as_plain_tooltip
from annotator.ui.speaker_marks import Note, SpeakerMargin, paint_outlines


def tooltip_text(span: Span, speaker: str | None) -> str:
    """What hovering a span shows: label, status, source, confidence, speaker (plain text)."""
    lines = [f"{span.label} ({span.status.value})", f"source: {span.source.value} {span.source_name}".rstrip()]
    if span.confidence is not None:
        lines.append(f"confidence: {span.confidence:.2f}")
    if span.annotator:
        lines.append(f"annotator: {span.annotator}")
    if speaker:
        lines.append(f"speaker: {speaker}")
    return "\n".join(lines)


class ArticleView(QPlainTextEdit):
    """Read-only, selectable by mouse and keyboard; never interprets the text as HTML."""

    clicked = Signal(int)  # Qt position of a click that did not select text
    painted = Signal()  # the first paint after set_article

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.2)
        self.setFont(font)
        self.document().setDocumentMargin(18)
        self.setMouseTracking(True)
        self.app_shortcuts: set[QKeySequence] = set()
        self.tooltip_for: Callable[[int], str | None] = lambda _pos: None
        self._press: QPoint | None = None
        self._fresh = False
        self.context_actions: list[QAction | None] = []  # the right-click menu; None is a separator
        self.margin = SpeakerMargin(self)
        self.outlines: list[tuple[int, int, QColor]] = []
        self._place_margin()
        # A scroll bar that comes or goes moves the text area: the margin follows once it has moved.
        self.verticalScrollBar().rangeChanged.connect(lambda *_: QTimer.singleShot(0, self._place_margin))

    # ------------------------------------------------------ speaker marks

    def _place_margin(self) -> None:
        """The margin sits between the text and the scroll bar, as tall as the text area."""
        width = self.margin.width_for(self.width())
        if self.viewportMargins().right() != width:
            self.setViewportMargins(0, 0, width, 0)
            # The text area got narrower or wider, but QPlainTextEdit wraps its lines again only when the
            # widget itself changes width: without this, a window that opens on a short article (no
            # scroll bar to come and go) wraps its lines under the margin, cut off (seen on X11).
            QPlainTextEdit.resizeEvent(self, QResizeEvent(self.size(), QSize()))
        area = self.viewport().geometry()
        self.margin.setGeometry(area.right() + 1, area.top(), width, area.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_margin()

    def set_notes(self, notes: list[Note]) -> None:
        """The speaker notes in the margin (Qt positions of the quotes' ends)."""
        self.margin.set_notes(notes)

    def set_outlines(self, ranges: list[tuple[int, int, QColor]]) -> None:
        """Boxes around the spans linked to the current one (Qt ranges)."""
        if ranges != self.outlines:
            self.outlines = ranges
            self.viewport().update()

    @property
    def paint_pending(self) -> bool:
        """An article was set and is shown but not painted yet: ``painted`` is still to come."""
        return self._fresh and self.isVisible()

    def set_article(self, text: str) -> None:
        self._fresh = True
        self.setPlainText(text)  # plain text: nothing in an article is markup
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def event(self, event: QEvent) -> bool:
        # A text widget claims keys like Tab for itself; the app's keys must reach their actions.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) in self.app_shortcuts
        ):
                event.ignore()
                return True
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_for(self.cursorForPosition(event.pos()).position())
            if text:
                QToolTip.showText(event.globalPos(), as_plain_tooltip(text), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.outlines:
            painter = QPainter(self.viewport())
            paint_outlines(self, painter, self.outlines)
            painter.end()
        if self._fresh:
            self._fresh = False
            self.painted.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The same actions as the keys, with their keys shown. A right-click outside the selection selects
        what is under the pointer first (the span there, or nothing), so the menu acts on what was clicked."""
        position = self.cursorForPosition(event.pos()).position()
        lo, hi = sorted(self.selection())
        if not (lo <= position < hi):
            self.clicked.emit(position)
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(event.globalPos())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = self._press is not None and (event.position().toPoint() - self._press).manhattanLength() > 3
        if event.button() == Qt.MouseButton.LeftButton and not moved and not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())

    def selection(self) -> tuple[int, int]:
        """Qt (anchor, position) of the current selection."""
        cursor = self.textCursor()
        return cursor.anchor(), cursor.position()

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if not (self._visible_position(start) and self._visible_position(end)):
            # Bring the start to the middle of the view, not just the end to its edge: the reader sees the
            # span with the text before it (and a quote's speaker nearby), not one line at the top.
            start_cursor = QTextCursor(self.document())
            start_cursor.setPosition(start)
            self.setTextCursor(start_cursor)
            self.centerCursor()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _visible_position(self, position: int) -> bool:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return self.viewport().rect().contains(self.cursorRect(cursor).center())
