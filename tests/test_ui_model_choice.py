"""Suggest → Use model… and Use the built-in model: a folder that is no model is never remembered.

A new user who picked a wrong folder once got the error box and "loading model…" on every later
start, with no suggestions and no way back: the folder was saved before it was tried.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Document
from annotator.store import Store
from annotator.ui.background import Background
from annotator.ui.errors import ErrorReporter

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")


def test_a_folder_that_is_no_model_is_refused_and_not_remembered(make_window: Any, db_path: Path,
                                                                 tmp_path: Path) -> None:
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document("Mayor Ana Ruiz said the bridge would reopen.", title="news"))
    win = make_window(store, expect_errors=True)
    assert win.model_label.text() == "model: blank:en"
    not_a_model = tmp_path / "articles"
    not_a_model.mkdir()
    win.modelling.choose_folder = lambda: str(not_a_model)
    win.actions_["use_model"].trigger()
    assert win.settings.model is None  # nothing remembered for the next start
    assert win.errors.messages and "could not be loaded" in win.errors.messages[-1]
    assert "Suggestions go on with blank:en" in win.errors.messages[-1]
    assert win.model_label.text() == "model: blank:en"  # the model in use stays, and says so
    assert win.background.pipeline is not None and not win.background.loading
    assert win.background.suggest([doc_id], redo=True)  # suggesting still works
    assert any(s.label == "ACTOR" for s in store.spans(doc_id))


def test_a_model_is_remembered_only_once_it_has_loaded(make_window: Any, db_path: Path, tmp_path: Path) -> None:
    from helpers.tiny_model import train_tiny

    model = train_tiny(tmp_path / "model-best")
    win = make_window(db_path)
    win.modelling.choose_folder = lambda: str(model)
    win.actions_["use_model"].trigger()
    assert win.settings.model == str(model)
    assert str(model) in win.model_label.text()


def test_a_remembered_model_that_no_longer_loads_falls_back_to_the_built_in_one(qtbot: Any,
                                                                                 blank_loader: Any) -> None:
    def broken() -> Any:
        raise OSError("model '/media/usb/model-best' is neither an installed package nor a folder")

    errors = ErrorReporter(interactive=False)
    background = Background(":memory:", broken, errors, synchronous=True, fallback=blank_loader)
    ready: list[str] = []
    failed: list[str] = []
    background.pipeline_ready.connect(lambda p: ready.append(p.name))
    background.pipeline_failed.connect(failed.append)
    background.load_model()
    assert ready == ["blank:en"] and failed == []
    assert "Suggesting with the built-in model instead" in errors.messages[0]
    assert "/media/usb/model-best" in errors.messages[0]


def test_without_a_fallback_a_failed_load_says_there_is_no_model(qtbot: Any) -> None:
    def broken() -> Any:
        raise OSError("damaged")

    errors = ErrorReporter(interactive=False)
    background = Background(":memory:", broken, errors, synchronous=True)
    messages: list[str] = []
    background.message.connect(messages.append)
    failed: list[str] = []
    background.pipeline_failed.connect(failed.append)
    background.load_model()
    assert failed == ["damaged"] and not background.loading
    assert not background.suggest(None)
    assert messages == ["No suggestion model is loaded: Suggest → Use model… or Use the built-in model."]


def test_the_window_falls_back_only_for_a_remembered_model(qtbot: Any, db_path: Path, tmp_path: Path) -> None:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.settings import Settings, default_qsettings

    settings = Settings(default_qsettings(tmp_path / "settings.ini"))
    with Store.open(db_path) as store:
        win = MainWindow(store, settings, "alice", synchronous=True, interactive=False)
        assert win.background.fallback is None  # the built-in model itself has nothing to fall back to
        win.close()
        settings.model = str(tmp_path / "gone")
        win = MainWindow(store, settings, "alice", synchronous=True, interactive=False)
        assert win.background.fallback is not None
        win.close()


@pytest.mark.slow
def test_use_the_built_in_model_forgets_the_chosen_folder(make_window: Any, db_path: Path, tmp_path: Path) -> None:
    from helpers.tiny_model import train_tiny

    model = train_tiny(tmp_path / "model-best")
    win = make_window(db_path)
    win.modelling.choose_folder = lambda: str(model)
    win.actions_["use_model"].trigger()
    assert win.settings.model == str(model)
    win.actions_["use_builtin_model"].trigger()
    assert win.settings.model is None
    assert str(model) not in win.model_label.text() and win.model_label.text().startswith("model: ")
