"""The document list: a table model over DocumentSummary rows, and a filter by status and search."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)

from annotator.core.model import DocStatus, DocumentSummary
from annotator.ui.plain import as_plain_tooltip

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # "<status>|<1 if the search found it>": DocumentFilter matches it
STATUS_TEXT = {
    DocStatus.NEW: "new",
    DocStatus.IN_PROGRESS: "in progress",
    DocStatus.DONE: "done",
    DocStatus.SKIPPED: "skipped",
}
_KEYS = {(s, hit): f"{s.value}|{'1' if hit else '0'}" for s in DocStatus for hit in (False, True)}
_HEADERS = ("Title", "Status", "Acc.", "Open")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset({_DISPLAY, _ALIGN, int(Qt.ItemDataRole.ToolTipRole), int(DOC_ID_ROLE), int(FILTER_ROLE)})
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
        self._hits: set[int] | None = None  # the ids the current search found; None: no search
        # FILTER_ROLE of each row, made once per filter change: the filter asks every row, and a
        # ready string halves that (0.6 -> 0.3 s for 100,000 rows; the rest is Qt calling Python).
        self._keys: list[str] | None = None

    def set_search_hits(self, ids: set[int] | None) -> None:
        """What FILTER_ROLE says about the search; the filter refilters after changing it."""
        self._hits = ids
        self._keys = None

    def _key(self, doc: DocumentSummary) -> str:
        return _KEYS[doc.status, self._hits is None or doc.id in self._hits]

    def _make_keys(self) -> list[str]:
        hits = self._hits
        if hits is None:
            return [_KEYS[d.status, True] for d in self._docs]
        return [_KEYS[d.status, d.id in hits] for d in self._docs]

    def set_documents(self, docs: list[DocumentSummary]) -> None:
        """Replace the whole list (opening a database, after an import)."""
        self.beginResetModel()
        self._docs = list(docs)
        self._rows = {d.id: i for i, d in enumerate(self._docs)}
        self._statuses = Counter(d.status for d in self._docs)
        self._keys = None
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
        if self._keys is not None:
            self._keys[row] = self._key(doc)
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
        # Called for every visible cell and role on each paint, and for every row when filtering:
        # plain ints compared, nothing built that the role does not need.
        if role == FILTER_ROLE:
            if self._keys is None:
                self._keys = self._make_keys()
            row = index.row()
            return self._keys[row] if 0 <= row < len(self._keys) else None
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._docs):
            return None
        doc = self._docs[row]
        col = index.column()
        if role == _DISPLAY:
            if col == 0:
                return doc.title or f"document {doc.id}"
            if col == 1:
                return STATUS_TEXT[doc.status]
            return doc.n_accepted if col == 2 else doc.n_suggested
        if role == _ALIGN:
            return _RIGHT if col >= 2 else None
        if role == DOC_ID_ROLE:
            return doc.id
        return as_plain_tooltip(doc.title) if col == 0 else None  # the tooltip role


class DocumentFilter(QSortFilterProxyModel):
    """Shows the documents with a status (or all) whose ids a search found (or all).

    No Python runs per row: the filter is a regular expression Qt matches against
    ``FILTER_ROLE`` (``"<status>|<1 if the search found it>"``). With no status and no
    search the pattern is empty, and Qt then accepts every row without asking the model,
    so 100,000 documents show without 100,000 calls into Python.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status: DocStatus | None = None
        self._ids: set[int] | None = None
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)

    def set_status(self, status: DocStatus | str | None) -> None:
        # A combo box hands its data back as a plain str: turn it into the enum again.
        value = DocStatus(status) if status else None
        self._refilter(lambda: setattr(self, "_status", value))

    def ids(self) -> set[int] | None:
        """The ids the search found (None: no search)."""
        return self._ids

    def set_ids(self, ids: set[int] | None) -> None:
        def change() -> None:
            self._ids = ids
            model = self.sourceModel()
            if isinstance(model, DocumentListModel):
                model.set_search_hits(ids)

        self._refilter(change)

    def _pattern(self) -> str:
        if self._status is None and self._ids is None:
            return ""
        status = QRegularExpression.escape(self._status.value) if self._status is not None else "[^|]*"
        return f"^{status}\\|{'1' if self._ids is not None else '[01]'}$"

    def _refilter(self, change: Callable[[], None]) -> None:
        change()
        # A reset, not Qt's own update of a changed filter: that moves the rows range by range,
        # quadratic when they are scattered (1.3-3 s for 100,000 documents); the reset asks once
        # per row (0.5 s), or not at all when nothing is filtered. Views then lose their current
        # row: DocumentPanel selects the open document again.
        source = self.sourceModel()
        self.setSourceModel(None)  # type: ignore[arg-type]  # Qt takes nullptr: no source
        self.setFilterRegularExpression(self._pattern())
        self.setSourceModel(source)
