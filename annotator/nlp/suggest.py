"""Batch suggestion: texts in, core Span/Relation objects out, document ids kept."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annotator.core.model import SPEAKER, Relation, Source, Span, SpanStatus, reading_order
from annotator.core.spans import is_grapheme_boundary, snap_to_graphemes, trim_whitespace
from annotator.nlp.actors.scorer import rescore
from annotator.nlp.components import COMPONENT_NAMES
from annotator.nlp.doc_units import ACTORS, FIGURES, QUOTES, SPEAKERS
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.workers import run_in_workers

# Measured with `python -m benchmarks.suggest_processes` (500 articles, 2.1 M characters,
# en_core_web_sm 3.8.0, 2 cores shared with other work): 1 process batch 32 118 s,
# 2 processes batch 32 112 s (within noise), 1 process batch 128 129 s, 2 processes
# batch 128 175 s. A second process does not pay for its second model load and memory.
DEFAULT_N_PROCESS = 1
DEFAULT_BATCH_SIZE = 32


@dataclass
class DocSuggestions:
    doc_id: int
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _boundary(text: str, offset: int) -> bool:
    """:func:`is_grapheme_boundary`, answered at once between two ASCII characters (always a boundary but in CR LF),
    as nearly every span of English news ends."""
    if 0 < offset < len(text):
        pair = text[offset - 1 : offset + 1]
        if pair.isascii() and pair != "\r\n":
            return True
    return is_grapheme_boundary(text, offset)


def _span(text: str, sp: SpacySpan, source: Source, source_name: str, conf: Any, kind: str | None) -> Span | None:
    start, end = trim_whitespace(text, sp.start_char, sp.end_char)
    if start >= end:
        return None
    # The rule imports apply: a span never splits a character as readers see it (a tokenizer may cut
    # inside a ZWJ emoji sequence or before a combining mark). Widened to whole clusters, or dropped.
    if not (_boundary(text, start) and _boundary(text, end)):
        start, end = snap_to_graphemes(text, start, end)
        if not text[start:end].strip():
            return None
    return Span(
        start,
        end,
        sp.label_,
        status=SpanStatus.SUGGESTED,
        source=source,
        source_name=source_name,
        confidence=float(conf) if conf is not None else None,
        kind=kind,
    )


def _made_from(doc: Doc, text: str) -> bool:
    """Whether ``text`` is as long as the doc's text (a tokenizer that changed characters would make them differ)."""
    if not len(doc):
        return text == ""
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text)


def spans_from_doc(
    doc: Doc, pipeline: LoadedPipeline, text: str | None = None, *, rescore_actors: bool = True
) -> tuple[list[Span], list[Relation]]:
    """Core spans and SPEAKER relations from the components' span groups; one span per key.

    ``text`` is the text the doc was made from, when the caller has it: ``doc.text`` is built anew from the
    tokens on every access (spaCy's tokenizer keeps every character, so the two are the same).
    The ACTOR candidates are re-scored here, after the quotes component has read them all for speakers
    (``annotator.nlp.actors.scorer``): the probability is their confidence, and those below the threshold
    that speak no quote are left out (``rescore_actors=False`` keeps every candidate with its rule confidence).
    """
    if text is None or not _made_from(doc, text):
        text = doc.text
    spans: dict[tuple[int, int, str], Span] = {}
    quotes: list[tuple[Span | None, int]] = []
    actor_scores = rescore(doc) if rescore_actors else {}
    for g_name in (ACTORS, SPEAKERS, FIGURES, QUOTES):
        if g_name not in doc.spans:
            continue
        g = doc.spans[g_name]
        sources, confidences = g.attrs["source"], g.attrs["confidence"]
        if g_name == ACTORS and actor_scores:
            confidences = [actor_scores.get(n, c) for n, c in enumerate(confidences)]
        kinds = g.attrs["kind"] if g_name == QUOTES else None
        rule_name = COMPONENT_NAMES.get(g_name) or COMPONENT_NAMES[QUOTES]
        for n, sp in enumerate(g):
            if confidences[n] is None and g_name == ACTORS and n in actor_scores:
                continue  # the re-scorer's no: neither a likely actor nor a quote's speaker
            source_attr = sources[n]
            if source_attr == "model":
                source, source_name = Source.MODEL, pipeline.name
            else:
                source, source_name = Source.RULE, COMPONENT_NAMES.get(str(source_attr)) or rule_name
            span = _span(text, sp, source, source_name, confidences[n], kinds[n] if kinds is not None else None)
            if g_name == QUOTES:
                quotes.append((span, n))
            if span is not None and span.key not in spans:
                spans[span.key] = span
    relations: list[Relation] = []
    speakers = doc.spans[QUOTES].attrs.get("speaker") if quotes else None
    for quote, n in quotes:
        who = speakers[n] if speakers is not None else None
        if quote is None or who is None:
            continue
        start, end = trim_whitespace(text, *who)  # as the ACTOR span itself was trimmed
        child = (start, end, "ACTOR")
        if child not in spans:
            continue
        relations.append(
            Relation(
                head=quote.key,
                child=child,
                label=SPEAKER,
                status=SpanStatus.SUGGESTED,
                source=Source.RULE,
                source_name=COMPONENT_NAMES[QUOTES],
                confidence=quote.confidence,
            )
        )
    ordered = sorted(spans.values(), key=reading_order)
    return ordered, relations


def suggest_one(pipeline: LoadedPipeline, text: str) -> tuple[list[Span], list[Relation]]:
    """Suggestions for one text."""
    return spans_from_doc(pipeline.nlp(text), pipeline, text)


def suggest_many(
    pipeline: LoadedPipeline,
    docs: Iterable[tuple[int, str]],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = DEFAULT_N_PROCESS,
) -> Iterator[DocSuggestions]:
    """Suggest for ``(doc_id, text)`` pairs, yielding results in input order with their ids.

    With ``n_process`` > 1 the work goes to worker processes (:mod:`annotator.nlp.workers`)
    that stop at once when the caller stops: Ctrl+C, SIGTERM or an error in the caller.
    """
    if n_process > 1:
        yield from run_in_workers(suggest_batch, pipeline, docs, batch_size=batch_size, n_process=n_process)
        return
    for doc, (doc_id, text) in pipeline.nlp.pipe(
        ((text, (doc_id, text)) for doc_id, text in docs), as_tuples=True, batch_size=batch_size
    ):
        spans, relations = spans_from_doc(doc, pipeline, text)
        yield DocSuggestions(doc_id, spans, relations)


def suggest_batch(pipeline: LoadedPipeline, batch: list[tuple[int, str]]) -> list[DocSuggestions]:
    """Suggestions for one batch of ``(doc_id, text)`` pairs (what a worker process runs)."""
    return [
        DocSuggestions(doc_id, *spans_from_doc(doc, pipeline, text))
        for doc, (doc_id, text) in pipeline.nlp.pipe(
            ((text, (doc_id, text)) for doc_id, text in batch), as_tuples=True, batch_size=max(1, len(batch))
        )
    ]
