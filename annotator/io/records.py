"""One JSON record in, one checked document with its spans and relations out.

Reads our own export (Prodigy-compatible, see docs/design.md, "Export JSONL"), plain ``{"text"}``
lines, Prodigy spans/relations and doccano's ``label`` and
``entities``/``relations`` lines. A record that breaks any rule raises
RecordError with a message for the user; nothing of it is stored.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from annotator.core.labels import DEFAULT_RELATIONS, LabelSet
from annotator.core.model import DocStatus, Document, Relation, Source, Span, SpanStatus
from annotator.core.spans import validate_span
from annotator.core.text import (
    LONE_SURROGATE,
    InvalidText,
    NormalisedOffsets,
    check_text,
    guess_title,
    normalise_text,
)

Key = tuple[int, int, str]


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


@dataclass
class ParsedRecord:
    document: Document
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _reject_constant(name: str) -> Any:
    raise RecordError(f"invalid JSON: {name} is not a number JSON allows")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys silently; which one the writer meant is unknowable.
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise RecordError(f"invalid JSON: duplicate key {json.dumps(key, ensure_ascii=False)[:60]}")
        seen.add(key)
    return dict(pairs)


def parse_line(line: str) -> dict[str, Any]:
    """Decode one JSONL line into an object, or raise RecordError."""
    try:
        obj = json.loads(line, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise RecordError(f"expected a JSON object with a \"text\", got {_json_type(obj)}")
    return obj


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", float: "a number",
            int: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _find_surrogate(value: Any, where: str) -> str | None:
    """Where the first lone surrogate is (json.loads accepts "\\ud800"; SQLite and UTF-8 cannot store it)."""
    if isinstance(value, str):
        match = LONE_SURROGATE.search(value)
        if match:
            return f"lone surrogate U+{ord(match.group()):04X} in {where} at character {match.start()}"
        return None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for k, v in items:
        found = _find_surrogate(k, f"{where} key") or _find_surrogate(v, f"{where}.{k}" if where else str(k))
        if found:
            return found
    return None


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise RecordError(f"{what} is a boolean ({json.dumps(value)}), not a character offset")
    if isinstance(value, float):
        raise RecordError(f"{what} is a decimal number ({value!r}), not a whole character offset")
    if not isinstance(value, int):
        raise RecordError(f"{what} must be a whole number, got {_json_type(value)}")
    return value


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise RecordError(f"{what} must be a string, got {_json_type(value)}")
    return value


class RecordReader:
    """Turns JSON objects into documents; holds the label set and import settings."""

    def __init__(self, labels: LabelSet | Collection[str], *, source: str, max_chars: int) -> None:
        if isinstance(labels, LabelSet):
            self.label_names: tuple[str, ...] = labels.names
            self.relation_rules = {r.name: (r.head, r.child) for r in labels.relations}
        else:
            self.label_names = tuple(labels)
            self.relation_rules = {r.name: (r.head, r.child) for r in DEFAULT_RELATIONS}
        self.source = source
        self.max_chars = max_chars

    def read(self, obj: dict[str, Any]) -> ParsedRecord:
        where = _find_surrogate(obj, "")
        if where:
            raise RecordError(where)
        if "text" not in obj:
            raise RecordError('missing "text"')
        raw = _str(obj["text"], '"text"')
        text = normalise_text(raw)
        try:
            check_text(text, max_chars=self.max_chars)
        except InvalidText as exc:
            raise RecordError(str(exc)) from None
        offsets = NormalisedOffsets(raw) if text != raw else None
        document = self._document(obj, text)
        spans, ids = self._spans(obj, raw, text, offsets)
        relations = self._relations(obj, spans, ids, offsets)
        return ParsedRecord(document, spans, relations)

    # ------------------------------------------------------------ document

    def _document(self, obj: dict[str, Any], text: str) -> Document:
        meta = obj.get("meta", {})
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            raise RecordError(f'"meta" must be an object, got {_json_type(meta)}')
        meta = dict(meta)
        doc_id: int | None = None
        if "doc_id" in meta:
            value = meta.pop("doc_id")
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                doc_id = value
            else:
                meta["imported_doc_id"] = value  # someone else's id: kept, but ours are numbers
        title = meta.pop("title", None)
        title = title if isinstance(title, str) else guess_title(text)  # "" given is kept: round trips
        source = meta.pop("source", None)
        source = source if isinstance(source, str) else self.source
        status = self._doc_status(obj)
        annotator = obj.get("_annotator_id")
        annotator = annotator if isinstance(annotator, str) and annotator else None
        timestamp = obj.get("_timestamp")
        if not isinstance(timestamp, int) or isinstance(timestamp, bool) or timestamp <= 0:
            timestamp = None
        return Document(
            text=text, title=title, source=source, meta=meta, status=status, id=doc_id,
            annotator=annotator, created=timestamp, updated=timestamp,
        )

    @staticmethod
    def _doc_status(obj: dict[str, Any]) -> DocStatus:
        status = obj.get("status")
        if status is not None:
            try:
                return DocStatus(status)
            except ValueError:
                valid = ", ".join(s.value for s in DocStatus)
                raise RecordError(f'unknown document "status" {status!r} (expected one of {valid})') from None
        answer = obj.get("answer")  # Prodigy's decision on the whole task
        if answer == "accept":
            return DocStatus.DONE
        if answer in ("reject", "ignore"):
            return DocStatus.SKIPPED
        return DocStatus.NEW

    # --------------------------------------------------------------- spans

    def _spans(
        self, obj: dict[str, Any], raw: str, text: str, offsets: NormalisedOffsets | None
    ) -> tuple[list[Span], dict[Any, Key]]:
        """The record's spans, plus doccano entity ids -> span keys for its relations."""
        items: list[tuple[str, dict[str, Any]]] = []
        ids: dict[Any, Key] = {}
        if "spans" in obj and obj["spans"] is not None:
            for i, item in enumerate(_list(obj["spans"], '"spans"'), 1):
                items.append((f"span {i}", _span_dict(item, f"span {i}")))
        if "label" in obj and obj["label"] is not None:  # doccano sequence labelling
            for i, entry in enumerate(_list(obj["label"], '"label"'), 1):
                if not (isinstance(entry, list) and len(entry) == 3):
                    raise RecordError(f'"label" entry {i} must be [start, end, label], got {json.dumps(entry)[:60]}')
                items.append((f"label {i}", {"start": entry[0], "end": entry[1], "label": entry[2]}))
        entity_ids: list[Any] = []
        if "entities" in obj and obj["entities"] is not None:  # doccano relation extraction
            for i, ent in enumerate(_list(obj["entities"], '"entities"'), 1):
                ent = _span_dict(ent, f"entity {i}")
                for name in ("start_offset", "end_offset"):
                    if name not in ent:
                        raise RecordError(f'entity {i}: missing "{name}"')
                items.append(
                    (f"entity {i}", {"start": ent["start_offset"], "end": ent["end_offset"], "label": ent.get("label")})
                )
                entity_ids.append(ent.get("id"))
        n_before = len(items) - len(entity_ids)
        spans: list[Span] = []
        seen: set[Key] = set()
        for n, (what, item) in enumerate(items):
            span = self._span(what, item, raw, text, offsets)
            if n >= n_before and entity_ids[n - n_before] is not None:
                ids[entity_ids[n - n_before]] = span.key
            if span.key not in seen:
                seen.add(span.key)
                spans.append(span)
        return spans, ids

    def _span(self, what: str, item: dict[str, Any], raw: str, text: str, offsets: NormalisedOffsets | None) -> Span:
        for name in ("start", "end", "label"):
            if name not in item or item[name] is None:
                raise RecordError(f'{what}: missing "{name}"')
        start = _int(item["start"], f"{what}: start")
        end = _int(item["end"], f"{what}: end")
        label = _str(item["label"], f"{what}: label")
        if start >= end:
            raise RecordError(f"{what}: start {start} is not before end {end}")
        if start < 0 or end > len(raw):
            raise RecordError(f"{what}: {start}..{end} is outside the text (length {len(raw)})")
        if label not in self.label_names:
            raise RecordError(
                f"{what}: unknown label {label!r}{_lookalike_hint(label)} (known: {', '.join(self.label_names)})"
                " (or import with --labels FILE that defines it)"
            )
        raw_start, raw_end = start, end
        if offsets is not None:
            start, end = offsets(start), offsets(end)
            if start >= end:  # it covered only a BOM or the \r of a \r\n, which normalising removed
                raise RecordError(f"{what}: {raw_start}..{raw_end} covers only a line break or byte-order mark")
        if "text" in item and item["text"] is not None:
            expected = _str(item["text"], f"{what}: text")
            if raw[raw_start:raw_end] != expected:
                raise RecordError(
                    f"{what}: text {_short(expected)} does not match the text at {raw_start}..{raw_end},"
                    f" which is {_short(raw[raw_start:raw_end])}"
                )
        status = _enum(SpanStatus, item.get("status", SpanStatus.ACCEPTED), f"{what}: status")
        source_value = item.get("source")
        source_name = item.get("source_name")
        source_name = source_name if isinstance(source_name, str) else ""
        if source_value in {s.value for s in Source}:
            source = Source(source_value)
        else:  # e.g. Prodigy writes a model name in "source": keep it as the name
            source = Source.IMPORT
            source_name = source_name or (source_value if isinstance(source_value, str) else "") or self.source
        annotator = item.get("annotator")
        confidence = item.get("confidence")
        if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, int | float)):
            raise RecordError(f"{what}: confidence must be a number, got {_json_type(confidence)}")
        kind = item.get("kind")
        span = Span(
            start, end, label, status=status, source=source, source_name=source_name,
            annotator=annotator if isinstance(annotator, str) and annotator else None,
            confidence=float(confidence) if confidence is not None else None,
            kind=kind if isinstance(kind, str) and kind else None,
        )
        problem = validate_span(text, span, self.label_names)
        if problem:
            raise RecordError(f"{what}: {problem}")
        return span

    # ----------------------------------------------------------- relations

    def _relations(
        self, obj: dict[str, Any], spans: list[Span], ids: dict[Any, Key], offsets: NormalisedOffsets | None
    ) -> list[Relation]:
        keys = {span.key for span in spans}
        relations: list[Relation] = []
        heads: set[tuple[Key, str]] = set()
        items = obj.get("relations")
        if items is None:
            return relations
        for i, rel in enumerate(_list(items, '"relations"'), 1):
            what = f"relation {i}"
            rel = _span_dict(rel, what)
            if "from_id" in rel or "to_id" in rel:  # doccano
                label = _str(rel.get("type"), f'{what}: "type"')
                head_key, child_key = ids.get(rel.get("from_id")), ids.get(rel.get("to_id"))
                if head_key is None or child_key is None:
                    raise RecordError(f"{what}: from_id/to_id do not name entities of this record")
            else:  # Prodigy / ours
                label = _str(rel.get("label"), f'{what}: "label"')
                head_key = self._endpoint(rel.get("head_span"), f"{what}: head_span")
                child_key = self._endpoint(rel.get("child_span"), f"{what}: child_span")
                if offsets is not None:
                    head_key = (offsets(head_key[0]), offsets(head_key[1]), head_key[2])
                    child_key = (offsets(child_key[0]), offsets(child_key[1]), child_key[2])
            rule = self.relation_rules.get(label)
            if rule is None:
                raise RecordError(f"{what}: unknown relation label {label!r}")
            if (head_key[2], child_key[2]) != rule:
                raise RecordError(f"{what}: {label} must go from a {rule[0]} to an {rule[1]} span")
            if head_key not in keys or child_key not in keys:
                raise RecordError(f"{what}: refers to a span that is not among the record's spans")
            if (head_key, label) in heads:
                raise RecordError(f"{what}: the {head_key[2]} at {head_key[0]}..{head_key[1]} has a second {label}")
            heads.add((head_key, label))
            status = _enum(SpanStatus, rel.get("status", SpanStatus.ACCEPTED), f"{what}: status")
            source_value = rel.get("source")
            source = Source(source_value) if source_value in {s.value for s in Source} else Source.IMPORT
            source_name = rel.get("source_name")
            annotator = rel.get("annotator")
            confidence = rel.get("confidence")
            relations.append(
                Relation(
                    head_key, child_key, label, status=status, source=source,
                    source_name=source_name if isinstance(source_name, str) else (
                        "" if source is not Source.IMPORT else self.source),
                    annotator=annotator if isinstance(annotator, str) and annotator else None,
                    confidence=float(confidence) if isinstance(confidence, int | float)
                    and not isinstance(confidence, bool) else None,
                )
            )
        return relations

    def _endpoint(self, value: Any, what: str) -> Key:
        span = _span_dict(value, what)
        for name in ("start", "end", "label"):
            if name not in span:
                raise RecordError(f'{what}: missing "{name}"')
        return (_int(span["start"], f"{what}: start"), _int(span["end"], f"{what}: end"),
                _str(span["label"], f"{what}: label"))


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise RecordError(f"{what} must be a list, got {_json_type(value)}")
    return value


def _span_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(f"{what} must be an object, got {_json_type(value)}")
    return value


def _enum(enum: Any, value: Any, what: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise RecordError(f"{what}: unknown value {value!r}") from None


def _lookalike_hint(label: str) -> str:
    """Names the characters that make a label look like a known one but differ (Cyrillic А for Latin A)."""
    odd = [ch for ch in label if not ch.isascii() or not ch.isprintable()]
    if not odd:
        return ""
    import unicodedata

    names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in dict.fromkeys(odd))
    return f" (it contains {names})"


def _short(text: str, limit: int = 40) -> str:
    return json.dumps(text if len(text) <= limit else text[: limit - 1] + "…", ensure_ascii=False)
