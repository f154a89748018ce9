"""Import articles: .txt files, web pages (.html, .htm, .warc), folders (recursively) and JSONL records.

Every valid record is stored whole or not at all (records are committed in
batches of up to 2,000, see _Batch); every bad one is reported as a Rejection (file,
physical line, reason) and the rest of the file is still imported. Never
prints: callers get a report and optional ``progress(done, total)`` calls
(bytes read) and may ``cancel``.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.labels import LabelSet, load_labels
from annotator.core.model import Document, Relation, Span
from annotator.core.progress import Cancel, Progress
from annotator.core.text import (
    MAX_CHARS_DEFAULT,
    InvalidText,
    check_text,
    counted,
    guess_title,
    normalise_text,
    text_hash,
)
from annotator.io import html as web_page
from annotator.io.clean import clean_text
from annotator.io.reading import FileRefused, iter_lines, kind_of, read_text_bytes
from annotator.io.records import ParsedRecord, RecordError, RecordReader, parse_line
from annotator.store import Store
from annotator.store.files import live_database_of

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# What import reads, by how a file's name ends: the one list that the folder walk, every message
# naming the accepted files and the app's file dialog are made from.
IMPORTABLE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("articles", tuple(sorted(TEXT_SUFFIXES))),
    ("pages", (*sorted(web_page.HTML_SUFFIXES, reverse=True), *web_page.GZIPPED_PAGE_ENDINGS)),
    ("archives", web_page.WARC_ENDINGS),
    ("records", tuple(sorted(JSONL_SUFFIXES))),
)
IMPORTABLE_ENDINGS = tuple(ending for _, endings in IMPORTABLE for ending in endings)
_KIND_NAMES = [f"{'/'.join(endings)} {what}" for what, endings in IMPORTABLE]
KINDS = ", ".join(_KIND_NAMES[:-1]) + " or " + _KIND_NAMES[-1]  # for messages
URL_LIST_HINT = "a list of URLs is read with --urls"


def _importable(name: str) -> bool:
    return name.lower().endswith(IMPORTABLE_ENDINGS)


def ignored_reason(url_list_hint: str = URL_LIST_HINT) -> str:
    """Why a file in a folder was passed over, naming everything import reads."""
    return f"ignored: not one of {KINDS} ({url_list_hint})"


@dataclass(frozen=True)
class Rejection:
    """Something that was not imported: ``file``, its physical ``line`` (None: the whole file) and why."""

    file: str
    line: int | None
    reason: str

    @property
    def where(self) -> str:
        """``FILE:LINE``, or ``FILE`` for the whole file."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportReport:
    added: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)  # imported, but changed on the way (see the reason)
    files: int = 0
    ignored: list[str] = field(default_factory=list)  # files in folders that import does not read (IMPORTABLE)
    # The ignored files of folders that held nothing to import: worth naming, the user likely expected them read.
    unimportable: list[str] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    not_cleaned: int = 0  # --clean: records stored as they were because they carry spans
    unit: str = "file"  # what ``files`` counts: "page" for import --urls
    already: int = 0  # import --urls: pages imported before from the same address, not fetched again

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        parts = [
            f"{self.added} added", f"{counted(self.duplicates, 'duplicate')} skipped", f"{len(self.rejected)} rejected"
        ]
        text = f"imported {counted(self.files, self.unit)}: " + ", ".join(parts)
        if self.ignored:
            text += f" ({counted(len(self.ignored), 'other file')} ignored)"
        if self.already:
            text += f" ({self.already} already imported from the same address, not fetched again)"
        if self.not_cleaned:
            text += f" ({counted(self.not_cleaned, 'record')} with spans not cleaned)"
        if self.cancelled:
            text += " (cancelled)"
        return text


def find_files(paths: Iterable[str | os.PathLike[str]], report: ImportReport) -> list[tuple[Path, str]]:
    """The files to import with their source names, folders expanded recursively in name order.

    A file's source name is its name, or its path inside the folder that was given
    (``2024/march/article.txt``). Problems go to ``report``.
    """
    return [(Path(name), source) for name, source in _find(paths, report)]


def _find(paths: Iterable[str | os.PathLike[str]], report: ImportReport) -> list[tuple[str, str]]:
    """:func:`find_files` with plain strings: Path objects cost a third of importing 10,000 small files."""
    found: list[tuple[str, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            top = str(path)  # normalised by Path, so names read as before ("./a//b" -> "a/b")
            before, others = len(found), []

            def unreadable(exc: OSError, top: str = top) -> None:
                report.rejected.append(
                    Rejection(str(exc.filename or top), None, f"cannot read the folder: {exc.strerror or exc}")
                )

            for root, dirs, files in os.walk(top, onerror=unreadable):
                rel = os.path.relpath(root, top).replace(os.sep, "/")
                prefix = "" if rel == "." else rel + "/"
                kept = []
                for d in sorted(dirs):
                    if d.startswith(".") or web_page.is_saved_page_files(d, files):
                        continue
                    if os.path.islink(os.path.join(root, d)):  # not followed: a link can loop or leave the folder
                        report.rejected.append(Rejection(
                            os.path.join(root, d), None, "skipped: a link to a folder (give the folder itself)"
                        ))
                        continue
                    kept.append(d)
                dirs[:] = kept
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    child = os.path.join(root, name)
                    if _importable(name):
                        found.append((child, source_name(prefix + name)))
                    else:
                        others.append(child)
            report.ignored += others
            if len(found) == before:
                report.unimportable += others
                report.rejected.append(Rejection(str(path), None, f"nothing to import: no {KINDS}"))
        elif path.is_file():
            if _importable(path.name):
                found.append((str(path), source_name(path.name)))
            else:
                report.rejected.append(
                    Rejection(str(path), None, f"cannot import {path.suffix or 'files without a suffix'!s}:"
                              f" give {KINDS.replace(' or ', ', ')} or a folder ({URL_LIST_HINT})")
                )
        elif path.exists():
            kind = kind_of(path.stat().st_mode)
            report.rejected.append(Rejection(str(path), None, f"skipped: {kind}, not a regular file or folder"))
        else:
            report.rejected.append(Rejection(str(path), None, "no such file or folder"))
    return found


def source_name(name: str) -> str:
    """A file name as stored with its documents: bytes that are not UTF-8 (kept by os.fsdecode as
    surrogates, which SQLite cannot store) are written as ``\\xNN``."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class _Ticker:
    """Calls ``progress`` at most every 50 ms (and always at the end) so a UI is not flooded."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        self.last = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        if self.progress is None:
            return
        now = time.monotonic()
        if now - self.last >= 0.05 or self.done >= self.total:
            self.last = now
            self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


class _Batch:
    """Records read but not yet stored, written together in one transaction.

    A transaction a record cost ~0.1 ms of commit each (a third of a 5 kB article's import);
    one per 2,000 records, ~8 MB of text or ~0.25 s, whichever comes first, does not (2,000
    rather than 500: each commit writes again the pages of the hash index it touched, and
    those are spread all over it; a quarter of the commits wrote a sixth less). Each
    record is still whole or absent: a plain document is one INSERT, a record with spans
    goes through add_document, a savepoint of its own. A kill loses at most the batch
    not yet committed, which importing again adds. (Writing in a second thread while the
    next batch is read was tried: no faster on a busy 2-core machine, so not worth a thread.)
    """

    RECORDS = 2000
    CHARS = 8_000_000
    SECONDS = 0.25

    def __init__(self, store: Store, report: ImportReport, *, clean: bool = False) -> None:
        self.store = store
        self.report = report
        self.clean = clean
        self.pending: list[tuple[Document, Sequence[Span], Sequence[Relation]]] = []
        self.chars = 0
        self.started = 0.0

    def add(self, document: Document, spans: Sequence[Span] = (), relations: Sequence[Relation] = ()) -> None:
        if not self.pending:
            self.started = time.monotonic()
        self.pending.append((document, spans, relations))
        self.chars += len(document.text)
        if (
            len(self.pending) >= self.RECORDS
            or self.chars >= self.CHARS
            or time.monotonic() - self.started >= self.SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Store the pending records in one transaction and count them in the report."""
        pending, self.pending, self.chars = self.pending, [], 0  # emptied first: a failed write is not retried
        if not pending:
            return
        results: list[tuple[int, bool]] = []
        with self.store.atomic():
            plain: list[Document] = []
            for document, spans, relations in pending:
                if not spans and not relations:
                    plain.append(document)
                    continue
                if plain:
                    results += self.store.add_documents(plain)
                    plain = []
                results.append(self.store.add_document(document, spans, relations))
            if plain:
                results += self.store.add_documents(plain)
        for doc_id, created in results:
            if created:
                self.report.added += 1
                self.report.added_ids.append(doc_id)
            else:
                self.report.duplicates += 1


def import_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    labels: LabelSet | Collection[str] | None = None,
    max_chars: int = MAX_CHARS_DEFAULT,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    clean: bool = False,
) -> ImportReport:
    """Import files and folders into ``store``; see the module docstring.

    ``clean`` removes scraped boilerplate from each text before it is stored
    (annotator.io.clean), recording what went in ``meta["clean"]``; records that
    carry spans are stored as they are, since cleaning would move their offsets.
    """
    report = ImportReport()
    label_set = load_labels() if labels is None else labels
    files = _find(paths, report)
    sizes = [_size(f) for f, _ in files] if progress is not None else [0] * len(files)
    ticker = _Ticker(progress, sum(sizes))
    batch = _Batch(store, report, clean=clean)
    try:
        for (name, source), size in zip(files, sizes, strict=True):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            report.files += 1
            if live_database_of(name):  # reading it would drop SQLite's locks on it (annotator.store.files)
                report.rejected.append(Rejection(name, None, "is the annotation database itself (or one of its"
                                                 " -wal/-shm/-journal files); not read"))
                continue
            try:
                suffix = os.path.splitext(name)[1].lower()
                if suffix in TEXT_SUFFIXES:
                    _import_text(batch, name, source, max_chars=max_chars)
                    ticker.advance(size)
                elif suffix in web_page.HTML_SUFFIXES or web_page.is_page(name):
                    _import_html(batch, name, source, max_chars=max_chars)
                    ticker.advance(size)
                elif web_page.is_warc(name):
                    ticker.advance(size - _import_warc(batch, name, max_chars=max_chars, ticker=ticker, cancel=cancel))
                else:
                    reader = RecordReader(label_set, source=source, max_chars=max_chars)
                    _import_jsonl(batch, Path(name), reader, ticker, cancel)
            except FileRefused as exc:
                report.rejected.append(Rejection(name, exc.line, exc.reason))
            except web_page.NoArticle as exc:
                report.rejected.append(Rejection(name, None, exc.reason))
            except OSError as exc:
                report.rejected.append(Rejection(name, None, f"cannot read the file: {exc.strerror or exc}"))
    finally:
        batch.flush()  # what was read before a cancel (or an error reading a file) is stored, as it always was
    ticker.finish()
    return report


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _import_text(batch: _Batch, file: str, source: str, *, max_chars: int) -> None:
    text, raw = read_text_bytes(file, max_chars=max_chars)
    if "\r" in text or text.startswith("\ufeff"):  # normalise_text copies the text twice even when it changes nothing
        text, raw = normalise_text(text), None
    # A strict decode never yields a lone surrogate, so check_text's slowest test (a regex
    # over the whole text) cannot fail here; it runs only when another test would.
    if not text or text.isspace() or len(text) > max_chars or "\x00" in text:
        try:
            check_text(text, max_chars=max_chars)
        except InvalidText as exc:
            reason = "empty file (only whitespace)" if not text.strip() else str(exc)
            raise FileRefused(reason) from None
    if web_page.url_list_size(text):  # returns at the first line that is not a URL: an article's headline
        raise FileRefused(f"a list of web addresses, not an article: fetch the pages with:"
                          f" annotator import --urls {file} (in the app: File > Import, this file alone)")
    meta: dict[str, Any] = {}
    if batch.clean:
        text, meta = _cleaned(text, FileRefused)
        raw = None
    # text_hash(text) is the sha256 of the text's UTF-8: when the file's bytes are exactly that, hash them.
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else text_hash(text)
    batch.add(Document(text=text, title=_title(text), source=source, hash=digest, meta=meta))


def _cleaned(text: str, error: type[Exception], title: str | None = None) -> tuple[str, dict[str, Any]]:
    """``text`` cleaned (--clean) and the ``meta`` that records what was removed; ``error`` if nothing is left."""
    cleaned = clean_text(text, title=title)
    if not cleaned.text.strip():
        rules = ", ".join(sorted({r.rule for r in cleaned.removed}))
        raise error(f"nothing left after --clean: every line is boilerplate ({rules})")
    return cleaned.text, {"clean": cleaned.meta()}


def _html_limit(max_chars: int) -> int:
    # A page's markup is many times its text: allow 20 MB, or 4 bytes a character of the limit if that is more.
    return max(20_000_000, 4 * max_chars)


def _add_page(
    batch: _Batch, page: web_page.Page, source: str, *, max_chars: int, listed_url: str | None = None
) -> None:
    """Store the article of a page, checked (and cleaned) as any text; raises NoArticle if it cannot be.

    ``listed_url``: the address a list of URLs gave, when it redirected to ``source``.
    """
    try:
        check_text(page.text, max_chars=max_chars)
    except InvalidText as exc:
        raise web_page.NoArticle(str(exc)) from None
    text, meta = page.text, dict(page.meta)
    if not str(meta.get("url", "")).startswith(("http://", "https://")):
        meta.pop("url", None)  # a relative canonical link says nothing of where the page was
    if listed_url is not None and listed_url != source:
        meta["listed_url"] = listed_url  # so the same list imported again knows this page (Store.fetched_urls)
    if batch.clean:
        text, clean_meta = _cleaned(text, web_page.NoArticle, title=page.title)
        meta.update(clean_meta)
    batch.add(Document(text=text, title=page.title, source=source, meta=meta))


def _import_html(batch: _Batch, file: str, source: str, *, max_chars: int) -> None:
    data = web_page.read_html_file(file, max_bytes=_html_limit(max_chars))
    page = web_page.extract_page(data)
    _add_page(batch, page, source, max_chars=max_chars)
    if warning := web_page.paywall_warning(page):
        batch.report.warnings.append(Rejection(file, None, warning))


def _import_warc(batch: _Batch, file: str, *, max_chars: int, ticker: _Ticker, cancel: Cancel | None) -> int:
    """Each HTML response of a WARC archive is an article; one that is not is reported with its record number.

    Progress and Cancel work inside the archive (one can hold a whole crawl); returns the bytes ticked.
    """
    pages = refused = ticked = 0

    def at(offset: int) -> None:
        nonlocal ticked
        ticker.advance(offset - ticked)
        ticked = offset

    for item in web_page.iter_warc(file, max_bytes=_html_limit(max_chars), at=at):
        if cancel is not None and cancel():
            batch.report.cancelled = True
            return ticked
        if isinstance(item, tuple):
            number, url, reason = item
        else:
            pages += 1
            number, url = item.number, item.url
            try:
                page = web_page.extract_page(item.html, url=url or None)
                _add_page(batch, page, url or file, max_chars=max_chars)
                if warning := web_page.paywall_warning(page):
                    where = f"record {number} ({url or 'no URL'})"
                    batch.report.warnings.append(Rejection(file, None, f"{where}: {warning}"))
                continue
            except web_page.NoArticle as exc:
                reason = exc.reason
        refused += 1
        batch.report.rejected.append(Rejection(file, None, f"record {number} ({url or 'no URL'}): {reason}"))
    if pages == 0 and not refused:
        raise web_page.NoArticle("no HTML pages in this WARC file")
    return ticked


_NOT_SPACE = re.compile(r"\S")  # the same characters str.strip() keeps


def _title(text: str) -> str:
    """guess_title(text), reading only up to the end of the first non-empty line, not splitting all of it."""
    first = _NOT_SPACE.search(text)
    if first is None:
        return ""
    end = text.find("\n", first.start())
    return guess_title(text if end < 0 else text[:end])


def line_limit(max_chars: int) -> int:
    """The longest JSONL line, in bytes, read for a record whose text may have ``max_chars`` characters.

    Checked before a line is read whole or parsed, so a 200 MB line costs no more memory than this.
    Room for the text escaped (\\uXXXX: 6 bytes a character), and for our export's tokens and spans.
    """
    return 32 * max_chars + (1 << 20)


def _clean_record(batch: _Batch, obj: dict[str, Any], parsed: ParsedRecord) -> Document:
    """The record's document cleaned (--clean), unless it has spans: their offsets are into the text as it is."""
    document = parsed.document
    if parsed.spans or parsed.relations:
        batch.report.not_cleaned += 1
        return document
    meta = obj.get("meta")
    given = meta.get("title") if isinstance(meta, dict) else None
    text, clean_meta = _cleaned(document.text, RecordError, title=given if isinstance(given, str) else None)
    title = given if isinstance(given, str) else guess_title(text)
    return document.replace(text=text, title=title, hash="", meta={**document.meta, **clean_meta})


def _import_jsonl(batch: _Batch, file: Path, reader: RecordReader, ticker: _Ticker, cancel: Cancel | None) -> None:
    records = 0
    limit = line_limit(reader.max_chars)
    for line in iter_lines(file, limit=limit):
        ticker.advance(line.nbytes)
        if line.too_long:
            records += 1
            batch.report.rejected.append(Rejection(str(file), line.number, (
                f"line is {line.too_long:,} bytes, over the limit of {limit:,} for a record"
                f" (articles of up to {reader.max_chars:,} characters; --max-chars sets it); not read"
            )))
            continue
        if not line.text or line.text.isspace():  # as `not strip()`, without copying the line
            continue
        records += 1
        if cancel is not None and cancel():
            batch.report.cancelled = True
            return
        try:
            obj = parse_line(line.text)
            parsed = reader.read(obj, line=line.text)
            document = parsed.document
            if batch.clean:
                document = _clean_record(batch, obj, parsed)
            batch.add(document, parsed.spans, parsed.relations)
            if parsed.warnings:
                batch.report.warnings += [Rejection(str(file), line.number, text) for text in parsed.warnings]
        except RecordError as exc:
            batch.report.rejected.append(Rejection(str(file), line.number, str(exc)))
    if records == 0:
        raise FileRefused("empty file (no records)")
