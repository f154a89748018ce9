"""The numbers behind ``stats --json`` and the app's statistics view, gathered in one place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.store import Store
from annotator.work.agreement import team_agreement


def collect_statistics(store: Store, labels: Sequence[str] = ()) -> dict[str, Any]:
    """Counts by status and label, documents done per annotator and day and, in a team database,
    each annotator's versions, spans per label and agreement per label."""
    stats = store.stats()
    stats["done_per_day"] = store.done_per_day()
    if store.has_versions():
        agreement = team_agreement(store, labels).to_json()
        stats["team"] = {
            "annotators": store.version_progress(),
            "agreement": {
                "documents_compared": agreement["documents_compared"],
                "labels": agreement["labels"],
                "alpha_all_labels": agreement["alpha_all_labels"],
                "speakers": agreement["speakers"],
            },
        }
    return stats
