"""Team work: merge keeps each annotator apart, agreement numbers, majority review, assign."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from annotator.core.agreement import compute_agreement, nominal_alpha
from annotator.core.model import DocStatus, Document, Relation, Source, Span, SpanStatus
from annotator.core.review import majority
from annotator.core.team import AnnotatorVersion
from annotator.store import Store, StoreError
from annotator.store.paths import filesystem_type, refuse_network_filesystem
from annotator.work.agreement import team_agreement
from annotator.work.review import auto_review
from annotator.work.team import OWNER_SETTING, TeamError, merge_databases, plan_assignment

TEXT = "Officials said “the talks failed,” and Khan said 50 soldiers died near Kabul on Monday."
#       0         1         2         3         4         5         6         7         8
QUOTE = (15, 34, "QUOTE")  # “the talks failed,”
OFFICIALS = (0, 9, "ACTOR")
KHAN = (39, 43, "ACTOR")
FIGURE = (49, 60, "FIGURE")  # 50 soldiers


def acc(key: tuple[int, int, str], **kw: object) -> Span:
    return Span(key[0], key[1], key[2], status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR, **kw)  # type: ignore[arg-type]


def version(name: str, spans: list[Span], speakers: dict | None = None, *, doc_id: int = 1,
            status: DocStatus = DocStatus.DONE) -> AnnotatorVersion:
    rels = [
        Relation(q, a, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR) for q, a in (speakers or {}).items()
    ]
    return AnnotatorVersion(doc_id, name, status, spans, rels)


def test_text_offsets_used_by_these_tests() -> None:
    assert TEXT[QUOTE[0]:QUOTE[1]] == "“the talks failed,”"
    assert TEXT[KHAN[0]:KHAN[1]] == "Khan" and TEXT[FIGURE[0]:FIGURE[1]] == "50 soldiers"


# ------------------------------------------------------------------------------- alpha


def test_nominal_alpha_matches_krippendorffs_published_example() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
    12 units, missing values, nominal: alpha = 0.743."""
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [(1.0, [row[u] for row in rows]) for u in range(12)]
    assert nominal_alpha(units) == pytest.approx(0.743, abs=0.0005)


def test_nominal_alpha_matches_the_krippendorff_package_readme_example() -> None:
    """The example in the README of the `krippendorff` package (from Krippendorff's own text): nominal 0.691."""
    text = [
        "*    *    *    *    *    3    4    1    2    1    1    3    3    *    3",
        "1    *    2    1    3    3    4    3    *    *    *    *    *    *    *",
        "*    *    2    1    3    4    4    *    2    1    1    3    3    *    4",
    ]
    rows = [[None if v == "*" else int(v) for v in line.split()] for line in text]
    units = [(1.0, [row[u] for row in rows]) for u in range(len(rows[0]))]
    assert nominal_alpha(units) == pytest.approx(0.691, abs=0.0005)


def test_weighted_runs_equal_the_krippendorff_package_on_characters() -> None:
    """Our alpha over runs of characters equals the `krippendorff` package over single characters."""
    krippendorff = pytest.importorskip("krippendorff")
    import numpy as np

    rng = random.Random(7)
    docs, columns = [], []
    for doc_id in range(1, 6):
        n = rng.randint(60, 120)
        versions = []
        for name in ("ann", "bob", "cat"):
            spans = []
            for _ in range(rng.randint(0, 4)):
                start = rng.randrange(0, n - 5)
                spans.append(acc((start, start + rng.randint(1, 15), rng.choice(["ACTOR", "QUOTE"]))))
            spans = list({s.key: s for s in spans if s.end <= n}.values())
            status = DocStatus.SKIPPED if (doc_id == 3 and name == "cat") else DocStatus.DONE
            versions.append(version(name, spans, doc_id=doc_id, status=status))
        finished = [v for v in versions if v.finished]
        docs.append((doc_id, "", n, finished))
        # the reference: one column per character, one row per annotator, NaN where not finished
        block = np.full((3, n), np.nan)
        for row, v in enumerate(versions):
            if v.finished:
                block[row] = [int(any(s.start <= c < s.end for s in v.accepted("ACTOR"))) for c in range(n)]
        columns.append(block)
    ours = compute_agreement(docs, ["ACTOR", "QUOTE"]).alpha["ACTOR"]
    reference = krippendorff.alpha(reliability_data=np.hstack(columns), level_of_measurement="nominal")
    assert ours == pytest.approx(reference, abs=1e-9)


# --------------------------------------------------------------------------- agreement


def test_two_annotators_same_span_labelled_differently_and_nested_spans() -> None:
    ann = version("ann", [acc(OFFICIALS), acc(QUOTE), acc((40, 43, "ACTOR")), acc(FIGURE)])
    bob = version("bob", [acc(OFFICIALS), acc(QUOTE), acc(KHAN), acc((49, 60, "ACTOR")), acc((16, 26, "ACTOR"))])
    result = compute_agreement([(1, "t", len(TEXT), [ann, bob])], ["ACTOR", "QUOTE", "FIGURE"])
    actor = result.label_counts("ACTOR")
    # ACTOR: ann {Officials, "han"}, bob {Officials, Khan, "50 soldiers", "the talks" (nested in the quote)}
    assert (actor.a, actor.b, actor.exact) == (2, 4, 1)
    assert actor.exact_f1 == pytest.approx(2 * 1 / 6)
    # overlap: both of ann's overlap one of bob's; 2 of bob's 4 overlap one of ann's -> P=1, R=0.5
    assert actor.overlap_f1 == pytest.approx(2 * 1 * 0.5 / 1.5)
    # the same span labelled FIGURE by ann and ACTOR by bob is a match for neither label
    figure = result.label_counts("FIGURE")
    assert (figure.a, figure.b, figure.exact, figure.exact_f1, figure.overlap_f1) == (1, 0, 0, 0.0, 0.0)
    assert result.label_counts("QUOTE").exact_f1 == 1.0
    assert result.documents[0].disagreements == 5  # han, Khan, FIGURE 49-60, ACTOR 49-60, the talks


def test_quote_with_different_speakers() -> None:
    spans = [acc(OFFICIALS), acc(QUOTE), acc(KHAN)]
    ann = version("ann", spans, {QUOTE: OFFICIALS})
    bob = version("bob", spans, {QUOTE: KHAN})
    cat = version("cat", spans, {QUOTE: OFFICIALS})
    two = compute_agreement([(1, "t", len(TEXT), [ann, bob])])
    assert (two.speakers.quotes_both, two.speakers.same, two.speakers.agreement) == (1, 0, 0.0)
    assert two.documents[0].disagreements == 1  # every span agreed, the speaker not
    three = compute_agreement([(1, "t", len(TEXT), [ann, bob, cat])])
    assert (three.speakers.quotes_both, three.speakers.same) == (3, 1)  # ann/bob no, ann/cat yes, bob/cat no
    pair = three.pairs["ann", "cat"]
    assert pair.speakers.agreement == 1.0 and pair.counts.exact_f1 == 1.0


def test_perfect_agreement_gives_alpha_one_and_documents_sorted_by_disagreement() -> None:
    same = [acc(OFFICIALS), acc(QUOTE)]
    docs = [
        (1, "agreed", len(TEXT), [version("ann", same), version("bob", same)]),
        (2, "disputed", len(TEXT), [version("ann", same, doc_id=2), version("bob", [acc(KHAN)], doc_id=2)]),
    ]
    result = compute_agreement(docs, ["ACTOR", "QUOTE", "FIGURE"])
    assert [d.doc_id for d in result.documents] == [2, 1]
    only_agreed = compute_agreement(docs[:1], ["ACTOR", "QUOTE", "FIGURE"])
    assert only_agreed.alpha["ACTOR"] == 1.0 and only_agreed.alpha["QUOTE"] == 1.0
    assert only_agreed.alpha["FIGURE"] is None  # nobody marked a figure: chance disagreement 0, undefined
    assert result.alpha["ACTOR"] is not None and 0 < result.alpha["ACTOR"] < 1


def test_one_annotator_skipping_a_document() -> None:
    spans = [acc(OFFICIALS)]
    docs = [
        (1, "t", len(TEXT), [version("ann", spans), version("bob", spans)]),  # cat skipped doc 1
        (2, "u", len(TEXT), [version("ann", spans, doc_id=2)]),  # only ann finished doc 2
    ]
    result = compute_agreement(docs)
    assert len(result.documents) == 1 and result.single == 1
    assert set(result.pairs) == {("ann", "bob")}


# ----------------------------------------------------------------------------- review


def test_majority_of_three() -> None:
    ann = version("ann", [acc(OFFICIALS), acc(QUOTE), acc(KHAN), acc(FIGURE)], {QUOTE: OFFICIALS})
    bob = version("bob", [acc(OFFICIALS), acc(QUOTE), acc(KHAN)], {QUOTE: KHAN})
    cat = version("cat", [acc(OFFICIALS), acc(QUOTE)], {QUOTE: OFFICIALS})
    outcome = majority([ann, bob, cat], "rev")
    status = {s.key: s.status for s in outcome.spans}
    assert status == {OFFICIALS: SpanStatus.ACCEPTED, QUOTE: SpanStatus.ACCEPTED, KHAN: SpanStatus.ACCEPTED,
                      FIGURE: SpanStatus.REJECTED}
    assert [(r.head, r.child, r.status) for r in outcome.relations] == [(QUOTE, OFFICIALS, SpanStatus.ACCEPTED)]
    assert outcome.open_items == 0 and outcome.status is DocStatus.DONE


def test_majority_of_two_leaves_ties_open() -> None:
    ann = version("ann", [acc(OFFICIALS), acc(QUOTE), acc(FIGURE)], {QUOTE: OFFICIALS})
    bob = version("bob", [acc(OFFICIALS), acc(QUOTE), acc(KHAN)], {QUOTE: KHAN})
    outcome = majority([ann, bob], "rev")
    status = {s.key: s.status for s in outcome.spans}
    assert status[OFFICIALS] is SpanStatus.ACCEPTED and status[QUOTE] is SpanStatus.ACCEPTED
    assert status[FIGURE] is SpanStatus.SUGGESTED and status[KHAN] is SpanStatus.SUGGESTED
    assert [(r.child, r.status) for r in outcome.relations] == [(OFFICIALS, SpanStatus.SUGGESTED)]
    assert outcome.open_items == 3 and outcome.status is DocStatus.IN_PROGRESS


# ------------------------------------------------------------------------- merge


def annotator_db(path: Path, name: str, work: dict[str, list[tuple[int, int, str]]], *,
                 speaker: tuple | None = None, status: DocStatus = DocStatus.DONE) -> Path:
    """A database of one annotator: each text with the spans they accepted."""
    with Store.open(path) as store:
        store.set_setting(OWNER_SETTING, name)
        for text, keys in work.items():
            doc_id, _ = store.add_document(Document(text=text, title=text[:10]))
            ids = {}
            for key in keys:
                ids[key] = store.add_span(doc_id, acc(key, annotator=name, source_name=name)).span(key).id  # type: ignore[union-attr]
            if speaker and speaker[0] in ids:
                store.set_speaker(ids[speaker[0]], ids[speaker[1]], name)
            store.set_document_status(doc_id, status, name)
    return path


def test_merge_keeps_each_annotator_apart_and_twice_changes_nothing(tmp_path: Path) -> None:
    a = annotator_db(tmp_path / "ann.db", "ann", {TEXT: [OFFICIALS, QUOTE]}, speaker=(QUOTE, OFFICIALS))
    b = annotator_db(tmp_path / "bob.db", "bob", {TEXT: [OFFICIALS, QUOTE, KHAN], "Other text.": []},
                     speaker=(QUOTE, KHAN))
    with Store.open(tmp_path / "team.db") as team:
        first = merge_databases(team, [a, b])
        assert [r.results["added"] for r in first] == [1, 2]
        assert team.count_documents() == 2
        (doc_id,) = [i for i in team.document_ids() if team.get_document(i).text == TEXT]
        versions = {v.annotator: v for v in team.versions(doc_id)}
        assert set(versions) == {"ann", "bob"}
        # the same span in both: two rows, one per person, each with that person's speaker
        rows = team.db.conn.execute(
            'SELECT annotator FROM version_spans WHERE doc_id = ? AND start = 0 AND "end" = 9', (doc_id,)
        ).fetchall()
        assert sorted(r[0] for r in rows) == ["ann", "bob"]
        assert versions["ann"].speakers() == {QUOTE: OFFICIALS}
        assert versions["bob"].speakers() == {QUOTE: KHAN}
        assert team.spans(doc_id) == []  # the working version is nobody's until review
        dump = list(team.db.conn.iterdump())
        again = merge_databases(team, [a, b, a])
        assert all(r.results["unchanged"] == r.results.total() for r in again)
        assert list(team.db.conn.iterdump()) == dump


def test_merge_takes_later_work_and_never_an_older_copy(tmp_path: Path) -> None:
    import shutil

    a = annotator_db(tmp_path / "ann.db", "ann", {TEXT: [OFFICIALS]})
    old = tmp_path / "ann-old.db"
    with Store.open(a) as s:
        s.backup(old)
        doc_id = s.document_ids()[0]
        s.db.conn.execute("UPDATE documents SET updated = updated + 100 WHERE id = ?", (doc_id,))
        s.add_span(doc_id, acc(KHAN, annotator="ann"))
        s.db.conn.execute("UPDATE documents SET updated = updated + 100 WHERE id = ?", (doc_id,))
    shutil.copy(a, tmp_path / "ann-new.db")
    with Store.open(tmp_path / "team.db") as team:
        merge_databases(team, [tmp_path / "ann-new.db"])
        report = merge_databases(team, [old])[0]
        assert report.results["older"] == 1
        (v,) = team.versions(team.document_ids()[0])
        assert {s.key for s in v.accepted()} == {OFFICIALS, KHAN}


def test_merge_databases_of_older_schema_versions(tmp_path: Path) -> None:
    """A database made by the first schema (no migration 2 or later) merges, and is not changed."""
    from sqlite_utils import Database

    from annotator.store.schema import APPLICATION_ID, migrations

    old = tmp_path / "old.db"
    db = Database(old)
    migrations.apply(db, stop_before="m002_list_and_stats_indexes")
    db.execute("INSERT INTO annotators (name, created) VALUES ('cat', 5)")
    db.execute(
        "INSERT INTO documents (id, hash, text, n_chars, status, annotator, created, updated)"
        " VALUES (1, 'h', ?, ?, 'done', 'cat', 5, 5)",
        (TEXT, len(TEXT)),
    )
    db.execute(
        'INSERT INTO spans (doc_id, start, "end", label, status, source, annotator, created, updated)'
        " VALUES (1, 0, 9, 'ACTOR', 'accepted', 'annotator', 'cat', 5, 5)"
    )
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.close()
    before = old.read_bytes()
    new = annotator_db(tmp_path / "ann.db", "ann", {TEXT: [OFFICIALS, KHAN]})
    with Store.open(tmp_path / "team.db") as team:
        merge_databases(team, [old, new])
        (doc_id,) = team.document_ids()
        assert team.get_document(doc_id).text == TEXT  # matched by its text, not by the hash column
        versions = {v.annotator: {s.key for s in v.accepted()} for v in team.versions(doc_id)}
        assert versions == {"cat": {OFFICIALS}, "ann": {OFFICIALS, KHAN}}
    assert old.read_bytes() == before


def test_merge_refuses_the_team_database_itself_and_non_databases(tmp_path: Path) -> None:
    team_path = tmp_path / "team.db"
    bad = tmp_path / "notes.db"
    bad.write_text("hello", encoding="utf-8")
    with Store.open(team_path) as team:
        with pytest.raises(TeamError, match="team database itself"):
            merge_databases(team, [team_path])
        with pytest.raises(TeamError, match="not an SQLite database"):
            merge_databases(team, [bad])
        with pytest.raises(TeamError, match="no such database"):
            merge_databases(team, [tmp_path / "missing.db"])


def test_auto_review_writes_final_version_next_to_the_originals(tmp_path: Path) -> None:
    a = annotator_db(tmp_path / "ann.db", "ann", {TEXT: [OFFICIALS, QUOTE, FIGURE]}, speaker=(QUOTE, OFFICIALS))
    b = annotator_db(tmp_path / "bob.db", "bob", {TEXT: [OFFICIALS, QUOTE]}, speaker=(QUOTE, OFFICIALS))
    c = annotator_db(tmp_path / "cat.db", "cat", {TEXT: [OFFICIALS]}, status=DocStatus.SKIPPED)
    with Store.open(tmp_path / "team.db") as team:
        merge_databases(team, [a, b, c])
        (doc_id,) = team.document_ids()
        originals = team.versions(doc_id)
        report = auto_review(team, reviewer="rev")
        assert report.results["written"] == 1 and report.open_items == 1  # FIGURE: ann yes, bob no (cat skipped)
        final = {s.key: s.status for s in team.spans(doc_id)}
        assert final == {OFFICIALS: SpanStatus.ACCEPTED, QUOTE: SpanStatus.ACCEPTED, FIGURE: SpanStatus.SUGGESTED}
        assert [(r.head, r.child, r.status) for r in team.relations(doc_id)] == [
            (QUOTE, OFFICIALS, SpanStatus.ACCEPTED)
        ]
        assert team.get_document(doc_id).status is DocStatus.IN_PROGRESS
        assert team.versions(doc_id) == originals  # never over them
        assert auto_review(team, reviewer="rev").results["unchanged"] == 1
        # a person settles the figure: the automatic review leaves their version alone from then on
        figure = next(s for s in team.spans(doc_id) if s.key == FIGURE)
        team.update_span(figure.id, annotator="dana", status=SpanStatus.REJECTED)  # type: ignore[arg-type]
        assert auto_review(team, reviewer="rev").results["kept"] == 1
        assert team.versions(doc_id) == originals


def test_team_agreement_reads_only_finished_versions(tmp_path: Path) -> None:
    a = annotator_db(tmp_path / "ann.db", "ann", {TEXT: [OFFICIALS, QUOTE]})
    b = annotator_db(tmp_path / "bob.db", "bob", {TEXT: [OFFICIALS]})
    c = annotator_db(tmp_path / "cat.db", "cat", {TEXT: [KHAN]}, status=DocStatus.IN_PROGRESS)
    with Store.open(tmp_path / "team.db") as team:
        merge_databases(team, [a, b, c])
        result = team_agreement(team, ["ACTOR", "QUOTE", "FIGURE"])
    assert set(result.pairs) == {("ann", "bob")}
    assert result.label_counts("ACTOR").exact_f1 == 1.0 and result.label_counts("QUOTE").exact_f1 == 0.0


# ------------------------------------------------------------------------- assign


def test_plan_assignment_overlap_and_balance() -> None:
    plan = plan_assignment(list(range(1, 101)), ["ann", "bob", "cat"], overlap=0.2, seed=3)
    copies: dict[int, int] = {}
    for ids in plan.values():
        for i in ids:
            copies[i] = copies.get(i, 0) + 1
    assert sorted(copies) == list(range(1, 101))
    assert sum(1 for n in copies.values() if n == 2) == 20 and max(copies.values()) == 2
    sizes = sorted(len(ids) for ids in plan.values())
    assert sizes[-1] - sizes[0] <= 1 and sum(sizes) == 120
    assert plan == plan_assignment(list(range(1, 101)), ["ann", "bob", "cat"], overlap=0.2, seed=3)
    with pytest.raises(TeamError):
        plan_assignment([1, 2], ["ann"], overlap=0.5)


# --------------------------------------------------------------- network file systems


@pytest.mark.parametrize("kind", ["nfs4", "cifs", "fuse.sshfs", "smb3"])
def test_database_on_a_network_file_system_is_refused(tmp_path: Path, kind: str) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nserver:/share {tmp_path} {kind} rw 0 0\n", encoding="utf-8")
    assert filesystem_type(tmp_path / "team.db", str(mounts)) == kind
    with pytest.raises(StoreError, match="network file system"):
        refuse_network_filesystem(tmp_path / "team.db", str(mounts))


def test_local_file_system_is_accepted(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nserver:/share {tmp_path}/other nfs rw 0 0\n", encoding="utf-8")
    assert filesystem_type(tmp_path / "team.db", str(mounts)) == "ext4"
    refuse_network_filesystem(tmp_path / "team.db", str(mounts))


# ------------------------------------------------------------------- settling by hand


def test_disagreements_group_overlapping_open_spans_and_speakers() -> None:
    from annotator.core.review import disagreements

    minister = (0, 13, "ACTOR")
    ann = version("ann", [acc(OFFICIALS), acc(QUOTE), acc(FIGURE)], {QUOTE: OFFICIALS})
    bob = version("bob", [acc(minister), acc(QUOTE), acc((49, 60, "ACTOR"))], {QUOTE: minister})
    outcome = majority([ann, bob], "rev")
    places = disagreements(outcome.spans, outcome.relations, [ann, bob])
    assert [(p.kind, p.start, p.end) for p in places] == [("spans", 0, 13), ("speaker", 15, 34), ("spans", 49, 60)]
    names, speaker, figure = places
    assert names.take("ann") == ({OFFICIALS}, {minister}) and names.take("bob") == ({minister}, {OFFICIALS})
    assert names.take(None) == (set(), {OFFICIALS, minister})
    assert speaker.take("bob") == ({minister}, set()) and speaker.take(None) == (set(), set())
    # the same span labelled differently: one place, each label is one annotator's
    assert figure.take("ann") == ({FIGURE}, {(49, 60, "ACTOR")})
