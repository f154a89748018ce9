"""Keeps the article's speaker notes and outlines in step with the open document (see speaker_marks)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from annotator.core.labels import LabelSet
from annotator.core.model import SPEAKER, Span, SpanStatus
from annotator.ui.article_view import ArticleView
from annotator.ui.plain import one_line
from annotator.ui.positions import TextPositions
from annotator.ui.session import DocumentSession
from annotator.ui.speaker_marks import WARNING, Note


class SpeakerLinks(QObject):
    """Keeps the article's speaker notes and outlines in step with the open document.

    ``positions`` gives the open document's :class:`TextPositions` (None while nothing is open);
    ``show_rejected`` whether rejected spans are on screen.
    """

    def __init__(
        self, session: DocumentSession, view: ArticleView, labels: LabelSet,
        positions: Callable[[], TextPositions | None], parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.view, self.positions = session, view, positions
        relation = labels.relation(SPEAKER)
        self.quote_label, self.actor_label = (relation.head, relation.child) if relation else ("QUOTE", "ACTOR")
        self.colors = {label.name: QColor(label.color) for label in labels}
        self.current: int | None = None
        session.spans_changed.connect(lambda _old, _new: self.refresh())
        session.speakers_changed.connect(lambda _ids: self.refresh())

    def refresh(self) -> None:
        """Notes for every quote on screen, outlines for the current span."""
        positions = self.positions()
        document = self.session.document
        if positions is None or document is None:
            self.view.set_notes([])
            self.view.set_outlines([])
            return
        text = document.text
        notes = []
        for span in self.session.spans.values():
            if span.label != self.quote_label or span.status is SpanStatus.REJECTED or span.id is None:
                continue
            speaker = self.session.speaker_span(span.id)
            position = positions.to_qt(span.end)
            strong = span.id == self.current or (speaker is not None and speaker.id == self.current)
            if speaker is None:
                notes.append(Note(position, "no speaker", WARNING, warn=True, strong=strong))
            else:
                name = one_line(speaker.text_in(text), 40)
                notes.append(Note(position, f"— {name}", self.colors.get(self.actor_label, QColor("#888")),
                                  strong=strong))
        self.view.set_notes(notes)
        self._outline(positions)

    def set_current(self, span_id: int | None) -> None:
        self.current = span_id
        self.refresh()

    def linked(self, span_id: int | None) -> list[Span]:
        """The spans linked to ``span_id``: a quote's speaker, or an actor's quotes."""
        span = self.session.spans.get(span_id) if span_id is not None else None
        if span is None or span.id is None:
            return []
        if span.label == self.quote_label:
            speaker = self.session.speaker_span(span.id)
            return [speaker] if speaker is not None else []
        if span.label == self.actor_label:
            return [
                self.session.spans[quote_id] for quote_id, relation in self.session.speakers.items()
                if relation.child_id == span.id and quote_id in self.session.spans
            ]
        return []

    def _outline(self, positions: TextPositions) -> None:
        ranges = []
        for span in self.linked(self.current):
            color = QColor(self.colors.get(span.label, QColor("#888")))
            ranges.append((*positions.span_range(span), color))
        self.view.set_outlines(ranges)
