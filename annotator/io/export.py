"""Export training data: our JSONL (Prodigy-compatible), spaCy DocBin, doccano JSONL.

Documents are read in batches (``Store.iter_documents``) and written as they
come, so memory stays flat (the DocBin export holds the compact DocBin only).
The output appears only when complete: it is written next to the target and
renamed over it at the end, so a failed or cancelled export leaves no half file.
"""

from __future__ import annotations

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


@contextmanager
def _replace_when_done(output: Path, mode: str) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``output``; rename it over ``output`` only on success."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{output}: the folder {folder} does not exist")
    if output.is_dir():
        raise ExportError(f"{output}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"{output}: cannot write in {folder}: {exc.strerror}") from exc
    try:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else "utf-8", newline=None if binary else "\n") as fh:
            yield fh
        # mkstemp makes the file private; an export is an ordinary file.
        os.chmod(tmp, output.stat().st_mode & 0o777 if output.exists() else 0o644)
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

            with _replace_when_done(output, "wb") as fh:
                write_docbin(fh, items(), tokenizer, report)
        else:
            with _replace_when_done(output, "w") as fh:
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
    spans = sorted(spans, key=reading_order)
    ids = {span.key: i for i, span in enumerate(spans, 1)}
    entities = [
        {"id": ids[s.key], "label": s.label, "start_offset": s.start, "end_offset": s.end} for s in spans
    ]
    rels = [
        {"id": i, "from_id": ids[r.head], "to_id": ids[r.child], "type": r.label}
        for i, r in enumerate(sorted(relations, key=lambda r: (r.head, r.child)), 1)
    ]
    # doccano guesses the encoding of an upload and misreads UTF-8 as Windows-1252: ASCII only.
    fh.write(json.dumps({"text": doc.text, "entities": entities, "relations": rels}, ensure_ascii=True) + "\n")
    report.written += 1
    report.spans += len(entities)
    report.relations += len(rels)
