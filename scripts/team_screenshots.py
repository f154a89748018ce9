"""Render the statistics view and review mode of a made-up team to docs/statistics.png and docs/review.png.

Three annotators "annotate" the 24 GUM news articles of benchmarks/gold over a week: each
starts from the gold spans and, with a fixed seed, misses some, moves some boundaries and
relabels a few, so the charts show realistic disagreement.

    python scripts/team_screenshots.py [--output-dir docs]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.core.labels import load_labels  # noqa: E402
from annotator.core.model import DocStatus, Document, Source, Span, SpanStatus  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.ui.app import make_application  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from annotator.ui.settings import Settings, default_qsettings  # noqa: E402
from annotator.ui.statistics import ChartsDialog  # noqa: E402
from annotator.ui.theme import apply_theme  # noqa: E402
from annotator.work.statistics import collect_statistics  # noqa: E402

DAY = 86400
START = 1_764_000_000  # a Monday


def perturbed(spans: list[Span], text: str, rng: random.Random, care: float) -> list[Span]:
    out: dict[tuple[int, int, str], Span] = {}
    for span in spans:
        roll = rng.random()
        if roll < 0.12 * care:
            continue  # missed
        start, end, label = span.start, span.end, span.label
        if roll < 0.22 * care and " " in text[start:end]:
            start = text.index(" ", start) + 1  # a shorter span
        elif roll < 0.25 * care:
            label = {"ACTOR": "FIGURE", "FIGURE": "ACTOR"}.get(label, label)
        if start < end:
            out[(start, end, label)] = Span(start, end, label, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR)
    return list(out.values())


def build_team(path: Path) -> Store:
    store = Store.open(path)
    records = [json.loads(line) for line in (ROOT / "benchmarks/gold/gum_news.jsonl").read_text().splitlines()]
    rng = random.Random(14)
    team = {"alice": 1.0, "bob": 1.6, "carol": 0.7}
    pace = {"alice": 4, "bob": 3, "carol": 5}  # documents a day
    for n, record in enumerate(records):
        text = record["text"]
        doc_id, _ = store.add_document(Document(text=text, title=text.splitlines()[0][:80]))
        gold = [Span(s["start"], s["end"], s["label"]) for s in record["spans"]]
        for name, care in team.items():
            if (n + len(name)) % 3 == 0 and name != "alice":
                continue  # not assigned to this person
            spans = perturbed(gold, text, rng, care)
            day = START + DAY * (n // pace[name]) + 3600 * (9 + n % 8)
            status = DocStatus.SKIPPED if rng.random() < 0.04 else DocStatus.DONE
            store.put_version(doc_id, name, status, spans, updated=day)
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output-dir", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    app = make_application()
    apply_theme(app, "light")
    with tempfile.TemporaryDirectory() as tmp:
        store = build_team(Path(tmp) / "team.db")
        stats = collect_statistics(store, load_labels().names)
        dialog = ChartsDialog(load_labels(), stats)
        dialog.resize(1000, 700)
        dialog.show()
        app.processEvents()
        out = args.output_dir / "statistics.png"
        dialog.grab().save(str(out))
        print(f"wrote {out}")
        dialog.close()
        review_screenshot(app, store, Path(tmp), args.output_dir / "review.png")
        store.close()
    return 0


def review_screenshot(app: object, store: Store, folder: Path, out: Path) -> None:
    """The window in review mode on the first article two annotators finished (with three, the majority settles all)."""
    from annotator.nlp.pipeline import blank_pipeline

    three = set(store.version_doc_ids(statuses=[DocStatus.DONE], min_annotators=3))
    doc_id = next(i for i in store.version_doc_ids(statuses=[DocStatus.DONE], min_annotators=2) if i not in three)
    settings = Settings(default_qsettings(folder / "settings.ini"))
    window = MainWindow(store, settings, "dana", pipeline_loader=blank_pipeline, synchronous=True, interactive=False)
    window.resize(1900, 950)  # wide enough for the span panel to show who proposed each span
    window.show()
    window.start()
    window.open_document(doc_id)
    window.splitter.setSizes([300, 950, 650])  # a span panel wide enough for the Annotator column
    window.actions_["review_mode"].setChecked(True)
    window.review.next()
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
