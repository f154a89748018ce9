"""Model → Train… and Model → Learning curve: the command line's training code in the background.

Both dialogs are modeless: annotating goes on while a model trains. The work
runs through the window's :class:`TaskRunner` with its own Store connection;
scores reach the dialog through a signal (queued onto the UI thread), never
by touching a widget from the worker. The curve is a pyqtgraph plot, like the
statistics view's charts, in the labels' colours.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import load_labels
from annotator.core.progress import Cancel, Progress
from annotator.store import Store
from annotator.ui.workers import Task, TaskRunner, WorkFn

if TYPE_CHECKING:
    from annotator.io.training import CurvePoint, TrainReport

LABELS = ("ACTOR", "FIGURE", "QUOTE")
Resuggest = Callable[[str], None]  # the new model's folder: use it and suggest open documents again


class _Relay(QObject):
    """Carries text from the worker to the dialog (emitted on the worker thread, received on the UI thread)."""

    text = Signal(str)


def train_job(db_path: str, output: Path, *, max_minutes: float, eval_split: float, relay: _Relay) -> WorkFn:
    def work(progress: Progress, cancelled: Cancel) -> TrainReport:
        from annotator.io.training import done_documents, train_model

        with Store.open(db_path, readonly=True) as store:
            docs = done_documents(store)

        def step(n: int, total: int, seconds: float, last: Any) -> None:
            progress(n, total)
            if last is not None:
                relay.text.emit(f"step {n} · {seconds:.0f} s · F1 at step {last.step}: {last.describe()}")

        return train_model(docs, output, eval_split=eval_split, max_minutes=max_minutes, progress=step,
                           cancel=cancelled)

    return work


def curve_job(db_path: str, work_dir: Path, *, max_minutes: float, eval_split: float, relay: _Relay) -> WorkFn:
    def work(progress: Progress, cancelled: Cancel) -> list[CurvePoint]:
        from annotator.io.training import done_documents, train_curve

        with Store.open(db_path, readonly=True) as store:
            docs = done_documents(store)

        def step(fraction: float, n: int, total: int, seconds: float) -> None:
            progress(n, total)
            relay.text.emit(f"training on {fraction:.0%} of the documents: step {n}, {seconds:.0f} s")

        return train_curve(docs, work_dir, eval_split=eval_split, max_minutes=max_minutes, progress=step,
                           cancel=cancelled)

    return work


TEACH_LIMIT = 300  # open documents scored for the teaching order: two pipelines run on each


class NotTrainedOnOurLabels(Exception):
    """The suggestion model predicts none of our labels: there is nothing to compare the rules with."""


def teaching_job(db_path: str, model: str, *, limit: int = TEACH_LIMIT) -> WorkFn:
    """Open documents (the first ``limit``) by how much the model and the rules + stock model disagree."""

    def work(progress: Progress, cancelled: Cancel) -> dict[int, float]:
        from annotator.core.model import DocStatus
        from annotator.nlp import load_pipeline
        from annotator.nlp.model_output import OUR_LABELS, model_output
        from annotator.nlp.scoring import teaching_order

        trained = load_pipeline(model)
        if not any(model_output(trained.nlp).predicts(label) for label in OUR_LABELS):
            raise NotTrainedOnOurLabels(
                f"{trained.name} predicts none of {', '.join(OUR_LABELS)}: train a model first (Model → Train…)"
            )
        with Store.open(db_path, readonly=True) as store:
            ids = store.document_ids(statuses=[DocStatus.NEW, DocStatus.IN_PROGRESS])[:limit]
            docs = [(i, store.get_document(i).text) for i in ids]
        progress(0, len(docs))
        order = teaching_order(trained, load_pipeline(None), docs)
        progress(len(docs), len(docs))
        return dict(order)

    return work


def _monospace(widget: QWidget) -> None:
    widget.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))


class TrainDialog(QDialog):
    """Where the model goes, a time budget; then progress with the latest scores, Cancel, and the result."""

    def __init__(
        self, runner: TaskRunner, db_path: str, models_dir: Path, resuggest: Resuggest,
        parent: QWidget | None = None, *, job: Callable[..., WorkFn] = train_job,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Train a model")
        self.runner, self.db_path, self.resuggest, self.job = runner, db_path, resuggest, job
        self.task: Task | None = None
        self.model: Path | None = None
        self.relay = _Relay(self)
        self.output = QLineEdit(str(models_dir / time.strftime("news-%Y%m%d-%H%M")), self)
        self.minutes = QDoubleSpinBox(self)
        self.minutes.setRange(0.5, 240)
        self.minutes.setValue(10)
        self.minutes.setSuffix(" min")
        self.split = QDoubleSpinBox(self)
        self.split.setRange(0.05, 0.5)
        self.split.setSingleStep(0.05)
        self.split.setValue(0.2)
        form = QFormLayout()
        form.addRow("Save the model in", self.output)
        form.addRow("Stop after at most", self.minutes)
        form.addRow("Held-out share", self.split)
        self.bar = QProgressBar(self)
        self.status = QLabel("Trains on the accepted spans of documents marked done.", self)
        self.status.setWordWrap(True)
        self.table = QPlainTextEdit(self)
        self.table.setReadOnly(True)
        _monospace(self.table)
        self.table.hide()
        self.start_button = QPushButton("Train", self)
        self.cancel_button = QPushButton("Cancel", self)
        self.resuggest_button = QPushButton("Re-suggest open documents with this model", self)
        self.resuggest_button.hide()
        self.close_button = QPushButton("Close", self)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.cancel_button, self.resuggest_button, self.close_button):
            buttons.addWidget(b)
        self.cancel_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.resuggest_button.clicked.connect(self._resuggest)
        self.relay.text.connect(self.status.setText)

    def start(self) -> None:
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.bar.setRange(0, 0)
        self.status.setText("preparing the documents and the model…")
        work = self.job(self.db_path, Path(self.output.text()), max_minutes=self.minutes.value(),
                        eval_split=self.split.value(), relay=self.relay)
        self.task = self.runner.run("train", work, on_done=self._done, on_failed=self._failed,
                                    on_progress=self._progress)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText("stopping; the best model so far is kept…")

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _done(self, report: TrainReport) -> None:
        self.task = None
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        result = report.result
        self.model = result.model
        if self.model is None:
            self.status.setText("Stopped before the first evaluation: no model was saved.")
            self.start_button.setEnabled(True)
            return
        self.status.setText(f"Trained {result.steps} steps in {result.seconds:.0f} s ({result.stopped});"
                            f" saved in {self.model}")
        self.table.setPlainText(report.table())
        self.table.show()
        self.resuggest_button.show()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.cancel_button.setEnabled(False)
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.status.setText(f"Training failed: {exc}")

    def _resuggest(self) -> None:
        if self.model is not None:
            self.resuggest(str(self.model))
            self.resuggest_button.setEnabled(False)

    def closeEvent(self, event: Any) -> None:
        self.cancel()  # a training nobody watches would hold the CPU
        super().closeEvent(event)


class CurveChart(QWidget):
    """F1 per label against the number of training documents: a pyqtgraph plot, as the statistics view draws."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self.colours = {label.name: label.color for label in load_labels()}
        self.plot = pg.PlotWidget(title="F1 on the held-out documents")
        self.plot.setBackground(self.palette().color(self.backgroundRole()))
        self.plot.setLabel("left", "F1")
        self.plot.setLabel("bottom", "documents trained on")
        self.plot.showGrid(y=True, alpha=0.3)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setYRange(0, 1, padding=0.02)
        self.plot.addLegend(offset=(-10, -10))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_points(self, points: list[CurvePoint]) -> None:
        import pyqtgraph as pg

        self.plot.clear()
        for label in LABELS:
            xs = [float(p.n_train) for p in points if label in p.scores]
            ys = [p.scores[label].f1 for p in points if label in p.scores]
            if xs:
                colour = self.colours.get(label, "#888888")
                self.plot.plot(xs, ys, name=label, pen=pg.mkPen(colour, width=2), symbol="o", symbolBrush=colour,
                               symbolSize=7)
        self.plot.setYRange(0, 1, padding=0.02)

    def lines(self) -> dict[str, list[tuple[float, float]]]:
        """What is drawn, by label (for tests)."""
        drawn: dict[str, list[tuple[float, float]]] = {}
        for item in self.plot.getPlotItem().listDataItems():
            xs, ys = item.getData()
            drawn[str(item.name())] = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
        return drawn


class CurveDialog(QDialog):
    """Trains on 25/50/75/100% of the done documents in the background and draws F1 per label."""

    def __init__(
        self, runner: TaskRunner, db_path: str, work_dir: Path, parent: QWidget | None = None, *,
        job: Callable[..., WorkFn] = curve_job, minutes_per_point: float = 3.0,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Learning curve")
        self.runner, self.db_path, self.work_dir, self.job = runner, db_path, work_dir, job
        self.minutes_per_point = minutes_per_point
        self.task: Task | None = None
        self.relay = _Relay(self)
        self.chart = CurveChart(self)
        self.bar = QProgressBar(self)
        self.status = QLabel("Trains on 25, 50, 75 and 100% of the documents marked done.", self)
        self.status.setWordWrap(True)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.start_button = buttons.addButton("Start", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button = buttons.addButton("Close", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.relay.text.connect(self.status.setText)
        self.resize(640, 480)

    def start(self) -> None:
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.bar.setRange(0, 0)
        work = self.job(self.db_path, self.work_dir, max_minutes=self.minutes_per_point, eval_split=0.2,
                        relay=self.relay)
        self.task = self.runner.run("learning curve", work, on_done=self._done, on_failed=self._failed,
                                    on_progress=self._progress)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _done(self, points: list[CurvePoint]) -> None:
        from annotator.io.training import curve_verdict

        self.task = None
        self.cancel_button.setEnabled(False)
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.chart.set_points(points)
        self.status.setText(f"{len(points)} points")
        self.verdict.setText(curve_verdict(points))

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.cancel_button.setEnabled(False)
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.status.setText(f"The learning curve failed: {exc}")

    def closeEvent(self, event: Any) -> None:
        self.cancel()
        super().closeEvent(event)
