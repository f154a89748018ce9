"""The annotator's day, driven by keys: speaker marks in the article, growing a selection, right-click."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from test_ui_window import key

from annotator.core.model import DocStatus, Document, Relation, Span, SpanStatus
from annotator.store import Store
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TEXT = (
    "Talks\n\nMaria Lopez said “We will win, whatever it takes,” on Monday. The council agreed. "
    "“Nobody asked us,” a farmer said."
)
MARIA = (TEXT.index("Maria"), TEXT.index("Maria") + len("Maria Lopez"))
WIN = (TEXT.index("“We"), TEXT.index("takes,”") + len("takes,”"))
NOBODY = (TEXT.index("“Nobody"), TEXT.index("us,”") + len("us,”"))
COUNCIL = (TEXT.index("The council"), TEXT.index("The council") + len("The council"))


@pytest.fixture
def win(make_window, db_path: Path) -> MainWindow:
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=TEXT, title="Talks"))
    store.save_suggestions(
        doc_id,
        [Span(*MARIA, "ACTOR"), Span(*WIN, "QUOTE"), Span(*NOBODY, "QUOTE"), Span(*COUNCIL, "ACTOR")],
        [Relation(head=(*WIN, "QUOTE"), child=(*MARIA, "ACTOR"))],
    )
    window = make_window(store)
    window.view.setFocus()
    return window


def span_of(win: MainWindow, start: int, end: int, label: str) -> Span:
    return next(s for s in win.session.spans.values() if s.key == (start, end, label))


def test_each_quote_names_its_speaker_in_the_margin_and_a_quote_without_one_stands_out(win: MainWindow) -> None:
    notes = {n.position: n for n in win.view.margin.notes}
    to_qt = win._positions.to_qt
    assert notes[to_qt(WIN[1])].text == "— Maria Lopez" and not notes[to_qt(WIN[1])].warn
    assert notes[to_qt(NOBODY[1])].text == "no speaker" and notes[to_qt(NOBODY[1])].warn
    assert [n for n, _y in win.view.margin.visible_notes()] == win.view.margin.notes, "all on screen"


def test_selecting_a_quote_outlines_its_speaker_and_an_actor_its_quotes(qtbot, win: MainWindow) -> None:
    positions = win._positions
    quote = span_of(win, *WIN, "QUOTE")
    win.editor.select_span(quote.id)
    assert [r[:2] for r in win.view.outlines] == [positions.span_range(span_of(win, *MARIA, "ACTOR"))]
    key(qtbot, win, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # back to Maria
    assert win.editor.current == span_of(win, *MARIA, "ACTOR").id
    assert [r[:2] for r in win.view.outlines] == [positions.span_range(quote)]
    strong = [n for n in win.view.margin.notes if n.strong]
    assert [n.position for n in strong] == [positions.to_qt(WIN[1])], "the note of her quote is bold"
    win.editor.select_span(span_of(win, *COUNCIL, "ACTOR").id)
    assert win.view.outlines == [], "an actor who said nothing outlines nothing"


def test_a_missed_quote_is_labelled_in_a_few_keys(qtbot, win: MainWindow) -> None:
    """Start at the speaker span, grow to the phrase and sentence end, shrink, and label: no arrow keys."""
    council = span_of(win, *COUNCIL, "ACTOR")
    win.editor.select_span(council.id)
    key(qtbot, win, "w")  # "The council agreed"
    key(qtbot, win, "w")  # ... and the full stop
    key(qtbot, win, Qt.Key.Key_W, Qt.KeyboardModifier.ShiftModifier)  # back without it
    key(qtbot, win, "2")
    made = [s for s in win.session.spans.values() if s.label == "QUOTE" and s.start == COUNCIL[0]]
    assert [s.text_in(TEXT) for s in made] == ["The council agreed"]
    assert made[0].status is SpanStatus.ACCEPTED
    # From nothing selected inside the second quote: E grows through the closing mark, Q takes the opening one.
    cursor = win.view.textCursor()
    cursor.setPosition(win._positions.to_qt(TEXT.index("Nobody")))
    win.view.setTextCursor(cursor)
    win.editor.select_span(None)
    key(qtbot, win, "e")
    key(qtbot, win, "q")
    anchor, position = win.view.selection()
    start, end = win._positions.to_offset(anchor), win._positions.to_offset(position)
    assert TEXT[start:end] == "“Nobody asked us,”"


def test_w_stops_at_the_paragraph_end(qtbot, win: MainWindow) -> None:
    """A span never runs over a paragraph break: W on the headline's last word keeps the selection and says why
    (before: it grew into "Maria" of the next paragraph)."""
    cursor = win.view.textCursor()
    cursor.setPosition(win._positions.to_qt(1))
    win.view.setTextCursor(cursor)
    win.editor.select_span(None)
    key(qtbot, win, "w")  # the token at the cursor: "Talks"
    key(qtbot, win, "w")
    anchor, position = win.view.selection()
    assert TEXT[win._positions.to_offset(anchor):win._positions.to_offset(position)] == "Talks"
    assert "paragraph" in win.statusBar().currentMessage()


def test_right_click_offers_the_keys_actions(win: MainWindow) -> None:
    names = [a.objectName() for a in win.view.context_actions if a is not None]
    for name in ("label:ACTOR", "label:QUOTE", "label:FIGURE", "accept", "reject", "speaker", "grow_token",
                 "grow_phrase", "grow_sentence"):
        assert name in names
    assert all(win.actions_[n].shortcuts() for n in ("grow_token", "grow_phrase", "grow_sentence"))


def test_keys_never_act_on_a_span_scrolled_out_of_sight(qtbot, make_window, db_path: Path) -> None:
    text = "Long\n\n" + "\n\n".join(f"Paragraph {i}: Ana met Bo in town {i}." for i in range(200))
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=text, title="Long"))
    first = text.index("Ana")
    store.save_suggestions(doc_id, [Span(first, first + 3, "ACTOR")], [])
    win = make_window(store)
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    ana = win.editor.current_span()
    assert ana is not None and win.editor.on_screen(ana)
    for _ in range(6):
        key(qtbot, win, Qt.Key.Key_PageDown)
    assert not win.editor.on_screen(ana)
    key(qtbot, win, "x")
    assert store.get_span(ana.id).status is SpanStatus.SUGGESTED, "X did nothing to a span out of sight"
    assert win.editor.on_screen(ana), "it was brought into view instead"
    key(qtbot, win, "x")
    assert store.get_span(ana.id).status is SpanStatus.REJECTED, "once seen, X rejects it"


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_undo_selects_and_shows_the_span_it_restored(qtbot, make_window, db_path: Path) -> None:
    text = "Long\n\n" + "\n\n".join(f"Paragraph {i}: Ana met Bo in town {i}." for i in range(200))
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=text, title="Long"))
    names = [(m, m + 3) for m in (text.index("Ana"), text.rindex("Ana"))]
    store.save_suggestions(doc_id, [Span(*r, "ACTOR") for r in names], [])
    win = make_window(store)
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Tab)
    first = win.editor.current_span()
    key(qtbot, win, "x")  # rejected; the selection moves on to the last Ana, far below
    assert win.editor.current != first.id and not win.editor.on_screen(first)
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert store.get_span(first.id).status is SpanStatus.SUGGESTED
    assert win.editor.current == first.id and win.editor.on_screen(first), "undo went back to the span"
    key(qtbot, win, Qt.Key.Key_Z, CTRL_SHIFT)
    assert store.get_span(first.id).status is SpanStatus.REJECTED and win.editor.current == first.id


def test_skip_opens_the_next_document_and_undo_restores_the_status_it_had(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    first, _ = store.add_document(Document(text="One\n\nAna met Bo.", title="One"))
    second, _ = store.add_document(Document(text="Two\n\nCy met Di.", title="Two"))
    store.set_document_status(first, DocStatus.IN_PROGRESS, "alice")
    win = make_window(store)
    win.open_document(first)
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_Return, CTRL_SHIFT)
    assert store.get_document(first).status is DocStatus.SKIPPED
    assert win.session.doc_id == second
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.session.doc_id == first
    assert store.get_document(first).status is DocStatus.IN_PROGRESS, "back to what it was, not 'new'"


def test_label_counts_leave_out_rejected_spans_and_source_and_annotator_are_apart(qtbot, win: MainWindow) -> None:
    council = span_of(win, *COUNCIL, "ACTOR")
    win.editor.select_span(council.id)
    key(qtbot, win, "x")
    group = win.span_model.item(0, 0)
    assert group.text() == "ACTOR (1)" and "1 rejected, not counted" in group.toolTip()
    maria = span_of(win, *MARIA, "ACTOR")
    win.editor.select_span(maria.id)
    key(qtbot, win, "a")
    row = win.span_model.index_of(maria.id)
    assert row.siblingAtColumn(2).data() == "model" and row.siblingAtColumn(4).data() == "alice"


def test_guidelines_and_statistics_are_in_the_app(qtbot, win: MainWindow) -> None:
    key(qtbot, win, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    guide = win.guidelines_dialog
    qtbot.waitExposed(guide)
    shown = guide.browser.toPlainText()
    assert "ACTOR" in shown and "QUOTE" in shown and "##" not in shown, "rendered, not raw Markdown"
    guide.close()
    key(qtbot, win, Qt.Key.Key_I, CTRL)
    stats = win.statistics_dialog
    qtbot.waitExposed(stats)
    rows = {stats.labels.item(r, 0).text(): [stats.labels.item(r, c).text() for c in (1, 2, 3)]
            for r in range(stats.labels.rowCount())}
    assert rows["ACTOR"] == ["0", "2", "0"] and rows["QUOTE"] == ["0", "2", "0"]
    stats.close()


def test_guidelines_render_markup_as_text() -> None:
    from annotator.ui.dialogs import GuidelinesDialog

    dialog = GuidelinesDialog("# Title\n\n<img src='http://example.invalid/x.png'> <b>bold?</b> *yes*")
    shown = dialog.browser.toPlainText()
    assert "<b>bold?</b>" in shown and "<img" in shown, "raw HTML stays literal text"
    assert "Title" in shown and "# Title" not in shown


def test_on_a_laptop_screen_the_article_gets_the_room_and_f6_hides_the_panels(
    qtbot, make_window, db_path: Path, tmp_path: Path
) -> None:
    store = Store.open(db_path)
    store.add_document(Document(text=TEXT, title="A title long enough to need its room in the list"))
    win = make_window(store)
    win.resize(1000, 650)
    win.fit_panels()
    qtbot.wait(20)
    sizes = win.splitter.sizes()
    assert sizes[1] >= 0.5 * sum(sizes), sizes
    assert win.doc_list.columnWidth(0) >= 120, "titles are readable, not two letters"
    win.view.setFocus()
    key(qtbot, win, Qt.Key.Key_F6)
    assert not win.documents.isVisible() and not win.span_tree.isVisible()
    assert win.settings.panels_shown is False
    key(qtbot, win, Qt.Key.Key_F6)
    assert win.documents.isVisible() and win.span_tree.isVisible()


def test_the_selection_colour_is_far_from_every_label_colour_in_both_themes(qapp) -> None:
    from PySide6.QtGui import QColor, QPalette

    from annotator.core.labels import load_labels
    from annotator.ui.theme import FOCUS_FRAME, apply_theme

    before, sheet = qapp.palette(), qapp.styleSheet()
    try:
        for scheme in ("light", "dark"):
            apply_theme(qapp, scheme)
            selection = qapp.palette().color(QPalette.ColorRole.Highlight)
            for label in load_labels():
                color = QColor(label.color)
                hue_gap = abs(selection.hslHue() - color.hslHue())
                assert min(hue_gap, 360 - hue_gap) >= 45, (scheme, label.name)
            assert ":focus" in qapp.styleSheet() and qapp.styleSheet() == FOCUS_FRAME
    finally:
        qapp.setPalette(before)
        qapp.setStyleSheet(sheet)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise", "does not support grabbing")
def test_right_click_on_another_span_acts_on_that_span(qtbot, win: MainWindow) -> None:
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    maria = span_of(win, *MARIA, "ACTOR")
    council = span_of(win, *COUNCIL, "ACTOR")
    win.editor.select_span(maria.id)
    cursor = win.view.textCursor()
    cursor.setPosition(win._positions.to_qt(COUNCIL[0] + 2))
    point = win.view.cursorRect(cursor).center()
    menus: list[QMenu] = []

    def choose_accept() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        menus.append(menu)
        accept = next(a for a in menu.actions() if a.objectName() == "accept")
        menu.close()
        accept.trigger()

    QTimer.singleShot(50, choose_accept)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, win.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(win.view.viewport(), event)
    qtbot.waitUntil(lambda: bool(menus))
    assert win.store.get_span(council.id).status is SpanStatus.ACCEPTED, "the clicked span"
    assert win.store.get_span(maria.id).status is SpanStatus.SUGGESTED, "not the one selected before"


def test_a_grown_selection_is_not_a_span_any_more(qtbot, win: MainWindow) -> None:
    maria = span_of(win, *MARIA, "ACTOR")
    win.editor.select_span(maria.id)
    key(qtbot, win, "e")
    key(qtbot, win, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    assert win.editor.current is None
    key(qtbot, win, "x")
    assert win.store.get_span(maria.id).status is SpanStatus.SUGGESTED, "X had no span to act on"


def test_no_speaker_is_a_decision_that_accepts_the_quote(qtbot, win: MainWindow) -> None:
    from test_ui_speaker import choose_in_dialog

    quote = span_of(win, *NOBODY, "QUOTE")
    win.editor.select_span(quote.id)
    choose_in_dialog(qtbot, win, press="0")
    assert win.store.get_span(quote.id).status is SpanStatus.ACCEPTED
    assert win.store.speaker_of(quote.id) is None
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert win.store.get_span(quote.id).status is SpanStatus.SUGGESTED


def test_a_window_made_small_gives_the_article_its_room_back(qtbot, win: MainWindow) -> None:
    win.resize(1400, 900)
    win.splitter.setSizes([300, 640, 460])
    win.resize(1000, 650)
    qtbot.waitUntil(lambda: win.splitter.sizes()[1] >= sum(win.splitter.sizes()) // 2, timeout=2000)
