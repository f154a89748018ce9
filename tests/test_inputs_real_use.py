"""What a newsroom user meets with real inputs: damaged archives, odd saved pages, lists of URLs.

Each test here started as a problem found by using ``annotator import`` from the outside;
most run the real ``annotator`` program in a child process, as a user would.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from helpers.cli_process import annotator, no_traceback

from annotator.io.html import NoArticle, WarcPage, iter_warc, url_list_file_size


def _para(n: int, topic: str) -> str:
    return (f"<p>Paragraph {n} of the {topic} story: the council heard from residents, officials and experts"
            f" on the {topic} plan, and the vote is now set for the spring, a spokesperson said.</p>")


def _page(topic: str, paragraphs: int = 12) -> bytes:
    body = "".join(_para(i, topic) for i in range(paragraphs))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>The {topic} plan</title></head>"
            f"<body><article><h1>The {topic} plan</h1>{body}</article></body></html>").encode()


def _warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> list[int]:
    """Write ``(url, status, content type, body)`` responses; the offset where each record starts."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    starts = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, status, ctype, body in records:
            starts.append(fh.tell())
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return starts


def _texts(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        return dict(con.execute("SELECT source, text FROM documents").fetchall())


THREE = [(f"https://news.example/{t}", "200 OK", "text/html; charset=utf-8", _page(t)) for t in
         ("bridge", "tram", "harbour")]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_cut_off_in_a_record_reports_where_and_keeps_the_whole_records(tmp_path: Path, name: str) -> None:
    full = tmp_path / ("full-" + name)
    starts = _warc(full, THREE)
    data = full.read_bytes()
    cut = tmp_path / name
    for end, inside in ((starts[1] + (starts[2] - starts[1]) // 2, "its body"), (starts[1] + 60, "its header")):
        cut.write_bytes(data[:end])  # a download that stopped in the second record
        db = tmp_path / f"{end}.db"
        result = annotator("--db", db, "import", cut)
        no_traceback(result)
        assert result.returncode == 1, (inside, result.stderr)
        [line] = result.stderr.splitlines()
        assert line.startswith(f"{cut}: record 2"), (inside, line)
        assert "cut off" in line, (inside, line)
        assert set(_texts(db)) == {"https://news.example/bridge"}, inside  # never half an article


def test_no_cut_of_a_warc_file_raises_or_gives_a_page_that_was_cut(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    full = tmp_path / "full.warc"
    with open(full, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        writer.write_record(writer.create_warcinfo_record("full.warc", {"software": "test"}))
        request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/a", "request", http_headers=request))
        for url, status, ctype, body in THREE[:2]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body[:700]),
                                                          http_headers=headers))
    data = full.read_bytes()
    whole = [item.html for item in iter_warc(full, max_bytes=10**6) if isinstance(item, WarcPage)]
    assert len(whole) == 2
    cut = tmp_path / "cut.warc"
    for end in range(1, len(data), 3):
        cut.write_bytes(data[:end])
        try:
            items = list(iter_warc(cut, max_bytes=10**6))
        except NoArticle:
            continue
        pages = [item.html for item in items if isinstance(item, WarcPage)]
        assert all(page in whole for page in pages), end
        complete = not data[end:].strip() or any(data.startswith(b"WARC/1.", s) and not data[end:s].strip()
                                                 for s in range(end, len(data)))
        if not complete:  # the cut is inside a record: it is said
            assert any(isinstance(item, tuple) and "cut off" in item[2] for item in items), (end, items)


def test_a_redirect_stored_in_a_warc_is_passed_over_not_reported(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [
        ("http://news.example/bridge", "301 Moved Permanently", "text/html", b"<html><body>Moved</body></html>"),
        *THREE[:1],
        ("https://news.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
    ])
    result = annotator("--db", tmp_path / "a.db", "import", archive)
    no_traceback(result)
    assert result.stderr.splitlines() == [f"{archive}: record 3 (https://news.example/gone): HTTP status 404,"
                                          " not a page"]


# ---------------------------------------------------------------- import --urls against a local server


class _Newsroom(BaseHTTPRequestHandler):
    """A news site on 127.0.0.1 with the faults a list of URLs meets."""

    requests: ClassVar[list[str]] = []
    trickle_robots = False

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str | None = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, body: bytes) -> None:
        """A byte every 0.2 s until the body is sent or the client hangs up."""
        for byte in body:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path == "/robots.txt" and _Newsroom.trickle_robots:  # a byte every 0.2 s, for minutes
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self._trickle(b"User-agent: *\nDisallow: /private/\n" + b"# " * 1000)
        elif self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path.startswith("/news/"):
            self._send(200, _page(self.path.rsplit("/", 1)[-1]))
        elif self.path.startswith("/old/"):  # an address that moved
            self.send_response(301)
            self.send_header("Location", "/news/" + self.path.rsplit("/", 1)[-1])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/drip":  # the headers at once, then a byte every 0.2 s: ten minutes for the page
            page = _page("drip")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self._trickle(page)
        elif self.path == "/busy":
            self.send_response(503)
            self.send_header("Retry-After", "60")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/no-type":
            self._send(200, _page("untyped"), None)
        else:
            self._send(404, b"not here")


@pytest.fixture
def newsroom(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # the child process reaches the loopback directly
    _Newsroom.requests = []
    _Newsroom.trickle_robots = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Newsroom)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # type: ignore[method-assign]  # a client that gave up
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_page_that_trickles_in_is_given_up_after_the_timeout(newsroom: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{newsroom}/drip\n{newsroom}/news/tram\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", "--urls", urls, "--timeout", "1", "--retries", "0", "--delay", "0",
                       timeout=60)  # before: the whole page, ten minutes; --timeout only bounded each read
    no_traceback(result)
    assert result.stderr.splitlines() == [f"{urls}:1: {newsroom}/drip: timed out (gave up after 1 try)"]
    assert set(_texts(db)) == {f"{newsroom}/news/tram"}


def test_a_url_listed_twice_is_fetched_once(newsroom: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# morning list\n\n{newsroom}/news/tram\n  {newsroom}/news/bridge  \n{newsroom}/news/tram\n"
                    f"{newsroom}/news/tram#comments\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", "--urls", urls, "--delay", "0", timeout=60)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "imported 4 pages: 2 added, 2 duplicates skipped, 0 rejected"
    assert sorted(_Newsroom.requests) == ["/news/bridge", "/news/tram", "/robots.txt"]  # once each
    assert set(_texts(db)) == {f"{newsroom}/news/tram", f"{newsroom}/news/bridge"}


def test_a_page_served_without_a_content_type_is_read_as_a_page(newsroom: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{newsroom}/no-type\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", "--urls", urls, "--delay", "0", timeout=60)
    no_traceback(result)  # before: "not an HTML page (Content-Type: text/plain)", a type the server never sent
    assert result.returncode == 0, result.stderr
    assert "The untyped plan" in _texts(db)[f"{newsroom}/no-type"]


# ---------------------------------------------------------------- import --clean on what newsrooms scrape

TRAPS = """Labour wins landslide in general election

Labour won 412 of the 650 seats in Thursday's general election, ending 14 years of Tory government, results showed.

The results:

Labour: 412 seats
Conservatives: 121 seats
Liberal Democrats: 72 seats
SNP: 9 seats
Sinn Féin: 7 seats
Independents: 6 seats
Reform UK: 5 seats
Greens: 4 seats
Plaid Cymru: 4 seats

Regulators said you can now reject cookies with one click, and sites that store tracking cookies face fines.

"We use cookies only to keep you logged in," said the privacy chief of the party's website.

Credit Suisse shares fell 24 percent on the news.

More from the count: turnout was 59.7 percent, the lowest since 2001.

"Share this with your family," the party leader told supporters as the results came in.

Advertisement

Share this article

We use cookies to improve your experience. By continuing you agree to our cookie policy.

Accept all

Credit: Jane Doe/AP

Most read

Tory leader resigns

Markets calm
"""
KEPT = [line for line in TRAPS.split("\nAdvertisement\n")[0].split("\n") if line]
GONE = ["Advertisement", "Share this article",
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.", "Accept all",
        "Credit: Jane Doe/AP", "Most read", "Tory leader resigns", "Markets calm"]


def test_clean_keeps_article_lines_that_look_like_boilerplate_and_removes_the_boilerplate(tmp_path: Path) -> None:
    article = tmp_path / "election.txt"
    article.write_text(TRAPS, encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", "--clean", article)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    text = _texts(db)["election.txt"]
    lines = [line for line in text.split("\n") if line]
    assert [line for line in KEPT if line not in lines] == []  # results table, cookie law, a bank, a quote
    assert lines == KEPT
    with sqlite3.connect(db) as con:
        [meta] = con.execute("SELECT meta FROM documents").fetchone()
    assert [r["text"] for r in json.loads(meta)["clean"]["removed"]] == GONE


# ---------------------------------------------------------------- saved pages as they come


def test_gzipped_pages_are_read_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    import gzip

    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "tram.html.gz").write_bytes(gzip.compress(_page("tram")))
    (folder / "bridge.htm.gz").write_bytes(gzip.compress(_page("bridge"))[:-200])  # a download that stopped
    (folder / "harbour.html.gz").write_bytes(_page("harbour"))  # named .gz, but plain HTML
    (folder / "backup.tar.gz").write_bytes(gzip.compress(b"not a page"))
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", folder)
    no_traceback(result)
    assert result.stderr.splitlines() == [
        f"{folder / 'bridge.htm.gz'}: the gzip file is cut off",
        f"{folder / 'harbour.html.gz'}: not a gzip file",
    ]
    assert result.stdout.strip() == "imported 3 files: 1 added, 0 duplicates skipped, 2 rejected (1 other file ignored)"
    assert "The tram plan" in _texts(db)["tram.html.gz"]


# ---------------------------------------------------------------- a list of URLs: in the app, and by mistake


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_list_of_urls_chosen_in_the_import_dialog_is_fetched(  # type: ignore[no-untyped-def]
    qtbot, make_window, newsroom: str, tmp_path: Path, db_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from annotator.io.sample import ensure_sample
    from annotator.store import Store
    from annotator.ui.file_dialogs import ImportDialog

    store = Store.open(db_path)
    ensure_sample(store)
    win = make_window(store, synchronous=True, start=False)
    win.start()
    urls = tmp_path / "desk-list.txt"
    urls.write_text(f"# the desk's list\n{newsroom}/news/tram\n\n{newsroom}/missing\n", encoding="utf-8")
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        asked.append(box.text() + "\n" + box.informativeText())
        [fetch] = [b for b in box.buttons() if b.text() == "Fetch pages"]
        fetch.click()

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog), dialog
        dialog.setDirectory(str(tmp_path))
        dialog.selectFile(urls.name)
        QTimer.singleShot(0, answer)
        dialog.accept()

    QTimer.singleShot(0, pick)
    win.files.ask_import()
    assert asked and "2 web addresses" in asked[0], asked  # before: the list itself became an "article"
    qtbot.waitUntil(lambda: win.files.last_report is not None, timeout=30000)
    sources = {store.get_document(s.id).source for s in store.list_documents()}
    assert f"{newsroom}/news/tram" in sources and urls.name not in sources
    report = win.files.last_report
    assert report is not None
    assert report.text.toPlainText() == f"{urls}:4: {newsroom}/missing: HTTP 404 Not Found"
    assert not win.errors.messages, win.errors.messages


def test_a_list_of_urls_given_to_import_as_a_text_is_refused_with_the_way(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("https://news.example/a\nhttps://news.example/b\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", urls)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{urls}: a list of web addresses, not an article: fetch the pages"
                                          f" with: annotator import --urls {urls} (in the app: File > Import,"
                                          " this file alone)"]
    assert _texts(db) == {}


LAYOUT_TABLE = """<html><head><title>Council cuts bus routes</title></head><body><table>
<tr><td><a href="/">Home</a></td><td><a href="/news">News</a></td></tr>
<tr><td colspan="2"><h1>Council cuts bus routes</h1>
<p>The council will cut six bus routes from May, it said on Monday, saving $1.2 million a year.</p>
<p>“People will be stranded,” said Joan Park of the riders' union, which plans a protest on Friday.</p>
<p>The routes carried 4,000 passengers a day last year, according to council figures.</p></td></tr>
</table></body></html>"""
DATA_TABLE = """<html><head><title>Labour wins</title></head><body><article><h1>Labour wins</h1>
<p>Labour won 412 of the 650 seats in Thursday's general election, official results showed on Friday.</p>
<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour</td><td>412</td></tr>
<tr><td>Conservative</td><td>121</td></tr></table>
<p>Turnout was 59.7 percent, the lowest since 2001, the Electoral Commission said on Friday.</p>
</article></body></html>"""


def test_tables_come_out_as_paragraphs_and_rows_without_markdown(tmp_path: Path) -> None:
    (tmp_path / "layout.html").write_text(LAYOUT_TABLE, encoding="utf-8")  # an older site laid out in a table
    (tmp_path / "results.html").write_text(DATA_TABLE, encoding="utf-8")  # a table of figures in an article
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", tmp_path / "layout.html", tmp_path / "results.html")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    texts = _texts(db)
    layout = texts["layout.html"].split("\n\n")  # before: one paragraph "| Council cuts ... council figures. |"
    assert layout[-4:] == [
        "Council cuts bus routes",
        "The council will cut six bus routes from May, it said on Monday, saving $1.2 million a year.",
        "“People will be stranded,” said Joan Park of the riders' union, which plans a protest on Friday.",
        "The routes carried 4,000 passengers a day last year, according to council figures.",
    ]
    assert texts["results.html"].split("\n\n") == [  # before: "| Party | Seats |", "|---|---|", ...
        "Labour wins",
        "Labour won 412 of the 650 seats in Thursday's general election, official results showed on Friday.",
        "Party | Seats", "Labour | 412", "Conservative | 121",
        "Turnout was 59.7 percent, the lowest since 2001, the Electoral Commission said on Friday.",
    ]


NOT_ARTICLES = {  # what a saved page or a fetched URL holds when the site did not give the article
    "app.html": ("<html><head><title>Daily</title></head><body><noscript>You need to enable JavaScript to run this"
                 " app.</noscript><div id='root'></div></body></html>", "a page its scripts fill in"),
    "check.html": ("<html><head><title>Just a moment...</title></head><body><h1>Checking your browser before"
                   " accessing news.example.</h1><p>This process is automatic. Your browser will redirect to your"
                   " requested content shortly.</p><p>Please allow up to 5 seconds…</p></body></html>",
                   "a bot check"),
    "robot.html": ("<html><head><title>Are you a robot?</title></head><body><p>Please verify you are a human</p>"
                   "<p>Access to this page has been denied because we believe you are using automation tools to"
                   " browse the website.</p></body></html>", "a bot check"),
    "denied.html": ("<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>You don't have"
                    " permission to access this page on this server.</p><p>Reference #18.2f3e1002</p></body></html>",
                    "an error page"),
    "ad.html": ("<html><body><div>Advertisement</div><a href='https://ads.example/'>Sponsored</a></body></html>",
                "an ad or a frame of buttons and links"),
    "gone.html": ("<html><head><title>Not found</title></head><body><h1>Page not found</h1><p>Sorry, the page you"
                  " are looking for does not exist or has been moved.</p></body></html>", "an error page"),
}


def test_pages_that_are_no_article_are_reported_with_what_they_look_like(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name, (html, _) in NOT_ARTICLES.items():
        (folder / name).write_text(html, encoding="utf-8")
    (folder / "tram.html").write_bytes(_page("tram"))
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", folder)
    no_traceback(result)
    said = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in result.stderr.splitlines()}
    for name, (_, looks) in NOT_ARTICLES.items():  # before: each was imported as an "article"
        reason = said.get(str(folder / name), "")
        assert reason.startswith("no article text, only boilerplate (") and reason.endswith(f": {looks}?"), name
    assert set(_texts(db)) == {"tram.html"}


def test_a_robots_txt_that_trickles_in_is_given_up_after_the_timeout(newsroom: str, tmp_path: Path) -> None:
    _Newsroom.trickle_robots = True
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{newsroom}/news/tram\n", encoding="utf-8")
    result = annotator("--db", tmp_path / "a.db", "import", "--urls", urls, "--timeout", "1", "--retries", "0",
                       "--delay", "0", timeout=60)  # before: ten minutes for robots.txt
    no_traceback(result)
    assert result.stderr.splitlines() == [f"{urls}:1: {newsroom}/news/tram: robots.txt of {newsroom} could not be"
                                          " read (timed out); not fetching from it"]


TOOLBAR = """Ministers agree deal on fishing quotas after all-night talks

Ministers from ten countries agreed new fishing quotas early on Wednesday after talks that ran through the night.

Share

Comments (123)

The deal cuts the cod quota by 12 percent, the commission said, and keeps herring at last year's level.

"Nobody got all they wanted," the Danish minister told reporters as she left the building at dawn.

Fishing groups said the cuts would cost 2,000 jobs along the coast, and called for compensation.

The quotas take effect on 1 January and will be reviewed in the summer.

Comments

Reader123: This is a disgrace. 3 hours ago

Reply

FishFan: About time. 2 hours ago
"""


def test_clean_takes_a_comments_button_alone_and_the_comment_box_at_the_end(tmp_path: Path) -> None:
    article = tmp_path / "quotas.txt"
    article.write_text(TOOLBAR, encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", "--clean", article)
    no_traceback(result)
    text = _texts(db)["quotas.txt"]  # before: everything after the toolbar's "Comments (123)" was taken
    assert text == TOOLBAR.split("\nShare\n")[0].strip() + "\n\n" + TOOLBAR.split("Comments (123)\n")[1].split(
        "\nComments\n")[0].strip()
    with sqlite3.connect(db) as con:
        [meta] = con.execute("SELECT meta FROM documents").fetchone()
    removed = [(r["text"], r["rule"]) for r in json.loads(meta)["clean"]["removed"]]
    assert removed[:3] == [("Share", "share"), ("Comments (123)", "share"), ("Comments", "comments")]
    assert [rule for _, rule in removed[3:]] == ["comments"] * 3


PAYWALLED = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Inside the deal that saved the mill</title>
</head><body><article><h1>Inside the deal that saved the mill</h1>
<p>For three weeks in January, a handful of executives met in a hotel outside Pittsburgh to decide the fate of
4,000 jobs.</p>
<div class="paywall"><h2>Subscribe to continue reading</h2>
<p>This article is only available to subscribers. Get unlimited access for $1 a week.</p></div>
</article></body></html>"""


def test_a_page_that_stops_at_a_paywall_is_imported_with_a_warning_and_marked(tmp_path: Path) -> None:
    page = tmp_path / "mill.html"
    page.write_text(PAYWALLED, encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", page)
    no_traceback(result)
    assert result.returncode == 0, result.stderr  # imported: the part before the paywall may be worth having
    assert result.stderr.splitlines() == [  # before: nothing said, a teaser stored as the article
        f"{page}: warning: the page stops at a paywall (\"Subscribe to continue reading\"): only what it shows"
        " before it is imported"
    ]
    with sqlite3.connect(db) as con:
        [meta] = con.execute("SELECT meta FROM documents").fetchone()
    assert json.loads(meta)["paywall"] == "Subscribe to continue reading"


def test_urls_as_people_paste_them(newsroom: str, tmp_path: Path) -> None:
    port = newsroom.rsplit(":", 1)[1]
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([
        f"{newsroom}/news/straße",  # a path as the browser shows it, not percent-encoded
        f"{newsroom}/news/caf%C3%A9",
        f"{newsroom}/news/search?q=müller&page=2",
        "http://[::1:8080/x",  # a broken IPv6 address
        "http://127.0.0.1:99999/x",  # a port out of range
        f"http://127.0.0.1:{port}:80/x",
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", "--urls", urls, "--delay", "0", "--timeout", "3", "--retries", "0",
                       timeout=60)
    no_traceback(result)  # before: ValueError: Invalid IPv6 URL; UnicodeEncodeError for the paths
    assert result.stderr.splitlines() == [
        f"{urls}:4: not an http(s) URL: http://[::1:8080/x",
        f"{urls}:5: not an http(s) URL: http://127.0.0.1:99999/x",
        f"{urls}:6: not an http(s) URL: http://127.0.0.1:{port}:80/x",
    ]
    assert "/news/stra%C3%9Fe" in _Newsroom.requests and "/news/search?q=m%C3%BCller&page=2" in _Newsroom.requests
    assert len(_texts(db)) == 3


def _raw_server(answer: bytes) -> str:
    """A server on 127.0.0.1 that answers every connection with ``answer`` and hangs up."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.parametrize(("answer", "reason"), [
    (b"SSH-2.0-OpenSSH_9.6\r\n", "not an HTTP server"),  # another service on the port
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9000\r\n\r\n<html><body><p>Cut",
     "the connection closed before the whole page came"),
])
def test_a_server_that_does_not_speak_http_or_hangs_up_is_reported(
    answer: bytes, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    site = _raw_server(answer)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site}/news/a\n", encoding="utf-8")
    result = annotator("--db", tmp_path / "a.db", "import", "--urls", urls, "--delay", "0", "--timeout", "3",
                       "--retries", "0", timeout=60)
    no_traceback(result)  # before: BadStatusLine as a traceback; the cut page stored as an article "Cut"
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{urls}:1: {site}/news/a: ") and reason in line, line
    assert _texts(tmp_path / "a.db") == {}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_named_pipes_called_pages_do_not_hang_the_import(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("pipe.html", "pipe.htm.gz", "pipe.warc", "pipe.warc.gz"):
        os.mkfifo(folder / name)  # nobody writes to them: a plain open() waits forever
    (folder / "tram.html").write_bytes(_page("tram"))
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", folder, timeout=60)
    no_traceback(result)
    assert sorted(result.stderr.splitlines()) == sorted(
        f"{folder / name}: skipped: a named pipe (FIFO), not a regular file"
        for name in ("pipe.html", "pipe.htm.gz", "pipe.warc", "pipe.warc.gz")
    )
    assert set(_texts(db)) == {"tram.html"}
    asked: list[int] = []
    os.mkfifo(tmp_path / "urls.txt")  # what the app's Import looks into before it imports
    looker = threading.Thread(target=lambda: asked.append(url_list_file_size(tmp_path / "urls.txt")), daemon=True)
    looker.start()
    looker.join(10)
    assert asked == [0]


def test_a_big_warc_shows_progress_and_cancel_stops_inside_it(tmp_path: Path) -> None:
    """What the app's progress bar and Cancel button get (they call import_paths as here)."""
    from annotator.io.importer import import_paths
    from annotator.store import Store

    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [(f"https://news.example/{i}", "200 OK", "text/html", _page(f"topic{i}", 4)) for i in range(40)])
    seen: list[tuple[int, int]] = []
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 15

    with Store.open(tmp_path / "a.db") as store:
        report = import_paths(store, [archive], progress=lambda done, total: seen.append((done, total)),
                              cancel=cancel)
        stored = len(store.list_documents())
    assert report.cancelled  # before: Cancel waited for the whole archive
    assert 0 < stored == report.added < 40
    assert any(0 < done < total for done, total in seen), seen  # before: 0% until the archive was done


def test_cancel_stops_a_url_import_that_waits_out_a_retry_after(newsroom: str, tmp_path: Path) -> None:
    """The app's Cancel (import_urls as the app calls it): a site asking for a minute's pause must not hold it."""
    from annotator.io.web import import_urls
    from annotator.store import Store

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{newsroom}/busy\n{newsroom}/news/tram\n", encoding="utf-8")
    started = time.monotonic()
    with Store.open(tmp_path / "a.db") as store:
        report = import_urls(store, urls, cancel=lambda: time.monotonic() - started > 2)
    assert report.cancelled
    assert time.monotonic() - started < 15  # before: a minute for each of the three tries
    assert _Newsroom.requests == ["/robots.txt", "/busy"]


TRANSCRIPT = """Witness tells court she cannot remember the night of the fire

The trial of the former mayor heard from the key witness on Tuesday. Part of her cross-examination follows.

Q: Were you at the warehouse on the night of March 3?

A: I don't remember that.

Q: Did you speak to the mayor that evening?

A: I don't remember that.

Q: Not at all?

A: I don't remember that.

The trial continues on Wednesday.
"""


def test_clean_keeps_a_repeated_short_sentence_of_a_transcript(tmp_path: Path) -> None:
    article = tmp_path / "trial.txt"
    article.write_text(TRANSCRIPT, encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", "--clean", article)
    no_traceback(result)
    assert _texts(db)["trial.txt"] == TRANSCRIPT.strip()  # before: the second and third answers were taken


def test_a_page_saved_complete_imports_the_page_not_its_files_folder(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    resources = folder / "The tram plan_files"  # a browser's "Save Page As... Web Page, complete"
    resources.mkdir(parents=True)
    (folder / "The tram plan.html").write_bytes(_page("tram"))
    (resources / "saved_resource.html").write_text(
        "<html><body><div>Advertisement</div><a href='https://ads.example/'><img src='ad.png'></a></body></html>",
        encoding="utf-8")
    (resources / "widget.html").write_text(
        "<html><body><h3>Most read</h3><ul>" + "".join(
            f"<li><a href='/{i}'>Headline {i} of another story on the site, which readers liked a lot</a></li>"
            for i in range(4)) + "</ul></body></html>", encoding="utf-8")
    (resources / "app.js").write_text("var x = 1;", encoding="utf-8")
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", folder)
    no_traceback(result)
    assert result.returncode == 0, result.stderr  # before: the ad frame rejected, the widget an "article"
    assert set(_texts(db)) == {"The tram plan.html"}


def test_warc_records_in_each_content_encoding(tmp_path: Path) -> None:
    import gzip
    import zlib

    import brotli

    archive = tmp_path / "crawl.warc.gz"  # browser-based crawlers keep the body as the server sent it
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(archive, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, encoding, body in [
            ("https://news.example/br", "br", brotli.compress(_page("brotli"))),
            ("https://news.example/gzip", "gzip", gzip.compress(_page("gzip"))),
            ("https://news.example/deflate", "deflate", zlib.compress(_page("deflate"))),
            ("https://news.example/zstd", "zstd", b"\x28\xb5\x2f\xfd" + b"\x00" * 40),
            ("https://news.example/bad-br", "br", b"\x1b\x10\x00\xf8\xa5\x00\x00 not brotli at all"),
            ("https://news.example/plain", "", _page("plain")),
        ]:
            fields = [("Content-Type", "text/html")] + ([("Content-Encoding", encoding)] if encoding else [])
            headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    db = tmp_path / "a.db"
    result = annotator("--db", db, "import", archive)
    no_traceback(result)
    assert result.stderr.splitlines() == [  # before: "not an HTML page", or with brotli installed the file's end
        f"{archive}: record 4 (https://news.example/zstd): compressed as zstd, which cannot be read",
        f"{archive}: record 5 (https://news.example/bad-br): its br compression is damaged",
    ]
    assert set(_texts(db)) == {f"https://news.example/{name}" for name in ("br", "gzip", "deflate", "plain")}


def test_a_page_given_as_the_url_list_is_one_message_not_one_a_line(tmp_path: Path) -> None:
    page = tmp_path / "tram.html"
    page.write_bytes(_page("tram").replace(b"<p>", b"\n<p>"))  # a saved page: many lines, none a URL
    result = annotator("--db", tmp_path / "a.db", "import", "--urls", page)
    no_traceback(result)
    assert result.returncode == 1
    first = page.read_text(encoding="utf-8").split("\n")[0]
    assert len(first) > 100
    assert result.stderr.splitlines() == [  # before: "not an http(s) URL" for each of its lines
        f"{page}: not a list of URLs: no line is an http(s) URL (line 1: {first[:100]}…)"
    ]
