"""Parts of the window: its menus, the label legend, and the saving/restoring of its layout (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenuBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QWidget,
)

from annotator.core.labels import LabelSet
from annotator.ui.actions import ActionRegistry
from annotator.ui.highlighter import ACCEPTED_ALPHA
from annotator.ui.plain import as_plain_tooltip
from annotator.ui.settings import Settings
from annotator.ui.speaker_marks import WARNING

SELECTION_ACTIONS = (
    "grow_token", "shrink_token", "grow_token_left", "shrink_token_left", "grow_phrase", "grow_sentence",
)


def build_menus(bar: QMenuBar, actions: ActionRegistry) -> None:
    """Menus list every action, so each key can also be found with the mouse."""
    a = actions
    file_menu = bar.addMenu("&File")
    for name in ("import", "import_folder", "export"):
        file_menu.addAction(a[name])
    file_menu.addSeparator()
    file_menu.addAction(a["labels_file"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit = bar.addMenu("&Edit")
    for name in ("undo", "redo"):
        edit.addAction(a[name])
    edit.addSeparator()
    for name in a.actions:
        if name.startswith("label:"):
            edit.addAction(a[name])
    for name in ("accept", "accept_all", "reject", "speaker"):
        edit.addAction(a[name])
    selection = edit.addMenu("Se&lection")
    for name in SELECTION_ACTIONS:
        selection.addAction(a[name])
    edit.addSeparator()
    edit.addAction(a["snap_tokens"])

    go = bar.addMenu("&Go")
    for name in ("next_span", "previous_span", "done_next", "skip_next", "find"):
        go.addAction(a[name])
    view = bar.addMenu("&View")
    view.addAction(a["show_rejected"])
    view.addAction(a["panels"])
    view.addAction(a["statistics"])
    view.addAction(a["charts"])
    review = bar.addMenu("&Review")
    review.addAction(a["review_mode"])
    for n in (*range(1, 10), 0):
        review.addAction(a[f"take_{n}"])
    suggest = bar.addMenu("&Suggest")
    for name in ("suggest_document", "suggest_any_language", "suggest_all", "use_model", "use_builtin_model",
                 "cancel_work"):
        suggest.addAction(a[name])
    model = bar.addMenu("&Model")
    for name in ("train", "learning_curve", "order_by_teaching"):
        model.addAction(a[name])
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["guidelines"])


def restore_state(settings: Settings, window: QMainWindow, splitter: QSplitter) -> bool:
    """Window geometry and panel sizes as the user left them; False if there were no sizes to restore."""
    geometry = settings.state("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    sizes = settings.state("splitter")
    return sizes is not None and splitter.restoreState(sizes)


def context_actions(actions: ActionRegistry) -> list[QAction | None]:
    """What right-click in the article offers: what the keys do there (None: a separator)."""
    labels = [actions[name] for name in actions.actions if name.startswith("label:")]
    return [
        *labels, None, actions["accept"], actions["reject"], actions["speaker"], None,
        *(actions[name] for name in SELECTION_ACTIONS),
    ]


def save_state(settings: Settings, window: QMainWindow, splitter: QSplitter) -> None:
    settings.set_state("geometry", window.saveGeometry())
    settings.set_state("splitter", splitter.saveState())
    settings.sync()


LEGEND_HINT = "tinted, dashed: suggestion · filled: accepted · F1: shortcuts"


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends in "…" when narrow, instead of being cut mid-word."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(self.alignment()), text)


class ChipStrip(QScrollArea):
    """The label chips in one row that never makes the window wider than the screen.

    A labels file may name dozens of labels (500 made the window 32,767 pixels wide): the row
    takes the width it needs where there is room, else what there is, and scrolls sideways,
    its height growing by the scroll bar only while the bar is shown.
    """

    def __init__(self, row: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidget(row)  # at its own size hint: the strip scrolls it, never stretches it
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("QScrollArea { background: transparent; }")
        row.setAutoFillBackground(False)
        self._fit_height()

    def _row_width(self) -> int:
        widget = self.widget()
        return widget.sizeHint().width() if widget is not None else 0

    def _fit_height(self) -> None:
        widget = self.widget()
        if widget is None:
            return
        widget.ensurePolished()  # the chips' style sheets make them taller once polished
        widget.resize(widget.sizeHint())
        height = widget.sizeHint().height()
        if self._row_width() > self.viewport().width() > 0:
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(self._row_width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()


def build_legend(labels: LabelSet, parent: QWidget) -> QWidget:
    """One line above the article: each label's key and colour, suggestion vs accepted, and F1."""
    bar = QWidget(parent)
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(10, 4, 10, 4)
    layout.setSpacing(10)
    row = QWidget(bar)
    chips = QHBoxLayout(row)
    chips.setContentsMargins(0, 0, 0, 0)
    chips.setSpacing(10)
    for label in labels:
        color = QColor(label.color)
        fill = QColor(color)
        fill.setAlpha(ACCEPTED_ALPHA)
        chip = QLabel(f" {label.hotkey}  {label.name} " if label.hotkey else f" {label.name} ", row)
        chip.setTextFormat(Qt.TextFormat.PlainText)
        chip.setToolTip(as_plain_tooltip(label.description))
        # Only colours from QColor go into the style sheet; label names stay plain text.
        chip.setStyleSheet(
            f"QLabel {{ background: rgba({fill.red()}, {fill.green()}, {fill.blue()}, {fill.alpha()});"
            f" border-bottom: 2px solid {color.name()}; border-radius: 3px; padding: 1px 4px; }}"
        )
        chips.addWidget(chip)
    layout.addWidget(ChipStrip(row, bar))
    hint = ElidedLabel(LEGEND_HINT, bar)
    hint.setTextFormat(Qt.TextFormat.PlainText)
    hint.setToolTip(as_plain_tooltip(LEGEND_HINT))
    # The hint may be cut off in a narrow window rather than forcing the article to be wide.
    hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    font = hint.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    hint.setFont(font)
    layout.addWidget(hint, 1)
    return bar


def build_note(parent: QWidget) -> QLabel:
    """A line above the article for what the reader must know about this document (hidden until needed):
    plain text that wraps, in the window's own colours with a warning edge, readable in both themes."""
    note = QLabel(parent)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setWordWrap(True)
    note.setStyleSheet(
        f"QLabel {{ background: rgba({WARNING.red()}, {WARNING.green()}, {WARNING.blue()}, 28);"
        f" border-left: 4px solid {WARNING.name()}; padding: 4px 10px; margin: 2px 10px 4px 10px; }}"
    )
    note.hide()
    return note
