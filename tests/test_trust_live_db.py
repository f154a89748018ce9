"""The real app process keeps every edit it shows as saved while other processes use the same database.

The app runs as its own process (``tests/helpers/app_driver.py`` runs ``annotator.main``
unchanged and types into the window); the command line runs alongside (stats, export,
import, backup, check), then a second app instance; both apps are killed with SIGKILL.
Every edit a window showed must be in the database, which must pass SQLite's integrity
check. While they run, no database file may show as "(deleted)" in /proc/PID/fd (the
-wal and -shm files of a process that lost its locks are deleted by the next process
that closes the database) and no Python code in the app may open a database file with
plain file I/O (that is what drops the locks).
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "helpers" / "app_driver.py"

pytestmark = [
    pytest.mark.slow,  # two app processes, each loading the spaCy model as the app does
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL and POSIX advisory locks"),
]

ARTICLE = (
    "Article {n}\n\nThe council met on Monday and the minister said the talks would go on. "
    "Officials from Pakistan and the United Nations agreed. Reuters reported 50 civilians died.\n"
)


def _env(tmp_path: Path, annotator: str) -> dict[str, str]:
    """A private settings folder per app instance: a name (no first-run question) and exact selections."""
    config = tmp_path / f"config-{annotator}"
    (config / "news-annotator").mkdir(parents=True, exist_ok=True)
    (config / "news-annotator" / "annotator.ini").write_text(
        f"[user]\nannotator={annotator}\nseen_hint=true\n[editing]\nsnap_to_tokens=false\n", encoding="utf-8"
    )
    env = dict(os.environ, XDG_CONFIG_HOME=str(config), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("ANNOTATOR_DB", None)
    return env


def annotator(db: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The command line, as its own process, on the same database."""
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args], env=env, capture_output=True, text=True,
        timeout=120,
    )


class App:
    """One real app process on ``db``, typed into through the driver."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(DRIVER), "--db", str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=env,
        )
        self.pid = self.proc.pid
        self.failures: list[str] = []
        self.answers: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.answers.put(line.strip())
        self.answers.put("")

    def ask(self, line: str, timeout: float = 90) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        try:
            answer = self.answers.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"the app did not answer {line!r} within {timeout} s (a message box, or hung)")
        assert answer, f"the app died: {self.stderr()}"
        return answer

    def ready(self) -> None:
        answer = self.ask("ready")
        assert answer == "READY", answer

    def label(self, doc: int, start: int, end: int, key: str = "1") -> list[dict[str, Any]]:
        """The edit the window showed as made ([] if it showed an error instead; see ``failures``)."""
        answer = self.ask(f"label {doc} {start} {end} {key}")
        if not answer.startswith("ACK "):
            self.failures.append(answer)
            return []
        ack = json.loads(answer[4:])
        assert ack["status"] == "accepted"
        return [ack]

    def plain_opens(self) -> list[str]:
        answer = self.ask("opens")
        assert answer.startswith("OPENS "), answer
        return list(json.loads(answer[6:]))

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read()


@pytest.fixture
def apps() -> Iterator[list[App]]:
    started: list[App] = []
    yield started
    for app in started:
        if app.proc.poll() is None:
            app.kill()
        for stream in (app.proc.stdin, app.proc.stdout, app.proc.stderr):
            if stream is not None:
                stream.close()


def deleted_database_files(pid: int, db: Path) -> list[str]:
    """The database files process ``pid`` holds open that no longer have a name (Linux /proc)."""
    found = []
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith(str(db)) and target.endswith("(deleted)"):
            found.append(target)
    return found


def words(text: str, n: int, *, skip: int = 0) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{4,}", text)][skip : skip + n]


def test_every_edit_the_app_showed_survives_the_command_line_a_second_window_and_sigkill(
    tmp_path: Path, apps: list[App]
) -> None:
    db = tmp_path / "shared.db"
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(1, 5):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    cli_env = _env(tmp_path, "cli")
    assert annotator(db, "import", str(folder), env=cli_env).returncode == 0
    with sqlite3.connect(db) as conn:
        texts = dict(conn.execute("SELECT id, text FROM documents").fetchall())
    conn.close()
    on_linux = Path("/proc/self/fd").is_dir()

    deleted: list[str] = []  # collected, not asserted at once: the lost edits are the first thing to see

    def no_deleted_files(*running: App) -> None:
        if on_linux:
            for app in running:
                deleted.extend(deleted_database_files(app.pid, db))

    alice = App(db, _env(tmp_path, "alice"))
    apps.append(alice)
    alice.ready()  # the window is shown and its background work (page check, model) has run
    no_deleted_files(alice)
    acked: list[dict[str, Any]] = []
    doc1, doc3 = iter(words(texts[1], 8)), iter(words(texts[3], 8))

    acked += alice.label(1, *next(doc1))
    for command in (["stats"], ["export", "--format", "jsonl", "--output", str(tmp_path / "out.jsonl"), "--all"]):
        result = annotator(db, *command, env=cli_env)
        assert result.returncode == 0, result.stderr
        no_deleted_files(alice)
        acked += alice.label(1, *next(doc1))
    extra = tmp_path / "extra.txt"
    extra.write_text(ARTICLE.format(n="extra, imported while the app runs"), encoding="utf-8")
    result = annotator(db, "import", str(extra), env=cli_env)
    assert result.returncode == 0, result.stderr
    acked += alice.label(3, *next(doc3))
    no_deleted_files(alice)

    bob = App(db, _env(tmp_path, "bob"))  # a second window on the same file
    apps.append(bob)
    bob.ready()
    doc2 = iter(words(texts[2], 8))
    for _ in range(3):
        acked += bob.label(2, *next(doc2))
        acked += alice.label(3, *next(doc3))
    for command in (["stats"], ["backup", str(tmp_path / "backup.db")], ["check"]):
        result = annotator(db, *command, env=cli_env)
        assert result.returncode == 0, result.stderr
        no_deleted_files(alice, bob)
        acked += alice.label(1, *next(doc1))
        acked += bob.label(2, *next(doc2))
    plain_opens = alice.plain_opens() + bob.plain_opens()

    time.sleep(0.2)  # nothing is waiting to be written: each edit was committed before it was shown
    alice.kill()
    bob.kill()

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = set(conn.execute("SELECT doc_id, start, \"end\", label FROM spans WHERE status = 'accepted'"))
    finally:
        conn.close()
    missing = [a for a in acked if (a["doc"], a["start"], a["end"], a["label"]) not in stored]
    assert not missing, f"{len(missing)} of {len(acked)} edits the windows showed as saved are lost: {missing}"
    assert deleted == [], "the app wrote into -wal/-shm files that another process had deleted"
    assert alice.failures + bob.failures == [], "edits refused with an error"
    assert plain_opens == [], "Python code in the app opened a database file with plain file I/O"
    assert len(acked) == 16
