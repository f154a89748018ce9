"""Run the suggestion pipeline over stored documents and save what it suggests.

Each document's suggestions are saved in their own transaction as soon as they
are made, so a cancelled or interrupted run keeps everything finished so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from annotator.core.language import LanguageCheck, check_language, language_name
from annotator.core.model import DocStatus, SpanStatus
from annotator.core.progress import Cancel, Progress
from annotator.core.text import counted
from annotator.nlp import DEFAULT_BATCH_SIZE, DEFAULT_N_PROCESS, LoadedPipeline, suggest_many
from annotator.store import Store

OPEN_STATUSES = (DocStatus.NEW, DocStatus.IN_PROGRESS)


@dataclass(frozen=True)
class OtherLanguage:
    """A document passed over: mostly in another language than the pipeline reads."""

    doc_id: int
    title: str
    found: LanguageCheck

    def line(self) -> str:
        expected = language_name(self.found.expected)
        return f"document {self.doc_id} ({self.title!r}): {self.found.describe()}, not {expected}: no suggestions"


@dataclass
class SuggestReport:
    documents: int = 0  # documents the pipeline ran on
    spans_added: int = 0  # spans that were not suggested before this run
    spans_replaced: int = 0  # with redo: earlier suggestions suggested again (deleted and stored anew)
    spans_dropped: int = 0  # with redo: earlier suggestions the pipeline no longer makes
    redo: bool = False
    skipped: int = 0  # already had suggestions (use redo to run again)
    model: str = ""
    note: str = ""
    cancelled: bool = False
    too_long: list[str] = field(default_factory=list)
    """Documents longer than the model reads (spaCy's ``nlp.max_length``), passed over: one line each."""
    other_language: dict[int, OtherLanguage] = field(default_factory=dict)
    """Documents in another language than the pipeline's, passed over, by id."""
    language: str = "en"  # the pipeline's language
    any_language_hint: str = "--any-language"  # how to suggest them anyway, as the caller offers it

    def summary(self) -> str:
        if self.redo:
            spans = (
                f"{counted(self.spans_replaced + self.spans_added, 'span')}"
                f" ({self.spans_replaced} replaced, {self.spans_added} new)"
            )
            if self.spans_dropped:
                spans += f"; {counted(self.spans_dropped, 'earlier suggestion')} no longer made, removed"
        else:
            spans = counted(self.spans_added, "new span")
        text = f"suggested with {self.model}: {spans} in {counted(self.documents, 'document')}"
        if self.skipped:
            text += f"; {counted(self.skipped, 'document')} already had suggestions (--redo to run them again)"
        if self.other_language:
            text += (
                f"; {counted(len(self.other_language), 'document')} not in {language_name(self.language)},"
                f" left without suggestions ({self.any_language_hint} to suggest them anyway)"
            )
        if self.too_long:
            text += f"; {counted(len(self.too_long), 'document')} too long for the model, left without suggestions"
        if self.cancelled:
            text += " (cancelled; finished documents are saved)"
        return text


def suggest_documents(
    store: Store,
    pipeline: LoadedPipeline,
    *,
    doc_ids: Iterable[int] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = DEFAULT_N_PROCESS,
    redo: bool = False,
    any_language: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SuggestReport:
    """Suggest spans for documents and store them as open suggestions.

    Without ``doc_ids``: every document not done or skipped. Documents that
    already have suggestions are skipped unless ``redo`` (which replaces open
    suggestions; what a person accepted, rejected or made is never touched).

    A document mostly in another language than the pipeline's (:func:`check_language`) is passed over
    unless ``any_language``: the rules and the stock model read English, and on a German page they
    mark capitalised nouns as actors everywhere. It stays open for annotation by hand, and is checked
    again on the next run (the check takes milliseconds).
    """
    language = str(getattr(pipeline.nlp, "lang", "en") or "en")
    check_languages = not any_language and language != "xx"  # spaCy's multi-language pipelines read any
    report = SuggestReport(model=pipeline.name, note=pipeline.note, redo=redo, language=language)
    ids = list(doc_ids) if doc_ids is not None else store.document_ids(statuses=OPEN_STATUSES)
    if not redo:
        done_before = store.suggested_document_ids()
        report.skipped = sum(1 for i in ids if i in done_before)
        ids = [i for i in ids if i not in done_before]
    total = len(ids)

    # spaCy refuses a longer text (E088) and the whole run stopped there; --max-chars may have let it in
    max_length = getattr(pipeline.nlp, "max_length", None)

    def texts() -> Iterator[tuple[int, str]]:
        for doc_id in ids:
            if cancel is not None and cancel():
                report.cancelled = True
                return
            document = store.get_document(doc_id)
            if max_length is not None and len(document.text) > max_length:
                report.too_long.append(
                    f"document {doc_id} ({document.title!r}): {len(document.text):,} characters, longer than the"
                    f" model reads ({max_length:,}): no suggestions"
                )
                continue
            if check_languages:
                found = check_language(document.text, expected=language)
                if not found.suits:
                    report.other_language[doc_id] = OtherLanguage(doc_id, document.title, found)
                    if redo:  # the suggestions an earlier run made in this language go, as any no longer made
                        before = _open_keys(store, doc_id)
                        store.save_suggestions(doc_id, [], [], redo=True)
                        report.spans_dropped += len(before - _open_keys(store, doc_id))
                    if progress is not None:
                        progress(min(report.documents + len(report.too_long) + len(report.other_language), total),
                                 total)
                    continue
            yield doc_id, document.text

    if progress is not None:
        progress(0, total)
    for result in suggest_many(pipeline, texts(), batch_size=batch_size, n_process=n_process):
        if redo:
            # save_suggestions counts every span it stores as added, and with redo it first deletes the
            # open ones: compare the open suggestions before and after to say what was really new.
            before = _open_keys(store, result.doc_id)
            store.save_suggestions(result.doc_id, result.spans, result.relations, redo=True)
            after = _open_keys(store, result.doc_id)
            report.spans_added += len(after - before)
            report.spans_replaced += len(after & before)
            report.spans_dropped += len(before - after)
        else:
            report.spans_added += store.save_suggestions(result.doc_id, result.spans, result.relations)
        report.documents += 1
        if progress is not None:
            progress(min(report.documents + len(report.too_long) + len(report.other_language), total), total)
        if cancel is not None and cancel():
            report.cancelled = True
            break
    return report


def _open_keys(store: Store, doc_id: int) -> set[tuple[int, int, str]]:
    """The (start, end, label) of the document's open suggestions."""
    return {span.key for span in store.spans(doc_id, statuses=[SpanStatus.SUGGESTED])}
