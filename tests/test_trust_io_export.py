"""Every byte written is valid and lands where it should (issue 9, point 4, all but backup).

Through the real ``annotator`` program: suggestions never split a character, one
record is one line whatever its text holds, an export never replaces a pipe, a device
or a link and never empties a file when it has nothing to write, killed exports leave
no temporary files behind, doccano's export keeps suggestions apart, and nothing from
the data reaches a terminal as a control character.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import spacy
from helpers.cli_process import annotator, env, no_traceback

from annotator.core.spans import is_grapheme_boundary

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")


def _import(db: Path, tmp_path: Path, records: list[dict[str, object]]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = annotator("--db", db, "import", path)
    assert result.returncode == 0, result.stderr


def _done_db(tmp_path: Path, n: int = 2) -> Path:
    db = tmp_path / "a.db"
    _import(db, tmp_path, [
        {"text": f"Article {i}: the Taliban said 50 civilians died.", "status": "done",
         "spans": [{"start": 15, "end": 22, "label": "ACTOR"}]} for i in range(n)
    ])
    return db


def _records(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


# ------------------------------------------------------------------ suggestions


def test_a_suggestion_never_splits_a_character_and_its_export_imports(tmp_path: Path) -> None:
    """A tokenizer cuts "👍🏽" into two tokens; a suggestion ending between them is widened to the whole emoji."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"ORTH": "Taliban"}, {"ORTH": "👍"}]}])
    model = tmp_path / "ruler"
    nlp.to_disk(model)
    db = tmp_path / "a.db"
    text = "The Taliban👍🏽 said no, and the Taliban👨‍👩‍👧 agreed."
    _import(db, tmp_path, [{"text": text}])
    result = annotator("--db", db, "suggest", "--model", model)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    spans = conn.execute('SELECT start, "end" FROM spans').fetchall()
    conn.close()
    assert spans, "the ruler suggested something"
    for start, end in spans:
        assert is_grapheme_boundary(text, start) and is_grapheme_boundary(text, end), text[start:end]
    assert "Taliban👍🏽" in {text[s:e] for s, e in spans}
    out = tmp_path / "all.jsonl"
    assert annotator("--db", db, "export", "--format", "jsonl", "--output", out, "--all").returncode == 0
    again = annotator("--db", tmp_path / "b.db", "import", out)
    assert again.returncode == 0, again.stderr


# ------------------------------------------------------------------ one record, one line

LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r\n"


def test_every_line_break_str_splitlines_knows_is_escaped(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    texts = [f"Breaks{ch}inside {i}, the Taliban said." for i, ch in enumerate(LINE_BREAKS)]
    texts.append("All of them: " + LINE_BREAKS + " the Taliban said.")
    _import(db, tmp_path, [{"text": t, "meta": {"note": "x" + LINE_BREAKS}, "_annotator_id": "a\u2028b"}
                           for t in texts])
    for fmt in ("jsonl", "doccano"):
        out = tmp_path / f"{fmt}.jsonl"
        result = annotator("--db", db, "export", "--format", fmt, "--output", out, "--all")
        assert result.returncode == 0, result.stderr
        content = out.read_text(encoding="utf-8")
        assert len(content.splitlines()) == len(texts), f"{fmt}: a record was split over lines"
        assert not any(ch in content for ch in LINE_BREAKS.replace("\n", "")), fmt
        stored = {r["text"] for r in _records(content)}
        assert len(stored) == len(texts)


# ------------------------------------------------------------------ special targets


@POSIX
def test_export_to_a_fifo_writes_through_it(tmp_path: Path) -> None:
    db = _done_db(tmp_path)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        result = annotator("--db", db, "export", "--format", "jsonl", "--output", fifo, timeout=60)
    finally:
        if reader.is_alive():  # the export never opened the pipe: let the reader go
            with open(fifo, "wb"):
                pass
        reader.join(10)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the pipe was replaced by a file"
    assert len(_records(got[0].decode("utf-8"))) == 2


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="making a device needs root")
def test_export_to_a_device_writes_through_it(tmp_path: Path) -> None:
    """Our own /dev/null (never the system's: an export that replaced it would break the machine)."""
    db = _done_db(tmp_path)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = annotator("--db", db, "export", "--format", "spacy", "--output", null)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode), "the device was replaced by a file"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@POSIX
def test_export_to_stdout_writes_records_only(tmp_path: Path) -> None:
    """``--output /dev/stdout`` through a link of our own to it, so a replaced link harms nothing."""
    db = _done_db(tmp_path)
    link = tmp_path / "stdout"
    os.symlink("/proc/self/fd/1" if Path("/proc/self/fd/1").exists() else "/dev/stdout", link)
    result = annotator("--db", db, "export", "--format", "jsonl", "--output", link)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert len(_records(result.stdout)) == 2, "stdout holds the records and nothing else"
    assert "exported 2 documents" in result.stderr


@POSIX
def test_export_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    db = _done_db(tmp_path)
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "train.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "train.jsonl"
    os.symlink(target, link)
    result = annotator("--db", db, "export", "--format", "jsonl", "--output", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert len(_records(target.read_text(encoding="utf-8"))) == 2


def test_an_export_with_nothing_to_write_leaves_an_existing_file_alone(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _import(db, tmp_path, [{"text": "Not done yet."}])
    out = tmp_path / "train.jsonl"
    out.write_text('{"text": "last week\'s training data"}\n', encoding="utf-8")
    before = out.read_bytes()
    result = annotator("--db", db, "export", "--format", "jsonl", "--output", out)
    no_traceback(result)
    assert result.returncode == 1
    assert out.read_bytes() == before
    assert "nothing to export" in result.stderr and "left as it was" in result.stderr
    # A new file may well be empty: nothing is lost.
    fresh = tmp_path / "new.jsonl"
    assert annotator("--db", db, "export", "--format", "jsonl", "--output", fresh).returncode == 0
    assert fresh.read_bytes() == b""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_temporary_files_of_killed_exports_do_not_pile_up(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    text = "The Taliban said 50 civilians died. " * 100
    _import(db, tmp_path, [{"text": f"{i} {text}", "status": "done"} for i in range(150)])
    out = tmp_path / "train.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    for _ in range(2):  # two exports killed while writing
        proc = subprocess.Popen(
            [sys.executable, "-m", "annotator", "--db", str(db), "export", "--format", "jsonl", "--output", str(out)],
            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not [p for p in tmp_path.iterdir() if p.name.endswith(".part")] and time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail("the export finished before it could be killed: make it bigger")
            time.sleep(0.005)
        proc.kill()
        proc.wait()
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")], "the kills left their temporary files"
    assert out.read_text(encoding="utf-8") == "previous export\n", "a killed export never touches the output"
    result = annotator("--db", db, "export", "--format", "jsonl", "--output", out, timeout=300)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert len(out.read_text(encoding="utf-8").splitlines()) == 150


# ------------------------------------------------------------------ doccano keeps suggestions apart


def test_doccano_export_never_turns_a_suggestion_into_a_label(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    text = "The Taliban said 50 civilians died."
    _import(db, tmp_path, [{"text": text, "status": "in_progress", "spans": [
        {"start": 4, "end": 11, "label": "ACTOR"},
        {"start": 17, "end": 29, "label": "FIGURE", "status": "suggested", "source": "model"},
    ]}])
    out = tmp_path / "doccano.jsonl"
    result = annotator("--db", db, "export", "--format", "doccano", "--output", out, "--all")
    assert result.returncode == 0, result.stderr
    assert "1 open suggestion left out" in result.stdout
    (record,) = _records(out.read_text(encoding="utf-8"))
    assert [(e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"]] == [(4, 11, "ACTOR")]
    back = tmp_path / "b.db"
    assert annotator("--db", back, "import", out).returncode == 0
    conn = sqlite3.connect(back)
    rows = conn.execute('SELECT start, "end", label, status FROM spans').fetchall()
    conn.close()
    assert rows == [(4, 11, "ACTOR", "accepted")], "the suggestion came back as a person's label"


def test_doccano_export_leaves_out_an_accepted_link_to_an_open_suggestion(tmp_path: Path) -> None:
    # Found by the JSONL fuzz test: an accepted SPEAKER link whose quote is still a suggestion
    # (a record may say so) stopped `export --format doccano --all` with KeyError (17, 34, 'QUOTE').
    db = tmp_path / "a.db"
    text = "The Taliban said \u201cwe will respond\u201d after 50 civilians died."
    _import(db, tmp_path, [{"text": text, "status": "in_progress", "spans": [
        {"start": 4, "end": 11, "label": "ACTOR"},
        {"start": 17, "end": 34, "label": "QUOTE", "status": "suggested", "source": "rule", "kind": "direct"},
    ], "relations": [{"label": "SPEAKER", "head_span": {"start": 17, "end": 34, "label": "QUOTE"},
                      "child_span": {"start": 4, "end": 11, "label": "ACTOR"}}]}])
    out = tmp_path / "doccano.jsonl"
    result = annotator("--db", db, "export", "--format", "doccano", "--output", out, "--all")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    (record,) = _records(out.read_text(encoding="utf-8"))
    assert [(e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"]] == [(4, 11, "ACTOR")]
    assert record["relations"] == []


# ------------------------------------------------------------------ terminals


def test_control_characters_from_data_never_reach_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    evil = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil\u2028fake line"
    _import(db, tmp_path, [{"text": "The Taliban said so.", "_annotator_id": evil, "status": "done",
                            "meta": {"title": evil}, "spans": [{"start": 4, "end": 11, "label": "ACTOR",
                                                                "annotator": evil}]}])
    empty = tmp_path / f"empty{evil.replace(chr(0x2028), '')}.txt"
    empty.write_text("", encoding="utf-8")
    for args in (["stats"], ["stats", "--json"], ["import", str(empty)],
                 ["export", "--format", "spacy", "--output", str(tmp_path / f"o{evil[:5]}.spacy")]):
        result = annotator("--db", db, *args)
        no_traceback(result)
        shown = result.stdout + result.stderr
        for ch in ("\x1b", "\x07", "\x9b", "\u202e", "\u2028"):
            assert ch not in shown, (args, repr(shown))
    stats = annotator("--db", db, "stats", "--json")
    assert evil in json.loads(stats.stdout)["annotators"], "the JSON still says exactly what is stored"
    assert "\\x1b]0;owned" in annotator("--db", db, "stats").stdout
