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

    ``positions`` gives the open document's :class:`TextPositions` (None while nothing is open).
    An edit or a move to another span recomputes the notes of the quotes it touches only, so a
    key press costs the same with 5,000 spans as with 50.
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
        self._notes: dict[int, Note] = {}  # quote span id -> its note
        session.spans_changed.connect(self._spans_changed)
        session.speakers_changed.connect(lambda ids: self._update(set(ids)))

    # ---------------------------------------------------------------- notes

    def reset(self) -> None:
        """Another document (or the same one read again): every quote's note anew, nothing current."""
        self.current = None
        self._notes.clear()
        self._update({s.id for s in self.session.spans.values() if s.label == self.quote_label and s.id is not None})

    def _note(self, quote: Span) -> Note | None:
        positions = self.positions()
        document = self.session.document
        if positions is None or document is None or quote.id is None or quote.status is SpanStatus.REJECTED:
            return None
        speaker = self.session.speaker_span(quote.id)
        position = positions.to_qt(quote.end)
        strong = quote.id == self.current or (speaker is not None and speaker.id == self.current)
        if speaker is None:
            return Note(position, "no speaker", WARNING, warn=True, strong=strong)
        name = one_line(speaker.text_in(document.text), 40)
        return Note(position, f"— {name}", self.colors.get(self.actor_label, QColor("#888")), strong=strong)

    def _quotes_of(self, actor_id: int) -> set[int]:
        return {quote_id for quote_id, rel in self.session.speakers.items() if rel.child_id == actor_id}

    def _related(self, span_id: int | None) -> set[int]:
        """The quotes whose note shows ``span_id``: the quote itself, or an actor's quotes."""
        if span_id is None:
            return set()
        return {span_id} | self._quotes_of(span_id)

    def _update(self, quote_ids: set[int]) -> None:
        changed = False
        for quote_id in quote_ids:
            span = self.session.spans.get(quote_id)
            note = self._note(span) if span is not None and span.label == self.quote_label else None
            if note is None:
                changed |= self._notes.pop(quote_id, None) is not None
            elif self._notes.get(quote_id) != note:
                self._notes[quote_id] = note
                changed = True
        if changed or not self._notes:
            self.view.set_notes(list(self._notes.values()))
        self._outline()

    def _spans_changed(self, old: list[Span], new: list[Span]) -> None:
        touched: set[int] = set()
        actors: set[int] = set()
        for span in (*old, *new):
            if span.id is None:
                continue
            if span.label == self.quote_label:
                touched.add(span.id)
            elif span.label == self.actor_label:
                actors.add(span.id)
        if actors:
            # one pass over the links, not one per actor: Shift+A on a long article changes
            # 20,000 spans, and asking each actor for its quotes took 24 s
            touched |= {quote_id for quote_id, rel in self.session.speakers.items() if rel.child_id in actors}
        if touched:
            self._update(touched)
        else:
            self._outline()

    # ------------------------------------------------------------ the current span

    def set_current(self, span_id: int | None) -> None:
        before = self._related(self.current)
        self.current = span_id
        self._update(before | self._related(span_id))

    def linked(self, span_id: int | None) -> list[Span]:
        """The spans linked to ``span_id``: a quote's speaker, or an actor's quotes."""
        span = self.session.spans.get(span_id) if span_id is not None else None
        if span is None or span.id is None:
            return []
        if span.label == self.quote_label:
            speaker = self.session.speaker_span(span.id)
            return [speaker] if speaker is not None else []
        if span.label == self.actor_label:
            return [self.session.spans[q] for q in sorted(self._quotes_of(span.id)) if q in self.session.spans]
        return []

    def _outline(self) -> None:
        positions = self.positions()
        if positions is None:
            self.view.set_outlines([])
            return
        ranges = [(*positions.span_range(span), QColor(self.colors.get(span.label, QColor("#888"))))
                  for span in self.linked(self.current)]
        self.view.set_outlines(ranges)
