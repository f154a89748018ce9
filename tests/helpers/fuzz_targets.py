"""Fuzz targets shared by ``tests/test_trust_fuzz.py`` (a few seconds in CI) and ``scripts/fuzz.py`` (on demand).

Each ``check_*`` function takes one generated input and raises AssertionError
if a rule breaks; the strategies generate those inputs. An exception of any
other kind escaping the importer is a bug: bad input must become a Rejection.
"""

from __future__ import annotations

import collections
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap
from annotator.core.spans import is_grapheme_boundary, snap_to_graphemes
from annotator.core.text import normalise_text
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


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    """Whole files: mostly UTF-8 lines (LF or CRLF), sometimes raw bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    lines = draw(st.lists(jsonl_lines(), max_size=8))
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
            line_rejections = [r for r in report.rejected if r.line is not None]
            file_rejected = any(r.line is None for r in report.rejected) or any(
                "UTF-8" in r.reason or "binary" in r.reason for r in report.rejected)
            if not file_rejected:
                text = data.decode("utf-8")
                records_in_file = sum(1 for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                                      if line.strip())
                assert report.added + report.duplicates + len(line_rejections) == records_in_file


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
