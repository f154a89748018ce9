"""Shared fixtures. Qt runs headless: the platform is set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("ANNOTATOR_DB", None)

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def store() -> Iterator[Store]:
    """A fresh in-memory database."""
    s = Store.open(":memory:")
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a database file that does not exist yet."""
    return tmp_path / "annotations.db"


# ------------------------------------------------------------------ pipelines


@pytest.fixture(scope="session")
def blank(blank_loader):  # type: ignore[no-untyped-def]
    """Blank English with our rule components (no trained model): the one the windows use."""
    return blank_loader()


@pytest.fixture(scope="session")
def trained():  # type: ignore[no-untyped-def]
    """The default trained pipeline (en_core_web_sm or the bundled copy), loaded once per session."""
    from annotator.nlp import load_pipeline

    return load_pipeline()


# ------------------------------------------------------------------ app windows


@pytest.fixture(scope="session")
def blank_loader():  # type: ignore[no-untyped-def]
    """A pipeline loader for windows: blank English with the rule components, built once per session."""
    from functools import cache

    from annotator.nlp.pipeline import blank_pipeline

    return cache(blank_pipeline)


@pytest.fixture
def make_window(qtbot, tmp_path: Path, blank_loader):  # type: ignore[no-untyped-def]
    """A factory for real main windows on a database file, shown, started and active.

    ``make_window(store)`` or ``make_window(path)``; teardown closes each window, lets Qt run
    what it had queued and delete the window, then closes its store (in that order: pending
    timers must not meet a closed database). A window that reported an error the test did not
    expect (``expect_errors=False``) fails the test, also when the error came during teardown.
    """
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_window import MainWindow
    from annotator.ui.settings import Settings, default_qsettings

    made: list[tuple[MainWindow, Store, bool]] = []
    forgotten: list[str] = []
    seen: list[object] = [None]

    def close_a_forgotten_dialog() -> None:
        # A question no test answers (Ctrl+Return on open suggestions) would wait forever and hang
        # the whole suite: one still open 5 seconds later is closed, and the test fails.
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog is seen[0]:
            forgotten.append(dialog.windowTitle())
            dialog.close()
        seen[0] = dialog

    from PySide6.QtCore import QTimer

    watchdog = QTimer()
    watchdog.timeout.connect(close_a_forgotten_dialog)
    watchdog.start(5000)

    def make(
        db: Store | Path | str, *, annotator: str = "alice", loader=None, synchronous: bool = True,  # type: ignore[no-untyped-def]
        expect_errors: bool = False, start: bool = True, activate: bool = True, snap_tokens: bool | None = None,
        labels=None,  # type: ignore[no-untyped-def]
    ) -> MainWindow:
        store = db if isinstance(db, Store) else Store.open(db)
        settings = Settings(default_qsettings(tmp_path / f"settings-{annotator}-{len(made)}.ini"))
        if snap_tokens is not None:
            settings.snap_to_tokens = snap_tokens
        win = MainWindow(store, settings, annotator, labels=labels, pipeline_loader=loader or blank_loader,
                         synchronous=synchronous, interactive=False)
        made.append((win, store, expect_errors))
        win.show()
        qtbot.waitExposed(win)
        if activate:
            win.activateWindow()  # window shortcuts need an active window
            qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        if start:
            win.start()
        return win

    yield make
    watchdog.stop()
    assert not forgotten, f"a dialog nobody answered was left open: {forgotten}"
    unexpected: list[str] = []
    for win, _store, expect_errors in made:
        win.close()
        QCoreApplication.processEvents()  # queued single-shot timers run while the store is open
        assert not win.background.runner.tasks, "no background work outlives its window"
        assert win.background.runner.active_threads() == 0
        if not expect_errors:
            unexpected += win.errors.messages
        win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    for _win, store, _expect in made:
        store.close()
    assert not unexpected, f"a window reported errors the test did not expect: {unexpected}"
