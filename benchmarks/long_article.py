"""A long article in the window: how long it freezes (printed, never asserted).

    python -m benchmarks.long_article [--chars 1000000] [--repeat 1]

Builds a ~1 MB article from the Wikinews tuning texts (repeated), with an ACTOR suggestion on every
capitalised run and a FIGURE on every number (about 15,000 spans, as the suggester made on such a
file), opens it in the real window (offscreen) and prints:

- open: ``open_document`` returned / the article's first paint;
- panel: the span panel listed, and the longest the event loop did not run meanwhile (a 10 ms timer
  measures the gaps: the longest gap is how long the window did not answer a key or paint);
- Shift+A: accept every suggestion, to the panel listed again, with its longest gap.

On a busy machine (other work on the cores) the wall times swing; the CPU time is printed too.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document, Span
from annotator.store import Store
from annotator.ui.app import make_application
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings

TEXTS = Path(__file__).resolve().parent / "gold" / "wikinews" / "texts"


def article(chars: int) -> str:
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[-1].strip() for p in sorted(TEXTS.glob("*.txt"))]
    body = "\n\n".join(bodies)
    parts = ["The week's wire copy in one file"]
    while sum(len(p) + 2 for p in parts) < chars:
        parts.append(body)
    return "\n\n".join(parts)[:chars]


def suggestions(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "ACTOR") for m in re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", text)]
    spans += [Span(m.start(), m.end(), "FIGURE") for m in re.finditer(r"\b\d[\d,.]*\b", text)]
    return spans


class Gaps:
    """The longest time the event loop did not run, from start() to stop()."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)
        self.longest = 0.0
        self.last = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.longest, self.last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self._beat()
        self.timer.stop()
        return self.longest


def run_once(app: QApplication, db: Path, doc_id: int, folder: Path) -> dict[str, float]:
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    store = Store.open(db)
    window = MainWindow(store, settings, "bench", pipeline_loader=lambda: None, interactive=False)  # type: ignore[arg-type,return-value]
    window.resize(1400, 860)
    window.show()
    for _ in range(20):
        app.processEvents()
    figures: dict[str, float] = {}
    painted: list[float] = []
    window.view.painted.connect(lambda: painted.append(time.perf_counter()))
    pending = (lambda: window.span_model.pending) if hasattr(window.span_model, "pending") \
        else (lambda: window.span_model._pending)
    cpu, start = time.process_time(), time.perf_counter()
    window.open_document(doc_id)
    figures["open_document returned"] = time.perf_counter() - start
    gaps = Gaps()
    gaps.start()
    while not painted:
        app.processEvents()
    figures["first paint"] = painted[0] - start
    model = window.span_model
    while pending() or not model.rowCount() or model.rowCount(model.index(0, 0)) == 0:
        app.processEvents()
    figures["panel listed"] = time.perf_counter() - start
    figures["longest freeze, open to panel listed"] = max(gaps.stop(), figures["open_document returned"])
    figures["cpu, open to panel listed"] = time.process_time() - cpu
    for _ in range(50):
        app.processEvents()
    window.view.setFocus()
    cpu, start = time.process_time(), time.perf_counter()
    gaps.start()
    QTimer.singleShot(0, window.actions_["accept_all"].trigger)
    app.processEvents()
    while pending() or window.store.spans(doc_id, statuses=None)[0].status.value == "suggested":
        app.processEvents()
    for _ in range(5):
        app.processEvents()
    figures["Shift+A to panel listed"] = time.perf_counter() - start
    figures["longest freeze, Shift+A"] = gaps.stop()
    figures["cpu, Shift+A"] = time.process_time() - cpu
    window.close()
    store.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = article(args.chars)
        spans = suggestions(text)
        print(f"article: {len(text):,} characters, {len(spans):,} suggestions", flush=True)
        for n in range(args.repeat):
            db = folder / f"long{n}.db"
            store = Store.open(db)
            doc_id, _ = store.add_document(Document(text=text, title="Long"))
            store.add_document(Document(text="Short\n\nA short one.", title="Short"))
            store.save_suggestions(doc_id, spans)
            store.close()
            for name, value in run_once(app, db, doc_id, folder).items():
                print(f"{name:40} {value:6.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
