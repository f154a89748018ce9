"""Precision, recall and F1 per label of suggestions against accepted spans (exact character match)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.model import Span
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.suggest import suggest_many


@dataclass
class LabelScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


Scores = dict[str, LabelScore]


def score_spans(predicted: Iterable[Span], gold: Iterable[Span], scores: Scores, labels: Iterable[str]) -> None:
    """Add one document's counts to ``scores``: a prediction is right when start, end and label match."""
    wanted = set(labels)
    pred = {s.key for s in predicted if s.label in wanted}
    true = {s.key for s in gold if s.label in wanted}
    for label in wanted:
        score = scores.setdefault(label, LabelScore())
        score.tp += sum(1 for k in pred & true if k[2] == label)
        score.fp += sum(1 for k in pred - true if k[2] == label)
        score.fn += sum(1 for k in true - pred if k[2] == label)


def score_pipeline(
    pipeline: LoadedPipeline, docs: list[tuple[str, list[Span]]], labels: Iterable[str] = ("ACTOR", "FIGURE", "QUOTE")
) -> Scores:
    """What the pipeline suggests on each text, scored against its gold spans."""
    labels = tuple(labels)
    scores: Scores = {label: LabelScore() for label in labels}
    texts = ((n, text) for n, (text, _gold) in enumerate(docs))
    for result in suggest_many(pipeline, texts):
        score_spans(result.spans, docs[result.doc_id][1], scores, labels)
    return scores


def disagreement(first: Iterable[Span], second: Iterable[Span]) -> float:
    """1 - Jaccard overlap of two suggestion sets by (start, end, label): 0 when they agree, 1 when disjoint."""
    a, b = {s.key for s in first}, {s.key for s in second}
    union = a | b
    return 1 - len(a & b) / len(union) if union else 0.0


def teaching_order(
    trained: LoadedPipeline, baseline: LoadedPipeline, docs: list[tuple[int, str]]
) -> list[tuple[int, float]]:
    """Document ids, the ones that would teach the trained model most first, with their score.

    The score is how much the trained model and the rules + stock model disagree on the
    document: where they agree, annotating it mostly confirms what the model knows.
    """
    ours = {r.doc_id: r.spans for r in suggest_many(trained, docs)}
    theirs = {r.doc_id: r.spans for r in suggest_many(baseline, docs)}
    scored = [(doc_id, disagreement(ours[doc_id], theirs[doc_id])) for doc_id, _text in docs]
    return sorted(scored, key=lambda item: (-item[1], item[0]))
