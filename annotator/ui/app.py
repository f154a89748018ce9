"""Starting the desktop app: ``run(db_path)`` is what ``annotator`` (no command) calls."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from annotator.core.labels import LabelError, LabelSet, load_labels
from annotator.store import Store, StoreError
from annotator.ui.errors import ErrorReporter
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import APPLICATION, ORGANISATION, Settings, default_annotator, default_qsettings
from annotator.ui.theme import apply_theme


def ask_annotator(settings: Settings, parent: QWidget | None = None) -> str:
    """The annotator's name: asked once on the first run (default: the OS user), then remembered.

    The app asks with its window already on screen behind the question (``parent``), not on an
    empty desktop before anything is shown.
    """
    if settings.annotator:
        return settings.annotator
    name, ok = QInputDialog.getText(
        parent, "Your name", "Your name as an annotator (saved with every span you make):", text=default_annotator()
    )
    name = name.strip() if ok and name.strip() else default_annotator()
    settings.annotator = name
    return name


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("News annotator")
    apply_theme(app)
    return app


def _critical(title: str, text: str) -> None:
    print(f"annotator: {title}: {text}", file=sys.stderr)  # also for whoever started it from a terminal
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


class Windows(QObject):
    """The app's main window; File → Labels file… opens it anew with the labels chosen.

    ``make(labels)`` builds a window (not yet shown). The new window is shown before the old one
    closes, so the application does not quit in between.
    """

    def __init__(self, make: Callable[[LabelSet], MainWindow], labels: LabelSet) -> None:
        super().__init__()
        self.make = make
        self.opened: Callable[[MainWindow], None] = lambda window: None  # each new window, after the first
        self.window = self._open(labels)

    def _open(self, labels: LabelSet) -> MainWindow:
        window = self.make(labels)
        window.labels_chosen.connect(self.reopen)
        return window

    def reopen(self, labels: LabelSet) -> None:
        old = self.window
        current = old.editor.current  # the annotator's place: the same document (start() opens the last one)
        self.window = self._open(labels)
        self.window.setGeometry(old.geometry())
        old.close()
        old.deleteLater()
        self.window.show()
        self.window.activateWindow()
        self.window.start()
        if current is not None and current in self.window.session.spans:
            self.window.editor.select_span(current)
        self.opened(self.window)
        self.window.show_status(f"Labels: {', '.join(labels.names)} (from the labels file you chose)", 10000)


def startup_labels(db_path: Path, settings: Settings, labels_file: str | None) -> LabelSet:
    """``--labels FILE``, else the file chosen for this database in the app, else the packaged labels.

    A broken ``--labels`` file raises LabelError; a remembered one that no longer reads is reported
    and the packaged labels are used, so the app still opens.
    """
    if labels_file:
        return load_labels(labels_file)
    chosen = settings.labels_file(str(db_path))
    if chosen:
        try:
            return load_labels(chosen)
        except LabelError as exc:
            _critical("Cannot read the labels file chosen for this database",
                      f"{exc}\n\nThe packaged labels are used; choose another under File → Labels file….")
    return load_labels()


def run(db_path: Path, labels_file: str | None = None) -> int:
    """Open the database, show the window, run until it closes; returns the exit status."""
    app = make_application()
    settings = Settings(default_qsettings())
    try:
        labels = startup_labels(db_path, settings, labels_file)
    except LabelError as exc:
        # Before anything else: a window whose label keys silently did nothing would be worse.
        _critical("Cannot read the labels file", f"{exc}\n\nFix the labels file and start the annotator again.")
        return 2
    try:
        store = Store.open(db_path)
    except StoreError as exc:
        _critical("Cannot open the database", str(exc))
        return 2
    apply_theme(app, os.environ.get("ANNOTATOR_THEME") or settings.theme)
    try:
        windows = Windows(
            lambda chosen: MainWindow(store, settings, settings.annotator or default_annotator(), labels=chosen),
            labels,
        )
        window = windows.window
        reporter = ErrorReporter(window)
        sys.excepthook = reporter.excepthook
        windows.opened = lambda new: setattr(reporter, "parent", new)
        window.show()
        if not settings.annotator:
            window.set_annotator(ask_annotator(settings, window))
        if not store.readonly:  # a read-only database is shown, never written (the window says so)
            store.ensure_annotator(window.session.annotator)
        window.start()
        return app.exec()
    finally:
        store.close()
