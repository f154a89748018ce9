"""The window's side of suggesting: the model arriving, suggesting the open document, suggestions arriving.

Suggestions are written by a background job on its own connection; when they
arrive for the open document, it is read again (a reload, not a conflict).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from annotator.core.language import language_name
from annotator.core.model import DocStatus
from annotator.ui.background import ANY_LANGUAGE_HINT, Background
from annotator.ui.editing import Editor
from annotator.ui.errors import STORE_ERRORS, ErrorReporter, guarded
from annotator.ui.plain import as_plain_tooltip
from annotator.ui.session import DocumentSession

if TYPE_CHECKING:
    from annotator.nlp import LoadedPipeline
    from annotator.work.suggesting import SuggestReport

StatusMessage = Callable[[str, int], None]


class Suggesting(QObject):
    """Starts suggestion jobs for the open document and shows what they wrote."""

    def __init__(
        self, session: DocumentSession, editor: Editor, background: Background, model_label: QLabel, *,
        errors: ErrorReporter, status: StatusMessage, refresh_documents: Callable[[list[int] | None], None],
        on_error: Callable[[Exception], None], language_note: QLabel | None = None, parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # A line above the article when the open document was passed over for its language: the status bar's
        # note is gone in seconds, and the reader would take the missing suggestions for a fault.
        self.language_note = language_note or QLabel()
        self.language_note.hide()
        self.session = session
        self.editor = editor
        self.background = background
        self.model_label = model_label
        self.errors = errors
        self.status = status
        self.refresh_documents = refresh_documents
        background.pipeline_ready.connect(self.pipeline_ready)
        background.pipeline_failed.connect(self.pipeline_failed)
        background.suggested.connect(guarded(self.suggested, on_error, takes_argument=True))

    def pipeline_ready(self, pipeline: LoadedPipeline) -> None:
        self.model_label.setText(f"model: {pipeline.name}")
        self.model_label.setToolTip(as_plain_tooltip(pipeline.note))
        if pipeline.note:
            self.status(pipeline.note, 15000)
        self.suggest_if_empty()

    def pipeline_failed(self, why: str) -> None:
        if self.background.pipeline is None:  # nothing to suggest with (else the model in use stays named)
            self.model_label.setText("no model")
            self.model_label.setToolTip(as_plain_tooltip(f"The model could not be loaded: {why}. Suggest → Use"
                                                         " model… or Use the built-in model."))

    def suggest_if_empty(self) -> None:
        """A document opened with no spans at all gets suggestions (not a done one, not read-only)."""
        document = self.session.document
        if (
            document is not None and document.id is not None and not self.session.spans
            and document.status is not DocStatus.DONE and not self.session.store.readonly
            and self.background.pipeline is not None
        ):
            self.background.suggest([document.id])

    def document_opened(self) -> None:
        """Another document is shown: the note about the last one's language goes."""
        self.language_note.hide()

    def suggest_document(self, *, any_language: bool = False) -> None:
        """Suggest the open document again (redo): its open suggestions are replaced by new ones.

        ``any_language``: also when it is not in the model's language (Suggest → Suggest this document
        in any language); otherwise such a document is passed over and the note above the article says why.
        """
        doc_id = self.session.doc_id
        if doc_id is None:
            return
        stack = self.editor.stack_of(doc_id)
        had_history = stack is not None and stack.count() > 0
        started = self.background.suggest([doc_id], redo=True, any_language=any_language)
        if started and had_history and stack is not None:
            # The redo deletes and remakes suggestions, so undo commands that name them would
            # restore rows that no longer exist: this document's history ends here.
            stack.clear()
            self.status(
                "Suggested again: the undo history of this document was cleared (its suggestions were remade).",
                10000,
            )

    def suggested(self, report: SuggestReport) -> None:
        current = self.editor.current
        doc_id = self.session.doc_id
        passed_over = report.other_language.get(doc_id) if doc_id is not None else None
        if passed_over is not None:
            found = passed_over.found
            self.language_note.setText(
                f"No suggestions: this document is {found.describe()}, and the suggestions read"
                f" {language_name(found.expected)}. Annotate it by hand, or choose {ANY_LANGUAGE_HINT}."
            )
            self.language_note.show()
        elif doc_id is not None and self.background.is_suggesting(doc_id):  # suggested now: the note is out of date
            self.language_note.hide()
        if doc_id is not None and self.session.store.document_version(doc_id) != self.session.version:
            # Our own job changed the open document: a reload, not a conflict; the undo history
            # stays (a job only adds suggestions, and a redo run cleared the history when it started).
            self.session.reload()
            self.editor.select_span(current)
            self.editor.select_first_if_untouched()  # the suggestions came after the document opened
        ids = self.background.suggesting_ids
        self.refresh_documents(sorted(ids) if ids is not None else None)

    def own_suggestions_arrived(self) -> bool:
        """An edit met a newer version of the open document: if this window's own suggestion job
        wrote it, show the suggestions and keep the undo history (a job only adds suggestions, and
        a redo run cleared the history when it started). False: someone else changed it.
        """
        doc_id = self.session.doc_id
        if doc_id is None or not self.background.is_suggesting(doc_id):
            return False
        current = self.editor.current
        try:
            self.session.reload()
        except STORE_ERRORS as again:
            self.errors.unreadable(again)
            return True
        self.editor.select_span(current)
        self.status("New suggestions arrived for this document; press the key again.", 8000)
        return True
