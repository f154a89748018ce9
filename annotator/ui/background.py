"""Background work as the window shows it: model loading, suggesting, import and export.

Runs the io functions (the command line's code) through :class:`TaskRunner`,
shows progress and a Cancel button in the status bar, and reports results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from annotator.core.labels import LabelSet
from annotator.ui import jobs
from annotator.ui.errors import ErrorReporter
from annotator.ui.workers import Task, TaskRunner

if TYPE_CHECKING:  # spaCy is imported by the workers, after the window is shown
    from annotator.io.export_report import ExportReport
    from annotator.io.importer import ImportReport
    from annotator.nlp import LoadedPipeline
    from annotator.work.suggesting import SuggestReport


ANY_LANGUAGE_HINT = "Suggest → Suggest this document in any language"


class WorkIndicator(QWidget):
    """Status bar widget: what runs, a progress bar and Cancel; hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(16)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setFlat(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.show()

    def progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)


class Background(QObject):
    """Owns the pipeline and the runner; emits what finished so the window can refresh."""

    pipeline_ready = Signal(object)
    pipeline_failed = Signal(str)  # what went wrong; the pipeline in use (if any) stays
    suggested = Signal(object)  # SuggestReport
    imported = Signal(object)  # ImportReport
    exported = Signal(object, object)  # ExportReport, output path
    message = Signal(str)

    def __init__(
        self, db_path: str, loader: jobs.PipelineLoader, errors: ErrorReporter, *, synchronous: bool = False,
        readonly: bool = False, parent: QObject | None = None, labels: LabelSet | None = None,
        fallback: jobs.PipelineLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.labels = labels  # the window's label set: imported spans must use it (None: the packaged one)
        self.readonly = readonly
        self.loader = loader
        self.fallback = fallback  # loaded instead when the loader fails (once)
        self.errors = errors
        self.runner = TaskRunner(self, synchronous=synchronous)
        self.pipeline: LoadedPipeline | None = None
        self.loading = False
        self.indicator = WorkIndicator()
        self.indicator.cancel.clicked.connect(self.cancel)
        self.runner.busy_changed.connect(self._busy_changed)
        self._suggesting = False
        self.suggesting_ids: set[int] | None = None  # what the running suggestion job writes (None: all)
        self.verified: bool | None = None  # None until the page check has run
        self._search: Task | None = None  # the running full-text search, if any

    def is_suggesting(self, doc_id: int) -> bool:
        """Whether a suggestion job of this window is writing (or has just written) this document."""
        return self._suggesting and (self.suggesting_ids is None or doc_id in self.suggesting_ids)

    def _busy_changed(self, busy: bool) -> None:
        if not busy:
            self.indicator.hide()

    def _run(self, name: str, fn: jobs.WorkFn, on_done: Any, *, show: bool = True) -> None:
        if show:
            self.indicator.start(name)

        def finished(result: object) -> None:
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.errors.show(f"{name[:1].upper()}{name[1:]} failed", str(exc) or type(exc).__name__)

        self.runner.run(name, fn, on_done=finished, on_failed=failed, on_progress=self.indicator.progress)
        if not self.runner.tasks:  # finished already (synchronous runner)
            self.indicator.hide()

    def cancel(self) -> None:
        self.runner.cancel_all()
        self.message.emit("Cancelling…")

    def shutdown(self) -> None:
        """Closing the window: stop what can stop and wait, so no thread outlives the window."""
        self.runner.cancel_all()
        self.runner.wait()

    # ------------------------------------------------------------------ jobs

    def load_model(self, *, on_failed: Callable[[BaseException], None] | None = None,
                   on_loaded: Callable[[], None] | None = None) -> None:
        if self.pipeline is not None or self.loading:
            return
        self.loading = True

        def done(pipeline: LoadedPipeline) -> None:
            self.loading = False
            self.pipeline = pipeline
            if on_loaded is not None:
                on_loaded()
            self.pipeline_ready.emit(pipeline)

        def work(progress: Any, cancelled: Any) -> LoadedPipeline:
            return self.loader()

        self.runner.run("loading model", work, on_done=done, on_failed=on_failed or self._model_failed)

    def use_model(self, model: str | None, *, on_loaded: Callable[[], None] | None = None) -> None:
        """Suggest with another model (None: the built-in one) from now on; it loads in the background.

        The model in use stays until the new one has loaded, and stays for good if it cannot be loaded
        (``pipeline_failed``; ``on_loaded`` is not called, so a wrong folder is never remembered).
        """
        if self.loading:
            self.message.emit("A model is still loading; choose another when it has loaded.")
            return

        def load() -> LoadedPipeline:
            from annotator.nlp import load_pipeline

            return load_pipeline(model)

        previous, previous_loader = self.pipeline, self.loader

        def failed(exc: BaseException) -> None:
            self.loading = False
            self.loader, self.pipeline = previous_loader, previous
            kept = f" Suggestions go on with {previous.name}." if previous is not None else ""
            self.errors.show("Model", f"The suggestion model could not be loaded: {exc}.{kept}")
            self.pipeline_failed.emit(str(exc))

        self.loader = load
        self.pipeline = None
        self.load_model(on_failed=failed, on_loaded=on_loaded)

    def _model_failed(self, exc: BaseException) -> None:
        self.loading = False
        if self.fallback is not None:
            self.loader, self.fallback = self.fallback, None
            self.errors.show("Model", f"The suggestion model could not be loaded: {exc}. Suggesting with the"
                                      " built-in model instead (Suggest → Use model… chooses another).")
            self.load_model()
            return
        self.errors.show("Model", f"The suggestion model could not be loaded: {exc}")
        self.pipeline_failed.emit(str(exc))

    def verify(self) -> None:
        """Read every page once, off the UI thread: damage is reported now, not in the middle of work."""
        if self.db_path == ":memory:":  # another connection would see another, empty database
            return

        def done(_result: object) -> None:
            self.verified = True

        def failed(exc: BaseException) -> None:
            self.verified = False
            self.errors.show("Database damaged", str(exc) or type(exc).__name__)

        self.runner.run("checking the database", jobs.verify(self.db_path, readonly=self.readonly),
                        on_done=done, on_failed=failed)

    def _refuse_read_only(self, what: str) -> bool:
        if self.readonly:
            self.message.emit(f"The database is read-only: {what} would change it, so it was not started.")
        return self.readonly

    def suggest(self, doc_ids: Sequence[int] | None, *, redo: bool = False, any_language: bool = False) -> bool:
        if self._refuse_read_only("suggesting"):
            return False
        if self.pipeline is None:
            self.message.emit("The model is still loading; try again in a moment." if self.loading else
                              "No suggestion model is loaded: Suggest → Use model… or Use the built-in model.")
            return False
        if self._suggesting:
            self.message.emit("Already suggesting; wait for it to finish or cancel it.")
            return False
        self._suggesting = True
        self.suggesting_ids = None if doc_ids is None else set(doc_ids)

        def done(report: SuggestReport) -> None:
            report.any_language_hint = ANY_LANGUAGE_HINT
            self.message.emit(report.summary())
            try:
                self.suggested.emit(report)
            finally:
                self._suggesting = False

        def failed(exc: BaseException) -> None:
            self._suggesting = False
            self.errors.show("Suggesting failed", str(exc) or type(exc).__name__)

        what = "suggesting" if doc_ids is None else "suggesting this document"
        self.indicator.start(what)
        self.runner.run(
            what, jobs.suggest(self.db_path, self.pipeline, doc_ids, redo=redo, any_language=any_language),
            on_done=done, on_failed=failed, on_progress=self.indicator.progress,
        )
        if not self.runner.tasks:
            self.indicator.hide()
        return True

    def import_paths(self, paths: Sequence[Path], *, clean: bool = False) -> None:
        if self._refuse_read_only("importing"):
            return
        self._run("importing", jobs.import_files(self.db_path, paths, clean=clean, labels=self.labels),
                  self._imported)

    def import_url_list(self, url_list: Path, *, clean: bool = False) -> None:
        if self._refuse_read_only("importing"):
            return
        self._run("fetching pages", jobs.import_url_list(self.db_path, url_list, clean=clean), self._imported)

    def _imported(self, report: ImportReport) -> None:
        self.message.emit(report.summary())
        self.imported.emit(report)

    def search_text(self, text: str, found: Callable[[set[int]], None]) -> None:
        """Search every document's title and text off the UI thread; ``found(ids)`` when done.

        A newer search cancels the one running (SQLite stops reading), and only the newest
        one's result is handed on: an older result never arrives after a newer query.
        """
        if self._search is not None:
            self._search.cancel()

        def done(ids: set[int]) -> None:
            if task is self._search:
                self._search = None
                found(ids)

        def failed(exc: BaseException) -> None:
            if task is self._search:
                self._search = None
                self.errors.show("Search failed", str(exc) or type(exc).__name__)

        work = jobs.search_text(self.db_path, text, readonly=self.readonly)
        task = self.runner.create("searching", work, on_done=done, on_failed=failed)
        self._search = task  # before it starts: a synchronous runner finishes it at once
        self.runner.start(task)

    def cancel_search(self) -> None:
        """The search box was cleared: the running search's result is no longer wanted."""
        if self._search is not None:
            self._search.cancel()
            self._search = None

    def export(self, fmt: str, output: Path, *, include_all: bool, version: str = "final") -> None:
        def done(report: ExportReport) -> None:
            self.message.emit(report.summary(output))
            self.exported.emit(report, output)

        self._run("exporting", jobs.export(self.db_path, fmt, output, include_all=include_all, version=version), done)
