"""Team work between databases: ``assign`` splits a corpus into one database per annotator,
``merge`` brings their databases together into a team database, each person's work apart.

Documents are matched by the hash of their text. An annotator's work arrives as their
*version* of a document (Store.put_version), never mixed into anyone else's rows, and the
same database merged twice changes nothing. A source database is never written to: it is
copied (SQLite's backup API, a consistent snapshot even while someone has it open) to a
temporary file, and the copy is brought up to the current schema, so that databases made
by older versions of the program merge too.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import DocStatus, Document, Relation, Source, SpanStatus
from annotator.core.text import counted
from annotator.store import Store, StoreError

OWNER_SETTING = "team.annotator"
"""The setting ``assign`` writes into each annotator's database: whose work it holds."""

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
Progress = Callable[[int, int], None]


class TeamError(Exception):
    """Merge or assign cannot start (a bad name, a file that exists or is not a database); nothing was written."""


# ---------------------------------------------------------------------- merge


@dataclass
class SourceReport:
    path: str
    documents_added: int = 0
    documents_known: int = 0
    untouched: int = 0  # documents nobody had worked on in that database: no version to bring
    results: Counter[str] = field(default_factory=Counter)  # added / updated / unchanged / older
    annotators: set[str] = field(default_factory=set)

    def summary(self) -> str:
        versions = ", ".join(f"{self.results[k]} {k}" for k in ("added", "updated", "unchanged", "older"))
        names = ", ".join(sorted(self.annotators)) or "nobody"
        text = (
            f"{self.path}: {counted(self.documents_added, 'new document')}, {self.documents_known} already there;"
            f" versions by {names}: {versions}"
        )
        if self.results["older"]:
            text += " (older than the versions already merged: kept the newer ones)"
        if self.untouched:
            text += f"; {counted(self.untouched, 'document')} nobody had started"
        return text


@contextmanager
def snapshot(path: Path) -> Iterator[Store]:
    """A migrated, private copy of the database at ``path``; the file itself is only read."""
    if not path.is_file():
        raise TeamError(f"{path}: no such database file")
    # Read through SQLite only, never with plain file I/O: the source may be open in this process,
    # and closing any descriptor on it would drop SQLite's locks (store/files.py).
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as folder:
        copy = Path(folder) / "snapshot.db"
        try:
            source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                target = sqlite3.connect(copy)
                with target:
                    source.backup(target)
                target.close()
            finally:
                source.close()
        except sqlite3.DatabaseError as exc:
            code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
            if code == sqlite3.SQLITE_NOTADB:
                raise TeamError(f"{path}: not an SQLite database") from exc
            raise TeamError(f"{path}: cannot read the database: {exc}") from exc
        try:
            store = Store.open(copy)
        except StoreError as exc:
            raise TeamError(str(exc).replace(str(copy), str(path))) from exc
        try:
            yield store
        finally:
            store.close()


def merge_databases(team: Store, sources: Sequence[str | os.PathLike[str]]) -> list[SourceReport]:
    """Bring each source database into ``team``; each source is merged whole or not at all."""
    paths = [Path(p) for p in sources]
    team_file = None if team.path == ":memory:" else Path(team.path).resolve()
    for path in paths:
        if team_file is not None and path.exists() and path.resolve() == team_file:
            raise TeamError(f"{path}: is the team database itself; name the annotators' databases to merge")
    reports = []
    for path in paths:
        with snapshot(path) as source:
            report = SourceReport(str(path))
            with team.atomic():
                _merge_one(team, source, str(path), report)
            reports.append(report)
    return reports


def _merge_one(team: Store, source: Store, origin: str, report: SourceReport) -> None:
    owner = source.get_setting(OWNER_SETTING)
    has_versions = source.has_versions()
    for doc in source.iter_documents():
        assert doc.id is not None
        # The hash is computed again from the text, not read from the source: that is what matches.
        team_id, created = team.add_document(
            Document(text=doc.text, title=doc.title, source=doc.source, meta=doc.meta, id=doc.id)
        )
        if created:
            report.documents_added += 1
        else:
            report.documents_known += 1
        spans = source.spans(doc.id)
        name = owner or doc.annotator or next((s.annotator for s in spans if s.annotator), None)
        touched = doc.status is not DocStatus.NEW or any(s.status is not SpanStatus.SUGGESTED for s in spans)
        if name and touched:
            relations = source.relations(doc.id)
            result = team.put_version(
                team_id, name, doc.status, spans, relations, updated=doc.updated, origin=origin
            )
            report.results[result] += 1
            report.annotators.add(name)
        # A team database merged into another brings its annotators' versions along.
        carried = source.versions(doc.id) if has_versions else []
        if not (name and touched) and not carried:
            report.untouched += 1
        for version in carried:
            result = team.put_version(
                team_id, version.annotator, version.status, version.spans, version.relations,
                updated=version.updated, origin=version.origin or origin,
            )
            report.results[result] += 1
            report.annotators.add(version.annotator)


# --------------------------------------------------------------------- assign


@dataclass
class AssignReport:
    files: dict[str, Path] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    shared: int = 0
    total: int = 0

    def summary(self) -> str:
        lines = [
            f"assigned {counted(self.total, 'document')}, {self.shared} of them to more than one annotator"
        ]
        lines += [
            f"  {name}: {counted(self.documents[name], 'document')} in {path}" for name, path in self.files.items()
        ]
        return "\n".join(lines)


def plan_assignment(
    doc_ids: Sequence[int], annotators: Sequence[str], *, overlap: float, per_document: int = 2, seed: int = 0
) -> dict[str, list[int]]:
    """Which documents each annotator gets: a share ``overlap`` of them goes to ``per_document``
    annotators (the ones with least work so far), the rest to one each; deterministic for a seed."""
    if not 0 <= overlap <= 1:
        raise TeamError(f"--overlap must be between 0 and 1 (a share of the documents), got {overlap}")
    if overlap > 0 and not 2 <= per_document <= len(annotators):
        raise TeamError(
            f"an overlap needs at least {max(per_document, 2)} annotators per shared document and as many"
            f" annotators; got {len(annotators)} annotator(s) and --per-document {per_document}"
        )
    order = list(doc_ids)
    random.Random(seed).shuffle(order)
    n_shared = round(overlap * len(order))
    plan: dict[str, list[int]] = {name: [] for name in annotators}
    for i, doc_id in enumerate(order):
        copies = per_document if i < n_shared else 1
        # Least loaded first; ties go round the team so that pairs vary.
        chosen = sorted(annotators, key=lambda n: (len(plan[n]), (annotators.index(n) - i) % len(annotators)))
        for name in chosen[:copies]:
            plan[name].append(doc_id)
    for ids in plan.values():
        ids.sort()
    return plan


def assign_documents(
    store: Store,
    annotators: Sequence[str],
    output_dir: str | os.PathLike[str],
    *,
    overlap: float,
    per_document: int = 2,
    seed: int = 0,
    progress: Progress | None = None,
) -> AssignReport:
    """Write one database per annotator into ``output_dir`` with the documents planned for them.

    Each copy holds the documents (same ids and texts) and the corpus's open suggestions and
    accepted spans, all as suggestions: every annotator decides for themselves.
    """
    names = list(annotators)
    for name in names:
        if not NAME_PATTERN.match(name):
            raise TeamError(
                f"annotator name {name!r}: use letters, digits, '.', '_' or '-' (it names the database file)"
            )
    if len(set(names)) != len(names):
        raise TeamError("an annotator is named twice")
    folder = Path(output_dir)
    if not folder.is_dir():
        raise TeamError(f"{folder}: no such folder (create it first)")
    files = {name: folder / f"{name}.db" for name in names}
    existing = [str(p) for p in files.values() if p.exists()]
    if existing:
        raise TeamError(f"{', '.join(existing)}: already exists; nothing was written (choose another folder)")
    plan = plan_assignment(store.document_ids(), names, overlap=overlap, per_document=per_document, seed=seed)
    report = AssignReport(files=files, total=store.count_documents())
    copies = Counter(doc_id for ids in plan.values() for doc_id in ids)
    report.shared = sum(1 for n in copies.values() if n > 1)
    total, done = sum(len(ids) for ids in plan.values()), 0
    suggested = store.suggested_document_ids()
    for name, ids in plan.items():
        with Store.open(files[name]) as out:
            out.set_setting(OWNER_SETTING, name)
            with out.atomic():
                for doc_id in ids:
                    _copy_document(store, out, doc_id, doc_id in suggested)
                    done += 1
                    if progress is not None:
                        progress(done, total)
        report.documents[name] = len(ids)
    return report


def _copy_document(store: Store, out: Store, doc_id: int, suggested: bool) -> None:
    doc = store.get_document(doc_id)
    open_statuses = (SpanStatus.SUGGESTED, SpanStatus.ACCEPTED)
    spans = [
        s.replace(id=None, doc_id=None, status=SpanStatus.SUGGESTED, annotator=None, created=None, updated=None)
        for s in store.spans(doc_id, statuses=open_statuses)
    ]
    keys = {s.key for s in spans}
    relations = [
        Relation(
            r.head, r.child, r.label, status=SpanStatus.SUGGESTED,
            source=r.source if r.source is not Source.ANNOTATOR else Source.IMPORT,
            source_name=r.source_name, confidence=r.confidence,
        )
        for r in store.relations(doc_id)
        if r.status in open_statuses and r.head in keys and r.child in keys
    ]
    new_id, _ = out.add_document(
        Document(text=doc.text, title=doc.title, source=doc.source, meta=doc.meta, id=doc.id, hash=doc.hash)
    )
    if suggested or spans:
        # As suggestions, so the copy also knows that `suggest` has run on the document.
        out.save_suggestions(new_id, spans, relations)
