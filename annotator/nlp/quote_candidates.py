"""Candidate spans for a QUOTE span categorizer: clause-sized pieces and quote-mark pairs, not every n-gram.

spaCy's n-gram suggester with quotes' lengths (up to 60+ tokens) offers ~60
candidates a token, which made a training step on CPU take seconds. A quote
starts at a sentence start, after a comma, colon, "that" or a speech verb, or
at a quote mark; it ends at a sentence end, before a comma, or after a quote
mark. Those boundaries give a few dozen candidates a sentence and cover almost
all the quotes of the gold set (see benchmarks/train.py, "candidate recall").

Registered as ``annotator.quote_candidates.v1`` in spaCy's ``misc`` registry
(an entry point, so ``spacy train`` finds it with the package installed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

from annotator.nlp.lexicon import speech_verbs

QUOTE_MARKS = frozenset('"“”‘’«»„‟‹›')
_OPEN_AFTER = frozenset({",", ";", ":", "that", "—", "–", "-", "(", "according"})
_CUT_BEFORE = frozenset({",", ";", "—", "–", "("})
_ENDERS = frozenset(".!?")


def is_quote_mark(text: str) -> bool:
    return bool(text) and (text[0] in QUOTE_MARKS or text[-1] in QUOTE_MARKS)


def _units(doc: Doc) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence by punctuation and line breaks (no parser needed)."""
    units: list[tuple[int, int, int]] = []
    start, para = 0, 0
    n = len(doc)
    for tok in doc:
        i = tok.i
        brk = "\n" in tok.text or "\n" in tok.whitespace_
        end_here = brk
        if not end_here and tok.text[-1:] in _ENDERS:
            nxt = doc[i + 1] if i + 1 < n else None
            end_here = nxt is None or (not is_quote_mark(nxt.text) and nxt.text[:1].isupper())
        if not end_here and is_quote_mark(tok.text) and i > 0 and doc[i - 1].text[-1:] in _ENDERS:
            nxt = doc[i + 1] if i + 1 < n else None
            end_here = nxt is None or nxt.text[:1].isupper()
        if end_here or i == n - 1:
            units.append((start, i + 1, para))
            start = i + 1
            if brk:
                para += 1
    return units


def quote_candidates(doc: Doc, max_length: int) -> set[tuple[int, int]]:
    """Token ranges (start, end) that could be a QUOTE."""
    verbs = speech_verbs().forms
    found: set[tuple[int, int]] = set()
    units = _units(doc)
    for s, e, _para in units:
        while e > s and doc[e - 1].is_space:
            e -= 1
        starts = {s}
        ends = {e}
        if e - 1 > s and doc[e - 1].is_punct and not is_quote_mark(doc[e - 1].text):
            ends.add(e - 1)
        for i in range(s, e):
            low = doc[i].lower_
            if low in _OPEN_AFTER or low in verbs or is_quote_mark(doc[i].text):
                starts.add(i + 1)
            if is_quote_mark(doc[i].text):
                starts.add(i)
                ends.add(i + 1)
            if low in _CUT_BEFORE or is_quote_mark(doc[i].text):
                ends.add(i)
        for a in starts:
            for b in ends:
                if a < b <= a + max_length and not doc[a].is_space:
                    found.add((a, b))
    # quotations over several sentences: any two marks of one paragraph, or a mark to the paragraph's end
    by_para: dict[int, list[int]] = {}
    para_end: dict[int, int] = {}
    for s, e, para in units:
        para_end[para] = e
        by_para.setdefault(para, []).extend(i for i in range(s, e) if is_quote_mark(doc[i].text))
    for para, marks in by_para.items():
        end = para_end[para]
        while end > 0 and doc[end - 1].is_space:
            end -= 1
        for k, a in enumerate(marks):
            for b in marks[k + 1 :]:
                if b + 1 - a <= max_length:
                    found.add((a, b + 1))
            if a < end <= a + max_length:
                found.add((a, end))
    return found


def suggest_quote_candidates(docs: Iterable[Doc], max_length: int, ops: Ops | None = None) -> Ragged:
    """The candidates of each doc as spaCy's span categorizer wants them: a Ragged of (start, end) rows."""
    ops = ops or get_current_ops()
    rows: list[tuple[int, int]] = []
    lengths: list[int] = []
    for doc in docs:
        found = sorted(quote_candidates(doc, max_length))
        rows.extend(found)
        lengths.append(len(found))
    lengths_array = ops.asarray1i(lengths)
    if rows:
        return Ragged(ops.asarray2i(rows), lengths_array)
    return Ragged(ops.xp.zeros((0, 0), dtype="i"), lengths_array)


@registry.misc("annotator.quote_candidates.v1")
def build_quote_candidates(max_length: int = 150) -> Callable[..., Ragged]:
    """spaCy ``suggester`` for ``spancat``: see the module docstring."""

    def suggester(docs: Iterable[Doc], *, ops: Ops | None = None) -> Ragged:
        return suggest_quote_candidates(docs, max_length, ops)

    return suggester
