"""Our export record (docs/design.md, "Export JSONL"): Prodigy-compatible and read back losslessly."""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.model import DocStatus, Document, Relation, Span, SpanStatus, reading_order

Key = tuple[int, int, str]


@dataclass(frozen=True)
class Tokens:
    """Token boundaries of one text (from the shared spaCy tokenizer), for token indices of spans."""

    starts: list[int]
    ends: list[int]
    records: list[dict[str, Any]]

    @classmethod
    def from_doc(cls, doc: Any) -> Tokens:
        records = [
            {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
            for t in doc
        ]
        return cls([r["start"] for r in records], [r["end"] for r in records], records)

    def span(self, start: int, end: int) -> tuple[int, int, bool]:
        """``(token_start, token_end, aligned)``: the tokens a span touches (token_end inclusive)."""
        first = bisect_right(self.ends, start)  # first token that ends after start
        last = bisect_left(self.starts, end) - 1  # last token that starts before end
        first = min(first, len(self.starts) - 1)
        last = max(last, first)
        aligned = self.starts[first] == start and self.ends[last] == end
        return first, last, aligned


def hash_int(*parts: str) -> int:
    """A stable signed 32-bit hash, like Prodigy's ``_input_hash``/``_task_hash``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def _span_record(span: Span, text: str, tokens: Tokens, ids: dict[Key, str]) -> dict[str, Any]:
    token_start, token_end, _ = tokens.span(span.start, span.end)
    record: dict[str, Any] = {
        "id": ids[span.key],
        "start": span.start,
        "end": span.end,
        "token_start": token_start,
        "token_end": token_end,
        "label": span.label,
        "text": text[span.start : span.end],
        "source": str(span.source),
        "source_name": span.source_name,
        "annotator": span.annotator,
        "confidence": span.confidence,
        "kind": span.kind,
    }
    if span.status is not SpanStatus.ACCEPTED:
        record["status"] = str(span.status)
    return record


def _endpoint(key: Key, tokens: Tokens) -> dict[str, Any]:
    token_start, token_end, _ = tokens.span(key[0], key[1])
    return {"start": key[0], "end": key[1], "token_start": token_start, "token_end": token_end, "label": key[2]}


def build_record(
    doc: Document, spans: Sequence[Span], relations: Sequence[Relation], tokens: Tokens
) -> dict[str, Any]:
    """The export record of a document with the spans and relations chosen for export."""
    assert doc.id is not None
    spans = sorted(spans, key=reading_order)
    ids = {span.key: f"s{i}" for i, span in enumerate(spans, 1)}
    relations = sorted((r for r in relations if r.head in ids and r.child in ids), key=lambda r: (r.head, r.child))
    reserved = {"doc_id", "title", "source"}
    meta = {"doc_id": doc.id, "title": doc.title, "source": doc.source}
    meta.update((k, v) for k, v in doc.meta.items() if k not in reserved)
    rel_records = []
    for rel in relations:
        head, child = _endpoint(rel.head, tokens), _endpoint(rel.child, tokens)
        item: dict[str, Any] = {
            "label": rel.label,
            "head": head["token_end"],
            "child": child["token_end"],
            "head_span": head,
            "child_span": child,
            "source": str(rel.source),
            "source_name": rel.source_name,
            "annotator": rel.annotator,
            "confidence": rel.confidence,
        }
        if rel.status is not SpanStatus.ACCEPTED:
            item["status"] = str(rel.status)
        rel_records.append(item)
    input_hash = hash_int(doc.text)
    task_parts = [f"{s.start}:{s.end}:{s.label}:{s.status}" for s in spans]
    task_parts += [f"{r.head}>{r.child}:{r.label}:{r.status}" for r in relations]
    return {
        "text": doc.text,
        "meta": meta,
        "_input_hash": input_hash,
        "_task_hash": hash_int(str(input_hash), *task_parts),
        "tokens": tokens.records,
        "spans": [_span_record(s, doc.text, tokens, ids) for s in spans],
        "relations": rel_records,
        # Prodigy trains on "accept": only a document a person marked done is one. Open ones (new,
        # in progress) and skipped ones are "ignore"; our importer reads "status" first, so they come back as they were.
        "answer": "accept" if doc.status is DocStatus.DONE else "ignore",
        "status": str(doc.status),
        "_annotator_id": doc.annotator,
        "_timestamp": doc.updated,
    }


# Line breaks for str.splitlines() and other line-splitting readers (JavaScript's: U+2028/9) that
# json.dumps leaves raw with ensure_ascii=False. It escapes every character below U+0020 already
# (VT, FF, FS, GS, RS included); NEL (U+0085) and the line/paragraph separators remain.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(record: dict[str, Any]) -> str:
    """One record as one physical line, whichever characters its strings hold."""
    line = json.dumps(record, ensure_ascii=False)
    return line.translate(_LINE_BREAKS) if not line.isascii() else line
