"""Keys on quotes and their speakers: what A, X, 1/2/3 and S do to the SPEAKER link, and what undo brings back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from test_ui_window import SECOND, key

from annotator.core.model import DocStatus, Document, Relation, Span, SpanStatus
from annotator.store import Store
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MARIA = (16, 27)  # "Maria Lopez": the blank pipeline suggests her as the speaker of “We will win”
COUNCIL = (58, 69)  # "The council"


def stored(store: Store, doc_id: int) -> tuple[dict[int, Span], dict[int, Relation]]:
    return {s.id: s for s in store.spans(doc_id)}, {r.id: r for r in store.relations(doc_id)}  # type: ignore[misc]


QUOTE = (33, 46, "QUOTE")  # “We will win”


def suggested_article(store: Store, *extra: Span) -> int:
    """The article with what the blank pipeline suggests for it (and ``extra`` suggestions)."""
    doc_id, _ = store.add_document(Document(text=SECOND, title="Second article"))
    store.save_suggestions(
        doc_id, [Span(*MARIA, "ACTOR"), Span(*QUOTE), Span(*COUNCIL, "ACTOR"), *extra],
        [Relation(head=QUOTE, child=(*MARIA, "ACTOR"))],
    )
    return doc_id


def spans_by_key(win: MainWindow) -> dict[tuple[int, int, str], Span]:
    return {s.key: s for s in win.session.spans.values()}


@pytest.fixture
def win(make_window, db_path: Path) -> MainWindow:
    """The app on one article whose quote, speaker and actors are open suggestions."""
    store = Store.open(db_path)
    store.add_document(Document(text=SECOND, title="Second article"))
    window = make_window(store)
    window.view.setFocus()
    assert window.session.speakers, "the blank pipeline suggested the quote's speaker"
    return window


def quote(win: MainWindow) -> Span:
    return next(s for s in win.session.spans.values() if s.label == "QUOTE")


def test_accepting_a_quote_accepts_its_speaker_and_exports_it(qtbot, win: MainWindow, tmp_path: Path) -> None:
    doc_id = win.session.doc_id
    before = stored(win.store, doc_id)
    the_quote = quote(win)
    win.editor.select_span(the_quote.id)
    key(qtbot, win, Qt.Key.Key_A)
    (relation,) = win.store.relations(doc_id)
    assert relation.status is SpanStatus.ACCEPTED
    assert win.store.get_span(relation.child_id).status is SpanStatus.ACCEPTED
    assert win.session.spans[relation.child_id].status is SpanStatus.ACCEPTED, "the window shows it too"
    after = stored(win.store, doc_id)

    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert stored(win.store, doc_id) == before, "undo restores every row the accept changed, exactly"
    assert (win.session.spans, win.session.relations) == before
    key(qtbot, win, Qt.Key.Key_Z, CTRL_SHIFT)
    assert stored(win.store, doc_id) == after

    def reject_the_rest() -> None:  # Ctrl+Return asks about the suggestions still open: R rejects them
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        qtbot.keyClick(dialog, Qt.Key.Key_R)

    QTimer.singleShot(0, reject_the_rest)
    key(qtbot, win, Qt.Key.Key_Return, CTRL)  # mark done
    assert win.store.get_document(doc_id).status is DocStatus.DONE
    output = tmp_path / "out.jsonl"
    win.background.export("jsonl", output, include_all=False)
    (record,) = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [(r["label"], r["head_span"]["start"], r["child_span"]["start"]) for r in record["relations"]] == [
        ("SPEAKER", the_quote.start, MARIA[0])
    ]


def test_rejecting_a_quote_rejects_its_speaker_link_and_undo_restores_it(qtbot, win: MainWindow) -> None:
    doc_id = win.session.doc_id
    before = stored(win.store, doc_id)
    win.editor.select_span(quote(win).id)
    key(qtbot, win, Qt.Key.Key_X)
    assert [r.status for r in win.store.relations(doc_id)] == [SpanStatus.REJECTED]
    assert not win.session.speakers, "a rejected link is not shown as the speaker"
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert stored(win.store, doc_id) == before


def test_relabelling_the_speaker_drops_the_link_and_undo_brings_it_back(qtbot, win: MainWindow) -> None:
    doc_id = win.session.doc_id
    before = stored(win.store, doc_id)
    maria = spans_by_key(win)[(*MARIA, "ACTOR")]
    win.editor.select_span(maria.id)
    key(qtbot, win, "3")  # FIGURE
    assert win.store.get_span(maria.id).label == "FIGURE"
    assert win.store.relations(doc_id) == [], "a SPEAKER must point from a QUOTE to an ACTOR"
    assert not win.session.speakers
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert stored(win.store, doc_id) == before
    assert win.session.speaker_span(quote(win).id).id == maria.id


def test_relabelling_onto_a_rejected_span_merges_and_undo_splits_again(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    doc_id = suggested_article(store, Span(*MARIA, "FIGURE"))
    hidden = next(s for s in store.spans(doc_id) if s.label == "FIGURE")
    store.update_span(hidden.id, annotator="alice", status=SpanStatus.REJECTED)  # type: ignore[arg-type]
    win = make_window(store)
    win.view.setFocus()
    before = stored(store, doc_id)
    maria = spans_by_key(win)[(*MARIA, "ACTOR")]
    win.editor.select_span(maria.id)
    key(qtbot, win, "3")
    assert not win.errors.messages
    assert store.get_span(maria.id).key == (*MARIA, "FIGURE")
    assert hidden.id not in {s.id for s in store.spans(doc_id)}
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert stored(store, doc_id) == before, "both spans are back, the rejected one too"


def test_relabelling_onto_an_accepted_span_is_refused_and_keeps_the_history(
    qtbot, make_window, db_path: Path
) -> None:
    store = Store.open(db_path)
    doc_id = suggested_article(store)
    store.add_span(doc_id, Span(*MARIA, "FIGURE", status=SpanStatus.ACCEPTED, annotator="bob"))
    win = make_window(store)
    win.view.setFocus()
    council = spans_by_key(win)[(*COUNCIL, "ACTOR")]
    win.editor.select_span(council.id)
    key(qtbot, win, Qt.Key.Key_A)  # something to undo later
    maria = spans_by_key(win)[(*MARIA, "ACTOR")]
    win.editor.select_span(maria.id)
    shown = dict(win.session.spans)
    key(qtbot, win, "3")
    assert len(win.errors.messages) == 1 and "already" in win.errors.messages[0]
    assert "Traceback" not in win.errors.messages[0] and "IntegrityError" not in win.errors.messages[0]
    win.errors.messages.clear()
    qtbot.wait(10)  # a cleared history would be cleared by a queued timer
    assert win.session.spans == shown and win.editor.current == maria.id
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert store.get_span(council.id).status is SpanStatus.SUGGESTED, "the accept before it is still undoable"


def choose_in_dialog(qtbot, win: MainWindow, typed: str = "", *, press: object = Qt.Key.Key_Return) -> list[str]:
    """Press S; in the dialog type ``typed`` and then ``press``; returns the rows the dialog offered."""
    rows: list[str] = []

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        rows.extend(item.text(1) for item in dialog.visible_rows())
        if typed:
            qtbot.keyClicks(dialog.edit, typed)
        qtbot.keyClick(dialog.edit, press)

    QTimer.singleShot(0, choose)
    key(qtbot, win, "s")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return rows


def test_s_then_enter_keeps_and_confirms_the_current_speaker(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    store.add_document(Document(text=SECOND, title="Second article"))
    win = make_window(store)
    win.view.setFocus()
    the_quote = quote(win)
    council = spans_by_key(win)[(*COUNCIL, "ACTOR")]
    # The council is the speaker (say a colleague chose it); Maria is nearer the quote, so listed first.
    win.editor.select_span(the_quote.id)
    choose_in_dialog(qtbot, win, "council")
    assert store.speaker_of(the_quote.id).child_id == council.id
    rows = choose_in_dialog(qtbot, win)
    assert rows[0] == "Maria Lopez", "nearest first, and the row is the actor's words only"
    assert all("·" not in row and not row[-1].isdigit() for row in rows)
    relation = store.speaker_of(the_quote.id)
    assert relation.child_id == council.id, "S then Enter keeps the speaker the quote has"


def test_s_then_enter_on_a_suggested_speaker_accepts_it(qtbot, win: MainWindow, tmp_path: Path) -> None:
    doc_id = win.session.doc_id
    the_quote = quote(win)
    win.editor.select_span(the_quote.id)
    choose_in_dialog(qtbot, win)
    relation = win.store.speaker_of(the_quote.id)
    assert relation.status is SpanStatus.ACCEPTED and relation.child[:2] == MARIA
    assert win.store.get_span(relation.child_id).status is SpanStatus.ACCEPTED
    assert win.store.get_span(the_quote.id).status is SpanStatus.ACCEPTED
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert all(s.status is SpanStatus.SUGGESTED for s in win.store.spans(doc_id))
    assert [r.status for r in win.store.relations(doc_id)] == [SpanStatus.SUGGESTED]


SPOKEN = (
    "Taliban fighters took the town. The Taliban said the roads were closed. A senior official said "
    "they had left.\n\n“We will stay,” Dana Reyes told reporters. The Taliban denied it."
)


def test_speaker_chooser_groups_names_picks_by_number_and_creates_a_new_speaker(
    qtbot, make_window, db_path: Path
) -> None:
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=SPOKEN, title="Spoken"))
    quote_range = (SPOKEN.index("“We"), SPOKEN.index("” Dana") + 1)
    talibans = [(i, i + len("Taliban")) for i in range(len(SPOKEN)) if SPOKEN.startswith("Taliban", i)]
    store.save_suggestions(doc_id, [Span(*quote_range, "QUOTE"), *(Span(*t, "ACTOR") for t in talibans)], [])
    win = make_window(store)
    win.view.setFocus()
    the_quote = next(s for s in win.session.spans.values() if s.label == "QUOTE")
    win.editor.select_span(the_quote.id)
    # Dana Reyes and the official are no ACTOR spans yet: the chooser offers them by distance,
    # and one Taliban row for four mentions.
    rows = choose_in_dialog(qtbot, win, press="1")
    assert rows == ["new: Dana Reyes", "new: A senior official", "Taliban"], rows
    relation = store.speaker_of(the_quote.id)
    speaker = store.get_span(relation.child_id)
    assert speaker.text_in(SPOKEN) == "Dana Reyes" and speaker.label == "ACTOR"
    assert speaker.status is SpanStatus.ACCEPTED and relation.status is SpanStatus.ACCEPTED
    key(qtbot, win, Qt.Key.Key_Z, CTRL)  # one undo takes back the new span and its link
    assert store.speaker_of(the_quote.id) is None
    assert not [s for s in store.spans(doc_id) if s.text_in(SPOKEN) == "Dana Reyes"]
    assert win.editor.current == the_quote.id
    # Number 3 is the Taliban row: the nearest of its mentions (the one after the quote) is linked.
    choose_in_dialog(qtbot, win, press="3")
    relation = store.speaker_of(the_quote.id)
    assert store.get_span(relation.child_id).start == talibans[-1][0]
