"""Starting the desktop app: ``run(db_path)`` is what ``annotator`` (no command) calls."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from annotator.core.labels import LabelError, load_labels
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


def run(db_path: Path) -> int:
    """Open the database, show the window, run until it closes; returns the exit status."""
    app = make_application()
    try:
        labels = load_labels()
    except LabelError as exc:
        # Before anything else: a window whose label keys silently did nothing would be worse.
        _critical("Cannot read the labels file", f"{exc}\n\nFix the labels file and start the annotator again.")
        return 2
    try:
        store = Store.open(db_path)
    except StoreError as exc:
        _critical("Cannot open the database", str(exc))
        return 2
    settings = Settings(default_qsettings())
    apply_theme(app, os.environ.get("ANNOTATOR_THEME") or settings.theme)
    try:
        window = MainWindow(store, settings, settings.annotator or default_annotator(), labels=labels)
        reporter = ErrorReporter(window)
        sys.excepthook = reporter.excepthook
        window.show()
        if not settings.annotator:
            window.set_annotator(ask_annotator(settings, window))
        if not store.readonly:  # a read-only database is shown, never written (the window says so)
            store.ensure_annotator(window.session.annotator)
        window.start()
        return app.exec()
    finally:
        store.close()
