"""Team work at size: merge, merge again, agreement and review --auto on seeded annotator databases.

    python -m benchmarks.team [--docs 2000] [--spans 40]

Two annotators each finish every document with ``--spans`` random accepted spans of
the three labels on ~3,600-character texts (a hard case: they agree only by chance,
so every document is full of disagreements, and alpha must come out near 0).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document, Source, Span, SpanStatus
from annotator.store import Store
from annotator.work.agreement import team_agreement
from annotator.work.review import auto_review
from annotator.work.team import OWNER_SETTING, merge_databases

LABELS = ["ACTOR", "QUOTE", "FIGURE"]


def annotator_db(path: Path, name: str, texts: list[str], spans: int, seed: int) -> None:
    rng = random.Random(seed)
    with Store.open(path) as store:
        store.set_setting(OWNER_SETTING, name)
        with store.atomic():
            for text in texts:
                doc_id, _ = store.add_document(Document(text=text))
                made: dict[tuple[int, int, str], Span] = {}
                for _ in range(spans):
                    start = rng.randrange(0, len(text) - 30)
                    span = Span(start, start + rng.randint(3, 25), rng.choice(LABELS), status=SpanStatus.ACCEPTED,
                                source=Source.ANNOTATOR, annotator=name)
                    made[span.key] = span
                for span in made.values():
                    store.add_span(doc_id, span)
                store.set_document_status(doc_id, "done", name)  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--spans", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(14)
    texts = [" ".join(f"w{rng.randint(0, 9999)}" for _ in range(600)) for _ in range(args.docs)]
    with tempfile.TemporaryDirectory(prefix="annotator-team-bench-") as tmp:
        folder = Path(tmp)
        for seed, name in enumerate(("ann", "bob")):
            annotator_db(folder / f"{name}.db", name, texts, args.spans, seed)
        sources = [folder / "ann.db", folder / "bob.db"]
        with Store.open(folder / "team.db") as team:
            figures = {}
            start = time.perf_counter()
            merge_databases(team, sources)
            figures["merge"] = time.perf_counter() - start
            start = time.perf_counter()
            merge_databases(team, sources)
            figures["merge again (nothing changes)"] = time.perf_counter() - start
            start = time.perf_counter()
            agreement = team_agreement(team, LABELS)
            figures["agreement"] = time.perf_counter() - start
            start = time.perf_counter()
            auto_review(team, reviewer="majority")
            figures["review --auto majority"] = time.perf_counter() - start
    print(f"{args.docs} documents x 2 annotators x {args.spans} spans")
    for what, seconds in figures.items():
        print(f"  {what:<32} {seconds:6.2f} s")
    alphas = ", ".join(f"{label} {agreement.alpha[label]:+.3f}" for label in LABELS)
    print(f"  alpha on random spans (should be ~0): {alphas}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
