"""The database schema, as named migrations applied in order.

Add a migration at the end; never edit or rename one that has shipped: sqlite-utils
records applied migrations by name (``migrations.applied(db)``/``pending(db)``), so a
renamed one would run again on every existing database. ``SCHEMA_VERSION`` is the
number of migrations and is written to ``PRAGMA user_version`` so a database made
by newer code is recognised and refused.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x4E535041  # "NSPA": marks a file as ours in the SQLite header

migrations = Migrations("annotator")


@migrations()
def m001_initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE annotators (
            name TEXT PRIMARY KEY,
            created INTEGER NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            meta TEXT NOT NULL DEFAULT '{}',
            text TEXT NOT NULL,
            n_chars INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            annotator TEXT REFERENCES annotators(name),
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX documents_status ON documents(status)")
    db.execute(
        """
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL CHECK (source IN ('model', 'rule', 'import', 'annotator')),
            source_name TEXT NOT NULL DEFAULT '',
            annotator TEXT REFERENCES annotators(name),
            confidence REAL,
            kind TEXT,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            CHECK (start >= 0 AND start < "end"),
            UNIQUE (doc_id, start, "end", label)
        )"""
    )
    db.execute("CREATE INDEX spans_status ON spans(status, label)")
    db.execute(
        """
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            head_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            child_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL CHECK (source IN ('model', 'rule', 'import', 'annotator')),
            source_name TEXT NOT NULL DEFAULT '',
            annotator TEXT REFERENCES annotators(name),
            confidence REAL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            UNIQUE (head_id, label)
        )"""
    )
    db.execute("CREATE INDEX relations_doc ON relations(doc_id)")
    db.execute("CREATE INDEX relations_child ON relations(child_id)")
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )


# Two migrations start with "m002_": both shipped under these names and are recorded by name in
# existing databases, so they keep them (they run in the order they are registered here).
@migrations()
def m002_list_and_stats_indexes(db: Database) -> None:
    # Covering indexes so the document list and stats never read article texts or whole span
    # rows: 100,000 documents with 2,000,000 spans list in ~0.3 s instead of ~1.3 s (benchmarks/).
    db.execute("CREATE INDEX documents_list ON documents(id, title, status, n_chars, annotator, updated)")
    db.execute("CREATE INDEX documents_status_annotator ON documents(status, annotator)")
    db.execute("CREATE INDEX spans_doc_status ON spans(doc_id, status)")
    db.execute("CREATE INDEX spans_annotator ON spans(annotator)")
    db.execute("CREATE INDEX relations_status ON relations(label, status)")


@migrations()
def m002_document_suggested(db: Database) -> None:
    """When suggestions were last saved for a document: `suggest` skips those without scanning spans.

    Indexed, because the column sits after the text in each row and a scan would read every text.
    """
    db.execute("ALTER TABLE documents ADD COLUMN suggested INTEGER")
    db.execute(
        "UPDATE documents SET suggested = updated WHERE id IN"
        " (SELECT DISTINCT doc_id FROM spans WHERE source IN ('model', 'rule'))"
    )
    db.execute("CREATE INDEX documents_suggested ON documents(suggested)")


@migrations()
def m004_annotator_versions(db: Database) -> None:
    """Each annotator's own version of a document, brought in by ``merge``, kept apart from the rest.

    The main tables hold the working (in a team database: the reviewed, final) version; these
    hold one version per document and annotator, with that person's own status, so that two
    people's decisions never share a row. ``fingerprint`` is a hash of the version's content:
    merging the same database again finds it unchanged and writes nothing.
    """
    db.execute(
        """
        CREATE TABLE versions (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators(name),
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            updated INTEGER NOT NULL,
            origin TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL,
            merged INTEGER NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        )"""
    )
    db.execute("CREATE INDEX versions_annotator ON versions(annotator, status)")
    db.execute(
        """
        CREATE TABLE version_spans (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL,
            annotator TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL CHECK (source IN ('model', 'rule', 'import', 'annotator')),
            source_name TEXT NOT NULL DEFAULT '',
            confidence REAL,
            kind TEXT,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            CHECK (start >= 0 AND start < "end"),
            UNIQUE (doc_id, annotator, start, "end", label),
            FOREIGN KEY (doc_id, annotator) REFERENCES versions(doc_id, annotator) ON DELETE CASCADE
        )"""
    )
    db.execute(
        """
        CREATE TABLE version_relations (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL,
            annotator TEXT NOT NULL,
            label TEXT NOT NULL,
            head_id INTEGER NOT NULL REFERENCES version_spans(id) ON DELETE CASCADE,
            child_id INTEGER NOT NULL REFERENCES version_spans(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL CHECK (source IN ('model', 'rule', 'import', 'annotator')),
            source_name TEXT NOT NULL DEFAULT '',
            confidence REAL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            UNIQUE (head_id, label),
            FOREIGN KEY (doc_id, annotator) REFERENCES versions(doc_id, annotator) ON DELETE CASCADE
        )"""
    )
    db.execute("CREATE INDEX version_relations_child ON version_relations(child_id)")


# Every migration is pending on an empty database: their number, through sqlite-utils' own API.
SCHEMA_VERSION = len(migrations.pending(Database(memory=True)))
