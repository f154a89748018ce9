"""The main window: documents on the left, the article in the centre, its spans on the right."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import LabelError, LabelSet, load_labels
from annotator.core.model import DocStatus
from annotator.core.paths import resource_path
from annotator.core.spans import simple_tokens
from annotator.store import ConflictError, SpanExistsError, Store
from annotator.ui import file_dialogs
from annotator.ui.actions import ActionRegistry
from annotator.ui.article_view import ArticleView, tooltip_text
from annotator.ui.background import Background
from annotator.ui.dialogs import GuidelinesDialog, ShortcutsDialog, StatisticsDialog
from annotator.ui.document_panel import DocumentPanel
from annotator.ui.editing import Editor
from annotator.ui.errors import STORE_ERRORS, ErrorReporter, guarded
from annotator.ui.files import ImportExport
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.history import History
from annotator.ui.jobs import PipelineLoader
from annotator.ui.modelling import Modelling
from annotator.ui.positions import TextPositions
from annotator.ui.review import ReviewMode
from annotator.ui.session import DocumentSession, ReadOnlyError
from annotator.ui.settings import Settings
from annotator.ui.span_model import SpanTreeModel
from annotator.ui.span_panel import SpanPanel
from annotator.ui.speaker_links import SpeakerLinks
from annotator.ui.suggesting import Suggesting
from annotator.ui.tokens import token_offsets
from annotator.ui.window_parts import build_legend, build_menus, build_note, context_actions, restore_state, save_state

if TYPE_CHECKING:
    from annotator.nlp import LoadedPipeline

WORK_A_REOPEN_MAY_CANCEL = frozenset({"loading model", "checking the database", "tokens", "searching"})
"""Background work the window opened anew does again by itself (File → Labels file…)."""


def f1_hint(labels: LabelSet) -> str:
    """The first start's tip, with the label keys of the labels file in use."""
    keys = [label.hotkey for label in labels if label.hotkey]
    if not keys:
        how = "pick a label from the right-click menu"
    elif len(keys) <= 6:
        how = f"press {keys[0]} to label it" if len(keys) == 1 else \
            f"press {', '.join(keys[:-1])} or {keys[-1]} to label it"
    else:
        how = f"press a label's key ({', '.join(keys[:3])} …) to label it"
    return f"Tip: press F1 for the keyboard shortcuts. Select text and {how}."
PLACE_SAVE_DELAY_MS = 250
LONG_CHARS = 200_000  # an article this long, or with this many open suggestions, opens with a note and a busy
LONG_SPANS = 5_000  # pointer (Qt lays it out and colours it before the first paint)
READ_ONLY_NOTE = "Read-only: this database can be read but not changed; edits are refused."


def _load_pipeline(model: str | None) -> LoadedPipeline:
    """Runs in a worker: spaCy is imported there, after the window is on screen."""
    from annotator.nlp import load_pipeline

    return load_pipeline(model)


class MainWindow(QMainWindow):
    labels_chosen = Signal(object)  # a LabelSet: File → Labels file… asks for the window anew with these labels

    def __init__(
        self, store: Store, settings: Settings, annotator: str, *, labels: LabelSet | None = None,
        pipeline_loader: PipelineLoader | None = None, synchronous: bool = False, interactive: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.labels = labels or load_labels()
        self.setWindowTitle(self._title(""))
        self.errors = ErrorReporter(self, interactive=interactive)
        self._positions: TextPositions | None = None
        self._loaded_id: int | None = None
        self._closed = False
        self._background_started = False
        self.session = DocumentSession(store, annotator, self)
        self.actions_ = ActionRegistry(self, self.labels)
        loader = pipeline_loader or (lambda: _load_pipeline(settings.model))
        # A remembered model folder that no longer loads (moved, deleted, damaged): the built-in model instead.
        fallback = None if pipeline_loader or not settings.model else (lambda: _load_pipeline(None))
        self.background = Background(
            store.path, loader, self.errors, synchronous=synchronous, readonly=store.readonly, parent=self,
            labels=self.labels, fallback=fallback,
        )
        self._build()
        self.history = History(self.session, self.editor, self.actions_["undo"], self.open_document, self.show_status)
        self.suggesting = Suggesting(
            self.session, self.editor, self.background, self.model_label, errors=self.errors, status=self.show_status,
            refresh_documents=self.refresh_documents, on_error=self._store_failed, language_note=self.language_note,
            parent=self,
        )
        self.files = ImportExport(self.background, self.errors, self, documents_added=self._documents_added,
                                  annotators=store.version_annotators)
        self.links = SpeakerLinks(self.session, self.view, self.labels, lambda: self._positions, self)
        self.review = ReviewMode(store, self.session, self.editor, self)
        self.modelling = Modelling(self.background, self.settings, self, status=self.show_status,
                                   show_order=self.documents.model.set_teaching_order)
        # The annotator's place is saved as they move (a quarter-second after the last move, not on every
        # Tab held down), not only on a normal close: a crash, a kill or a power cut keeps it.
        self._place_timer = QTimer(self)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(PLACE_SAVE_DELAY_MS)
        self._place_timer.timeout.connect(self.save_place)
        self._connect()
        build_menus(self.menuBar(), self.actions_)
        self.refresh_documents()
        if not restore_state(self.settings, self, self.splitter):
            self.fit_panels()
        self.view.context_actions = context_actions(self.actions_)

    # ------------------------------------------------------------- building

    def _build(self) -> None:
        self.documents = DocumentPanel(self._search_text, self.background.cancel_search, self)
        # Short names the tests and the other modules use.
        self.doc_model, self.doc_filter = self.documents.model, self.documents.filter
        self.doc_list, self.search = self.documents.list, self.documents.search

        self.view = ArticleView(self)
        self.highlighter = SpanHighlighter(self.view.document(), self.labels)
        self.highlighter.show_rejected = self.settings.show_rejected
        self.view.tooltip_for = self._tooltip

        self.editor = Editor(self.session, self.view, self.highlighter, self.labels,
                             lambda: self.settings.snap_to_tokens, self._edit_failed, self)

        self.span_model = SpanTreeModel(self.session, self.labels, self)
        self.span_panel = SpanPanel(self.span_model, self.editor, self.view, self)
        self.span_tree = self.span_panel.tree
        self.span_model.listing.connect(self._listing_spans)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.documents)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(build_legend(self.labels, centre))
        self.language_note = build_note(centre)
        centre_layout.addWidget(self.language_note)
        centre_layout.addWidget(self.view)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.span_tree)
        # The article gets the room: the side panels keep their width when the window grows or shrinks.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.documents.setMinimumWidth(150)
        self.span_tree.setMinimumWidth(180)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.progress_label = QLabel(self)
        self.model_label = QLabel("model: not loaded", self)
        self.readonly_label = QLabel("read-only", self)
        self.readonly_label.setToolTip(READ_ONLY_NOTE)
        self.readonly_label.setVisible(self.store.readonly)
        for label in (self.progress_label, self.model_label, self.readonly_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setContentsMargins(10, 0, 10, 0)  # permanent widgets otherwise touch each other
        bar = self.statusBar()
        bar.addPermanentWidget(self.readonly_label)
        bar.addPermanentWidget(self.background.indicator)
        bar.addPermanentWidget(self.model_label)
        bar.addPermanentWidget(self.progress_label)
        self.view.app_shortcuts = self.actions_.shortcut_keys()
        self.resize(1400, 860)
        self.fit_panels()

    def fit_panels(self) -> None:
        """Side panels sized for this window: the article keeps at least half of the width."""
        width = max(self.width(), 600)
        documents = min(300, max(170, width * 18 // 100))
        spans = min(460, max(200, width * 27 // 100))
        self.splitter.setSizes([documents, width - documents - spans, spans])

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A window made smaller keeps the article readable: the side panels give back room first."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._rebalance)  # once the splitter has its new width

    def _rebalance(self) -> None:
        sizes = self.splitter.sizes()
        if sum(sizes) and sizes[1] < sum(sizes) // 2 and self.documents.isVisible():
            self.fit_panels()

    def set_panels_shown(self, shown: bool) -> None:
        """F6: hide both side panels (the article takes the window) or show them again."""
        self.documents.setVisible(shown)
        self.span_tree.setVisible(shown)
        self.settings.panels_shown = shown
        if shown:
            self.view.setFocus()

    def _connect(self) -> None:
        a = self.actions_
        safe = self._safe  # every key that reaches the Store goes through the one error path
        for label in self.labels:
            if f"label:{label.name}" in a.actions:
                a[f"label:{label.name}"].triggered.connect(safe(partial(self.editor.label, label.name)))
        a["accept"].triggered.connect(safe(self.editor.accept))
        a["accept_all"].triggered.connect(safe(self.editor.accept_all))
        a["reject"].triggered.connect(safe(self.editor.reject))
        a["next_span"].triggered.connect(self.review.route(self.editor.next_span, self.review.next))
        a["previous_span"].triggered.connect(self.review.route(self.editor.previous_span, self.review.previous))
        self.review.connect_actions(a, safe)
        a["charts"].triggered.connect(self.show_charts)
        a["speaker"].triggered.connect(safe(self.editor.choose_speaker))
        a["grow_token"].triggered.connect(lambda: self.editor.grow("token", "end", +1))
        a["shrink_token"].triggered.connect(lambda: self.editor.grow("token", "end", -1))
        a["grow_token_left"].triggered.connect(lambda: self.editor.grow("token", "start", +1))
        a["shrink_token_left"].triggered.connect(lambda: self.editor.grow("token", "start", -1))
        a["grow_phrase"].triggered.connect(lambda: self.editor.grow("phrase"))
        a["grow_sentence"].triggered.connect(lambda: self.editor.grow("sentence"))
        a["done_next"].triggered.connect(safe(self.mark_done_and_next))
        a["skip_next"].triggered.connect(safe(self.skip_and_next))
        a["undo"].triggered.connect(safe(self.history.undo))
        a["redo"].triggered.connect(safe(self.editor.redo))
        self.editor.group.canRedoChanged.connect(a["redo"].setEnabled)
        a["redo"].setEnabled(False)
        a["find"].triggered.connect(self.documents.focus_search)
        a["import"].triggered.connect(self.files.ask_import)
        a["import_folder"].triggered.connect(self.files.ask_import_folder)
        a["export"].triggered.connect(self.files.ask_export)
        a["labels_file"].triggered.connect(self.choose_labels_file)
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        a["guidelines"].triggered.connect(self.show_guidelines)
        a["statistics"].triggered.connect(safe(self.show_statistics))
        a["quit"].triggered.connect(self.close)
        a["suggest_document"].triggered.connect(lambda: self.suggesting.suggest_document())
        a["suggest_any_language"].triggered.connect(lambda: self.suggesting.suggest_document(any_language=True))
        a["suggest_all"].triggered.connect(lambda: self.background.suggest(None))
        a["cancel_work"].triggered.connect(self.background.cancel)
        a["use_model"].triggered.connect(self.modelling.use_model)
        a["use_builtin_model"].triggered.connect(self.modelling.use_builtin_model)
        a["train"].triggered.connect(self.modelling.train)
        a["learning_curve"].triggered.connect(self.modelling.learning_curve)
        a["order_by_teaching"].toggled.connect(self.modelling.order_by_teaching)
        a["show_rejected"].setChecked(self.settings.show_rejected)
        a["show_rejected"].toggled.connect(self.set_show_rejected)
        a["snap_tokens"].setChecked(self.settings.snap_to_tokens)
        a["snap_tokens"].toggled.connect(lambda on: setattr(self.settings, "snap_to_tokens", on))
        a["panels"].setChecked(self.settings.panels_shown)
        a["panels"].toggled.connect(self.set_panels_shown)
        if not self.settings.panels_shown:
            self.set_panels_shown(False)
        for action in a.actions.values():
            self.addAction(action)

        self.session.reloaded.connect(self._document_loaded)
        self.session.reloaded.connect(safe(self.review.document_opened))  # after the window has shown it
        self.review.message.connect(lambda text: self.show_status(text, 0))
        self.session.spans_changed.connect(self._spans_changed)
        self.session.status_changed.connect(self._status_changed)
        self.editor.message.connect(lambda text: self.show_status(text, 6000))
        self.editor.current_changed.connect(self.links.set_current)
        self.editor.current_changed.connect(lambda _span: self._place_timer.start())
        self.view.clicked.connect(self.editor.select_at)
        self.documents.open_requested.connect(self.open_document)
        self.documents.search_done.connect(self.view.setFocus)
        self.doc_list.activated.connect(lambda _i: self.view.setFocus())
        self.background.message.connect(lambda text: self.show_status(text, 10000))

    # ------------------------------------------------------------ documents

    def start(self) -> None:
        """After the window is shown: open the last (or first) document, load the model in the background."""
        last = self.settings.last_document(self.store.path)
        docs = self.doc_model.documents()
        if docs:
            ids = {d.id for d in docs}
            self.open_document(last if last in ids else docs[0].id)
            span = self.settings.last_span(self.store.path)
            if last in ids and span is not None and span in self.session.spans:
                self.editor.select_span(span)  # where the annotator left off, not the top of the article
        if self.store.readonly:
            self.statusBar().showMessage(READ_ONLY_NOTE, 30000)
        elif not self.settings.seen_hint:
            self.statusBar().showMessage(f1_hint(self.labels), 30000)
            self.settings.seen_hint = True
        self.model_label.setText("loading model…")
        if self.background.runner.synchronous:
            self._start_background()
        elif self.view.paint_pending:
            # After the article's first paint: reading every page and importing spaCy in workers
            # still compete with it for the CPU and the GIL.
            self.view.painted.connect(self._after_first_paint, Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(3000, self._start_background)  # in case that paint never comes (minimised)
        else:
            QTimer.singleShot(0, self._start_background)

    def save_place(self) -> None:
        """Write the open document and its selected span to the settings file now (see ``_place_timer``)."""
        self._place_timer.stop()
        if self.session.doc_id is None:
            return
        self.settings.set_last_document(self.store.path, self.session.doc_id)
        self.settings.set_last_span(self.store.path, self.editor.current)
        self.settings.sync()

    def _listing_spans(self, done: int, total: int) -> None:
        """A long document's span panel fills a chunk at a time: say so, and how far it is."""
        if done < total:
            self.statusBar().showMessage(f"Listing the spans in the panel: {done:,} of {total:,}…", 5000)
        elif self.statusBar().currentMessage().startswith("Listing the spans"):
            self.statusBar().clearMessage()

    def _after_first_paint(self) -> None:
        QTimer.singleShot(0, self._start_background)  # once the paint has finished

    def _start_background(self) -> None:
        """The page check and the model, in workers (not once the window has closed: no work may outlive it)."""
        if self._closed or self._background_started:
            return
        self._background_started = True
        self.background.verify()
        self.background.load_model()

    def refresh_documents(self, doc_ids: list[int] | None = None) -> None:
        """Read the document list again; with ``doc_ids``, only those rows (after suggestions for them)."""
        try:
            if doc_ids is not None:
                self._refresh_listed(doc_ids)
            elif self.doc_model.count():
                self.doc_model.update_documents(self.store.list_documents())
            else:
                self.doc_model.set_documents(self.store.list_documents())
        except STORE_ERRORS as exc:
            self.errors.unreadable(exc)
            return
        self.documents.show_current(self.session.doc_id)
        self._update_progress()

    def _refresh_listed(self, doc_ids: list[int]) -> None:
        """These rows of the document list, read again (after suggestions for them)."""
        others = [i for i in doc_ids if i != self.session.doc_id]
        if len(others) < len(doc_ids):
            self._refresh_row()
        for doc in self.store.list_documents(ids=others) if others else ():
            self.doc_model.update_document(
                doc.id, status=doc.status, n_accepted=doc.n_accepted, n_suggested=doc.n_suggested
            )

    def _documents_added(self) -> None:
        self.refresh_documents()
        if self.session.doc_id is None and self.doc_model.documents():
            self.open_document(self.doc_model.documents()[0].id)

    def show_status(self, text: str, msecs: int) -> None:
        """A note in the status bar for ``msecs`` milliseconds."""
        self.statusBar().showMessage(text, msecs)

    def _update_progress(self) -> None:
        self.progress_label.setText(self.documents.progress_text())

    def _search_text(self, text: str, found: Callable[[set[int]], None]) -> None:
        if self.store.path != ":memory:":
            self.background.search_text(text, found)  # seconds for 100,000 texts: never on this thread
            return
        try:  # another connection would see another, empty database; an in-memory one is small
            ids = self.store.search_document_ids(text)
        except STORE_ERRORS as exc:
            self.errors.unreadable(exc)
            return
        found(ids)

    def open_document(self, doc_id: int) -> None:
        # The document on screen opened again (Enter in the search box, a click on its row): the span stays
        # selected. It used to be dropped while the text still showed it selected, and A said "No span selected".
        same_span = self.editor.current if doc_id == self.session.doc_id else None
        self.history.forget()
        summary = self.doc_model.summary(doc_id)
        long = summary is not None and (summary.n_chars > LONG_CHARS or summary.n_suggested > LONG_SPANS)
        if long and summary is not None:
            # Laying out and colouring a 1 MB article with 15,000 spans takes Qt seconds before the first paint:
            # say so (painted now, before the work) and show the busy pointer, rather than a window that hangs.
            spans = summary.n_accepted + summary.n_suggested
            self.statusBar().showMessage(f"Opening a long article ({summary.n_chars:,} characters, {spans:,} spans)…")
            self.statusBar().repaint()
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session.open(doc_id)
        except KeyError:
            self.statusBar().showMessage(f"Document {doc_id} no longer exists.", 6000)
            return
        except STORE_ERRORS as exc:
            self.errors.unreadable(exc)
            return
        finally:
            if long:
                QApplication.restoreOverrideCursor()
                self.statusBar().clearMessage()
        self.settings.set_last_document(self.store.path, doc_id)
        self._place_timer.start()
        self.documents.show_current(self.session.doc_id)
        self.view.setFocus()
        if same_span is not None and same_span in self.session.spans:
            self.editor.select_span(same_span)
        else:
            self.editor.select_first_if_untouched()
        self.suggesting.suggest_if_empty()

    def _document_loaded(self) -> None:
        document = self.session.document
        if document is None:
            self.view.set_article("")
            self.highlighter.set_spans(None, [])
            return
        if self._positions is None or self._loaded_id != document.id:
            # Only a different document replaces the text; a reload keeps the reader's place.
            self._loaded_id = document.id
            self.suggesting.document_opened()
            positions = self._positions = TextPositions(document.text, provisional=simple_tokens)
            self.view.set_article(document.text)
            # Tokenizing a long article takes a while: do it off the UI thread before the first label key.
            text = document.text
            self.background.runner.run(
                "tokens", lambda _progress, _cancelled: token_offsets(text), on_done=positions.set_tokens
            )
        self.highlighter.dark = self.view.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.highlighter.set_spans(self._positions, self.session.spans.values())
        self.editor.document_opened(self._positions)
        self.links.reset()
        self.setWindowTitle(self._title(document.title or "untitled"))
        self._refresh_row()

    def _title(self, document_title: str) -> str:
        title = f"{document_title} — News annotator" if document_title else "News annotator"
        return f"{title} — read-only" if self.store.readonly else title

    def _refresh_row(self) -> None:
        document = self.session.document
        if document is None or document.id is None:
            return
        accepted, suggested = self.session.counts()
        self.doc_model.update_document(document.id, status=document.status, n_accepted=accepted, n_suggested=suggested)
        self._update_progress()

    def _spans_changed(self, old: list, new: list) -> None:
        self.highlighter.update_spans(old, new)
        self._refresh_row()

    def _status_changed(self, _status: DocStatus) -> None:
        self._refresh_row()

    def mark_done_and_next(self) -> None:
        self.finish_and_next(DocStatus.DONE)

    def skip_and_next(self) -> None:
        self.finish_and_next(DocStatus.SKIPPED)

    def finish_and_next(self, status: DocStatus) -> None:
        previous = self.session.doc_id
        if not (self.editor.mark_done() if status is DocStatus.DONE else self.editor.mark(status)):
            return
        following = self.documents.next_not_done(self.session.doc_id)
        if following is None:
            self.statusBar().showMessage("All documents are done.", 10000)
            return
        self.open_document(following)
        if self.session.doc_id == following and not self.documents.is_listed(following):
            self.statusBar().showMessage(
                "The list shows no more documents to do; this one is outside its search or filter.", 10000
            )
        if self.session.doc_id == following:
            self.history.went_on_from(previous)
            # The keys go on where the last document ended: its first span is selected (open_document did),
            # so A or X act at once.
            self.editor.select_first_if_untouched()

    # -------------------------------------------------------------- spans

    def _tooltip(self, position: int) -> str | None:
        spans = self.highlighter.spans_at(position)
        if not spans or self.session.document is None:
            return None
        text = self.session.document.text
        parts = []
        for span in spans:
            speaker = self.session.speaker_span(span.id) if span.id is not None else None
            parts.append(tooltip_text(span, speaker.text_in(text) if speaker else None))
        return "\n\n".join(parts)

    def set_show_rejected(self, on: bool) -> None:
        self.settings.show_rejected = on
        self.highlighter.show_rejected = on
        self.highlighter.set_spans(self._positions, self.session.spans.values())

    def _safe(self, fn: Callable[[], object]) -> Callable[[], None]:
        return guarded(fn, self._store_failed)

    def _store_failed(self, exc: Exception) -> None:
        """A Store call from a key or a finished job failed outside an undo command."""
        if self.session.document is not None:
            self._edit_failed(exc)
        else:
            self.errors.unreadable(exc)

    def _edit_failed(self, exc: Exception) -> None:
        """The one path for failed edits: tell the user, then show what the store really holds."""
        if isinstance(exc, (SpanExistsError, ReadOnlyError)):
            # Refused before anything was written: the window and its undo history are still right.
            self.errors.show("Not changed", str(exc))
            return
        if isinstance(exc, ConflictError) and self.suggesting.own_suggestions_arrived():
            return
        # The undo history no longer matches the store; clear it after the stack finishes its call.
        QTimer.singleShot(0, self.editor.clear_history)
        try:
            self.session.reload()  # before the message, which says the window shows what is saved
        except STORE_ERRORS as again:
            # The window keeps its last good copy: the session changes only after a write succeeded.
            self.errors.unreadable(again)
            return
        self.errors.error(exc, "Document changed elsewhere" if isinstance(exc, ConflictError) else "Not saved")

    def set_annotator(self, name: str) -> None:
        """Whose edits these are (asked on the first run, once the window is on screen)."""
        self.session.annotator = name

    def show_guidelines(self) -> None:
        self.guidelines_dialog = GuidelinesDialog(resource_path("guidelines.md").read_text(encoding="utf-8"), self)
        self.guidelines_dialog.show()

    def show_statistics(self) -> None:
        self.statistics_dialog = StatisticsDialog(self.store.stats(), self)
        self.statistics_dialog.show()

    def show_charts(self) -> None:
        from annotator.ui.statistics import show_charts  # pyqtgraph takes a second to import: not at start

        runner = self.background.runner
        show_charts(self, self.store, self.labels, lambda name, work, done: runner.run(name, work, on_done=done))

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog = ShortcutsDialog(self.actions_.help_rows(), self)
        self.shortcuts_dialog.show()

    def choose_labels_file(self) -> None:
        """File → Labels file…: another label set for this database, remembered for it; the window
        opens again with it (labels shape the keys, menus, colours and panels)."""
        # Opening anew closes this window, and closing cancels its work: an import or a training
        # run would stop halfway without a word. Work that is redone by itself may go.
        running = sorted({task.name for task in self.background.runner.tasks} - WORK_A_REOPEN_MAY_CANCEL)
        if running:
            self.show_status(f"{', '.join(running).capitalize()} is running: choose the labels file when it is"
                             " done (or cancel it first).", 15000)
            return
        path = file_dialogs.open_file(self, "Labels file for this database", "Labels files (*.json);;All files (*)")
        if not path:
            return
        try:
            labels = load_labels(path)
        except LabelError as exc:
            self.errors.show("Cannot use this labels file", f"{exc}\n\nThe labels in use stay as they are.")
            return
        self.settings.set_labels_file(str(self.store.path), path)
        self.labels_chosen.emit(labels)

    # ------------------------------------------------------------- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        save_state(self.settings, self, self.splitter)
        self.save_place()
        self.background.shutdown()
        event.accept()
