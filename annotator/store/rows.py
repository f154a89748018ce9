"""Table columns and the mapping from rows to core objects."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any

from annotator.core.model import DocStatus, Document, Relation, Source, Span, SpanStatus


def _now() -> int:
    return int(time.time())


_SPAN_COLUMNS = (
    'id, doc_id, start, "end", label, status, source, source_name, annotator, confidence, kind, created, updated'
)
_REL_COLUMNS = (
    "r.id, r.doc_id, r.label, r.head_id, r.child_id, r.status, r.source, r.source_name, r.annotator,"
    ' r.confidence, h.start, h."end", h.label, c.start, c."end", c.label, r.created, r.updated'
)
# The relations with their two spans' keys: every read of relations goes through this join.
_RELATIONS_FROM = "FROM relations r JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id"
# core.model.reading_order in SQL: by start, longer first, then label.
READING_ORDER = 'start, "end" DESC, label'
_DOC_COLUMNS = "id, hash, title, source, meta, text, status, annotator, created, updated, version"


# Dict lookups, not SpanStatus(value): the enum call is a third of reading 5,000 spans (benchmarks/).
_SPAN_STATUS = {str(s): s for s in SpanStatus}
_SOURCE = {str(s): s for s in Source}


def _span_from_row(row: Sequence[Any]) -> Span:
    return Span(
        id=row[0],
        doc_id=row[1],
        start=row[2],
        end=row[3],
        label=row[4],
        status=_SPAN_STATUS[row[5]],
        source=_SOURCE[row[6]],
        source_name=row[7],
        annotator=row[8],
        confidence=row[9],
        kind=row[10],
        created=row[11],
        updated=row[12],
    )


def _relation_from_row(row: Sequence[Any]) -> Relation:
    return Relation(
        id=row[0],
        doc_id=row[1],
        label=row[2],
        head_id=row[3],
        child_id=row[4],
        status=SpanStatus(row[5]),
        source=Source(row[6]),
        source_name=row[7],
        annotator=row[8],
        confidence=row[9],
        head=(row[10], row[11], row[12]),
        child=(row[13], row[14], row[15]),
        created=row[16],
        updated=row[17],
    )


def _document_from_row(row: Sequence[Any]) -> Document:
    return Document(
        id=row[0],
        hash=row[1],
        title=row[2],
        source=row[3],
        meta=json.loads(row[4]),
        text=row[5],
        status=DocStatus(row[6]),
        annotator=row[7],
        created=row[8],
        updated=row[9],
        version=row[10],
    )
