"""The domain objects: documents, spans and SPEAKER relations.

Offsets are Python ``str`` indices (code points) into ``Document.text``, end
exclusive: ``text[span.start:span.end]`` is the span's text. This is a contract
(see docs/design.md, "Offsets"); Qt's UTF-16 positions are converted in ``annotator.ui`` only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SPEAKER = "SPEAKER"
"""The relation from a QUOTE span (head) to the ACTOR span (child) who said it."""


class SpanStatus(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class DocStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class Source(StrEnum):
    """What kind of thing made a span or relation; ``source_name`` says which one."""

    MODEL = "model"  # a trained pipeline's prediction, source_name "en_core_web_sm 3.8.0"
    RULE = "rule"  # one of our rule components, source_name "annotator_quotes/1"
    IMPORT = "import"  # came in with an imported file, source_name the file name
    ANNOTATOR = "annotator"  # made by a person, source_name the annotator's name


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range of a document.

    ``annotator`` is the person who made or last decided (accepted, rejected,
    relabelled) the span; ``None`` while it is an untouched suggestion.
    ``kind`` refines a label (QUOTE: "direct", "mixed" or "indirect").
    """

    start: int
    end: int
    label: str
    status: SpanStatus = SpanStatus.SUGGESTED
    source: Source = Source.MODEL
    source_name: str = ""
    annotator: str | None = None
    confidence: float | None = None
    kind: str | None = None
    id: int | None = None
    doc_id: int | None = None
    created: int | None = None
    updated: int | None = None

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError("span offsets must be integers")
        if isinstance(self.start, bool) or isinstance(self.end, bool):
            raise TypeError("span offsets must be integers, not booleans")
        if not 0 <= self.start < self.end:
            raise ValueError(f"span offsets must satisfy 0 <= start < end, got {self.start}..{self.end}")

    @property
    def key(self) -> tuple[int, int, str]:
        """Identity of a span within its document: a document never has two spans with one key."""
        return (self.start, self.end, self.label)

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def replace(self, **changes: Any) -> Span:
        return dataclasses.replace(self, **changes)


def reading_order(span: Span) -> tuple[int, int, str]:
    """The order spans are read, listed and exported in: by start, longer first (a quote before the
    actors inside it), then by label. The store sorts by the same key in SQL (``store.rows.READING_ORDER``).
    """
    return (span.start, -span.end, span.label)


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed link between two spans of one document, e.g. QUOTE -SPEAKER-> ACTOR.

    Spans are referred to by key (start, end, label) so that relations can be
    made before the spans have database ids (suggestions, imports).
    """

    head: tuple[int, int, str]
    child: tuple[int, int, str]
    label: str = SPEAKER
    status: SpanStatus = SpanStatus.SUGGESTED
    source: Source = Source.MODEL
    source_name: str = ""
    annotator: str | None = None
    confidence: float | None = None
    id: int | None = None
    head_id: int | None = None
    child_id: int | None = None
    doc_id: int | None = None
    created: int | None = None
    updated: int | None = None

    def replace(self, **changes: Any) -> Relation:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the document list shows: everything but the text."""

    id: int
    title: str
    status: DocStatus
    n_chars: int
    n_accepted: int = 0
    n_suggested: int = 0
    annotator: str | None = None
    updated: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """An article. ``text`` is normalised once at import and never changes."""

    text: str
    title: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    status: DocStatus = DocStatus.NEW
    id: int | None = None
    hash: str = ""
    annotator: str | None = None
    created: int | None = None
    updated: int | None = None
    version: int = 0

    def replace(self, **changes: Any) -> Document:
        return dataclasses.replace(self, **changes)
