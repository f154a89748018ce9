"""Background work, as plain functions for :class:`TaskRunner`: the same io code as the command line.

Each job opens its own Store connection (a worker never uses the window's: its
transactions would mix with the window's edits) and closes it when done. That is
safe alongside the window's connection because it is a real SQLite connection;
plain file I/O on the database would not be (see annotator.store.files).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.progress import Cancel, Progress
from annotator.store import Store
from annotator.ui.workers import WorkFn

# The io and nlp modules are imported inside the jobs: importing spaCy takes a second, and the
# window should be on screen before that.
if TYPE_CHECKING:
    from annotator.io.export_report import ExportReport
    from annotator.io.importer import ImportReport
    from annotator.nlp import LoadedPipeline
    from annotator.work.suggesting import SuggestReport

PipelineLoader = Callable[[], "LoadedPipeline"]


def suggest(
    db_path: str, pipeline: LoadedPipeline, doc_ids: Sequence[int] | None, *, redo: bool = False,
    any_language: bool = False,
) -> WorkFn:
    def work(progress: Progress, cancelled: Cancel) -> SuggestReport:
        from annotator.nlp import DEFAULT_BATCH_SIZE
        from annotator.work.suggesting import suggest_documents

        with Store.open(db_path) as store:
            return suggest_documents(
                store, pipeline, doc_ids=doc_ids, batch_size=DEFAULT_BATCH_SIZE, redo=redo, any_language=any_language,
                progress=progress, cancel=cancelled,
            )

    return work


def verify(db_path: str, *, readonly: bool) -> WorkFn:
    """Read every page of the database (Store.verify) on a connection of its own."""

    def work(progress: Progress, cancelled: Cancel) -> None:
        with Store.open(db_path, readonly=readonly) as store:
            store.verify()

    return work


def import_files(db_path: str, paths: Sequence[Path], **options: Any) -> WorkFn:
    def work(progress: Progress, cancelled: Cancel) -> ImportReport:
        from annotator.io.importer import import_paths

        with Store.open(db_path) as store:
            return import_paths(store, list(paths), progress=progress, cancel=cancelled, **options)

    return work


def import_url_list(db_path: str, url_list: Path, *, clean: bool = False) -> WorkFn:
    """Fetch the pages a list of URLs names and import their articles, as ``import --urls`` does."""

    def work(progress: Progress, cancelled: Cancel) -> ImportReport:
        from annotator.io.web import import_urls

        with Store.open(db_path) as store:
            return import_urls(store, url_list, clean=clean, progress=progress, cancel=cancelled)

    return work


def export(db_path: str, fmt: str, output: Path, *, include_all: bool, version: str = "final") -> WorkFn:
    def work(progress: Progress, cancelled: Cancel) -> ExportReport:
        from annotator.io.export import export_documents

        with Store.open(db_path) as store:
            return export_documents(
                store, fmt, output, include_all=include_all, version=version, progress=progress,  # type: ignore[arg-type]
                cancel=cancelled,
            )

    return work


def search_text(db_path: str, text: str, *, readonly: bool) -> WorkFn:
    """The ids of the documents whose title or text holds ``text``; stops early when cancelled."""

    def work(progress: Progress, cancelled: Cancel) -> set[int]:
        with Store.open(db_path, readonly=readonly) as store:
            return store.search_document_ids(text, cancel=cancelled)

    return work


def statistics(db_path: str, labels: Sequence[str]) -> WorkFn:
    """The numbers of ``stats --json`` (agreement included, which reads every finished version)."""

    def work(_progress: Progress, _cancelled: Cancel) -> dict[str, Any]:
        from annotator.work.statistics import collect_statistics

        with Store.open(db_path, readonly=True) as store:
            return collect_statistics(store, labels)

    return work
