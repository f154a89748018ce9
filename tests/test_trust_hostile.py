"""What a hostile tester broke from outside, each fixed after its test failed.

The tests drive the real entry points: the window through its menus and keys (File → Labels
file…), and the ``annotator`` program in a child process.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers.cli_process import annotator, no_traceback
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer
from test_ux_day import pick_file, windows  # noqa: F401  (windows: a fixture)

from annotator.core.speaker_choice import _SENTENCE_END, sentence_bounds
from annotator.store import Store

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def many_labels(path: Path, n: int) -> Path:
    labels = [{"name": "ACTOR", "hotkey": "1", "color": "#3b82f6"},
              {"name": "QUOTE", "hotkey": "2", "color": "#f59e0b"},
              {"name": "FIGURE", "hotkey": "3", "color": "#10b981"}]
    labels += [{"name": f"TOPIC_{i}\U0001F4F0", "hotkey": str(i) if i < 10 else "", "color": "#a855f7"}
               for i in range(4, n + 1)]
    path.write_text(json.dumps({"labels": labels}), encoding="utf-8")
    return path


def test_a_labels_file_with_many_labels_leaves_the_window_its_size(qtbot, windows, tmp_path: Path) -> None:  # noqa: F811
    # The legend above the article put every label in one row: with 500 labels the window
    # became 32,767 pixels wide, the article and the span panel ran off the screen; a team's
    # 12 labels already made it wider than a laptop's screen.
    keeper, _settings = windows
    path = many_labels(tmp_path / "many.json", 500)
    QTimer.singleShot(0, lambda: pick_file(path))
    keeper.window.actions_["labels_file"].trigger()
    win = keeper.window
    assert len(win.labels) == 500
    win.resize(1000, 650)
    qtbot.waitUntil(lambda: win.width() <= 1000)
    assert win.minimumSizeHint().width() <= 1000
    assert win.view.isVisible() and 0 < win.view.width() < 1000


# ------------------------------------------------------------ labels files with hostile content


def _import_with(labels: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    record = tmp_path / "one.jsonl"
    record.write_text(json.dumps({"text": "Maria Lopez said hello.",
                                  "spans": [{"start": 0, "end": 11, "label": "ACTOR"}]}) + "\n", encoding="utf-8")
    result = annotator("--db", tmp_path / "a.db", "import", "--labels", labels, record)
    no_traceback(result)
    return result


def test_a_labels_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Windows Notepad saves UTF-8 with a BOM; import reads such files, the labels file was refused
    # ("not valid JSON (Unexpected UTF-8 BOM ...)").
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"labels": [{"name": "ACTOR", "hotkey": "1"}]}).encode())
    result = _import_with(path, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stdout


@pytest.mark.parametrize("text, problem", [
    ('{"labels": [{"name": "ACTOR", "hotkey": "1"}], "labels": [{"name": "PLACE", "hotkey": "2"}]}',
     "the key 'labels' appears twice"),
    ('{"labels": [{"name": "ACTOR", "hotkey": "1", "name": "PERSON"}]}', "the key 'name' appears twice"),
])
def test_a_labels_file_with_a_key_twice_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    # JSON keeps the last of two equal keys: the first label list, or the name "ACTOR", was
    # dropped without a word and the spans of the team's records were refused as unknown labels.
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    result = _import_with(path, tmp_path)
    assert result.returncode == 2
    assert f"{path}: {problem} in one object" in result.stderr


def test_a_hotkey_no_key_can_type_is_refused(tmp_path: Path) -> None:
    # Qt has no key for a character beyond the Basic Multilingual Plane: an emoji hotkey was
    # accepted and its label key silently did nothing.
    path = tmp_path / "emoji.json"
    path.write_text(json.dumps({"labels": [{"name": "ACTOR", "hotkey": "\U0001F600"}]}), encoding="utf-8")
    result = _import_with(path, tmp_path)
    assert result.returncode == 2
    assert "hotkey '\U0001F600' of label ACTOR is not a key on a keyboard" in result.stderr


# ------------------------------------------------------------ a long article


def test_suggest_passes_over_an_article_longer_than_the_model_reads(tmp_path: Path) -> None:
    # `import --max-chars 2000000` took a 1.5 MB article; `suggest` then stopped with spaCy's
    # traceback (E088, over nlp.max_length) and the documents after it got no suggestions.
    db = tmp_path / "a.db"
    long_text = "Long Article\n\n" + "Officials said the talks would go on. " * 30_000  # 1,140,014 characters
    (tmp_path / "long.txt").write_text(long_text, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Short\n\nMaria Lopez said “we will stay” on Monday.", encoding="utf-8")
    result = annotator("--db", db, "import", "--max-chars", "2000000", tmp_path / "long.txt", tmp_path / "short.txt")
    assert result.returncode == 0, result.stderr
    result = annotator("--db", db, "suggest", timeout=300)
    no_traceback(result)
    assert result.returncode == 1
    assert ("document 1 ('Long Article'): 1,140,014 characters, longer than the model reads (1,000,000):"
            " no suggestions") in result.stderr
    assert "in 1 document" in result.stdout and "1 document too long for the model" in result.stdout
    with Store.open(db) as store:
        assert store.spans(2) and not store.spans(1)


def _sentence_bounds_scanning_from_the_top(text: str, start: int, end: int) -> tuple[int, int]:
    """The speaker chooser's sentence bounds as they were: every sentence end from the article's top."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Maria", " ", "said", ".", "?!", "”", "\n", "...", "a" * 700, "x"]), max_size=40),
       st.data())
def test_the_speaker_choosers_sentence_looks_back_only_as_far_as_it_must(parts: list[str], data: st.DataObject) -> None:
    # Scanning from the top for every mention made S take 455 s on a 1 MB article with 13,000
    # actors (python benchmarks/ui_bench.py prints the figure); the window looking back must
    # find the same sentence, also when a long sentence end straddles its edge.
    text = "".join(parts) or "x"
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assert sentence_bounds(text, start, end) == _sentence_bounds_scanning_from_the_top(text, start, end)


# ------------------------------------------------------------ URL lists


def test_a_very_long_url_is_named_short_in_its_message(tmp_path: Path) -> None:
    # A URL list with a 5 MB line (a pasted blob): its failure message printed the whole URL,
    # five megabytes on the terminal and in the app's import report.
    import socket

    with socket.socket() as sock:  # a port on the loopback that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    urls = tmp_path / "urls.txt"
    urls.write_text(f"http://127.0.0.1:{port}/" + "a" * 5_000_000 + "\n", encoding="utf-8")
    result = annotator("--db", tmp_path / "a.db", "import", "--urls", urls, "--retries", "0", "--timeout", "2",
                       "--delay", "0")
    no_traceback(result)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{urls}:1: http://127.0.0.1:{port}/aaaa") and "…" in line and len(line) < 500, line[:300]


# ------------------------------------------------------------ the first-run tip


@pytest.mark.parametrize("keys, said", [
    (("p", "o"), "press p or o to label it"),
    (("1", "2", "3", "4"), "press 1, 2, 3 or 4 to label it"),
    (("", ""), "pick a label from the right-click menu"),
])
def test_the_first_tip_names_the_label_keys_of_the_labels_file(make_window, db_path: Path, keys: tuple[str, ...],
                                                                said: str) -> None:
    # The tip said "press 1, 2 or 3" whatever keys the labels file gave (none, or letters).
    from annotator.core.labels import Label, LabelSet
    from annotator.io.sample import ensure_sample

    labels = LabelSet(tuple(Label(f"L{n}", key, "#888888") for n, key in enumerate(keys)))
    store = Store.open(db_path)
    ensure_sample(store)
    win = make_window(store, labels=labels, start=False)
    shown: list[str] = []
    win.statusBar().messageChanged.connect(shown.append)
    win.start()
    assert any(said in message for message in shown), shown


def test_a_label_without_a_hotkey_is_in_the_menus_and_labels(qtbot, make_window, db_path: Path) -> None:
    # "A label without a hotkey is labelled from the menu", the labels file check says; but no
    # action was made for it, so it was in no menu: 491 of a 500-label file could not be used.
    from test_ui_window import select_text

    from annotator.core.labels import Label, LabelSet
    from annotator.io.sample import ensure_sample
    from annotator.ui.window_parts import context_actions

    labels = LabelSet((Label("ACTOR", "1", "#3b82f6"), Label("PLACE", "", "#a855f7")))
    store = Store.open(db_path)
    ensure_sample(store)
    win = make_window(store, labels=labels)
    edit_menu = win.menuBar().actions()[1].menu()
    texts = [a.text() for a in edit_menu.actions()] + [a.text() for a in context_actions(win.actions_) if a]
    assert texts.count("Label as PLACE") == 2  # the Edit menu and the right-click menu
    [place] = [a for a in context_actions(win.actions_) if a and a.text() == "Label as PLACE"]
    win.view.setFocus()
    select_text(qtbot, win, "Istanbul")
    place.trigger()
    assert any(s.label == "PLACE" and s.text_in(win.session.document.text) == "Istanbul"
               for s in win.session.spans.values())
    assert not any("PLACE" in text for _keys, text in win.actions_.help_rows())  # F1 lists keys only


# ------------------------------------------------------------ File → Labels file… while work runs


def test_choosing_a_labels_file_while_an_import_runs_does_not_cancel_it(qtbot, db_path: Path, tmp_path: Path,
                                                                        blank_loader) -> None:
    # The window opens anew with the labels chosen, and closing the old one cancelled its work:
    # an import (or a training run) stopped halfway without a word, its report lost.
    from PySide6.QtWidgets import QApplication, QFileDialog
    from test_ux_day import labels_file

    from annotator.io.sample import ensure_sample
    from annotator.ui.app import Windows, startup_labels
    from annotator.ui.main_window import MainWindow
    from annotator.ui.settings import Settings, default_qsettings

    store = Store.open(db_path)
    ensure_sample(store)
    settings = Settings(default_qsettings(tmp_path / "settings.ini"))
    keeper = Windows(lambda labels: MainWindow(store, settings, "alice", labels=labels, pipeline_loader=blank_loader,
                                               interactive=False), startup_labels(db_path, settings, None))
    first = keeper.window
    try:
        first.show()
        qtbot.waitExposed(first)
        first.start()
        records = tmp_path / "many.jsonl"
        records.write_text("".join(json.dumps({"text": f"Article {n}: Maria Lopez said it again on day {n}."}) + "\n"
                                   for n in range(20_000)), encoding="utf-8")
        first.background.import_paths([records])
        assert any(task.name == "importing" for task in first.background.runner.tasks)
        path = labels_file(tmp_path / "team.json")

        def pick_if_asked() -> None:
            if isinstance(QApplication.activeModalWidget(), QFileDialog):
                pick_file(path)

        QTimer.singleShot(0, pick_if_asked)
        first.actions_["labels_file"].trigger()
        assert keeper.window is first  # not opened anew under the running import
        assert "Importing is running" in first.statusBar().currentMessage()
        assert settings.labels_file(str(db_path)) is None
        qtbot.waitUntil(lambda: not first.background.runner.tasks, timeout=120_000)
        assert store.count_documents() == 1 + 20_000  # the sample and every record
    finally:
        keeper.window.close()
        QApplication.processEvents()
        store.close()
