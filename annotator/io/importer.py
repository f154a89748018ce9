"""Import articles: .txt files, folders (recursively) and JSONL records.

Every valid record is stored whole, in one transaction, or not at all; every
bad one is reported as a Rejection (file, physical line, reason) and the rest
of the file is still imported. Never prints: callers get a report and
optional ``progress(done, total)`` calls (bytes read) and may ``cancel``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.labels import LabelSet, load_labels
from annotator.core.model import Document, Relation, Span
from annotator.core.text import MAX_CHARS_DEFAULT, InvalidText, check_text, counted, guess_title, normalise_text
from annotator.io.reading import FileRefused, iter_lines, read_text
from annotator.io.records import RecordError, RecordReader, parse_line
from annotator.store import Store

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class Rejection:
    """Something that was not imported: ``file``, its physical ``line`` (None: the whole file) and why."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line is not None else f"{self.file}: {self.reason}"


@dataclass
class ImportReport:
    added: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    files: int = 0
    ignored: list[str] = field(default_factory=list)  # files in folders that are neither .txt nor .jsonl
    # The ignored files of folders that held nothing to import: worth naming, the user likely expected them read.
    unimportable: list[str] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        parts = [
            f"{self.added} added", f"{counted(self.duplicates, 'duplicate')} skipped", f"{len(self.rejected)} rejected"
        ]
        text = f"imported {counted(self.files, 'file')}: " + ", ".join(parts)
        if self.ignored:
            text += f" ({counted(len(self.ignored), 'other file')} ignored)"
        if self.cancelled:
            text += " (cancelled)"
        return text


def find_files(paths: Iterable[str | os.PathLike[str]], report: ImportReport) -> list[tuple[Path, str]]:
    """The files to import with their source names, folders expanded recursively in name order.

    A file's source name is its name, or its path inside the folder that was given
    (``2024/march/article.txt``). Problems go to ``report``.
    """
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            before, others = len(found), []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if name.startswith("."):
                        continue
                    if child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                        found.append((child, child.relative_to(path).as_posix()))
                    else:
                        others.append(str(child))
            report.ignored += others
            if len(found) == before:
                report.unimportable += others
                report.rejected.append(Rejection(str(path), None, "no .txt or .jsonl files found"))
        elif path.is_file():
            if path.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                found.append((path, path.name))
            else:
                report.rejected.append(
                    Rejection(str(path), None, f"cannot import {path.suffix or 'files without a suffix'!s}:"
                              " give .txt articles, .jsonl records or a folder")
                )
        elif path.exists():
            report.rejected.append(Rejection(str(path), None, "not a regular file or folder"))
        else:
            report.rejected.append(Rejection(str(path), None, "no such file or folder"))
    return found


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


def import_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    labels: LabelSet | Collection[str] | None = None,
    max_chars: int = MAX_CHARS_DEFAULT,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Import files and folders into ``store``; see the module docstring."""
    report = ImportReport()
    label_set = load_labels() if labels is None else labels
    files = find_files(paths, report)
    sizes = [_size(f) for f, _ in files]
    ticker = _Ticker(progress, sum(sizes))
    for (file, source), size in zip(files, sizes, strict=True):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        report.files += 1
        name = str(file)
        try:
            if file.suffix.lower() in TEXT_SUFFIXES:
                _import_text(store, file, source, report, max_chars=max_chars)
                ticker.advance(size)
            else:
                reader = RecordReader(label_set, source=source, max_chars=max_chars)
                _import_jsonl(store, file, reader, report, ticker, cancel)
        except FileRefused as exc:
            report.rejected.append(Rejection(name, exc.line, exc.reason))
        except OSError as exc:
            report.rejected.append(Rejection(name, None, f"cannot read the file: {exc.strerror or exc}"))
    ticker.finish()
    return report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _store(
    store: Store,
    document: Document,
    report: ImportReport,
    spans: Sequence[Span] = (),
    relations: Sequence[Relation] = (),
) -> None:
    doc_id, created = store.add_document(document, spans, relations)
    if created:
        report.added += 1
        report.added_ids.append(doc_id)
    else:
        report.duplicates += 1


def _import_text(store: Store, file: Path, source: str, report: ImportReport, *, max_chars: int) -> None:
    text = normalise_text(read_text(file, max_chars=max_chars))
    try:
        check_text(text, max_chars=max_chars)
    except InvalidText as exc:
        reason = "empty file (only whitespace)" if not text.strip() else str(exc)
        raise FileRefused(reason) from None
    _store(store, Document(text=text, title=guess_title(text), source=source), report)


def _import_jsonl(
    store: Store, file: Path, reader: RecordReader, report: ImportReport, ticker: _Ticker, cancel: Cancel | None
) -> None:
    records = 0
    for line in iter_lines(file):
        ticker.advance(line.nbytes)
        if not line.text.strip():
            continue
        records += 1
        if cancel is not None and cancel():
            report.cancelled = True
            return
        try:
            parsed = reader.read(parse_line(line.text))
            _store(store, parsed.document, report, parsed.spans, parsed.relations)
        except RecordError as exc:
            report.rejected.append(Rejection(str(file), line.number, str(exc)))
    if records == 0:
        raise FileRefused("empty file (no records)")

