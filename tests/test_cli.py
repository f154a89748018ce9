"""The command line, run in-process through ``main([...])``; one subprocess run of ``python -m annotator``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
import spacy

from annotator.cli import build_parser, progress_bar
from annotator.core.model import DocStatus, Document, Span, SpanStatus
from annotator.core.paths import resource_path
from annotator.io.sample import ensure_sample
from annotator.main import main
from annotator.nlp import load_pipeline
from annotator.store import Store
from annotator.work.suggesting import suggest_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "import"


@pytest.fixture
def ruler_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny pipeline on disk whose only component marks "Taliban" and "Pakistan" as ORG/GPE."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Taliban"}, {"label": "GPE", "pattern": "Pakistan"},
                        {"label": "CARDINAL", "pattern": "50"}])
    path = tmp_path_factory.mktemp("model") / "ruler"
    nlp.to_disk(path)
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ help and usage


@pytest.mark.parametrize("command", [[], ["import"], ["suggest"], ["export"], ["stats"], ["backup"], ["check"],
                                     ["train"], ["train-curve"]])
def test_help_on_every_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: annotator")
    assert "--db" in out


def test_every_contract_command_is_in_the_parser() -> None:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(subparsers.choices) == {  # type: ignore[arg-type]
        "import", "suggest", "export", "stats", "backup", "check", "assign", "merge", "agreement", "review",
        "train", "train-curve",
    }


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["export", "--output", "x"], ["export", "--format", "csv", "--output", "x"],
     ["suggest", "--batch-size", "0"], ["import"], ["train"], ["train", "out", "--eval-split", "1.5"],
     ["train", "out", "--max-minutes", "0"], ["train-curve", "--max-steps", "x"]],
)
def test_usage_errors_exit_2(argv: list[str], db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), *argv]) == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def test_python_m_annotator_help_in_a_subprocess() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "annotator", "--help"], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "import" in result.stdout and "export" in result.stdout
    # The command line never loads Qt.
    probe = "import sys, annotator.main, annotator.cli; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=120, check=False)
    assert result.stdout.strip() == "False", result.stderr


# ------------------------------------------------------------------ import


def test_import_exit_0_and_summary(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(DATA / "folder")]) == 0
    out, err = capsys.readouterr()
    assert "2 added" in out and err == ""
    with Store.open(db_path) as store:
        assert store.count_documents() == 2


def test_import_exit_1_with_file_line_reason_on_stderr(db_path: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "r.jsonl", '{"text": "good one"}\n{"text": \n{"text": "good two"}\n')
    assert main(["--db", str(db_path), "import", str(path), str(DATA / "empty.txt")]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{path}:2: invalid JSON: Expecting value (column 10)",
        f"{DATA / 'empty.txt'}: empty file",
    ]
    assert "2 added" in out and "2 rejected" in out


def test_import_options(db_path: Path, tmp_path: Path) -> None:
    text = write(tmp_path / "long.txt", "Title\n" + "word " * 40)
    assert main(["--db", str(db_path), "import", "--max-chars", "50", str(text)]) == 1
    labels = write(tmp_path / "labels.json", json.dumps({"labels": [{"name": "ORG", "hotkey": "1"}]}))
    record = write(tmp_path / "r.jsonl", json.dumps({"text": "Acme rises", "spans": [{"start": 0, "end": 4,
                                                                                       "label": "ORG"}]}) + "\n")
    assert main(["--db", str(db_path), "import", "--labels", str(labels), str(record)]) == 0
    assert main(["--db", str(db_path), "import", "--labels", str(tmp_path / "nope.json"), str(record)]) == 2


# ------------------------------------------------------------------ database choice


def test_db_option_beats_environment_beats_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    by_option, by_env, by_default = tmp_path / "option.db", tmp_path / "env.db", tmp_path / "default.db"
    monkeypatch.setattr("annotator.store.paths.default_db_path", lambda: by_default)
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    assert main(["import", str(DATA / "folder" / "one.txt")]) == 0
    monkeypatch.setenv("ANNOTATOR_DB", str(by_env))
    assert main(["import", str(DATA / "crlf.txt")]) == 0
    assert main(["--db", str(by_option), "import", str(DATA / "utf8_bom.txt")]) == 0
    assert main(["import", "--db", str(by_option), str(DATA / "utf16.txt")]) == 0  # --db after the command too
    counts = {}
    for path in (by_option, by_env, by_default):
        with Store.open(path) as store:
            counts[path.name] = store.count_documents()
    assert counts == {"option.db": 2, "env.db": 1, "default.db": 1}


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "jsonl", "--output", "x.jsonl"], ["check"]])
def test_unusable_database_exits_2_without_traceback(command: list[str], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    not_a_db = write(tmp_path / "notes.db", "these are my notes, not a database")
    assert main(["--db", str(not_a_db), *command]) == 2
    err = capsys.readouterr().err
    assert "not an SQLite database" in err and "Traceback" not in err
    assert not_a_db.read_text(encoding="utf-8") == "these are my notes, not a database"
    assert main(["--db", str(tmp_path / "missing.db"), *command]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


# ------------------------------------------------------------------ suggest, export, stats


def test_suggest_export_stats_end_to_end(db_path: Path, tmp_path: Path, ruler_model: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(resource_path("sample_article.txt"))]) == 0
    assert main([*db, "suggest", "--model", str(ruler_model), "--batch-size", "4"]) == 0
    out = capsys.readouterr().out
    assert "new spans in 1 document" in out and "1 documents" not in out
    assert main([*db, "suggest", "--model", str(ruler_model)]) == 0
    assert "1 document already had suggestions" in capsys.readouterr().out
    out = tmp_path / "all.jsonl"
    assert main([*db, "export", "--format", "jsonl", "--output", str(out), "--all"]) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "ACTOR" in {s["label"] for s in record["spans"]} <= {"ACTOR", "QUOTE", "FIGURE"}
    assert all(s["status"] == "suggested" for s in record["spans"])
    assert all(record["text"][s["start"] : s["end"]] == s["text"] for s in record["spans"])
    default = tmp_path / "done.jsonl"
    assert main([*db, "export", "--format", "jsonl", "--output", str(default)]) == 0
    assert default.read_text(encoding="utf-8") == ""  # nothing is done yet
    capsys.readouterr()
    assert main([*db, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"]["total"] == 1 and stats["documents"]["new"] == 1
    assert stats["spans"]["ACTOR"]["suggested"] > 0
    assert main([*db, "stats"]) == 0
    assert "documents: 1 total, 1 new" in capsys.readouterr().out


def test_suggest_with_a_missing_model_exits_2(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(DATA / "crlf.txt")]) == 0
    assert main(["--db", str(db_path), "suggest", "--model", "no_such_model_xyz"]) == 2
    assert "no_such_model_xyz" in capsys.readouterr().err


def test_export_exit_1_when_spans_are_left_out(db_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as store:
        store.add_document(Document("Talibanistan is big.", status=DocStatus.DONE),
                           [Span(0, 7, "ACTOR", status=SpanStatus.ACCEPTED)])
    out = tmp_path / "o.spacy"
    assert main(["--db", str(db_path), "export", "--format", "spacy", "--output", str(out)]) == 1
    assert "left out of the spaCy export" in capsys.readouterr().err
    assert out.exists()


def test_export_into_a_missing_folder_exits_2(db_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(DATA / "crlf.txt")]) == 0
    assert main(["--db", str(db_path), "export", "--format", "doccano", "--output", str(tmp_path / "no" / "x")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_backup_and_check(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(DATA / "folder")]) == 0
    copy = tmp_path / "copy.db"
    assert main(["--db", str(db_path), "backup", str(copy)]) == 0
    assert main(["--db", str(copy), "check"]) == 0
    assert capsys.readouterr().out.strip().endswith(f"{copy}: ok")
    with Store.open(copy) as store:
        assert store.count_documents() == 2
    assert main(["--db", str(db_path), "backup", str(copy)]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err


# ------------------------------------------------------------------ progress


def test_progress_bar_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, terminal = io.StringIO(), Terminal()
    with progress_bar("working", stream=quiet) as update:
        update(1, 2)
    with progress_bar("working", stream=terminal) as update:
        update(1, 2)
        update(2, 2)
    assert quiet.getvalue() == ""
    assert "working" in terminal.getvalue()


# ------------------------------------------------------------------ the app and the sample


def test_no_command_adds_the_sample_and_starts_the_app(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[Path, str | None]] = []
    fake = types.ModuleType("annotator.ui.app")
    fake.run = lambda path, labels=None: started.append((path, labels)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "annotator.ui.app", fake)
    assert main(["--db", str(db_path)]) == 0
    assert main(["--db", str(db_path), "--labels", "team.json"]) == 0
    assert started == [(db_path, None), (db_path, "team.json")]
    with Store.open(db_path) as store:
        (doc,) = store.iter_documents()
        assert doc.text.startswith(resource_path("sample_article.txt").read_text(encoding="utf-8")[:40])


def test_no_app_yet_is_a_clear_message(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "annotator.ui.app", None)  # makes the import fail
    assert main(["--db", str(db_path)]) == 2
    assert "the desktop app cannot start" in capsys.readouterr().err


def test_ensure_sample_only_on_an_empty_database(store: Store) -> None:
    doc_id = ensure_sample(store)
    assert doc_id is not None
    assert store.get_document(doc_id).title
    assert ensure_sample(store) is None
    assert store.count_documents() == 1


def test_the_first_run_sample_is_shown_clean(store: Store) -> None:
    """The sample file is a page as scraped; the first look at the app must not show its repeated
    headline and comment box (before: both were in the article)."""
    doc = store.get_document(ensure_sample(store) or 0)
    raw = resource_path("sample_article.txt").read_text(encoding="utf-8")
    headline = raw.split("\n", 1)[0]
    assert raw.count(headline) == 2 and doc.text.count(headline) == 1 and doc.title == headline
    assert "Leave a Comment" in raw and "Leave a Comment" not in doc.text
    assert doc.meta["sample"] is True and doc.meta["clean"]["removed"]


def test_suggest_documents_api(store: Store, ruler_model: Path) -> None:
    pipeline = load_pipeline(str(ruler_model))
    a, _ = store.add_document(Document("Taliban and Pakistan talk."))
    b, _ = store.add_document(Document("50 Taliban fighters.", status=DocStatus.DONE))
    calls: list[tuple[int, int]] = []
    report = suggest_documents(store, pipeline, progress=lambda d, t: calls.append((d, t)))
    assert report.documents == 1  # done documents are left alone
    assert calls[-1] == (1, 1)
    text = store.get_document(a).text
    actors = {text[s.start : s.end] for s in store.spans(a) if s.label == "ACTOR"}
    assert {"Taliban", "Pakistan"} <= actors
    assert report.spans_added == len(store.spans(a))
    assert store.spans(b) == []
    again = suggest_documents(store, pipeline, doc_ids=[a, b], redo=True)
    assert again.documents == 2
    assert {"ACTOR", "FIGURE"} <= {s.label for s in store.spans(b)}
    cancelled = suggest_documents(store, pipeline, redo=True, cancel=lambda: True)
    assert cancelled.cancelled and cancelled.documents == 0


@pytest.mark.slow
def test_suggest_with_the_default_model(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(resource_path("sample_article.txt"))]) == 0
    assert main([*db, "suggest"]) == 0
    with Store.open(db_path) as store:
        (doc,) = store.iter_documents()
        spans = store.spans(doc.id or 0)
    assert any(s.label == "ACTOR" and doc.text[s.start : s.end] == "Taliban" for s in spans)


# ------------------------------------------------------------------ rough edges found in review


# Everything import reads, as every message names it (before: ".txt, .html or .jsonl", though .htm pages,
# gzipped pages, WARC archives and .ndjson were read too).
KINDS = ".txt articles, .html/.htm/.html.gz/.htm.gz pages, .warc/.warc.gz archives or .jsonl/.ndjson records"


def test_import_of_an_empty_folder_exits_1(db_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--db", str(db_path), "import", str(empty)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"{empty}: nothing to import: no {KINDS}"]


def test_import_of_a_folder_with_only_other_files_names_them(db_path: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    (folder / "b.docx").write_bytes(b"PK")
    assert main(["--db", str(db_path), "import", str(folder)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{folder / 'a.pdf'}: ignored: not one of {KINDS} (a list of URLs is read with --urls)",
        f"{folder / 'b.docx'}: ignored: not one of {KINDS} (a list of URLs is read with --urls)",
        f"{folder}: nothing to import: no {KINDS}",
    ]


def test_a_database_in_a_missing_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main(["--db", str(missing / "x.db"), "import", str(DATA / "crlf.txt")]) == 2
    err = capsys.readouterr().err
    assert f"the folder {missing} does not exist" in err and "not writable" not in err
    assert not missing.exists()


def test_backup_into_a_missing_folder_is_named(db_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(DATA / "crlf.txt")]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "backup", str(tmp_path / "nope" / "b.db")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'nope'} does not exist" in err and "unable to open" not in err


def test_suggest_redo_says_what_was_replaced(db_path: Path, ruler_model: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(resource_path("sample_article.txt"))]) == 0
    assert main([*db, "suggest", "--model", str(ruler_model)]) == 0
    first = capsys.readouterr().out
    with Store.open(db_path) as store:
        n = len(store.spans(1, statuses=[SpanStatus.SUGGESTED]))
    assert f"{n} new spans" in first
    assert main([*db, "suggest", "--model", str(ruler_model), "--redo"]) == 0
    out = capsys.readouterr().out
    assert f"{n} spans ({n} replaced, 0 new)" in out and "new spans" not in out


def test_export_with_nothing_done_gives_a_hint(db_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(DATA / "crlf.txt")]) == 0
    capsys.readouterr()
    out = tmp_path / "o.jsonl"
    assert main(["--db", str(db_path), "export", "--format", "jsonl", "--output", str(out)]) == 0
    assert "(no documents are marked done; --all exports every document)" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == ""
    assert main(["--db", str(db_path), "export", "--format", "jsonl", "--output", str(out), "--all"]) == 0
    assert "no documents are marked done" not in capsys.readouterr().err


def test_a_missing_model_says_how_to_get_it(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(DATA / "crlf.txt")]) == 0
    assert main(["--db", str(db_path), "suggest", "--model", "no_such_model_xyz"]) == 2
    err = capsys.readouterr().err
    assert "install it (pip install no_such_model_xyz) or give a folder" in err
