"""Review mode in the window, driven by the keyboard: Ctrl+R, Tab to each disagreement, Alt+1/2/0, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import DocStatus, SpanStatus
from annotator.store import Store
from annotator.work.team import merge_databases
from tests.test_team import FIGURE, KHAN, OFFICIALS, QUOTE, TEXT, annotator_db

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen platform
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
MINISTER = (0, 13, "ACTOR")  # "Officials sai": a longer, overlapping actor


def team_db(tmp_path: Path) -> Path:
    """ann and bob agree on Officials and the quote; they differ on its speaker, on Khan and on the figure."""
    a = annotator_db(tmp_path / "ann.db", "ann", {TEXT: [OFFICIALS, QUOTE, FIGURE]}, speaker=(QUOTE, OFFICIALS))
    b = annotator_db(tmp_path / "bob.db", "bob", {TEXT: [OFFICIALS, QUOTE, KHAN]}, speaker=(QUOTE, KHAN))
    with Store.open(tmp_path / "team.db") as team:
        merge_databases(team, [a, b])
    return tmp_path / "team.db"


def status_of(win) -> dict:  # type: ignore[no-untyped-def]
    return {s.key: s.status for s in win.session.spans.values()}


@pytest.fixture
def review_window(make_window, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    win = make_window(team_db(tmp_path), annotator="rev")
    qtbot.keyClick(win.view, Qt.Key.Key_R, CTRL)
    assert win.actions_["review_mode"].isChecked()
    return win


def test_review_mode_shows_the_majority_and_visits_each_disagreement(review_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = review_window
    # agreements pre-accepted, every annotator's other spans shown as open suggestions
    assert status_of(win) == {
        OFFICIALS: SpanStatus.ACCEPTED, QUOTE: SpanStatus.ACCEPTED,
        KHAN: SpanStatus.SUGGESTED, FIGURE: SpanStatus.SUGGESTED,
    }
    assert [(p.kind, p.start) for p in win.review.places] == [("speaker", 15), ("spans", 39), ("spans", 49)]
    assert win.review.annotators == ["ann", "bob"]
    assert "Alt+1 ann" in win.statusBar().currentMessage()
    assert win.editor.current_span().key == QUOTE  # the first disagreement is selected
    qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    assert win.editor.current_span().key == KHAN
    qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    assert win.editor.current_span().key == FIGURE
    qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    assert win.editor.current_span().key == QUOTE  # round again


def test_keys_take_one_annotators_choice_and_undo_takes_it_back(review_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = review_window
    doc_id = win.session.doc_id
    originals = win.store.versions(doc_id)
    qtbot.keyClick(win.view, Qt.Key.Key_2, ALT)  # bob's speaker: Khan (accepted with it)
    assert win.session.speaker_span(win.session.find(*QUOTE).id).key == KHAN
    assert status_of(win)[KHAN] is SpanStatus.ACCEPTED
    # Khan settled with the speaker: the figure is the one place left, and it is current
    assert [p.start for p in win.review.places] == [49]
    assert win.editor.current_span().key == FIGURE
    qtbot.keyClick(win.view, Qt.Key.Key_0, ALT)  # neither: the figure is rejected
    assert status_of(win)[FIGURE] is SpanStatus.REJECTED
    assert win.review.places == []
    assert "nothing left to settle" in win.statusBar().currentMessage()
    qtbot.keyClick(win.view, Qt.Key.Key_Z, CTRL)  # undo the last choice
    assert status_of(win)[FIGURE] is SpanStatus.SUGGESTED
    assert [p.start for p in win.review.places] == [49]
    qtbot.keyClick(win.view, Qt.Key.Key_1, ALT)  # ann's: the figure
    assert status_of(win)[FIGURE] is SpanStatus.ACCEPTED
    qtbot.keyClick(win.view, Qt.Key.Key_Return, CTRL)  # done
    with Store.open(win.store.path) as check:
        assert check.get_document(doc_id).status is DocStatus.DONE
        final = {s.key: s.status for s in check.spans(doc_id)}
        assert final == {OFFICIALS: SpanStatus.ACCEPTED, QUOTE: SpanStatus.ACCEPTED, KHAN: SpanStatus.ACCEPTED,
                         FIGURE: SpanStatus.ACCEPTED}
        assert check.versions(doc_id) == originals  # the annotators' versions are untouched


def test_review_mode_off_tab_goes_to_spans_again(review_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = review_window
    qtbot.keyClick(win.view, Qt.Key.Key_R, CTRL)
    assert not win.review.active
    win.editor.select_span(win.session.find(*FIGURE).id)
    qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    assert win.editor.current_span().key == OFFICIALS  # every span again, agreed ones included
    qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    assert win.editor.current_span().key == QUOTE
    before = status_of(win)
    qtbot.keyClick(win.view, Qt.Key.Key_2, ALT)  # outside review mode: says how to get there, changes nothing
    assert win.statusBar().currentMessage() == "Alt+2 takes an annotator's version in review mode: Ctrl+R turns it on."
    assert status_of(win) == before


def test_statistics_view_opens_from_the_menu(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = make_window(team_db(tmp_path), annotator="rev")
    win.actions_["charts"].trigger()
    qtbot.waitUntil(lambda: getattr(win, "charts_dialog", None) is not None)
    dialog = win.charts_dialog
    assert "2 annotators' versions merged" in dialog.view.summary.text()
    dialog.close()


def test_export_dialog_offers_the_versions_of_a_team_database(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    from annotator.ui import jobs
    from annotator.ui.dialogs import ExportDialog

    dialog = ExportDialog(None, ["ann", "bob"])
    qtbot.addWidget(dialog)
    assert [dialog.version.itemData(i) for i in range(dialog.version.count())] == ["final", "ann", "bob", "all"]
    plain = ExportDialog(None, [])
    qtbot.addWidget(plain)
    assert plain.version.isHidden() and plain.version.currentData() == "final"
    out = tmp_path / "bob.jsonl"
    report = jobs.export(str(team_db(tmp_path)), "jsonl", out, include_all=False, version="bob")(
        lambda _done, _total: None, lambda: False
    )
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert report.written == 1 and record["_annotator_id"] == "bob"
    assert {(s["start"], s["end"], s["label"]) for s in record["spans"]} == {OFFICIALS, QUOTE, KHAN}


def test_review_mode_never_replaces_what_the_reviewer_did_by_hand(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.model import Source, Span

    path = team_db(tmp_path)
    with Store.open(path) as store:  # the reviewer worked on the final version before review mode
        (doc_id,) = store.document_ids()
        store.add_span(doc_id, Span(*FIGURE, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, annotator="rev"))
    win = make_window(path, annotator="rev")
    qtbot.keyClick(win.view, Qt.Key.Key_R, CTRL)
    assert status_of(win) == {FIGURE: SpanStatus.ACCEPTED}  # kept as they left it, not the majority's
    assert win.review.places == []


def test_the_majority_is_recorded_as_the_automatic_reviewer(review_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = review_window
    assert {s.annotator for s in win.session.spans.values() if s.status is SpanStatus.ACCEPTED} == {"majority"}
    qtbot.keyClick(win.view, Qt.Key.Key_0, ALT)  # the speaker: nobody's
    qtbot.keyClick(win.view, Qt.Key.Key_1, ALT)  # Khan: ann had none there, so Khan is rejected
    assert win.session.find(*KHAN).annotator == "rev" and status_of(win)[KHAN] is SpanStatus.REJECTED
