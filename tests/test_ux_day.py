"""Gaps an annotator met in the app and on the command line, each fixed after this test failed.

The tests drive the real entry points: the ``annotator`` program in a child process, and the
window through its shortcuts, menus and dialogs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.cli_process import annotator, no_traceback
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from test_inputs_real_use import _Newsroom, _texts, newsroom  # noqa: F401  (newsroom: a fixture)
from test_ui_window import key, select_text, window  # noqa: F401  (window: a fixture)

from annotator.core.model import DocStatus, Document, Relation, Span, SpanStatus
from annotator.io.sample import ensure_sample
from annotator.store import Store
from annotator.ui.app import Windows, startup_labels
from annotator.ui.file_dialogs import ImportDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings, default_qsettings

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
PAGES = Path(__file__).resolve().parent / "data" / "pages"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
KINDS = ".txt articles, .html/.htm/.html.gz/.htm.gz pages, .warc/.warc.gz archives or .jsonl/.ndjson records"


def sample_window(make_window, db_path: Path) -> tuple[MainWindow, Store]:  # type: ignore[no-untyped-def]
    store = Store.open(db_path)
    ensure_sample(store)
    return make_window(store), store


# ------------------------------------------------------------ what import reads, named once


def test_the_import_dialog_and_its_report_name_everything_import_reads(qtbot, make_window, db_path: Path,
                                                                        tmp_path: Path) -> None:
    win, store = sample_window(make_window, db_path)
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "story.htm").write_bytes((PAGES / "creativecommons.at.faircoin.html").read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    filters: list[str] = []

    def pick(folder_mode: bool) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog), dialog
        if not folder_mode:
            filters.extend(dialog.nameFilters())
        dialog.setDirectory(str(folder if not folder_mode else tmp_path))
        dialog.selectFile("story.htm" if not folder_mode else folder.name)
        dialog.accept()

    QTimer.singleShot(0, lambda: pick(False))
    win.files.ask_import()
    assert filters[0] == ("Articles, web pages and records (*.txt *.html *.htm *.html.gz *.htm.gz *.warc"
                          " *.warc.gz *.jsonl *.ndjson)")
    QTimer.singleShot(0, lambda: pick(True))
    win.files.ask_import(folder=True)
    qtbot.waitUntil(lambda: win.files.last_report is not None, timeout=30000)
    report = win.files.last_report
    assert report is not None
    # before: "ignored (not an article, page, archive or JSONL file)", naming no file kind
    assert report.text.toPlainText() == (f"{folder / 'notes.pdf'}: ignored: not one of {KINDS}"
                                         " (a list of URLs: choose it by itself and its pages are fetched)")
    assert store.count_documents() == 2


# ------------------------------------------------------------ import --urls again


def test_a_url_list_imported_again_fetches_only_new_addresses(newsroom: str, tmp_path: Path) -> None:  # noqa: F811
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{newsroom}/news/tram\n{newsroom}/old/bridge\n", encoding="utf-8")
    db = tmp_path / "a.db"
    first = annotator("--db", db, "import", "--urls", urls, "--delay", "0", timeout=60)
    assert first.returncode == 0, first.stderr
    assert sorted(_Newsroom.requests) == ["/news/bridge", "/news/tram", "/old/bridge", "/robots.txt"]

    # the morning list grows by one page: the two imported before are not fetched again (before: all three)
    urls.write_text(f"{newsroom}/news/tram\n{newsroom}/old/bridge\n{newsroom}/news/harbour\n", encoding="utf-8")
    _Newsroom.requests.clear()
    again = annotator("--db", db, "import", "--urls", urls, "--delay", "0", timeout=60)
    no_traceback(again)
    assert again.returncode == 0, again.stderr
    assert sorted(_Newsroom.requests) == ["/news/harbour", "/robots.txt"]
    assert again.stdout.splitlines() == [
        "imported 3 pages: 1 added, 0 duplicates skipped, 0 rejected"
        " (2 already imported from the same address, not fetched again)",
        "(--refetch fetches pages imported before again; an unchanged page is then a duplicate)",
    ]
    assert set(_texts(db)) == {f"{newsroom}/news/{t}" for t in ("tram", "bridge", "harbour")}

    _Newsroom.requests.clear()
    refetched = annotator("--db", db, "import", "--urls", urls, "--refetch", "--delay", "0", timeout=60)
    no_traceback(refetched)
    assert refetched.stdout.strip() == "imported 3 pages: 0 added, 3 duplicates skipped, 0 rejected"
    assert sorted(_Newsroom.requests) == ["/news/bridge", "/news/harbour", "/news/tram", "/old/bridge",
                                          "/robots.txt"]


# ------------------------------------------------------------ undo and the document's status


def test_undoing_every_edit_gives_the_document_its_status_back(qtbot, window: MainWindow) -> None:  # noqa: F811
    win = window
    win.view.setFocus()
    doc = win.session.doc_id

    def status_everywhere() -> set[DocStatus]:
        listed = next(d.status for d in win.doc_model.documents() if d.id == doc)
        return {win.store.get_document(doc).status, win.session.document.status, listed}

    assert status_everywhere() == {DocStatus.NEW}
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_A)
    key(qtbot, win, Qt.Key.Key_Tab)
    key(qtbot, win, Qt.Key.Key_X)
    assert status_everywhere() == {DocStatus.IN_PROGRESS}
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert status_everywhere() == {DocStatus.IN_PROGRESS}, "one edit is still there"
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert status_everywhere() == {DocStatus.NEW}  # before: "in progress" with nothing in it changed
    assert win.actions_["undo"].isEnabled() is False
    key(qtbot, win, Qt.Key.Key_Z, CTRL_SHIFT)
    assert status_everywhere() == {DocStatus.IN_PROGRESS}
    key(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert status_everywhere() == {DocStatus.NEW}


# ------------------------------------------------------------ a person's span retires the suggestions it overlaps

TALKS = "Talks\n\nMaria Lopez said “We will win, whatever the council says,” on Monday."


def at(needle: str, label: str) -> tuple[int, int, str]:
    start = TALKS.index(needle)
    return start, start + len(needle), label


def test_an_actor_drawn_over_suggestions_retires_them_and_takes_their_speaker_link(
    qtbot, make_window, db_path: Path
) -> None:
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=TALKS, title="Talks"))
    lopez, quote, council = at("Lopez", "ACTOR"), at("“We will win, whatever the council says,”", "QUOTE"), at(
        "council", "ACTOR")
    store.save_suggestions(doc_id, [Span(*lopez), Span(*quote), Span(*council)],
                           [Relation(head=quote, child=lopez)])
    win = make_window(store)
    win.view.setFocus()
    select_text(qtbot, win, "Maria Lopez")
    key(qtbot, win, "1")

    def by_key() -> dict[tuple[int, int, str], SpanStatus]:
        return {s.key: s.status for s in win.store.spans(doc_id)}

    maria = at("Maria Lopez", "ACTOR")
    # before: "Lopez" stayed an open suggestion beside the new actor, and the quote's speaker was still it
    assert by_key() == {maria: SpanStatus.ACCEPTED, lopez: SpanStatus.REJECTED, quote: SpanStatus.SUGGESTED,
                        council: SpanStatus.SUGGESTED}
    [quote_id] = [s.id for s in win.session.spans.values() if s.key == quote]
    speaker = win.session.speaker_span(quote_id)
    assert speaker is not None and speaker.key == maria
    assert win.doc_model.documents()[0].n_suggested == 2
    assert "1 overlapping suggestion rejected" in win.statusBar().currentMessage()

    key(qtbot, win, Qt.Key.Key_Z, CTRL)  # one step back: the suggestion and its link as they were
    assert by_key() == {lopez: SpanStatus.SUGGESTED, quote: SpanStatus.SUGGESTED, council: SpanStatus.SUGGESTED}
    speaker = win.session.speaker_span(quote_id)
    assert speaker is not None and speaker.key == lopez


# ------------------------------------------------------------ a labels file for the app


def labels_file(path: Path, extra: str = ', {"name": "PLACE", "hotkey": "4", "color": "#a855f7"}') -> Path:
    path.write_text('{"labels": [{"name": "ACTOR", "hotkey": "1", "color": "#3b82f6"},'
                    ' {"name": "QUOTE", "hotkey": "2", "color": "#f59e0b"},'
                    ' {"name": "FIGURE", "hotkey": "3", "color": "#10b981"}' + extra + "]}", encoding="utf-8")
    return path


def pick_file(path: Path) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog), dialog
    dialog.setDirectory(str(path.parent))
    dialog.selectFile(path.name)
    dialog.accept()


@pytest.fixture
def windows(qtbot, db_path: Path, tmp_path: Path, blank_loader):  # type: ignore[no-untyped-def]
    """The app's window keeper on the sample article, as ``annotator`` starts it (see ui/app.run)."""
    store = Store.open(db_path)
    ensure_sample(store)
    settings = Settings(default_qsettings(tmp_path / "settings.ini"))
    made: list[MainWindow] = []

    def make(labels):  # type: ignore[no-untyped-def]
        made.append(MainWindow(store, settings, "alice", labels=labels, pipeline_loader=blank_loader,
                               synchronous=True, interactive=False))
        return made[-1]

    keeper = Windows(make, startup_labels(db_path, settings, None))
    keeper.window.show()
    qtbot.waitExposed(keeper.window)
    keeper.window.start()
    yield keeper, settings
    keeper.window.close()
    QApplication.processEvents()
    store.close()


def test_the_app_takes_a_labels_file_from_the_file_menu_and_remembers_it(qtbot, windows, db_path: Path,
                                                                          tmp_path: Path) -> None:
    keeper, settings = windows
    first = keeper.window
    file_menu = first.menuBar().actions()[0].menu()
    [choose] = [a for a in file_menu.actions() if a.text() == "&Labels file…"]  # before: nowhere in the app
    path = labels_file(tmp_path / "team-labels.json")
    first.view.setFocus()
    key(qtbot, first, Qt.Key.Key_Tab)
    key(qtbot, first, Qt.Key.Key_Tab)
    place = first.editor.current
    QTimer.singleShot(0, lambda: pick_file(path))
    choose.trigger()
    win = keeper.window
    assert win.editor.current == place  # the annotator's place is kept (seen in the day: it went to the top)
    assert win is not first and first.isHidden()
    assert win.labels.names == ("ACTOR", "QUOTE", "FIGURE", "PLACE")
    assert settings.labels_file(str(db_path)) == str(path)
    assert "Labels: ACTOR, QUOTE, FIGURE, PLACE" in win.statusBar().currentMessage()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.view.setFocus()
    select_text(qtbot, win, "Taliban")
    key(qtbot, win, "4")
    assert any(s.label == "PLACE" for s in win.store.spans(win.session.doc_id))
    # the next start on this database uses it too; --labels FILE still wins
    assert startup_labels(db_path, settings, None).names == ("ACTOR", "QUOTE", "FIGURE", "PLACE")
    other = labels_file(tmp_path / "three.json", "")
    assert startup_labels(db_path, settings, str(other)).names == ("ACTOR", "QUOTE", "FIGURE")


def test_a_broken_labels_file_is_refused_and_the_window_stays(qtbot, windows, db_path: Path, tmp_path: Path) -> None:
    keeper, settings = windows
    first = keeper.window
    path = labels_file(tmp_path / "clash.json", ', {"name": "PLACE", "hotkey": "1", "color": "#a855f7"}')
    QTimer.singleShot(0, lambda: pick_file(path))
    first.actions_["labels_file"].trigger()
    assert keeper.window is first and settings.labels_file(str(db_path)) is None
    [message] = first.errors.messages
    assert message.startswith(f"{path}: ") and "hotkey" in message and message.endswith("stay as they are.")


def test_labels_is_an_option_of_the_app_and_of_import(tmp_path: Path) -> None:
    from annotator.cli import parse_args

    for argv in (["--labels", "team.json"], ["--labels", "team.json", "import", "a.txt"],
                 ["import", "--labels", "team.json", "a.txt"]):
        args = parse_args(argv)
        assert not isinstance(args, int) and args.labels == "team.json", argv


# ------------------------------------------------------------ pronoun and nominal speakers in the chooser

BUDGET = ("Budget\n\nMaria Lopez, the finance minister, presented the budget on Monday. “We will not raise taxes,”"
          " she said. “The deficit is under control,” the ministry's chief economist told reporters.")


def test_the_speaker_chooser_offers_she_and_a_noun_phrase_and_export_carries_them(
    qtbot, make_window, db_path: Path, tmp_path: Path
) -> None:
    from test_ui_speaker import choose_in_dialog

    store = Store.open(db_path)
    maria = (BUDGET.index("Maria"), BUDGET.index("Maria") + len("Maria Lopez"), "ACTOR")
    taxes = (BUDGET.index("“We"), BUDGET.index("taxes,”") + len("taxes,”"), "QUOTE")
    deficit = (BUDGET.index("“The"), BUDGET.index("control,”") + len("control,”"), "QUOTE")
    doc_id, _ = store.add_document(Document(text=BUDGET, title="Budget"))
    store.save_suggestions(doc_id, [Span(*maria), Span(*taxes), Span(*deficit)])
    win = make_window(store)
    win.view.setFocus()
    quotes = {s.key: s.id for s in win.session.spans.values() if s.label == "QUOTE"}

    win.editor.select_span(quotes[taxes])
    rows = choose_in_dialog(qtbot, win, press=Qt.Key.Key_1)
    assert rows[0] == "she → Maria Lopez"  # before: only "Maria Lopez", with nothing about "she said"
    speaker = win.session.speaker_span(quotes[taxes])
    assert speaker is not None and speaker.key == maria  # by the guidelines: the actor "she" stands for

    win.editor.select_span(quotes[deficit])
    rows = choose_in_dialog(qtbot, win, press=Qt.Key.Key_1)
    assert rows[0] == "new: the ministry's chief economist"  # before: not offered (no name, not on a word list)
    speaker = win.session.speaker_span(quotes[deficit])
    economist = BUDGET.index("the ministry's")
    assert speaker is not None and speaker.key == (economist, economist + len("the ministry's chief economist"),
                                                   "ACTOR")

    output = tmp_path / "out.jsonl"
    result = annotator("--db", db_path, "export", "--format", "jsonl", "--all", "--output", output)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    pairs = [(r["label"], BUDGET[r["head_span"]["start"]:r["head_span"]["end"]], r["head_span"]["label"],
              BUDGET[r["child_span"]["start"]:r["child_span"]["end"]], r["child_span"]["label"])
             for r in record["relations"]]
    assert pairs == [
        ("SPEAKER", "“We will not raise taxes,”", "QUOTE", "Maria Lopez", "ACTOR"),
        ("SPEAKER", "“The deficit is under control,”", "QUOTE", "the ministry's chief economist", "ACTOR"),
    ]


# ------------------------------------------------------------ found in a keyboard-only day


def test_a_on_a_span_already_accepted_moves_on_instead_of_doing_nothing(qtbot, make_window, db_path: Path) -> None:
    store = Store.open(db_path)
    doc_id, _ = store.add_document(Document(text=BUDGET, title="Budget"))
    maria = (BUDGET.index("Maria"), BUDGET.index("Maria") + len("Maria Lopez"), "ACTOR")
    taxes = (BUDGET.index("“We"), BUDGET.index("taxes,”") + len("taxes,”"), "QUOTE")
    deficit = (BUDGET.index("“The"), BUDGET.index("control,”") + len("control,”"), "QUOTE")
    store.save_suggestions(doc_id, [Span(*maria), Span(*taxes), Span(*deficit)])
    win = make_window(store)
    win.view.setFocus()
    by_key = {s.key: s.id for s in win.session.spans.values()}
    win.editor.select_span(by_key[maria])
    key(qtbot, win, Qt.Key.Key_A)  # accepts Maria Lopez, on to the first quote
    assert win.editor.current == by_key[taxes]
    win.editor.select_span(by_key[maria])  # back on a span already accepted (as one a quote's accept took along)
    key(qtbot, win, Qt.Key.Key_A)
    assert win.editor.current == by_key[taxes]  # before: A did nothing, and A A A stuck there
    assert win.statusBar().currentMessage() == "Already accepted: Maria Lopez."


def test_the_document_ctrl_return_opens_has_its_first_span_selected(qtbot, window: MainWindow) -> None:  # noqa: F811
    from test_ui_window import answer_open_suggestions

    win = window
    win.view.setFocus()
    first = win.session.doc_id
    answer_open_suggestions(qtbot, Qt.Key.Key_A)
    key(qtbot, win, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.session.doc_id != first
    spans = win.session.ordered(include_rejected=False)
    assert spans, "the second article has suggestions"
    assert win.editor.current == spans[0].id  # before: nothing selected, so the first X or A did nothing
    key(qtbot, win, Qt.Key.Key_X)
    assert win.store.get_span(spans[0].id).status is SpanStatus.REJECTED


def test_ctrl_return_follows_the_search_the_list_shows(qtbot, make_window, db_path: Path) -> None:
    with Store.open(db_path) as store:
        for title, text in (("Council vote", "The council voted on the bridge."), ("Zoo news", "A zebra escaped."),
                            ("Bridge repairs", "The bridge closes for repairs."), ("Weather", "Rain all week.")):
            store.add_document(Document(text=text, title=title))
    win: MainWindow = make_window(db_path)
    win.search.setFocus()
    qtbot.keyClicks(win.search, "bridge")
    qtbot.waitUntil(lambda: not win.documents.search_pending())
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    assert win.session.document.title == "Council vote"
    key(qtbot, win, Qt.Key.Key_Return, CTRL_SHIFT)  # skip: the next match, not "Zoo news" the list hides
    assert win.session.document.title == "Bridge repairs"
    key(qtbot, win, Qt.Key.Key_Return, CTRL_SHIFT)  # no match left: the next of all, and the status bar says why
    assert win.session.document.title == "Weather"
    assert "outside its search or filter" in win.statusBar().currentMessage()


def test_the_app_opens_where_the_annotator_left_off(qtbot, db_path: Path, tmp_path: Path, blank_loader) -> None:
    store = Store.open(db_path)
    ensure_sample(store)
    settings = Settings(default_qsettings(tmp_path / "settings.ini"))

    def start_app() -> MainWindow:
        win = MainWindow(store, settings, "alice", pipeline_loader=blank_loader, synchronous=True, interactive=False)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        win.start()
        return win

    first = start_app()
    first.view.setFocus()
    for _ in range(5):
        key(qtbot, first, Qt.Key.Key_Tab)
    place = first.editor.current
    assert place is not None
    first.close()
    QApplication.processEvents()
    again = start_app()
    try:
        assert again.editor.current == place  # before: the article's top, nothing selected
    finally:
        again.close()
        QApplication.processEvents()
        store.close()
