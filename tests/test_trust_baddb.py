"""Bad databases: each gives a clear StoreError (or a read-only store) and the file's bytes stay as they were."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Document, Source, Span
from annotator.store.schema import SCHEMA_VERSION
from annotator.store.store import Store, StoreError

PAGE = 4096


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a healthy, checkpointed database with a few hundred documents."""
    path = tmp_path_factory.mktemp("good") / "good.db"
    with Store.open(path) as store, store.atomic():
        for i in range(200):
            doc_id, _ = store.add_document(Document(text=f"Article {i}: the Taliban said " + "more words " * 60))
            store.add_span(doc_id, Span(12, 19, "ACTOR", source=Source.ANNOTATOR, annotator="alice"))
    # Closing the last connection checkpoints the WAL into the main file and removes it.
    assert not Path(f"{path}-wal").exists()
    return path.read_bytes()


def _overwrite_pages(data: bytes, pages: range, fill: bytes) -> bytes:
    buf = bytearray(data)
    for page in pages:
        buf[page * PAGE : (page + 1) * PAGE] = (fill * PAGE)[:PAGE]
    return bytes(buf)


def _newer_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _not_ours(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()


CASES: dict[str, tuple[Callable[[bytes], bytes] | None, str]] = {
    "truncated to half": (lambda b: b[: len(b) // 2], "damaged"),
    "truncated inside the header page": (lambda b: b[:100], "damaged"),
    "truncated to one page": (lambda b: b[:PAGE], "damaged"),
    "header page garbage": (lambda b: b[:100] + os.urandom(PAGE - 100) + b[PAGE:], "damaged"),
    "b-tree pages overwritten with 0xff": (lambda b: _overwrite_pages(b, range(2, 5), b"\xff"), "damaged"),
    "b-tree pages zeroed": (lambda b: _overwrite_pages(b, range(3, 6), b"\x00"), "damaged"),
    "a text file": (lambda b: b"id,title\n1,Taliban\n", "not an SQLite database"),
    "a gzip file": (lambda b: b"\x1f\x8b\x08\x00" + os.urandom(500), "not an SQLite database"),
    "a JSONL file named .db": (lambda b: b'{"text": "x"}\n', "not an SQLite database"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_damaged_or_foreign_file_is_refused_untouched(case: str, good_db: bytes, db_path: Path) -> None:
    make, message = CASES[case]
    assert make is not None
    data = make(good_db)
    db_path.write_bytes(data)
    with pytest.raises(StoreError, match=message) as info:
        Store.open(db_path, verify=True).close()
    assert str(db_path) in str(info.value)  # the message names the file
    assert "nothing was changed" in str(info.value).lower()
    assert db_path.read_bytes() == data


@pytest.mark.parametrize("case", [c for c in CASES if "pages" in c])
def test_damage_met_without_verify_is_a_message_not_a_traceback(
    case: str, good_db: bytes, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening skips the full page check (it is slow on big files); the commands still fail cleanly."""
    from annotator.main import main

    make, _ = CASES[case]
    assert make is not None
    data = make(good_db)
    db_path.write_bytes(data)
    out = db_path.with_suffix(".jsonl")
    # Commands that write or export check every page first: nothing half-read goes out.
    assert main(["--db", str(db_path), "export", "--format", "jsonl", "--output", str(out), "--all"]) == 2
    assert "damaged" in capsys.readouterr().err
    assert not out.exists()
    # stats skips the page check (it must stay fast on big databases) yet never shows a traceback.
    assert main(["--db", str(db_path), "stats"]) in (0, 2)
    assert "Traceback" not in capsys.readouterr().err
    assert db_path.read_bytes() == data


@pytest.mark.parametrize(
    ("change", "message"),
    [(_newer_schema, "newer version of the annotator"), (_not_ours, "not an annotator database")],
)
def test_newer_or_foreign_sqlite_database_is_refused_untouched(
    change: Callable[[Path], None], message: str, good_db: bytes, db_path: Path
) -> None:
    if change is _not_ours:
        db_path.unlink(missing_ok=True)
    else:
        db_path.write_bytes(good_db)
    change(db_path)
    data = db_path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match=message):
            Store.open(db_path, readonly=readonly).close()
    assert db_path.read_bytes() == data


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


# ---------------------------------------------------------------- permissions


def _as_other_user(fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``fn`` in a forked child without root's power over permissions (nobody), or directly if not root."""
    if os.geteuid() != 0:
        return fn()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = fn()
        except BaseException:
            result = {"crash": traceback.format_exc()}
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    return dict(json.loads(b"".join(chunks)))


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the unprivileged child can reach (pytest's own tmp folder is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-trust-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


def _probe(db: Path) -> Callable[[], dict[str, Any]]:
    def probe() -> dict[str, Any]:
        try:
            store = Store.open(db)
        except StoreError as exc:
            return {"error": str(exc)}
        out: dict[str, Any] = {"readonly": store.readonly, "documents": store.count_documents()}
        try:
            store.add_span(1, Span(0, 7, "ACTOR", source=Source.ANNOTATOR, annotator="bob"))
            out["write"] = "ok"
        except StoreError as exc:
            out["write"] = str(exc)
        store.close()
        return out

    return probe


def _make_db(folder: Path) -> Path:
    db = folder / "annotations.db"
    with Store.open(db) as store:
        store.add_document(Document(text="Article: the Taliban said so."))
    return db


@pytest.mark.parametrize("folder_mode", [0o755, 0o777], ids=["read-only folder", "writable folder"])
def test_read_only_file_opens_read_only_or_is_refused_untouched(shared_tmp: Path, folder_mode: int) -> None:
    db = _make_db(shared_tmp)
    db.chmod(0o444)
    shared_tmp.chmod(folder_mode)
    before = db.read_bytes()
    result = _as_other_user(_probe(db))
    assert "crash" not in result, result.get("crash")
    if folder_mode == 0o777:
        # Readable but not writable: a read-only session the app can show with a banner.
        assert result == {
            "readonly": True, "documents": 1, "write": f"{db}: opened read-only; the change was not saved"
        }
    else:
        assert "folder" in result["error"] and "not writable" in result["error"]
    assert db.read_bytes() == before


def test_writable_file_in_read_only_folder_is_refused_untouched(shared_tmp: Path) -> None:
    db = _make_db(shared_tmp)
    db.chmod(0o666)
    shared_tmp.chmod(0o555)
    before = db.read_bytes()
    result = _as_other_user(_probe(db))
    assert "crash" not in result, result.get("crash")
    assert "not writable" in result["error"] and "Nothing was changed" in result["error"]
    assert db.read_bytes() == before


def test_new_database_in_read_only_folder_is_refused(shared_tmp: Path) -> None:
    shared_tmp.chmod(0o555)
    result = _as_other_user(_probe(shared_tmp / "new.db"))
    assert "crash" not in result, result.get("crash")
    assert "folder is not writable" in result["error"]
    assert list(shared_tmp.iterdir()) == []


# ---------------------------------------------------------------- backup and check


def test_backup_is_a_consistent_copy_and_never_overwrites(good_db: bytes, db_path: Path, tmp_path: Path) -> None:
    db_path.write_bytes(good_db)
    with Store.open(db_path) as store:
        store.add_span(1, Span(0, 7, "ACTOR", source=Source.ANNOTATOR, annotator="bob"))  # still in the WAL
        target = tmp_path / "backup.db"
        store.backup(target)
        existing = tmp_path / "keep.db"
        existing.write_bytes(b"precious")
        with pytest.raises(StoreError, match="already exists"):
            store.backup(existing)
        assert existing.read_bytes() == b"precious"
        with Store.open(target, readonly=True) as copy:
            assert copy.check() == []
            assert copy.count_documents() == store.count_documents() == 200
            assert [s.key for s in copy.spans(1)] == [s.key for s in store.spans(1)]


def test_check_reports_a_broken_index(good_db: bytes, db_path: Path) -> None:
    """check() runs the full integrity check: damage quick_check at open cannot see is still reported."""
    db_path.write_bytes(good_db)
    conn = sqlite3.connect(db_path)
    # Make the index disagree with its table without touching the b-tree structure.
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'status)', 'updated)') WHERE name = 'documents_status'")
    conn.commit()
    conn.close()
    with Store.open(db_path) as store:
        problems = store.check()
    assert problems and any("documents_status" in p for p in problems)


def test_check_and_backup_commands(good_db: bytes, db_path: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.main import main

    db_path.write_bytes(good_db)
    assert main(["--db", str(db_path), "check"]) == 0
    backup = tmp_path / "copy.db"
    assert main(["--db", str(db_path), "backup", str(backup)]) == 0
    assert main(["--db", str(db_path), "backup", str(backup)]) == 2  # never overwrites
    capsys.readouterr()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'status)', 'updated)') WHERE name = 'documents_status'")
    conn.commit()
    conn.close()
    assert main(["--db", str(db_path), "check"]) == 2
    err = capsys.readouterr().err
    assert "documents_status" in err and "restore a backup" in err and "Traceback" not in err
    with Store.open(backup) as copy:
        assert copy.check() == [] and copy.count_documents() == 200
