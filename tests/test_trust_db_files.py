"""No code path opens a database file this process has open with plain file I/O (the class behind
"edits vanish when a second process touches the database"), and import, export and backup refuse
the database's own files. The whole-app proof is tests/test_trust_live_db.py; these are the fast checks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Document, Source, Span, SpanStatus
from annotator.main import main
from annotator.store import Store
from annotator.store.files import live_database_of

ROOT = Path(__file__).resolve().parent.parent
_watched: set[str] = set()
_seen: list[str] = []


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _watched or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    try:
        path = os.path.realpath(os.fsdecode(args[0]))
    except (TypeError, ValueError):
        return
    if path in _watched:
        _seen.append(path)


sys.addaudithook(_hook)  # audit hooks cannot be removed: it only records while _watched is set


@pytest.fixture
def plain_opens(db_path: Path) -> Iterator[list[str]]:
    """Every open() of the database or its -wal/-shm/-journal by Python code while the test runs."""
    _seen.clear()
    _watched.update(os.path.realpath(f"{db_path}{s}") for s in ("", "-wal", "-shm", "-journal"))
    yield _seen
    _watched.clear()


@pytest.fixture
def live(db_path: Path) -> Iterator[Store]:
    """The database, open as the app holds it, with one accepted span."""
    store = Store.open(db_path)
    store.add_document(Document(text="Zabihullah Mujahid said the talks would go on.", title="t"))
    store.add_span(1, Span(0, 18, "ACTOR", status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, annotator="a"))
    yield store
    store.close()


def _deleted(db_path: Path) -> list[str]:
    if not Path("/proc/self/fd").is_dir():
        return []
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(db_path)) and target.endswith("(deleted)"):
            out.append(target)
    return out


def test_every_command_alongside_an_open_database_leaves_its_locks_alone(
    live: Store, db_path: Path, tmp_path: Path, plain_opens: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe council met on Monday.", encoding="utf-8")
    db = ["--db", str(db_path)]
    # The same commands in this process (as the app's jobs run them), then in another process.
    assert main([*db, "stats"]) == 0
    assert main([*db, "export", "--format", "jsonl", "--output", str(tmp_path / "o.jsonl"), "--all"]) == 0
    assert main([*db, "import", str(article)]) == 0
    assert main([*db, "backup", str(tmp_path / "b.db")]) == 0
    assert main([*db, "check"]) == 0
    Store.open(db_path).close()  # a background job's own connection
    assert plain_opens == []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for command in (["stats"], ["check"]):
        result = subprocess.run([sys.executable, "-m", "annotator", *db, *command], env=env, capture_output=True)
        assert result.returncode == 0
    assert _deleted(db_path) == []
    # The edit made now is seen by another process, and is in the -wal file that still has its name.
    live.add_span(1, Span(28, 33, "ACTOR", status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, annotator="a"))
    other = sqlite3.connect(db_path)
    try:
        assert other.execute("SELECT count(*) FROM spans WHERE doc_id = 1").fetchone()[0] == 2
    finally:
        other.close()
    assert _deleted(db_path) == []


@pytest.mark.parametrize("which", ["", "-wal", "-shm", "symlink"])
def test_importing_the_database_itself_is_refused_unread(
    live: Store, db_path: Path, tmp_path: Path, which: str, plain_opens: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The names it would take to import them (.jsonl / .txt), as links, so that the file is the database.
    name = tmp_path / f"records{which or '-db'}.jsonl"
    target = db_path if which in ("", "symlink") else Path(f"{db_path}{which}")
    if which == "symlink":
        name.symlink_to(target)
    else:
        os.link(target, name)
    assert main(["--db", str(db_path), "import", str(name)]) == 1
    err = capsys.readouterr().err
    assert f"{name}: is the annotation database itself" in err and "Traceback" not in err
    assert plain_opens == [] and _deleted(db_path) == []


@pytest.mark.parametrize("which", ["", "-wal", "-shm", "-journal"])
def test_exporting_or_backing_up_onto_the_database_is_refused(
    live: Store, db_path: Path, which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = f"{db_path}{which}"
    # SQLite itself writes to these files meanwhile: what must not change is which file has the name.
    before = os.stat(target).st_ino if Path(target).exists() else None
    assert main(["--db", str(db_path), "export", "--format", "jsonl", "--output", target, "--all"]) == 2
    assert "is the annotation database" in capsys.readouterr().err
    assert main(["--db", str(db_path), "backup", target]) == 2
    assert "is this database" in capsys.readouterr().err
    assert (os.stat(target).st_ino if Path(target).exists() else None) == before
    assert _deleted(db_path) == []
    assert live.check() == []


def test_exporting_over_another_sqlite_database_is_refused(db_path: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.db"
    Store.open(other).close()
    before = other.read_bytes()
    with Store.open(db_path) as store:
        store.add_document(Document(text="Some text.", title="t"))
    assert main(["--db", str(db_path), "export", "--format", "jsonl", "--output", str(other), "--all"]) == 2
    assert "is an SQLite database; an export never replaces one" in capsys.readouterr().err
    assert other.read_bytes() == before


def test_live_database_of_knows_names_links_and_closed_stores(db_path: Path, tmp_path: Path) -> None:
    store = Store.open(db_path)
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    assert live_database_of(db_path) and live_database_of(f"{db_path}-journal")  # not there yet: by name
    assert live_database_of(link)
    assert live_database_of(tmp_path / "other.db") is None
    store.close()
    assert live_database_of(db_path) is None


def _shared_lock_taken(db_path: Path) -> bool:
    """Whether some process holds SQLite's shared lock on the database (asked from another process)."""
    probe = (
        "import fcntl, os, sys\n"
        "fd = os.open(sys.argv[1], os.O_RDWR)\n"
        "try:\n"
        "    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000002)\n"  # SQLite's shared byte range
        "except OSError:\n"
        "    sys.exit(1)\n"
    )
    return subprocess.run([sys.executable, "-c", probe, str(db_path)], timeout=60).returncode == 1


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
@pytest.mark.skipif(os.name != "posix", reason="POSIX advisory locks")
def test_the_file_dialogs_list_the_database_folder_without_opening_the_database(
    qtbot: Any, live: Store, db_path: Path
) -> None:
    """Qt's own dialog reads every listed file to guess its type; closing that descriptor drops the lock."""
    from annotator.ui import file_dialogs

    assert _shared_lock_taken(db_path)  # the open store holds it, as the window's does
    for mode in ("open", "save"):
        dialog = file_dialogs.file_dialog(None, "Import", str(db_path.parent))
        if mode == "save":
            dialog.setAcceptMode(dialog.AcceptMode.AcceptSave)
        dialog.show()
        qtbot.wait(1500)  # the dialog lists the folder and gathers icons in a thread
        dialog.close()
        dialog.deleteLater()
        assert _shared_lock_taken(db_path), f"the {mode} dialog dropped SQLite's lock on the database"
