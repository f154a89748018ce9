"""Views that stay readable when narrow: less important columns step aside instead of squeezing the text.

On a laptop screen the side panels are narrow; a title cut to two letters helps nobody, so
the count and source columns are hidden below a width and come back when there is room.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView


class NarrowColumns(QObject):
    """Hide ``column`` while the view is narrower than ``min_width`` pixels, for each (column, min_width)."""

    def __init__(self, view: QTreeView | QTableView, rules: list[tuple[int, int]]) -> None:
        super().__init__(view)
        self.view = view
        self.rules = rules
        view.installEventFilter(self)
        self.apply()

    def _header(self) -> QHeaderView:
        view: QAbstractItemView = self.view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()  # type: ignore[attr-defined]

    def apply(self) -> None:
        width = self.view.width()
        header = self._header()
        for column, min_width in self.rules:
            header.setSectionHidden(column, width < min_width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self.apply()
        return False
