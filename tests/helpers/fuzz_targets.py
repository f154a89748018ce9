"""Fuzz targets shared by ``tests/test_trust_fuzz.py`` (a few seconds in CI) and ``scripts/fuzz.py`` (on demand).

Each ``check_*`` function takes one generated input and raises AssertionError
if a rule breaks; the strategies generate those inputs. An exception of any
other kind escaping the importer is a bug: bad input must become a Rejection.
"""

from __future__ import annotations

import collections
import copy
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap
from annotator.core.spans import is_grapheme_boundary, snap_to_graphemes
from annotator.core.text import normalise_text
from annotator.io.export import export_documents
from annotator.io.importer import import_paths
from annotator.store import Store

try:
    import regex
except ImportError:  # pragma: no cover - the grapheme oracle is optional
    regex = None

COUNTS = {"import": 0, "offsets": 0}
OUTCOMES: collections.Counter[str] = collections.Counter()  # what the importer did, to see the fuzz reach it

# ------------------------------------------------------------------ importer

LABELS = ["ACTOR", "QUOTE", "FIGURE", "actor", "АCTOR", "R&D", "", "SPEAKER"]
NASTY = ["😀", "e\u0301", "👨\u200d👩\u200d👧", "\u2028", "\r\n", "\ufeff", "\x00", "\\", '"', "\t", " ", "Taliban"]

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 60), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8), st.sampled_from(LABELS),
)


def _span_objects() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"start": st.one_of(st.integers(-2, 60), json_scalars), "end": st.one_of(st.integers(-2, 60), json_scalars),
         "label": st.one_of(st.sampled_from(LABELS), json_scalars)},
        optional={"text": st.text(max_size=6), "status": st.sampled_from(["accepted", "suggested", "nope", None]),
                  "source": json_scalars, "confidence": json_scalars, "kind": json_scalars},
    )


records = st.fixed_dictionaries(
    {"text": st.one_of(
        st.lists(st.sampled_from(NASTY) | st.text(max_size=4), max_size=12).map("".join), json_scalars)},
    optional={
        "spans": st.one_of(st.lists(_span_objects(), max_size=4), json_scalars),
        "meta": st.one_of(st.dictionaries(st.text(max_size=5), json_scalars, max_size=3), json_scalars),
        "relations": st.one_of(st.lists(st.dictionaries(st.sampled_from(
            ["label", "head_span", "child_span", "from_id", "to_id", "type"]),
            st.one_of(json_scalars, _span_objects()), max_size=4), max_size=2), json_scalars),
        "label": st.one_of(st.lists(st.lists(json_scalars, max_size=3), max_size=2), json_scalars),
        "answer": st.sampled_from(["accept", "reject", "ignore", 1]),
        "status": st.sampled_from(["done", "new", "weird", None]),
    },
)


@st.composite
def plausible_records(draw: st.DrawFn) -> dict[str, Any]:
    """Records that are nearly right: offsets inside the text, known labels, sometimes a small mistake."""
    text = "".join(draw(st.lists(st.sampled_from([p for p in NASTY if p != "\x00"]), min_size=1, max_size=12)))
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text) + 1))
        span: dict[str, Any] = {"start": start, "end": end, "label": draw(st.sampled_from(LABELS[:3] * 3 + LABELS))}
        if draw(st.booleans()):
            span["text"] = text[start:end]
        spans.append(span)
    record: dict[str, Any] = {"text": text, "spans": spans}
    if len(spans) >= 2 and draw(st.booleans()):
        record["relations"] = [{"label": "SPEAKER", "head_span": spans[0], "child_span": spans[1]}]
    return record


@st.composite
def jsonl_lines(draw: st.DrawFn) -> str:
    """A JSONL line: a record, a damaged record, or junk."""
    kind = draw(st.integers(0, 9))
    if kind <= 2:
        return json.dumps(draw(plausible_records()), ensure_ascii=draw(st.booleans()))
    if kind <= 5:
        return json.dumps(draw(records), ensure_ascii=draw(st.booleans()))
    if kind <= 7:  # cut or bent JSON
        line = json.dumps(draw(records), ensure_ascii=False)
        cut = draw(st.integers(0, len(line)))
        insert = draw(st.sampled_from(["", ",", "}", '"', "NaN", "\x01", "\ud800", "\\", "[", " "]))
        return line[:cut] + insert + line[cut + draw(st.integers(0, 3)) :]
    if kind == 8:
        return ""
    return draw(st.text(max_size=30)).replace("\n", " ").replace("\r", " ")


# ------------------------------------------------ hostile values in every field

_RAW = "\u0000raw:"  # a string marker replaced by raw JSON text after json.dumps (numbers json cannot make)
HOSTILE_NUMBERS = [
    2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, -(10**30), 0, -1, 1.5, -0.0, 1e308,
    _RAW + "1e400", _RAW + "-1e400", _RAW + "NaN", _RAW + "Infinity", _RAW + "-Infinity", _RAW + "1" + "0" * 5000,
]
hostile_values = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS),
    st.none(), st.booleans(), st.text(max_size=4), st.sampled_from(["", "suggested", "done", "ACTOR", "s1"]),
    st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.sampled_from(["a", "start"]), st.integers(0, 3),
                                                            max_size=2),
    st.integers(1, 5).map(lambda depth: json.loads("[" * (depth * 6) + "]" * (depth * 6))),
)


def _template_records() -> list[dict[str, Any]]:
    """One valid record of each format the importer reads, with every field it looks at."""
    text = "The Taliban said “we will respond” after 50 civilians died 😀."
    quote = {"start": text.index("“"), "end": text.index("”") + 1, "label": "QUOTE"}
    actor = {"start": 4, "end": 11, "label": "ACTOR"}
    figure = {"start": text.index("50"), "end": text.index(" died"), "label": "FIGURE"}
    ours = {
        "text": text, "meta": {"doc_id": 7, "title": "t", "source": "s", "extra": {"x": [1, 2.5]}},
        "_input_hash": 1, "_task_hash": -2,
        "tokens": [{"text": "The", "start": 0, "end": 3, "id": 0, "ws": True}],
        "spans": [
            {"id": "s1", **actor, "token_start": 1, "token_end": 1, "text": "Taliban", "source": "model",
             "source_name": "m", "annotator": "alice", "confidence": 0.5, "kind": None},
            {"id": "s2", **quote, "token_start": 3, "token_end": 7, "source": "rule", "status": "suggested",
             "kind": "direct"},
        ],
        "relations": [{"label": "SPEAKER", "head": 7, "child": 1, "head_span": dict(quote), "child_span": dict(actor),
                       "source": "rule", "source_name": "r", "annotator": None, "confidence": 0.4,
                       "status": "suggested"}],
        "answer": "ignore", "status": "in_progress", "_annotator_id": "alice", "_timestamp": 1764300000,
    }
    prodigy = {"text": text, "spans": [{**actor, "source": "en_core_web_sm"}], "answer": "accept",
               "meta": {"source": "wire"}}
    doccano_label = {"text": text, "label": [[actor["start"], actor["end"], "ACTOR"],
                                             [figure["start"], figure["end"], "FIGURE"]]}
    doccano_entities = {
        "text": text,
        "entities": [{"id": 1, "label": "QUOTE", "start_offset": quote["start"], "end_offset": quote["end"]},
                     {"id": 2, "label": "ACTOR", "start_offset": actor["start"], "end_offset": actor["end"]}],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "SPEAKER"}],
    }
    return [ours, prodigy, doccano_label, doccano_entities]


TEMPLATES = _template_records()


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a record a value sits (object keys and list indices), the record itself excluded."""
    found = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        found.append((*path, key))
        found += _paths(child, (*path, key))
    return found


def _set(record: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = value


@st.composite
def hostile_records(draw: st.DrawFn) -> str:
    """A valid record of one of the formats with one to three fields (any depth) given a hostile value.

    Wrong types (objects, lists, booleans, strings, null where numbers are), numbers beyond 64 bits or a
    double, NaN and Infinity, deep nesting: in every field of ours, Prodigy's and doccano's, ids included.
    """
    record = copy.deepcopy(draw(st.sampled_from(TEMPLATES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(record)
        if not paths:
            break
        _set(record, draw(st.sampled_from(paths)), draw(hostile_values))
    line = json.dumps(record, ensure_ascii=False)
    # Markers become raw JSON numbers: json.dumps cannot write 1e400 or a 5,001-digit integer.
    return re.sub(r'"\\u0000raw:([^"]*)"', lambda m: m.group(1), line)


@st.composite
def hostile_files(draw: st.DrawFn) -> bytes:
    """Files of hostile records only (``scripts/fuzz.py --target hostile``): every line near-valid."""
    return "\n".join(draw(st.lists(hostile_records(), min_size=1, max_size=6))).encode("utf-8") + b"\n"


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    """Whole files: mostly UTF-8 lines (LF or CRLF), sometimes raw bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    lines = draw(st.lists(jsonl_lines() | hostile_records(), max_size=8))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    data = ending.join(lines)
    # Lone surrogates cannot be written as UTF-8; write them the way broken tools do.
    return data.encode("utf-8", "surrogatepass") + ending.encode()


def check_import(data: bytes) -> None:
    """Import ``data`` as a .jsonl file: only designed rejections, a consistent database, sound spans."""
    COUNTS["import"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.jsonl"
        path.write_bytes(data)
        n_lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
        with Store.open(":memory:") as store:
            report = import_paths(store, [path])
            for rejection in report.rejected:
                assert rejection.file == str(path)
                assert rejection.line is None or 1 <= rejection.line <= n_lines, rejection
                assert rejection.reason and "Traceback" not in rejection.reason
            assert store.check() == []
            assert report.added == store.count_documents()
            OUTCOMES.update(added=report.added, duplicates=report.duplicates)
            OUTCOMES.update(re.sub(r"\d+", "N", r.reason.split(":")[0].split(" (")[0])[:40] for r in report.rejected)
            for doc in store.iter_documents():
                assert doc.text == normalise_text(doc.text) and doc.text.strip()
                for span in store.spans(doc.id or 0):
                    OUTCOMES["spans stored"] += 1
                    assert 0 <= span.start < span.end <= len(doc.text)
                    assert is_grapheme_boundary(doc.text, span.start) and is_grapheme_boundary(doc.text, span.end)
                    assert doc.text[span.start : span.end].strip()
            _check_exports_read_back(store, Path(folder))
            line_rejections = [r for r in report.rejected if r.line is not None]
            file_rejected = any(r.line is None for r in report.rejected) or any(
                "UTF-8" in r.reason or "binary" in r.reason for r in report.rejected)
            if not file_rejected:
                text = data.decode("utf-8")
                records_in_file = sum(1 for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                                      if line.strip())
                assert report.added + report.duplicates + len(line_rejections) == records_in_file


def _strict(line: str) -> Any:
    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} in an export")

    def integer(digits: str) -> int:
        value = int(digits)
        assert -(2**63) <= value < 2**63, f"{digits} does not fit in 64 bits"
        return value

    return json.loads(line, parse_constant=refuse, parse_int=integer)


def _check_exports_read_back(store: Store, folder: Path) -> None:
    """Whatever the import accepted exports as strict JSON, one record a line, and imports again whole."""
    if not store.count_documents():
        return
    for fmt in ("jsonl", "doccano"):
        out = folder / f"export-{fmt}.jsonl"
        export_documents(store, fmt, out, include_all=True)  # type: ignore[arg-type]
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == store.count_documents()
        for line in lines:
            _strict(line)
        with Store.open(":memory:") as again:
            report = import_paths(again, [out])
            assert report.rejected == [], report.rejected
            assert again.count_documents() == store.count_documents()
        OUTCOMES[f"{fmt} exports read back"] += 1


# ------------------------------------------------------------------ offsets

any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40) | st.lists(
    st.sampled_from([*NASTY, "🇺🇸", "\U0001f1fa", "क्ष", "\u1100\u1161", "\u0600", "\u200c", "\ufe0f"]), max_size=20
).map("".join)


def check_offsets(text: str) -> None:
    """OffsetMap is exact on any text; grapheme boundaries never split a cluster; snapping only widens."""
    COUNTS["offsets"] += 1
    omap = OffsetMap(text)
    assert omap.utf16_length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        assert omap.to_codepoint(omap.to_utf16(cp)) == cp
    for u16 in range(omap.utf16_length + 1):
        left, right = omap.to_codepoint(u16, snap="left"), omap.to_codepoint(u16, snap="right")
        assert omap.to_utf16(left) <= u16 <= omap.to_utf16(right) and right - left <= 1
    truth = {0, len(text)} | ({m.end() for m in regex.finditer(r"\X", text)} if regex else set())
    for i in range(len(text) + 1):
        if regex is not None and is_grapheme_boundary(text, i):
            assert i in truth, (text, i)
        start, end = snap_to_graphemes(text, i, i)
        assert start <= i <= end
        assert is_grapheme_boundary(text, start) and is_grapheme_boundary(text, end)
