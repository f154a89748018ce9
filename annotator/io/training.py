"""Train on what annotators accepted: documents marked done, split by document hash, scored against the rules.

Only documents marked done go in, with their accepted spans: an open
suggestion is nobody's decision and never becomes training data. The
held-out part is chosen by each document's text hash, so a document stays on
its side of the split as more documents are marked done.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Document, Span
from annotator.core.text import counted, text_hash
from annotator.io.docbin import write_docbin
from annotator.io.export import ExportReport, Selection
from annotator.nlp import LoadedPipeline, load_pipeline, make_tokenizer
from annotator.nlp.scoring import Scores, score_pipeline
from annotator.nlp.train import LABELS, Progress, TrainResult, train
from annotator.store import Store

MIN_TRAIN, MIN_HELD_OUT = 2, 1
CURVE_FRACTIONS = (0.25, 0.5, 0.75, 1.0)
CURVE_GAIN = 0.02  # F1 a label gained from the last quarter of the documents that says more annotation helps

Annotated = tuple[Document, list[Span]]


class TrainError(Exception):
    """Training cannot start (too few documents, a bad config); the message says what to do."""


def done_documents(store: Store) -> list[Annotated]:
    """Documents marked done with their accepted spans, in a stable order (by text hash)."""
    docs = [(doc, spans) for doc, spans, _relations in Selection().documents(store)]
    return sorted(docs, key=lambda item: _hash(item[0]))


def _hash(doc: Document) -> str:
    return doc.hash or text_hash(doc.text)


def is_held_out(doc: Document, eval_split: float) -> bool:
    """Stable: the first 8 hex digits of the text hash as a fraction of 16**8."""
    return int(_hash(doc)[:8], 16) / 16**8 < eval_split


def split(docs: list[Annotated], eval_split: float) -> tuple[list[Annotated], list[Annotated]]:
    """(train, held out) by document hash."""
    train_docs = [d for d in docs if not is_held_out(d[0], eval_split)]
    held_out = [d for d in docs if is_held_out(d[0], eval_split)]
    if len(train_docs) < MIN_TRAIN or len(held_out) < MIN_HELD_OUT:
        raise TrainError(
            f"{counted(len(docs), 'document')} marked done give {len(train_docs)} to train on and"
            f" {len(held_out)} to hold out (--eval-split {eval_split}); training needs at least {MIN_TRAIN}"
            f" and {MIN_HELD_OUT}: mark more documents done"
        )
    return train_docs, held_out


def write_corpus(items: list[Annotated], path: Path) -> ExportReport:
    """A DocBin of the documents, as `annotator export --format spacy` writes it."""
    report = ExportReport()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_docbin(fh, ((doc, spans, []) for doc, spans in items), make_tokenizer(), report)
    return report


@dataclass
class TrainReport:
    result: TrainResult
    n_train: int
    n_held_out: int
    trained: Scores = field(default_factory=dict)  # what the trained pipeline suggests on the held-out documents
    baseline: Scores = field(default_factory=dict)  # what the rules + stock model suggest on the same documents
    baseline_name: str = ""
    warnings: list[str] = field(default_factory=list)

    def table(self) -> str:
        """P/R/F1 per label of the trained model and the rules + stock model on the held-out documents."""
        lines = [
            f"held-out documents: {self.n_held_out} (trained on {self.n_train}); exact span matches",
            f"{'label':<8} {'trained P':>9} {'R':>5} {'F1':>5}   {'rules+stock P':>13} {'R':>5} {'F1':>5}",
        ]
        for label in LABELS:
            t, b = self.trained.get(label), self.baseline.get(label)
            if t is None or b is None:
                continue
            lines.append(
                f"{label:<8} {t.precision:>9.2f} {t.recall:>5.2f} {t.f1:>5.2f}   "
                f"{b.precision:>13.2f} {b.recall:>5.2f} {b.f1:>5.2f}"
            )
        lines.append(f"rules+stock: {self.baseline_name}")
        return "\n".join(lines)


def train_model(
    docs: list[Annotated],
    output: Path,
    *,
    eval_split: float = 0.2,
    max_steps: int | None = None,
    max_minutes: float | None = None,
    config: Path | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    baseline: LoadedPipeline | None = None,
    with_baseline: bool = True,
    fraction: float = 1.0,
) -> TrainReport:
    """Train on ``docs`` (from :func:`done_documents`) into ``output/model-best``; score it and the baseline.

    ``fraction`` trains on that share of the training part only (the learning curve);
    the held-out part stays the same.
    """
    train_docs, held_out = split(docs, eval_split)
    train_docs = train_docs[: max(MIN_TRAIN, round(len(train_docs) * fraction))]
    corpus = output / "corpus"
    reports = [write_corpus(train_docs, corpus / "train.spacy"), write_corpus(held_out, corpus / "dev.spacy")]
    meta = {
        "name": "annotator_news",
        "version": time.strftime("%Y.%m.%d.%H%M%S"),
        "description": f"trained by `annotator train` on {counted(len(train_docs), 'document')} marked done",
    }
    result = train(
        corpus / "train.spacy", corpus / "dev.spacy", output, config_path=config, max_steps=max_steps,
        max_seconds=max_minutes * 60 if max_minutes is not None else None, progress=progress, cancel=cancel,
        meta=meta,
    )
    report = TrainReport(result, len(train_docs), len(held_out))
    report.warnings = [w for r in reports for w in r.warnings]
    gold = [(doc.text, spans) for doc, spans in held_out]
    if result.model is not None:
        report.trained = score_pipeline(load_pipeline(str(result.model)), gold)
    if with_baseline and result.model is not None:
        stock = baseline or load_pipeline(None)
        report.baseline_name = stock.name + (f" ({stock.note})" if stock.note else "")
        report.baseline = score_pipeline(stock, gold)
    return report


@dataclass
class CurvePoint:
    fraction: float
    n_train: int
    scores: Scores
    seconds: float


def curve_verdict(points: list[CurvePoint]) -> str:
    """One line: did the last quarter of the documents still raise F1, and for which labels?"""
    if len(points) < 2:
        return "too few points for a verdict"
    last, before = points[-1], points[-2]
    added = last.n_train - before.n_train
    gains = {label: last.scores[label].f1 - before.scores[label].f1
             for label in LABELS if label in last.scores and label in before.scores}
    rising = [f"{label} {gain:+.2f}" for label, gain in gains.items() if gain >= CURVE_GAIN]
    if rising:
        return (f"still learning: the last {added} documents raised F1 ({', '.join(rising)});"
                " more annotation should still help")
    changes = ", ".join(f"{label} {gain:+.2f}" for label, gain in gains.items())
    return (f"flattening: the last {added} documents changed F1 by {changes}; more documents like these"
            " help little (check consistency, or annotate different documents)")


def train_curve(
    docs: list[Annotated],
    work: Path,
    *,
    fractions: tuple[float, ...] = CURVE_FRACTIONS,
    eval_split: float = 0.2,
    max_steps: int | None = None,
    max_minutes: float | None = None,
    config: Path | None = None,
    progress: Callable[[float, int, int, float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[CurvePoint]:
    """Train on each fraction of the training part and score on the same held-out documents.

    ``progress(fraction, step, max_steps, seconds)``; ``max_minutes`` is per run.
    """
    points: list[CurvePoint] = []
    for fraction in fractions:
        if cancel is not None and cancel():
            break

        def step(n: int, total: int, seconds: float, _last: object, fraction: float = fraction) -> None:
            if progress is not None:
                progress(fraction, n, total, seconds)

        report = train_model(
            docs, work / f"{round(fraction * 100)}", eval_split=eval_split, max_steps=max_steps,
            max_minutes=max_minutes, config=config, progress=step, cancel=cancel, fraction=fraction,
            with_baseline=False,
        )
        if report.result.stopped == "cancelled":
            break
        points.append(CurvePoint(fraction, report.n_train, report.trained, report.result.seconds))
    return points
