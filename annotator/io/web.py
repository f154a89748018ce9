"""Fetch pages from a list of URLs, politely, and import their articles (``import --urls FILE``).

Polite means: a user agent that says what is asking, robots.txt obeyed (its
Crawl-delay too), at most one request per ``delay`` seconds to a host, a
timeout on every request, a few retries with growing pauses for answers that
say "later" (429, 5xx, a timeout; Retry-After honoured up to a minute) and
none for those that will not change (404, 403, ...). Each URL that cannot be
imported is reported with its line in the list and why.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

from annotator import __version__
from annotator.core.text import MAX_CHARS_DEFAULT
from annotator.io import html as web_page
from annotator.io.importer import Cancel, ImportReport, Progress, Rejection, _add_page, _Batch, _html_limit
from annotator.io.reading import FileRefused, iter_lines
from annotator.store import Store

USER_AGENT = f"news-annotator/{__version__} (article import for annotation; one request at a time)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_MAX_WAIT = 60.0
_MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that gave no page; the message says why."""


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds for each request
    retries: int = 2  # further tries after a failure that may pass
    delay: float = 1.0  # seconds between two requests to one host (robots.txt's Crawl-delay if longer)
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_bytes: int = 20_000_000


class Fetcher:
    """Fetches pages one at a time, obeying robots.txt and a delay per host."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.sleep = sleep
        self.clock = clock
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._last: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirects())
        self._opener.addheaders = [
            ("User-Agent", self.settings.user_agent),
            ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"),
        ]

    def fetch(self, url: str) -> tuple[str, bytes]:
        """The final URL (after redirects) and body of an HTML page; FetchError says why not.

        Redirects are followed here, not by urllib, so that each new URL waits its turn
        and is checked against its site's robots.txt like the first.
        """
        for _ in range(_MAX_REDIRECTS + 1):
            result = self._fetch_one(url)
            if isinstance(result, tuple):
                return result
            url = result
        raise FetchError(f"more than {_MAX_REDIRECTS} redirects")

    def _fetch_one(self, url: str) -> tuple[str, bytes] | str:
        """The page, or the URL it redirects to."""
        wire = _as_uri(url)
        if wire is None:
            raise FetchError("not an http(s) URL")
        url = wire
        self._check_robots(url)
        attempt = 0
        while True:
            try:
                return self._get(url)
            except _Later as later:
                if attempt >= self.settings.retries:
                    tries = f"{attempt + 1} tries" if attempt else "1 try"
                    raise FetchError(f"{later.reason} (gave up after {tries})") from None
                wait = later.wait if later.wait is not None else self.settings.backoff * 2**attempt
                self.sleep(min(wait, _MAX_WAIT))
                attempt += 1

    # ------------------------------------------------------------ internals

    def _host(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc.lower()}"

    def _wait_turn(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - self.clock()
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.clock()

    def _delay(self, host: str) -> float:
        robots = self._robots.get(host)
        crawl_delay = None
        if isinstance(robots, urllib.robotparser.RobotFileParser):
            value = robots.crawl_delay(self.settings.user_agent)
            crawl_delay = float(value) if value is not None else None
        return min(max(self.settings.delay, crawl_delay or 0.0), _MAX_WAIT)

    def _check_robots(self, url: str) -> None:
        host = self._host(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        robots = self._robots[host]
        if isinstance(robots, str):
            raise FetchError(robots)
        if not robots.can_fetch(self.settings.user_agent, url):
            raise FetchError(f"robots.txt of {host} does not allow fetching it")

    def _read_robots(self, host: str) -> urllib.robotparser.RobotFileParser | str:
        """The host's robots.txt; a string when it could not be read (then nothing there is fetched)."""
        parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        self._wait_turn(host, self.settings.delay)
        started = time.monotonic()
        try:
            with self._opener.open(host + "/robots.txt", timeout=self.settings.timeout) as response:
                body = _read_by(response, started + self.settings.timeout, 500_000)
                lines = body.decode("utf-8", errors="replace").splitlines()
            parser.parse(lines)
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):  # as urllib.robotparser: access to robots.txt refused, so is the site
                parser.parse(["User-agent: *", "Disallow: /"])
            elif 400 <= exc.code < 500:  # no robots.txt: everything is allowed
                parser.parse([])
            else:
                return f"robots.txt of {host} could not be read (HTTP {exc.code}); not fetching from it"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"robots.txt of {host} could not be read ({_why(exc)}); not fetching from it"
        except http.client.HTTPException as exc:
            return f"robots.txt of {host} could not be read ({_broken(exc)}); not fetching from it"
        return parser

    def _get(self, url: str) -> tuple[str, bytes] | str:
        host = self._host(url)
        self._wait_turn(host, self._delay(host))
        started = time.monotonic()  # the real time, whatever clock paces the requests
        try:
            with self._opener.open(url, timeout=self.settings.timeout) as response:
                ctype = response.headers.get_content_type()
                if "Content-Type" not in response.headers:
                    ctype = "text/html"  # not said: try it as a page (extracting it tells if it is none)
                if ctype not in ("text/html", "application/xhtml+xml"):
                    raise FetchError(f"not an HTML page (Content-Type: {ctype})")
                body = _read_by(response, started + self.settings.timeout, self.settings.max_bytes + 1)
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.headers is not None else None
            if exc.code in (301, 302, 303, 307, 308) and location:
                return urljoin(url, location)
            if exc.code in _RETRY_STATUS:
                raise _Later(f"HTTP {exc.code} {exc.reason}", _retry_after(exc.headers)) from None
            raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise _Later(_why(exc), None) from None
        except http.client.IncompleteRead as exc:
            raise _Later(_broken(exc), None) from None
        except http.client.HTTPException as exc:
            raise FetchError(_broken(exc)) from None
        if len(body) > self.settings.max_bytes:
            raise FetchError(f"page is over the limit of {self.settings.max_bytes:,} bytes")
        return url, body


def _read_by(response: Any, deadline: float, limit: int) -> bytes:
    """The body, up to ``limit`` bytes, or TimeoutError once ``deadline`` passes.

    The socket's timeout bounds each read only: a server that sends a byte a second
    would otherwise hold the import for as long as the page is long.
    """
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = response.read1(min(1 << 16, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError("timed out")
    missing = getattr(response, "length", None)  # what the Content-Length promised and did not come
    if size < limit and isinstance(missing, int) and missing > 0:
        raise http.client.IncompleteRead(b"".join(chunks), missing)  # read1 takes a hang-up for the end
    return b"".join(chunks)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hands a redirect back as an HTTPError: Fetcher.fetch follows it politely."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _Later(Exception):
    """A failure that may pass: try again after ``wait`` seconds (None: the usual backoff)."""

    def __init__(self, reason: str, wait: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def _retry_after(headers: Message | None) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: use the usual backoff


def _broken(exc: http.client.HTTPException) -> str:
    """What a broken answer means to the user."""
    if isinstance(exc, http.client.IncompleteRead):
        return "the connection closed before the whole page came"
    if isinstance(exc, http.client.BadStatusLine):
        return "not an HTTP server (its answer does not start like one)"
    return f"a broken HTTP answer ({type(exc).__name__})"


def _why(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "timed out"
    return " ".join(str(getattr(reason, "strerror", None) or reason).split()) or type(exc).__name__


class _Cancelled(Exception):
    """Cancel was asked for while the fetcher waited."""


def _cancellable(sleep: Callable[[float], None], cancel: Cancel) -> Callable[[float], None]:
    """``sleep`` in steps of a quarter second, raising _Cancelled as soon as ``cancel()`` says so."""

    def wait(seconds: float) -> None:
        left = seconds
        while left > 0:
            if cancel():
                raise _Cancelled
            step = min(left, 0.25)
            sleep(step)
            left -= step

    return wait


def read_url_list(path: str | Path, report: ImportReport) -> list[tuple[int, str]]:
    """The URLs of a list file with their line numbers; blank lines and ``#`` comments are skipped."""
    urls: list[tuple[int, str]] = []
    bad: list[Rejection] = []
    for line in iter_lines(Path(path)):
        text = line.text.strip()
        if not text or text.startswith("#"):
            continue
        if _as_uri(text) is None:
            bad.append(Rejection(str(path), line.number, f"not an http(s) URL: {_short(text)}"))
            continue
        urls.append((line.number, text))
    if bad and not urls:  # a page or an article given for the list: one message, not one a line
        first = bad[0].reason.removeprefix("not an http(s) URL: ")
        bad = [Rejection(str(path), None, f"not a list of URLs: no line is an http(s) URL (line {bad[0].line}:"
                                          f" {first})")]
    report.rejected.extend(bad)
    return urls


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def _as_uri(url: str) -> str | None:
    """``url`` as it goes on the wire (a name in another script as IDNA, other characters
    percent-encoded, as a browser sends what it shows), or None if it is no http(s) URL."""
    if any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError when out of range or not a number
        host = parts.hostname
        if parts.scheme not in ("http", "https") or not host:
            return None
        host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    if parts.username is not None:
        userinfo = quote(parts.username, safe="%!$&'()*+,;=-._~")
        if parts.password is not None:
            userinfo += ":" + quote(parts.password, safe="%!$&'()*+,;=-._~")
        netloc = f"{userinfo}@{netloc}"
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    query = quote(parts.query, safe=_QUERY_SAFE)
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def import_urls(
    store: Store,
    url_list: str | Path,
    *,
    fetcher: Fetcher | None = None,
    max_chars: int = MAX_CHARS_DEFAULT,
    clean: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    refetch: bool = False,
) -> ImportReport:
    """Fetch every URL of ``url_list`` and import its article; each failure is a rejection at its line.

    A page imported before from the same address (its source, or the listed address that redirected to
    it) is counted as already there and not fetched, unless ``refetch``.
    """
    report = ImportReport(unit="page")
    fetcher = fetcher or Fetcher()
    if cancel is not None:  # a pause of up to a minute (Retry-After, Crawl-delay) must not hold a Cancel
        fetcher.sleep = _cancellable(fetcher.sleep, cancel)
    try:
        urls = read_url_list(url_list, report)
    except FileRefused as exc:
        report.rejected.append(Rejection(str(url_list), exc.line, exc.reason))
        return report
    except OSError as exc:
        report.rejected.append(Rejection(str(url_list), None, f"cannot read the file: {exc.strerror or exc}"))
        return report
    if not urls and not report.rejected:
        report.rejected.append(Rejection(str(url_list), None, "no URLs in the list"))
    batch = _Batch(store, report, clean=clean)
    seen: set[str] = set()
    known = set() if refetch else store.fetched_urls()
    try:
        for done, (number, listed) in enumerate(urls):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            report.files += 1
            url = urldefrag(listed).url  # "#comments" is a place in the page, not another page
            if url in seen:  # listed twice: fetched once
                report.duplicates += 1
            elif url in known or _as_uri(url) in known:
                seen.add(url)
                report.already += 1
            else:
                seen.add(url)
                try:
                    final, body = fetcher.fetch(url)
                    if len(body) > _html_limit(max_chars):
                        raise web_page.NoArticle("page is too large")
                    page = web_page.extract_page(body, url=final)
                    _add_page(batch, page, final, max_chars=max_chars, listed_url=_as_uri(url) or url)
                    if warning := web_page.paywall_warning(page):
                        report.warnings.append(Rejection(str(url_list), number, f"{_short(listed, 200)}: {warning}"))
                except (FetchError, web_page.NoArticle) as exc:
                    # a pasted blob of 5 MB on one line must not come back whole in the message
                    reason = f"{_short(listed, 200)}: {_short(str(exc), 300)}"
                    report.rejected.append(Rejection(str(url_list), number, reason))
                except _Cancelled:
                    report.cancelled = True
                    break
            if progress is not None:
                progress(done + 1, len(urls))
    finally:
        batch.flush()
    return report
