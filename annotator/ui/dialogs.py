"""Small dialogs: the speaker chooser, the shortcut list, a report the user can read and copy, export options."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span, SpanStatus
from annotator.core.speaker_choice import Candidate, Mention
from annotator.ui import file_dialogs
from annotator.ui.plain import as_plain_tooltip, one_line

NO_SPEAKER = "(no speaker)"


@dataclass(frozen=True)
class SpeakerChoice:
    """What the chooser returned: an existing actor, a new one to create at (start, end), or no speaker."""

    actor: Span | None = None
    new_range: tuple[int, int] | None = None

    @property
    def is_none(self) -> bool:
        return self.actor is None and self.new_range is None


_MENTION_ROLE = Qt.ItemDataRole.UserRole + 1


class SpeakerDialog(QDialog):
    """Who said the quote: one row per name, nearest to the quote first, with the sentence around it.

    Type to filter the names, Up/Down to move, Enter to choose, 1-9 to choose a row at once, 0 for no
    speaker. A name said several times is one row (its mention nearest the quote is the one linked);
    open it (Right) to pick another mention. Rows marked "new" are not ACTOR spans yet: choosing one
    creates the span and links it. A row "she → Maria Lopez" is the pronoun that attributes the quote:
    it links the actor the pronoun stands for (open it for the other actors before it). The quote's
    current speaker is preselected, so S then Enter keeps (and confirms) it.
    """

    def __init__(
        self, quote_text: str, rows: list[Candidate], parent: QWidget | None = None,
        current: Span | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Speaker")
        self.rows = rows
        self.current = current
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("type to filter the names; 1-9 choose a row, 0 no speaker")
        self.edit.textChanged.connect(self._filter_changed)
        self.edit.installEventFilter(self)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["#", "Speaker", "Mentions", "Said where"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(lambda *_: self.accept())
        header = self.tree.header()
        header.setStretchLastSection(True)
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._items: list[QTreeWidgetItem] = []
        for row in rows:
            item = QTreeWidgetItem(self.tree)
            name = f"new: {row.name}" if row.is_new else row.name
            item.setText(1, one_line(name, 48))
            item.setText(2, str(len(row.mentions)) if len(row.mentions) > 1 and row.pronoun is None else "")
            context = row.context or row.nearest.context
            item.setText(3, one_line(context, 200))
            item.setToolTip(3, as_plain_tooltip(context))
            item.setData(0, _MENTION_ROLE, row.nearest)
            if row.is_new:
                font = item.font(1)
                font.setItalic(True)
                item.setFont(1, font)
            if len(row.mentions) > 1:
                for mention in row.mentions:
                    child = QTreeWidgetItem(item)
                    if row.pronoun is not None:  # whom else the pronoun may stand for
                        child.setText(1, one_line(f"{row.pronoun} → {mention.name}", 48))
                    child.setText(3, one_line(mention.context, 200))
                    child.setToolTip(3, as_plain_tooltip(mention.context))
                    child.setData(0, _MENTION_ROLE, mention)
            self._items.append(item)
        self._none = QTreeWidgetItem(self.tree)
        self._none.setText(0, "0")
        self._none.setText(1, NO_SPEAKER)
        self._none.setData(0, _MENTION_ROLE, None)
        self._number_rows()
        quote = QLabel(f"Who said: {one_line(quote_text, 120)}", self)
        quote.setTextFormat(Qt.TextFormat.PlainText)
        quote.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addWidget(self.edit)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self._select_current()

    # ------------------------------------------------------------- rows

    def visible_rows(self) -> list[QTreeWidgetItem]:
        return [item for item in self._items if not item.isHidden()]

    def _number_rows(self) -> None:
        for i, item in enumerate(self.visible_rows()):
            item.setText(0, str(i + 1) if i < 9 else "")

    def _select_current(self) -> None:
        if self.current is not None:
            for item in self._items:
                for i in range(-1, item.childCount()):
                    target = item if i < 0 else item.child(i)
                    if target is None:
                        continue
                    mention = target.data(0, _MENTION_ROLE)
                    if isinstance(mention, Mention) and mention.span is not None and mention.span.id == self.current.id:
                        if i >= 0:
                            item.setExpanded(True)
                        self.tree.setCurrentItem(target)
                        return
        self._select_first()

    def _filter_changed(self, text: str) -> None:
        needle = text.casefold().strip()
        for item, row in zip(self._items, self.rows, strict=True):
            item.setHidden(bool(needle) and needle not in row.name.casefold())
        self._number_rows()
        self._select_first()

    def _select_first(self) -> None:
        visible = self.visible_rows()
        self.tree.setCurrentItem(visible[0] if visible else self._none)

    def _choose_number(self, number: int) -> bool:
        if number == 0:
            self.tree.setCurrentItem(self._none)
            self.accept()
            return True
        visible = self.visible_rows()
        if 1 <= number <= min(9, len(visible)):
            self.tree.setCurrentItem(visible[number - 1])
            self.accept()
            return True
        return False

    def eventFilter(self, obj: object, event: object) -> bool:
        # Up/Down/Right/Left in the filter box move through the list, so the hands stay on the keyboard;
        # a digit picks a row by its number.
        if obj is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Left):
                QApplication.sendEvent(self.tree, QKeyEvent(event.type(), key, event.modifiers()))
                return True
            if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return self._choose_number(key - Qt.Key.Key_0)
        return super().eventFilter(obj, event)  # type: ignore[arg-type]

    def chosen(self) -> SpeakerChoice | None:
        """The choice, or None if no row is current."""
        item = self.tree.currentItem()
        if item is None:
            return None
        mention = item.data(0, _MENTION_ROLE)
        if not isinstance(mention, Mention):
            return SpeakerChoice()
        if mention.span is not None:
            return SpeakerChoice(actor=mention.span)
        return SpeakerChoice(new_range=(mention.start, mention.end))


class OpenSuggestionsDialog(QMessageBox):
    """Ctrl+Return on a document with open suggestions: accept them (A), reject them (R) or go back (B, Esc).

    Plain letter keys, on every platform (QMessageBox takes mnemonics without Alt only on some), and
    Enter goes back: marking done is the step that must not happen by accident.
    """

    def __init__(self, n_open: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open suggestions")
        self.setIcon(QMessageBox.Icon.Question)
        self.setTextFormat(Qt.TextFormat.PlainText)
        noun = "suggestion" if n_open == 1 else "suggestions"
        self.setText(f"This document still has {n_open} open {noun}.")
        self.setInformativeText(
            "Marked done as they are, the export would treat each one as wrong. A: accept them,"
            " R: reject them (then mark done), B or Esc: go back and review them."
        )
        self.accept_button = self.addButton("&Accept them, mark done", QMessageBox.ButtonRole.AcceptRole)
        self.reject_button = self.addButton("&Reject them, mark done", QMessageBox.ButtonRole.DestructiveRole)
        self.back_button = self.addButton("Go &back", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.back_button)
        self.setEscapeButton(self.back_button)
        self._keys = {Qt.Key.Key_A: self.accept_button, Qt.Key.Key_R: self.reject_button,
                      Qt.Key.Key_B: self.back_button}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        button = self._keys.get(Qt.Key(event.key()))
        if button is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            button.click()
            return
        super().keyPressEvent(event)

    def decision(self) -> SpanStatus | None:
        """What the user chose for the open suggestions, or None to go back."""
        clicked = self.clickedButton()
        if clicked is self.accept_button:
            return SpanStatus.ACCEPTED
        if clicked is self.reject_button:
            return SpanStatus.REJECTED
        return None


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
    """Format, file, which documents and, in a team database, whose version (``annotators``: who has one)."""

    def __init__(
        self, parent: QWidget | None = None, annotators: list[str] | None = None, *, folder: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.format = QComboBox(self)
        for key, text, _ext in EXPORT_FORMATS:
            self.format.addItem(text, key)
        # A file name is there to take (annotations.jsonl beside the database): the field was empty, and OK
        # on an empty field closed the dialog without a word and without exporting anything.
        self.path = QLineEdit(self)
        self.path.setText(str(Path(folder or Path.home()).resolve() / f"annotations.{EXPORT_FORMATS[0][2]}"))
        self.path.textChanged.connect(self._path_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._ext = EXPORT_FORMATS[0][2]
        self.include_all = QCheckBox(
            "All documents, with open suggestions (default: accepted spans of done documents)", self
        )
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("File", row)
        form.addRow("", self.include_all)
        self.version = QComboBox(self)
        self.version.addItem("Final (reviewed) version", "final")
        for name in annotators or []:
            self.version.addItem(f"{name}'s version", name)
        if annotators:
            self.version.addItem("Every annotator's version (one record each, _annotator_id)", "all")
            form.addRow("Version", self.version)
        else:
            self.version.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        # What is wrong with the file, said here: the dialog stays open with what was typed in it.
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        # Typing goes into the file name first (its name selected, the folder and extension kept), Tab goes on in
        # the order seen.
        self.setTabOrder(self.path, browse)
        self.setTabOrder(browse, self.include_all)
        self.path.setFocus()
        stem = Path(self.path.text()).stem
        self.path.setSelection(len(self.path.text()) - len(self._ext) - 1 - len(stem), len(stem))

    def _path_changed(self, text: str) -> None:
        self.ok.setEnabled(bool(text.strip()))  # nothing to write to: OK cannot be pressed
        self.problem.hide()

    def path_problem(self) -> str:
        """Why the export could not write to the file named (empty: nothing known against it)."""
        path = Path(self.path.text().strip()).expanduser()
        if path.is_dir():
            return f"{path} is a folder: add a file name (e.g. {path / f'annotations.{self._ext}'})."
        folder = path.parent
        if not folder.is_dir():
            return f"The folder {folder} does not exist."
        if not os.access(folder, os.W_OK):
            return f"The folder {folder} cannot be written to; choose another."
        return ""

    def accept(self) -> None:
        problem = self.path_problem()
        if problem:
            self.problem.setText(f"⚠ Not exported: {problem}")
            self.problem.show()
            self.path.setFocus()
            return
        super().accept()

    def _format_changed(self, index: int) -> None:
        """The file name follows the format's extension (annotations.jsonl -> annotations.spacy)."""
        ext = EXPORT_FORMATS[index][2]
        text = self.path.text()
        if text.endswith(f".{self._ext}"):
            self.path.setText(text[: -len(self._ext)] + ext)
        self._ext = ext

    def _browse(self) -> None:
        ext = EXPORT_FORMATS[self.format.currentIndex()][2]
        name = file_dialogs.save_file(self, "Export to", self.path.text() or f"annotations.{ext}", f"*.{ext}")
        if name:
            self.path.setText(name)


class GuidelinesDialog(QDialog):
    """The annotation guidelines, rendered from Markdown with raw HTML switched off (nothing in it is markup
    the app would run or fetch)."""

    def __init__(self, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotation guidelines")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # a link never opens anything from inside the app
        features = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML
        self.browser.document().setMarkdown(markdown, features)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)


class StatisticsDialog(QDialog):
    """The whole database at a glance: progress, spans per label, speaker links, per annotator."""

    def __init__(self, stats: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Corpus statistics")
        docs = stats["documents"]
        total = docs.get("total", 0)
        done = docs.get("done", 0)
        share = f"{100 * done / total:.0f}%" if total else "–"
        summary = QLabel(
            f"{done} of {total} documents done ({share}); {docs.get('in_progress', 0)} in progress, "
            f"{docs.get('new', 0)} new, {docs.get('skipped', 0)} skipped.", self,
        )
        summary.setTextFormat(Qt.TextFormat.PlainText)
        statuses = ("accepted", "suggested", "rejected")
        rows = [(label, *(str(counts.get(s, 0)) for s in statuses)) for label, counts in sorted(stats["spans"].items())]
        rows += [(f"{label} links", *(str(counts.get(s, 0)) for s in statuses))
                 for label, counts in sorted(stats["relations"].items())]
        self.labels = _table(["Label", "Accepted", "Suggested", "Rejected"], rows, self)
        people = [(name, str(v["documents_done"]), str(v["spans"])) for name, v in stats["annotators"].items()]
        self.people = _table(["Annotator", "Documents done", "Spans decided"], people, self)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.labels)
        layout.addWidget(self.people)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)


def _table(headers: list[str], rows: Sequence[tuple[str, ...]], parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            item = QTableWidgetItem(value)
            if j:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, j, item)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


MIN_DIALOG_HEIGHT = 240  # place_clear_of makes a dialog no shorter than this
TITLE_BAR = 32  # pixels a window manager's title bar adds above a dialog (not known before it is shown)


def place_clear_of(dialog: QWidget, view: QPlainTextEdit, start: int, end: int, *, gap: int = 8) -> None:
    """Put ``dialog`` above or below the text between Qt positions ``start`` and ``end`` (the side with
    more room), centred on the window, so the quote it asks about stays in sight.

    Centred on the window, the speaker chooser covered the middle of the article: often the very quote
    (and the attribution beside it) the annotator was deciding about.
    """
    size = dialog.size().expandedTo(dialog.sizeHint())  # as it will show (never shrunk here)
    size.setHeight(size.height() + TITLE_BAR)  # the window manager's frame comes on top, once it is shown
    first, last = QTextCursor(view.document()), QTextCursor(view.document())
    first.setPosition(start)
    last.setPosition(max(start, end))
    viewport = view.viewport()
    visible = viewport.rect()
    top = viewport.mapToGlobal(QPoint(0, max(visible.top(), view.cursorRect(first).top()))).y()
    bottom = viewport.mapToGlobal(QPoint(0, min(visible.bottom(), view.cursorRect(last).bottom()))).y()
    area = view.window().frameGeometry()
    screen = view.screen().availableGeometry() if view.screen() is not None else area
    area = area.intersected(screen) if area.intersects(screen) else screen
    x = area.center().x() - size.width() // 2
    above, below = top - gap - area.top(), area.bottom() - bottom - gap
    if above >= size.height() and (above >= below or below < size.height()):
        y = top - gap - size.height()  # move() places the window with its frame
    elif below >= size.height():
        y = bottom + gap
    else:  # a small window: the dialog gets shorter (its list scrolls) to fit the side with more room
        room = max(above, below)
        size.setHeight(max(MIN_DIALOG_HEIGHT, room))
        dialog.resize(size.width(), size.height() - TITLE_BAR)
        y = top - gap - size.height() if above >= below else bottom + gap
    x = max(screen.left(), min(x, screen.right() - size.width()))
    y = max(screen.top(), min(y, screen.bottom() - size.height()))
    dialog.move(x, y)
