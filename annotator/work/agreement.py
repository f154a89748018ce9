"""Agreement of a team database: read the finished versions, compute, and write the tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotator.core.agreement import Agreement, SpanCounts, compute_agreement
from annotator.core.model import DocStatus
from annotator.core.team import AnnotatorVersion
from annotator.store import Store


def finished_versions(
    store: Store, *, min_annotators: int = 1
) -> Iterator[tuple[int, str, int, list[AnnotatorVersion]]]:
    """``(doc_id, title, n_chars, versions marked done)`` for documents with that many finished versions."""
    for doc_id in store.version_doc_ids(statuses=[DocStatus.DONE], min_annotators=min_annotators):
        doc = store.get_document(doc_id)
        yield doc_id, doc.title, len(doc.text), store.versions(doc_id, statuses=[DocStatus.DONE])


def team_agreement(store: Store, labels: Sequence[str] = ()) -> Agreement:
    return compute_agreement(finished_versions(store), labels)


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def _num(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _f1(counts: SpanCounts) -> str:
    return f"{_pct(counts.exact_f1)}  {_pct(counts.overlap_f1)}"


def format_agreement(agreement: Agreement, *, top: int = 20) -> str:
    """The agreement tables as text: per label, per annotator pair, per document (most disagreement first)."""
    if not agreement.documents:
        text = "no document has been finished by two or more annotators yet"
        if agreement.single:
            text += f" ({agreement.single} finished by one annotator only)"
        return text
    lines = [
        f"{len(agreement.documents)} documents finished by 2+ annotators"
        + (f" ({agreement.single} more by one only, not compared)" if agreement.single else ""),
        "",
        "per label        exact F1  overlap F1  alpha (characters)",
    ]
    for label in agreement.labels:
        counts = agreement.label_counts(label)
        lines.append(f"  {label:<14} {_f1(counts)}      {_num(agreement.alpha.get(label))}")
    lines.append(f"  {'all labels':<14} {'':>16}      {_num(agreement.alpha.get('*'))}")
    speakers = agreement.speakers
    lines += [
        "",
        f"speakers: same speaker on {speakers.same} of {speakers.quotes_both} quotes both found"
        f" ({_pct(speakers.agreement).strip()})",
        "",
        "per pair                 docs  exact F1  overlap F1  speakers",
    ]
    for pair in agreement.pairs.values():
        name = " / ".join(pair.annotators)
        lines.append(f"  {name:<22} {pair.documents:>4}  {_f1(pair.counts)}    {_pct(pair.speakers.agreement)}")
    lines += ["", "per document (most disagreement first)  disagreements  exact F1  overlap F1  annotators"]
    for doc in agreement.documents[:top]:
        title = (doc.title[:28] + "…") if len(doc.title) > 29 else doc.title
        lines.append(
            f"  {doc.doc_id:>6} {title:<30} {doc.disagreements:>5}        {_f1(doc.counts)}"
            f"   {', '.join(doc.annotators)}"
        )
    if len(agreement.documents) > top:
        lines.append(f"  … {len(agreement.documents) - top} more (--json lists them all)")
    return "\n".join(lines)
