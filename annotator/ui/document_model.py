"""The document list: a table model over DocumentSummary rows, and a filter by status and search."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QMetaObject,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from annotator.core.model import DocStatus, DocumentSummary
from annotator.ui.plain import as_plain_tooltip

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_TEXT = {
    DocStatus.NEW: "new",
    DocStatus.IN_PROGRESS: "in progress",
    DocStatus.DONE: "done",
    DocStatus.SKIPPED: "skipped",
}
# The status column shows a mark, not a word: "in progress" took a third of a 250-pixel list that
# titles need. The word is in the mark's tooltip; a new document (most of them) shows nothing.
STATUS_MARK = {
    DocStatus.NEW: "",
    DocStatus.IN_PROGRESS: "\u25d0",  # ◐
    DocStatus.DONE: "\u2713",  # ✓
    DocStatus.SKIPPED: "\u2013",  # –
}
STATUS_LEGEND = "Status: \u2713 done, \u25d0 in progress, \u2013 skipped, blank: new"
_HEADERS = ("Title", "", "Acc.", "Open")
_HEADER_TIPS = ("", STATUS_LEGEND, "Spans accepted", "Spans still open (suggested)")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset({_DISPLAY, _ALIGN, int(Qt.ItemDataRole.ToolTipRole), int(DOC_ID_ROLE)})
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._docs: list[DocumentSummary] = []
        self._rows: dict[int, int] = {}
        # Kept as rows change, so the status bar's "n / m done" never scans the list (a key press
        # updates it; 100,000 documents would cost milliseconds each time).
        self._statuses: Counter[DocStatus] = Counter()
        # Model → Order by what teaches the model: document id -> score; those rows come first.
        self._teach: dict[int, float] = {}
        self._rank: dict[int, int] = {}

    def set_teaching_order(self, scores: dict[int, float] | None) -> None:
        """Put the scored documents first, highest score first, with their rank shown; None: the stored order."""
        self._teach = dict(scores or {})
        ranked = sorted(self._teach, key=lambda i: (-self._teach[i], i))
        self._rank = {doc_id: n + 1 for n, doc_id in enumerate(ranked)}
        self.set_documents(sorted(self._docs, key=lambda d: d.id) if not self._teach else self._docs)

    def teaching_rank(self, doc_id: int) -> int | None:
        return self._rank.get(doc_id)

    def rows_matching(self, status: DocStatus | None, ids: set[int] | None) -> list[int]:
        """The rows, ascending, with ``status`` (None: any) whose ids are in ``ids`` (None: any)."""
        docs = self._docs
        if status is None and ids is None:
            return list(range(len(docs)))
        if ids is None:
            return [row for row, d in enumerate(docs) if d.status is status]
        if status is None:
            return [row for row, d in enumerate(docs) if d.id in ids]
        return [row for row, d in enumerate(docs) if d.status is status and d.id in ids]

    def row_matches(self, row: int, status: DocStatus | None, ids: set[int] | None) -> bool:
        """Whether one row would be among ``rows_matching(status, ids)``."""
        doc = self._docs[row]
        return (status is None or doc.status is status) and (ids is None or doc.id in ids)

    def set_documents(self, docs: list[DocumentSummary]) -> None:
        """Replace the whole list (opening a database, after an import)."""
        self.beginResetModel()
        self._docs = list(docs)
        if self._teach:
            position = {d.id: n for n, d in enumerate(self._docs)}
            self._docs.sort(key=lambda d: (d.id not in self._teach, -self._teach.get(d.id, 0.0), position[d.id]))
        self._rows = {d.id: i for i, d in enumerate(self._docs)}
        self._statuses = Counter(d.status for d in self._docs)
        self.endResetModel()

    def update_documents(self, docs: Sequence[DocumentSummary]) -> None:
        """Bring rows up to date in place (after suggestions); a reset only if documents came or went."""
        if len(docs) != len(self._docs) or any(d.id not in self._rows for d in docs):
            self.set_documents(list(docs))
            return
        for doc in docs:
            row = self._rows[doc.id]
            if self._docs[row] != doc:
                self._replace(row, doc)

    def update_document(self, doc_id: int, **changes: Any) -> None:
        """Change one row (status, counts) without touching the others."""
        row = self._rows.get(doc_id)
        if row is None:
            return
        old = self._docs[row]
        new = DocumentSummary(**{**{f: getattr(old, f) for f in old.__slots__}, **changes})
        if new != old:
            self._replace(row, new)

    def _replace(self, row: int, doc: DocumentSummary) -> None:
        self._statuses[self._docs[row].status] -= 1
        self._statuses[doc.status] += 1
        self._docs[row] = doc
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))

    def count(self, status: DocStatus | None = None) -> int:
        """How many documents (with a status)."""
        return len(self._docs) if status is None else self._statuses[status]

    def summary(self, doc_id: int) -> DocumentSummary | None:
        row = self._rows.get(doc_id)
        return self._docs[row] if row is not None else None

    def documents(self) -> list[DocumentSummary]:
        return list(self._docs)

    def row_of(self, doc_id: int) -> int | None:
        return self._rows.get(doc_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(_HEADERS):
            return _HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and horizontal and 0 <= section < len(_HEADERS):
            return _HEADER_TIPS[section] or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each paint: plain ints compared, nothing built
        # that the role does not need.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._docs):
            return None
        doc = self._docs[row]
        col = index.column()
        if role == _DISPLAY:
            if col == 0:
                title = doc.title or f"document {doc.id}"
                rank = self._rank.get(doc.id) if self._rank else None
                return title if rank is None else f"{rank}. {title}"
            if col == 1:
                return STATUS_MARK[doc.status]
            return doc.n_accepted if col == 2 else doc.n_suggested
        if role == _ALIGN:
            return _RIGHT if col >= 2 else (_CENTRE if col == 1 else None)
        if role == DOC_ID_ROLE:
            return doc.id
        if col == 1:
            return STATUS_TEXT[doc.status]  # the tooltip role: the mark's word
        if col != 0:
            return None  # the tooltip role
        if self._rank and doc.id in self._teach:
            return as_plain_tooltip(f"{doc.title}\n(teaches the model: rank {self._rank[doc.id]},"
                                    f" model and rules disagree on {self._teach[doc.id]:.0%} of their spans)")
        return as_plain_tooltip(doc.title)


class DocumentFilter(QAbstractProxyModel):
    """Shows the documents with a status (or all) whose ids a search found (or all).

    Keeps its own sorted list of the source rows that match, made in Python from the
    source's plain list of summaries: Qt never asks ``data()`` row by row, so a filter change
    over 100,000 documents costs one list comprehension and a reset. With no status and no
    search it is a pass-through (rows map to themselves, nothing built). A changed row (a
    key press changes a status or counts) is checked alone and comes, goes or updates in place.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status: DocStatus | None = None
        self._ids: set[int] | None = None
        self._rows: list[int] | None = None  # matching source rows, ascending; None: every row
        self._source: DocumentListModel | None = None
        self._connections: list[QMetaObject.Connection] = []

    # -- the filter --

    def set_status(self, status: DocStatus | str | None) -> None:
        # A combo box hands its data back as a plain str: turn it into the enum again.
        self._status = DocStatus(status) if status else None
        self._refilter()

    def ids(self) -> set[int] | None:
        """The ids the search found (None: no search)."""
        return self._ids

    def set_ids(self, ids: set[int] | None) -> None:
        self._ids = ids
        self._refilter()

    def _active(self) -> bool:
        return self._status is not None or self._ids is not None

    def _matching(self) -> list[int] | None:
        if self._source is None or not self._active():
            return None
        return self._source.rows_matching(self._status, self._ids)

    def _refilter(self) -> None:
        # A reset, not rows moved range by range: those are scattered over 100,000 rows. Views
        # then lose their current row: DocumentPanel selects the open document again.
        self.beginResetModel()
        self._rows = self._matching()
        self.endResetModel()

    # -- following the source --

    def setSourceModel(self, source: QAbstractItemModel | None) -> None:
        """Filter ``source`` (a DocumentListModel; None: show nothing)."""
        if source is not None and not isinstance(source, DocumentListModel):
            raise TypeError("DocumentFilter filters a DocumentListModel")
        self.beginResetModel()
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections = []
        self._source = source
        super().setSourceModel(source)  # type: ignore[arg-type]  # None: no source (Qt takes nullptr)
        if source is not None:
            self._connections = [
                source.dataChanged.connect(self._source_data_changed),
                source.headerDataChanged.connect(self.headerDataChanged),
            ]
            # DocumentListModel only resets; any other change of shape is followed by a reset too.
            for about in (source.modelAboutToBeReset, source.rowsAboutToBeInserted, source.rowsAboutToBeRemoved,
                          source.rowsAboutToBeMoved, source.layoutAboutToBeChanged,
                          source.columnsAboutToBeInserted, source.columnsAboutToBeRemoved):
                self._connections.append(about.connect(self._source_about_to_change))
            for done in (source.modelReset, source.rowsInserted, source.rowsRemoved, source.rowsMoved,
                         source.layoutChanged, source.columnsInserted, source.columnsRemoved):
                self._connections.append(done.connect(self._source_changed))
        self._rows = self._matching()
        self.endResetModel()

    def _source_about_to_change(self, *_args: object) -> None:
        self.beginResetModel()

    def _source_changed(self, *_args: object) -> None:
        self._rows = self._matching()
        self.endResetModel()

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()) -> None:
        last_column = self.columnCount() - 1
        rows = self._rows
        if rows is None or self._source is None:  # no filter: the same rows
            self.dataChanged.emit(self.index(top.row(), 0), self.index(bottom.row(), last_column), roles)
            return
        for row in range(top.row(), bottom.row() + 1):
            at = bisect_left(rows, row)
            shown = at < len(rows) and rows[at] == row
            if self._source.row_matches(row, self._status, self._ids) == shown:
                if shown:
                    self.dataChanged.emit(self.index(at, 0), self.index(at, last_column), roles)
            elif shown:
                self.beginRemoveRows(QModelIndex(), at, at)
                del rows[at]
                self.endRemoveRows()
            else:
                self.beginInsertRows(QModelIndex(), at, at)
                rows.insert(at, row)
                self.endInsertRows()

    # -- the model --

    def mapToSource(self, proxy: Index) -> QModelIndex:
        source = self._source
        if source is None or not proxy.isValid():
            return QModelIndex()
        row = proxy.row()
        if self._rows is not None:
            if not 0 <= row < len(self._rows):
                return QModelIndex()
            row = self._rows[row]
        return source.index(row, proxy.column())

    def mapFromSource(self, source: Index) -> QModelIndex:
        if self._source is None or not source.isValid():
            return QModelIndex()
        row = source.row()
        rows = self._rows
        if rows is not None:
            at = bisect_left(rows, row)
            if at == len(rows) or rows[at] != row:
                return QModelIndex()  # filtered out
            row = at
        return self.index(row, source.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> Any:
        # Qt asks for an index's parent (none: a flat list); Python code for the QObject's.
        return QObject.parent(self) if child is None else QModelIndex()

    def sibling(self, row: int, column: int, _index: Index) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._source is None:
            return 0
        return len(self._rows) if self._rows is not None else self._source.rowCount()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._source is None else self._source.columnCount()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # Qt's proxy asks the source, which has rows the filter may hide.
        return not parent.isValid() and self.rowCount() > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Columns are the source's; Qt's proxy would look them up through row 0, gone when nothing matches.
        if orientation == Qt.Orientation.Horizontal and self._source is not None:
            return self._source.headerData(section, orientation, role)
        return None
