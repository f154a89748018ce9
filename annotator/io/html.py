"""The article in a web page: main text and metadata extracted with trafilatura.

Only the extracted text is ever stored, never markup. Paragraphs (and headings,
list items) become paragraphs of the article, one blank line apart, as in a
.txt article. Title, author, date, site and URL go into the document's
``meta`` when the page has them. A page with no article text (a consent wall, a
login page, a page its scripts fill in) raises NoArticle with the reason.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from annotator.core.text import normalise_text
from annotator.io.clean import PAGE_KINDS, boilerplate_rule

HTML_SUFFIXES = frozenset({".html", ".htm"})
GZIPPED_PAGE_ENDINGS = (".html.gz", ".htm.gz")  # as wget and some crawlers save them
WARC_ENDINGS = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")

# trafilatura and its helpers log why a page yields nothing; the import reports that itself.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


class NoArticle(Exception):
    """A page from which no article text can be had; ``reason`` is for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Page:
    """An article extracted from a page: its text (normalised), title and what else the page told."""

    text: str
    title: str
    meta: dict[str, Any] = field(default_factory=dict)


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_ENDINGS)


def is_saved_page_files(folder: str, siblings: Iterable[str]) -> bool:
    """Whether ``folder`` holds the images, scripts and frames of a page saved beside it.

    A browser's "Save Page As... Web Page, complete" writes ``NAME.html`` and a folder
    ``NAME_files``; the frames in it (ads, widgets, comment boxes) are not articles.
    """
    if not folder.endswith("_files"):
        return False
    page = folder[: -len("_files")]
    return any(name in siblings for name in (page + ".html", page + ".htm", page + ".xhtml"))


def is_page(name: str) -> bool:
    """A saved web page: ``.html``, ``.htm``, or either gzipped."""
    lower = name.lower()
    return lower.endswith(GZIPPED_PAGE_ENDINGS) or lower.endswith(tuple(HTML_SUFFIXES))


def extract_page(html: bytes | str, *, url: str | None = None) -> Page:
    """The article of one page (bytes are decoded as the page declares, else as detected)."""
    import trafilatura
    from trafilatura.utils import load_html

    if not html.strip():
        raise NoArticle("empty page")
    tree = load_html(html)
    if tree is None:
        raise NoArticle("not an HTML page (nothing to parse)")
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
    )
    body = getattr(document, "text", None) or ""
    tree_body = getattr(document, "body", None)
    if tree_body is not None and tree_body.find(".//table") is not None:
        body = _text_with_tables(tree_body)
    paragraphs = [" ".join(line.split()) for line in normalise_text(body).split("\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise NoArticle("no article text found (a consent or login page, or one that scripts fill in?)")
    rules = [boilerplate_rule(p) for p in text.split("\n\n")]
    if all(rules):
        kinds = sorted({r for r in rules if r})
        looks = next((PAGE_KINDS[k] for k in ("bot check", "error page", "javascript", "cookie", "paywall",
                                                "newsletter") if k in kinds), "an ad or a frame of buttons and links")
        raise NoArticle(f"no article text, only boilerplate ({', '.join(kinds)}): {looks}?")
    title = " ".join((getattr(document, "title", None) or "").split())
    meta: dict[str, Any] = {"title": title} if title else {}
    paywall = next((p for p, rule in zip(text.split("\n\n"), rules, strict=True) if rule == "paywall"), None)
    if paywall:
        meta["paywall"] = paywall  # the page shows the start of the article only
    for key, attr in (("author", "author"), ("date", "date"), ("site", "sitename"), ("url", "url")):
        value = getattr(document, attr, None)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    hostname = getattr(document, "hostname", None)
    if "site" not in meta and isinstance(hostname, str) and hostname:
        meta["site"] = hostname
    if url and "url" not in meta:
        meta["url"] = url
    meta["extracted_by"] = f"trafilatura {trafilatura.__version__}"
    return Page(text=text, title=title or text.split("\n", 1)[0][:200], meta=meta)


_NOT_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"),
)


def _open_file(path: str | Path) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file; else NoArticle says what it is.

    Opened non-blocking, so that a named pipe nobody writes to cannot hang the import
    (as annotator.io.reading opens texts); O_NONBLOCK changes nothing for a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = -1
    try:
        fd = os.open(path, flags)
        mode = os.fstat(fd).st_mode
    except OSError:
        mode = os.stat(path).st_mode  # a socket cannot be opened at all: say what it is
        if stat.S_ISREG(mode):
            raise
    if not stat.S_ISREG(mode):
        if fd >= 0:
            os.close(fd)
        kind = next((name for test, name in _NOT_FILES if test(mode)), "not a regular file")
        raise NoArticle(f"skipped: {kind}, not a regular file")
    return os.fdopen(fd, "rb")


def url_list_size(text: str) -> int:
    """How many ``http(s)`` URLs ``text`` lists if it is nothing but a list of them, else 0.

    One URL a line; blank lines and ``#`` comments aside (as ``import --urls`` reads a
    list). An article stops this at its first line, so it costs nothing to ask.
    """
    count = start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        start = end + 1
        if not line or line.startswith("#"):
            continue
        if not line.lower().startswith(("http://", "https://")) or any(c.isspace() for c in line):
            return 0
        count += 1
    return count


URL_LIST_BYTES = 4_000_000  # a list longer than this is not looked into by the app (100,000 URLs or so)


def url_list_file_size(path: str | Path) -> int:
    """:func:`url_list_size` of a ``.txt`` file (0 for another file, or one that cannot be read as UTF-8)."""
    if not str(path).lower().endswith(".txt"):
        return 0
    try:
        with _open_file(path) as fh:
            data = fh.read(URL_LIST_BYTES + 1)
        if len(data) > URL_LIST_BYTES:
            return 0
        return url_list_size(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, NoArticle):
        return 0


_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "code", "div", "ab"})
_CELL_BAR = re.compile(r"(?<!\\)\|")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")  # the |---|---| line under a table's head


def _text_with_tables(body: Any) -> str:
    """trafilatura's text of ``body`` with tables as a reader sees them, not as markdown.

    A table used for layout (cells holding paragraphs or headings, as older sites
    do) gives its paragraphs, not one line of them all; a table of figures gives
    one line a row, cells apart by `` | `` (the markdown's outer bars and its
    ``|---|`` line under the head are dropped).
    """
    from copy import deepcopy

    from lxml.etree import SubElement
    from trafilatura.xml import xmltotxt

    body = deepcopy(body)
    for table in list(body.iter("table")):  # outer tables first: an inner one is moved, not lost
        parent = table.getparent()
        cells = [cell for row in table.findall("row") for cell in row.findall("cell")]
        if parent is None or not any(child.tag in _BLOCKS for cell in cells for child in cell):
            continue
        blocks = table.makeelement("div", {})
        for cell in cells:
            if cell.text and cell.text.strip():
                SubElement(blocks, "p").text = cell.text
            for child in list(cell):
                tail, child.tail = child.tail, None
                blocks.append(child)
                if tail and tail.strip():
                    SubElement(blocks, "p").text = tail
        blocks.tail = table.tail
        parent.replace(table, blocks)
    lines = []
    for line in xmltotxt(body, False).split("\n"):
        row = line.strip()
        if _TABLE_RULE.match(row):
            continue
        if row.startswith("|") and row.endswith("|") and len(row) > 1:  # a row: its cells, empty ones left out
            # a bar inside a cell comes escaped
            parts = (cell.strip().replace("\\|", "|") for cell in _CELL_BAR.split(row[1:-1]))
            line = " | ".join(part for part in parts if part)
        lines.append(line)
    return "\n".join(lines)


def paywall_warning(page: Page) -> str | None:
    """What to tell the user of a page that stops at a paywall, None for another page."""
    line = page.meta.get("paywall")
    if not line:
        return None
    if len(line) > 80:
        line = line[:80].rsplit(" ", 1)[0] + "…"
    return f"the page stops at a paywall (\"{line}\"): only what it shows before it is imported"


def read_html_file(path: str | Path, *, max_bytes: int) -> bytes:
    """A page's bytes (a ``.gz`` page unzipped), refusing one over ``max_bytes``; OSError as from ``open``."""
    with _open_file(path) as fh:
        data = fh.read()
    if str(path).lower().endswith(".gz"):
        data = _gunzip(data, max_bytes)
        if len(data) > max_bytes:
            raise NoArticle(f"page unzips to more than the limit of {max_bytes:,} bytes")
    if len(data) > max_bytes:
        raise NoArticle(f"page is {len(data):,} bytes, over the limit of {max_bytes:,}")
    return data


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """The unzipped bytes, at most ``max_bytes + 1`` of them (a small file can unzip to gigabytes)."""
    import zlib

    if not data.startswith(b"\x1f\x8b"):
        raise NoArticle("not a gzip file")
    unzip = zlib.decompressobj(wbits=31)
    try:
        out = unzip.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise NoArticle(f"damaged gzip file ({exc})") from None
    if len(out) <= max_bytes and not unzip.eof:
        raise NoArticle("the gzip file is cut off")
    return out


@dataclass(frozen=True)
class WarcPage:
    """One HTML response of a WARC file: its record number (from 1), URL and body."""

    number: int
    url: str
    html: bytes


def iter_warc(
    path: str | Path, *, max_bytes: int, at: Callable[[int], None] | None = None
) -> Iterator[WarcPage | tuple[int, str, str]]:
    """The HTML responses of a WARC file (gzipped or not), in order; other records are passed over.

    A record that cannot be used yields ``(number, url, reason)``. A file cut off (a
    download that stopped) or damaged inside a record yields that record's reason and
    ends there: what came before it is read, never part of a page. Raises NoArticle
    when the file is not a WARC file at all. ``at(offset)`` is told how far into the
    file each record ends (for a progress bar).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with _open_file(path) as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == b"\x1f\x8b":
            import gzip

            try:
                with gzip.GzipFile(fileobj=fh, mode="rb") as unzipped:
                    head = unzipped.read(5)
                fh.seek(0)
            except (OSError, EOFError) as exc:
                raise NoArticle(f"not a WARC file (broken gzip: {exc})") from None
        else:
            head = fh.read(5)
            fh.seek(0)
        if head != b"WARC/":  # warcio also reads old ARC files, and takes any text for one
            raise NoArticle("not a WARC file (it does not start with WARC/)" if head else "empty file")
        records = ArchiveIterator(fh)
        number = 0
        while True:
            # warcio meets a damaged file with whatever error its parsing runs into
            # (ArchiveLoadFailed, AttributeError, ValueError, zlib.error, ...): any of them is a damaged record.
            current, url = number + 1, ""
            try:
                record = next(records, None)
                if record is None:
                    records.read_to_end()
                    fh.seek(records.offset)
                    if fh.read(4096).strip():  # bytes after the last whole record that make no record
                        yield current, "", _CUT_OFF
                    break
                number = current
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                if not record.rec_type or not (record.rec_headers.get_header("Content-Length") or "").isdigit():
                    yield number, url, _CUT_OFF  # a record's header always names its type and length
                    return
                item = _warc_item(record, number, url, max_bytes)
                while record.raw_stream.read(1 << 16):  # the rest of the record, to see that it is all there
                    pass
            except Exception as exc:
                # warcio's own message says what it found; another error's is about Python, not the file
                why = " ".join(str(exc).split())[:120] if isinstance(exc, ArchiveLoadFailed) else ""
                if number == 0:
                    raise NoArticle(f"not a WARC file ({why})" if why else "not a WARC file") from None
                yield current, url, f"damaged or cut off here{f' ({why})' if why else ''}; {_REST}"
                return
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield number, url, _CUT_OFF
                return
            if at is not None:
                at(fh.tell())
            if item is not None:
                yield item
        if number == 0:
            raise NoArticle("empty WARC file (no records)")


_REST = "the rest of the file is not read"
_CUT_OFF = f"the file ends inside this record (cut off?); {_REST}"


def _warc_item(record: Any, number: int, url: str, max_bytes: int) -> WarcPage | tuple[int, str, str] | None:
    """An HTML response's page, the reason it is none, or None for a record that is not meant to be one."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers else None) or record.rec_headers.get_header(
        "Content-Type"
    ) or ""
    if not any(t in ctype.lower() for t in _HTML_TYPES):
        return None
    status = str(headers.get_statuscode() if headers else "200") or "200"
    if status.startswith("3"):
        return None  # a redirect: the page it points to is a record of its own
    if not status.startswith("2"):
        return number, url, f"HTTP status {status}, not a page"
    encoding = (headers.get_header("Content-Encoding") or "").strip().lower() if headers else ""
    if encoding in ("", "identity", "gzip", "x-gzip", "deflate"):
        body = record.content_stream().read(max_bytes + 1)  # warcio undoes these (and a chunked transfer)
        if encoding and body[:2] == b"\x1f\x8b":
            return number, url, f"its {encoding} compression is damaged"
    elif encoding == "br":
        # warcio's own Brotli reader fails with brotli >= 1.2 (and ends the archive): undone here
        body_or_reason = _unbrotli(record, headers, max_bytes)
        if isinstance(body_or_reason, str):
            return number, url, body_or_reason
        body = body_or_reason
    else:
        return number, url, f"compressed as {encoding[:40]}, which cannot be read"
    if len(body) > max_bytes:
        return number, url, f"page is over the limit of {max_bytes:,} bytes"
    return WarcPage(number, url, body)


def _unbrotli(record: Any, headers: Any, max_bytes: int) -> bytes | str:
    """The body of a Brotli-compressed response, at most ``max_bytes + 1`` bytes; a string says why not."""
    import brotli
    from warcio.bufferedreaders import ChunkedDataReader

    chunked = (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked"
    stream = ChunkedDataReader(record.raw_stream) if chunked else record.raw_stream
    unzip = brotli.Decompressor()
    try:
        body = unzip.process(stream.read(max_bytes + 1), output_buffer_limit=max_bytes + 1)
    except brotli.error:
        return "its br compression is damaged"
    if len(body) <= max_bytes and not unzip.is_finished():
        return "its br compression is damaged (or the record is cut off)"
    return body
