"""Desktop app figures (printed, never asserted): start to first paint, opening a long article,
label key press to repaint, memory.

    python benchmarks/ui_bench.py [--words 50000] [--spans 5000] [--presses 200] [--db BIG.db]

With ``--db`` the window opens a copy of that database (e.g. the 100,000-document one
``python -m benchmarks.speed --only list`` caches under /tmp/annotator-bench): it also prints
the time from ``Store.open`` to the document list painted, and the key presses then run with
the whole list loaded.

Runs on the offscreen platform unless QT_QPA_PLATFORM is set. The database is
a real file (each edit commits to SQLite, as in the app).
"""

from __future__ import annotations

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.model import Document, Relation, Source, Span, SpanStatus  # noqa: E402
from annotator.io.sample import ensure_sample  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.ui.app import make_application  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from annotator.ui.settings import Settings, default_qsettings  # noqa: E402

WORDS = [
    "the", "government", "said", "officials", "talks", "border", "minister", "ceasefire", "agreement",
    "report", "people", "city", "council", "police", "army", "forces", "week", "statement", "security",
    "president", "country", "region", "local", "economy", "trade", "water",
]
NAMES = ["Maria Lopez", "the United Nations", "Pakistan", "Zabihullah Mujahid", "the council", "Reuters"]


class PaintWatch(QObject):
    """Notes when the article's viewport has finished painting."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False
        self.when = 0.0  # perf_counter() when the first paint since the last reset began

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            # Let the view paint now, so that the time taken is the end of the paint, not its start.
            obj.removeEventFilter(self)
            try:
                QApplication.sendEvent(obj, event)
            finally:
                obj.installEventFilter(self)
            self.painted = True
            self.when = time.perf_counter()
            return True
        return False

    def wait(self, app: QApplication, timeout: float = 10.0) -> None:
        end = time.perf_counter() + timeout
        while not self.painted and time.perf_counter() < end:
            app.processEvents()


def make_article(n_words: int, n_spans: int, rng: random.Random) -> tuple[str, list[Span], list[Relation]]:
    """Paragraphs of words with ACTOR and FIGURE spans; each paragraph is also a QUOTE, linked to its first
    actor as its speaker (every fourth has none), so the speaker margin has a note on every paragraph."""
    paragraphs: list[str] = []
    spans: list[Span] = []
    quotes: list[Span] = []
    relations: list[Relation] = []
    pos = 0
    words_left = n_words
    every = max(1, n_words // n_spans)
    k = 0
    while words_left > 0:
        parts: list[str] = []
        for _ in range(min(80, words_left)):
            k += 1
            start = pos + sum(len(p) + 1 for p in parts)
            if k % every == 0:
                word = rng.choice(NAMES) if k % 3 else str(rng.randint(2, 900)) + " people"
                label = "ACTOR" if k % 3 else "FIGURE"
                status = SpanStatus.ACCEPTED if k % 2 else SpanStatus.SUGGESTED
                spans.append(Span(start, start + len(word), label, status=status, source=Source.MODEL))
            else:
                word = rng.choice(WORDS)
            parts.append(word)
        words_left -= len(parts)
        paragraph = " ".join(parts) + "."
        paragraphs.append(paragraph)
        quote = Span(pos, pos + len(paragraph), "QUOTE", status=SpanStatus.SUGGESTED, source=Source.RULE)
        quotes.append(quote)
        speaker = next((s for s in spans if s.start >= pos and s.label == "ACTOR"), None)
        if speaker is not None and len(quotes) % 4:
            relations.append(Relation(head=quote.key, child=speaker.key))
        pos += len(paragraph) + 2
    kept = spans[:n_spans]
    keys = {s.key for s in kept}
    return "\n\n".join(paragraphs), kept + quotes, [r for r in relations if r.child in keys]


def default_pipeline():  # type: ignore[no-untyped-def]
    """The app's default model, imported and loaded in the worker as in the app."""
    from annotator.nlp import load_pipeline

    return load_pipeline(None)


def blank_pipeline():  # type: ignore[no-untyped-def]
    from annotator.nlp.pipeline import blank_pipeline as make

    return make()


def rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 1e6
    except ImportError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--spans", type=int, default=5_000)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--blank", action="store_true", help="rule components only (a quick smoke run)")
    parser.add_argument("--db", type=Path, help="open a copy of this database (a big document list)")
    args = parser.parse_args()
    rng = random.Random(7)
    app = make_application()
    tmp = tempfile.TemporaryDirectory()
    db = Path(tmp.name) / "bench.db"
    if args.db:
        # The window writes (annotator, settings): never the original. Copied through SQLite, so that
        # what is still in the -wal file comes along and no plain descriptor touches a database.
        source, target = sqlite3.connect(f"file:{args.db.resolve()}?mode=ro", uri=True), sqlite3.connect(db)
        source.backup(target)
        source.close()
        target.close()
    t_list = time.perf_counter()
    store = Store.open(db)
    ensure_sample(store)
    settings = Settings(default_qsettings(Path(tmp.name) / "settings.ini"))
    # The model loads in the background after the first paint, as in the app.
    loader = blank_pipeline if args.blank else default_pipeline
    window = MainWindow(store, settings, "bench", pipeline_loader=loader, interactive=False)
    watch = PaintWatch()
    list_watch = PaintWatch()
    window.view.viewport().installEventFilter(watch)
    window.doc_list.viewport().installEventFilter(list_watch)
    window.resize(1400, 860)
    window.show()
    if args.db:
        list_watch.wait(app)
        print(f"document list, {window.doc_model.count():,} documents: Store.open to painted"
              f" {(list_watch.when - t_list) * 1000:8.0f} ms, RSS {rss_mb():.0f} MB")
    window.start()
    watch.wait(app)
    first_paint = watch.when - T_START
    print(f"start to first paint (sample article):      {first_paint * 1000:8.0f} ms")
    end = time.perf_counter() + 60
    while not window.session.spans and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)
    visible = time.perf_counter() - T_START
    print(f"start to suggestions visible ({window.model_label.text()}): {visible * 1000:8.0f} ms")
    window.background.runner.wait()
    app.processEvents()

    text, spans, relations = make_article(args.words, args.spans, rng)
    doc_id, _ = store.add_document(Document(text=text, title="long article"), spans, relations)
    window.refresh_documents()
    app.processEvents()
    watch.painted = False
    t0 = time.perf_counter()
    window.open_document(doc_id)
    handled = time.perf_counter() - t0
    watch.wait(app)
    opened = watch.when - t0
    print(f"  (of which opening the document, before Qt paints: {handled * 1000:.0f} ms)")
    print(f"open {len(text.split()):,} words / {len(spans):,} spans, {len(relations):,} speaker links"
          f" (first paint): {opened * 1000:8.0f} ms")
    print(f"speaker notes in the margin: {len(window.view.margin.notes):,}")

    # Label key presses: select a free word in the visible part of the article, press 1, wait for the repaint.
    positions = window._positions
    assert positions is not None
    taken = {(s.start, s.end) for s in spans}
    words = [(m_start, m_start + len(w)) for m_start, w in _words(text[:20000]) if w in WORDS]
    words = [w for w in words if w not in taken]
    rng.shuffle(words)
    times: list[float] = []
    for start, end in words[: args.presses]:
        window.view.select_range(positions.to_qt(start), positions.to_qt(end))
        app.processEvents()
        watch.painted = False
        t0 = time.perf_counter()
        QTest.keyClick(window.view, Qt.Key.Key_1)
        watch.wait(app)
        times.append(watch.when - t0)
    assert len(window.store.spans(doc_id)) == len(spans) + len(times), "every press made a span"
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"label key press to repaint, {len(times)} presses: median {statistics.median(times) * 1000:.1f} ms,"
          f" p95 {p95 * 1000:.1f} ms")
    # S on the last quote: the chooser lists every actor of the article with its sentence
    # (455 s on a 1 MB article with 13,000 actors while each sentence was looked for from the top).
    last_quote = max((s for s in window.session.spans.values() if s.label == "QUOTE"), key=lambda s: s.start)
    window.editor.select_span(last_quote.id)
    app.processEvents()
    shown: list[float] = []

    def close_chooser() -> None:
        dialog = QApplication.activeModalWidget()
        shown.append(time.perf_counter())
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(0, close_chooser)
    t0 = time.perf_counter()
    QTest.keyClick(window.view, Qt.Key.Key_S)
    actors = sum(1 for s in window.session.spans.values() if s.label == "ACTOR")
    print(f"S on the last quote to the speaker chooser, {actors:,} actors: {(shown[0] - t0) * 1000:8.0f} ms")
    open_before = sum(1 for s in window.session.spans.values() if s.status is SpanStatus.SUGGESTED)
    for name, action in (("Shift+A (accept all)", "accept_all"), ("Ctrl+Z of it", "undo")):
        t0 = time.perf_counter()
        window.actions_[action].trigger()  # the keys' action (the chooser just closed: the window may not be active)
        app.processEvents()
        print(f"{name}, {open_before:,} open suggestions: {(time.perf_counter() - t0) * 1000:8.0f} ms")
    assert sum(1 for s in window.session.spans.values() if s.status is SpanStatus.SUGGESTED) == open_before
    print(f"RSS after all of this:                       {rss_mb():8.0f} MB")
    window.close()
    store.close()
    tmp.cleanup()
    return 0


def _words(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for word in text.split(" "):
        out.append((pos, word.strip(".\n")))
        pos += len(word) + 1
    return out


if __name__ == "__main__":
    raise SystemExit(main())
