"""The statistics view draws what `stats --json` says, as pyqtgraph charts."""

from __future__ import annotations

import math
from pathlib import Path

import pyqtgraph as pg
import pytest

from annotator.core.labels import load_labels
from annotator.core.model import DocStatus
from annotator.store import Store
from annotator.ui.statistics import (
    ChartsDialog,
    agreement_per_label,
    progress_series,
    spans_per_label,
)
from annotator.work.statistics import collect_statistics
from annotator.work.team import merge_databases
from tests.test_team import FIGURE, KHAN, OFFICIALS, QUOTE, TEXT, annotator_db

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen platform
LABELS = ["ACTOR", "QUOTE", "FIGURE"]


def team_stats(tmp_path: Path) -> dict:
    a = annotator_db(tmp_path / "ann.db", "ann", {TEXT: [OFFICIALS, QUOTE, FIGURE], "Second text.": []})
    b = annotator_db(tmp_path / "bob.db", "bob", {TEXT: [OFFICIALS, QUOTE, KHAN]})
    with Store.open(tmp_path / "team.db") as team:
        merge_databases(team, [a, b])
        # ann finished the second text a day later
        team.db.conn.execute("UPDATE versions SET updated = updated + 86400 WHERE annotator = 'ann'"
                             " AND doc_id = (SELECT id FROM documents WHERE text = 'Second text.')")
        return collect_statistics(team, LABELS)


def test_series_from_stats(tmp_path: Path) -> None:
    stats = team_stats(tmp_path)
    progress = progress_series(stats)
    assert [ys for _, ys in progress.values()] == [[1, 2], [1]]  # cumulative, ann over two days
    assert progress["ann"][0][1] - progress["ann"][0][0] == 86400
    assert spans_per_label(stats, LABELS) == {"ann": [1, 1, 1], "bob": [2, 1, 0]}
    scores = agreement_per_label(stats, LABELS)
    assert scores["exact F1"][:2] == [round(2 / 3, 4), 1.0] and scores["exact F1"][2] == 0.0
    assert math.isclose(scores["alpha"][1], 1.0)


def test_single_database_shows_its_own_progress(tmp_path: Path) -> None:
    with Store.open(tmp_path / "one.db") as store:
        from annotator.core.model import Document

        doc_id, _ = store.add_document(Document(text="A text."))
        store.set_document_status(doc_id, DocStatus.DONE, "zoe")
        stats = collect_statistics(store, LABELS)
    assert list(progress_series(stats)) == ["zoe"]
    assert agreement_per_label(stats, LABELS) == {}
    assert spans_per_label(stats, LABELS) == {"accepted": [0, 0, 0]}


def test_dialog_draws_bars_with_the_numbers(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stats = team_stats(tmp_path)
    dialog = ChartsDialog(load_labels(), stats)
    qtbot.addWidget(dialog)
    bars = [item for item in dialog.view.spans.getPlotItem().items if isinstance(item, pg.BarGraphItem)]
    assert [list(b.opts["height"]) for b in bars] == [[1, 1, 1], [2, 1, 0]]
    agreement = [item for item in dialog.view.agreement.getPlotItem().items if isinstance(item, pg.BarGraphItem)]
    assert len(agreement) == 3
    curves = dialog.view.progress.getPlotItem().listDataItems()
    assert [list(c.yData) for c in curves] == [[1, 2], [1]]
    assert "2 annotators' versions merged" in dialog.view.summary.text()


def test_the_window_does_not_import_pyqtgraph_until_the_view_opens() -> None:
    """pyqtgraph takes about a second to import: the window's start must not pay it."""
    import os
    import subprocess
    import sys

    probe = "import sys, annotator.ui.app, annotator.ui.main_window; print('pyqtgraph' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "False", result.stderr
