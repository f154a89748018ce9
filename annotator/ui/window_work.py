"""The window's side of background work: the model arriving, suggestions, import and export dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from annotator.core.model import DocStatus, SpanStatus
from annotator.ui.dialogs import ExportDialog, ReportDialog
from annotator.ui.errors import STORE_ERRORS
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
        if (
            document and doc_id is not None and not self.w.session.spans and document.status is not DocStatus.DONE
            and not self.w.store.readonly
        ):
            self.w.background.suggest([doc_id])

    def suggest_document(self) -> None:
        """Suggest the open document again (redo): its open suggestions are replaced by new ones."""
        doc_id = self.w.session.doc_id
        if doc_id is None:
            return
        stack = self.w.editor.stack_of(doc_id)
        had_history = stack is not None and stack.count() > 0
        if self.w.background.suggest([doc_id], redo=True) and had_history and stack is not None:
            # The redo deletes and remakes suggestions, so undo commands that name them would
            # restore rows that no longer exist: this document's history ends here.
            stack.clear()
            self.w.history.update_action()
            self.w.statusBar().showMessage(
                "Suggested again: the undo history of this document was cleared (its suggestions were remade).",
                10000,
            )

    def _suggested(self, _report: object) -> None:
        current = self.w.editor.current
        doc_id = self.w.session.doc_id
        if doc_id is not None and self.w.store.document_version(doc_id) != self.w.session.version:
            # Our own job changed the open document: a reload, not a conflict; the undo history
            # stays (a job only adds suggestions, and a redo run cleared the history when it started).
            self.w.session.reload()
            self.w.editor.select_span(current)
        ids = self.w.background.suggesting_ids
        self.w.refresh_documents(sorted(ids) if ids is not None else None)

    def refresh_listed(self, doc_id: int) -> None:
        """One row of the document list, read again (after suggestions for that document)."""
        if doc_id == self.w.session.doc_id:
            self.w._refresh_row()
            return
        spans = self.w.store.spans(doc_id)
        self.w.doc_model.update_document(
            doc_id, status=self.w.store.get_document(doc_id).status,
            n_accepted=sum(s.status is SpanStatus.ACCEPTED for s in spans),
            n_suggested=sum(s.status is SpanStatus.SUGGESTED for s in spans),
        )

    def own_suggestions_arrived(self) -> bool:
        """An edit met a newer version of the open document: if this window's own suggestion job
        wrote it, show the suggestions and keep the undo history (a job only adds suggestions, and
        a redo run cleared the history when it started). False: someone else changed it.
        """
        doc_id = self.w.session.doc_id
        if doc_id is None or not self.w.background.is_suggesting(doc_id):
            return False
        current = self.w.editor.current
        try:
            self.w.session.reload()
        except STORE_ERRORS as again:
            self.w.errors.unreadable(again)
            return True
        self.w.editor.select_span(current)
        self.w.statusBar().showMessage("New suggestions arrived for this document; press the key again.", 8000)
        return True

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
