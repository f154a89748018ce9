"""What a hostile tester broke from outside, each fixed after its test failed.

The tests drive the real entry points: the window through its menus and keys (File → Labels
file…), and the ``annotator`` program in a child process.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from test_ux_day import pick_file, windows  # noqa: F401  (windows: a fixture)

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
