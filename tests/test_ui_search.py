"""Searching the document list: titles at once, article texts in the background, the newest query wins."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document
from annotator.store import Store
from annotator.ui.document_model import DOC_ID_ROLE
from annotator.ui.document_panel import DocumentPanel
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

Found = Callable[[set[int]], None]


def shown(win_filter) -> list[str]:  # type: ignore[no-untyped-def]
    return [win_filter.index(r, 0).data() for r in range(win_filter.rowCount())]


def three_articles(path: Path) -> None:
    with Store.open(path) as store:
        store.add_document(Document(text="The mayor spoke about roads and bridges.", title="Mayor on roads"))
        store.add_document(Document(text="A zebra escaped from the city zoo on Monday.", title="Zoo news"))
        store.add_document(Document(text="Rain is expected all week.", title="Weather: rain ahead"))


def test_a_word_only_in_an_article_text_is_found_in_the_background(qtbot, make_window, db_path: Path) -> None:
    three_articles(db_path)
    win: MainWindow = make_window(db_path)
    searches: list[str] = []
    real = win.background.search_text
    win.background.search_text = lambda text, found: (searches.append(text), real(text, found))  # type: ignore[method-assign]
    win.search.setFocus()
    qtbot.keyClicks(win.search, "zebra")
    QApplication.processEvents()
    # Typed: no title says it, and the texts are not read on this thread while typing.
    assert win.doc_filter.rowCount() == 0
    assert searches == [] and win.documents.search_pending()
    qtbot.waitUntil(lambda: win.doc_filter.rowCount() == 1)
    assert shown(win.doc_filter) == ["Zoo news"]
    assert searches == ["zebra"], "one search, after typing stopped, not one per key"
    assert not win.documents.search_pending()
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    assert win.session.document.title == "Zoo news"


def test_a_title_match_shows_at_once_and_the_filter_stays_a_valid_model(
    qtbot, qtmodeltester, make_window, db_path: Path
) -> None:
    three_articles(db_path)
    win: MainWindow = make_window(db_path)
    win.search.setFocus()
    qtbot.keyClicks(win.search, "RAIN")  # any case, as the full-text search
    QApplication.processEvents()  # the next turn of the event loop: typed keys are filtered once
    assert shown(win.doc_filter) == ["Weather: rain ahead"], "no waiting for the background search"
    assert win.documents.search_pending()
    qtmodeltester.check(win.doc_filter)
    qtbot.waitUntil(lambda: not win.documents.search_pending())
    assert shown(win.doc_filter) == ["Weather: rain ahead"]
    qtmodeltester.check(win.doc_filter)
    win.search.clear()  # everything again, at once
    QApplication.processEvents()
    assert win.doc_filter.rowCount() == 3
    qtmodeltester.check(win.doc_filter)


def test_a_stale_result_never_overwrites_a_newer_querys(qtbot, store: Store) -> None:
    three_articles_in(store)
    asked: list[tuple[str, Found]] = []
    panel = DocumentPanel(lambda text, found: asked.append((text, found)), lambda: None)
    qtbot.addWidget(panel)
    panel.model.set_documents(store.list_documents())
    panel.search.setText("zebra")
    qtbot.waitUntil(lambda: len(asked) == 1)
    panel.search.setText("bridges")
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert [a[0] for a in asked] == ["zebra", "bridges"]
    asked[1][1](store.search_document_ids("bridges"))  # the newer answer comes first...
    asked[0][1](store.search_document_ids("zebra"))  # ...then the older one, late
    assert shown(panel.filter) == ["Mayor on roads"]
    assert not panel.search_pending()


def test_enter_before_the_text_search_answers_opens_the_first_match_when_it_comes(qtbot, store: Store) -> None:
    three_articles_in(store)
    asked: list[tuple[str, Found]] = []
    panel = DocumentPanel(lambda text, found: asked.append((text, found)), lambda: None)
    qtbot.addWidget(panel)
    panel.model.set_documents(store.list_documents())
    opened: list[int] = []
    panel.open_requested.connect(opened.append)
    panel.search.setText("zebra")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)  # the search starts now, not after the pause
    assert [a[0] for a in asked] == ["zebra"] and opened == []
    asked[0][1](store.search_document_ids("zebra"))
    assert opened == [panel.filter.index(0, 0).data(DOC_ID_ROLE)] == [2]


def test_clearing_the_box_cancels_the_running_search(qtbot, store: Store) -> None:
    three_articles_in(store)
    asked: list[tuple[str, Found]] = []
    cancelled: list[bool] = []
    panel = DocumentPanel(lambda text, found: asked.append((text, found)), lambda: cancelled.append(True))
    qtbot.addWidget(panel)
    panel.model.set_documents(store.list_documents())
    panel.search.setText("zebra")
    qtbot.waitUntil(lambda: len(asked) == 1)
    panel.search.clear()
    QApplication.processEvents()
    assert cancelled == [True] and panel.filter.rowCount() == 3
    asked[0][1]({2})  # it answered anyway: too late to matter
    assert panel.filter.rowCount() == 3


def test_store_search_finds_titles_and_texts_literally_and_stops_when_cancelled(store: Store) -> None:
    three_articles_in(store)
    store.add_document(Document(text="Up 50% on the year, said snake_case.", title="Markets"))
    assert store.search_document_ids("ZEBRA") == {2}
    assert store.search_document_ids("rain") == {3}
    assert store.search_document_ids("50%") == {4} and store.search_document_ids("e_c") == {4}
    assert store.search_document_ids("0%o") == set()  # % is no wildcard
    assert store.search_document_ids("zebra", cancel=lambda: True) == set()
    assert store.search_document_ids("zebra", cancel=lambda: False) == {2}


def three_articles_in(store: Store) -> None:
    store.add_document(Document(text="The mayor spoke about roads and bridges.", title="Mayor on roads"))
    store.add_document(Document(text="A zebra escaped from the city zoo on Monday.", title="Zoo news"))
    store.add_document(Document(text="Rain is expected all week.", title="Weather: rain ahead"))


def test_a_newer_background_search_supersedes_an_older_one_on_real_threads(qtbot, db_path: Path) -> None:
    from annotator.ui.background import Background
    from annotator.ui.errors import ErrorReporter

    three_articles(db_path)
    errors = ErrorReporter(interactive=False)
    background = Background(str(db_path), lambda: None, errors)  # type: ignore[arg-type, return-value]
    found: list[tuple[str, set[int]]] = []
    background.search_text("zebra", lambda ids: found.append(("zebra", ids)))
    background.search_text("rain", lambda ids: found.append(("rain", ids)))
    qtbot.waitUntil(lambda: bool(found) and not background.runner.tasks, timeout=10_000)
    assert found == [("rain", {3})], "the older search's answer is dropped, even if it came first"
    assert errors.messages == []
    background.shutdown()
