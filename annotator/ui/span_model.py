"""The span panel's model: the open document's spans grouped by label, in reading order.

A thin adapter over :class:`DocumentSession` on top of ``QStandardItemModel``:
a change to one span inserts, removes or updates that row only (the model is
rebuilt only when another document is opened). The standard model keeps
``index``/``parent``/``rowCount`` in C++: a tree view walks every expanded row
when rows are inserted, and with thousands of spans a Python model made that
walk the largest cost of a key press.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from annotator.core.labels import LabelSet
from annotator.core.model import Source, Span, SpanStatus, reading_order
from annotator.ui.plain import as_plain_tooltip, one_line
from annotator.ui.session import DocumentSession

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
DEFER_ABOVE = 1000  # spans: a document with more is listed in the panel just after its first paint
DEFER_MS = 500
# A long document's rows are made this many spans at a time, the window answering keys and painting in
# between (15,000 spans of a 1 MB article took seconds of one frozen window); then they go in at once.
LIST_CHUNK = 200
_HEADERS = ("Span", "Status", "Source", "Speaker", "By")
_GREY = QColor("#888888")
Index = QModelIndex | QPersistentModelIndex


def _key(span: Span) -> tuple[int, int, str, int]:
    return (*reading_order(span), span.id or 0)


def _item(text: str = "") -> QStandardItem:
    # Not made read-only item by item (that was a third of the time to open a long article):
    # the panel's view has no edit triggers.
    return QStandardItem(text)


class SpanTreeModel(QStandardItemModel):
    """Top level: one row per label. Children: that label's spans, columns span/status/source/speaker."""

    listing = Signal(int, int)  # a long document's rows made so far, of how many (then once more: done, done)
    listed = Signal()  # a long document's rows are in the model

    def __init__(self, session: DocumentSession, labels: LabelSet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._labels = labels
        self._colors = {label.name: QColor(label.color) for label in labels}
        self._groups: dict[str, QStandardItem] = {}
        self._keys: dict[str, list[tuple[int, int, str, int]]] = {}
        self._rejected: dict[str, set[int]] = {}  # label -> ids of its rejected rows (not counted)
        self.setHorizontalHeaderLabels(list(_HEADERS))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        self._pending = False
        self._listing: list[Span] | None = None  # the spans whose rows are being made (a long document)
        self._made: list[list[QStandardItem]] = []
        self._stale = False  # the session changed while rows were being made: they are made again
        self._next_chunk = QTimer(self, singleShot=True, interval=0)
        self._next_chunk.timeout.connect(self._make_rows)
        session.reloaded.connect(self._reloaded)
        session.spans_changed.connect(self._spans_changed)
        session.speakers_changed.connect(self._speakers_changed)
        self._reset()

    # ---------------------------------------------------------------- rows

    def _text(self) -> str:
        return self.session.document.text if self.session.document else ""

    def _values(self, span: Span) -> tuple[str, str, str, str, str]:
        text = self._text()
        speaker = self.session.speaker_span(span.id) if span.id is not None else None
        return (
            one_line(span.text_in(text)),
            span.status.value,
            span.source.value,  # what made it: model, rule, import, annotator
            one_line(speaker.text_in(text), 40) if speaker else "",
            # Who made or last decided it; for a person's open suggestion (review mode's
            # disagreements), who proposed it.
            span.annotator or (span.source_name if span.source is Source.ANNOTATOR else ""),
        )

    def _decorate(self, span: Span, items: list[QStandardItem], *, fresh: bool) -> None:
        """Fonts, colours and tooltips; a new row of an accepted span needs none of the first two."""
        if not fresh or span.status is not SpanStatus.ACCEPTED:
            font = {SpanStatus.SUGGESTED: self._italic, SpanStatus.REJECTED: self._struck}.get(span.status, QFont())
            grey = _GREY if span.status is SpanStatus.REJECTED else None
            for item in items:
                item.setFont(font)
                item.setData(grey, Qt.ItemDataRole.ForegroundRole)
        items[0].setData(span.id, SPAN_ID_ROLE)
        covered = span.text_in(self._text())
        if len(covered) > 90 or "\n" in covered:  # shortened in the row: the tooltip has all of it
            items[0].setToolTip(as_plain_tooltip(covered))
        source = f"{span.source.value}: {span.source_name}" if span.source_name else span.source.value
        if span.confidence is not None:
            source += f"\nconfidence {span.confidence:.2f}"
        items[2].setToolTip(as_plain_tooltip(source))

    def _fill(self, span: Span, items: list[QStandardItem]) -> None:
        for item, value in zip(items, self._values(span), strict=True):
            item.setText(value)
        self._decorate(span, items, fresh=False)

    def _new_row(self, span: Span) -> list[QStandardItem]:
        items = [_item(value) for value in self._values(span)]
        self._decorate(span, items, fresh=True)
        return items

    def _group(self, label: str) -> QStandardItem:
        group = self._groups.get(label)
        if group is None:
            group = _item(label)
            font = QFont()
            font.setBold(True)
            group.setFont(font)
            group.setData(self._colors.get(label, _GREY), Qt.ItemDataRole.DecorationRole)
            info = self._labels.get(label)
            if info is not None and info.description:
                group.setToolTip(as_plain_tooltip(info.description))
            self.appendRow([group, *(_item() for _ in _HEADERS[1:])])
            self._groups[label] = group
            self._keys[label] = []
        return group

    def _count(self, label: str) -> None:
        rejected = len(self._rejected.get(label, ()))
        group = self._groups[label]
        group.setText(f"{label} ({len(self._keys[label]) - rejected})")  # rejected spans do not count
        info = self._labels.get(label)
        tip = info.description if info is not None and info.description else ""
        if rejected:
            tip = f"{tip}\n\n{rejected} rejected, not counted".strip()
        group.setToolTip(as_plain_tooltip(tip))

    def _track(self, span: Span, present: bool) -> None:
        """Keep the set of rejected rows, so a label's count is of spans that stand."""
        rejected = self._rejected.setdefault(span.label, set())
        if present and span.status is SpanStatus.REJECTED and span.id is not None:
            rejected.add(span.id)
        else:
            rejected.discard(span.id or 0)

    def _reloaded(self) -> None:
        """Another document: a long one is listed after the article has been painted."""
        if len(self.session.spans) <= DEFER_ABOVE:
            self._stop_listing()
            self._reset()
            return
        self._defer()

    def _defer(self, *, keep_rows: bool = False) -> None:
        """Empty the panel now and list the session's spans later, a chunk at a time (see ``flush``).
        ``keep_rows``: the rows shown stay until the new ones are in (they are only out of date meanwhile)."""
        self._stop_listing()
        if keep_rows:
            self._pending = True
        if not self._pending:
            self._pending = True
            self.beginResetModel()
            self.blockSignals(True)
            try:
                self._clear()
            finally:
                self.blockSignals(False)
            self.endResetModel()
            # flush() runs it when the article has painted; the timer is a fallback (hidden window).
            QTimer.singleShot(DEFER_MS, self.flush)

    @property
    def pending(self) -> bool:
        """The panel does not list the open document's spans yet (a long document, listed a chunk at a time)."""
        return self._pending

    def flush(self) -> None:
        """Start listing a long document if its listing is still pending: its rows are made LIST_CHUNK
        spans at a time with the event loop running in between, then put in the model at once."""
        if self._pending and self._listing is None:
            self._listing = self.session.ordered()
            self._made = []
            self._stale = False
            self._make_rows()

    def _stop_listing(self) -> None:
        self._next_chunk.stop()
        self._listing = None
        self._made = []

    def _make_rows(self) -> None:
        spans = self._listing
        if spans is None:
            return
        if self._stale:  # an edit or a reload came in between: begin again from what the session holds now
            self._stale = False
            spans = self._listing = self.session.ordered()
            self._made = []
        done = len(self._made)
        self._made.extend(self._new_row(span) for span in spans[done:done + LIST_CHUNK])
        if len(self._made) < len(spans):
            self.listing.emit(len(self._made), len(spans))
            self._next_chunk.start()
            return
        rows = self._made
        self._stop_listing()
        self._reset(dict(zip((s.id for s in spans), rows, strict=True)))
        self.listing.emit(len(spans), len(spans))
        self.listed.emit()

    def _clear(self) -> None:
        self.removeRows(0, self.rowCount())
        self._groups.clear()
        self._keys.clear()
        self._rejected.clear()

    def _reset(self, made: dict[int | None, list[QStandardItem]] | None = None) -> None:
        """List the session's spans anew (``made``: rows already made for them, by span id)."""
        # Edits made while a deferred reset was pending are read from the session here.
        self._pending = False
        made = made or {}
        self.beginResetModel()
        self.blockSignals(True)  # one reset signal instead of thousands of row insertions
        try:
            self._clear()
            for label in self._labels.names:
                self._group(label)
            by_label: dict[str, list[Span]] = {}
            for span in self.session.ordered():
                by_label.setdefault(span.label, []).append(span)
            for label, spans in by_label.items():
                group = self._group(label)
                for span in spans:
                    group.appendRow(made.get(span.id) or self._new_row(span))
                self._keys[label] = [_key(s) for s in spans]
                for span in spans:
                    self._track(span, True)
            for label in self._groups:
                self._count(label)
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def _row(self, span: Span) -> int | None:
        keys = self._keys.get(span.label)
        if keys is None:
            return None
        row = bisect_left(keys, _key(span))
        return row if row < len(keys) and keys[row] == _key(span) else None

    def _remove(self, span: Span) -> None:
        row = self._row(span)
        if row is not None:
            del self._keys[span.label][row]
            self._track(span, False)
            self._groups[span.label].removeRow(row)
            self._count(span.label)

    def _insert(self, span: Span) -> None:
        group = self._group(span.label)
        keys = self._keys[span.label]
        row = bisect_left(keys, _key(span))
        keys.insert(row, _key(span))
        self._track(span, True)
        group.insertRow(row, self._new_row(span))
        self._count(span.label)

    def _spans_changed(self, old: list[Span], new: list[Span]) -> None:
        if self._pending:
            self._stale = self._listing is not None
            return
        if len(old) + len(new) > DEFER_ABOVE:
            # Accept all in a long document: thousands of rows updated one by one froze the window for
            # seconds; listed anew, a chunk at a time, the window answers meanwhile.
            self._defer(keep_rows=True)
            self.flush()
            return
        new_by_id = {s.id: s for s in new}
        for span in old:
            replacement = new_by_id.get(span.id)
            row = self._row(span)
            if replacement is not None and row is not None and _key(replacement) == _key(span):
                group = self._groups[span.label]
                self._fill(replacement, [group.child(row, c) for c in range(len(_HEADERS))])
                self._track(replacement, True)
                self._count(span.label)
                new_by_id.pop(span.id)
            elif row is not None:
                self._remove(span)
        for span in new_by_id.values():
            if span.id is not None and self._row(span) is None:
                self._insert(span)

    def _speakers_changed(self, quote_ids: set[int]) -> None:
        if self._pending:
            self._stale = self._listing is not None
            return
        for quote_id in quote_ids:
            span = self.session.spans.get(quote_id)
            row = self._row(span) if span is not None else None
            if span is not None and row is not None:
                group = self._groups[span.label]
                self._fill(span, [group.child(row, c) for c in range(len(_HEADERS))])

    # ------------------------------------------------------------- lookups

    def index_of(self, span_id: int) -> QModelIndex:
        span = self.session.spans.get(span_id)
        row = self._row(span) if span is not None else None
        if span is None or row is None:
            return QModelIndex()
        return self._groups[span.label].child(row, 0).index()
