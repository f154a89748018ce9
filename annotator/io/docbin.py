"""The spaCy export: a DocBin that ``spacy train`` reads.

Every span goes into ``doc.spans["sc"]`` (quotes overlap the actors in them);
QUOTE spans also go into ``doc.spans["quotes"]``, the key the span categorizer of
``resources/train.cfg`` learns; ACTOR and FIGURE spans that do not overlap also
become ``doc.ents``. A span
that does not start and end on token boundaries cannot be a spaCy Span: it is
left out and reported, never dropped silently. SPEAKER relations ride along in
``doc.user_data["relations"]`` as ``{"label", "head": {"start", "end", "label"}, "child": {...}}``
(character offsets).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from spacy.tokens import DocBin
from spacy.util import filter_spans

from annotator.core.model import Document, Relation, Span
from annotator.io.export_report import ExportReport, describe

SPANS_KEY = "sc"
QUOTES_KEY = "quotes"  # what resources/train.cfg's spancat learns: QUOTE only
ENT_LABELS = frozenset({"ACTOR", "FIGURE"})


def write_docbin(
    fh: IO[bytes],
    items: Iterable[tuple[Document, list[Span], list[Relation]]],
    tokenizer: Any,
    report: ExportReport,
) -> None:
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    for doc, spans, relations in items:
        sdoc = tokenizer(doc.text)
        aligned = []
        keys = set()
        for span in spans:
            sspan = sdoc.char_span(span.start, span.end, label=span.label)
            if sspan is None:
                report.left_out += 1
                report.warnings.append(
                    f"{describe(doc)}: {span.label} {span.start}..{span.end} {doc.text[span.start:span.end]!r}"
                    " does not start and end on token boundaries; left out of the spaCy export"
                )
                continue
            aligned.append(sspan)
            keys.add(span.key)
        sdoc.spans[SPANS_KEY] = aligned
        sdoc.spans[QUOTES_KEY] = [s for s in aligned if s.label_ == "QUOTE"]
        candidates = [s for s in aligned if s.label_ in ENT_LABELS]
        ents = filter_spans(candidates)  # longest first, no overlaps: what doc.ents allows
        sdoc.ents = ents
        sdoc.user_data["doc_id"] = doc.id
        sdoc.user_data["relations"] = [
            {"label": r.label, "head": _endpoint(r.head), "child": _endpoint(r.child)}
            for r in relations
            if r.head in keys and r.child in keys
        ]
        docbin.add(sdoc)
        report.written += 1
        report.spans += len(aligned)
        report.relations += len(sdoc.user_data["relations"])
    fh.write(docbin.to_bytes())


def _endpoint(key: tuple[int, int, str]) -> dict[str, Any]:
    return {"start": key[0], "end": key[1], "label": key[2]}
