"""Two instances on one database: they work alongside, a blocked writer waits, conflicts are told."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import annotator.store.store as store_module
from annotator.core.model import Document, Source, Span, SpanStatus
from annotator.store.store import BusyError, ConflictError, Store, StoreError

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "tests" / "helpers" / "store_editor.py"
TEXT = "Zabihullah Mujahid said the Taliban would not leave. 👨‍👩‍👧 50 civilians died."


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def shared_db(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.add_document(Document(text=TEXT, title="shared"))
    return db_path


def test_three_processes_edit_one_file_alongside(shared_db: Path) -> None:
    """Concurrent writers never fail with "database is locked": each waits its turn (BEGIN IMMEDIATE + busy timeout)."""
    rounds = 40
    procs = [
        subprocess.Popen(
            [sys.executable, str(EDITOR), str(shared_db), str(run), str(rounds)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
        )
        for run in (1, 2, 3)
    ]
    acks = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        acks += [json.loads(line[4:]) for line in out.splitlines() if line.startswith("ACK ")]
    assert len(acks) == 3 * rounds * 7
    with Store.open(shared_db) as store:
        assert store.check() == []
        assert store.count_documents() == 1 + 3 * rounds
        for ack in acks:
            if ack["op"] == "span":
                assert store.get_span(ack["span"]).key == (ack["start"], ack["end"], ack["label"])
            elif ack["op"] == "speaker":
                rel = store.speaker_of(ack["quote"])
                assert rel is not None and rel.child_id == ack["actor"]


def _hold_write_lock(path: Path, locked: threading.Event, release: threading.Event, released: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO settings (key, value) VALUES ('holder', 'was here')")
    locked.set()
    release.wait(30)
    conn.execute("COMMIT")
    released.set()
    conn.close()


def test_blocked_writer_waits_for_the_lock(shared_db: Path) -> None:
    locked, release, released = threading.Event(), threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(shared_db, locked, release, released))
    holder.start()
    assert locked.wait(10)
    with Store.open(shared_db) as store:
        timer = threading.Timer(0.3, release.set)
        timer.start()
        # Blocks until the holder commits, then succeeds: the write happens after the release.
        span = store.add_span(1, Span(0, 18, "ACTOR", status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
                                      annotator="alice")).spans_after[0]
        assert released.is_set()
        holder.join()
        assert store.get_setting("holder") == "was here"
        assert store.get_span(span.id or 0).key == (0, 18, "ACTOR")


def test_writer_still_blocked_gets_a_retryable_error_and_loses_nothing(
    shared_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    locked, release, released = threading.Event(), threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(shared_db, locked, release, released))
    with Store.open(shared_db) as store:
        version = store.document_version(1)
        holder.start()
        assert locked.wait(10)
        try:
            with pytest.raises(BusyError, match=r"busy.*try again"):
                store.add_span(1, Span(0, 18, "ACTOR", source=Source.ANNOTATOR, annotator="alice"))
            assert isinstance(BusyError("x"), StoreError)  # the app's one error path catches it
            # Reading still works while another instance writes (WAL).
            assert store.get_document(1).text == TEXT
        finally:
            release.set()
            holder.join()
        # Nothing half-written; the retry succeeds and both writers' changes are there.
        assert store.spans(1) == []
        assert store.document_version(1) == version
        span = store.add_span(1, Span(0, 18, "ACTOR", source=Source.ANNOTATOR, annotator="alice")).spans_after[0]
        assert store.get_setting("holder") == "was here"
        assert [s.id for s in store.spans(1)] == [span.id]
        assert store.check() == []


def test_two_people_editing_one_document_are_told(shared_db: Path) -> None:
    with Store.open(shared_db) as alice, Store.open(shared_db) as bob:
        seen_by_alice = alice.document_version(1)
        seen_by_bob = bob.document_version(1)
        actor = alice.add_span(1, Span(0, 18, "ACTOR", status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
                                        annotator="alice"),
                               expect_version=seen_by_alice).spans_after[0]
        # Bob's window still shows the old version: every kind of edit is refused, not applied.
        edits = [
            lambda: bob.add_span(1, Span(28, 35, "ACTOR", source=Source.ANNOTATOR, annotator="bob"),
                                 expect_version=seen_by_bob),
            lambda: bob.update_span(actor.id or 0, annotator="bob", status=SpanStatus.REJECTED,
                                    expect_version=seen_by_bob),
            lambda: bob.delete_span(actor.id or 0, annotator="bob", expect_version=seen_by_bob),
            lambda: bob.accept_all(1, "bob", expect_version=seen_by_bob),
        ]
        for edit in edits:
            with pytest.raises(ConflictError, match="changed elsewhere"):
                edit()
        spans = alice.spans(1)
        assert [(s.key, s.status, s.annotator) for s in spans] == [
            ((0, 18, "ACTOR"), SpanStatus.ACCEPTED, "alice")
        ]
        # After reloading, Bob's edit goes through.
        bob.update_span(actor.id or 0, annotator="bob", status=SpanStatus.REJECTED,
                        expect_version=bob.document_version(1))
        assert alice.get_span(actor.id or 0).status is SpanStatus.REJECTED
        assert alice.check() == []


def test_readonly_instance_reads_alongside_a_writer_and_refuses_writes(shared_db: Path) -> None:
    with Store.open(shared_db) as writer, Store.open(shared_db, readonly=True) as reader:
        assert reader.readonly
        writer.add_span(1, Span(0, 18, "ACTOR", source=Source.ANNOTATOR, annotator="alice"))
        assert [s.key for s in reader.spans(1)] == [(0, 18, "ACTOR")]
        with pytest.raises(StoreError, match="read-only"):
            reader.add_span(1, Span(28, 35, "ACTOR", source=Source.ANNOTATOR, annotator="bob"))
        assert [s.key for s in writer.spans(1)] == [(0, 18, "ACTOR")]


OPENER = """
import sys, time
from annotator.store.store import Store
start = float(sys.argv[2])
while time.time() < start:
    pass
s = Store.open(sys.argv[1])
s.ensure_annotator(sys.argv[3])
s.close()
"""


def test_instances_creating_one_new_database_at_once(db_path: Path) -> None:
    """Several instances started together on a missing file: one creates it, none fails or migrates twice."""
    import time

    start = time.time() + 1.0
    procs = [
        subprocess.Popen([sys.executable, "-c", OPENER, str(db_path), str(start), f"user{i}"],
                         stderr=subprocess.PIPE, text=True, env=_env())
        for i in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    with Store.open(db_path) as store:
        assert store.annotators() == ["user0", "user1", "user2", "user3"]
        assert store.check() == []
