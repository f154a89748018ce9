"""A stand-in for the app's editing loop, for crash tests: edits a real database through ``Store``.

Usage: ``python tests/helpers/store_editor.py DB RUN [N]``. Makes ``N`` rounds of
edits (add a document, add spans, accept one, link a speaker, mark it done) and
prints one line per committed edit, *after* the commit returned: that is what
the app shows as made. A parent process kills this one with SIGKILL at a
random moment and then checks that every acknowledged edit is in the database.

Acknowledgement lines (JSON after ``ACK ``):
``{"op": "doc", "run": R, "i": I, "doc": ID}``
``{"op": "span", "doc": ID, "span": SID, "start": S, "end": E, "label": L}``
``{"op": "accept", "span": SID}``
``{"op": "speaker", "quote": SID, "actor": SID}``
``{"op": "done", "doc": ID}``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.model import DocStatus, Document, Source, Span, SpanStatus
from annotator.store.store import Store

# Astral characters before the spans so that a wrong offset unit would show.
TEXT = "👨‍👩‍👧 Report {run}-{i}: “We will not leave,” said Zabihullah Mujahid. 50 civilians died. ☕ é\u0301"


def ack(**fields: object) -> None:
    # One write + flush per edit: the parent must see the line before we do anything else.
    sys.stdout.write("ACK " + json.dumps(fields) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    db, run = argv[0], int(argv[1])
    rounds = int(argv[2]) if len(argv) > 2 else 1_000_000
    store = Store.open(db)
    print("READY", flush=True)
    for i in range(rounds):
        text = TEXT.format(run=run, i=i)
        doc_id, created = store.add_document(Document(text=text, title=f"run {run} article {i}", source="crash"))
        assert created
        ack(op="doc", run=run, i=i, doc=doc_id)
        quote_start = text.index("“")
        quote_end = text.index("”") + 1  # closing mark included, as the labelling guide says
        actor_start = text.index("Zabihullah")
        actor_end = actor_start + len("Zabihullah Mujahid")
        fig_start = text.index("50 civilians")
        spans = [
            (quote_start, quote_end, "QUOTE"),
            (actor_start, actor_end, "ACTOR"),
            (fig_start, fig_start + len("50 civilians"), "FIGURE"),
        ]
        ids: dict[str, int] = {}
        for start, end, label in spans:
            version = store.document_version(doc_id)
            span = store.add_span(
                doc_id,
                Span(start, end, label, status=SpanStatus.SUGGESTED, source=Source.MODEL, source_name="crash"),
                expect_version=version,
            ).span((start, end, label))
            assert span is not None and span.id is not None
            ids[label] = span.id
            ack(op="span", doc=doc_id, span=span.id, start=start, end=end, label=label)
        store.update_span(ids["ACTOR"], annotator="alice", status=SpanStatus.ACCEPTED)
        ack(op="accept", span=ids["ACTOR"])
        store.set_speaker(ids["QUOTE"], ids["ACTOR"], "alice")
        ack(op="speaker", quote=ids["QUOTE"], actor=ids["ACTOR"])
        store.set_document_status(doc_id, DocStatus.DONE, "alice")
        ack(op="done", doc=doc_id)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
