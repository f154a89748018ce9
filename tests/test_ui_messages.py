"""What the window says: plain-text tooltips and counts in the right number."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_ui_window import window  # noqa: F401  (the fixture)

from annotator.core.model import Document
from annotator.core.text import counted
from annotator.io.export import ExportReport
from annotator.io.importer import ImportReport
from annotator.nlp import LoadedPipeline
from annotator.store import Store
from annotator.ui.main_window import MainWindow
from annotator.ui.plain import as_plain_tooltip
from annotator.work.suggesting import SuggestReport

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

MARKUP_NOTE = "<b>NER off</b> & rules only: <img src=x> install en_core_web_sm"


def test_model_tooltip_is_plain_text(make_window, db_path: Path, blank_loader) -> None:
    def loader() -> LoadedPipeline:
        return replace(blank_loader(), note=MARKUP_NOTE)

    store = Store.open(db_path)
    store.add_document(Document(text="Maria Lopez said “We will win” on Monday.", title="one"))
    win = make_window(store, loader=loader, activate=False)
    assert win.model_label.toolTip() == as_plain_tooltip(MARKUP_NOTE)
    assert "<b>" not in win.model_label.toolTip() and "&lt;b&gt;" in win.model_label.toolTip()


def test_empty_tooltip_shows_nothing() -> None:
    assert as_plain_tooltip("") == ""


def test_status_bar_counts_one_document(window: MainWindow) -> None:  # noqa: F811
    message = window.statusBar().currentMessage()
    assert "new spans in 1 document" in message, message
    assert "1 documents" not in message


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (lambda: SuggestReport(documents=1, spans_added=1, skipped=1, model="m").summary(),
         "suggested with m: 1 new span in 1 document; 1 document already had suggestions"),
        (lambda: SuggestReport(documents=2, spans_added=84, model="m").summary(),
         "suggested with m: 84 new spans in 2 documents"),
        (lambda: SuggestReport(documents=0, spans_added=0, model="m").summary(),
         "suggested with m: 0 new spans in 0 documents"),
        (lambda: ExportReport(written=1, spans=1, relations=1, left_out=1).summary(Path("out.jsonl")),
         "exported 1 document, 1 span, 1 relation to out.jsonl (1 span left out"),
        (lambda: ExportReport(written=3, spans=2, relations=0).summary(Path("out.jsonl")),
         "exported 3 documents, 2 spans, 0 relations to out.jsonl"),
        (lambda: ImportReport(added=1, duplicates=1, files=1, ignored=["a.pdf"]).summary(),
         "imported 1 file: 1 added, 1 duplicate skipped, 0 rejected (1 other file ignored)"),
        (lambda: ImportReport(added=2, duplicates=2, files=2, ignored=["a", "b"]).summary(),
         "imported 2 files: 2 added, 2 duplicates skipped, 0 rejected (2 other files ignored)"),
    ],
)
def test_summaries_use_singular_for_one(report, expected: str) -> None:
    assert report().startswith(expected)


def test_counted() -> None:
    assert [counted(n, "span") for n in (0, 1, 2)] == ["0 spans", "1 span", "2 spans"]
    assert counted(1, "body", "bodies") == "1 body" and counted(3, "body", "bodies") == "3 bodies"
