"""``review --auto majority``: the final version of each document finished by 2+ annotators."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annotator.core.model import DocStatus
from annotator.core.review import majority
from annotator.store import Store


@dataclass
class ReviewReport:
    results: Counter[str] = field(default_factory=Counter)  # written / unchanged / kept
    settled: int = 0  # documents written as done
    open_items: int = 0  # spans and links left for a person
    waiting: list[int] = field(default_factory=list)  # documents with something left open

    def summary(self) -> str:
        text = (
            f"reviewed {sum(self.results.values())} documents: {self.settled} settled (done),"
            f" {len(self.waiting)} with {self.open_items} disagreements left for a person;"
            f" {self.results['written']} written, {self.results['unchanged']} unchanged"
        )
        if self.results["kept"]:
            text += f", {self.results['kept']} kept as a person reviewed them"
        return text


def auto_review(store: Store, *, reviewer: str) -> ReviewReport:
    """Write the majority's version as the final (working) version of every document 2+ annotators finished."""
    report = ReviewReport()
    for doc_id in store.version_doc_ids(statuses=[DocStatus.DONE], min_annotators=2):
        outcome = majority(store.versions(doc_id, statuses=[DocStatus.DONE]), reviewer)
        result = store.write_final(doc_id, outcome.spans, outcome.relations, outcome.status, reviewer)
        report.results[result] += 1
        if result == "kept":
            continue
        if outcome.open_items:
            report.open_items += outcome.open_items
            report.waiting.append(doc_id)
        else:
            report.settled += 1
    return report
