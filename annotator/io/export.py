"""Export training data: our JSONL (Prodigy-compatible), spaCy DocBin, doccano JSONL.

Documents are read in batches (``Store.iter_documents``) and written as they
come, so memory stays flat (the DocBin export holds the compact DocBin only).
The output appears only when complete: it is written next to the target and
renamed over it at the end, so a failed or cancelled export leaves no half file.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from annotator.core.model import DocStatus, Document, Relation, Span, SpanStatus, reading_order
from annotator.core.progress import Cancel, Progress
from annotator.io.export_report import ExportReport, describe
from annotator.io.jsonl import Tokens, build_record, dumps
from annotator.store import Store
from annotator.store.files import live_database_of

Format = Literal["jsonl", "spacy", "doccano"]
FORMATS: tuple[Format, ...] = ("jsonl", "spacy", "doccano")


class ExportError(Exception):
    """The export cannot be written (bad format, folder missing, not writable); nothing was written."""


class NothingToExport(ExportError):
    """No document is selected and the output already holds data, which is kept as it was."""


FINAL, EVERY_ANNOTATOR = "final", "all"


@dataclass(frozen=True)
class Selection:
    """What goes out: by default accepted spans of documents marked done; ``include_all`` adds the rest.

    ``version`` chooses whose annotations: ``"final"`` the working version (in a team database
    the reviewed one), an annotator's name their own version, ``"all"`` every annotator's
    version, one record each, told apart by ``_annotator_id``.
    """

    include_all: bool = False
    version: str = FINAL

    @property
    def doc_statuses(self) -> list[DocStatus] | None:
        return None if self.include_all else [DocStatus.DONE]

    @property
    def span_statuses(self) -> list[SpanStatus]:
        return [SpanStatus.ACCEPTED, SpanStatus.SUGGESTED] if self.include_all else [SpanStatus.ACCEPTED]

    @property
    def annotator(self) -> str | None:
        return None if self.version == EVERY_ANNOTATOR else self.version

    def count(self, store: Store) -> int:
        if self.version == FINAL:
            return store.count_documents(statuses=self.doc_statuses)
        return store.count_versions(annotator=self.annotator, statuses=self.doc_statuses)

    def documents(self, store: Store) -> Iterator[tuple[Document, list[Span], list[Relation]]]:
        statuses = set(self.span_statuses)
        if self.version != FINAL:
            yield from self._versions(store, statuses)
            return
        for doc in store.iter_documents(statuses=self.doc_statuses):
            assert doc.id is not None
            spans = store.spans(doc.id, statuses=statuses)
            keys = {s.key for s in spans}
            relations = [
                r for r in store.relations(doc.id) if r.status in statuses and r.head in keys and r.child in keys
            ]
            yield doc, spans, relations

    def _versions(
        self, store: Store, statuses: set[SpanStatus]
    ) -> Iterator[tuple[Document, list[Span], list[Relation]]]:
        doc: Document | None = None
        for version in store.iter_versions(annotator=self.annotator, statuses=self.doc_statuses):
            if doc is None or doc.id != version.doc_id:
                doc = store.get_document(version.doc_id)
            spans = [s for s in version.spans if s.status in statuses]
            keys = {s.key for s in spans}
            relations = [r for r in version.relations if r.status in statuses and r.head in keys and r.child in keys]
            doc = doc.replace(status=version.status, annotator=version.annotator, updated=version.updated)
            yield doc, spans, relations


_TEMP_SUFFIX = ".part"


def _temp_prefix(output: Path) -> str:
    return f".{output.name}."


def _clean_stale_temps(output: Path) -> None:
    """Remove the temporary files that killed exports to ``output`` left behind.

    Our temporary files are named ``.NAME.PID-RANDOM.part``: one whose process is gone is
    stale. A running export's file (another process, or this one) is left alone.
    """
    prefix = _temp_prefix(output)
    try:
        names = [n for n in os.listdir(output.parent) if n.startswith(prefix) and n.endswith(_TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix) : -len(_TEMP_SUFFIX)].split("-", 1)[0]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):  # not ours to fight over; it only takes space
            (output.parent / name).unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # exists (someone else's), or cannot tell: keep its file
    return True


def _target(output: Path) -> Path:
    """Where the export really goes: a symlink is followed, so the link stays and its target gets the data."""
    try:
        return output.resolve(strict=False) if output.is_symlink() else output
    except (OSError, RuntimeError):  # a loop of links
        raise ExportError(f"{output}: is a link that cannot be followed (a loop?)") from None


@contextmanager
def _write_through(output: Path, mode: str) -> Iterator[IO[Any]]:
    """Write straight into something that is not a regular file (a pipe, /dev/null, a terminal)."""
    binary = "b" in mode
    try:
        fh = open(output, mode, encoding=None if binary else "utf-8", newline=None if binary else "\n")  # noqa: SIM115
    except OSError as exc:
        raise ExportError(f"{output}: cannot write to it: {exc.strerror or exc}") from exc
    with fh:
        yield fh


@contextmanager
def _replace_when_done(output: Path, mode: str, *, empty: bool = False) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``output``; rename it over ``output`` only on success.

    A symlink is followed (its target is replaced, the link stays); a pipe, device or terminal
    is written through, never replaced; an export with nothing in it (``empty``) never replaces
    a file that has data in it.
    """
    try:
        info: os.stat_result | None = output.stat()  # follows links: /dev/stdout is the pipe or terminal
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{output}: is a folder; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _write_through(output, mode) as fh:
            yield fh
        return
    output = _target(output)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{output}: the folder {folder} does not exist")
    if empty and info is not None and info.st_size > 0:
        raise NothingToExport(f"{output}: there is nothing to export, so it was left as it was")
    _clean_stale_temps(output)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(output)}{os.getpid()}-", suffix=_TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise ExportError(f"{output}: cannot write in {folder}: {exc.strerror}") from exc
    try:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else "utf-8", newline=None if binary else "\n") as fh:
            yield fh
        # mkstemp makes the file private; an export is an ordinary file.
        os.chmod(tmp, info.st_mode & 0o777 if info is not None else 0o644)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _refuse_database(output: Path) -> None:
    """An export never replaces a database: not the one open here, not another program's (or another
    instance's) SQLite file, whose process would go on writing into a file that no longer has a name."""
    if live_database_of(output):
        raise ExportError(f"{output}: is the annotation database (or one of its files); choose another file name")
    try:
        st = os.stat(output)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_size < 16:
        return
    # Not a database of this process (checked above), so reading its header cannot drop our locks.
    try:
        with open(output, "rb") as fh:
            header = fh.read(16)
    except OSError:
        return
    if header == b"SQLite format 3\x00":
        raise ExportError(f"{output}: is an SQLite database; an export never replaces one. Choose another file name")


class _Cancelled(Exception):
    pass


def export_documents(
    store: Store,
    fmt: Format,
    output: str | os.PathLike[str],
    *,
    include_all: bool = False,
    version: str = FINAL,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportReport:
    """Write the documents of ``store`` to ``output`` in format ``fmt``; see the module docstring."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    output = Path(output)
    _refuse_database(output)
    selection = Selection(include_all, version)
    if version not in (FINAL, EVERY_ANNOTATOR) and version not in store.version_annotators():
        known = ", ".join(store.version_annotators()) or "none: `annotator merge` brings annotators' work in"
        raise ExportError(f"no annotator {version!r} has a version in this database (annotators: {known})")
    report = ExportReport()
    total = selection.count(store)
    tokenizer: Any = None
    if fmt in ("jsonl", "spacy"):  # doccano has character offsets only: no need to load spaCy
        from annotator.nlp import make_tokenizer

        tokenizer = make_tokenizer()

    def items() -> Iterator[tuple[Document, list[Span], list[Relation]]]:
        for n, item in enumerate(selection.documents(store), 1):
            if cancel is not None and cancel():
                raise _Cancelled
            yield item
            if progress is not None:
                progress(n, total)

    try:
        if fmt == "spacy":
            from annotator.io.docbin import write_docbin

            with _replace_when_done(output, "wb", empty=total == 0) as fh:
                write_docbin(fh, items(), tokenizer, report)
        else:
            with _replace_when_done(output, "w", empty=total == 0) as fh:
                writer = _write_jsonl if fmt == "jsonl" else _write_doccano
                for doc, spans, relations in items():
                    writer(fh, doc, spans, relations, tokenizer, report)
    except _Cancelled:
        report.cancelled = True
    except OSError as exc:
        raise ExportError(f"{output}: cannot write the export: {exc.strerror or exc}") from exc
    return report


def _write_jsonl(
    fh: IO[str], doc: Document, spans: list[Span], relations: list[Relation], tokenizer: Any, report: ExportReport
) -> None:
    tokens = Tokens.from_doc(tokenizer(doc.text))
    for span in spans:
        if not tokens.span(span.start, span.end)[2]:
            report.warnings.append(
                f"{describe(doc)}: {span.label} {span.start}..{span.end} {doc.text[span.start:span.end]!r}"
                " does not start and end on token boundaries; token_start/token_end cover the tokens it touches"
            )
    record = build_record(doc, spans, relations, tokens)
    fh.write(dumps(record) + "\n")
    report.written += 1
    report.spans += len(record["spans"])
    report.relations += len(record["relations"])


def _write_doccano(
    fh: IO[str], doc: Document, spans: list[Span], relations: list[Relation], tokenizer: Any, report: ExportReport
) -> None:
    # doccano has no place for a span's status: every entity it reads is a label a person gave. Open
    # suggestions (--all) are left out, so a round trip never turns one into an accepted span.
    open_ = sum(1 for s in spans if s.status is not SpanStatus.ACCEPTED)
    if open_:
        report.suggestions_left_out += open_
        spans = [s for s in spans if s.status is SpanStatus.ACCEPTED]
        relations = [r for r in relations if r.status is SpanStatus.ACCEPTED]
    spans = sorted(spans, key=reading_order)
    ids = {span.key: i for i, span in enumerate(spans, 1)}
    entities = [
        {"id": ids[s.key], "label": s.label, "start_offset": s.start, "end_offset": s.end} for s in spans
    ]
    # A link goes only between entities written: an accepted link to a quote still suggested stays out.
    relations = [r for r in relations if r.head in ids and r.child in ids]
    rels = [
        {"id": i, "from_id": ids[r.head], "to_id": ids[r.child], "type": r.label}
        for i, r in enumerate(sorted(relations, key=lambda r: (r.head, r.child)), 1)
    ]
    # doccano guesses the encoding of an upload and misreads UTF-8 as Windows-1252: ASCII only.
    fh.write(json.dumps({"text": doc.text, "entities": entities, "relations": rels}, ensure_ascii=True) + "\n")
    report.written += 1
    report.spans += len(entities)
    report.relations += len(rels)
