"""Export: our JSONL (Prodigy-compatible), spaCy DocBin and doccano, read back by their readers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.model import DocStatus, Document, Relation, Source, Span, SpanStatus
from annotator.io.export import ExportError, export_documents
from annotator.store import Store

TEXT = "Taliban spokesman Zabihullah Mujahid said “we will respond” after 23 soldiers died 😀."


def key(text: str, label: str, within: str = TEXT) -> tuple[int, int, str]:
    start = within.index(text)
    return (start, start + len(text), label)


def make_span(text: str, label: str, status: SpanStatus = SpanStatus.ACCEPTED, **extra: Any) -> Span:
    start, end, _ = key(text, label)
    return Span(start, end, label, status=status, **extra)


def populate(store: Store) -> dict[str, int]:
    """A done document with accepted and open spans and a speaker, an open one, and a skipped one."""
    quote = make_span("“we will respond”", "QUOTE", source=Source.RULE, source_name="annotator_quotes/1",
                      annotator="alice", kind="direct")
    speaker = make_span("Zabihullah Mujahid", "ACTOR", annotator="alice", confidence=0.75)
    spans = [
        make_span("Taliban", "ACTOR", annotator="alice"),
        speaker,
        quote,
        make_span("23 soldiers", "FIGURE", SpanStatus.SUGGESTED, source_name="en_core_web_sm 3.8.0"),
        make_span("spokesman", "ACTOR", SpanStatus.REJECTED, annotator="alice"),
    ]
    relations = [Relation(quote.key, speaker.key, status=SpanStatus.ACCEPTED, source=Source.ANNOTATOR,
                          annotator="alice")]
    done, _ = store.add_document(
        Document(TEXT, title="Talks", source="wire", meta={"section": "asia"}, status=DocStatus.DONE,
                 annotator="alice", created=1_700_000_000, updated=1_700_000_100),
        spans, relations,
    )
    other = "Officials said 50 civilians were hurt."
    open_id, _ = store.add_document(
        Document(other, status=DocStatus.NEW, updated=1_700_000_200),
        [Span(15, 27, "FIGURE", status=SpanStatus.SUGGESTED)],
    )
    skipped, _ = store.add_document(Document("Nothing to see here.", status=DocStatus.SKIPPED, updated=1_700_000_300))
    return {"done": done, "open": open_id, "skipped": skipped}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_default_is_done_documents_with_accepted_spans(store: Store, tmp_path: Path) -> None:
    ids = populate(store)
    out = tmp_path / "out.jsonl"
    report = export_documents(store, "jsonl", out)
    (record,) = read_jsonl(out)
    assert report.written == 1 and report.warnings == []
    assert record["text"] == TEXT
    assert record["meta"] == {"doc_id": ids["done"], "title": "Talks", "source": "wire", "section": "asia"}
    assert [(s["text"], s["label"]) for s in record["spans"]] == [
        ("Taliban", "ACTOR"), ("Zabihullah Mujahid", "ACTOR"), ("“we will respond”", "QUOTE"),
    ]
    assert all("status" not in s for s in record["spans"])
    assert (record["status"], record["answer"], record["_annotator_id"], record["_timestamp"]) == (
        "done", "accept", "alice", 1_700_000_100)
    quote = record["spans"][2]
    assert (quote["source"], quote["source_name"], quote["kind"], quote["annotator"]) == (
        "rule", "annotator_quotes/1", "direct", "alice")
    assert record["spans"][1]["confidence"] == 0.75


def test_jsonl_tokens_and_token_indices_follow_prodigy(store: Store, tmp_path: Path) -> None:
    populate(store)
    out = tmp_path / "out.jsonl"
    export_documents(store, "jsonl", out)
    (record,) = read_jsonl(out)
    tokens = record["tokens"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    for token in tokens:
        assert TEXT[token["start"] : token["end"]] == token["text"]
    for s in record["spans"]:
        assert TEXT[s["start"] : s["end"]] == s["text"]
        assert tokens[s["token_start"]]["start"] == s["start"]
        assert tokens[s["token_end"]]["end"] == s["end"]  # token_end is inclusive
    (relation,) = record["relations"]
    assert relation["label"] == "SPEAKER"
    assert relation["head_span"]["label"] == "QUOTE" and relation["child_span"]["label"] == "ACTOR"
    assert relation["head"] == relation["head_span"]["token_end"]
    assert relation["child"] == relation["child_span"]["token_end"]
    assert TEXT[relation["child_span"]["start"] : relation["child_span"]["end"]] == "Zabihullah Mujahid"


def test_jsonl_all_adds_open_documents_and_marks_suggestions(store: Store, tmp_path: Path) -> None:
    populate(store)
    out = tmp_path / "all.jsonl"
    report = export_documents(store, "jsonl", out, include_all=True)
    records = read_jsonl(out)
    assert report.written == 3 == len(records)
    assert [r["status"] for r in records] == ["done", "new", "skipped"]
    assert records[2]["answer"] == "ignore"
    figure = next(s for s in records[0]["spans"] if s["label"] == "FIGURE")
    assert figure["status"] == "suggested"
    assert "spokesman" not in [s["text"] for s in records[0]["spans"]]  # rejected spans never go out
    assert records[1]["spans"][0]["status"] == "suggested"


def test_hashes_are_deterministic_and_follow_the_annotations(store: Store, tmp_path: Path) -> None:
    ids = populate(store)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export_documents(store, "jsonl", a)
    export_documents(store, "jsonl", b)
    assert a.read_bytes() == b.read_bytes()
    store.add_span(ids["done"], make_span("23 soldiers", "FIGURE", annotator="bob"))
    export_documents(store, "jsonl", b)
    (ra,), (rb,) = read_jsonl(a), read_jsonl(b)
    assert ra["_input_hash"] == rb["_input_hash"]
    assert ra["_task_hash"] != rb["_task_hash"]
    assert all(isinstance(r["_input_hash"], int) and -(2**31) <= r["_input_hash"] < 2**31 for r in (ra, rb))


def test_span_off_token_boundaries_is_reported_in_jsonl(store: Store, tmp_path: Path) -> None:
    store.add_document(Document("Talibanistan is big.", status=DocStatus.DONE), [Span(0, 7, "ACTOR",
                                                                                    status=SpanStatus.ACCEPTED)])
    out = tmp_path / "o.jsonl"
    report = export_documents(store, "jsonl", out)
    assert len(report.warnings) == 1 and "token boundaries" in report.warnings[0]
    assert report.left_out == 0
    (record,) = read_jsonl(out)
    assert (record["spans"][0]["token_start"], record["spans"][0]["token_end"]) == (0, 0)


def test_spacy_docbin_reads_back(store: Store, tmp_path: Path) -> None:
    populate(store)
    out = tmp_path / "train.spacy"
    report = export_documents(store, "spacy", out, include_all=True)
    assert report.written == 3 and report.left_out == 0
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    first = docs[0]
    assert sorted((s.text, s.label_) for s in first.spans["sc"]) == sorted([
        ("Taliban", "ACTOR"), ("Zabihullah Mujahid", "ACTOR"), ("“we will respond”", "QUOTE"),
        ("23 soldiers", "FIGURE"),
    ])
    assert [(e.text, e.label_) for e in first.ents] == [
        ("Taliban", "ACTOR"), ("Zabihullah Mujahid", "ACTOR"), ("23 soldiers", "FIGURE"),
    ]
    endpoint = lambda k: dict(zip(("start", "end", "label"), k, strict=True))  # noqa: E731
    assert list(first.user_data["relations"]) == [
        {"label": "SPEAKER", "head": endpoint(key("“we will respond”", "QUOTE")),
         "child": endpoint(key("Zabihullah Mujahid", "ACTOR"))}
    ]


def test_spacy_ents_never_overlap_but_spans_keep_everything(store: Store, tmp_path: Path) -> None:
    text = "The United Nations Security Council met."
    spans = [Span(4, 18, "ACTOR", status=SpanStatus.ACCEPTED), Span(4, 35, "ACTOR", status=SpanStatus.ACCEPTED)]
    store.add_document(Document(text, status=DocStatus.DONE), spans)
    out = tmp_path / "o.spacy"
    export_documents(store, "spacy", out)
    (doc,) = DocBin().from_disk(out).get_docs(spacy.blank("en").vocab)
    assert len(doc.spans["sc"]) == 2
    assert [e.text for e in doc.ents] == ["United Nations Security Council"]


def test_spacy_reports_spans_that_do_not_align(store: Store, tmp_path: Path) -> None:
    store.add_document(Document("Talibanistan is big.", status=DocStatus.DONE),
                       [Span(0, 7, "ACTOR", status=SpanStatus.ACCEPTED), Span(16, 19, "FIGURE",
                                                                               status=SpanStatus.ACCEPTED)])
    out = tmp_path / "o.spacy"
    report = export_documents(store, "spacy", out)
    assert report.left_out == 1
    assert "left out of the spaCy export" in report.warnings[0] and "'Taliban'" in report.warnings[0]
    (doc,) = DocBin().from_disk(out).get_docs(spacy.blank("en").vocab)
    assert [s.text for s in doc.spans["sc"]] == ["big"]


def test_doccano_export(store: Store, tmp_path: Path) -> None:
    populate(store)
    out = tmp_path / "d.jsonl"
    export_documents(store, "doccano", out)
    raw = out.read_bytes()
    assert raw.isascii()  # doccano misreads UTF-8 uploads: non-ASCII is escaped
    (record,) = read_jsonl(out)
    assert set(record) == {"text", "entities", "relations"}
    by_id = {e["id"]: e for e in record["entities"]}
    assert [(TEXT[e["start_offset"] : e["end_offset"]], e["label"]) for e in record["entities"]] == [
        ("Taliban", "ACTOR"), ("Zabihullah Mujahid", "ACTOR"), ("“we will respond”", "QUOTE"),
    ]
    (relation,) = record["relations"]
    assert relation["type"] == "SPEAKER"
    assert by_id[relation["from_id"]]["label"] == "QUOTE" and by_id[relation["to_id"]]["label"] == "ACTOR"


def test_doccano_export_imports_back(store: Store, tmp_path: Path) -> None:
    from annotator.io.importer import import_paths

    populate(store)
    out = tmp_path / "d.jsonl"
    export_documents(store, "doccano", out)
    fresh = Store.open(":memory:")
    report = import_paths(fresh, [out])
    assert report.rejected == [] and report.added == 1
    assert len(fresh.spans(report.added_ids[0])) == 3 and len(fresh.relations(report.added_ids[0])) == 1


def test_progress_is_reported(store: Store, tmp_path: Path) -> None:
    populate(store)
    calls: list[tuple[int, int]] = []
    export_documents(store, "jsonl", tmp_path / "p.jsonl", include_all=True, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_cancel_leaves_no_file(store: Store, tmp_path: Path) -> None:
    populate(store)
    out = tmp_path / "c.jsonl"
    report = export_documents(store, "jsonl", out, include_all=True, cancel=lambda: True)
    assert report.cancelled and not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_previous_file(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    populate(store)
    out = tmp_path / "keep.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("annotator.io.export._write_jsonl", broken)
    with pytest.raises(ExportError, match="No space left on device"):
        export_documents(store, "jsonl", out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.jsonl"]


@pytest.mark.parametrize(("where", "message"), [("missing/out.jsonl", "does not exist"), (".", "is a folder")])
def test_unusable_output_is_refused(store: Store, tmp_path: Path, where: str, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        export_documents(store, "jsonl", tmp_path / where)


def test_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export_documents(store, "csv", tmp_path / "x")  # type: ignore[arg-type]


def test_jsonl_keeps_each_record_on_one_physical_line(store: Store, tmp_path: Path) -> None:
    text = "Line\u2028separator and\u2029paragraph separator inside one article."
    store.add_document(Document(text=text, status=DocStatus.DONE))
    out = tmp_path / "out.jsonl"
    export_documents(store, "jsonl", out)
    raw = out.read_text(encoding="utf-8")
    assert len(raw.splitlines()) == 1  # str.splitlines breaks on U+2028/U+2029 too
    assert json.loads(raw)["text"] == text


def test_doccano_needs_no_tokenizer(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.nlp

    populate(store)

    def refuse() -> None:
        raise AssertionError("doccano export built a spaCy tokenizer")

    monkeypatch.setattr(annotator.nlp, "make_tokenizer", refuse)
    report = export_documents(store, "doccano", tmp_path / "d.jsonl", include_all=True)
    assert report.written == 3
    with pytest.raises(AssertionError, match="tokenizer"):
        export_documents(store, "jsonl", tmp_path / "o.jsonl")


def test_open_documents_are_not_accepted_for_prodigy(store: Store, tmp_path: Path) -> None:
    store.add_document(Document("Being worked on.", status=DocStatus.IN_PROGRESS))
    populate(store)
    out = tmp_path / "all.jsonl"
    export_documents(store, "jsonl", out, include_all=True)
    answers = {r["status"]: r["answer"] for r in read_jsonl(out)}
    assert answers == {"in_progress": "ignore", "done": "accept", "new": "ignore", "skipped": "ignore"}


def test_ignore_answers_come_back_with_their_own_status(store: Store, tmp_path: Path) -> None:
    from annotator.io.importer import import_paths

    store.add_document(Document("Being worked on.", status=DocStatus.IN_PROGRESS))
    populate(store)
    out = tmp_path / "all.jsonl"
    export_documents(store, "jsonl", out, include_all=True)
    fresh = Store.open(":memory:")
    report = import_paths(fresh, [out])
    assert report.rejected == []
    statuses = [d.status for d in fresh.iter_documents()]
    assert [d.status for d in store.iter_documents()] == [
        DocStatus.IN_PROGRESS, DocStatus.DONE, DocStatus.NEW, DocStatus.SKIPPED]
    # The done document still holds an open suggestion (made before Ctrl+Return asked about them):
    # it comes back open, with a warning, never as "done" with a suggestion nobody decided.
    assert statuses == [DocStatus.IN_PROGRESS, DocStatus.IN_PROGRESS, DocStatus.NEW, DocStatus.SKIPPED]
    assert [(w.line, "imported as \"in_progress\"" in w.reason) for w in report.warnings] == [(2, True)]
    # A Prodigy record has no "status": there "ignore" still means skipped.
    prodigy = tmp_path / "prodigy.jsonl"
    prodigy.write_text(json.dumps({"text": "Ignored by a Prodigy user.", "answer": "ignore"}) + "\n", encoding="utf-8")
    (doc_id,) = import_paths(fresh, [prodigy]).added_ids
    assert fresh.get_document(doc_id).status is DocStatus.SKIPPED
