"""import --urls: polite fetching, tested against an HTTP server on 127.0.0.1 in a thread (no other address)."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.io.web import USER_AGENT, Fetcher, FetchError, FetchSettings, import_urls
from annotator.store import Store
from tests.test_inputs_pages import ARTICLE, COOKIE_WALL, FAIRCOIN

QUICK = FetchSettings(timeout=0.5, retries=1, delay=1.0, backoff=0.5)


class FakeTime:
    """The fetcher's clock and sleep: waiting only moves this clock, so the spacing it keeps is exact."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Site:
    """What the test server serves, and every request it got (path, user agent, time)."""

    def __init__(self, robots: tuple[int, str] = (200, "User-agent: *\nDisallow: /private/\n")) -> None:
        self.robots = robots
        self.requests: list[tuple[str, str, float]] = []  # path, User-Agent, the fetcher's clock when it came
        self.flaky_left = 1
        self.time = FakeTime()

    def fetcher(self, settings: FetchSettings = QUICK) -> Fetcher:
        return Fetcher(settings, sleep=self.time.sleep, clock=self.time.clock)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", ""), site.time.now))
            if self.path == "/robots.txt":
                status, text = site.robots
                self.send(status, text.encode(), "text/plain")
            elif self.path == "/news/floods.html":
                self.send(200, ARTICLE.encode("utf-8"))
            elif self.path == "/faircoin":
                self.send(200, FAIRCOIN.read_bytes())
            elif self.path == "/moved":
                self.send(301, b"", Location="/faircoin")
            elif self.path == "/flaky":
                if site.flaky_left:
                    site.flaky_left -= 1
                    self.send(503, b"busy", Retry_After="0")
                else:
                    self.send(200, ARTICLE.replace("Floods", "Storms").encode("utf-8"))
            elif self.path == "/always-busy":
                self.send(503, b"busy")
            elif self.path == "/slow":
                time.sleep(1.0)
                self.send(200, ARTICLE.encode("utf-8"))
            elif self.path == "/consent":
                self.send(200, COOKIE_WALL.encode("utf-8"))
            elif self.path == "/data.json":
                self.send(200, b'{"a": 1}', "application/json")
            elif self.path.startswith("/private/"):
                self.send(200, ARTICLE.encode("utf-8"))
            else:
                self.send(404, b"not here")

    return Handler


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loopback server is reached directly, whatever proxy the environment names."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def serve() -> Iterator:  # type: ignore[type-arg]
    servers: list[ThreadingHTTPServer] = []

    def start(site: Site) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
        server.daemon_threads = True
        server.handle_error = lambda request, address: None  # type: ignore[method-assign]  # a client that gave up
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_urls_are_fetched_politely_and_failures_reported_per_url(serve, tmp_path: Path, store: Store) -> None:  # type: ignore[no-untyped-def]
    site = Site()
    base = serve(site)
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# pages to annotate\n{base}/news/floods.html\n\n{base}/flaky\n{base}/private/secret.html\n"
        f"{base}/missing.html\n{base}/data.json\n{base}/consent\n{base}/always-busy\n{base}/slow\n"
        f"ftp://example.org/file\n{base}/moved\n",
        encoding="utf-8",
    )
    report = import_urls(store, urls, fetcher=site.fetcher())
    assert report.added == 3  # floods, flaky (after one retry), moved (to the faircoin page)
    reasons = {r.line: r.reason for r in report.rejected}
    assert all(r.file == str(urls) for r in report.rejected)
    assert reasons[5] == f"{base}/private/secret.html: robots.txt of {base} does not allow fetching it"
    assert reasons[6] == f"{base}/missing.html: HTTP 404 Not Found"
    assert reasons[7] == f"{base}/data.json: not an HTML page (Content-Type: application/json)"
    assert reasons[8].startswith(f"{base}/consent: no article text, only boilerplate (cookie")
    assert reasons[9] == f"{base}/always-busy: HTTP 503 Service Unavailable (gave up after 2 tries)"
    assert reasons[10] == f"{base}/slow: timed out (gave up after 2 tries)"
    assert reasons[11] == "not an http(s) URL: ftp://example.org/file"
    assert len(reasons) == 7

    paths = [path for path, _, _ in site.requests]
    assert paths.count("/robots.txt") == 1  # read once per site
    assert "/private/secret.html" not in paths  # never asked for what robots.txt forbids
    assert paths.count("/flaky") == 2 and paths.count("/always-busy") == 2 and paths.count("/missing.html") == 1
    assert {agent for _, agent, _ in site.requests} == {USER_AGENT}
    times = [t for _, _, t in site.requests]
    assert min(b - a for a, b in itertools.pairwise(times)) >= QUICK.delay  # one at a time, a second apart
    assert 0.0 in site.time.slept  # the 503 of /flaky said Retry-After: 0
    assert QUICK.backoff in site.time.slept  # /always-busy said nothing: the usual backoff

    docs = {d.source: d for d in (store.get_document(s.id) for s in store.list_documents())}
    assert docs[f"{base}/news/floods.html"].title == "Floods close the coast road"
    assert docs[f"{base}/faircoin"].meta["url"] == f"{base}/faircoin"  # where the redirect ended
    assert "<" not in "".join(d.text for d in docs.values())


def test_crawl_delay_of_robots_txt_is_obeyed(serve, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = Site(robots=(200, "User-agent: *\nCrawl-delay: 3\n"))
    base = serve(site)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{base}/news/floods.html\n{base}/faircoin\n", encoding="utf-8")
    import_urls(store, urls, fetcher=site.fetcher())
    pages = [t for path, _, t in site.requests if path != "/robots.txt"]
    assert len(pages) == 2 and pages[1] - pages[0] == 3.0


@pytest.mark.parametrize(("robots", "allowed"), [((404, "no"), True), ((403, "no"), False), ((500, "oops"), False)])
def test_robots_txt_missing_forbidden_or_broken(serve, robots: tuple[int, str], allowed: bool) -> None:  # type: ignore[no-untyped-def]
    site = Site(robots=robots)
    base = serve(site)
    fetcher = site.fetcher()
    if allowed:
        final, body = fetcher.fetch(f"{base}/news/floods.html")
        assert final == f"{base}/news/floods.html" and b"coast road" in body
    else:
        with pytest.raises(FetchError, match=r"robots\.txt"):
            fetcher.fetch(f"{base}/news/floods.html")


def test_an_unreachable_site_is_reported_not_raised(tmp_path: Path, store: Store) -> None:
    import socket

    with socket.socket() as sock:  # a port on the loopback that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    urls = tmp_path / "urls.txt"
    urls.write_text(f"http://127.0.0.1:{port}/page\n", encoding="utf-8")
    report = import_urls(store, urls, fetcher=Fetcher(QUICK, sleep=FakeTime().sleep))
    [rejection] = report.rejected
    assert rejection.line == 1 and "robots.txt of" in rejection.reason and "could not be read" in rejection.reason


def test_cli_import_urls(serve, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    site = Site()
    base = serve(site)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{base}/news/floods.html\n{base}/missing.html\n", encoding="utf-8")
    db = tmp_path / "a.db"
    code = main(["--db", str(db), "import", "--urls", str(urls), "--delay", "0", "--timeout", "2", "--retries", "0",
                 "--user-agent", "test-agent/1", "--clean"])
    assert code == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"{urls}:2: {base}/missing.html: HTTP 404 Not Found"]
    assert out.strip() == "imported 2 pages: 1 added, 0 duplicates skipped, 1 rejected"
    assert {agent for _, agent, _ in site.requests} == {"test-agent/1"}
    with Store.open(db) as store:
        [summary] = store.list_documents()
        assert "clean" in store.get_document(summary.id).meta


def test_cli_import_needs_paths_or_urls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "a.db"), "import"]) == 2
    assert "import needs files or folders, or --urls FILE" in capsys.readouterr().err
