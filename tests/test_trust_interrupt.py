"""`annotator suggest --processes N` stopped with Ctrl+C or SIGTERM: it stops within seconds, leaves no
worker process behind, prints no traceback, keeps what it finished, and a second run doubles nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,  # loads the trained model in the command line and in its workers
    pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="finds worker processes in /proc"),
]

SENTENCES = (
    "“We will not leave,” said Zabihullah Mujahid, the Taliban spokesman, adding that 50 civilians died in Kabul. "
    "Pakistani officials said the talks with the United Nations would continue on Monday. "
)
N_DOCS = 60


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("ANNOTATOR_DB", None)
    return env


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a database with N_DOCS articles and no suggestions yet."""
    folder = tmp_path_factory.mktemp("suggest")
    records = folder / "articles.jsonl"
    records.write_text(
        "".join(json.dumps({"text": f"Report {i}. " + SENTENCES * 4}) + "\n" for i in range(N_DOCS)), encoding="utf-8"
    )
    db = folder / "s.db"
    result = subprocess.run([sys.executable, "-m", "annotator", "--db", str(db), "import", str(records)],
                            env=_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return db.read_bytes()


def _suggested_docs(db: Path) -> dict[int, list[int]]:
    """Span ids of each document that has suggestions."""
    conn = sqlite3.connect(db)
    try:
        out: dict[int, list[int]] = {}
        for doc_id, span_id in conn.execute("SELECT doc_id, id FROM spans ORDER BY id"):
            out.setdefault(doc_id, []).append(span_id)
        return out
    finally:
        conn.close()


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("PPid:") and int(line.split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "zombie" not in status


@pytest.mark.parametrize("how", ["Ctrl+C", "SIGTERM"])
def test_interrupted_suggest_stops_at_once_leaves_no_worker_and_keeps_its_work(
    how: str, imported: bytes, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    db.write_bytes(imported)
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", "--db", str(db), "suggest", "--processes", "2", "--batch-size", "2"],
        env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        # as from a terminal: a suite started in the background (`pytest &`) ignores SIGINT, and a child
        # inherits that, so Ctrl+C would never reach it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 240
        while len(_suggested_docs(db)) < 4:  # interrupt in the middle of the run
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "suggest saved nothing in 240 s"
            workers = _children(proc.pid) or workers
            time.sleep(0.2)
        workers = _children(proc.pid) or workers
        assert len(workers) >= 2, "the workers run as child processes"
        sent = time.monotonic()
        if how == "Ctrl+C":
            os.killpg(proc.pid, signal.SIGINT)  # a terminal sends Ctrl+C to the whole process group
        else:
            proc.send_signal(signal.SIGTERM)  # `kill PID`: the command line process only
        try:
            _out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail(f"suggest did not stop within 20 s of {how}")
        stopped_in = time.monotonic() - sent
        time.sleep(0.3)
        left = [pid for pid in workers if _alive(pid)]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert left == [], f"worker processes left behind after {how}: {left}"
    assert stopped_in < 10, f"took {stopped_in:.1f} s to stop"
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Warning" not in err, err
    assert "interrupted; everything finished so far is saved" in err
    saved = _suggested_docs(db)
    assert 4 <= len(saved) < N_DOCS

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    # The next run does the rest: what was saved is kept as it was, nothing is suggested twice.
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), "suggest", "--processes", "2"],
        env=_env(), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert f"{len(saved)} documents already had suggestions" in result.stdout, result.stdout
    after = _suggested_docs(db)
    assert len(after) == N_DOCS
    assert {doc: after[doc] for doc in saved} == saved  # the same spans, not deleted and made again
    conn = sqlite3.connect(db)
    try:
        doubled = conn.execute(
            'SELECT count(*) FROM (SELECT 1 FROM spans GROUP BY doc_id, start, "end", label HAVING count(*) > 1)'
        ).fetchone()[0]
        per_doc = {n for (n,) in conn.execute("SELECT count(*) FROM spans GROUP BY doc_id")}
    finally:
        conn.close()
    assert doubled == 0
    assert len(per_doc) == 1  # the articles differ only in their number: each has the same spans
