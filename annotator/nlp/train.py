"""Train a spaCy pipeline on our labels with ``resources/train.cfg``: spaCy's own training steps, our stopping rules.

spaCy's ``train`` runs to ``max_steps`` or until the score stops improving. We
drive the same step iterator (``train_while_improving``) so that a run also
stops after a time budget or when cancelled, reports its scores as it goes,
and keeps the best model so far in ``OUTPUT/model-best`` whatever stops it.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy import util
from spacy.language import Language
from spacy.schemas import ConfigSchemaTraining
from spacy.training.initialize import init_nlp
from spacy.training.loop import create_evaluation_callback, create_train_batches, train_while_improving, update_meta
from spacy.util import registry, resolve_dot_names

from annotator.core.paths import resource_path

CONFIG_FILE = "train.cfg"
MODEL_BEST = "model-best"
LABELS = ("ACTOR", "FIGURE", "QUOTE")
QUOTES_KEY = "quotes"


class Cancelled(Exception):
    """The caller asked to stop; the best model so far is kept."""


@dataclass
class Checkpoint:
    """The scores at one evaluation of the held-out documents."""

    step: int
    seconds: float
    score: float  # the config's weighted score (ents_f and spans_quotes_f)
    f1: dict[str, float]  # per label

    def describe(self) -> str:
        return " ".join(f"{label} {self.f1.get(label, 0.0):.2f}" for label in LABELS)


@dataclass
class TrainResult:
    model: Path | None  # OUTPUT/model-best, None when no evaluation happened before the stop
    steps: int = 0
    seconds: float = 0.0
    stopped: str = ""  # "max steps", "max minutes", "no improvement", "cancelled"
    history: list[Checkpoint] = field(default_factory=list)

    @property
    def best(self) -> Checkpoint | None:
        return max(self.history, key=lambda c: c.score, default=None)

    def time_to_within(self, margin: float) -> float | None:
        """Seconds until the first evaluation within ``margin`` of the best score (the time to a useful model)."""
        best = self.best
        if best is None:
            return None
        return next(c.seconds for c in self.history if c.score >= best.score - margin)


Progress = Callable[[int, int, float, Checkpoint | None], None]  # step, max steps, seconds, last checkpoint


def default_config() -> Path:
    return resource_path(CONFIG_FILE)


def _per_label(scores: dict[str, Any]) -> dict[str, float]:
    f1: dict[str, float] = {}
    for key in ("ents_per_type", f"spans_{QUOTES_KEY}_per_type"):
        for label, prf in (scores.get(key) or {}).items():
            f1[label] = float(prf.get("f", 0.0))
    return f1


def train(
    train_path: Path,
    dev_path: Path,
    output: Path,
    *,
    config_path: Path | None = None,
    max_steps: int | None = None,
    max_seconds: float | None = None,
    eval_frequency: int | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    meta: dict[str, Any] | None = None,
) -> TrainResult:
    """Train on two DocBin files; the best pipeline by the config's score goes to ``output/model-best``.

    Stops at ``max_steps``, after ``max_seconds``, when the score has not improved for
    the config's ``patience`` steps, when ``cancel()`` is true, or on Ctrl+C
    (KeyboardInterrupt is re-raised after the best model so far is safe).
    """
    overrides: dict[str, Any] = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    if eval_frequency is not None:
        overrides["training.eval_frequency"] = eval_frequency
    config = util.load_config(config_path or default_config(), overrides=overrides, interpolate=False)
    nlp = init_nlp(config)
    config = nlp.config.interpolate()
    T = registry.resolve(config["training"], schema=ConfigSchemaTraining)
    train_corpus, dev_corpus = resolve_dot_names(config, [T["train_corpus"], T["dev_corpus"]])
    optimizer = T["optimizer"]
    frozen = T["frozen_components"]
    evaluate = create_evaluation_callback(nlp, dev_corpus, T["score_weights"])
    steps = create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"])
    iterator = train_while_improving(
        nlp, optimizer, steps, evaluate,
        dropout=T["dropout"], accumulate_gradient=T["accumulate_gradient"], patience=T["patience"],
        max_steps=T["max_steps"], eval_frequency=T["eval_frequency"], exclude=frozen,
        annotating_components=T["annotating_components"], before_update=T["before_update"],
    )
    output.mkdir(parents=True, exist_ok=True)
    best_dir = output / MODEL_BEST
    if best_dir.exists():
        shutil.rmtree(best_dir)
    result = TrainResult(model=None)
    start = time.perf_counter()
    last_eval_step = -1
    total = int(T["max_steps"]) or 0

    losses: dict[str, float] = {}

    def checkpoint(step: int, score: float, scores: dict[str, Any]) -> None:
        nonlocal last_eval_step
        last_eval_step = step
        point = Checkpoint(step, time.perf_counter() - start, float(score), _per_label(scores))
        best = result.best
        result.history.append(point)
        if best is None or point.score > best.score:
            info = {"score": score, "other_scores": scores, "losses": losses}
            _save(nlp, optimizer, frozen, T, info, best_dir, meta)
            result.model = best_dir

    try:
        result.stopped = "no improvement"
        for _batch, info, is_best in iterator:
            result.steps = info["step"]
            result.seconds = time.perf_counter() - start
            losses = info["losses"]
            if is_best is not None and info["step"] != last_eval_step:
                checkpoint(info["step"], info["score"], info["other_scores"])
            if progress is not None:
                progress(result.steps, total, result.seconds, result.history[-1] if result.history else None)
            if total and result.steps >= total:
                result.stopped = "max steps"
                break
            if max_seconds is not None and result.seconds >= max_seconds:
                result.stopped = "max minutes"
                break
            if cancel is not None and cancel():
                result.stopped = "cancelled"
                break
    except KeyboardInterrupt:
        result.stopped = "cancelled"
        if result.model is None:
            _final_checkpoint(evaluate, checkpoint, result)
        raise
    if last_eval_step != result.steps:
        _final_checkpoint(evaluate, checkpoint, result)
    result.seconds = time.perf_counter() - start
    return result


def _final_checkpoint(
    evaluate: Callable[[], tuple[float, dict[str, Any]]], checkpoint: Callable[..., None], result: TrainResult
) -> None:
    """Evaluate where training stopped, so the steps since the last evaluation are not lost."""
    score, scores = evaluate()
    checkpoint(result.steps, score, scores)


def _save(
    nlp: Language, optimizer: Any, frozen: list[str], T: dict[str, Any], info: dict[str, Any], target: Path,
    meta: dict[str, Any] | None,
) -> None:
    """Write the pipeline next to ``target`` and rename it over, so a stop mid-write never leaves half a model."""
    with nlp.select_pipes(disable=frozen):
        update_meta(T, nlp, info)
    nlp.meta.update(meta or {})
    tmp = target.with_name(target.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    with nlp.use_params(optimizer.averages):
        nlp.to_disk(tmp)
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
