"""Background work in the window: real worker threads, import and export dialogs (Ctrl+O, Ctrl+E)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.core.model import Document
from annotator.io.sample import ensure_sample
from annotator.store import Store
from annotator.ui.file_dialogs import ImportDialog, NamesOnlyIconProvider
from annotator.ui.main_window import MainWindow

PAGES = Path(__file__).resolve().parent / "data" / "pages"
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def sample_window(make_window, db_path: Path, *, synchronous: bool) -> tuple[MainWindow, Store]:
    store = Store.open(db_path)
    ensure_sample(store)
    return make_window(store, synchronous=synchronous, start=False), store


def test_model_loads_and_suggests_in_a_worker_thread(qtbot, make_window, db_path: Path) -> None:
    win, _store = sample_window(make_window, db_path, synchronous=False)
    win.start()
    assert win.model_label.text() == "loading model…"  # the window is up before the model
    qtbot.waitUntil(lambda: bool(win.session.spans), timeout=30000)
    qtbot.waitUntil(lambda: not win.background.runner.tasks, timeout=30000)
    assert win.model_label.text() == "model: blank:en"
    assert win.background.indicator.isHidden()
    assert win.doc_model.documents()[0].n_suggested == len(win.session.spans)
    win.close()
    assert not win.background.runner.tasks
    assert win.background.runner.active_threads() == 0, "closing the window waits for its workers"
    assert QThreadPool.globalInstance().activeThreadCount() == 0


def test_page_check_and_model_start_after_the_first_paint(qtbot, make_window, db_path: Path, monkeypatch) -> None:
    win, _store = sample_window(make_window, db_path, synchronous=False)
    events: list[str] = []
    win.view.painted.connect(lambda: events.append("painted"))
    monkeypatch.setattr(win.background, "verify", lambda: events.append("verify"))
    monkeypatch.setattr(win.background, "load_model", lambda: events.append("model"))
    win.start()
    assert events == [], "start() only opens the document; the workers wait for its paint"
    qtbot.waitUntil(lambda: "model" in events)
    assert events == ["painted", "verify", "model"]


def test_import_with_ctrl_o_reports_rejected_lines(qtbot, make_window, tmp_path: Path, db_path: Path,
                                                   monkeypatch) -> None:
    win, _store = sample_window(make_window, db_path, synchronous=True)
    win.start()
    good = tmp_path / "good.txt"
    good.write_text("A new article\n\nThe mayor said “no”.\n", encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"text": "Fine line."}\n{"text": \n', encoding="utf-8")
    QTimer.singleShot(0, lambda: choose(tmp_path, '"good.txt" "lines.jsonl"'))
    win.view.setFocus()
    qtbot.keyClick(win.view, "o", Qt.KeyboardModifier.ControlModifier)
    assert not win.errors.messages, win.errors.messages
    assert len(win.doc_model.documents()) == 3
    assert win.progress_label.text() == "0 / 3 done"
    report = win.files.last_report
    assert report is not None
    assert f"{lines}:2:" in report.text.toPlainText()


def choose(folder: Path, names: str, *, clean: bool = False) -> None:
    """Pick ``names`` (one, or several quoted) in the open import dialog, set its clean box and press Open."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ImportDialog), dialog
    dialog.setDirectory(str(folder))
    dialog.selectFile(names)
    dialog.clean.setChecked(clean)
    dialog.accept()


def test_import_dialog_takes_web_pages_and_cleans_scraped_text(qtbot, make_window, tmp_path: Path,
                                                                db_path: Path) -> None:
    win, store = sample_window(make_window, db_path, synchronous=True)
    win.start()
    page = tmp_path / "faircoin.htm"
    page.write_bytes((PAGES / "creativecommons.at.faircoin.html").read_bytes())
    scraped = tmp_path / "scraped.txt"
    scraped.write_text("Dam opens after ten years\n\nDam opens after ten years\n\nAdvertisement\n\n"
                       "The dam opened on Monday, officials said.\n\nShare this article\n", encoding="utf-8")
    filters = []

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog)
        assert isinstance(dialog.iconProvider(), NamesOnlyIconProvider)  # never reads the files it lists
        filters.extend(dialog.nameFilters())
        choose(tmp_path, '"faircoin.htm" "scraped.txt"', clean=True)

    QTimer.singleShot(0, pick)
    win.view.setFocus()
    qtbot.keyClick(win.view, "o", Qt.KeyboardModifier.ControlModifier)
    assert not win.errors.messages, win.errors.messages
    assert "*.html" in filters[0] and "*.htm" in filters[0].split() and "*.warc.gz" in filters[0]
    by_source = {d.source: d for d in (store.get_document(s.id) for s in store.list_documents())}
    assert by_source["scraped.txt"].text == "Dam opens after ten years\n\nThe dam opened on Monday, officials said."
    removed = [r["text"] for r in by_source["scraped.txt"].meta["clean"]["removed"]]
    assert removed == ["Dam opens after ten years", "Advertisement", "Share this article"]
    html_doc = by_source["faircoin.htm"]
    assert html_doc.title == "FairCoin hackathon beim Sommercamp"
    assert "Im Aktivitätsfeld Social Design" in html_doc.text and "<" not in html_doc.text
    assert len(win.doc_model.documents()) == 3


def test_import_folder_dialog_offers_clean_too(qtbot, make_window, tmp_path: Path, db_path: Path) -> None:
    win, store = sample_window(make_window, db_path, synchronous=True)
    win.start()
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "a.txt").write_text("Mayor opens the new bridge\n\nThe mayor opened the bridge on Monday, officials said."
                                  "\n\nLeave a Reply\n\nGreat bridge!\n", encoding="utf-8")
    seen: list[object] = []

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog)
        seen.append(dialog.fileMode())
        choose(tmp_path, "scraped", clean=True)

    QTimer.singleShot(0, pick)
    win.files.ask_import_folder()
    assert seen == [QFileDialog.FileMode.Directory]
    docs = [store.get_document(s.id) for s in store.list_documents()]
    [doc] = [d for d in docs if d.source == "a.txt"]
    assert doc.text == "Mayor opens the new bridge\n\nThe mayor opened the bridge on Monday, officials said."
    assert [r["rule"] for r in doc.meta["clean"]["removed"]] == ["comments", "comments"]


def test_export_with_ctrl_e(qtbot, make_window, tmp_path: Path, db_path: Path) -> None:
    win, store = sample_window(make_window, db_path, synchronous=True)
    store.add_document(Document(text="Another one.", title="another"))
    win.refresh_documents()
    win.start()
    output = tmp_path / "all.jsonl"

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.path.setText(str(output))
        dialog.include_all.setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, fill)
    win.view.setFocus()
    qtbot.keyClick(win.view, "e", Qt.KeyboardModifier.ControlModifier)
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert any(s.get("status") == "suggested" for s in records[0]["spans"])
