"""Import's fast paths keep its rules: batches, duplicates, bad records, plain records, the live-database check."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Document
from annotator.core.text import text_hash
from annotator.io import importer, records
from annotator.io.importer import import_paths
from annotator.io.records import RecordError, RecordReader, parse_line
from annotator.store import Store
from annotator.store.files import live_database_of


def _article(i: int) -> str:
    return f"Headline {i}\n\nThe council met on day {i} and said — in a statement — that it would act. 😀"


def test_bad_records_and_duplicates_inside_and_across_batches(tmp_path: Path) -> None:
    n = 2 * importer._Batch.RECORDS + 500  # three batches at least
    lines = [json.dumps({"text": _article(i), "meta": {"url": f"https://x.example/{i}", "title": f"T{i}"}})
             for i in range(n)]
    bad = {
        1000: ("{not json", "invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        1001: (json.dumps({"text": "Lone \ud800 here."}), "lone surrogate U+D800 in text at character 5"),
        2500: (json.dumps({"text": "   \n "}), "empty text"),
        2501: (json.dumps({"text": "Fine text.", "meta": {"note": "\udc00"}}),
               "lone surrogate U+DC00 in meta.note at character 0"),
    }
    for number, (line, _) in bad.items():
        lines[number - 1] = line
    lines[1499] = json.dumps({"text": _article(10)})  # a duplicate in the same batch as its first copy
    lines[n - 1] = json.dumps({"text": _article(20)})  # a duplicate batches later
    lines[1799] = json.dumps({"text": _article(1799), "meta": {"doc_id": 777_000}})  # keeps its id: add_document
    lines[1899] = json.dumps({"text": "Alice Smith said so.", "spans": [{"start": 0, "end": 11, "label": "ACTOR"}]})
    lines.insert(3000, "")  # a blank line is no record, but it is a line
    path = tmp_path / "scraped.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store.open(tmp_path / "a.db")
    before, _ = store.add_document(Document(text=_article(42), title="already there"))

    report = import_paths(store, [path])

    assert [(r.file, r.line, r.reason) for r in report.rejected] == [
        (str(path), number, reason) for number, (_, reason) in sorted(bad.items())
    ]
    assert report.duplicates == 3  # article 10, article 20 and the one stored before
    added = n - len(bad) - report.duplicates
    assert report.added == added == len(report.added_ids) == len(set(report.added_ids))
    assert store.count_documents() == added + 1 and before not in report.added_ids
    assert 777_000 in report.added_ids and store.get_document(777_000).text == _article(1799)
    spans_doc = store.add_document(Document(text="Alice Smith said so."))[0]
    assert [(s.start, s.end, s.label) for s in store.spans(spans_doc)] == [(0, 11, "ACTOR")]
    first = store.get_document(report.added_ids[0])
    assert (first.title, first.meta, first.hash) == ("T0", {"url": "https://x.example/0"}, text_hash(_article(0)))
    again = import_paths(store, [path])
    assert (again.added, again.duplicates, len(again.rejected)) == (0, n - len(bad), len(bad))


@contextmanager
def _generic_path() -> Iterator[None]:
    """Every record through the general checks, as before the plain-record path existed."""
    saved = records._PLAIN_KEYS
    records._PLAIN_KEYS = frozenset()
    try:
        yield
    finally:
        records._PLAIN_KEYS = saved


def _outcome(line: str, *, generic: bool) -> Any:
    reader = RecordReader(["ACTOR"], source="x.jsonl", max_chars=120)
    try:
        obj = parse_line(line)
        if generic:
            with _generic_path():
                parsed = reader.read(obj, line=None)  # no line: every string searched, every size counted
        else:
            parsed = reader.read(obj, line=line)
    except RecordError as exc:
        return str(exc)
    d = parsed.document
    return (d.text, d.title, d.source, d.meta, d.status, d.id, d.annotator, d.created,
            d.hash or text_hash(d.text), parsed.spans, parsed.relations, parsed.warnings)


PIECES = ["a", "é", "😀", "\ud800", "\udfff", "\r\n", "\r", "\ufeff", " ", "\n", "\x00", "x" * 50]
strings = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
scalars = st.one_of(strings, st.integers(-5, 5), st.none(), st.booleans(), st.floats(allow_nan=False))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(strings, inner, max_size=3),
                      max_leaves=8)
metas = st.one_of(
    st.none(), values,
    st.fixed_dictionaries({}, optional={
        "title": st.one_of(strings, st.integers(0, 3), st.none()), "source": st.one_of(strings, st.none()),
        "doc_id": st.one_of(st.integers(-2, 10), strings, st.none()), "url": strings, "deep": values,
    }),
)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(strings, st.integers(0, 3), st.none()), meta=metas, has_meta=st.booleans(),
       has_text=st.booleans())
def test_a_plain_record_is_read_as_the_general_checks_read_it(
    text: Any, meta: Any, has_meta: bool, has_text: bool
) -> None:
    record: dict[str, Any] = {}
    if has_text:
        record["text"] = text
    if has_meta:
        record["meta"] = meta
    line = json.dumps(record)  # lone surrogates come out as \udXXX escapes, as a scraper may write them
    assert _outcome(line, generic=False) == _outcome(line, generic=True), line


def test_a_journal_made_after_the_first_check_is_still_the_database(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    store = Store.open(db)
    article = tmp_path / "article.txt"
    article.write_text("An article.", encoding="utf-8")
    assert live_database_of(article) is None  # the open databases' files are known from here on
    journal = Path(f"{db}-journal")
    journal.write_bytes(b"")  # as a write in rollback mode makes it
    os.link(journal, tmp_path / "journal.txt")
    assert live_database_of(tmp_path / "journal.txt") == str(db.resolve())
    report = import_paths(store, [tmp_path / "journal.txt", article])
    assert [r.reason for r in report.rejected] == [
        "is the annotation database itself (or one of its -wal/-shm/-journal files); not read"
    ]
    assert report.added == 1
    journal.unlink()
    other = Store.open(tmp_path / "b.db")  # opened after the check: seen as well
    os.link(tmp_path / "b.db", tmp_path / "b.jsonl")
    assert live_database_of(tmp_path / "b.jsonl") == str((tmp_path / "b.db").resolve())
    other.close()
    assert live_database_of(tmp_path / "b.jsonl") is None
    store.close()


@settings(max_examples=60, deadline=None)
@given(
    stored=st.lists(st.integers(0, 9), max_size=4),
    batches=st.lists(st.lists(st.tuples(st.integers(0, 9), st.sampled_from([None, "ann"]), st.booleans()),
                              max_size=6), max_size=4),
)
def test_add_documents_gives_what_add_document_one_by_one_gives(
    stored: list[int], batches: list[list[tuple[int, str | None, bool]]]
) -> None:
    def doc(i: int, annotator: str | None, own_id: bool) -> Document:
        return Document(text=f"Article {i}.", title=f"T{i}", annotator=annotator, id=100 + i if own_id else None,
                        meta={"n": i})

    one, many = Store.open(":memory:"), Store.open(":memory:")
    for store in (one, many):
        for i in stored:
            store.add_document(doc(i, None, False))
    for batch in batches:
        docs = [doc(*item) for item in batch]
        assert many.add_documents(docs) == [one.add_document(d) for d in docs]
    rows = "SELECT id, hash, title, meta, text, annotator FROM documents ORDER BY id"
    assert many.db.conn.execute(rows).fetchall() == one.db.conn.execute(rows).fetchall()
    assert many.annotators() == one.annotators()


def test_a_bad_byte_after_a_megabyte_of_ascii_is_placed_exactly(tmp_path: Path) -> None:
    line = json.dumps({"text": "An article of plain ASCII text, as json.dumps writes every line."}) + "\n"
    head = line.encode() * (3 * (1 << 20) // len(line))  # three chunks of the check without a decode
    path = tmp_path / "big.jsonl"
    path.write_bytes(head + b'{"text": "caf\xe9"}\n' + line.encode())
    report = import_paths(Store.open(tmp_path / "a.db"), [path])
    assert report.added == 0 and len(report.rejected) == 1
    rejection = report.rejected[0]
    assert rejection.line == head.count(b"\n") + 1
    assert f"byte 0xE9 at byte offset {len(head) + 13:,} cannot be decoded" in rejection.reason
