"""Inter-annotator agreement on spans and speaker links.

For the documents that two or more annotators finished, compared on their accepted spans:

- **span F1 per label and annotator pair**, *exact* (same start, end and label) and
  *overlap* (a span counts as found when the other annotator has a span of the same label
  that shares at least one character with it); F1 is symmetric in the two annotators;
- **Krippendorff's alpha per label, over characters**: every character of a compared
  document is a unit that each annotator who finished the document codes 1 (inside one of
  their spans of the label) or 0; nominal alpha corrects the observed disagreement for the
  disagreement expected by chance from how much text each label covers. Computed exactly over
  runs of characters that every annotator codes alike (weights = run lengths), so its cost
  follows the number of spans, not of characters; ``nominal_alpha`` is checked against
  Krippendorff's published examples and the ``krippendorff`` package in the tests;
- **speaker links**: of the quotes both annotators found (exact), how many have the same speaker.

Documents are listed with the most disagreement first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from typing import Any

from annotator.core.model import Span
from annotator.core.team import AnnotatorVersion

Key = tuple[int, int, str]


# ------------------------------------------------------------------- alpha


def nominal_alpha(units: Iterable[tuple[float, Sequence[Hashable | None]]]) -> float | None:
    """Krippendorff's alpha for nominal data.

    ``units`` are ``(weight, values)``: one value per coder, ``None`` where a coder gave none;
    a unit of weight w counts as w identical units. Units with fewer than two values are not
    pairable and are left out, as Krippendorff prescribes. None when chance disagreement is 0
    (every value the same: alpha is undefined).
    """
    # Units coded alike contribute alike: add their weights up first (characters give few distinct ones).
    alike: dict[tuple[Hashable | None, ...], float] = defaultdict(float)
    for weight, values in units:
        alike[tuple(values)] += weight
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values, weight in alike.items():
        present = Counter(v for v in values if v is not None)
        m = sum(present.values())
        if m < 2:
            continue
        for c, n_c in present.items():
            for k, n_k in present.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[c, k] += weight * pairs / (m - 1)
    totals: dict[Hashable, float] = defaultdict(float)
    for (c, _k), o in coincidences.items():
        totals[c] += o
    n = sum(totals.values())
    observed = sum(o for (c, k), o in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def label_runs(n_chars: int, coders: Sequence[Sequence[Span]]) -> list[tuple[int, tuple[frozenset[str], ...]]]:
    """Cut [0, n_chars) wherever a coder's span starts or ends: ``(length, labels covering it per coder)``.

    One sweep over the boundaries, so the cost follows the number of spans, not of characters.
    """
    events: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for i, spans in enumerate(coders):
        for span in spans:
            start, end = min(span.start, n_chars), min(span.end, n_chars)
            if start < end:
                events[start].append((i, span.label, 1))
                events[end].append((i, span.label, -1))
    points = sorted({0, n_chars, *events})
    active: list[Counter[str]] = [Counter() for _ in coders]
    runs: list[tuple[int, tuple[frozenset[str], ...]]] = []
    for left, right in pairwise(points):
        for i, label, delta in events.get(left, ()):
            active[i][label] += delta
        runs.append((right - left, tuple(frozenset(k for k, n in counts.items() if n > 0) for counts in active)))
    return runs


# ---------------------------------------------------------------- counting


@dataclass
class SpanCounts:
    """Sums over documents for one annotator pair (and label): what the F1 scores are made of."""

    a: int = 0
    b: int = 0
    exact: int = 0
    overlap_a: int = 0  # spans of a that some span of b overlaps
    overlap_b: int = 0

    def add(self, a_spans: Sequence[Span], b_spans: Sequence[Span]) -> None:
        self.a += len(a_spans)
        self.b += len(b_spans)
        self.exact += len({s.key for s in a_spans} & {s.key for s in b_spans})
        self.overlap_a += sum(1 for s in a_spans if any(s.overlaps(t) for t in b_spans))
        self.overlap_b += sum(1 for t in b_spans if any(t.overlaps(s) for s in a_spans))

    def merge(self, other: SpanCounts) -> None:
        self.a += other.a
        self.b += other.b
        self.exact += other.exact
        self.overlap_a += other.overlap_a
        self.overlap_b += other.overlap_b

    @property
    def exact_f1(self) -> float | None:
        return 2 * self.exact / (self.a + self.b) if self.a + self.b else None

    @property
    def overlap_f1(self) -> float | None:
        if not self.a + self.b:
            return None
        if not self.a or not self.b:
            return 0.0
        precision, recall = self.overlap_a / self.a, self.overlap_b / self.b
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class SpeakerCounts:
    quotes_both: int = 0
    same: int = 0

    @property
    def agreement(self) -> float | None:
        return self.same / self.quotes_both if self.quotes_both else None


@dataclass
class DocumentAgreement:
    doc_id: int
    title: str
    annotators: list[str]
    counts: SpanCounts = field(default_factory=SpanCounts)
    speakers: SpeakerCounts = field(default_factory=SpeakerCounts)
    disagreements: int = 0  # span keys not accepted by every annotator + shared quotes with other speakers


@dataclass
class PairAgreement:
    annotators: tuple[str, str]
    documents: int = 0
    labels: dict[str, SpanCounts] = field(default_factory=dict)
    speakers: SpeakerCounts = field(default_factory=SpeakerCounts)

    @property
    def counts(self) -> SpanCounts:
        total = SpanCounts()
        for counts in self.labels.values():
            total.merge(counts)
        return total


@dataclass
class Agreement:
    labels: list[str]
    pairs: dict[tuple[str, str], PairAgreement] = field(default_factory=dict)
    documents: list[DocumentAgreement] = field(default_factory=list)
    alpha: dict[str, float | None] = field(default_factory=dict)
    single: int = 0  # documents finished by one annotator only: not compared

    def label_counts(self, label: str) -> SpanCounts:
        total = SpanCounts()
        for pair in self.pairs.values():
            if label in pair.labels:
                total.merge(pair.labels[label])
        return total

    @property
    def speakers(self) -> SpeakerCounts:
        total = SpeakerCounts()
        for pair in self.pairs.values():
            total.quotes_both += pair.speakers.quotes_both
            total.same += pair.speakers.same
        return total

    def to_json(self) -> dict[str, Any]:
        def f1s(counts: SpanCounts) -> dict[str, Any]:
            return {
                "exact_f1": _round(counts.exact_f1), "overlap_f1": _round(counts.overlap_f1),
                "spans": [counts.a, counts.b], "exact_matches": counts.exact,
            }

        speakers = self.speakers
        return {
            "documents_compared": len(self.documents),
            "documents_single_annotator": self.single,
            "labels": {
                label: {**f1s(self.label_counts(label)), "alpha": _round(self.alpha.get(label))}
                for label in self.labels
            },
            "alpha_all_labels": _round(self.alpha.get("*")),
            "speakers": {
                "quotes_both_found": speakers.quotes_both, "same_speaker": speakers.same,
                "agreement": _round(speakers.agreement),
            },
            "pairs": [
                {
                    "annotators": list(pair.annotators), "documents": pair.documents, **f1s(pair.counts),
                    "labels": {label: f1s(c) for label, c in sorted(pair.labels.items())},
                    "speaker_agreement": _round(pair.speakers.agreement),
                    "quotes_both_found": pair.speakers.quotes_both,
                }
                for pair in self.pairs.values()
            ],
            "documents": [
                {
                    "doc_id": d.doc_id, "title": d.title, "annotators": d.annotators,
                    "disagreements": d.disagreements, **f1s(d.counts),
                    "speaker_agreement": _round(d.speakers.agreement),
                }
                for d in self.documents
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# ------------------------------------------------------------------ compute


def compute_agreement(
    documents: Iterable[tuple[int, str, int, Sequence[AnnotatorVersion]]], labels: Sequence[str] = ()
) -> Agreement:
    """Agreement over ``(doc_id, title, n_chars, finished versions)``; documents with one version are counted apart.

    ``labels`` fixes the label order; labels met in the spans are added after them.
    """
    label_order = list(labels)
    result = Agreement(label_order)
    alpha_units: dict[str, dict[tuple[Hashable | None, ...], float]] = defaultdict(lambda: defaultdict(float))
    every_annotator: list[str] = []
    docs = []
    for doc_id, title, n_chars, versions in documents:
        if len(versions) < 2:
            result.single += 1
            continue
        docs.append((doc_id, title, n_chars, sorted(versions, key=lambda v: v.annotator)))
        for v in versions:
            if v.annotator not in every_annotator:
                every_annotator.append(v.annotator)
            for span in v.accepted():
                if span.label not in label_order:
                    label_order.append(span.label)
    every_annotator.sort()
    for doc_id, title, n_chars, versions in docs:
        names = [v.annotator for v in versions]
        doc = DocumentAgreement(doc_id, title, names)
        by_label = [{label: v.accepted(label) for label in label_order} for v in versions]
        speakers = [v.speakers() for v in versions]
        for (i, a), (j, b) in combinations(enumerate(versions), 2):
            pair = result.pairs.setdefault((a.annotator, b.annotator), PairAgreement((a.annotator, b.annotator)))
            pair.documents += 1
            for label in label_order:
                counts = SpanCounts()
                counts.add(by_label[i][label], by_label[j][label])
                pair.labels.setdefault(label, SpanCounts()).merge(counts)
                doc.counts.merge(counts)
            for quote in speakers[i].keys() & speakers[j].keys() | _shared_unlinked(a, b, speakers[i], speakers[j]):
                pair.speakers.quotes_both += 1
                doc.speakers.quotes_both += 1
                if speakers[i].get(quote) == speakers[j].get(quote):
                    pair.speakers.same += 1
                    doc.speakers.same += 1
        keys = [{s.key for s in v.accepted()} for v in versions]
        everyone = set.intersection(*keys)
        doc.disagreements = len(set.union(*keys) - everyone)
        doc.disagreements += sum(
            1 for q in everyone if q[2] == "QUOTE" and len({s.get(q) for s in speakers}) > 1
        )
        result.documents.append(doc)
        # Alpha units: one value per annotator of the whole team, None for those who did not finish it.
        slot = [every_annotator.index(name) for name in names]
        alike: dict[tuple[frozenset[str], ...], int] = defaultdict(int)
        for length, covering in label_runs(n_chars, [v.accepted() for v in versions]):
            alike[covering] += length
        for covering, length in alike.items():
            for label in label_order:
                alpha_units[label][_spread([int(label in c) for c in covering], slot, len(every_annotator))] += length
            # All labels at once: a character's value is the set of labels covering it (nested spans).
            alpha_units["*"][_spread(["+".join(sorted(c)) for c in covering], slot, len(every_annotator))] += length
    result.alpha = {
        label: nominal_alpha((w, values) for values, w in units.items()) for label, units in alpha_units.items()
    }
    result.documents.sort(key=lambda d: (-d.disagreements, d.counts.exact_f1 or 0.0, d.doc_id))
    return result


def _shared_unlinked(
    a: AnnotatorVersion, b: AnnotatorVersion, sa: dict[Key, Key], sb: dict[Key, Key]
) -> set[Key]:
    """Quotes both accepted where at least one of the two gave a speaker (both silent: nothing to compare)."""
    quotes = {s.key for s in a.accepted("QUOTE")} & {s.key for s in b.accepted("QUOTE")}
    return {q for q in quotes if q in sa or q in sb}


def _spread(values: Sequence[Hashable], slot: Sequence[int], width: int) -> tuple[Hashable | None, ...]:
    row: list[Hashable | None] = [None] * width
    for i, value in zip(slot, values, strict=True):
        row[i] = value
    return tuple(row)
