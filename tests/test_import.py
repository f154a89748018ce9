"""Import: files, folders, encodings, and every kind of bad record, each rejected alone with its line."""

from __future__ import annotations

import codecs
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import DocStatus, SpanStatus
from annotator.io.importer import Rejection, import_paths
from annotator.store import Store

DATA = Path(__file__).resolve().parent / "data" / "import"
TEXT = "Taliban spokesman Zabihullah Mujahid said “we will respond” on Tuesday."


def span(text: str, label: str, **extra: Any) -> dict[str, Any]:
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "label": label, "text": text, **extra}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def only_rejection(report: Any) -> Rejection:
    assert len(report.rejected) == 1, report.rejected
    return report.rejected[0]


# ------------------------------------------------------------------ text files


def test_txt_title_is_first_nonempty_line_and_crlf_is_normalised(store: Store) -> None:
    report = import_paths(store, [DATA / "crlf.txt"])
    assert (report.added, report.rejected) == (1, [])
    doc = store.get_document(report.added_ids[0])
    assert doc.text == "Storm hits coast\n\nThe storm killed 12 people, officials said.\n"
    assert doc.title == "Storm hits coast"
    assert doc.source == "crlf.txt"
    assert doc.status is DocStatus.NEW


def test_lone_cr_is_normalised(store: Store, tmp_path: Path) -> None:
    (tmp_path / "mac.txt").write_bytes(b"Old Mac\r\rline two\r")
    report = import_paths(store, [tmp_path / "mac.txt"])
    assert store.get_document(report.added_ids[0]).text == "Old Mac\n\nline two\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("utf8_bom.txt", "Café owners protest\n\nThe owners of 40 cafés met on Monday.\n"),
        ("utf16.txt", "Zürich votes\n\nVoters in Zürich said “yes” to the plan 😀.\n"),
    ],
)
def test_bom_encodings_are_read_and_the_bom_dropped(store: Store, name: str, text: str) -> None:
    report = import_paths(store, [DATA / name])
    assert report.rejected == []
    assert store.get_document(report.added_ids[0]).text == text


def test_utf16_big_endian_and_utf32(store: Store, tmp_path: Path) -> None:
    (tmp_path / "be.txt").write_bytes("Title BE\n\nbody é\n".encode("utf-16-be").join([b"\xfe\xff", b""]))
    (tmp_path / "u32.txt").write_bytes("Title 32\n\nbody 😀\n".encode("utf-32"))
    report = import_paths(store, [tmp_path])
    assert report.rejected == []
    texts = sorted(store.get_document(i).text for i in report.added_ids)
    assert texts == ["Title 32\n\nbody 😀\n", "Title BE\n\nbody é\n"]


def test_other_encodings_are_refused_with_byte_offset_line_and_a_suggestion(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Plain first line\nLe café a vendu 300 portions de pâté et de crème brûlée.\n".encode("cp1252"))
    report = import_paths(store, [path])
    rejection = only_rejection(report)
    assert rejection.line == 2
    assert "byte 0xE9 at byte offset 23" in rejection.reason
    # 72 bytes are too few for charset-normalizer's guess to mean much: the common suspects are named.
    assert "e.g. Windows-1252 or Latin-1" in rejection.reason and "save it as UTF-8" in rejection.reason
    assert str(rejection).startswith(f"{path}:2: not valid UTF-8")
    assert store.count_documents() == 0


def test_bad_byte_after_the_first_chunk_has_the_right_offset(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    good = ("é" * 700_000).encode("utf-8")  # 1.4 MB: the bad byte is in the second 1 MiB chunk
    path.write_bytes(b"T\n" + good + b"\xff rest")
    rejection = only_rejection(import_paths(store, [path], max_chars=2_000_000))
    assert f"at byte offset {2 + len(good):,}" in rejection.reason
    assert rejection.line == 2


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file (only whitespace)"),
        ("binary.txt", "binary file, not text (NUL byte at byte offset 8)"),
    ],
)
def test_empty_blank_and_binary_files_are_refused(store: Store, name: str, reason: str) -> None:
    rejection = only_rejection(import_paths(store, [DATA / name]))
    assert rejection == Rejection(str(DATA / name), None, reason)


UNMARKED = "looks like {} without a byte-order mark; save it as UTF-8 and import it again"
NEWS = "Talks end\n\nThe minister said “we will return” on Friday; 50 people were there.\n"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("le.txt", NEWS.encode("utf-16-le"), UNMARKED.format("UTF-16")),
        ("be.txt", NEWS.encode("utf-16-be"), UNMARKED.format("UTF-16")),
        ("short.txt", "Hi.\n".encode("utf-16-le"), UNMARKED.format("UTF-16")),
        ("emoji.txt", "Fans 🎉 cheered.\n".encode("utf-16-le"), UNMARKED.format("UTF-16")),
        ("russian.txt", "Министр сказал: «мы вернёмся» в пятницу.\n".encode("utf-16-le") * 5,
         UNMARKED.format("UTF-16")),
        ("wide.txt", NEWS.encode("utf-32-le"), UNMARKED.format("UTF-32")),
        ("lines.jsonl", (json.dumps({"text": NEWS}) + "\n").encode("utf-16-be"), UNMARKED.format("UTF-16")),
        # Binary data with NULs at alternate positions is still binary: it does not decode to text.
        ("pairs.txt", bytes(b for i in range(1, 200) for b in (i % 32, 0)), None),
    ],
    ids=["le", "be", "short", "emoji", "russian", "utf32", "jsonl", "binary-pairs"],
)
def test_utf16_without_bom_is_named_and_refused(
    store: Store, tmp_path: Path, name: str, data: bytes, reason: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    report = import_paths(store, [path])
    rejection = only_rejection(report)
    assert (rejection.file, rejection.line) == (str(path), None)
    if reason is None:
        assert rejection.reason.startswith("binary file, not text (NUL byte")
    else:
        assert rejection.reason == reason
        assert str(rejection) == f"{path}: {reason}"
    assert report.added == 0 and not store.list_documents(), "refused, never guessed"


def test_no_utf16_guess_for_a_file_without_nul_bytes(store: Store, tmp_path: Path) -> None:
    """A short Windows-1252 file could decode as UTF-16 too; without NULs it is not named so."""
    path = tmp_path / "cp.txt"
    path.write_bytes("café “x”".encode("cp1252"))
    rejection = only_rejection(import_paths(store, [path]))
    assert rejection.reason.startswith("not valid UTF-8: byte 0xE9 at byte offset 3")
    assert "UTF-16" not in rejection.reason and "utf_16" not in rejection.reason


def test_size_limit_is_configurable(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Long\n" + "word " * 30, encoding="utf-8")
    rejection = only_rejection(import_paths(store, [path], max_chars=100))
    assert "over the limit of 100" in rejection.reason
    assert import_paths(store, [path], max_chars=1000).added == 1


def test_size_limit_refuses_huge_files_without_reading_them(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 500)
    rejection = only_rejection(import_paths(store, [path], max_chars=100))
    assert "500 bytes, over the limit of 100 characters" in rejection.reason


def test_folders_are_recursive_and_skip_hidden_and_other_files(store: Store) -> None:
    report = import_paths(store, [DATA / "folder"])
    assert report.added == 2 and report.rejected == []
    docs = sorted((store.get_document(i) for i in report.added_ids), key=lambda d: d.title)
    assert [(d.title, d.source) for d in docs] == [("First article", "one.txt"), ("Second article", "sub/two.txt")]
    assert [Path(p).name for p in report.ignored] == ["readme.md"]


def test_missing_and_unsupported_paths_are_rejected(store: Store, tmp_path: Path) -> None:
    report = import_paths(store, [tmp_path / "nope.txt", DATA / "notes.csv", DATA / "folder"])
    assert [(Path(r.file).name, r.reason.split(":")[0]) for r in report.rejected] == [
        ("nope.txt", "no such file or folder"),
        ("notes.csv", "cannot import .csv"),
    ]
    assert report.added == 2


def test_duplicates_are_skipped_and_counted(store: Store) -> None:
    first = import_paths(store, [DATA / "folder"])
    second = import_paths(store, [DATA / "folder"])
    assert (first.added, first.duplicates) == (2, 0)
    assert (second.added, second.duplicates) == (0, 2)
    assert store.count_documents() == 2


def test_progress_and_cancel(store: Store, tmp_path: Path) -> None:
    shutil.copytree(DATA / "folder", tmp_path / "f")
    calls: list[tuple[int, int]] = []
    import_paths(store, [tmp_path / "f"], progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1] > 0
    report = import_paths(Store.open(":memory:"), [tmp_path / "f"], cancel=lambda: True)
    assert report.cancelled and report.added == 0


# ------------------------------------------------------------------ JSONL


GOOD = {"text": TEXT, "meta": {"title": "Given title", "source": "wire", "section": "world"}}

BAD_RECORDS: list[tuple[str, str]] = [
    ('{"text": "unterminated', "invalid JSON: Unterminated string"),
    ("[1, 2]", "expected a JSON object"),
    ('{"meta": {}}', 'missing "text"'),
    ('{"text": ""}', "empty text"),
    ('{"text": " \\n "}', "empty text"),
    ('{"text": 42}', '"text" must be a string'),
    ('{"text": "abc", "meta": []}', '"meta" must be an object'),
    (json.dumps({"text": TEXT, "spans": [{"start": 0, "end": 500, "label": "ACTOR"}]}), "outside the text"),
    (json.dumps({"text": TEXT, "spans": [{"start": -1, "end": 3, "label": "ACTOR"}]}), "outside the text"),
    (json.dumps({"text": TEXT, "spans": [{"start": 7, "end": 3, "label": "ACTOR"}]}), "start 7 is not before end 3"),
    (json.dumps({"text": TEXT, "spans": [{"start": 3, "end": 3, "label": "ACTOR"}]}), "start 3 is not before end 3"),
    (json.dumps({"text": TEXT, "spans": [{**span("Taliban", "ACTOR"), "text": "Talibam"}]}), "does not match"),
    (json.dumps({"text": TEXT, "spans": [span("Taliban", "PERSON")]}), "unknown label 'PERSON'"),
    (json.dumps({"text": TEXT, "spans": [{"start": False, "end": 7, "label": "ACTOR"}]}), "start is a boolean"),
    (json.dumps({"text": TEXT, "spans": [{"start": 0, "end": True, "label": "ACTOR"}]}), "end is a boolean"),
    (json.dumps({"text": TEXT, "spans": [{"start": 0.0, "end": 7, "label": "ACTOR"}]}), "start is a decimal"),
    ('{"text": "T", "spans": [{"start": 0, "end": 1e0, "label": "ACTOR"}]}', "end is a decimal"),
    (json.dumps({"text": TEXT, "spans": [{"start": "0", "end": 7, "label": "ACTOR"}]}), "must be a whole number"),
    (json.dumps({"text": TEXT, "spans": [{"start": 0, "label": "ACTOR"}]}), 'missing "end"'),
    (json.dumps({"text": TEXT, "spans": {"start": 0}}), '"spans" must be a list'),
    ('{"text": "bad \\ud800 surrogate"}', "lone surrogate U+D800 in text at character 4"),
    ('{"text": "ok", "meta": {"title": "x\\udfff"}}', "lone surrogate U+DFFF in meta.title"),
    ('{"text": "ok", "n": NaN}', "invalid JSON: NaN"),
    (json.dumps({"text": "e\u0301 cafe", "spans": [{"start": 0, "end": 1, "label": "ACTOR"}]}), "splits a character"),
    (json.dumps({"text": "a  b", "spans": [{"start": 1, "end": 3, "label": "ACTOR"}]}), "only whitespace"),
    (json.dumps({**GOOD, "status": "finished"}), 'unknown document "status"'),
    (json.dumps({"text": TEXT, "label": [[0, 7]]}), '"label" entry 1 must be [start, end, label]'),
    (json.dumps({"text": TEXT, "spans": [{**span("Taliban", "ACTOR"), "status": "maybe"}]}), "unknown value"),
    (
        json.dumps({"text": TEXT, "spans": [span("Taliban", "ACTOR")], "relations": [
            {"label": "SPEAKER", "head_span": {"start": 42, "end": 59, "label": "QUOTE"},
             "child_span": {"start": 0, "end": 7, "label": "ACTOR"}}]}),
        "not among the record's spans",
    ),
    (
        json.dumps({"text": TEXT, "spans": [span("Taliban", "ACTOR"), span("Zabihullah Mujahid", "ACTOR")],
                    "relations": [{"label": "SPEAKER", "head_span": span("Taliban", "ACTOR"),
                                   "child_span": span("Zabihullah Mujahid", "ACTOR")}]}),
        "SPEAKER must go from a QUOTE to an ACTOR",
    ),
    (
        json.dumps({"text": TEXT, "entities": [{"id": 1, "label": "ACTOR", "start_offset": 0, "end_offset": 7}],
                    "relations": [{"id": 1, "from_id": 5, "to_id": 1, "type": "SPEAKER"}]}),
        "from_id/to_id do not name entities",
    ),
    (json.dumps({"text": TEXT, "entities": [{"id": 1, "label": "ACTOR", "start_offset": 0}]}), 'missing "end_offset"'),
]


def test_each_bad_record_is_rejected_alone_with_its_physical_line(store: Store, tmp_path: Path) -> None:
    lines = [json.dumps(GOOD), ""]  # line 2 is blank: line numbers are physical, not record counts
    expected: dict[int, str] = {}
    for i, (line, reason) in enumerate(BAD_RECORDS):
        lines.append(line)
        expected[len(lines)] = reason
        lines.append(json.dumps({"text": f"good record {i}"}))
    path = write_lines(tmp_path / "mixed.jsonl", lines)
    report = import_paths(store, [path])
    got = {r.line: r.reason for r in report.rejected}
    assert set(got) == set(expected)
    for line, reason in expected.items():
        assert reason in got[line], (line, got[line])
    assert all(r.file == str(path) for r in report.rejected)
    assert report.added == 1 + len(BAD_RECORDS)
    assert store.count_documents() == 1 + len(BAD_RECORDS)


def test_a_rejected_record_leaves_nothing_behind(store: Store, tmp_path: Path) -> None:
    record = {"text": TEXT, "spans": [span("Taliban", "ACTOR"), {**span("Zabihullah Mujahid", "ACTOR"), "end": 999}]}
    report = import_paths(store, [write_lines(tmp_path / "a.jsonl", [json.dumps(record)])])
    assert report.added == 0 and len(report.rejected) == 1
    assert store.count_documents() == 0
    assert store.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 0


def test_record_meta_title_and_source(store: Store, tmp_path: Path) -> None:
    report = import_paths(store, [write_lines(tmp_path / "m.jsonl", [json.dumps(GOOD), '{"text": "Head\\nbody"}'])])
    first, second = (store.get_document(i) for i in report.added_ids)
    assert (first.title, first.source, first.meta) == ("Given title", "wire", {"section": "world"})
    assert (second.title, second.source, second.meta) == ("Head", "m.jsonl", {})


def test_crlf_in_record_text_moves_offsets_with_it(store: Store, tmp_path: Path) -> None:
    raw = "Line one\r\nTaliban said\r\nmore"
    start = raw.index("Taliban")
    record = {"text": raw, "spans": [{"start": start, "end": start + 7, "label": "ACTOR", "text": "Taliban"}]}
    report = import_paths(store, [write_lines(tmp_path / "c.jsonl", [json.dumps(record)])])
    doc = store.get_document(report.added_ids[0])
    (stored,) = store.spans(doc.id or 0)
    assert doc.text == "Line one\nTaliban said\nmore"
    assert doc.text[stored.start : stored.end] == "Taliban"


def test_record_over_the_size_limit(store: Store, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "s.jsonl", [json.dumps({"text": "x" * 50}), json.dumps({"text": "short"})])
    report = import_paths(store, [path], max_chars=10)
    assert only_rejection(report).line == 1 and "over the limit of 10" in report.rejected[0].reason
    assert report.added == 1


def test_jsonl_with_cr_line_ends_and_utf16(store: Store, tmp_path: Path) -> None:
    body = "\r".join([json.dumps({"text": "one"}), "{bad", json.dumps({"text": "three"})]) + "\r"
    (tmp_path / "cr.jsonl").write_bytes(body.encode("utf-8"))
    (tmp_path / "u16.jsonl").write_bytes(body.replace("one", "uno").replace("three", "tres").encode("utf-16"))
    report = import_paths(store, [tmp_path])
    assert [(Path(r.file).name, r.line) for r in report.rejected] == [("cr.jsonl", 2), ("u16.jsonl", 2)]
    assert report.added == 4


def test_empty_jsonl_is_refused(store: Store, tmp_path: Path) -> None:
    rejection = only_rejection(import_paths(store, [write_lines(tmp_path / "e.jsonl", ["", "  "])]))
    assert (rejection.line, rejection.reason) == (None, "empty file (no records)")


def test_doccano_label_and_relation_formats(store: Store) -> None:
    report = import_paths(store, [DATA / "doccano.jsonl"])
    assert report.rejected == [] and report.added == 2
    first, second = report.added_ids
    text = store.get_document(first).text
    assert [(text[s.start : s.end], s.label, s.status, str(s.source)) for s in store.spans(first)] == [
        ("Taliban", "ACTOR", SpanStatus.ACCEPTED, "import"),
        ("Zabihullah Mujahid", "ACTOR", SpanStatus.ACCEPTED, "import"),
    ]
    (relation,) = store.relations(second)
    text = store.get_document(second).text
    assert text[relation.head[0] : relation.head[1]] == "“we will respond”"
    assert text[relation.child[0] : relation.child[1]] == "Zabihullah Mujahid"


def test_prodigy_record(store: Store) -> None:
    report = import_paths(store, [DATA / "prodigy.jsonl"])
    doc = store.get_document(report.added_ids[0])
    assert (doc.status, doc.annotator, doc.updated) == (DocStatus.DONE, "news-alice", 1764300000)
    (stored,) = store.spans(doc.id or 0)
    assert (stored.source_name, stored.status) == ("en_core_web_sm", SpanStatus.ACCEPTED)


def test_custom_label_set(store: Store, tmp_path: Path) -> None:
    record = {"text": TEXT, "spans": [span("Taliban", "ORG")]}
    path = write_lines(tmp_path / "l.jsonl", [json.dumps(record)])
    assert len(import_paths(store, [path]).rejected) == 1
    assert import_paths(store, [path], labels=["ORG"]).added == 1


def test_a_quote_with_two_speakers_is_rejected(store: Store, tmp_path: Path) -> None:
    quote = span("“we will respond”", "QUOTE")
    record = {
        "text": TEXT,
        "spans": [quote, span("Taliban", "ACTOR"), span("Zabihullah Mujahid", "ACTOR")],
        "relations": [
            {"label": "SPEAKER", "head_span": quote, "child_span": span("Taliban", "ACTOR")},
            {"label": "SPEAKER", "head_span": quote, "child_span": span("Zabihullah Mujahid", "ACTOR")},
        ],
    }
    rejection = only_rejection(import_paths(store, [write_lines(tmp_path / "q.jsonl", [json.dumps(record)])]))
    assert "has a second SPEAKER" in rejection.reason


def test_unicode_line_separators_inside_records_do_not_split_lines(store: Store, tmp_path: Path) -> None:
    text = "One\u2028two\x85three\u2029four"
    body = json.dumps({"text": text}, ensure_ascii=False) + "\n" + "{bad\n"
    (tmp_path / "plain.jsonl").write_bytes(body.encode("utf-8"))
    (tmp_path / "bom.jsonl").write_bytes(body.replace("four", "five").encode("utf-8-sig"))
    report = import_paths(store, [tmp_path])
    assert sorted(store.get_document(i).text for i in report.added_ids) == [text.replace("four", "five"), text]
    assert [r.line for r in report.rejected] == [2, 2]


def test_a_record_that_fails_while_being_stored_leaves_nothing(store: Store, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    quote = span("“we will respond”", "QUOTE")
    record = {"text": TEXT, "spans": [quote, span("Taliban", "ACTOR")],
              "relations": [{"label": "SPEAKER", "head_span": quote, "child_span": span("Taliban", "ACTOR")}]}
    path = write_lines(tmp_path / "r.jsonl", [json.dumps(record)])

    def disk_full(*args: Any, **kwargs: Any) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_insert_relation", disk_full)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        import_paths(store, [path])
    assert store.count_documents() == 0
    assert store.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 0


def test_a_short_latin1_file_gets_no_odd_guess(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("café\n".encode("latin-1"))
    reason = only_rejection(import_paths(store, [path])).reason
    assert "e.g. Windows-1252 or Latin-1" in reason and "charset-normalizer" not in reason
    assert "cp1006" not in reason


def test_a_long_enough_sample_names_the_guess(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    text = "Правительство объявило в среду о реформе пенсионной системы. Профсоюзы заявили, что готовят забастовку.\n"
    path.write_bytes((text * 3).encode("cp1251"))
    reason = only_rejection(import_paths(store, [path])).reason
    assert "it may be cp1251 (charset-normalizer's guess)" in reason


def test_an_empty_folder_and_a_folder_of_other_files_are_rejected(store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "a.pdf").write_bytes(b"%PDF")
    report = import_paths(store, [tmp_path / "empty", tmp_path / "pdfs", DATA / "folder"])
    assert [str(r) for r in report.rejected] == [
        f"{tmp_path / 'empty'}: nothing to import: no .txt articles, .html/.htm/.html.gz/.htm.gz pages,"
        " .warc/.warc.gz archives or .jsonl/.ndjson records",
        f"{tmp_path / 'pdfs'}: nothing to import: no .txt articles, .html/.htm/.html.gz/.htm.gz pages,"
        " .warc/.warc.gz archives or .jsonl/.ndjson records",
    ]
    assert report.unimportable == [str(tmp_path / "pdfs" / "a.pdf")]  # readme.md sits beside articles
    assert report.added == 2


def test_an_unknown_label_suggests_a_labels_file(store: Store, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "l.jsonl", [json.dumps({"text": TEXT, "spans": [span("Taliban", "ORG")]})])
    reason = only_rejection(import_paths(store, [path])).reason
    assert "unknown label 'ORG'" in reason and reason.endswith("(or import with --labels FILE that defines it)")


# ------------------------------------------------------- batched writes


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 3 records, so a few files cross several batch boundaries."""
    from annotator.io import importer

    monkeypatch.setattr(importer._Batch, "RECORDS", 3)


def test_batches_keep_file_order_duplicates_and_rejections(store: Store, tmp_path: Path, small_batches: None) -> None:
    record = {"text": TEXT, "spans": [span("Taliban", "ACTOR")]}
    for i in range(8):
        (tmp_path / f"{i}a.txt").write_text(f"Article {i % 5}\n\nBody of article {i % 5}.\n", encoding="utf-8")
    (tmp_path / "3b.txt").write_bytes(b"")
    again = json.dumps({"text": "Article 1\n\nBody of article 1.\n"})
    write_lines(tmp_path / "4b.jsonl", [json.dumps(record), "{", again])
    report = import_paths(store, [tmp_path])
    assert (report.added, report.duplicates, report.files) == (6, 4, 10)
    assert [(r.file, r.line) for r in report.rejected] == [(str(tmp_path / "3b.txt"), None),
                                                           (str(tmp_path / "4b.jsonl"), 2)]
    titles = [store.get_document(i).title for i in report.added_ids]
    assert titles == ["Article 0", "Article 1", "Article 2", "Article 3", "Article 4", TEXT]
    assert report.added_ids == sorted(report.added_ids) == store.document_ids()
    (actor,) = store.spans(report.added_ids[5])
    assert TEXT[actor.start : actor.end] == "Taliban"
    assert store.check() == []


def test_stored_hash_is_the_text_hash_whatever_the_encoding(store: Store, tmp_path: Path) -> None:
    """Import hashes a plain UTF-8 file's bytes instead of encoding the text again: the identity must not change."""
    from annotator.core.text import text_hash

    text = "Zürich, 50 % — “quoted”\n\nsecond paragraph\n"
    (tmp_path / "a_plain.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b_crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "c_bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (tmp_path / "d_utf16.txt").write_text(text, encoding="utf-16")
    report = import_paths(store, [tmp_path])
    assert (report.added, report.duplicates) == (1, 3), report.rejected
    (doc,) = store.iter_documents()
    assert doc.text == text and doc.hash == text_hash(text)


def test_cancel_midway_stores_exactly_what_it_reports(store: Store, tmp_path: Path, small_batches: None) -> None:
    for i in range(10):
        (tmp_path / f"{i:02d}.txt").write_text(f"article {i}", encoding="utf-8")
    asked = iter(range(100))
    report = import_paths(store, [tmp_path], cancel=lambda: next(asked) >= 5)
    assert report.cancelled and report.added == 5 == store.count_documents()
    again = import_paths(store, [tmp_path])
    assert (again.added, again.duplicates) == (5, 5)


def test_a_failed_batch_write_leaves_earlier_batches(store: Store, tmp_path: Path, small_batches: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(7):
        (tmp_path / f"{i}.txt").write_text(f"article {i}", encoding="utf-8")
    real, calls = store.add_documents, []

    def second_fails(docs: Any) -> Any:
        calls.append(len(docs))
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(docs)

    monkeypatch.setattr(store, "add_documents", second_fails)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        import_paths(store, [tmp_path])
    assert store.count_documents() == 3 and calls == [3, 3]


@pytest.mark.parametrize("text", ["", " \n\t", "Title", "\n \n  Title  \nbody", "\u2028 \nx\x0bTitle\x0b\n", "a" * 300])
def test_title_from_the_first_line_only_equals_guess_title(text: str) -> None:
    from annotator.core.text import guess_title
    from annotator.io.importer import _title

    assert _title(text) == guess_title(text)
