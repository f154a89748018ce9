"""The left panel: search, a status filter and the document list; asks the window to open documents."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import DocStatus
from annotator.ui.document_model import DOC_ID_ROLE, STATUS_MARK, STATUS_TEXT, DocumentFilter, DocumentListModel
from annotator.ui.narrow import NarrowColumns

# Starts a full-text search for the text and calls back with the ids found, on the UI thread
# (a search that a newer one replaced may never call back).
TextSearch = Callable[[str, Callable[[set[int]], None]], None]
SEARCH_DELAY_MS = 250  # the full-text search starts this long after typing stops


class DocumentPanel(QWidget):
    open_requested = Signal(int)  # a document chosen in the list
    search_done = Signal()  # Enter or Escape in the search box: back to the article

    def __init__(self, search: TextSearch, cancel_search: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search_text = search
        self._cancel_search = cancel_search
        self._query = ""  # the search box's text, stripped
        self._title_hits: set[int] | None = None  # what the titles alone matched for _query
        self._text_pending = False  # a full-text search for _query is waiting or running
        self._open_when_found = False  # Enter was pressed before the full-text search came back
        self._titles: list[tuple[int, str]] | None = None  # (id, folded title) by row, built when needed
        self._current: int | None = None
        self._filtering = False
        self.model = DocumentListModel(self)
        self.filter = DocumentFilter(self)
        self.filter.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles and text (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem("All documents", None)
        for status in DocStatus:
            self.status_filter.addItem(STATUS_TEXT[status].capitalize(), status)
        self.list = QTableView(self)
        self.list.setModel(self.filter)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().hide()
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, not ResizeToContents: that asks the model about up to 1,000 rows
        # on the first paint and again after every change to a row (each label key press).
        metrics = self.list.fontMetrics()
        widest = (max(STATUS_MARK.values(), key=metrics.horizontalAdvance), "9999", "9999")
        for col, sample in zip((1, 2, 3), widest, strict=True):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(title)) + 16
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setStretchLastSection(False)
        self.narrow = NarrowColumns(self.list, [(3, 250), (2, 220), (1, 190)])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.status_filter)
        layout.addWidget(self.list)

        self.list.selectionModel().currentRowChanged.connect(self._list_current)
        self.list.activated.connect(lambda index: self._list_current(index, QModelIndex()))
        # Titles are matched in memory as the user types; the article texts (seconds for 100,000
        # documents) are searched in the background once typing stops.
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_text_search)
        # The list is filtered by title on the next turn of the event loop: keys typed while it
        # was busy (filtering 100,000 rows takes ~0.3 s) then cost one filtering, not one each.
        self._title_timer = QTimer(self, singleShot=True, interval=0)
        self._title_timer.timeout.connect(self._search_changed)
        self.search.textChanged.connect(lambda _t: self._title_timer.start())
        self.model.modelReset.connect(self._forget_titles)
        self.model.dataChanged.connect(self._titles_changed)
        self.search.returnPressed.connect(self._search_enter)
        # Escape in the search box goes back to the article, keeping the filter.
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, context=Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.search_done)
        self.status_filter.currentIndexChanged.connect(self._status_filter_changed)

    def show_current(self, doc_id: int | None) -> None:
        """Select the open document's row (without asking to open it again)."""
        self._current = doc_id
        row = self.model.row_of(doc_id) if doc_id is not None else None
        if row is None:
            return
        index = self.filter.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            # The open document is filtered out: no row may look current, so any row can be chosen.
            self.list.selectionModel().clear()
        elif self.list.currentIndex().row() != index.row():
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.list.scrollTo(index)

    def _list_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filtering:
            return
        doc_id = current.data(DOC_ID_ROLE) if current.isValid() else None
        if doc_id is not None and doc_id != self._current:
            self.open_requested.emit(doc_id)
            self.list.setFocus()

    def next_not_done(self, after: int | None) -> int | None:
        """The first document after ``after`` (wrapping round) that is neither done nor skipped: one the
        list shows first (a search or a status filter is the annotator's way through), else any."""
        docs = self.model.documents()
        ids = [d.id for d in docs]
        start = ids.index(after) + 1 if after in ids else 0
        candidates = [doc for doc in docs[start:] + docs[:start]
                      if doc.status not in (DocStatus.DONE, DocStatus.SKIPPED) and doc.id != after]
        listed = [doc for doc in candidates if self.is_listed(doc.id)]
        chosen = listed or candidates
        return chosen[0].id if chosen else None

    def is_listed(self, doc_id: int | None) -> bool:
        """Whether the list shows this document (a search or a status filter may hide it)."""
        row = self.model.row_of(doc_id) if doc_id is not None else None
        return row is not None and self.filter.mapFromSource(self.model.index(row, 0)).isValid()

    def progress_text(self) -> str:
        return f"{self.model.count(DocStatus.DONE)} / {self.model.count()} done"

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _refilter(self, change: Callable[[], None]) -> None:
        # Filtering moves the list's current row; that must not open documents while the proxy changes.
        self._filtering = True
        try:
            change()
        finally:
            self._filtering = False
        self.show_current(self._current)

    def _forget_titles(self) -> None:
        self._titles = None

    def _titles_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        # A row changes on each label key press: only its entry is brought up to date.
        if self._titles is None:
            return
        for row in range(top.row(), bottom.row() + 1):
            doc = self.model.summary(self.model.index(row, 0).data(DOC_ID_ROLE))
            if doc is not None:
                self._titles[row] = (doc.id, (doc.title or "").casefold())

    def _match_titles(self, query: str) -> set[int]:
        # casefold: the full-text search (SQLite LIKE) ignores case too (ASCII only; this finds a
        # few more, never fewer).
        if self._titles is None:
            self._titles = [(d.id, (d.title or "").casefold()) for d in self.model.documents()]
        needle = query.casefold()
        return {doc_id for doc_id, title in self._titles if needle in title}

    def _show_hits(self, ids: set[int] | None) -> None:
        if ids != self.filter.ids():
            self._refilter(lambda: self.filter.set_ids(ids))

    def _search_changed(self) -> None:
        query = self.search.text().strip()
        if query == self._query:
            return
        self._query = query
        self._open_when_found = False
        if not query:
            self._search_timer.stop()
            self._text_pending = False
            self._title_hits = None
            self._cancel_search()
            self._show_hits(None)
            return
        self._title_hits = self._match_titles(query)
        self._show_hits(self._title_hits)
        self._text_pending = True
        self._search_timer.start()

    def _start_text_search(self) -> None:
        query = self._query
        if not query:
            return

        def found(ids: set[int]) -> None:
            if query != self._query:  # typed on since: this answer is for an older question
                return
            self._text_pending = False
            self._show_hits((self._title_hits or set()) | ids)
            if self._open_when_found:
                self._open_when_found = False
                self._open_first()

        self._search_text(query, found)

    def search_pending(self) -> bool:
        """Whether the full-text search for the search box's text has not come back yet."""
        return self._text_pending

    def _status_filter_changed(self, _index: int) -> None:
        self._refilter(lambda: self.filter.set_status(self.status_filter.currentData()))

    def _search_enter(self) -> None:
        if self._title_timer.isActive():
            self._title_timer.stop()
            self._search_changed()
        if self._search_timer.isActive():  # no need to wait for the pause in typing
            self._search_timer.stop()
            self._start_text_search()
        if self._text_pending and not self.filter.rowCount():
            self._open_when_found = True  # the first text match opens when it comes
        else:
            self._open_first()
        self.search_done.emit()

    def _open_first(self) -> None:
        if self.filter.rowCount():
            self.open_requested.emit(self.filter.index(0, 0).data(DOC_ID_ROLE))
