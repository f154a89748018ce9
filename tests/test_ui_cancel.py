"""Cancel in the middle of "Suggest all documents", on the real worker thread with a slow pipeline."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from spacy.language import Language
from spacy.tokens import Doc

from annotator.core.model import Document
from annotator.nlp import LoadedPipeline, suggest_many
from annotator.nlp.pipeline import blank_pipeline
from annotator.store import Store
from annotator.work.suggesting import SuggestReport

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

DELAY = 0.25  # seconds a document takes in the slow pipeline
N_DOCS = 8
calls: list[str] = []  # the texts the slow component has seen, in order
_lock = threading.Lock()


@Language.component("test_slow_down")
def slow_down(doc: Doc) -> Doc:
    """Last in the pipeline, so documents come out one at a time, each after DELAY."""
    time.sleep(DELAY)
    with _lock:
        calls.append(doc.text)
    return doc


def slow_pipeline() -> LoadedPipeline:
    pipeline = blank_pipeline()
    pipeline.nlp.add_pipe("test_slow_down", last=True)
    return pipeline


def article(i: int) -> str:
    return (f"Article {i}\n\nMinister Ana Silva{i} said “we will return to the table” on Friday. "
            f"Officials from the United Nations said {i + 10} soldiers and 50 civilians were hurt.\n")


def test_cancel_suggest_all_midway(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    ids = [store.add_document(Document(text=article(i), title=f"Article {i}"))[0] for i in range(N_DOCS)]
    expected = {  # what a full run suggests for each document (the fast pipeline gives the same spans)
        r.doc_id: {(s.start, s.end, s.label) for s in r.spans}
        for r in suggest_many(blank_pipeline(), [(i, article(n)) for n, i in enumerate(ids)])
    }
    assert all(expected.values()), "every article gets suggestions"
    win = make_window(store, loader=slow_pipeline, synchronous=False, start=False, activate=False)
    reports: list[SuggestReport] = []
    win.background.suggested.connect(reports.append)
    win.start()
    # The open document is suggested as soon as the model is there; wait for that first.
    qtbot.waitUntil(lambda: len(reports) == 1 and not win.background.runner.tasks, timeout=20000)
    calls.clear()

    ticks: list[float] = []  # a timer on the UI thread: it only fires if the event loop is free
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()

    win.actions_["suggest_all"].trigger()
    indicator = win.background.indicator
    assert indicator.isVisible() and indicator.label.text() == "suggesting"
    remaining = N_DOCS - 1
    qtbot.waitUntil(lambda: indicator.bar.maximum() == remaining and indicator.bar.value() >= 2, timeout=20000)
    assert len(ticks) >= 5, "the window kept working while the model ran"
    qtbot.mouseClick(indicator.cancel, Qt.MouseButton.LeftButton)
    cancelled_at = len(calls)
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=20000)
    qtbot.waitUntil(lambda: not win.background.runner.tasks, timeout=5000)
    timer.stop()

    report = reports[-1]
    assert report.cancelled
    assert 2 <= report.documents < remaining, "the worker stopped early"
    assert len(calls) <= cancelled_at + 1, "the pipeline stopped too, not just the saving"
    assert "cancelled" in win.statusBar().currentMessage()
    assert indicator.isHidden(), "the progress is cleared"
    # Documents done keep their suggestions; the others have none; none is half-written.
    with Store.open(db_path) as check:
        stored = {i: {(s.start, s.end, s.label) for s in check.spans(i)} for i in ids}
    full = [i for i in ids if stored[i] == expected[i]]
    empty = [i for i in ids if not stored[i]]
    assert sorted(full + empty) == sorted(ids), {i: (stored[i], expected[i]) for i in ids}
    assert len(full) == 1 + report.documents
    # The list shows it, and the window still answers.
    counts = {d.id: d.n_suggested for d in win.doc_model.documents()}
    assert all((counts[i] > 0) == (i in full) for i in ids)
    win.search.setFocus()
    qtbot.keyClicks(win.search, "Article 3")
    assert win.search.text() == "Article 3"

    win.close()
    assert win.background.runner.active_threads() == 0, "no thread is left running"
    assert QThreadPool.globalInstance().activeThreadCount() == 0
