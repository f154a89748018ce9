"""Import and export from the window: the file dialogs, and the reports when the jobs are done."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.text import counted
from annotator.ui import file_dialogs
from annotator.ui.background import Background
from annotator.ui.dialogs import ExportDialog, ReportDialog
from annotator.ui.errors import ErrorReporter

if TYPE_CHECKING:
    from annotator.io.export_report import ExportReport
    from annotator.io.importer import ImportReport


class ImportExport(QObject):
    """Asks for files, starts the import or export job, and shows its report."""

    def __init__(
        self, background: Background, errors: ErrorReporter, window: QWidget, *,
        documents_added: Callable[[], None], annotators: Callable[[], list[str]] = list,
    ) -> None:
        super().__init__(window)
        self.background = background
        self.errors = errors
        self.window = window
        self.documents_added = documents_added
        self.annotators = annotators  # who has a version in a team database (the export can pick one)
        self.last_report: ReportDialog | None = None  # the last import report (tests read it)
        background.imported.connect(self.imported)
        background.exported.connect(self.exported)

    def ask_import(self, *, folder: bool = False) -> None:
        from annotator.io.html import url_list_file_size

        dialog = file_dialogs.ImportDialog(self.window, folder=folder)
        if dialog.exec() and dialog.selectedFiles():
            clean = dialog.clean.isChecked()
            paths = [Path(n) for n in dialog.selectedFiles()]
            # A .txt that only lists web addresses is a list to fetch (import --urls), never an article.
            url_lists = {p: n for p in paths if not folder and (n := url_list_file_size(p))}
            paths = [p for p in paths if p not in url_lists]
            if paths:
                self.background.import_paths(paths, clean=clean)
            for url_list, count in url_lists.items():
                if self.confirm_fetch(url_list, count):
                    self.background.import_url_list(url_list, clean=clean)

    def confirm_fetch(self, url_list: Path, count: int) -> bool:
        """Ask before the app goes on the web: the file chosen is a list of ``count`` URLs."""
        box = QMessageBox(QMessageBox.Icon.Question, "Import web pages",
                          f"{url_list.name} lists {counted(count, 'web address', 'web addresses')}."
                          " Fetch the pages and import their articles?", parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            "One page at a time, at most one request a second to a site, each site's robots.txt obeyed"
            " (as annotator import --urls). Pages that cannot be fetched are listed at the end."
        )
        fetch = box.addButton("Fetch pages", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is fetch

    def ask_import_folder(self) -> None:
        self.ask_import(folder=True)

    def imported(self, report: ImportReport) -> None:
        self.documents_added()
        if report.rejected or report.ignored or report.warnings:
            lines = [str(r) for r in report.rejected]
            lines += [f"{w.where}: warning: {w.reason}" for w in report.warnings]
            from annotator.io.importer import ignored_reason

            reason = ignored_reason("a list of URLs: choose it by itself and its pages are fetched")
            lines += [f"{name}: {reason}" for name in report.ignored]
            self.last_report = ReportDialog("Import", report.summary(), lines, self.window)
            if self.errors.interactive:
                self.last_report.exec()

    def ask_export(self) -> None:
        db = self.background.db_path
        dialog = ExportDialog(self.window, self.annotators(), folder=None if db == ":memory:" else str(Path(db).parent))
        if dialog.exec() and dialog.path.text().strip():
            self.background.export(
                dialog.format.currentData(), Path(dialog.path.text().strip()),
                include_all=dialog.include_all.isChecked(), version=dialog.version.currentData(),
            )

    def exported(self, report: ExportReport, output: Path) -> None:
        if report.warnings and self.errors.interactive:
            ReportDialog("Export", report.summary(output), report.warnings, self.window).exec()
