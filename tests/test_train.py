"""Training: what goes in, the split, the verdict, stopping; export -> spacy train -> suggest --model end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.model import DocStatus, Document, Source, Span, SpanStatus
from annotator.io.training import CurvePoint, TrainError, curve_verdict, done_documents, is_held_out, split, train_model
from annotator.nlp.scoring import LabelScore
from annotator.nlp.train import LABELS, default_config
from annotator.store import Store

ARTICLES = [
    '"We will rebuild every school," Governor Maria Lopez said on Monday after 14 schools burned.',
    'The council approved 300 new homes. "This is a good day," Mayor Ann Bell said.',
    '"Prices rose again," economist Raj Patel said, pointing to a 4 percent rise in rents.',
    'Police arrested 12 people. "The streets are calm now," Chief Tom Reyes told reporters.',
    '"We need 50 more nurses," hospital director Lena Park said on Friday.',
    'About 2,000 workers went on strike. "We want fair pay," union leader Sam Ortiz said.',
]


def _accepted(text: str, needle: str, label: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), label, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
                source_name="alice", annotator="alice")


def _gold(text: str) -> list[Span]:
    quote_end = text.index('"', text.index('"') + 1) + 1
    quote = text[text.index('"') : quote_end]
    figure = next(w for w in text.split() if w[0].isdigit())
    words = text.split()
    name = " ".join(words[words.index(next(w for w in words if w in {"Governor", "Mayor", "economist", "Chief",
                                                                      "director", "leader"})) + 1 :][:2])
    return [_accepted(text, quote, "QUOTE"), _accepted(text, figure, "FIGURE"), _accepted(text, name, "ACTOR")]


def fill(store: Store) -> None:
    for text in ARTICLES:
        store.add_document(Document(text, status=DocStatus.DONE, annotator="alice"), _gold(text))


def test_only_done_documents_and_accepted_spans_are_trained_on(store: Store) -> None:
    fill(store)
    open_doc, _ = store.add_document(Document("Nobody has looked at this one. 40 words."))
    store.save_suggestions(open_doc, [Span(31, 33, "FIGURE")], [])
    done_id, _ = store.add_document(
        Document("A done one with a suggestion left open: 7 boats.", status=DocStatus.DONE),
        [_accepted("A done one with a suggestion left open: 7 boats.", "7 boats", "FIGURE")],
    )
    store.save_suggestions(done_id, [Span(0, 1, "ACTOR")], [])
    docs = done_documents(store)
    assert len(docs) == len(ARTICLES) + 1
    assert all(doc.status is DocStatus.DONE for doc, _ in docs)
    assert all(s.status is SpanStatus.ACCEPTED for _, spans in docs for s in spans)
    assert [s.label for doc, spans in docs if doc.id == done_id for s in spans] == ["FIGURE"]


def test_the_held_out_split_is_stable_and_by_document(store: Store) -> None:
    fill(store)
    docs = done_documents(store)
    train, held_out = split(docs, 0.2)
    again = split(list(reversed(docs)), 0.2)
    assert {d.id for d, _ in held_out} == {d.id for d, _ in again[1]}
    assert {d.id for d, _ in train} | {d.id for d, _ in held_out} == {d.id for d, _ in docs}
    assert all(is_held_out(d, 0.2) for d, _ in held_out) and not any(is_held_out(d, 0.2) for d, _ in train)


def test_too_few_documents_is_a_clear_message(db_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as store:
        store.add_document(Document(ARTICLES[0], status=DocStatus.DONE), _gold(ARTICLES[0]))
        with pytest.raises(TrainError, match="mark more documents done"):
            split(done_documents(store), 0.2)
    assert main(["--db", str(db_path), "train", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "1 document marked done" in err and "Traceback" not in err


def test_a_missing_config_is_named(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as store:
        fill(store)
    assert main(["--db", str(db_path), "train", str(tmp_path / "out"), "--config", str(tmp_path / "no.cfg")]) == 2
    assert "no.cfg: no such config file" in capsys.readouterr().err
    bad = tmp_path / "bad.cfg"
    bad.write_text("[nlp\nlang = \n", encoding="utf-8")
    assert main(["--db", str(db_path), "train", str(tmp_path / "out"), "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"training failed with the config {bad}" in err and "Traceback" not in err


def _point(n: int, f1: float) -> CurvePoint:
    scores = {label: LabelScore(tp=round(f1 * 100), fp=100 - round(f1 * 100), fn=100 - round(f1 * 100))
              for label in ("ACTOR", "FIGURE", "QUOTE")}
    return CurvePoint(n / 40, n, scores, 1.0)


def test_the_curve_verdict_says_whether_more_annotation_helps() -> None:
    assert curve_verdict([_point(10, 0.4), _point(20, 0.5), _point(30, 0.6), _point(40, 0.7)]).startswith(
        "still learning"
    )
    assert curve_verdict([_point(10, 0.4), _point(20, 0.6), _point(30, 0.7), _point(40, 0.7)]).startswith(
        "flattening"
    )


@pytest.mark.slow
def test_train_stops_when_cancelled_and_keeps_a_model(store: Store, tmp_path: Path) -> None:
    fill(store)
    calls: list[int] = []
    report = train_model(
        done_documents(store), tmp_path / "out", eval_split=0.2, max_steps=50,
        progress=lambda step, total, seconds, last: calls.append(step), cancel=lambda: len(calls) >= 2,
        with_baseline=False,
    )
    assert report.result.stopped == "cancelled" and report.result.steps < 50
    assert report.result.model == tmp_path / "out" / "model-best"
    assert (report.result.model / "config.cfg").exists()
    assert set(report.trained) == {"ACTOR", "FIGURE", "QUOTE"}  # scored on the held-out documents


def _run(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=cwd, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.mark.slow
def test_export_spacy_train_suggest_round_trip_in_real_processes(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        fill(store)
    db = ["-m", "annotator", "--db", str(db_path)]
    _run(*db, "export", "--format", "spacy", "--output", str(tmp_path / "train.spacy"), cwd=tmp_path)
    # the README's command, with a tiny budget: our config is a normal spaCy config
    _run("-m", "spacy", "train", str(default_config()), "--paths.train", str(tmp_path / "train.spacy"),
         "--paths.dev", str(tmp_path / "train.spacy"), "--output", str(tmp_path / "out"),
         "--training.max_steps", "6", "--training.eval_frequency", "3", cwd=tmp_path)
    new = tmp_path / "new.txt"
    new.write_text('Fresh news\n\n"It is over," coach Lee Kim said after 3 games.\n', encoding="utf-8")
    _run(*db, "import", str(new), cwd=tmp_path)
    model = tmp_path / "out" / "model-best"
    out = _run(*db, "suggest", "--model", str(model), cwd=tmp_path)
    assert "suggested with en_pipeline" in out.stdout and str(model) in out.stdout
    with Store.open(db_path) as store:
        (doc_id,) = store.document_ids(statuses=[DocStatus.NEW])
        spans = store.spans(doc_id)
    # a model this small may predict nothing; what it stored is marked as the trained model's or the rules'
    assert all(str(model) in s.source_name for s in spans if s.source is Source.MODEL)
    assert all(s.status is SpanStatus.SUGGESTED for s in spans)


@pytest.mark.slow
def test_annotator_train_prints_per_label_scores_next_to_the_rules(db_path: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as store:
        fill(store)
    assert main(["--db", str(db_path), "train", str(tmp_path / "out"), "--max-steps", "4"]) == 0
    out = capsys.readouterr().out
    assert "held-out documents: 3 (trained on 3)" in out
    rows = [line.split()[0] for line in out.splitlines() if line.split() and line.split()[0] in LABELS]
    assert rows == list(LABELS)
    assert "rules+stock: " in out and f"annotator suggest --model {tmp_path / 'out' / 'model-best'}" in out
    assert (tmp_path / "out" / "corpus" / "dev.spacy").exists()  # the split, for spacy train
