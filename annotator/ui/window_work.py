"""The window's side of background work: the model arriving, suggestions, import and export dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from annotator.core.model import DocStatus
from annotator.ui.dialogs import ExportDialog, ReportDialog
from annotator.ui.plain import as_plain_tooltip

if TYPE_CHECKING:
    from annotator.io.importer import ImportReport
    from annotator.nlp import LoadedPipeline
    from annotator.ui.main_window import MainWindow


class WorkHandlers:
    """The window's handlers for what Background reports, and the import/export dialogs."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.last_report: ReportDialog | None = None  # the last import report (tests read it)

    def _pipeline_ready(self, pipeline: LoadedPipeline) -> None:
        self.w.model_label.setText(f"model: {pipeline.name}")
        self.w.model_label.setToolTip(as_plain_tooltip(pipeline.note))
        if pipeline.note:
            self.w.statusBar().showMessage(pipeline.note, 15000)
        self._suggest_if_empty()

    def _suggest_if_empty(self) -> None:
        doc_id = self.w.session.doc_id
        document = self.w.session.document
        if document and doc_id is not None and not self.w.session.spans and document.status is not DocStatus.DONE:
            self.w.background.suggest([doc_id])

    def suggest_document(self) -> None:
        if self.w.session.doc_id is not None:
            self.w.background.suggest([self.w.session.doc_id], redo=True)

    def _suggested(self, _report: object) -> None:
        current = self.w.editor.current
        doc_id = self.w.session.doc_id
        if doc_id is not None and self.w.store.document_version(doc_id) != self.w.session.version:
            self.w.session.reload()
            self.w.editor.select_span(current)
        self.w.refresh_documents()

    def ask_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.w, "Import articles", "", "Articles (*.txt *.jsonl *.ndjson);;All files (*)"
        )
        if names:
            self.w.background.import_paths([Path(n) for n in names])

    def ask_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.w, "Import a folder of articles")
        if folder:
            self.w.background.import_paths([Path(folder)])

    def _imported(self, report: ImportReport) -> None:
        self.w.refresh_documents()
        if self.w.session.doc_id is None and self.w.doc_model.documents():
            self.w.open_document(self.w.doc_model.documents()[0].id)
        if report.rejected or report.ignored:
            lines = [str(r) for r in report.rejected]
            lines += [f"{name}: ignored (not .txt or .jsonl)" for name in report.ignored]
            self.last_report = ReportDialog("Import", report.summary(), lines, self.w)
            if self.w.errors.interactive:
                self.last_report.exec()

    def ask_export(self) -> None:
        dialog = ExportDialog(self.w)
        if dialog.exec() and dialog.path.text().strip():
            self.w.background.export(
                dialog.format.currentData(), Path(dialog.path.text().strip()),
                include_all=dialog.include_all.isChecked(),
            )

    def _exported(self, report: object, output: Path) -> None:
        warnings = list(getattr(report, "warnings", []))
        if warnings and self.w.errors.interactive:
            ReportDialog("Export", report.summary(output), warnings, self.w).exec()  # type: ignore[attr-defined]
