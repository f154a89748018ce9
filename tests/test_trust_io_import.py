"""No single record stops an import, and nothing import accepts fails to export or read back (issue 9, point 3).

Every test runs the real ``annotator`` program in a child process. Each bad record is
rejected alone as ``FILE:LINE: reason`` (exit status 1) and every valid record around it
is imported; nothing the import accepted breaks an export or a second import later.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.cli_process import annotator, env, no_traceback

BIG = 2**64
TEXT = "The Taliban said 50 civilians died."
ACTOR = {"start": 4, "end": 11, "label": "ACTOR"}

# (bad record, a piece its reason must contain). Each is followed in the file by a valid record.
BAD: list[tuple[Any, str]] = [
    # Numbers out of range: beyond 64-bit integers, beyond a double, NaN and Infinity, anywhere.
    ({"text": TEXT, "meta": {"doc_id": BIG}}, "out of range"),
    ({"text": TEXT, "meta": {"doc_id": -BIG}}, "out of range"),
    ({"text": TEXT, "meta": {"x": {"y": [BIG]}}}, "out of range"),
    (f'{{"text": "{TEXT}", "meta": {{"x": 1e400}}}}', "1e400 is out of range"),
    (f'{{"text": "{TEXT}", "meta": {{"x": -1e400}}}}', "out of range"),
    ('{{"text": "{}", "meta": {{"x": 1{}}}}}'.format(TEXT, "0" * 5000), "5,001 digits"),
    (f'{{"text": "{TEXT}", "meta": {{"x": NaN}}}}', "NaN"),
    (f'{{"text": "{TEXT}", "spans": [{{"start": 4, "end": 11, "label": "ACTOR", "confidence": Infinity}}]}}',
     "Infinity"),
    ({"text": TEXT, "spans": [{**ACTOR, "confidence": 10**400}]}, "out of range"),
    ({"text": TEXT, "spans": [{**ACTOR, "start": -BIG}]}, "out of range"),
    ({"text": TEXT, "spans": [{**ACTOR, "end": BIG}]}, "out of range"),
    ({"text": TEXT, "_timestamp": BIG}, "out of range"),
    ({"text": TEXT, "_input_hash": BIG * BIG}, "out of range"),
    ({"text": TEXT, "entities": [{"id": BIG, "start_offset": 4, "end_offset": 11, "label": "ACTOR"}]},
     "out of range"),
    # Wrong JSON types in every field of our own format.
    ({"text": ["a list"]}, '"text" must be a string'),
    ({"text": TEXT, "meta": [1]}, '"meta" must be an object'),
    ({"text": TEXT, "meta": {"title": {"a": 1}}}, '"title" must be a string'),
    ({"text": TEXT, "meta": {"source": [1]}}, '"source" must be a string'),
    ({"text": TEXT, "meta": {"doc_id": {"a": 1}}}, '"doc_id" must be a whole number or a string'),
    ({"text": TEXT, "meta": {"doc_id": 1.5}}, '"doc_id" must be a whole number or a string'),
    ({"text": TEXT, "status": {"a": 1}}, '"status" must be a string'),
    ({"text": TEXT, "status": ["done"]}, '"status" must be a string'),
    ({"text": TEXT, "answer": ["accept"]}, '"answer" must be a string'),
    ({"text": TEXT, "_annotator_id": {"name": "x"}}, '"_annotator_id" must be a string'),
    ({"text": TEXT, "_timestamp": "yesterday"}, '"_timestamp" must be a whole number'),
    ({"text": TEXT, "_timestamp": 1.5}, '"_timestamp" must be a whole number'),
    ({"text": TEXT, "_task_hash": [1]}, '"_task_hash" must be a whole number'),
    ({"text": TEXT, "tokens": {"a": 1}}, '"tokens" must be a list'),
    ({"text": TEXT, "spans": {"a": 1}}, '"spans" must be a list'),
    ({"text": TEXT, "spans": [[4, 11, "ACTOR"]]}, "span 1 must be an object"),
    ({"text": TEXT, "spans": [{**ACTOR, "start": {"a": 1}}]}, "start must be a whole number"),
    ({"text": TEXT, "spans": [{**ACTOR, "end": [11]}]}, "end must be a whole number"),
    ({"text": TEXT, "spans": [{**ACTOR, "label": {"a": 1}}]}, "label must be a string"),
    ({"text": TEXT, "spans": [{**ACTOR, "text": ["Taliban"]}]}, "text must be a string"),
    ({"text": TEXT, "spans": [{**ACTOR, "status": {"a": 1}}]}, '"status" must be a string'),
    ({"text": TEXT, "spans": [{**ACTOR, "source": ["model"]}]}, '"source" must be a string'),
    ({"text": TEXT, "spans": [{**ACTOR, "source_name": {"a": 1}}]}, '"source_name" must be a string'),
    ({"text": TEXT, "spans": [{**ACTOR, "annotator": ["alice"]}]}, '"annotator" must be a string'),
    ({"text": TEXT, "spans": [{**ACTOR, "confidence": "high"}]}, '"confidence" must be a number'),
    ({"text": TEXT, "spans": [{**ACTOR, "confidence": True}]}, '"confidence" must be a number'),
    ({"text": TEXT, "spans": [{**ACTOR, "kind": ["direct"]}]}, '"kind" must be a string'),
    ({"text": TEXT, "spans": [{**ACTOR, "id": {"a": 1}}]}, '"id" must be a whole number or a string'),
    ({"text": TEXT, "spans": [{**ACTOR, "token_start": "1"}]}, '"token_start" must be a whole number'),
    ({"text": TEXT, "relations": {"a": 1}}, '"relations" must be a list'),
    ({"text": TEXT, "spans": [ACTOR], "relations": [["SPEAKER"]]}, "relation 1 must be an object"),
    ({"text": TEXT, "spans": [ACTOR], "relations": [{"label": ["SPEAKER"], "head_span": ACTOR, "child_span": ACTOR}]},
     '"label" must be a string'),
    ({"text": TEXT, "spans": [ACTOR], "relations": [{"label": "SPEAKER", "head_span": [4, 11], "child_span": ACTOR}]},
     "head_span must be an object"),
    ({"text": TEXT, "spans": [ACTOR],
      "relations": [{"label": "SPEAKER", "head_span": {**ACTOR, "start": "4"}, "child_span": ACTOR}]},
     "head_span: start must be a whole number"),
    # Prodigy-style fields.
    ({"text": TEXT, "spans": [{**ACTOR, "source": 3}]}, '"source" must be a string'),
    ({"text": TEXT, "answer": 1}, '"answer" must be a string'),
    # doccano: label lists, entities and relations, ids included.
    ({"text": TEXT, "label": {"a": 1}}, '"label" must be a list'),
    ({"text": TEXT, "label": [[4, "11", "ACTOR"]]}, "end must be a whole number"),
    ({"text": TEXT, "label": [[4, 11, ["ACTOR"]]]}, "label must be a string"),
    ({"text": TEXT, "entities": {"a": 1}}, '"entities" must be a list'),
    ({"text": TEXT, "entities": [[4, 11]]}, "entity 1 must be an object"),
    ({"text": TEXT, "entities": [{"id": [1], "start_offset": 4, "end_offset": 11, "label": "ACTOR"}]},
     '"id" must be a whole number or a string'),
    ({"text": TEXT, "entities": [{"id": {"a": 1}, "start_offset": 4, "end_offset": 11, "label": "ACTOR"}]},
     '"id" must be a whole number or a string'),
    ({"text": TEXT, "entities": [{"id": 1.5, "start_offset": 4, "end_offset": 11, "label": "ACTOR"}]},
     '"id" must be a whole number or a string'),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": "4", "end_offset": 11, "label": "ACTOR"}]},
     "start must be a whole number"),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": 4, "end_offset": 11, "label": 7}]},
     "label must be a string"),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": 4, "end_offset": 11, "label": "ACTOR"},
                                 {"id": 1, "start_offset": 17, "end_offset": 29, "label": "FIGURE"}]},
     "id 1 is used by an earlier entity too"),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": 4, "end_offset": 11, "label": "ACTOR"}],
      "relations": [{"id": 1, "from_id": [1], "to_id": 1, "type": "SPEAKER"}]},
     '"from_id" must be a whole number or a string'),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": 4, "end_offset": 11, "label": "ACTOR"}],
      "relations": [{"id": 1, "from_id": 1, "to_id": {"a": 1}, "type": "SPEAKER"}]},
     '"to_id" must be a whole number or a string'),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": 4, "end_offset": 11, "label": "ACTOR"}],
      "relations": [{"id": [1], "from_id": 1, "to_id": 1, "type": "SPEAKER"}]},
     '"id" must be a whole number or a string'),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": 4, "end_offset": 11, "label": "ACTOR"}],
      "relations": [{"id": 1, "from_id": 1, "to_id": 1, "type": ["SPEAKER"]}]},
     '"type" must be a string'),
    # Nothing that a JSON reader would refuse later; meta and titles count towards the size limit.
    ({"text": TEXT, "meta": {"deep": json.loads("[" * 40 + "]" * 40)}}, "nested more than 20 deep"),
    ({"text": TEXT, "meta": {"title": "T" * 3000}}, "over the limit of 2,000"),
    ({"text": TEXT, "meta": {"notes": "n" * 3000}}, "over the limit of 2,000"),
]


def _line(record: Any) -> str:
    return record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)


def _valid(i: int) -> dict[str, Any]:
    text = f"Valid record {i}: the Taliban said 50 civilians died."
    start = text.index("Taliban")
    return {"text": text, "meta": {"title": f"valid {i}", "n": i, "share": 0.5},
            "spans": [{"start": start, "end": start + 7, "label": "ACTOR"}], "_timestamp": 1_700_000_000 + i}


def _rejections(stderr: str, path: Path) -> dict[int, str]:
    prefix = f"{path}:"
    found = {}
    for line in stderr.splitlines():
        if line.startswith(prefix):
            number, _, reason = line[len(prefix):].partition(": ")
            found[int(number)] = reason
    return found


def _count(db: Path, sql: str = "SELECT count(*) FROM documents") -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _strict_json(line: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(line, parse_constant=refuse)


def test_each_bad_number_and_type_is_rejected_alone_and_the_rest_round_trips(tmp_path: Path) -> None:
    lines = []
    expected: dict[int, str] = {}
    for i, (record, piece) in enumerate(BAD):
        lines.append(_line(record))
        expected[len(lines)] = piece
        lines.append(json.dumps(_valid(i)))
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "a.db"

    result = annotator("--db", db, "import", path, "--max-chars", "2000")
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    got = _rejections(result.stderr, path)
    assert sorted(got) == sorted(expected), result.stderr
    for number, piece in expected.items():
        assert piece in got[number], f"line {number}: {piece!r} not in {got[number]!r}"
    assert _count(db) == len(BAD), "every valid record is imported"
    assert _count(db, "SELECT count(*) FROM spans") == len(BAD)

    # Whatever import accepted exports in every format, as strict JSON, and imports again unchanged.
    for fmt in ("jsonl", "doccano", "spacy"):
        out = tmp_path / f"out-{fmt}.{'spacy' if fmt == 'spacy' else 'jsonl'}"
        exported = annotator("--db", db, "export", "--format", fmt, "--output", out, "--all")
        no_traceback(exported)
        assert exported.returncode == 0, exported.stderr
        if fmt != "spacy":
            records = [_strict_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert len(records) == len(BAD)
            again = annotator("--db", tmp_path / f"again-{fmt}.db", "import", out)
            assert again.returncode == 0, again.stderr
            assert _count(tmp_path / f"again-{fmt}.db") == len(BAD)


def test_a_document_id_at_the_top_of_the_range_does_not_block_later_imports(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    top = tmp_path / "top.jsonl"
    top.write_text(json.dumps({"text": "The last id there is.", "meta": {"doc_id": 2**63 - 1}}) + "\n")
    assert annotator("--db", db, "import", top).returncode == 0
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps({"text": f"Article {i} after the top id."}) + "\n" for i in range(3)))
    articles = tmp_path / "folder"
    articles.mkdir()
    for i in range(3):
        (articles / f"a{i}.txt").write_text(f"Plain article {i}.\n", encoding="utf-8")
    result = annotator("--db", db, "import", more, articles)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "6 added" in result.stdout
    assert _count(db) == 7
    assert _count(db, "SELECT count(*) FROM documents WHERE id = 9223372036854775807") == 1
    out = tmp_path / "all.jsonl"
    assert annotator("--db", db, "export", "--format", "jsonl", "--output", out, "--all").returncode == 0
    assert annotator("--db", tmp_path / "b.db", "import", out).returncode == 0


def _peak_rss_kib(*args: str | os.PathLike[str]) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the program and report its peak resident memory in KiB.

    VmHWM of /proc/self/status, not ru_maxrss: Linux carries ru_maxrss over from the parent
    across fork and exec, so it would report the test runner's size.
    """
    probe = (
        "import re, sys\n"
        "from annotator.main import main\n"
        "code = main(sys.argv[1:])\n"
        "status = open('/proc/self/status').read()\n"
        "print('PEAK', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True,
                            timeout=300, env=env())
    peak = next(int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK"))
    return result, peak


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory from /proc (Linux)")
def test_an_over_long_line_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 200 MB line is skipped in chunks: the import stays small, and the records after it are imported."""
    path = tmp_path / "huge.jsonl"
    size = 200 * 1024 * 1024
    with path.open("wb") as fh:
        fh.write(b'{"text": "Before the huge line."}\n')
        fh.write(b'{"text": "')
        chunk = b"x" * (1 << 20)
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write(b'"}\n{"text": "After the huge line."}\n')
    result, peak = _peak_rss_kib("--db", tmp_path / "a.db", "import", path, "--max-chars", "100000")
    no_traceback(result)
    assert result.returncode == 1
    got = _rejections(result.stderr, path)
    assert list(got) == [2] and "over the limit" in got[2] and "not read" in got[2], result.stderr
    assert _count(tmp_path / "a.db") == 2
    assert peak < 150 * 1024, f"peak memory {peak / 1024:.0f} MiB for a 200 MB line"
    path.unlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and sockets (POSIX)")
def test_special_files_in_a_folder_are_skipped_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("A good article.\n", encoding="utf-8")
    (folder / "sub" / "good.jsonl").write_text(json.dumps({"text": "A good record."}) + "\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")  # nobody ever writes: reading it would block forever
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")  # reading it would never end
    os.symlink("/dev/zero", folder / "zero.jsonl")
    os.symlink(folder / "missing.txt", folder / "broken.txt")
    os.symlink(folder / "sub", folder / "loop")  # a link to a folder: not followed
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.jsonl"))
    name = os.fsencode(folder) + b"/caf\xe9 \x1b[2J.txt"  # not UTF-8, with a terminal escape in it
    with open(name, "wb") as fh:
        fh.write(b"Caf\xc3\xa9 article.\n")
    try:
        result = annotator("--db", tmp_path / "a.db", "import", folder, timeout=60)
    finally:
        server.close()
    no_traceback(result)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    reasons = {
        "pipe.jsonl": "named pipe", "pipe.txt": "named pipe", "zero.txt": "character device",
        "zero.jsonl": "character device", "sock.jsonl": "socket", "broken.txt": "no such file",
    }
    for file, reason in reasons.items():
        assert any(file in line and reason in line.lower() for line in lines), (file, result.stderr)
    assert any("loop" in line and "link to a folder" in line for line in lines), result.stderr
    assert "3 added" in result.stdout
    assert "\x1b" not in result.stderr + result.stdout, "a file name's escape reached the terminal"
    conn = sqlite3.connect(tmp_path / "a.db")
    sources = sorted(r[0] for r in conn.execute("SELECT source FROM documents"))
    conn.close()
    assert sources == ["caf\\xe9 \x1b[2J.txt", "good.txt", "sub/good.jsonl"]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text("Readable article.\n", encoding="utf-8")
    (folder / "locked" / "hidden.txt").write_text("Unreadable article.\n", encoding="utf-8")
    (folder / "locked").chmod(0)
    command = [sys.executable, "-m", "annotator", "--db", str(tmp_path / "a.db"), "import", str(folder)]
    if os.geteuid() == 0:  # root reads every folder: run without the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env())
    finally:
        (folder / "locked").chmod(0o755)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert f"{folder / 'locked'}: cannot read the folder: Permission denied" in result.stderr
    assert "1 added" in result.stdout


def test_a_fifo_given_by_name_is_refused_at_once(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("POSIX")
    fifo = tmp_path / "records.jsonl"
    os.mkfifo(fifo)
    result = annotator("--db", tmp_path / "a.db", "import", fifo, timeout=60)
    assert result.returncode == 1
    assert f"{fifo}: skipped: a named pipe (FIFO)" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
