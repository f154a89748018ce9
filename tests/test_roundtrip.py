"""Round trip: export JSONL -> import into an empty database -> export again gives identical records."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export import populate

from annotator.core.model import DocStatus, Document, Relation, Source, Span, SpanStatus
from annotator.core.spans import validate_span
from annotator.core.text import check_text
from annotator.io.export import export_documents
from annotator.io.importer import import_paths
from annotator.store import Store

LABELS = ("ACTOR", "QUOTE", "FIGURE")


def round_trip(store: Store, folder: Path, *, include_all: bool) -> tuple[bytes, bytes, Store]:
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    for old in (first, second):  # an export with nothing in it leaves an earlier example's file alone
        old.unlink(missing_ok=True)
    export_documents(store, "jsonl", first, include_all=include_all)
    fresh = Store.open(":memory:")
    if first.stat().st_size:  # nothing done, nothing exported: an empty file is refused on import
        report = import_paths(fresh, [first])
        assert report.rejected == [], report.rejected
    export_documents(fresh, "jsonl", second, include_all=include_all)
    return first.read_bytes(), second.read_bytes(), fresh


def test_round_trip_is_identical_and_keeps_everything(store: Store, tmp_path: Path) -> None:
    ids = populate(store)
    # A done document keeps no open suggestion (Ctrl+Return settles them; import reopens such a document).
    for span in store.spans(ids["done"], statuses=[SpanStatus.SUGGESTED]):
        store.update_span(span.id or 0, annotator="alice", status=SpanStatus.REJECTED)
    for include_all in (False, True):
        first, second, fresh = round_trip(store, tmp_path, include_all=include_all)
        assert first == second and first
    doc = fresh.get_document(ids["done"])  # the id came back
    old = store.get_document(ids["done"])
    assert (doc.text, doc.title, doc.source, doc.meta, doc.status, doc.annotator, doc.updated) == (
        old.text, old.title, old.source, old.meta, old.status, old.annotator, old.updated)
    fields = ("start", "end", "label", "status", "source", "source_name", "annotator", "confidence", "kind")
    exported = [SpanStatus.ACCEPTED, SpanStatus.SUGGESTED]
    assert [tuple(getattr(s, f) for f in fields) for s in fresh.spans(doc.id or 0)] == [
        tuple(getattr(s, f) for f in fields) for s in store.spans(old.id or 0, statuses=exported)
    ]
    rel_fields = ("head", "child", "label", "status", "source", "annotator")
    assert [tuple(getattr(r, f) for f in rel_fields) for r in fresh.relations(doc.id or 0)] == [
        tuple(getattr(r, f) for f in rel_fields) for r in store.relations(old.id or 0)
    ]


def test_an_id_already_taken_gets_a_new_one(store: Store, tmp_path: Path) -> None:
    store.add_document(Document("An article that is exported.", status=DocStatus.DONE))
    out = tmp_path / "o.jsonl"
    export_documents(store, "jsonl", out)
    other = Store.open(":memory:")
    other.add_document(Document("Someone else's article."))
    report = import_paths(other, [out])
    assert report.added_ids == [2]
    assert other.get_document(2).text == "An article that is exported."


# Letters, blanks and newlines, combining marks (alone and after a letter), emoji with skin tones,
# flags and ZWJ sequences, curly quotes, CJK, a zero-width space.
ALPHABET = st.sampled_from(
    [*"abcXYZ019 .,;'\"-", "\n", "\n\n", "  ", "\t", "e\u0301", "\u0301", "é", "ä", "日本", "\u200b",
     "😀", "👍🏽", "🇫🇷", "👩\u200d👩\u200d👧", "“", "”"]
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Document, list[Span], list[Relation]]:
    text = "".join(draw(st.lists(ALPHABET, min_size=1, max_size=40)))
    try:
        check_text(text)
    except ValueError:
        text = "x" + text
    spans: dict[tuple[int, int, str], Span] = {}
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        span = Span(
            start, end, draw(st.sampled_from(LABELS)),
            status=draw(st.sampled_from(list(SpanStatus))),
            source=draw(st.sampled_from(list(Source))),
            source_name=draw(st.sampled_from(["", "en_core_web_sm 3.8.0", "bob"])),
            annotator=draw(st.sampled_from([None, "alice", "Zoë 😀"])),
            confidence=draw(st.one_of(st.none(), st.floats(0, 1))),
            kind=draw(st.sampled_from([None, "direct", "indirect"])),
        )
        if validate_span(text, span, LABELS) is None:
            spans.setdefault(span.key, span)
    quotes = [s for s in spans.values() if s.label == "QUOTE"]
    actors = [s for s in spans.values() if s.label == "ACTOR"]
    relations = []
    if actors:
        for quote in quotes:
            if draw(st.booleans()):
                actor = draw(st.sampled_from(actors))
                relations.append(Relation(quote.key, actor.key, status=draw(st.sampled_from(list(SpanStatus)))))
    doc = Document(
        text,
        title=draw(st.sampled_from(["", "Title 😀", "x"])),
        source=draw(st.sampled_from(["", "wire.jsonl"])),
        meta=draw(st.dictionaries(st.sampled_from(["a", "b", "doc"]),
                                  st.one_of(st.integers(-(2**63), 2**63 - 1), st.text(max_size=5)), max_size=2)),
        # Done means every suggestion was decided (import reopens a done record with open ones).
        status=draw(st.sampled_from([s for s in DocStatus if s is not DocStatus.DONE or not any(
            span.status is SpanStatus.SUGGESTED for span in spans.values())])),
        annotator=draw(st.sampled_from([None, "alice"])),
        updated=draw(st.integers(1, 2**40)),
    )
    return doc, list(spans.values()), relations


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(docs=st.lists(documents(), min_size=1, max_size=3), include_all=st.booleans())
def test_round_trip_property(tmp_path: Path, docs: list[tuple[Document, list[Span], list[Relation]]],
                             include_all: bool) -> None:
    store = Store.open(":memory:")
    for doc, spans, relations in docs:
        store.add_document(doc, spans, relations)
    first, second, _ = round_trip(store, tmp_path, include_all=include_all)
    assert first == second
