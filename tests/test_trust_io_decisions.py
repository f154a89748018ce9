"""A person's decision is never treated as a suggestion (issue 9, point 2).

The edits are made in the real window with keys (pytest-qt), or through the store the
window calls; what they leave behind is checked with the real ``annotator`` program:
``export`` keeps a person's span, ``suggest --redo`` leaves it, and an imported
``"status": "done"`` with open suggestions is reopened with a warning.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import spacy
from helpers.cli_process import annotator, no_traceback
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.model import DocStatus, SpanStatus
from annotator.store import Store

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TEXT = "The Taliban said 50 civilians died in Kabul on Monday."
TALIBAN = {"start": 4, "end": 11, "label": "ACTOR", "status": "suggested", "source": "model",
           "source_name": "en_core_web_sm 3.8.0", "confidence": 0.9}
FIFTY = {"start": 17, "end": 29, "label": "FIGURE", "status": "suggested", "source": "model",
         "source_name": "en_core_web_sm 3.8.0"}


@pytest.fixture
def ruler(tmp_path: Path) -> Path:
    """A pipeline that suggests "Taliban" as an actor: what ``suggest --redo`` would bring back."""
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Taliban"}])
    path = tmp_path / "ruler"
    nlp.to_disk(path)
    return path


def _db_with_suggestions(tmp_path: Path, **record: object) -> Path:
    db = tmp_path / "a.db"
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": TEXT, "spans": [TALIBAN, FIFTY], **record}) + "\n", encoding="utf-8")
    result = annotator("--db", db, "import", path)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)  # as if suggest had run: the window then suggests nothing more
    conn.execute("UPDATE documents SET suggested = 1")
    conn.commit()
    conn.close()
    return db


def _exported_spans(db: Path, tmp_path: Path, *args: str) -> list[tuple[int, int, str, str | None, str]]:
    out = tmp_path / "out.jsonl"
    out.unlink(missing_ok=True)
    result = annotator("--db", db, "export", "--format", "jsonl", "--output", out, *args)
    no_traceback(result)
    if not out.exists():
        return []
    return [(s["start"], s["end"], s["label"], s.get("status"), s["annotator"])
            for line in out.read_text(encoding="utf-8").splitlines() for s in json.loads(line)["spans"]]


def _key(qtbot, win, k: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(win.view, k, modifier)


def test_relabelling_a_suggestion_makes_it_the_persons(qtbot, make_window, tmp_path: Path, ruler: Path) -> None:
    db = _db_with_suggestions(tmp_path)
    win = make_window(db)
    win.view.setFocus()
    span = win.editor.current_span()  # the window opens on the first span: Taliban, a suggestion
    assert span is not None and (span.start, span.end, span.status) == (4, 11, SpanStatus.SUGGESTED)
    _key(qtbot, win, "2")  # relabel as QUOTE
    stored = win.store.get_span(span.id)
    assert (stored.label, stored.status, stored.annotator) == ("QUOTE", SpanStatus.ACCEPTED, "alice")
    assert stored.source_name == "en_core_web_sm 3.8.0", "who proposed it is still recorded"

    # The export keeps it as accepted; suggest --redo leaves it (and may suggest Taliban as ACTOR again).
    assert (4, 11, "QUOTE", None, "alice") in _exported_spans(db, tmp_path, "--all")
    redo = annotator("--db", db, "suggest", "--redo", "--model", ruler)
    assert redo.returncode == 0, redo.stderr
    assert (4, 11, "QUOTE", None, "alice") in _exported_spans(db, tmp_path, "--all")


def test_resizing_or_unlinking_a_speaker_makes_a_suggestion_the_persons(tmp_path: Path, ruler: Path) -> None:
    quote = {"start": 12, "end": 29, "label": "QUOTE", "status": "suggested", "source": "rule"}
    db = tmp_path / "a.db"
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": TEXT, "spans": [TALIBAN, FIFTY | {"start": 20}, quote], "relations": [
        {"label": "SPEAKER", "head_span": quote, "child_span": TALIBAN, "status": "suggested"}]}) + "\n")
    assert annotator("--db", db, "import", path).returncode == 0
    with Store.open(db) as store:
        spans = {s.label: s for s in store.spans(1)}
        store.update_span(spans["FIGURE"].id or 0, annotator="bob", start=17)  # the window's resize
        store.set_speaker(spans["QUOTE"].id or 0, None, "bob")  # "this quote has no speaker"
    assert annotator("--db", db, "suggest", "--redo", "--model", ruler).returncode == 0
    exported = _exported_spans(db, tmp_path, "--all")
    assert (17, 29, "FIGURE", None, "bob") in exported
    assert (12, 29, "QUOTE", None, "bob") in exported


def _answer(qtbot, letter: Qt.Key, seen: list[str]) -> None:
    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "Ctrl+Return asked nothing"
        seen.append(dialog.windowTitle())
        qtbot.keyClick(dialog, letter)

    QTimer.singleShot(0, press)


@pytest.mark.parametrize(("letter", "status", "spans_after"), [
    (Qt.Key.Key_B, DocStatus.NEW, SpanStatus.SUGGESTED),
    (Qt.Key.Key_Escape, DocStatus.NEW, SpanStatus.SUGGESTED),
    (Qt.Key.Key_A, DocStatus.DONE, SpanStatus.ACCEPTED),
    (Qt.Key.Key_R, DocStatus.DONE, SpanStatus.REJECTED),
], ids=["B-back", "Esc-back", "A-accept", "R-reject"])
def test_ctrl_return_asks_about_open_suggestions(qtbot, make_window, tmp_path: Path, letter: Qt.Key,
                                                 status: DocStatus, spans_after: SpanStatus) -> None:
    db = _db_with_suggestions(tmp_path)
    win = make_window(db)
    doc_id = win.session.doc_id
    win.view.setFocus()
    seen: list[str] = []
    _answer(qtbot, letter, seen)
    _key(qtbot, win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Open suggestions"]
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    store = win.store
    assert store.get_document(doc_id).status is status
    assert {s.status for s in store.spans(doc_id)} == {spans_after}
    exported = _exported_spans(db, tmp_path)  # only done documents, accepted spans
    assert exported == ([(4, 11, "ACTOR", None, "alice"), (17, 29, "FIGURE", None, "alice")]
                        if spans_after is SpanStatus.ACCEPTED else [])
    if status is DocStatus.DONE:
        # One Ctrl+Z takes back both the "done" and the decision on the suggestions.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        _key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert store.get_document(doc_id).status is DocStatus.NEW
        assert {s.status for s in store.spans(doc_id)} == {SpanStatus.SUGGESTED}


def test_importing_done_with_open_suggestions_reopens_it_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "done.jsonl"
    path.write_text(
        json.dumps({"text": TEXT, "status": "done", "spans": [TALIBAN, FIFTY]}) + "\n"
        + json.dumps({"text": "Really done: the Taliban said.", "status": "done",
                      "spans": [{"start": 18, "end": 25, "label": "ACTOR"}]}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f'{path}:1: warning: marked "done" but 2 of its spans are suggestions nobody accepted or rejected:'
        ' imported as "in_progress"; review them and mark it done in the app'
    ]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status FROM documents ORDER BY id").fetchall() == [("in_progress",), ("done",)]
    conn.close()
