"""One JSON record in, one checked document with its spans and relations out.

Reads our own export (Prodigy-compatible, see docs/design.md, "Export JSONL"), plain ``{"text"}``
lines, Prodigy spans/relations and doccano's ``label`` and
``entities``/``relations`` lines. A record that breaks any rule raises
RecordError with a message for the user; nothing of it is stored.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
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
    warnings: list[str] = field(default_factory=list)  # imported, but not quite as written: the user is told


def _reject_constant(name: str) -> Any:
    raise RecordError(f"invalid JSON: {name} is not a number JSON allows")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys silently; which one the writer meant is unknowable.
    obj = dict(pairs)
    if len(obj) < len(pairs):  # only then look for the key, to name it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise RecordError(f"invalid JSON: duplicate key {json.dumps(key, ensure_ascii=False)[:60]}")
            seen.add(key)
    return obj


INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""SQLite stores integers in 64 bits: every whole number in a record must fit (ids, timestamps, meta)."""
MAX_DEPTH = 20
"""Deepest nesting of objects and lists in a record. Ours needs 4; many JSON readers stop at 32 to 128."""


def _parse_int(digits: str) -> int:
    # Checked on the digits before int() converts them: Python refuses over 4,300 digits with a ValueError.
    value = int(digits) if len(digits.lstrip("-")) <= 19 else None
    if value is None or not INT_MIN <= value <= INT_MAX:
        shown = digits if len(digits) <= 30 else digits[:12] + "…" + f" ({len(digits):,} digits)"
        raise RecordError(f"number {shown} is out of range (whole numbers must fit in 64 bits)")
    return value


def _parse_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):  # 1e400: json reads it as inf, which would export as Infinity (not JSON)
        shown = literal if len(literal) <= 30 else literal[:27] + "…"
        raise RecordError(f"number {shown} is out of range (beyond what a double can hold)")
    return value


# Made once: json.loads with hooks builds a new decoder (and its scanner) for every line.
_DECODER = json.JSONDecoder(
    parse_constant=_reject_constant, parse_int=_parse_int, parse_float=_parse_float,
    object_pairs_hook=_no_duplicate_keys,
)


def parse_line(line: str) -> dict[str, Any]:
    """Decode one JSONL line into an object, or raise RecordError.

    Refused here, so that nothing an import accepts fails to export or read back later: NaN and
    Infinity, numbers beyond 64-bit integers or doubles, duplicate keys, nesting deeper than MAX_DEPTH.
    """
    try:
        if line.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", line, 0)
        obj = _DECODER.decode(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise RecordError(f"expected a JSON object with a \"text\", got {_json_type(obj)}")
    # Each level of nesting opens with a { or [ in the line: with few of them, no walk is needed; nor
    # for an object of scalars and objects of scalars (a scraped article and its meta), which seen
    # from its values is cheaper than counting the brackets of a long line.
    depth = _depth(obj) if not _shallow(obj) and line.count("{") + line.count("[") > MAX_DEPTH else 0
    if depth > MAX_DEPTH:
        raise RecordError(
            f"objects and lists nested more than {MAX_DEPTH} deep: other JSON readers refuse that, so it could not"
            " be exported and read back"
        )
    return obj


def _shallow(obj: dict[str, Any]) -> bool:
    """True when ``obj`` nests two deep at most: its values are scalars or objects of scalars."""
    for value in obj.values():
        if isinstance(value, dict):
            for inner in value.values():
                if isinstance(inner, dict | list):
                    return False
        elif isinstance(value, list):
            return False
    return True


def _depth(value: Any) -> int:
    """How deeply objects and lists nest in ``value`` (an object of scalars: 1); iterative, any depth."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


# The JSON escape of a UTF-16 surrogate (\uD800-\uDFFF). A line decoded strictly from UTF-8 (as iter_lines
# does) holds no surrogate itself, so only such an escape can put one into a string of the parsed object.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# How much longer json.dumps(value, ensure_ascii=False) can be than the JSON it was parsed from: a number
# grows most ("1e15" -> "1000000000000000.0", 4.5 times), separators double ("," -> ", ").
_DUMPS_GROWTH = 5


def may_hold_surrogates(line: str) -> bool:
    """False when no string parsed from this JSON line can hold a lone surrogate.

    Only a \\uD800-\\uDFFF escape can put one there. A high one followed at once by a low one (an
    emoji as ``json.dumps`` writes it) becomes one character and does not count, nor does text that
    only looks like an escape because its backslash is itself escaped (``\\\\uD800``).
    """
    first = _SURROGATE_ESCAPE.search(line)
    if first is None:
        return False
    pair_end = -1
    for match in _SURROGATE_ESCAPE.finditer(line, first.start()):
        i = match.start()
        if i < pair_end:
            continue  # the low half of a pair
        j = i
        while j and line[j - 1] == "\\":
            j -= 1
        if (i - j) % 2:
            continue  # an escaped backslash, then the letters "uD8..": plain text
        high = line[i + 3] in "89abAB"
        if high and line[i + 6 : i + 8] == "\\u" and line[i + 8 : i + 9] in ("d", "D") and line[i + 9 : i + 10] in (
            "c", "d", "e", "f", "C", "D", "E", "F"
        ):
            pair_end = i + 12
            continue
        return True
    return False


def _utf8(value: Any) -> bytes | None:
    """``value``'s UTF-8 if it is a string without lone surrogates (their only way to fail); else None."""
    if not isinstance(value, str):
        return None
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        return None


_to_json = json.JSONEncoder(ensure_ascii=False).encode  # keeps a lone surrogate as it is


def _meta_is_utf8(meta: Any) -> bool:
    """True when no key or string in ``meta`` (parsed JSON) holds a lone surrogate; None counts as empty."""
    if meta is None:
        return True
    as_json = _to_json(meta)
    return as_json.isascii() or _utf8(as_json) is not None


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", float: "a number",
            int: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _find_surrogate(value: Any, where: str) -> str | None:
    """Where the first lone surrogate is (json.loads accepts "\\ud800"; SQLite and UTF-8 cannot store it)."""
    if isinstance(value, str):
        if value.isascii():  # known without reading it
            return None
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


def _opt_str(obj: dict[str, Any], key: str, what: str) -> str | None:
    """``obj[key]`` if it is a string, None if absent or null; any other type is refused."""
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f'{what}"{key}" must be a string, got {_json_type(value)}')


def _opt_number(obj: dict[str, Any], key: str, what: str) -> float | None:
    """``obj[key]`` as a float if it is a number, None if absent or null; any other type is refused."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f'{what}"{key}" must be a number, got {_json_type(value)}')
    return float(value)  # parse_line bounds integers to 64 bits, so this cannot overflow


def _opt_int(obj: dict[str, Any], key: str, what: str) -> int | None:
    """``obj[key]`` if it is a whole number, None if absent or null; any other type is refused."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f'{what}"{key}" must be a whole number, got {_json_type(value)}')
    return value


_PLAIN_KEYS = frozenset({"text", "meta"})
"""A record with no other keys (a scraped article) has nothing but its text and meta to check."""


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

    def read(self, obj: dict[str, Any], *, line: str | None = None) -> ParsedRecord:
        """The checked record of ``obj``; ``line``, the JSONL line it was parsed from, lets it skip
        searches that line shows cannot find anything (lone surrogates, an oversized meta)."""
        plain = obj.keys() <= _PLAIN_KEYS
        encoded = None  # the raw text's UTF-8, when it was encoded to look for a lone surrogate
        if line is None:
            surrogates = True
        elif plain:
            # A scraped article: encoding its text finds a lone surrogate (UTF-8 cannot hold one) and
            # gives the bytes its hash is made of; its meta is searched the same way, as one JSON string.
            encoded = _utf8(obj.get("text"))
            surrogates = encoded is None or not _meta_is_utf8(obj.get("meta"))
        else:
            surrogates = may_hold_surrogates(line)
        where = _find_surrogate(obj, "") if surrogates else None
        if where:
            raise RecordError(where)
        if "text" not in obj:
            raise RecordError('missing "text"')
        raw = _str(obj["text"], '"text"')
        if encoded is None:
            text = normalise_text(raw)
            bad = True
        else:
            # Its UTF-8 holds a CR or a NUL exactly where the text does (as the bytes 13 and 0, which
            # no other character uses), and a byte search is several times faster than a text search.
            text = normalise_text(raw) if b"\r" in encoded or raw.startswith("\ufeff") else raw
            bad = not text or text.isspace() or len(text) > self.max_chars or b"\x00" in encoded
        try:
            if bad:  # check_text finds nothing otherwise
                check_text(text, max_chars=self.max_chars, surrogates=False)  # the raw text was searched above
        except InvalidText as exc:
            raise RecordError(str(exc)) from None
        if plain:  # no spans, relations or decisions to check
            digest = hashlib.sha256(encoded).hexdigest() if encoded is not None and text is raw else ""
            return ParsedRecord(self._document(obj, text, line, plain=True, digest=digest))
        document = self._document(obj, text, line)
        offsets = NormalisedOffsets(raw) if text != raw else None
        spans, ids = self._spans(obj, raw, text, offsets)
        relations = self._relations(obj, spans, ids, offsets)
        warnings = []
        open_spans = sum(1 for span in spans if span.status is SpanStatus.SUGGESTED)
        if document.status is DocStatus.DONE and open_spans:
            # "Done" says a person decided every span; open suggestions say nobody did. Importing it as done
            # would make export treat each suggestion as wrong (a negative example): it stays open instead.
            document = document.replace(status=DocStatus.IN_PROGRESS)
            warnings.append(
                f'marked "done" but {open_spans} of its spans {"is a" if open_spans == 1 else "are"} suggestion'
                f'{"" if open_spans == 1 else "s"} nobody accepted or rejected: imported as "in_progress";'
                " review them and mark it done in the app"
            )
        return ParsedRecord(document, spans, relations, warnings)

    # ------------------------------------------------------------ document

    def _document(
        self, obj: dict[str, Any], text: str, line: str | None = None, *, plain: bool = False, digest: str = ""
    ) -> Document:
        """The record's document; ``plain``: the record has no keys but "text" and "meta"; ``digest``: the
        text's hash, when it is known."""
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
            elif isinstance(value, str | int) and not isinstance(value, bool):
                meta["imported_doc_id"] = value  # someone else's id: kept, but ours are numbers
            elif value is not None:
                raise RecordError(f'"meta"."doc_id" must be a whole number or a string, got {_json_type(value)}')
        title = _opt_str(meta, "title", '"meta".')
        meta.pop("title", None)
        if title is None:
            title = guess_title(text)  # "" given is kept: round trips
        source = _opt_str(meta, "source", '"meta".')
        meta.pop("source", None)
        self._check_size(text, title, meta, line)
        if plain:  # none of the keys below is there: what they would give when absent
            return Document(text=text, title=title, source=source if source is not None else self.source, meta=meta,
                            id=doc_id, hash=digest)
        status = self._doc_status(obj)
        annotator = _opt_str(obj, "_annotator_id", "") or None
        timestamp = _opt_int(obj, "_timestamp", "")
        if timestamp is not None and timestamp <= 0:
            timestamp = None
        for name in ("tokens",):  # ignored (export makes them again), but a wrong type is still a wrong record
            if obj.get(name) is not None:
                _list(obj[name], f'"{name}"')
        for name in ("_input_hash", "_task_hash"):
            _opt_int(obj, name, "")
        return Document(
            text=text, title=title, source=source if source is not None else self.source, meta=meta,
            status=status, id=doc_id, annotator=annotator, created=timestamp, updated=timestamp,
        )

    def _check_size(self, text: str, title: str, meta: dict[str, Any], line: str | None = None) -> None:
        """A title and meta count towards the size limit: a 10-character text with 100 MB of meta is not small."""
        # json.dumps(meta) is at most _DUMPS_GROWTH times the line it came from: when even that fits, skip it.
        if line is not None and len(text) + len(title) + _DUMPS_GROWTH * len(line) <= self.max_chars:
            return
        extra = len(title) + (len(json.dumps(meta, ensure_ascii=False)) if meta else 0)
        if len(text) + extra > self.max_chars:
            raise RecordError(
                f"text, title and meta have {len(text) + extra:,} characters, over the limit of {self.max_chars:,}"
            )

    @staticmethod
    def _doc_status(obj: dict[str, Any]) -> DocStatus:
        status = _opt_str(obj, "status", "")
        if status is not None:
            try:
                return DocStatus(status)
            except ValueError:
                valid = ", ".join(s.value for s in DocStatus)
                raise RecordError(f'unknown document "status" {status!r} (expected one of {valid})') from None
        answer = _opt_str(obj, "answer", "")  # Prodigy's decision on the whole task
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
        seen_ids: set[Any] = set()
        if "entities" in obj and obj["entities"] is not None:  # doccano relation extraction
            for i, ent in enumerate(_list(obj["entities"], '"entities"'), 1):
                ent = _span_dict(ent, f"entity {i}")
                for name in ("start_offset", "end_offset"):
                    if name not in ent:
                        raise RecordError(f'entity {i}: missing "{name}"')
                items.append(
                    (f"entity {i}", {"start": ent["start_offset"], "end": ent["end_offset"], "label": ent.get("label")})
                )
                entity_id = _entity_id(ent.get("id"), f'entity {i}: "id"')
                if entity_id is not None and entity_id in seen_ids:
                    raise RecordError(f"entity {i}: id {json.dumps(entity_id)} is used by an earlier entity too")
                entity_ids.append(entity_id)
                seen_ids.add(entity_id)
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
        where = f"{what}: "
        status = _status(item, what)
        source_value = _opt_str(item, "source", where)
        source_name = _opt_str(item, "source_name", where) or ""
        if source_value in {s.value for s in Source}:
            source = Source(source_value)
        else:  # e.g. Prodigy writes a model name in "source": keep it as the name
            source = Source.IMPORT
            source_name = source_name or source_value or self.source
        annotator = _opt_str(item, "annotator", where)
        confidence = _opt_number(item, "confidence", where)
        kind = _opt_str(item, "kind", where)
        for name in ("token_start", "token_end"):  # made again at export; checked so a wrong type is reported
            _opt_int(item, name, where)
        if item.get("id") is not None:
            _entity_id(item["id"], f'{what}: "id"')
        span = Span(
            start, end, label, status=status, source=source, source_name=source_name,
            annotator=annotator or None, confidence=confidence, kind=kind or None,
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
                head_id = _entity_id(rel.get("from_id"), f'{what}: "from_id"')
                child_id = _entity_id(rel.get("to_id"), f'{what}: "to_id"')
                if rel.get("id") is not None:
                    _entity_id(rel["id"], f'{what}: "id"')
                head_key, child_key = ids.get(head_id), ids.get(child_id)
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
            where = f"{what}: "
            status = _status(rel, what)
            source_value = _opt_str(rel, "source", where)
            source = Source(source_value) if source_value in {s.value for s in Source} else Source.IMPORT
            source_name = _opt_str(rel, "source_name", where)
            annotator = _opt_str(rel, "annotator", where)
            confidence = _opt_number(rel, "confidence", where)
            for name in ("head", "child"):  # Prodigy's token indices: made again at export
                _opt_int(rel, name, where)
            relations.append(
                Relation(
                    head_key, child_key, label, status=status, source=source,
                    source_name=source_name if source_name is not None else (
                        "" if source is not Source.IMPORT else self.source),
                    annotator=annotator or None, confidence=confidence,
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


def _entity_id(value: Any, what: str) -> int | str | None:
    """A doccano entity id (a whole number; a string is taken too), or None if absent."""
    if value is None or (isinstance(value, int | str) and not isinstance(value, bool)):
        return value
    raise RecordError(f"{what} must be a whole number or a string, got {_json_type(value)}")


def _span_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(f"{what} must be an object, got {_json_type(value)}")
    return value


def _status(item: dict[str, Any], what: str) -> SpanStatus:
    value = _opt_str(item, "status", f"{what}: ")
    return SpanStatus.ACCEPTED if value is None else _enum(SpanStatus, value, f"{what}: status")


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
