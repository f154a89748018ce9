"""The window's Model menu and Suggest → Use model…: train, learning curve, switching the suggestion model.

Training and the curve run in modeless dialogs (annotating goes on); a model
chosen or just trained becomes the suggestion model (remembered in the
settings) and, when asked, suggests all open documents again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.ui.background import Background
from annotator.ui.settings import Settings
from annotator.ui.training import TEACH_LIMIT, CurveDialog, TrainDialog, teaching_job

ChooseFolder = Callable[[], str | None]
ShowOrder = Callable[[dict[int, float] | None], None]


class Modelling(QObject):
    """Opens the training dialogs and switches the model the window suggests with."""

    def __init__(
        self, background: Background, settings: Settings, window: QWidget, *,
        choose_folder: ChooseFolder | None = None, show_order: ShowOrder | None = None,
        status: Callable[[str, int], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.background = background
        self.settings = settings
        self.window = window
        self.choose_folder = choose_folder or self._ask_folder
        self.show_order = show_order or (lambda _scores: None)
        self.status = status or (lambda _text, _msecs: None)
        self.train_dialog: TrainDialog | None = None
        self.curve_dialog: CurveDialog | None = None
        self._resuggest_when_ready = False
        background.pipeline_ready.connect(self._pipeline_ready)
        background.pipeline_failed.connect(self._pipeline_failed)

    @property
    def models_dir(self) -> Path:
        """Trained models go next to the database (an in-memory one: the current folder)."""
        path = self.background.db_path
        return (Path.cwd() if path == ":memory:" else Path(path).resolve().parent) / "models"

    def train(self) -> None:
        if self.train_dialog is None:
            self.train_dialog = TrainDialog(self.background.runner, self.background.db_path, self.models_dir,
                                            self.use_model_and_resuggest, self.window)
        self.train_dialog.show()
        self.train_dialog.raise_()

    def learning_curve(self) -> None:
        if self.curve_dialog is None:
            self.curve_dialog = CurveDialog(self.background.runner, self.background.db_path,
                                            self.models_dir / "learning-curve", self.window)
        self.curve_dialog.show()
        self.curve_dialog.raise_()

    def use_model(self) -> None:
        """Suggest → Use model…: any spaCy pipeline folder (ours, one from spacy train, a stock package)."""
        folder = self.choose_folder()
        if folder:
            self.switch(folder)

    def use_model_and_resuggest(self, folder: str) -> None:
        self._resuggest_when_ready = True
        self.switch(folder)

    def use_builtin_model(self) -> None:
        """Suggest → Use the built-in model: back to the installed English model, the chosen folder forgotten."""
        self.switch(None)

    def switch(self, model: str | None) -> None:
        """Load the model; it is remembered for the next start only once it has loaded."""

        def loaded() -> None:
            self.settings.model = model
            self.status(f"Suggesting with {model or 'the built-in model'} from now on.", 10000)

        self.background.use_model(model, on_loaded=loaded)

    def _pipeline_ready(self, _pipeline: object) -> None:
        if self._resuggest_when_ready:
            self._resuggest_when_ready = False
            self.background.suggest(None, redo=True)

    def _pipeline_failed(self, _why: str) -> None:
        self._resuggest_when_ready = False  # not with the model that stays

    def order_by_teaching(self, on: bool) -> None:
        """List the open documents the suggestion model and the rules disagree on most first (off: stored order)."""
        if not on:
            self.show_order(None)
            return
        model = self.settings.model
        if not model:
            self.status("Order by teaching needs a trained model: Model → Train… or Suggest → Use model….", 10000)
            return

        def done(scores: dict[int, float]) -> None:
            self.show_order(scores)
            self.status(f"{len(scores)} open documents ordered by what they would teach the model"
                        f" (at most {TEACH_LIMIT} are scored).", 10000)

        def failed(exc: BaseException) -> None:
            self.status(f"Could not order by teaching: {exc}", 15000)

        self.background.runner.run("ordering by teaching", teaching_job(self.background.db_path, model),
                                   on_done=done, on_failed=failed)

    def _ask_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self.window, "Use a spaCy model folder", str(self.models_dir))
        return folder or None
