"""The store: identity, atomic writes, statuses, suggestions that never clobber people, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core import Document, Relation, Source, Span, SpanStatus
from annotator.core.model import DocStatus
from annotator.store import ConflictError, Store, StoreError
from annotator.store.schema import SCHEMA_VERSION

TEXT = "Mujahid said “We will not allow it” after 50 civilians died."
QUOTE = (13, 35, "QUOTE")
ACTOR = (0, 7, "ACTOR")


def _add(store: Store, text: str = TEXT) -> int:
    doc_id, created = store.add_document(
        Document(text=text, title="t"),
        [Span(*ACTOR), Span(*QUOTE), Span(42, 54, "FIGURE")],
        [Relation(head=QUOTE, child=ACTOR)],
    )
    assert created
    return doc_id


def test_duplicate_text_is_skipped(store: Store) -> None:
    doc_id = _add(store)
    assert store.add_document(Document(text=TEXT)) == (doc_id, False)
    assert store.count_documents() == 1


def test_document_id_is_kept_when_free(store: Store) -> None:
    assert store.add_document(Document(text="a", id=7)) == (7, True)
    new_id, created = store.add_document(Document(text="b", id=7))
    assert created and new_id != 7


def test_spans_and_relations_come_back(store: Store) -> None:
    doc_id = _add(store)
    spans = store.spans(doc_id)
    assert [s.key for s in spans] == [ACTOR, QUOTE, (42, 54, "FIGURE")]
    (rel,) = store.relations(doc_id)
    assert (rel.head, rel.child) == (QUOTE, ACTOR)


def test_bad_relation_rolls_back_the_whole_document(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_document(Document(text=TEXT), [Span(*QUOTE)], [Relation(head=QUOTE, child=ACTOR)])
    assert store.count_documents() == 0
    assert store.db.conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 0


def test_person_edits_mark_document_in_progress(store: Store) -> None:
    doc_id = _add(store)
    span = store.spans(doc_id)[0]
    store.update_span(span.id, status=SpanStatus.ACCEPTED, annotator="alice")  # type: ignore[arg-type]
    doc = store.get_document(doc_id)
    assert doc.status is DocStatus.IN_PROGRESS and doc.annotator == "alice"
    assert store.get_span(span.id).annotator == "alice"  # type: ignore[arg-type]
    assert "alice" in store.annotators()


def test_accept_all_accepts_spans_and_relations(store: Store) -> None:
    doc_id = _add(store)
    change = store.accept_all(doc_id, "bob")
    assert len(change.spans_after) == 3 and len(change.relations_after) == 1
    assert {s.status for s in store.spans(doc_id)} == {SpanStatus.ACCEPTED}
    assert store.relations(doc_id)[0].status is SpanStatus.ACCEPTED


def test_delete_span_removes_its_relation_and_restore_brings_both_back(store: Store) -> None:
    doc_id = _add(store)
    actor = store.spans(doc_id)[0]
    rel = store.relations(doc_id)[0]
    store.delete_span(actor.id, annotator="alice")  # type: ignore[arg-type]
    assert store.relations(doc_id) == []
    store.restore_spans([actor], [rel])
    assert store.spans(doc_id)[0].id == actor.id
    assert store.relations(doc_id)[0].child == ACTOR


def test_set_speaker_replaces_and_unlinks(store: Store) -> None:
    doc_id = _add(store)
    quote = next(s for s in store.spans(doc_id) if s.label == "QUOTE")
    made = store.add_span(doc_id, Span(42, 54, "ACTOR", SpanStatus.ACCEPTED, Source.ANNOTATOR, "alice", "alice"))
    other = made.span((42, 54, "ACTOR"))
    change = store.set_speaker(quote.id, other.id, "alice")  # type: ignore[arg-type, union-attr]
    (rel,) = change.relations_after
    assert rel.child == (42, 54, "ACTOR") and rel.status is SpanStatus.ACCEPTED
    assert rel == store.speaker_of(quote.id)  # type: ignore[arg-type]
    assert len(store.relations(doc_id)) == 1
    unlinked = store.set_speaker(quote.id, None, "alice")  # type: ignore[arg-type]
    assert unlinked.relations_before == (rel,) and not unlinked.relations_after
    assert store.relations(doc_id) == []


def test_suggestions_never_duplicate_nor_touch_decided_spans(store: Store) -> None:
    doc_id = _add(store)
    actor, _quote, figure = store.spans(doc_id)
    store.update_span(actor.id, status=SpanStatus.REJECTED, annotator="alice")  # type: ignore[arg-type]
    store.update_span(figure.id, status=SpanStatus.ACCEPTED, annotator="alice")  # type: ignore[arg-type]
    again = [Span(*ACTOR), Span(*QUOTE), Span(42, 54, "FIGURE"), Span(45, 54, "ACTOR")]
    assert store.save_suggestions(doc_id, again) == 1
    assert store.save_suggestions(doc_id, again) == 0
    by_key = {s.key: s for s in store.spans(doc_id)}
    assert by_key[ACTOR].status is SpanStatus.REJECTED
    assert by_key[(42, 54, "FIGURE")].status is SpanStatus.ACCEPTED
    # --redo refreshes open suggestions only.
    assert store.save_suggestions(doc_id, [Span(*QUOTE)], redo=True) == 1
    assert {s.key for s in store.spans(doc_id)} == {ACTOR, QUOTE, (42, 54, "FIGURE")}


def test_suggestions_over_a_span_a_person_drew_give_way_to_it(store: Store) -> None:
    """Spans drawn while the suggester ran: a suggestion of their label that overlaps one is left out,
    and the suggested quote's speaker is the person's span (found by a new-user test: both were kept,
    and Accept all would have exported the duplicate)."""
    text = "Senator Maria Lopez said “We will not allow it” after 50 civilians died."
    doc_id, _ = store.add_document(Document(text=text, title="t"))
    drawn = Span(0, 19, "ACTOR", status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, annotator="alice")
    store.add_span(doc_id, drawn, retire_overlapping=True)
    quote = (25, 47, "QUOTE")
    suggested = [Span(8, 19, "ACTOR"), Span(*quote), Span(54, 66, "FIGURE")]
    assert store.save_suggestions(doc_id, suggested, [Relation(head=quote, child=(8, 19, "ACTOR"))]) == 2
    assert {s.key: s.status for s in store.spans(doc_id)} == {
        (0, 19, "ACTOR"): SpanStatus.ACCEPTED, quote: SpanStatus.SUGGESTED, (54, 66, "FIGURE"): SpanStatus.SUGGESTED,
    }
    [speaker] = store.relations(doc_id)
    assert (speaker.head, speaker.child) == (quote, (0, 19, "ACTOR"))
    # A suggestion with the very key of the person's span is no duplicate either, and another label is kept.
    assert store.save_suggestions(doc_id, [Span(0, 19, "ACTOR"), Span(8, 19, "FIGURE")]) == 1


def test_expected_version_detects_concurrent_edit(store: Store) -> None:
    doc_id = _add(store)
    version = store.document_version(doc_id)
    span = store.spans(doc_id)[0]
    store.update_span(span.id, status=SpanStatus.ACCEPTED, annotator="alice", expect_version=version)  # type: ignore[arg-type]
    with pytest.raises(ConflictError):
        store.update_span(span.id, status=SpanStatus.REJECTED, annotator="bob", expect_version=version)  # type: ignore[arg-type]
    assert store.get_span(span.id).status is SpanStatus.ACCEPTED  # type: ignore[arg-type]


def test_list_documents_counts_without_text(store: Store) -> None:
    doc_id = _add(store)
    store.add_document(Document(text="Another article about 100% of something.", title="second"))
    summaries = store.list_documents()
    assert [s.id for s in summaries] == [doc_id, doc_id + 1]
    assert (summaries[0].n_suggested, summaries[0].n_accepted) == (3, 0)
    assert [s.title for s in store.list_documents(search="100%")] == ["second"]
    assert store.list_documents(search="_") == []  # LIKE wildcards are literal


def test_stats(store: Store) -> None:
    doc_id = _add(store)
    store.set_document_status(doc_id, DocStatus.DONE, "alice")
    stats = store.stats()
    assert stats["documents"]["done"] == 1 and stats["documents"]["total"] == 1
    assert stats["spans"]["QUOTE"]["suggested"] == 1
    assert stats["annotators"]["alice"]["documents_done"] == 1


def test_iter_documents_streams_in_id_order(store: Store) -> None:
    for i in range(5):
        store.add_document(Document(text=f"article {i}"))
    assert [d.text for d in store.iter_documents(batch=2)] == [f"article {i}" for i in range(5)]


def test_file_database_uses_wal_and_foreign_keys(db_path: Path) -> None:
    with Store.open(db_path) as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE other (x)")
    conn.close()
    with pytest.raises(StoreError, match="not an annotator database"):
        Store.open(db_path)


def test_not_sqlite_is_refused(db_path: Path) -> None:
    db_path.write_text("just some notes")
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(db_path)
    assert db_path.read_text() == "just some notes"


def test_backup_and_check(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        _add(store)
        assert store.check() == []
        store.backup(tmp_path / "copy.db")
        with pytest.raises(StoreError, match="already exists"):
            store.backup(tmp_path / "copy.db")
    with Store.open(tmp_path / "copy.db") as copy:
        assert copy.count_documents() == 1


def test_readonly_store_refuses_writes(db_path: Path) -> None:
    with Store.open(db_path) as store:
        _add(store)
    with Store.open(db_path, readonly=True) as ro:
        assert ro.count_documents() == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.set_setting("x", "y")


def test_a_document_suggested_with_nothing_found_counts_as_suggested(store: Store) -> None:
    doc_id, _ = store.add_document(Document(text="Nothing to find here."))
    assert store.suggested_document_ids() == set()
    assert store.save_suggestions(doc_id, []) == 0
    assert store.suggested_document_ids() == {doc_id}


def test_old_database_is_migrated_in_place(db_path: Path) -> None:
    """A database made by the first schema gets the later migrations, data kept."""
    from sqlite_utils import Database

    from annotator.store.schema import APPLICATION_ID, migrations

    db = Database(db_path)
    migrations.apply(db, stop_before="m002_document_suggested")
    db.execute(
        "INSERT INTO documents (id, hash, text, n_chars, created, updated) VALUES (1, 'h', 'Mujahid said.', 13, 5, 5)"
    )
    db.execute(
        "INSERT INTO spans (doc_id, start, \"end\", label, status, source, created, updated)"
        " VALUES (1, 0, 7, 'ACTOR', 'suggested', 'model', 5, 5)"
    )
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.close()
    with Store.open(db_path) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.suggested_document_ids() == {1}
        assert [s.key for s in store.spans(1)] == [(0, 7, "ACTOR")]


# ------------------------------------------------ decisions carry the spans' relations along


def _suggested(store: Store) -> tuple[int, Span, Span]:
    """A document whose quote, actor and SPEAKER link are all open suggestions."""
    doc_id, _ = store.add_document(Document(text=TEXT, title="t"))
    store.save_suggestions(
        doc_id, [Span(*ACTOR), Span(*QUOTE), Span(42, 54, "FIGURE")], [Relation(head=QUOTE, child=ACTOR)]
    )
    by_key = {s.key: s for s in store.spans(doc_id)}
    return doc_id, by_key[QUOTE], by_key[ACTOR]


def _exported_relations(store: Store, tmp_path: Path) -> list[dict]:
    import json

    from annotator.io.export import export_documents

    output = tmp_path / "out.jsonl"
    export_documents(store, "jsonl", output)
    return [r for line in output.read_text(encoding="utf-8").splitlines() for r in json.loads(line)["relations"]]


def test_accepting_a_quote_accepts_its_suggested_speaker(store: Store, tmp_path: Path) -> None:
    doc_id, quote, actor = _suggested(store)
    store.update_span(quote.id, annotator="alice", status=SpanStatus.ACCEPTED)  # type: ignore[arg-type]
    (rel,) = store.relations(doc_id)
    assert rel.status is SpanStatus.ACCEPTED
    assert store.get_span(actor.id).status is SpanStatus.ACCEPTED  # type: ignore[arg-type]
    store.set_document_status(doc_id, DocStatus.DONE, "alice")
    assert [(r["label"], r["head_span"]["start"]) for r in _exported_relations(store, tmp_path)] == [("SPEAKER", 13)]


def test_accepting_a_quote_leaves_a_rejected_speaker_rejected(store: Store) -> None:
    doc_id, quote, actor = _suggested(store)
    store.update_span(actor.id, annotator="alice", status=SpanStatus.REJECTED)  # type: ignore[arg-type]
    assert store.relations(doc_id)[0].status is SpanStatus.REJECTED, "rejecting a span rejects its relations"
    store.update_span(quote.id, annotator="alice", status=SpanStatus.ACCEPTED)  # type: ignore[arg-type]
    assert store.get_span(actor.id).status is SpanStatus.REJECTED  # type: ignore[arg-type]
    assert store.relations(doc_id)[0].status is SpanStatus.REJECTED


def test_rejecting_a_quote_rejects_its_speaker_relation(store: Store) -> None:
    doc_id, quote, actor = _suggested(store)
    store.update_span(quote.id, annotator="alice", status=SpanStatus.REJECTED)  # type: ignore[arg-type]
    (rel,) = store.relations(doc_id)
    assert rel.status is SpanStatus.REJECTED
    assert store.get_span(actor.id).status is SpanStatus.SUGGESTED, "the actor is still an open suggestion"


def test_set_speaker_accepts_both_ends(store: Store, tmp_path: Path) -> None:
    doc_id, quote, actor = _suggested(store)
    store.set_speaker(quote.id, actor.id, "alice")  # type: ignore[arg-type]
    assert store.get_span(actor.id).status is SpanStatus.ACCEPTED  # type: ignore[arg-type]
    assert store.get_span(quote.id).status is SpanStatus.ACCEPTED  # type: ignore[arg-type]
    store.set_document_status(doc_id, DocStatus.DONE, "alice")
    assert len(_exported_relations(store, tmp_path)) == 1


def test_redo_suggestions_keep_the_spans_of_a_persons_relation(store: Store) -> None:
    doc_id, quote, actor = _suggested(store)
    # A person links the quote to the actor; say the actor stays a suggestion (an older database).
    store.set_speaker(quote.id, actor.id, "alice")  # type: ignore[arg-type]
    store.db.conn.execute("UPDATE spans SET status = 'suggested' WHERE id = ?", (actor.id,))
    store.save_suggestions(doc_id, [Span(42, 54, "FIGURE")], redo=True)
    rel = store.speaker_of(quote.id)  # type: ignore[arg-type]
    assert rel is not None and rel.child == ACTOR and rel.status is SpanStatus.ACCEPTED


def test_redo_suggestions_drop_open_suggestions(store: Store) -> None:
    doc_id, _quote, _actor = _suggested(store)
    store.save_suggestions(doc_id, [Span(42, 54, "FIGURE")], redo=True)
    assert [s.key for s in store.spans(doc_id)] == [(42, 54, "FIGURE")]
    assert store.relations(doc_id) == []


def test_relabelling_drops_the_spans_relations(store: Store) -> None:
    doc_id, quote, actor = _suggested(store)
    store.update_span(actor.id, annotator="alice", label="FIGURE")  # type: ignore[arg-type]
    assert store.relations(doc_id) == [], "a SPEAKER must point from a QUOTE to an ACTOR"
    store.update_span(quote.id, annotator="alice", status=SpanStatus.ACCEPTED)  # type: ignore[arg-type]
    assert store.get_span(actor.id).label == "FIGURE"  # type: ignore[arg-type]


def test_relabelling_onto_a_rejected_span_replaces_it(store: Store) -> None:
    from annotator.store import SpanExistsError

    doc_id, _ = store.add_document(Document(text=TEXT, title="t"))
    store.save_suggestions(doc_id, [Span(0, 7, "FIGURE"), Span(*ACTOR)])
    by_key = {s.key: s for s in store.spans(doc_id)}
    figure, actor = by_key[(0, 7, "FIGURE")], by_key[ACTOR]
    store.update_span(figure.id, annotator="alice", status=SpanStatus.REJECTED)  # type: ignore[arg-type]
    moved = store.update_span(actor.id, annotator="alice", label="FIGURE").span((0, 7, "FIGURE"))  # type: ignore[arg-type]
    assert moved.key == (0, 7, "FIGURE") and moved.id == actor.id
    assert [s.id for s in store.spans(doc_id)] == [actor.id]
    # Onto an accepted span: a typed error, nothing changed.
    store.add_span(doc_id, Span(*ACTOR, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, annotator="alice"))
    before = store.spans(doc_id)
    with pytest.raises(SpanExistsError):
        store.update_span(actor.id, annotator="alice", label="ACTOR")  # type: ignore[arg-type]
    assert store.spans(doc_id) == before


def test_restore_spans_checks_the_version_and_keeps_relation_times(store: Store) -> None:
    doc_id, _quote, _actor = _suggested(store)
    (rel,) = store.relations(doc_id)
    old = rel.replace(created=1000, updated=2000)
    version = store.document_version(doc_id)
    with pytest.raises(ConflictError):
        store.restore_spans([], [old], expect_version=version - 1, annotator="alice")
    store.restore_spans([], [old], expect_version=version, annotator="alice")
    (back,) = store.relations(doc_id)
    assert (back.created, back.updated) == (1000, 2000)
    assert store.document_version(doc_id) == version + 1
    assert store.get_document(doc_id).status is DocStatus.IN_PROGRESS


# ------------------------------------------------------- add_documents (batch)


def test_add_documents_gives_what_add_document_gives_one_by_one(tmp_path: Path) -> None:
    """Duplicates (stored before, or twice in the batch), kept and taken ids, annotators: same results, same rows."""
    docs = [
        Document(text="already stored"),
        Document(text="first", title="t1", meta={"section": "world"}),
        Document(text="first"),  # twice in the same batch
        Document(text="keeps its id", id=40),
        Document(text="wants a taken id", id=1),
        Document(text="after the kept id", annotator="alice", status=DocStatus.DONE, created=5),
    ]
    one, many = Store.open(tmp_path / "one.db"), Store.open(tmp_path / "many.db")
    for s in (one, many):
        s.add_document(Document(text="already stored"))
    expected = [one.add_document(d) for d in docs]
    assert many.add_documents(docs) == expected
    assert expected[0] == (1, False) and expected[2] == (expected[1][0], False) and expected[3] == (40, True)
    rows = "SELECT id, hash, title, source, meta, text, n_chars, status, annotator FROM documents ORDER BY id"
    assert many.db.conn.execute(rows).fetchall() == one.db.conn.execute(rows).fetchall()
    assert many.get_document(expected[5][0]).created == 5
    assert many.annotators() == ["alice"] and many.check() == []


def test_add_documents_is_one_transaction(store: Store) -> None:
    """A failure anywhere in the batch stores none of it (the importer relies on this for whole batches)."""
    with pytest.raises(ValueError), store.atomic():
        store.add_documents([Document(text=f"article {i}") for i in range(1200)])  # more than one lookup chunk
        raise ValueError("stop")
    assert store.count_documents() == 0
    results = store.add_documents([Document(text=f"article {i}") for i in range(1200)])
    assert [doc_id for doc_id, _ in results] == list(range(1, 1201)) and all(created for _, created in results)
    assert store.add_documents([Document(text="article 1199"), Document(text="new")]) == [(1200, False), (1201, True)]


def test_every_migration_is_recorded_by_its_name(db_path: Path) -> None:
    """sqlite-utils keeps applied migrations by name: both m002_ names are recorded, none is pending."""
    from annotator.store.schema import migrations

    with Store.open(db_path) as store:
        names = [m.name for m in migrations.applied(store.db)]
        assert not migrations.pending(store.db)
    assert len(names) == SCHEMA_VERSION
    assert {"m002_list_and_stats_indexes", "m002_document_suggested"} <= set(names)
