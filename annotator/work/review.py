"""``review --auto majority``: the final version of each document that annotators finished.

A document finished by one annotator only (most of them, when a corpus is assigned with a
small overlap) is taken as that person left it, so that the final export holds the whole corpus.
"""

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
    single: int = 0  # of them, documents only one annotator finished
    open_items: int = 0  # spans and links left for a person
    waiting: list[int] = field(default_factory=list)  # documents with something left open

    def summary(self) -> str:
        text = (
            f"reviewed {sum(self.results.values())} documents: {self.settled} settled (done;"
            f" {self.single} finished by one annotator only, taken as they are),"
            f" {len(self.waiting)} with {self.open_items} disagreements left for a person;"
            f" {self.results['written']} written, {self.results['unchanged']} unchanged"
        )
        if self.results["kept"]:
            text += f", {self.results['kept']} kept as a person reviewed them"
        return text


def auto_review(store: Store, *, reviewer: str) -> ReviewReport:
    """Write the majority's version as the final (working) version of every document annotators finished."""
    report = ReviewReport()
    for doc_id in store.version_doc_ids(statuses=[DocStatus.DONE]):
        versions = store.versions(doc_id, statuses=[DocStatus.DONE])
        outcome = majority(versions, reviewer)
        result = store.write_final(doc_id, outcome.spans, outcome.relations, outcome.status, reviewer)
        report.results[result] += 1
        if result == "kept":
            continue
        if outcome.open_items:
            report.open_items += outcome.open_items
            report.waiting.append(doc_id)
        else:
            report.settled += 1
            report.single += len(versions) == 1
    return report
