"""Untrusted text in Qt: article text, titles, labels and tooltips are shown literally, never as HTML.

A title like ``<img src="file:///etc/passwd">`` must show those characters; if any
widget took it as rich text it would instead try to load a local file. The tests
fill the real main window with such text, then walk every label-like widget,
every item view's model and every tooltip.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMenu,
    QToolBar,
    QToolButton,
    QToolTip,
    QWidget,
)

from annotator.core.labels import Label, LabelSet, load_labels
from annotator.core.model import Document, Source, Span, SpanStatus
from annotator.nlp import LoadedPipeline
from annotator.nlp.pipeline import blank_pipeline
from annotator.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings, default_qsettings

# The offscreen platform cannot resize or raise native windows (the tooltip popup); harmless, not ours.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")

BAD = Path(__file__).resolve().parent / "data" / "bad"
IMG = '<img src="file:///etc/passwd">'
TITLE = f"{IMG} <b>x</b> & <script>alert(1)</script>"
TEXT = (
    f"Breaking: {IMG} and <b>x</b> were posted.\n\n"
    "“<i>We will</i> not leave,” said <b>PER</b> Zabihullah Mujahid. 👨‍👩‍👧 50 civilians died. R&D &amp; more.\n"
)
HOSTILE_LABEL = "<b>PER</b>"
# Qt's own delegates paint text as plain text (the combo box ones are used by its popup list).
STOCK_DELEGATES = {"QStyledItemDelegate", "QItemDelegate", "QComboBoxDelegate", "QComboMenuDelegate"}
MARKUP = ("<img", "<b>", "<i>", "<script", "&amp;")


@cache
def _pipeline() -> LoadedPipeline:
    return blank_pipeline()


def _labels() -> LabelSet:
    base = load_labels()
    hostile = [
        Label(label.name, label.hotkey, label.color, f"{IMG} <b>{label.name}</b> description") for label in base
    ]
    hostile.append(Label(HOSTILE_LABEL, "4", "#ff00ff", f"<u>{IMG}</u>"))
    return LabelSet(tuple(hostile), base.relations)


@pytest.fixture
def window(qtbot, tmp_path: Path, db_path: Path) -> Iterator[MainWindow]:
    threads_before = threading.active_count()
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=TEXT, title=TITLE, source=f"{IMG}.jsonl"))
    spans = [
        (TEXT.index(IMG), TEXT.index(IMG) + len(IMG), "ACTOR", SpanStatus.SUGGESTED),
        (TEXT.index("“"), TEXT.index("”") + 1, "QUOTE", SpanStatus.ACCEPTED),
        (TEXT.index("<b>PER</b> Z"), TEXT.index(" Mujahid") + 8, "ACTOR", SpanStatus.ACCEPTED),
        (TEXT.index("R&D"), TEXT.index("R&D") + 3, HOSTILE_LABEL, SpanStatus.ACCEPTED),
    ]
    ids = {}
    for start, end, label, status in spans:
        span = store.add_span(doc_id, Span(start, end, label, status=status, source=Source.ANNOTATOR,
                                           annotator="<b>alice</b>")).spans_after[0]
        ids[(start, label)] = span.id
    quote_id = ids[(TEXT.index("“"), "QUOTE")]
    store.set_speaker(quote_id or 0, ids[(TEXT.index("<b>PER</b> Z"), "ACTOR")], "<b>alice</b>")
    settings = Settings(default_qsettings(tmp_path / "settings.ini"))
    win = MainWindow(store, settings, "<b>alice</b>", labels=_labels(), pipeline_loader=_pipeline,
                     synchronous=True, interactive=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.start()
    win.open_document(doc_id)
    yield win
    win.close()
    store.close()
    assert threading.active_count() <= threads_before


def _renders_literally(text: str) -> None:
    """``text`` as Qt would show it where it guesses the format: markup must come out as characters."""
    if not QtGui.Qt.mightBeRichText(text):
        return
    doc = QTextDocument()
    doc.setHtml(text)
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat(), f"an image would be loaded from {text!r}"
            assert not fmt.fontWeight() > 400 and not fmt.fontItalic() and not fmt.fontUnderline(), text
            it += 1
        block = block.next()
    shown = doc.toPlainText()
    for piece in MARKUP:
        if piece in text.replace("&lt;", "<").replace("&amp;", "&"):
            assert piece in shown, f"{piece!r} of {text!r} was taken as markup: shows {shown!r}"


def _all_indexes(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        for col in range(model.columnCount(parent)):
            index = model.index(row, col, parent)
            yield index
            if col == 0:
                yield from _all_indexes(model, index)


def test_the_article_is_plain_text(window: MainWindow) -> None:
    assert window.view.toPlainText() == TEXT
    doc = window.view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()


def test_every_label_is_plain_text(window: MainWindow, qtbot) -> None:
    window.editor.next_span()  # something selected, so every part of the window has content
    labels = window.findChildren(QLabel)
    assert labels
    for label in labels:
        where = f"{label.objectName() or type(label.parent()).__name__}: {label.text()!r}"
        assert label.textFormat() == Qt.TextFormat.PlainText, f"QLabel not plain text ({where})"
        _renders_literally(label.toolTip())


def test_every_item_view_shows_its_data_literally(window: MainWindow) -> None:
    views = window.findChildren(QAbstractItemView)
    assert {type(v).__name__ for v in views} >= {"QTableView", "QTreeView"}
    shown = []
    for view in views:
        if isinstance(view, QHeaderView):
            continue  # headers paint their (fixed) titles as plain text and have no delegate
        # The stock delegates paint DisplayRole as plain text; a custom one might paint HTML.
        delegate = view.itemDelegate().metaObject().className()
        assert delegate in STOCK_DELEGATES, f"{type(view).__name__} paints with {delegate}"
        model = view.model()
        if model is None:
            continue
        for index in _all_indexes(model):
            display = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str):
                shown.append(display)
            tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tooltip, str):
                _renders_literally(tooltip)
                shown.append(tooltip)
    joined = "\n".join(shown)
    # The hostile strings made it to the views (so the checks above saw them).
    assert "<b>x</b>" in joined and HOSTILE_LABEL in joined


def test_every_widget_tooltip_and_the_article_tooltip_are_literal(window: MainWindow, qtbot) -> None:
    for widget in window.findChildren(QWidget):
        _renders_literally(widget.toolTip())
        if isinstance(widget, QAbstractButton):
            assert "<" not in widget.text() or not QtGui.Qt.mightBeRichText(widget.text())
    for action in window.actions():
        # An action's tooltip is shown only by tool buttons and by menus that show tooltips.
        shown_by = [
            o for o in action.associatedObjects()
            if isinstance(o, QToolButton | QToolBar) or (isinstance(o, QMenu) and o.toolTipsVisible())
        ]
        if shown_by:
            _renders_literally(action.toolTip())
    # Hover over the span that covers the <img> markup in the article.
    position = TEXT.index(IMG) + 3
    tip = window._tooltip(position)
    assert tip is not None and "<b>alice</b>" in tip
    cursor = window.view.textCursor()
    cursor.setPosition(position)
    rect = window.view.cursorRect(cursor)
    point = rect.center() + QPoint(1, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, window.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.view.viewport(), event)
    shown = QToolTip.text()
    assert shown, "no tooltip over a span"
    _renders_literally(shown)
    doc = QTextDocument()
    doc.setHtml(shown)
    assert "annotator: <b>alice</b>" in doc.toPlainText()
    QToolTip.hideText()


def test_the_bad_corpus_through_the_import_path_shows_messages_and_never_crashes(
    window: MainWindow, qtbot
) -> None:
    files = sorted(p for p in BAD.iterdir() if p.suffix != ".py")
    window.background.import_paths(files)
    qtbot.waitUntil(lambda: not window.background.runner.tasks, timeout=30_000)
    assert window.errors.messages == []  # no unexpected error: every problem is a designed rejection
    dialog = window.files.last_report
    assert dialog is not None
    lines = dialog.text.toPlainText().splitlines()
    assert any(line.startswith(f"{BAD / 'malformed.jsonl'}:16: ") and "CYRILLIC" in line for line in lines)
    assert any(line.startswith(f"{BAD / 'cp1252.txt'}:1: ") for line in lines)
    assert any(line.startswith(f"{BAD / 'binary.txt'}: ") for line in lines)
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    # The imported documents are listed, and the one with markup in its title shows it literally.
    titles = [window.doc_model.data(window.doc_model.index(r, 0), Qt.ItemDataRole.DisplayRole)
              for r in range(window.doc_model.rowCount())]
    assert any(t and t.startswith("<b>PER</b>") for t in titles)
    assert window.store.check() == []
    dialog.close()
