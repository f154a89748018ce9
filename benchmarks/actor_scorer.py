"""Training data, fitting and scoring for the ACTOR re-scorer (``annotator.nlp.actors.scorer``).

Used by ``scripts/train_actor_scorer.py`` (fit on all tuning gold, write ``resources/actor_scorer.json``) and
``benchmarks.actor_scorer_cv`` (leave one group of the tuning gold out). Tuning gold only: ``benchmarks/gold``.

A candidate is every span of the actors group the rules make on a gold document (the trained pipeline, as the
app runs it); its label is 1 when it overlaps a gold ACTOR span (the benchmark's overlap matching), 0 when it
overlaps none; a candidate on a span the gold leaves unscored is not a training example. Scores are the
benchmark's own: ``benchmarks.quality.score`` on the ACTOR spans that stay, overlap matching.
Needs scikit-learn (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from annotator.core.spans import trim_whitespace
from annotator.nlp.actors.scorer import FORMAT, Candidate, Scorer, candidates
from benchmarks.gold_data import GoldDoc, all_gold
from benchmarks.quality import Counts, ToolOutput, score

GROUPS = ("cases", "sample", "gum", "wikinews", "globalvoices", "whitehouse", "statedept")
THRESHOLDS = tuple(round(0.05 + 0.025 * k, 3) for k in range(23))  # 0.05 ... 0.6
C = 1.0  # the logistic regression's inverse regularisation strength (scikit-learn's default)


@dataclass
class DocData:
    gold: GoldDoc
    fixed: list[tuple[int, int]] = field(default_factory=list)  # ACTOR spans the re-scorer never judges
    cands: list[Candidate] = field(default_factory=list)
    offsets: list[tuple[int, int]] = field(default_factory=list)  # each candidate as the suggestion has it
    labels: list[int | None] = field(default_factory=list)  # None: on a span the gold leaves unscored


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def collect(docs: Sequence[GoldDoc] | None = None, model: str | None = None) -> list[DocData]:
    """Run the pipeline on every gold document; keep its ACTOR candidates with features and labels."""
    from annotator.nlp.pipeline import load_pipeline
    from annotator.nlp.suggest import spans_from_doc

    pipeline = load_pipeline(model)
    out = []
    for gold in docs if docs is not None else all_gold():
        doc = pipeline.nlp(gold.text)
        spans, _ = spans_from_doc(doc, pipeline, gold.text, rescore_actors=False)
        cands = candidates(doc)
        data = DocData(gold)
        by_offsets: dict[tuple[int, int], Candidate] = {}
        for c in cands:
            key = trim_whitespace(gold.text, c.start_char, c.end_char)
            by_offsets.setdefault(key, c)
        gold_actors = [(s.start, s.end) for s in gold.spans if s.label == "ACTOR"]
        ignored = [(s.start, s.end) for s in gold.ignored if s.label == "ACTOR"]
        for s in spans:
            if s.label != "ACTOR":
                continue
            if (s.start, s.end) not in by_offsets:
                data.fixed.append((s.start, s.end))
                continue
            c = by_offsets.pop((s.start, s.end))
            data.cands.append(c)
            data.offsets.append((s.start, s.end))
            hit = any(_overlaps((s.start, s.end), g) for g in gold_actors)
            unscored = not hit and any(_overlaps((s.start, s.end), g) for g in ignored)
            data.labels.append(None if unscored else int(hit))
        out.append(data)
    return out


def vocabulary(data: Sequence[DocData]) -> list[str]:
    return sorted({f for d in data for c in d.cands for f in c.features})


def matrix(data: Sequence[DocData], vocab: list[str], labelled_only: bool) -> tuple[np.ndarray, np.ndarray]:
    index = {name: j for j, name in enumerate(vocab)}
    rows, ys = [], []
    for d in data:
        for c, y in zip(d.cands, d.labels, strict=True):
            if labelled_only and y is None:
                continue
            row = np.zeros(len(vocab))
            for f in c.features:
                if f in index:
                    row[index[f]] = 1.0
            rows.append(row)
            ys.append(-1 if y is None else y)
    return np.array(rows).reshape(len(rows), len(vocab)), np.array(ys)


def fit(data: Sequence[DocData], threshold: float) -> Scorer:
    """A logistic regression on the labelled candidates of ``data`` (deterministic: lbfgs, no sampling)."""
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(data)
    x, y = matrix(data, vocab, labelled_only=True)
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=5000)
    model.fit(x, y)
    weights = {name: float(w) for name, w in zip(vocab, model.coef_[0], strict=True)}
    return Scorer(weights, float(model.intercept_[0]), threshold)


def outputs(data: Sequence[DocData], probs: Sequence[Sequence[float]] | None, threshold: float) -> list[ToolOutput]:
    """The ACTOR suggestions that stay: all of them without probabilities, else speakers and the likely ones."""
    outs = []
    for k, d in enumerate(data):
        spans: list[tuple[int, int, str, str | None]] = [(s, e, "ACTOR", None) for s, e in d.fixed]
        for j, c in enumerate(d.cands):
            if probs is None or c.speaker or probs[k][j] >= threshold:
                spans.append((*d.offsets[j], "ACTOR", None))
        outs.append(ToolOutput(spans))
    return outs


def actor_counts(data: Sequence[DocData], outs: list[ToolOutput]) -> Counts:
    """ACTOR counts with overlap matching, exactly as ``python -m benchmarks.quality`` counts them."""
    sc = score([d.gold for d in data], list(outs), ["ACTOR"], lambda d: True, with_speakers=False)
    return sc.counts[("ACTOR", False)]


def probabilities(scorer: Scorer, data: Sequence[DocData]) -> list[list[float]]:
    return [[scorer.probability(c.features) for c in d.cands] for d in data]


def by_group(data: Sequence[DocData]) -> dict[str, list[DocData]]:
    groups: dict[str, list[DocData]] = {}
    for d in data:
        groups.setdefault(d.gold.group, []).append(d)
    return {g: groups[g] for g in GROUPS if g in groups} | {g: v for g, v in groups.items() if g not in GROUPS}


def choose_threshold(data: Sequence[DocData], log: Callable[[str], None] | None = None) -> float:
    """The threshold with the best mean ACTOR F1 over the groups of ``data``, each scored by a model fitted on
    the others (leave one group out inside ``data``): chosen on held-out predictions, never on ``data``'s own."""
    groups = by_group(data)
    oof: dict[str, list[list[float]]] = {}
    for name, held in groups.items():
        rest = [d for g, docs in groups.items() if g != name for d in docs]
        oof[name] = probabilities(fit(rest, 0.5), held)
    best, best_f1 = THRESHOLDS[0], -1.0
    for t in THRESHOLDS:
        f1s = [actor_counts(held, outputs(held, oof[name], t)).prf()[2] for name, held in groups.items()]
        mean = sum(f1s) / len(f1s)
        if log is not None:
            log(f"  threshold {t:.3f}: mean F1 {mean:.4f}")
        if mean > best_f1 + 1e-9:
            best, best_f1 = t, mean
    return best


def train(data: Sequence[DocData], log: Callable[[str], None] | None = None) -> Scorer:
    """Fit on all of ``data``, with the threshold chosen by leave-one-group-out inside it."""
    threshold = choose_threshold(data, log)
    return fit(data, threshold)


def to_json(scorer: Scorer, data: Sequence[DocData], adopted: bool) -> str:
    """The resource: feature names (sorted), coefficients, intercept, threshold; numbers rounded so that a rerun
    writes the same bytes."""
    import sklearn

    names = sorted(scorer.weights)
    counts = {g: sum(1 for d in docs for y in d.labels if y is not None) for g, docs in by_group(data).items()}
    record = {
        "format": FORMAT,
        "about": "ACTOR re-scorer: logistic regression on the tuning gold (scripts/train_actor_scorer.py); "
        "p = 1 / (1 + exp(-(intercept + sum of the coefficients of the features a span has)))",
        "trained_on": {"groups": counts, "documents": len(data), "scikit_learn": sklearn.__version__, "C": C},
        "adopted": adopted,
        "threshold": scorer.threshold,
        "intercept": round(scorer.intercept, 6),
        "features": names,
        "coefficients": [round(scorer.weights[n], 6) for n in names],
    }
    return json.dumps(record, indent=1, ensure_ascii=False) + "\n"
