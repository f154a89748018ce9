"""A full disk and killed or failing backups, through the `annotator` process.

The full disk is real: a tiny tmpfs mounted in a private mount namespace (``unshare -rm``,
which needs no root where unprivileged user namespaces are allowed). Where that is not
possible the tests are skipped and ``test_disk_full_errors_are_sorted_by_sqlite_code``
still checks the mapping with the error SQLite raises for it (SQLITE_FULL).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.store import Store
from annotator.store.errors import DiskFullError, sqlite_error

ROOT = Path(__file__).resolve().parent.parent
ANNOTATOR = [sys.executable, "-m", "annotator"]


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("ANNOTATOR_DB", None)
    return env


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare") or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


needs_tmpfs = pytest.mark.skipif(not _can_mount_tmpfs(), reason="cannot mount a tmpfs (unshare -rm)")


def on_small_disk(folder: Path, kib: int, fill_kib: int, *command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with ``folder`` a tmpfs of ``kib`` KiB, ``fill_kib`` of it already taken."""
    script = (
        f"mount -t tmpfs -o size={kib}k tmpfs {shlex.quote(str(folder))} && "
        f"dd if=/dev/zero of={shlex.quote(str(folder / 'filler'))} bs=1k count={fill_kib} 2>/dev/null; "
        f"{shlex.join(command)}; status=$?; ls -A {shlex.quote(str(folder))}; exit $status"
    )
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=_env(),
                          timeout=120)


def _articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(f"Article {n}\n\nThe council met on Monday.\n", encoding="utf-8")
    return folder


@needs_tmpfs
@pytest.mark.parametrize("fill_kib", [64, 60, 48, 16], ids=["no room", "4 KiB free", "16 KiB free", "48 KiB free"])
def test_a_new_database_on_a_full_disk_says_so_and_leaves_no_file(tmp_path: Path, fill_kib: int) -> None:
    full = tmp_path / "full"
    full.mkdir()
    db = full / "new.db"
    result = on_small_disk(full, 64, fill_kib, *ANNOTATOR, "--db", str(db), "import", str(_articles(tmp_path)))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the disk is full; the new database was not created" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    # `ls -A` of the full folder, printed before the tmpfs went away:
    assert result.stdout.split() == ["filler"], f"left behind on the full disk: {result.stdout!r}"


@pytest.fixture
def big_db(tmp_path: Path) -> Path:
    db = tmp_path / "big.db"
    with Store.open(db) as store, store.atomic():
        for i in range(400):
            store.add_document(Document(text=f"Article {i}: " + "the council met and said more words. " * 40))
    return db


@needs_tmpfs
def test_a_backup_that_runs_out_of_room_leaves_nothing_that_looks_like_a_backup(big_db: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    target = full / "backup.db"
    result = on_small_disk(full, 256, 0, *ANNOTATOR, "--db", str(big_db), "backup", str(target))
    assert result.returncode == 2
    assert f"{target}: the disk is full; no backup was written" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.split() == ["filler"], f"left behind: {result.stdout!r}"
    check = subprocess.run([*ANNOTATOR, "--db", str(big_db), "check"], capture_output=True, text=True, env=_env())
    assert check.returncode == 0, check.stderr  # and the database itself is untouched


def test_a_killed_backup_leaves_no_backup_and_the_next_one_cleans_up(big_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "backup.db"
    target.parent.mkdir()
    killed = False
    for _attempt in range(20):  # kill it while SQLite is writing the copy
        proc = subprocess.Popen([*ANNOTATOR, "--db", str(big_db), "backup", str(target)], env=_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not any(target.parent.iterdir()) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed = proc.wait() == -signal.SIGKILL
        proc.wait()
        if killed:
            break
        for leftover in target.parent.iterdir():
            leftover.unlink()
    if not killed:
        pytest.skip("the backup always finished before it could be killed")
    names = [p.name for p in target.parent.iterdir()]
    assert not target.exists()
    assert names and all(n.startswith(".backup.db.") and n.endswith((".backup-part", ".backup-part-journal"))
                         for n in names), names  # hidden, and named as unfinished
    result = subprocess.run([*ANNOTATOR, "--db", str(big_db), "backup", str(target)], env=_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in target.parent.iterdir()] == ["backup.db"]  # the killed one's part file is gone
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 400
    finally:
        conn.close()


def test_disk_full_errors_are_sorted_by_sqlite_code(tmp_path: Path) -> None:
    """Without a tmpfs: the error SQLite raises on a full disk becomes the disk-full message, by its code."""
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    error = sqlite_error(str(tmp_path / "x.db"), exc, "nothing was changed")
    assert isinstance(error, DiskFullError) and "the disk is full; nothing was changed" in str(error)
    exc.sqlite_errorcode = sqlite3.SQLITE_CORRUPT  # type: ignore[attr-defined]
    assert sqlite_error(str(tmp_path / "x.db"), exc, "nothing was changed") is None
