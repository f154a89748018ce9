"""Offsets end to end: a span made in the widget over hostile text exports with ``text[start:end] == span
text``, and import -> export -> import keeps texts and spans exactly (property test)."""

from __future__ import annotations

import json
import random
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import DocStatus, Document, Source, Span, SpanStatus
from annotator.core.offsets import OffsetMap
from annotator.io.export import export_documents
from annotator.io.importer import import_paths
from annotator.nlp import LoadedPipeline
from annotator.nlp.pipeline import blank_pipeline
from annotator.store import Store

regex = pytest.importorskip("regex")

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TEXTS = [
    "\ufeff😀 The Taliban\u00a0said 👨\u200d👩\u200d👧 “no”.\tCafé\u0301 e\u0301 🇺🇸🇬🇧 50 civilians\u2028next\u2029end.",
    "Line one\n\n\tक्षत्रिय 𝔸𝔹 👍🏽👍🏽 done.\n🏳️\u200d🌈 x\u200cy \u1100\u1161\u11a8 last.",
]


def boundaries(text: str) -> list[int]:
    return sorted({0, len(text)} | {m.end() for m in regex.finditer(r"\X", text)})


def expected_span(text: str, omap: OffsetMap, a: int, b: int) -> tuple[int, int] | None:
    """What a selection of UTF-16 positions a..b must become, by Unicode's rules (independent of the app)."""
    start = omap.to_codepoint(a, snap="left")
    end = omap.to_codepoint(b, snap="right")
    bounds = boundaries(text)
    start = max(t for t in bounds if t <= start)
    end = min(t for t in bounds if t >= end)
    while start < end and text[start].isspace() and (start + 1) in bounds:
        start += 1
    while end > start and text[end - 1].isspace() and (end - 1) in bounds:
        end -= 1
    return (start, end) if start < end else None


@cache
def _pipeline() -> LoadedPipeline:
    return blank_pipeline()


@pytest.fixture
def window(make_window, db_path: Path) -> object:
    store = Store.open(db_path)
    for i, text in enumerate(TEXTS):
        store.add_document(Document(text=text.lstrip("\ufeff"), title=f"hostile {i}"))
    # Grapheme snapping only: token snapping is tested elsewhere.
    return make_window(store, snap_tokens=False, activate=False)


def test_spans_made_in_the_widget_are_whole_clusters_and_export_exactly(window: Any, tmp_path: Path) -> None:
    rng = random.Random(5)
    store: Store = window.store
    made = 0
    for doc_id in store.document_ids():
        window.open_document(doc_id)
        text = store.get_document(doc_id).text
        # Qt keeps every character (toPlainText() would show NBSP as a space, U+2028/9 as newlines).
        assert window.view.document().toRawText() == text.replace("\n", "\u2029")
        omap = OffsetMap(text)
        pairs = {(rng.randrange(omap.utf16_length), rng.randrange(omap.utf16_length)) for _ in range(60)}
        for a, b in sorted(pairs):
            if a == b:
                continue
            lo, hi = sorted((a, b))
            window.view.select_range(a, b)
            assert window.view.selection() == (a, b)
            before = {s.key for s in store.spans(doc_id)}
            window.editor.label("ACTOR")
            after = {s.key for s in store.spans(doc_id)}
            want = expected_span(text, omap, lo, hi)
            new = after - before
            if want is None:
                assert new == set(), f"{lo}..{hi}: whitespace became a span"
                continue
            if (*want, "ACTOR") in before:
                assert new == set(), f"selection {lo}..{hi} of {text!r}: {new} made beside {want}"
                continue  # the same span again: nothing new
            assert new == {(*want, "ACTOR")}, f"selection {lo}..{hi} of {text!r}: got {new}, want {want}"
            made += 1
            window.view.select_range(0, 0)
    assert made > 20
    for doc_id in store.document_ids():
        store.set_document_status(doc_id, DocStatus.DONE, "alice")
    out = tmp_path / "export.jsonl"
    report = export_documents(store, "jsonl", out)
    # Every accepted span went out (a few are suggestions the label key accepted rather than new spans).
    accepted = sum(len(store.spans(d, statuses=[SpanStatus.ACCEPTED])) for d in store.document_ids())
    assert report.spans == accepted >= made
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    for record in records:
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
    # And back: a fresh database reads the same texts and spans.
    with Store.open(tmp_path / "again.db") as again:
        result = import_paths(again, [out])
        assert (result.added, result.rejected) == (len(TEXTS), [])
        for doc in again.iter_documents():
            original = next(d for d in store.iter_documents() if d.text == doc.text)
            kept = store.spans(original.id or 0, statuses=[SpanStatus.ACCEPTED])
            assert {s.key for s in again.spans(doc.id or 0)} == {s.key for s in kept}


# ------------------------------------------------------------- property test without Qt

PIECES = [
    "a", "Taliban", " ", "\t", "\n", "\u00a0", "\u2028", "\u2029", "\ufeff", "“", "”", "é", "e\u0301", "😀",
    "👍🏽", "👨\u200d👩\u200d👧", "🇺🇸", "क्ष", "\u1100\u1161", "\r\n", "\r", "𝔸",
]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)))
    from annotator.core.text import normalise_text

    text = normalise_text(text)
    if not text.strip():
        text += "x"
    bounds = boundaries(text)
    spans = set()
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(bounds) - 2))
        j = draw(st.integers(i + 1, len(bounds) - 1))
        start, end = bounds[i], bounds[j]
        if text[start:end].strip():
            spans.add((start, end, draw(st.sampled_from(["ACTOR", "QUOTE", "FIGURE"]))))
    return text, sorted(spans)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(documents(), min_size=1, max_size=4))
def test_import_export_import_is_lossless(tmp_path: Path, docs: list[tuple[str, list[tuple[int, int, str]]]]) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example: the fixture is shared by all
    with Store.open(":memory:") as first:
        for text, spans in docs:
            first.add_document(
                Document(text=text, title="t", status=DocStatus.DONE),
                [Span(s, e, label, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, annotator="al")
                 for s, e, label in spans],
            )
        out1 = folder / "one.jsonl"
        export_documents(first, "jsonl", out1)
        with Store.open(":memory:") as second:
            report = import_paths(second, [out1])
            assert report.rejected == [], [str(r) for r in report.rejected]
            assert {d.text for d in second.iter_documents()} == {d.text for d in first.iter_documents()}
            for doc in second.iter_documents():
                original = next(d for d in first.iter_documents() if d.text == doc.text)
                assert [s.key for s in second.spans(doc.id or 0)] == [s.key for s in first.spans(original.id or 0)]
            out2 = folder / "two.jsonl"
            export_documents(second, "jsonl", out2)
    # The second export reads back to the same records (timestamps aside).
    def strip(line: str) -> dict[str, object]:
        record = json.loads(line)
        record.pop("_timestamp", None)
        return record

    # Split on "\n" only: str.splitlines() would also split at a U+2028 inside a string.
    one = [strip(line) for line in out1.read_text(encoding="utf-8").split("\n") if line]
    two = [strip(line) for line in out2.read_text(encoding="utf-8").split("\n") if line]
    assert [(r["text"], r["spans"]) for r in one] == [(r["text"], r["spans"]) for r in two]
