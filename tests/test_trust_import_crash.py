"""An import killed halfway (SIGKILL) leaves no half-imported record, and running it again finishes the job."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.store import Store

ROOT = Path(__file__).resolve().parent.parent
RECORDS = 3000
KILLS = int(os.environ.get("TRUST_IMPORT_KILLS", "5"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _write_records(path: Path) -> None:
    """Records whose parts (document, two spans, a SPEAKER relation) must arrive together or not at all."""
    lines = []
    for i in range(RECORDS):
        text = f"Article {i}: 👨‍👩‍👧 “We will not leave,” said Zabihullah Mujahid. 50 civilians died."
        quote = {"start": text.index("“"), "end": text.index("”") + 1, "label": "QUOTE"}
        actor = {"start": text.index("Zabihullah"), "end": text.index(" Mujahid") + 8, "label": "ACTOR"}
        lines.append(json.dumps({
            "text": text, "meta": {"title": f"article {i}"}, "spans": [quote, actor],
            "relations": [{"label": "SPEAKER", "head_span": quote, "child_span": actor}],
        }, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _command(db: Path, records: Path) -> list[str]:
    return [sys.executable, "-m", "annotator", "--db", str(db), "import", str(records)]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _documents(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet, or the schema is being made


def _wait_until_importing(db: Path, proc: subprocess.Popen[bytes]) -> None:
    """Wait until the import has stored something more than last time, so the kill lands mid-import."""
    start = _documents(db)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if _documents(db) > start:
            return
        time.sleep(0.01)


def _assert_whole_records(db: Path) -> int:
    """Every stored document has both its spans and its relation, at the right offsets; returns the count."""
    with Store.open(db) as store:
        assert store.check() == []
        n = 0
        for doc in store.iter_documents():
            n += 1
            spans = {s.label: doc.text[s.start : s.end] for s in store.spans(doc.id or 0)}
            assert spans == {"QUOTE": "“We will not leave,”", "ACTOR": "Zabihullah Mujahid"}, doc.title
            (rel,) = store.relations(doc.id or 0)
            assert (rel.head[2], rel.child[2]) == ("QUOTE", "ACTOR")
        return n


def test_import_killed_at_random_points_then_finished(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    records = tmp_path / "records.jsonl"
    _write_records(records)
    db = tmp_path / "import.db"
    counts = []
    for _ in range(KILLS):
        proc = subprocess.Popen(_command(db, records), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        _wait_until_importing(db, proc)
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        if db.exists():
            counts.append(_assert_whole_records(db))
    done = subprocess.run(_command(db, records), capture_output=True, text=True, env=_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert _assert_whole_records(db) == RECORDS
    # The rerun added what was missing and skipped what was there.
    before = counts[-1] if counts else 0
    duplicates = f"{before} duplicate{'' if before == 1 else 's'}"
    assert f"{RECORDS - before} added, {duplicates} skipped" in done.stdout, (seed, counts, done.stdout)
    assert counts == sorted(counts), f"seed {seed}: a kill lost documents already imported: {counts}"
    assert any(0 < c < RECORDS for c in counts), f"seed {seed}: no kill landed mid-import: {counts}"
