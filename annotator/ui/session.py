"""The open document for the window: :class:`annotator.work.session.Session` as a QObject with signals.

Views listen to the signals and repaint only what changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.core.model import DocStatus, Span
from annotator.store import Store
from annotator.work.session import ReadOnlyError, Session

__all__ = ["DocumentSession", "ReadOnlyError"]


class DocumentSession(Session, QObject):
    """The spans, speakers and version of one open document; each change is also a signal."""

    spans_changed = Signal(object, object)  # (old spans, new spans): what to repaint
    speakers_changed = Signal(object)  # ids of the quotes whose speaker changed
    reloaded = Signal()
    status_changed = Signal(object)  # DocStatus

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None) -> None:
        # Not super(): QObject's __init__ would call Session's without its arguments.
        QObject.__init__(self, parent)
        Session.__init__(self, store, annotator)

    def on_reloaded(self) -> None:
        self.reloaded.emit()

    def on_spans_changed(self, before: list[Span], after: list[Span]) -> None:
        self.spans_changed.emit(before, after)

    def on_speakers_changed(self, quote_ids: set[int]) -> None:
        self.speakers_changed.emit(quote_ids)

    def on_status_changed(self, status: DocStatus) -> None:
        self.status_changed.emit(status)
