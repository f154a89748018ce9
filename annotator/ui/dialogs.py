"""Small dialogs: the speaker chooser, the shortcut list, a report the user can read and copy, export options."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.ui.plain import one_line

NO_SPEAKER = "(no speaker)"


class SpeakerDialog(QDialog):
    """Type to filter the document's actors, Up/Down to move, Enter to choose.

    The quote's current speaker is preselected, so S then Enter keeps (and confirms) it.
    Rows show the actor's words only: a typed filter matches names, not offsets.
    """

    def __init__(
        self, quote_text: str, actors: list[Span], text: str, parent: QWidget | None = None,
        current: Span | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Speaker")
        self.actors = actors
        self.current = current
        labels = [one_line(a.text_in(text), 60) for a in actors] + [NO_SPEAKER]
        self._model = QStringListModel(labels, self)
        self._filter = QSortFilterProxyModel(self)
        self._filter.setSourceModel(self._model)
        self._filter.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("type to filter the actors")
        self.edit.textChanged.connect(self._filter_changed)
        self.edit.installEventFilter(self)
        self.list = QListView(self)
        self.list.setModel(self._filter)
        self.list.setUniformItemSizes(True)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        quote = QLabel(f"Who said: {one_line(quote_text, 80)}", self)
        quote.setTextFormat(Qt.TextFormat.PlainText)
        quote.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 360)
        self._select_current()

    def _select_current(self) -> None:
        ids = [a.id for a in self.actors]
        if self.current is not None and self.current.id in ids:
            self.list.setCurrentIndex(self._filter.mapFromSource(self._model.index(ids.index(self.current.id), 0)))
        else:
            self._select_first()

    def _filter_changed(self, text: str) -> None:
        self._filter.setFilterFixedString(text)
        self._select_first()

    def _select_first(self) -> None:
        if self._filter.rowCount():
            self.list.setCurrentIndex(self._filter.index(0, 0))

    def eventFilter(self, obj: object, event: object) -> bool:
        # Up/Down in the filter box move through the list, so the hands stay on the keyboard.
        if (
            obj is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
                rows = self._filter.rowCount()
                if rows:
                    step = 1 if event.key() == Qt.Key.Key_Down else -1
                    row = (self.list.currentIndex().row() + step) % rows
                    self.list.setCurrentIndex(self._filter.index(row, 0))
                return True
        return super().eventFilter(obj, event)  # type: ignore[arg-type]

    def chosen(self) -> tuple[bool, Span | None]:
        """(something chosen, the actor or None for "no speaker")."""
        index = self.list.currentIndex()
        if not index.isValid():
            return False, None
        row = self._filter.mapToSource(index).row()
        return True, (self.actors[row] if row < len(self.actors) else None)


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Key", "Action"])
        for i, (keys, text) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table = table
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 520)


class ReportDialog(QDialog):
    """A summary and lines (rejected input) the user can read and copy."""

    def __init__(self, title: str, summary: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(summary, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(lines))
        copy = QPushButton("Copy", self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.text.setVisible(bool(lines))
        self.resize(640, 400 if lines else 120)


EXPORT_FORMATS = (
    ("jsonl", "JSONL (Prodigy)", "jsonl"),
    ("spacy", "spaCy DocBin", "spacy"),
    ("doccano", "doccano", "jsonl"),
)


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.format = QComboBox(self)
        for key, text, _ext in EXPORT_FORMATS:
            self.format.addItem(text, key)
        self.include_all = QCheckBox(
            "All documents, with open suggestions (default: accepted spans of done documents)", self
        )
        self.path = QLineEdit(self)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("File", row)
        form.addRow("", self.include_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        ext = EXPORT_FORMATS[self.format.currentIndex()][2]
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text() or f"annotations.{ext}", f"*.{ext}")
        if name:
            self.path.setText(name)
