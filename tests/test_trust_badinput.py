"""The bad-input corpus (tests/data/bad/): each file and line gets its designed message, nothing else breaks.

For every file: the rejections name the file, the physical line and the
reason; valid records of the same file are imported whole with correct
offsets; the database passes its integrity check; the command line prints
``FILE:LINE: reason`` and exits 1, never with a traceback.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from annotator.core.model import SpanStatus
from annotator.io.importer import ImportReport, import_paths
from annotator.main import main
from annotator.store import Store

BAD = Path(__file__).resolve().parent / "data" / "bad"


def _load_make_bad() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_bad = _load_make_bad()

# line -> pieces the reason must contain, for malformed.jsonl (and its CRLF twin).
MALFORMED_REJECTIONS: dict[int, tuple[str, ...]] = {
    3: ("invalid JSON", "Unterminated string", "column 10"),
    5: ("invalid JSON", "control character", "column 19"),
    6: ("NaN",),
    7: ("start", "boolean"),
    8: ("start", "decimal", "3.0"),
    9: ("duplicate key", '"text"'),
    10: ("lone surrogate U+D800",),
    13: ("unknown label", "'R&D'"),
    14: ("unknown label", "'<b>PER</b>'"),
    15: ("unknown label", "DROP TABLE spans"),
    16: ("unknown label", "U+0410 CYRILLIC CAPITAL LETTER A"),
    17: ("NUL",),
    18: ('"text" must be a string',),
    19: ("expected a JSON object",),
    20: ("outside the text",),
    21: ("splits a character",),
    22: ("outside the text",),
    23: ("number 1e400 is out of range",),
    24: ("nested too deeply",),
    25: ('missing "text"',),
    26: ('"Pakistan" does not match', '"Taliban"'),
    27: ("empty text",),
    30: ('"spans" must be a list',),
    31: ("relation 1", "not among the record's spans"),
}
# line -> (span text, label) of the valid records that must be imported in spite of their neighbours.
MALFORMED_VALID = {
    1: ("Taliban", "ACTOR"),
    11: ("Pakistan", "ACTOR"),
    12: ("50 civilians", "FIGURE"),
    28: ("Taliban", "ACTOR"),
    29: ("Taliban", "ACTOR"),
}

# Whole files refused: name -> (line or None, reason pieces)
FILE_REJECTIONS: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "empty.jsonl": (None, ("empty file",)),
    "blank_lines.jsonl": (None, ("empty file", "no records")),
    "empty.txt": (None, ("empty file",)),
    "whitespace.txt": (None, ("empty file",)),
    "bom_only.txt": (None, ("empty file",)),
    "cp1252.txt": (1, ("not valid UTF-8", "byte 0xE9", "byte offset 3", "save it as UTF-8")),
    "cp1252.jsonl": (2, ("not valid UTF-8", "byte 0x93", "save it as UTF-8")),
    "utf16_no_bom.txt": (None, ("looks like UTF-16 without a byte-order mark", "save it as UTF-8")),
    "binary.txt": (None, ("binary file", "NUL byte at byte offset 8")),
    "binary.jsonl": (None, ("binary file",)),
    "surrogate_bytes.txt": (1, ("not valid UTF-8", "byte 0xED")),
    "article.jsonl.gz": (None, ("cannot import .gz",)),
    "notes.csv": (None, ("cannot import .csv",)),
}
# Files that import fine: name -> number of documents.
FILE_IMPORTS = {"utf16.txt": 1, "utf16.jsonl": 2, "crlf_and_bom.txt": 1}


def test_committed_corpus_matches_its_generator() -> None:
    for name, data in make_bad.SMALL.items():
        assert (BAD / name).read_bytes() == data, f"tests/data/bad/{name} is stale: run make_bad.py"


def _assert_consistent(store: Store) -> None:
    assert store.check() == []
    tables = {r[0] for r in store.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "spans", "relations", "annotators", "settings"} <= tables
    for doc in store.iter_documents():
        for span in store.spans(doc.id or 0):
            assert 0 <= span.start < span.end <= len(doc.text)


def _pieces_in(reason: str, pieces: tuple[str, ...]) -> None:
    for piece in pieces:
        assert piece in reason, f"{piece!r} not in {reason!r}"


@pytest.mark.parametrize("name", ["malformed.jsonl", "malformed_crlf.jsonl"])
def test_each_malformed_line_is_rejected_alone_and_valid_lines_are_imported(store: Store, name: str) -> None:
    path = BAD / name
    report = import_paths(store, [path])
    got = {r.line: r for r in report.rejected}
    assert sorted(got, key=str) == sorted(MALFORMED_REJECTIONS, key=str), [str(r) for r in report.rejected]
    for line, pieces in MALFORMED_REJECTIONS.items():
        assert got[line].file == str(path)
        _pieces_in(got[line].reason, pieces)
        assert str(got[line]).startswith(f"{path}:{line}: ")
    # Line 32 repeats line 1's text: a duplicate, not a second document.
    assert (report.added, report.duplicates) == (len(MALFORMED_VALID), 1)
    docs = {doc.id: doc for doc in store.iter_documents()}
    assert len(docs) == len(MALFORMED_VALID)
    seen = set()
    for doc_id in report.added_ids:
        doc = docs[doc_id]
        (span,) = store.spans(doc_id)
        seen.add((doc.text[span.start : span.end], span.label))
        assert span.status is SpanStatus.ACCEPTED
    assert seen == set(MALFORMED_VALID.values())
    texts = {doc.text for doc in docs.values()}
    # U+2028/U+2029 inside a string are content, kept as they are; CRLF inside a string became LF.
    assert "Line\u2028separator and\u2029paragraph: Pakistan replied." in texts
    assert "Valid three.\nThe Taliban." in texts
    # Hostile strings are stored literally; the tables they name still exist.
    hostile = next(d for d in docs.values() if d.text.startswith('x"); DROP TABLE'))
    assert hostile.title == '<b>PER</b> x"); DROP TABLE documents;--'
    assert hostile.source == "<script>alert(1)</script>"
    _assert_consistent(store)


@pytest.mark.parametrize("name", sorted(FILE_REJECTIONS))
def test_bad_file_is_refused_with_its_designed_message(store: Store, name: str) -> None:
    line, pieces = FILE_REJECTIONS[name]
    report = import_paths(store, [BAD / name])
    assert report.added == 0
    (rejection,) = report.rejected
    assert (rejection.file, rejection.line) == (str(BAD / name), line)
    _pieces_in(rejection.reason, pieces)
    assert store.count_documents() == 0
    _assert_consistent(store)


@pytest.mark.parametrize("name", sorted(FILE_IMPORTS))
def test_odd_but_valid_files_are_imported(store: Store, name: str) -> None:
    report = import_paths(store, [BAD / name])
    assert (report.added, report.rejected) == (FILE_IMPORTS[name], [])
    for doc in store.iter_documents():
        assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    _assert_consistent(store)


def test_the_whole_folder_at_once_keeps_going(store: Store) -> None:
    """One import of every bad file together: each problem reported, the good records still in."""
    report = import_paths(store, [BAD])
    by_file: dict[str, list[int | None]] = {}
    for r in report.rejected:
        by_file.setdefault(Path(r.file).name, []).append(r.line)
    assert sorted(by_file["malformed.jsonl"], key=str) == sorted(MALFORMED_REJECTIONS, key=str)
    # A folder skips files it cannot import (.gz, .csv, .py) instead of rejecting them.
    for name in set(FILE_REJECTIONS) - {"article.jsonl.gz", "notes.csv"}:
        assert by_file[name] == [FILE_REJECTIONS[name][0]], name
    assert {Path(p).name for p in report.ignored} >= {"article.jsonl.gz", "notes.csv", "make_bad.py"}
    # The CRLF twin and utf16.jsonl repeat texts of malformed.jsonl: duplicates, not new documents.
    assert report.added == len(MALFORMED_VALID) + FILE_IMPORTS["utf16.txt"] + FILE_IMPORTS["crlf_and_bom.txt"]
    assert report.duplicates == 1 + len(MALFORMED_VALID) + 1 + FILE_IMPORTS["utf16.jsonl"]
    _assert_consistent(store)


@pytest.fixture(scope="module")
def large_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("large")
    return {p.name: p for p in make_bad.write_large(folder)}


def test_a_1_5_million_character_article_is_refused(store: Store, large_files: dict[str, Path]) -> None:
    report = import_paths(store, [large_files["long_article.txt"]])
    (rejection,) = report.rejected
    assert rejection.line is None and "1,500,000 characters" in rejection.reason and "1,000,000" in rejection.reason
    report = import_paths(store, [large_files["long_article.jsonl"]])
    assert [(r.line, "1,500,000 characters" in r.reason) for r in report.rejected] == [(2, True)]
    assert report.added == 2  # the records around it
    # With a higher limit it goes in whole, offsets intact at the far end.
    report = import_paths(store, [large_files["long_article.txt"]], max_chars=2_000_000)
    assert report.added == 1
    doc = store.get_document(report.added_ids[0])
    assert len(doc.text) == 1_500_000
    _assert_consistent(store)


def test_a_gzip_bomb_is_never_opened(
    store: Store, large_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer opened a gzip file")

    monkeypatch.setattr(gzip, "open", refuse)
    monkeypatch.setattr(gzip, "GzipFile", refuse)
    report = import_paths(store, [large_files["bomb.jsonl.gz"]])
    (rejection,) = report.rejected
    assert "cannot import .gz" in rejection.reason
    assert store.count_documents() == 0


# ------------------------------------------------------------------ the command line


def test_command_line_prints_file_line_reason_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    status = main(["--db", str(db), "import", str(BAD / "malformed.jsonl"), str(BAD / "cp1252.txt"),
                   str(BAD / "empty.jsonl")])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in err + out
    lines = [line for line in err.splitlines() if line.startswith(str(BAD))]
    expected = {f"{BAD / 'malformed.jsonl'}:{n}: " for n in MALFORMED_REJECTIONS}
    expected |= {f"{BAD / 'cp1252.txt'}:1: ", f"{BAD / 'empty.jsonl'}: "}
    assert {line[: len(p)] for line in lines for p in expected if line.startswith(p)} == expected
    assert len(lines) == len(expected)
    assert f"{len(MALFORMED_VALID)} added" in out
    with Store.open(db) as store:
        assert store.count_documents() == len(MALFORMED_VALID)
        _assert_consistent(store)


def test_command_line_on_a_damaged_database_exits_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"this is not a database")
    status = main(["--db", str(db), "import", str(BAD / "utf16.txt")])
    _, err = capsys.readouterr()
    assert status == 2
    assert "not an SQLite database" in err and "Traceback" not in err
    assert db.read_bytes() == b"this is not a database"


def test_report_counts_add_up(store: Store) -> None:
    report: ImportReport = import_paths(store, [BAD / "malformed.jsonl"])
    records = sum(1 for line in (BAD / "malformed.jsonl").read_text(encoding="utf-8").split("\n") if line.strip())
    assert report.added + report.duplicates + len(report.rejected) == records


def test_sql_metacharacters_in_a_search_are_literal(store: Store) -> None:
    import_paths(store, [BAD / "malformed.jsonl"])
    for search in ['x"); DROP TABLE', "%", "_", "\\", "'; --"]:
        found = store.list_documents(search=search)
        assert all(search in (d.title + store.get_document(d.id).text) for d in found)
    assert store.list_documents(search='x"); DROP TABLE')
    with pytest.raises(sqlite3.OperationalError):
        store.db.conn.execute("SELECT * FROM no_such_table")  # the connection still works normally
    _assert_consistent(store)
