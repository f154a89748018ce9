"""The whole team flow through the real entry points (``annotator`` subprocesses, and the window):
import → assign → two annotators annotate (scripted through the store) → merge (twice)
→ agreement → review --auto majority → review mode from the keyboard → export, the JSONL
checked record by record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import DocStatus, Span, SpanStatus
from annotator.store import Store

ROOT = Path(__file__).resolve().parent.parent


def annotator(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ANNOTATOR_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def text_of(k: int) -> str:
    return f"Minister Khan{k} said “prices rose by {k}0 percent,” on Monday."


def keys_of(text: str) -> dict[str, tuple[int, int, str]]:
    name = text.split()[1]
    figure = text[text.index("by ") + 3 : text.index(" percent") + 8]
    return {
        "actor": (text.index(name), text.index(name) + len(name), "ACTOR"),
        "minister": (0, text.index(name) + len(name), "ACTOR"),
        "quote": (text.index("“"), text.index("”") + 1, "QUOTE"),
        "figure": (text.index(figure), text.index(figure) + len(figure), "FIGURE"),
    }


def annotate(path: Path, name: str, *, disagree_on: str | None, skip: str | None) -> None:
    """What a person does in the app, through the same store calls: accept, add, link, mark done."""
    with Store.open(path) as store:
        for doc_id in store.document_ids():
            text = store.get_document(doc_id).text
            if text == skip:
                store.set_document_status(doc_id, DocStatus.SKIPPED, name)
                continue
            k = keys_of(text)
            wanted = [k["actor"], k["quote"], k["figure"]]
            if text == disagree_on:  # the longer actor, no figure: overlapping, not exact
                wanted = [k["minister"], k["quote"]]
            ids = {}
            for key in wanted:
                span = Span(*key, status=SpanStatus.ACCEPTED, source="annotator", source_name=name,  # type: ignore[arg-type]
                            annotator=name)
                ids[key] = store.add_span(doc_id, span).span(key).id  # type: ignore[union-attr]
            store.set_speaker(ids[k["quote"]], ids[wanted[0]], name)  # type: ignore[arg-type]
            store.set_document_status(doc_id, DocStatus.DONE, name)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def span_keys(record: dict) -> set[tuple[int, int, str]]:
    for span in record["spans"]:
        assert record["text"][span["start"] : span["end"]] == span["text"]
    return {(s["start"], s["end"], s["label"]) for s in record["spans"]}


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen platform
def test_team_flow(tmp_path: Path, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "articles"
    corpus.mkdir()
    texts = [text_of(k) for k in range(1, 7)]
    for i, text in enumerate(texts, 1):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    assert annotator("--db", "corpus.db", "import", corpus, cwd=tmp_path).returncode == 0

    (tmp_path / "team").mkdir()
    result = annotator("--db", "corpus.db", "assign", "--annotators", "alice", "bob", "--overlap", "0.34",
                       "--output-dir", "team", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    alice_db, bob_db = tmp_path / "team" / "alice.db", tmp_path / "team" / "bob.db"
    with Store.open(alice_db) as a, Store.open(bob_db) as b:
        alice_texts = {a.get_document(i).text for i in a.document_ids()}
        bob_texts = {b.get_document(i).text for i in b.document_ids()}
    shared = sorted(alice_texts & bob_texts)
    assert len(shared) == 2 and alice_texts | bob_texts == set(texts)  # 34% of 6: two documents seen twice
    assert len(alice_texts) == len(bob_texts) == 4
    bob_only = sorted(bob_texts - alice_texts)
    annotate(alice_db, "alice", disagree_on=None, skip=None)
    annotate(bob_db, "bob", disagree_on=shared[0], skip=bob_only[0])

    result = annotator("merge", "team.db", alice_db, bob_db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "versions by alice: 4 added" in result.stdout and "versions by bob: 4 added" in result.stdout
    again = annotator("merge", "team.db", alice_db, bob_db, cwd=tmp_path)
    assert "4 added" not in again.stdout and again.stdout.count("4 unchanged") == 2

    result = annotator("--db", "team.db", "agreement", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    agreement = json.loads(result.stdout)
    assert agreement["documents_compared"] == 2
    labels = agreement["labels"]
    # ACTOR: alice {Khan, Khan}, bob {Minister Khan, Khan}: 1 exact of 2+2, both overlap
    assert labels["ACTOR"]["exact_f1"] == 0.5 and labels["ACTOR"]["overlap_f1"] == 1.0
    assert labels["QUOTE"]["exact_f1"] == 1.0 and labels["QUOTE"]["alpha"] == 1.0
    assert labels["FIGURE"]["exact_f1"] == round(2 / 3, 4)
    assert agreement["speakers"] == {"quotes_both_found": 2, "same_speaker": 1, "agreement": 0.5}
    assert agreement["documents"][0]["title"] == shared[0]  # most disagreement first
    assert agreement["documents"][0]["disagreements"] == 4  # Khan, Minister Khan, the figure, the speaker
    assert agreement["pairs"][0]["annotators"] == ["alice", "bob"]
    text_report = annotator("--db", "team.db", "agreement", cwd=tmp_path).stdout
    assert "per label" in text_report and "alice / bob" in text_report

    result = annotator("--db", "team.db", "review", "--auto", "majority", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # bob skipped one that only he had: 5 documents, the shared one they agree on and 3 of one annotator settled
    assert "reviewed 5 documents: 4 settled (done; 3 finished by one annotator only" in result.stdout
    assert "1 with 4 disagreements left for a person" in result.stdout

    # a reviewer settles the rest in the app, from the keyboard: alice's choice at each of the three places
    with Store.open(tmp_path / "team.db") as team:
        disputed = next(i for i in team.document_ids() if team.get_document(i).text == shared[0])
    win = make_window(tmp_path / "team.db", annotator="rev")
    win.open_document(disputed)
    alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(win.view, Qt.Key.Key_R, ctrl)
    assert [p.kind for p in win.review.places] == ["spans", "speaker", "spans"]  # the actors, the speaker, the figure
    assert win.review.annotators == ["alice", "bob"]
    for _ in range(3):
        qtbot.keyClick(win.view, Qt.Key.Key_1, alt)
    assert win.review.places == []
    qtbot.keyClick(win.view, Qt.Key.Key_Return, ctrl)
    win.close()

    # final (default): every document finished, as the majority or the reviewer left it
    assert annotator("--db", "team.db", "export", "--format", "jsonl", "--output", "final.jsonl",
                     cwd=tmp_path).returncode == 0
    final = read_jsonl(tmp_path / "final.jsonl")
    expected_final = sorted(t for t in texts if t != bob_only[0])
    assert sorted(r["text"] for r in final) == expected_final
    for record in final:
        k = keys_of(record["text"])
        assert span_keys(record) == {k["actor"], k["quote"], k["figure"]}
        reviewer = "rev" if record["text"] == shared[0] else "majority"
        assert record["answer"] == "accept" and record["status"] == "done" and record["_annotator_id"] == reviewer
        (rel,) = record["relations"]
        assert (rel["head_span"]["start"], rel["child_span"]["start"]) == (k["quote"][0], k["actor"][0])
        assert set(record) >= {"text", "meta", "_input_hash", "_task_hash", "tokens", "spans", "relations"}

    # one annotator's version, and every annotator's, told apart by _annotator_id
    assert annotator("--db", "team.db", "export", "--format", "jsonl", "--output", "bob.jsonl",
                     "--version", "bob", cwd=tmp_path).returncode == 0
    bob = read_jsonl(tmp_path / "bob.jsonl")
    assert sorted(r["text"] for r in bob) == sorted(bob_texts - {bob_only[0]})  # the skipped one is not done
    for record in bob:
        k = keys_of(record["text"])
        want = {k["minister"], k["quote"]} if record["text"] == shared[0] else {k["actor"], k["quote"], k["figure"]}
        assert span_keys(record) == want and record["_annotator_id"] == "bob"
    assert annotator("--db", "team.db", "export", "--format", "jsonl", "--output", "all.jsonl",
                     "--version", "all", cwd=tmp_path).returncode == 0
    every = read_jsonl(tmp_path / "all.jsonl")
    assert len(every) == 4 + 3
    by_text: dict[str, list[str]] = {}
    for record in every:
        by_text.setdefault(record["text"], []).append(record["_annotator_id"])
    assert {t: sorted(n) for t, n in by_text.items() if len(n) > 1} == {s: ["alice", "bob"] for s in shared}
    same_input = [r["_input_hash"] for r in every if r["text"] == shared[0]]
    assert len(set(same_input)) == 1  # the same task for Prodigy's review, two answers

    unknown = annotator("--db", "team.db", "export", "--format", "jsonl", "--output", "x.jsonl",
                        "--version", "carol", cwd=tmp_path)
    assert unknown.returncode == 2 and "carol" in unknown.stderr and "alice, bob" in unknown.stderr

    stats = json.loads(annotator("--db", "team.db", "stats", "--json", cwd=tmp_path).stdout)
    team = stats["team"]
    assert team["annotators"]["alice"]["versions"]["done"] == 4
    assert team["annotators"]["bob"]["versions"] == {"new": 0, "in_progress": 0, "done": 3, "skipped": 1}
    assert sum(team["annotators"]["alice"]["done_per_day"].values()) == 4
    assert team["annotators"]["alice"]["spans"] == {"ACTOR": 4, "QUOTE": 4, "FIGURE": 4}
    assert team["agreement"]["labels"]["ACTOR"]["exact_f1"] == 0.5
    assert sum(stats["done_per_day"]["majority"].values()) == 4  # settled by the majority
    assert sum(stats["done_per_day"]["rev"].values()) == 1  # and by the reviewer
