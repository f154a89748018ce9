"""The document list: a table model over DocumentSummary rows, and a filter by status and search."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from annotator.core.model import DocStatus, DocumentSummary
from annotator.ui.plain import as_plain_tooltip

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_TEXT = {
    DocStatus.NEW: "new",
    DocStatus.IN_PROGRESS: "in progress",
    DocStatus.DONE: "done",
    DocStatus.SKIPPED: "skipped",
}
_HEADERS = ("Title", "Status", "Acc.", "Open")
Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._docs: list[DocumentSummary] = []
        self._rows: dict[int, int] = {}
        # Kept as rows change, so the status bar's "n / m done" never scans the list (a key press
        # updates it; 100,000 documents would cost milliseconds each time).
        self._statuses: Counter[DocStatus] = Counter()

    def set_documents(self, docs: list[DocumentSummary]) -> None:
        """Replace the whole list (opening a database, after an import)."""
        self.beginResetModel()
        self._docs = list(docs)
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
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc = self._docs[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (doc.title or f"document {doc.id}", STATUS_TEXT[doc.status], doc.n_accepted, doc.n_suggested)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return as_plain_tooltip(doc.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DOC_ID_ROLE:
            return doc.id
        return None


class DocumentFilter(QSortFilterProxyModel):
    """Shows the documents with a status (or all) whose ids a search found (or all)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status: DocStatus | None = None
        self._ids: set[int] | None = None

    def set_status(self, status: DocStatus | str | None) -> None:
        # A combo box hands its data back as a plain str: turn it into the enum again.
        value = DocStatus(status) if status else None
        self._refilter(lambda: setattr(self, "_status", value))

    def set_ids(self, ids: set[int] | None) -> None:
        self._refilter(lambda: setattr(self, "_ids", ids))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateFilter is deprecated there
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        doc_id = model.data(model.index(source_row, 0, source_parent), DOC_ID_ROLE)
        if self._ids is not None and doc_id not in self._ids:
            return False
        if self._status is None:
            return True
        summary = model.summary(doc_id) if isinstance(model, DocumentListModel) else None
        return summary is not None and summary.status is self._status
