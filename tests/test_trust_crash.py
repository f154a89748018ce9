"""Crash safety: an editing process killed with SIGKILL at random moments loses no acknowledged edit.

The editor (tests/helpers/store_editor.py) prints a line after each edit's
commit returned, as the app shows an edit as made only after the store call
returned. We kill it at random times, many times over the same database file,
and after each kill check that every acknowledged edit is there and that
``PRAGMA integrity_check`` is ok.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import DocStatus, SpanStatus
from annotator.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "tests" / "helpers" / "store_editor.py"
KILLS = int(os.environ.get("TRUST_KILLS", "20"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _wait_for(path: Path, marker: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and marker in path.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.005)
    raise AssertionError(f"the editor did not print {marker!r}: {path.read_text(errors='replace')!r}")


def run_and_kill(db: Path, run: int, delay: float, log: Path) -> list[dict[str, Any]]:
    """Start the editor, let it work ``delay`` seconds, SIGKILL it; return the edits it acknowledged."""
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, str(EDITOR), str(db), str(run)], stdout=out, stderr=subprocess.PIPE, env=_env()
        )
        try:
            _wait_for(log, "READY")
            time.sleep(delay)
        finally:
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    acks = []
    for line in log.read_text(encoding="utf-8").splitlines(keepends=True):
        # A line cut by the kill was never fully shown: ignore it.
        if line.startswith("ACK ") and line.endswith("\n"):
            acks.append(json.loads(line[4:]))
    return acks


def assert_acknowledged(store: Store, acks: list[dict[str, Any]]) -> None:
    """Every acknowledged edit is in the database, with the right offsets."""
    assert store.check() == []
    for ack in acks:
        op = ack["op"]
        if op == "doc":
            doc = store.get_document(ack["doc"])
            assert doc.title == f"run {ack['run']} article {ack['i']}"
        elif op == "span":
            span = store.get_span(ack["span"])
            expected_key = (ack["doc"], ack["start"], ack["end"], ack["label"])
            assert (span.doc_id, span.start, span.end, span.label) == expected_key
            text = store.get_document(ack["doc"]).text
            piece = text[span.start : span.end]
            expected = {"QUOTE": "“We will not leave,”", "ACTOR": "Zabihullah Mujahid", "FIGURE": "50 civilians"}
            assert piece == expected[span.label]
        elif op == "accept":
            assert store.get_span(ack["span"]).status is SpanStatus.ACCEPTED
        elif op == "speaker":
            rel = store.speaker_of(ack["quote"])
            assert rel is not None and rel.child_id == ack["actor"]
        elif op == "done":
            assert store.get_document(ack["doc"]).status is DocStatus.DONE
        else:  # pragma: no cover - the helper and this test disagree
            raise AssertionError(f"unknown acknowledgement {ack}")


def test_sigkill_at_random_points_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    db = tmp_path / "crash.db"
    all_acks: list[dict[str, Any]] = []
    for run in range(KILLS):
        # Mostly short delays, so kills land early in a transaction as often as late.
        delay = rng.choice([0.0, 0.001, 0.01]) if rng.random() < 0.3 else rng.uniform(0.0, 0.2)
        acks = run_and_kill(db, run, delay, tmp_path / f"run{run}.log")
        all_acks += acks
        # Reopen the way the app does (read-write: WAL recovery happens here) and check everything so far.
        with Store.open(db) as store:
            try:
                assert_acknowledged(store, all_acks)
            except AssertionError as exc:
                raise AssertionError(f"seed {seed}, run {run}, delay {delay:.3f}: {exc}") from exc
    # The kills did land mid-work: something was acknowledged, the database kept growing.
    assert sum(a["op"] == "doc" for a in all_acks) > 0, f"seed {seed}: no edit was ever acknowledged"
    with Store.open(db) as store:
        raw = store.db.conn.execute("PRAGMA integrity_check").fetchall()
        assert raw == [("ok",)]
        # No half-made document: every document's spans read back inside its text.
        for doc in store.iter_documents():
            for span in store.spans(doc.id or 0):
                assert 0 <= span.start < span.end <= len(doc.text)


def test_editor_runs_to_completion(tmp_path: Path) -> None:
    """Without a kill, the helper finishes and acknowledges every edit (so the kill test's acks mean something)."""
    db = tmp_path / "ok.db"
    out = subprocess.run(
        [sys.executable, str(EDITOR), str(db), "0", "3"], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert out.returncode == 0, out.stderr
    acks = [json.loads(line[4:]) for line in out.stdout.splitlines() if line.startswith("ACK ")]
    assert [a["op"] for a in acks].count("done") == 3
    assert len(acks) == 3 * 7
    with Store.open(db) as store:
        assert_acknowledged(store, acks)
        assert store.count_documents(statuses=[DocStatus.DONE]) == 3
