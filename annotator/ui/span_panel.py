"""The span panel on the right: the document's spans by label, in step with the editor's current span."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from annotator.ui.article_view import ArticleView
from annotator.ui.editing import Editor
from annotator.ui.narrow import NarrowColumns
from annotator.ui.span_model import SPAN_ID_ROLE, SpanTreeModel


class SpanPanel(QObject):
    """A plain tree view of the model (``tree``) that follows the current span; a span picked there becomes current."""

    def __init__(self, model: SpanTreeModel, editor: Editor, view: ArticleView, parent: QWidget) -> None:
        super().__init__(parent)
        self.span_model = model
        self.editor = editor
        self.tree = tree = QTreeView(parent)
        tree.setModel(model)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 76), (2, 70), (3, 112), (4, 64)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        # Narrow (a laptop screen): "By", then "Source", then "Status" step aside for the span text.
        self.narrow = NarrowColumns(tree, [(4, 460), (2, 400), (1, 330)])
        self._following = False
        model.modelReset.connect(tree.expandAll)
        # The panel follows the current span after the article has repainted (a coalescing timer):
        # with thousands of spans the tree's relayout is the slowest part of a key press.
        self._follow = QTimer(self, singleShot=True, interval=0)
        self._follow.timeout.connect(self.follow_current)
        editor.current_changed.connect(lambda _span_id: self._follow.start())
        # A long document's span list is filled once its text is on screen; then the panel
        # catches up with the current span.
        view.painted.connect(lambda: QTimer.singleShot(0, self.fill))
        tree.selectionModel().currentChanged.connect(self._picked)
        model.listed.connect(self.follow_current)

    def fill(self) -> None:
        """List what the model holds back (a long document), then show the current span."""
        self.span_model.flush()
        self.follow_current()

    def follow_current(self) -> None:
        span_id = self.editor.current
        index = self.span_model.index_of(span_id) if span_id is not None else QModelIndex()
        if index.isValid():
            self._following = True
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self._following = False

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following:
            return
        span_id = current.data(SPAN_ID_ROLE) if current.isValid() else None
        if span_id is not None and span_id != self.editor.current:
            self.editor.select_span(span_id)
