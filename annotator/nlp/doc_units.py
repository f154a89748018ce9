"""Shared helpers over an analysed spaCy Doc: sentences with or without a parser, span groups with attributes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from spacy.attrs import ORTH, SENT_START
from spacy.lexeme import Lexeme
from spacy.tokens import Doc, SpanGroup
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

ACTORS = "annotator_actors"
QUOTES = "annotator_quotes"
FIGURES = "annotator_figures"
SPEAKERS = "annotator_speakers"  # ACTOR spans the quotes component found as speakers ("the spokesman")

T = TypeVar("T")
_ENDERS = frozenset(".!?")
_CLOSERS = frozenset("\"”’»'")


def sentence_ids(doc: Doc) -> list[int]:
    """The sentence number of every token: the pipeline's sentences when it has them, else a punctuation rule."""
    cache = _flags(doc)
    if "_sentences" not in cache:
        cache["_sentences"] = _sentence_ids(doc)
    result: list[int] = cache["_sentences"]
    return result


def _sentence_ids(doc: Doc) -> list[int]:
    ids = [0] * len(doc)
    if annotated(doc, "SENT_START"):
        # as a loop over the tokens (tok.is_sent_start, a line break in the token or after it), without making
        # a Token object for each: the sentence starts as an array, the line breaks found in the text
        breaks = set(line_break_tokens(doc))
        n = -1
        after_break = True
        for i, start in enumerate(doc.to_array(SENT_START).tolist()):
            if start == 1 or n < 0 or after_break:  # -1 (not a start) comes as an unsigned number
                n += 1
            ids[i] = n
            after_break = i in breaks
        return ids
    n = 0
    for tok in doc:
        ids[tok.i] = n
        if "\n" in tok.text or "\n" in tok.whitespace_:
            n += 1
            continue
        if tok.text[-1:] in _ENDERS or (tok.text in _CLOSERS and tok.i > 0 and doc[tok.i - 1].text[-1:] in _ENDERS):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.text in _CLOSERS and not tok.whitespace_:
                continue  # the closing mark belongs to this sentence (after a space, a straight mark opens one)
            if nxt is None or nxt.text[:1].isupper() or nxt.text[:1] in '“"‘«':
                n += 1
    return ids


def line_break_tokens(doc: Doc, text: str | None = None) -> list[int]:
    """The tokens whose text or trailing whitespace holds a line break, in order (``text``, if given, is ``doc.text``).

    A token's trailing whitespace is one space or nothing (spaCy makes any other whitespace a token of its own),
    so these are the tokens whose own text holds a line break: found over the tokens' word ids, each word of the
    vocabulary asked once, without building the text.
    """
    if text is not None and "\n" not in text:
        return []
    strings, known = doc.vocab.strings, _LINE_BREAK_WORDS
    out = []
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        found = known.get(orth)
        if found is None:
            found = known[orth] = "\n" in strings[orth]
        if found:
            out.append(i)
    return out


# orth id -> whether the word holds a line break (an orth id is the hash of the word's text in every vocab)
_LINE_BREAK_WORDS: dict[int, bool] = {}


def sentence_bounds(ids: list[int]) -> dict[int, tuple[int, int]]:
    """Sentence number -> (first token, end token)."""
    bounds: dict[int, tuple[int, int]] = {}
    for i, s in enumerate(ids):
        first, _ = bounds.get(s, (i, i))
        bounds[s] = (first, i + 1)
    return bounds


def group(doc: Doc, name: str) -> SpanGroup:
    """The named span group, created with empty per-span attribute lists if missing."""
    if name not in doc.spans:
        doc.spans[name] = []
    g = doc.spans[name]
    for key in ("confidence", "source", "type", "kind", "speaker"):
        g.attrs.setdefault(key, [])
    return g


def add(g: SpanGroup, span: SpacySpan, **attrs: Any) -> int:
    """Append a span with its attributes; returns its index in the group."""
    g.append(span)
    for key in ("confidence", "source", "type", "kind", "speaker"):
        g.attrs[key].append(attrs.get(key))
    return len(g) - 1


_last: list[tuple[Doc, dict[str, Any]]] = []


def _flags(doc: Doc) -> dict[str, Any]:
    """Facts about the doc in hand, computed once (one entry: the components work doc by doc)."""
    entry = _last[0] if _last else None
    if entry is None or entry[0] is not doc:
        entry = (doc, {})
        _last[:] = [entry]  # holding the doc keeps its id from being reused by another doc
    return entry[1]


def cached(doc: Doc) -> dict[str, Any]:
    """A dict of facts about the doc in hand that the components compute once."""
    return _flags(doc)


F = TypeVar("F", bound=Callable[..., Any])


def remembered(key_args: int) -> Callable[[F], F]:
    """Remember a rule's answer for the doc in hand by its first ``key_args`` arguments after the doc.

    For a rule asked many times over the same tokens (``never_an_actor`` of a name, once while its entity is read
    and once when it is added): the rule must read nothing but the doc and those arguments (the other arguments
    are facts of the doc computed once, like ``not_actor_chars``), and the components never change what it reads.
    """

    def decorate(rule: F) -> F:
        slot = f"_remembered {rule.__module__}.{rule.__qualname__}"

        @functools.wraps(rule)
        def remembering(doc: Doc, *args: Any) -> Any:
            flags = _flags(doc)
            answers = flags.get(slot)
            if answers is None:
                answers = flags[slot] = {}
            key = args[:key_args]
            if key in answers:
                return answers[key]
            answer = answers[key] = rule(doc, *args)
            return answer

        remembering.__wrapped_rule__ = rule  # type: ignore[attr-defined]  # the rule itself, for tests
        return remembering  # type: ignore[return-value]

    return decorate


def orth_ids(doc: Doc) -> list[int]:
    """The word (orth id) of every token, read once for the doc in hand."""
    flags = _flags(doc)
    if "_orths" not in flags:
        flags["_orths"] = doc.to_array(ORTH).tolist()
    orths: list[int] = flags["_orths"]
    return orths


class WordFacts(Generic[T]):
    """What a rule reads from a word alone (its text, lower case, lexical flags: no context), remembered per word.

    ``facts.of(doc)`` lists it for every token without making a Token object for each,
    which costs more than most rules that read one word; each word of the vocabulary is
    asked once.
    """

    def __init__(self, fact: Callable[[Lexeme], T]) -> None:
        self.fact = fact
        self.known: dict[int, T] = {}
        self.vocab: Vocab | None = None

    def of(self, doc: Doc) -> list[T]:
        if self.vocab is not doc.vocab:  # orth ids are string hashes, the flags the vocab's: one vocab at a time
            self.known = {}
            self.vocab = doc.vocab
        known, vocab, fact = self.known, doc.vocab, self.fact
        out = []
        for orth in orth_ids(doc):
            if orth in known:
                out.append(known[orth])
            else:
                answer = known[orth] = fact(vocab[orth])
                out.append(answer)
        return out


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once for the doc in hand (spaCy joins every token on each access)."""
    flags = _flags(doc)
    if "_text" not in flags:
        flags["_text"] = doc.text
    text: str = flags["_text"]
    return text


def annotated(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)``, remembered for the doc in hand: spaCy scans every token on each call."""
    flags = _flags(doc)
    if attr not in flags:
        flags[attr] = doc.has_annotation(attr)
    return flags[attr]


def has_parse(doc: Doc) -> bool:
    return annotated(doc, "DEP")


def has_tags(doc: Doc) -> bool:
    return annotated(doc, "TAG") or annotated(doc, "POS")
