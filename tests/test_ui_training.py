"""Model → Train… and Model → Learning curve: progress, scores, Cancel, the result, a real chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.io.training import CurvePoint, TrainReport
from annotator.nlp.scoring import LabelScore
from annotator.nlp.train import Checkpoint, TrainResult
from annotator.ui.training import CurveDialog, TrainDialog
from annotator.ui.workers import TaskRunner


def _scores(f1: float) -> dict[str, LabelScore]:
    tp = round(f1 * 10)
    return {label: LabelScore(tp=tp, fp=10 - tp, fn=10 - tp) for label in ("ACTOR", "FIGURE", "QUOTE")}


def fake_train(model: Path, seen: list[str]) -> Any:
    def job(db_path: str, output: Path, *, max_minutes: float, eval_split: float, relay: Any) -> Any:
        def work(progress: Any, cancelled: Any) -> TrainReport:
            progress(50, 100)
            relay.text.emit("step 50 · F1 ACTOR 0.40")
            seen.append(f"{output} {max_minutes} {eval_split} cancelled={cancelled()}")
            result = TrainResult(model=model, steps=100, seconds=12, stopped="max steps",
                                 history=[Checkpoint(100, 12, 0.5, {"ACTOR": 0.5})])
            return TrainReport(result, 8, 2, trained=_scores(0.8), baseline=_scores(0.5), baseline_name="stock")

        return work

    return job


def test_train_dialog_runs_shows_scores_and_offers_to_resuggest(qtbot: Any, tmp_path: Path) -> None:
    runner = TaskRunner(synchronous=True)
    seen: list[str] = []
    used: list[str] = []
    dialog = TrainDialog(runner, "db", tmp_path, used.append, job=fake_train(tmp_path / "m" / "model-best", seen))
    qtbot.addWidget(dialog)
    dialog.minutes.setValue(3)
    dialog.start()
    assert seen and seen[0].endswith("3.0 0.2 cancelled=False")
    assert "ACTOR         0.80" in dialog.table.toPlainText()  # trained vs rules + stock, per label
    assert dialog.resuggest_button.isVisibleTo(dialog)
    dialog.resuggest_button.click()
    assert used == [str(tmp_path / "m" / "model-best")]


def test_train_dialog_cancel_reaches_the_work(qtbot: Any, tmp_path: Path) -> None:
    runner = TaskRunner()  # a real thread: Cancel must reach the worker
    started: list[bool] = []

    def job(db_path: str, output: Path, **_: Any) -> Any:
        def work(progress: Any, cancelled: Any) -> TrainReport:
            started.append(True)
            while not cancelled():
                pass
            return TrainReport(TrainResult(model=None, stopped="cancelled"), 0, 0)

        return work

    dialog = TrainDialog(runner, "db", tmp_path, lambda _m: None, job=job)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: bool(started))
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.task is None)
    runner.wait()
    assert "no model was saved" in dialog.status.text()


def test_learning_curve_is_drawn_as_a_chart_with_a_verdict(qtbot: Any, tmp_path: Path) -> None:
    points = [CurvePoint(f / 4, f * 10, _scores(0.2 * f), 1.0) for f in (1, 2, 3, 4)]

    def job(*_a: Any, **_k: Any) -> Any:
        return lambda progress, cancelled: points

    dialog = CurveDialog(TaskRunner(synchronous=True), "db", tmp_path, job=job)
    qtbot.addWidget(dialog)
    dialog.start()
    lines = dialog.chart.lines()
    assert set(lines) == {"ACTOR", "FIGURE", "QUOTE"}
    assert [x for x, _y in lines["QUOTE"]] == [10, 20, 30, 40]
    assert dialog.verdict.text().startswith("still learning")


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_use_model_switches_the_suggestion_model_and_resuggests(make_window: Any, db_path: Path,
                                                                 tmp_path: Path) -> None:
    from helpers.tiny_model import QUOTE, TEXT, train_tiny

    from annotator.core.model import DocStatus, Document, Source
    from annotator.store import Store

    model = train_tiny(tmp_path / "model-best")
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(TEXT, title="news"))
    win = make_window(store)
    from PySide6.QtWidgets import QMenu

    menus = {m.title(): {a.objectName() for a in m.actions()} for m in win.menuBar().findChildren(QMenu)}
    assert {"train", "learning_curve"} <= menus["&Model"] and "use_model" in menus["&Suggest"]
    win.modelling.choose_folder = lambda: str(model)
    win.actions_["use_model"].trigger()
    assert win.settings.model == str(model)
    assert str(model) in win.model_label.text()
    win.modelling.use_model_and_resuggest(str(model))  # what the train dialog's button calls
    quotes = [s for s in store.spans(doc_id) if s.label == "QUOTE"]
    assert [(TEXT[s.start:s.end], s.source) for s in quotes] == [(QUOTE, Source.MODEL)]
    assert str(model) in quotes[0].source_name
    assert store.get_document(doc_id).status is not DocStatus.DONE
    win.actions_["order_by_teaching"].setChecked(True)  # model vs rules on the open documents
    model_rows = win.documents.model
    first = model_rows.data(model_rows.index(0, 0))
    assert first.startswith("1. ") and model_rows.teaching_rank(doc_id) is not None
    win.actions_["order_by_teaching"].setChecked(False)
    assert model_rows.teaching_rank(doc_id) is None
    win.actions_["train"].trigger()
    assert win.modelling.train_dialog is not None and win.modelling.train_dialog.isVisible()
    win.modelling.train_dialog.close()
