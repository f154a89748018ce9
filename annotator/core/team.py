"""Team work: one annotator's version of a document, apart from everyone else's.

A team database holds, for each document, the working version (in the main tables;
after review, the reviewer's final version) and one :class:`AnnotatorVersion` per
annotator who worked on it, brought in by ``merge``. Versions are never merged into
each other: agreement compares them and review builds the final version from them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.model import SPEAKER, DocStatus, Relation, Span, SpanStatus

Key = tuple[int, int, str]


@dataclass(frozen=True)
class AnnotatorVersion:
    """What one annotator made of one document: their status, spans and relations."""

    doc_id: int
    annotator: str
    status: DocStatus
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    updated: int = 0
    origin: str = ""  # the database file it was merged from

    @property
    def finished(self) -> bool:
        return self.status is DocStatus.DONE

    def accepted(self, label: str | None = None) -> list[Span]:
        """The spans this annotator accepted (or made), optionally of one label."""
        return [
            s for s in self.spans if s.status is SpanStatus.ACCEPTED and (label is None or s.label == label)
        ]

    def speakers(self) -> dict[Key, Key]:
        """Accepted SPEAKER links between accepted spans: quote key -> actor key."""
        keys = {s.key for s in self.accepted()}
        return {
            r.head: r.child
            for r in self.relations
            if r.label == SPEAKER and r.status is SpanStatus.ACCEPTED and r.head in keys and r.child in keys
        }


def fingerprint(status: DocStatus, spans: Sequence[Span], relations: Sequence[Relation]) -> str:
    """A hash of a version's content (not its times): equal content, equal fingerprint."""
    content = {
        "status": str(status),
        "spans": sorted(
            [s.start, s.end, s.label, str(s.status), str(s.source), s.source_name, s.kind or "", s.confidence]
            for s in spans
        ),
        "relations": sorted(
            [list(r.head), list(r.child), r.label, str(r.status), str(r.source), r.source_name] for r in relations
        ),
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode("utf-8")).hexdigest()
