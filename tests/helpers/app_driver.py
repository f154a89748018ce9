"""Runs the real desktop app and types into it, for tests that need the whole app process.

Usage: ``python tests/helpers/app_driver.py --db DB`` (any arguments ``annotator`` takes).
The process runs ``annotator.main.main`` unchanged, the same code as ``annotator``:
the same Store, the same background jobs (page check, model, suggestions), the same
message boxes. The only thing added is a person at the keyboard: lines on stdin become
key presses in the window, a message box is read and closed with OK, and the answers
go to stdout.

Commands (one per line on stdin) and answers (one line on stdout):

``ready``
    ``READY`` once the window is shown and active and its startup work (the page check,
    loading the model) has finished; ``ERRORS [...]`` if it reported any.
``label DOC START END KEY``
    Opens document DOC (as a click in the list does), moves the cursor with Ctrl+Home
    and the arrow keys, selects START..END with Shift+Right and presses KEY. Answers
    ``ACK {json}`` when the window shows the new span (that is what the person sees as
    saved), else ``FAIL {json}`` with the errors the window reported.
``errors``
    ``ERRORS [...]``: every error message the window has shown.
``opens``
    ``OPENS [...]``: every time Python code in this process opened the database file or
    its -wal, -shm or -journal with plain file I/O (an audit hook on ``open`` watches;
    SQLite's own opens are not Python calls and are not seen). Closing such a descriptor
    drops SQLite's locks, so the list must stay empty.

When the app ends by itself the driver prints ``EXIT {"status": N, "boxes": [...]}`` with
the message boxes it closed. ``--labels-file FILE`` stands in for an edited packaged
labels file.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import main as entry
from annotator.ui.app import make_application


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Keyboard(QObject):
    """Takes commands from a reader thread and types them into the window on the UI thread."""

    command = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.command.connect(self.run, Qt.ConnectionType.QueuedConnection)
        self.boxes: list[str] = []
        # A person reads a message box and presses OK; the box's text is kept for the answers.
        self.box_timer = QTimer(self)
        self.box_timer.timeout.connect(self._close_message_boxes)
        self.box_timer.start(100)

    def _close_message_boxes(self) -> None:
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.boxes.append(f"{widget.windowTitle()}: {widget.text()}")
                widget.done(0)

    def window(self) -> Any:
        from annotator.ui.main_window import MainWindow

        for widget in self.app.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                return widget
        return None

    def run(self, line: str) -> None:
        parts = line.split()
        if not parts:
            return
        if parts[0] == "ready":
            self._poll_ready()
        elif parts[0] == "errors":
            win = self.window()
            say("ERRORS " + json.dumps((win.errors.messages if win else ["no window"]) + self.boxes))
        elif parts[0] == "opens":
            say("OPENS " + json.dumps(PLAIN_OPENS))
        elif parts[0] == "label":
            self.label(int(parts[1]), int(parts[2]), int(parts[3]), parts[4])
        else:
            say("FAIL " + json.dumps({"unknown command": line}))

    def _poll_ready(self) -> None:
        win = self.window()
        background = win.background if win else None
        if (
            win is None or background.verified is None or background.loading or background.runner.tasks
            or not win.session.document
        ):
            QTimer.singleShot(50, self._poll_ready)
            return
        win.activateWindow()
        if QApplication.activeWindow() is not win:
            QTimer.singleShot(50, self._poll_ready)
            return
        if win.errors.messages:
            say("ERRORS " + json.dumps(win.errors.messages))
        else:
            say("READY")

    def label(self, doc: int, start: int, end: int, key: str) -> None:
        win = self.window()
        errors_before = len(win.errors.messages)
        if win.session.doc_id != doc:
            win.open_document(doc)  # may start suggesting it: a person waits for that too
            deadline = time.monotonic() + 60
            while win.background.runner.tasks and time.monotonic() < deadline:
                self.app.processEvents()
                time.sleep(0.01)
        view = win.view
        QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        for _ in range(start):
            QTest.keyClick(view, Qt.Key.Key_Right)
        for _ in range(end - start):
            QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(view, key)
        label = win.labels.by_hotkey(key)
        shown = [
            s for s in win.session.spans.values()
            if (s.start, s.end) == (start, end) and label is not None and s.label == label.name
        ]
        new_errors = win.errors.messages[errors_before:]
        if shown and not new_errors:
            span = shown[0]
            say("ACK " + json.dumps(
                {"doc": doc, "start": start, "end": end, "label": span.label, "status": str(span.status), "id": span.id}
            ))
        else:
            say("FAIL " + json.dumps({"doc": doc, "start": start, "end": end, "key": key, "errors": new_errors}))


PLAIN_OPENS: list[str] = []


def watch_plain_opens(db: str) -> None:
    watched = {os.path.realpath(db + suffix) for suffix in ("", "-wal", "-shm", "-journal")}

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        try:
            path = os.path.realpath(os.fsdecode(args[0]))
        except (TypeError, ValueError):
            return
        if path in watched:
            PLAIN_OPENS.append(f"{path} mode={args[1]!r}")

    sys.addaudithook(hook)


def read_stdin(keyboard: Keyboard) -> None:
    for line in sys.stdin:
        keyboard.command.emit(line.strip())


def main(argv: list[str]) -> int:
    if "--labels-file" in argv:
        # As if the user had edited the packaged resources/labels.json.
        from annotator.core import labels

        at = argv.index("--labels-file")
        path = Path(argv[at + 1])
        del argv[at : at + 2]
        labels.default_labels_path = lambda: path
    if "--db" in argv:
        watch_plain_opens(argv[argv.index("--db") + 1])
    app = make_application()  # the app's own run() takes this instance over
    keyboard = Keyboard(app)
    threading.Thread(target=read_stdin, args=(keyboard,), daemon=True).start()
    status = entry.main(argv)
    say("EXIT " + json.dumps({"status": status, "boxes": keyboard.boxes}))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
