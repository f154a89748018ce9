"""A malformed labels file or colliding hotkeys: a message box in the app, a message on the command line,
never a traceback and never a label key that silently does nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.core.labels import load_labels
from annotator.core.model import Document
from annotator.store import Store

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "helpers" / "app_driver.py"

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _labels(*items: Any, relations: Any = None) -> str:
    data: dict[str, Any] = {"labels": list(items)}
    if relations is not None:
        data["relations"] = relations
    return json.dumps(data)


ACTOR = {"name": "ACTOR", "hotkey": "1"}
QUOTE = {"name": "QUOTE", "hotkey": "2"}

# file contents -> what the message must say (after "FILE:")
BAD: dict[str, tuple[str, str]] = {
    "broken JSON": ('{"labels": [\n  {"name": "ACTOR",, "hotkey": "1"}\n]}', ":2: not valid JSON"),
    "not UTF-8": ("\udcff", "not UTF-8"),
    "a list, not an object": ('[{"name": "ACTOR"}]', 'an object with a non-empty "labels" list'),
    "no labels": ('{"labels": []}', 'an object with a non-empty "labels" list'),
    "a label that is a string": (_labels("ACTOR"), "label 1 must be an object, not str"),
    "a name that is a number": (_labels({"name": 7, "hotkey": "1"}), "label 1: 'name' must be a string, not int 7"),
    "a name that is an object": (_labels({"name": {"x": 1}}), "'name' must be a string, not dict"),
    "no name": (_labels({"hotkey": "1"}), "label 1 has no 'name'"),
    "an empty name": (_labels({"name": " "}), "must be printable, without spaces around it"),
    "a hotkey that is a number": (_labels({"name": "ACTOR", "hotkey": 1}), "'hotkey' must be a string, not int 1"),
    "a bad colour": (_labels({"name": "ACTOR", "color": "blue-ish"}), "colour 'blue-ish' is not #RGB or #RRGGBB"),
    "the same name twice": (_labels(ACTOR, {"name": "ACTOR", "hotkey": "2"}), "the label name ACTOR appears twice"),
    "the same hotkey twice": (_labels(ACTOR, {"name": "QUOTE", "hotkey": "1"}), "a hotkey appears twice"),
    "hotkeys that differ by case": (
        _labels({"name": "ACTOR", "hotkey": "b"}, {"name": "QUOTE", "hotkey": "B"}),
        "'b' of ACTOR and 'B' of QUOTE are one key",
    ),
    "accented hotkeys that differ by case": (
        _labels({"name": "ACTOR", "hotkey": "é"}, {"name": "QUOTE", "hotkey": "É"}), "are one key",
    ),
    "a hotkey of the app, lower case": (_labels({"name": "ACTOR", "hotkey": "x"}), "is taken by 'reject'"),
    "relations not a list": (_labels(ACTOR, QUOTE, relations={"name": "SPEAKER"}), '"relations" must be a list'),
    "a relation to an unknown label": (
        _labels(ACTOR, QUOTE, relations=[{"name": "SPEAKER", "head": "QUOTE", "child": "PERSON"}]),
        "relation SPEAKER links 'PERSON', which is not one of the labels",
    ),
}


def _write(path: Path, content: str) -> Path:
    if content == "\udcff":
        path.write_bytes(b'{"labels": [{"name": "\xff"}]}')
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_labels_file_is_a_message_on_the_command_line(case: str, tmp_path: Path) -> None:
    content, message = BAD[case]
    labels = _write(tmp_path / "labels.json", content)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe council met.", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(tmp_path / "a.db"), "import", "--labels", str(labels),
         str(article)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"annotator: error: {labels}" in result.stderr and message in result.stderr, result.stderr


def test_a_bad_labels_file_is_a_message_box_in_the_app(tmp_path: Path) -> None:
    """The real app process, with the packaged labels file edited into one with colliding hotkeys."""
    content, message = BAD["hotkeys that differ by case"]
    labels = _write(tmp_path / "labels.json", content)
    config = tmp_path / "config"
    (config / "news-annotator").mkdir(parents=True)
    (config / "news-annotator" / "annotator.ini").write_text("[user]\nannotator=alice\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(config), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(DRIVER), "--labels-file", str(labels), "--db", str(tmp_path / "a.db")],
        capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in result.stderr, result.stderr
    exit_line = [line for line in result.stdout.splitlines() if line.startswith("EXIT ")]
    assert exit_line, result.stdout + result.stderr
    ended = json.loads(exit_line[0][5:])
    assert ended["status"] == 2
    assert len(ended["boxes"]) == 1
    box = ended["boxes"][0]
    assert box.startswith("Cannot read the labels file: ") and str(labels) in box and message in box
    assert message in result.stderr  # and on the terminal it was started from


def test_the_default_labels_file_broken_is_a_message_for_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.core import labels as labels_module
    from annotator.main import main

    broken = _write(tmp_path / "labels.json", BAD["broken JSON"][0])
    monkeypatch.setattr(labels_module, "default_labels_path", lambda: broken)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe council met.", encoding="utf-8")
    assert main(["--db", str(tmp_path / "a.db"), "import", str(article)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:2: not valid JSON" in err and "Traceback" not in err


def test_every_hotkey_a_labels_file_accepts_labels_in_the_window(make_window: Any, db_path: Path) -> None:
    """Letters in either case, accented letters, digits and punctuation: no key is accepted and then dead."""
    keys = {"PERSON": "k", "PLACE": "M", "THING": "é", "EVENT": "7", "DATE": ",", "MONEY": "+"}
    path = db_path.with_suffix(".json")
    path.write_text(_labels(*({"name": n, "hotkey": k} for n, k in keys.items()), relations=[]), encoding="utf-8")
    labels = load_labels(path)
    text = "alpha beta gamma delta epsilon zeta eta"
    store = Store.open(db_path)
    store.add_document(Document(text=text, title="keys"))
    win = make_window(store, labels=labels, snap_tokens=False)
    win.open_document(1)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for n, (name, key) in enumerate(keys.items()):
        word = text.split()[n]
        start = text.index(word)
        win.view.select_range(win.editor.positions.to_qt(start), win.editor.positions.to_qt(start + len(word)))
        # The key code a keyboard sends: Qt's codes for letters are the upper-case code points (Key_Eacute).
        QTest.keyClick(win.view, Qt.Key(ord(key.upper())))
        assert (start, start + len(word), name) in {s.key for s in store.spans(1)}, f"the key {key!r} did nothing"
