"""spaCy's attribute ruler answered from a table: the same token attributes, without the general Matcher.

A trained English pipeline's ``attribute_ruler`` maps fine-grained tags (and some words with their tag or
dependency label) to a coarse part of speech, morphology and a few lemmas: about 180 rules of one or two tokens.
spaCy runs them with its general ``Matcher`` and applies each match through a ``Span``; on the suggest
benchmark that is about 30 ms an article, 15% of the model's CPU time, more than all our own components.

Every one of those rules tests a token's attributes for equal values (or a value in or not in a list), so which
rules a token matches depends on a handful of its attributes only: :class:`AttributeTable` looks that up once per
distinct combination and remembers it. Matches are found on the attributes as they were before any rule applied,
and a token's attributes are set once, merged in rule order (a later rule overrides an earlier one), which is
exactly the state spaCy's ``AttributeRuler`` leaves (it sorts its matches by rule and sets them one by one). Only
rule sets of that shape are compiled (:meth:`AttributeTable.compile` returns None for anything else, and the
pipeline keeps spaCy's ruler); ``tests/test_nlp_attribute_table.py`` checks the two agree token for token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ATTRIBUTE_TABLE = "annotator_attribute_table"
RULER = "attribute_ruler"

# What a rule may test: token attributes read with Doc.to_array (string values are hashed as the Matcher does).
_TESTED = {"ORTH": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "POS": POS, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMNS = list(_TESTED.values())
_COLUMN = {name: n for n, name in enumerate(_TESTED)}
# What a rule may set: fields of the token alone (spaCy's set_token_attrs also writes lexical attributes to the
# word's lexeme, shared by every token of it; with these it writes nothing there, so the order tokens are set in
# cannot matter).
_SET = frozenset({POS, TAG, MORPH, LEMMA, DEP})

# one test: (column, operator, values: hashed strings, or a regular expression the string must hold);
# a token spec: the tests of one token
_Test = tuple[int, str, Any]
_Spec = tuple[_Test, ...]


def _value(attr: str, value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value) if attr == "IS_SPACE" else None
    if isinstance(value, str) and attr != "IS_SPACE":
        return int(get_string_id(value))
    return None


def _spec(token: Any) -> _Spec | None:
    if not isinstance(token, dict) or not token:
        return None
    tests: list[_Test] = []
    for attr, value in token.items():
        if attr not in _TESTED:
            return None  # "OP", "TEXT", regular expressions, extension attributes, ...: spaCy's ruler does it
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            ((op, values),) = value.items()
            if op == "REGEX" and isinstance(values, str) and attr != "IS_SPACE":
                tests.append((_COLUMN[attr], op, re.compile(values)))  # as the Matcher: re.search on the string
                continue
            if op not in ("IN", "NOT_IN") or not isinstance(values, list):
                return None
            ints = [_value(attr, v) for v in values]
            if any(v is None for v in ints):
                return None
            tests.append((_COLUMN[attr], op, frozenset(v for v in ints if v is not None)))
        else:
            v = _value(attr, value)
            if v is None:
                return None
            tests.append((_COLUMN[attr], "==", frozenset({v})))
    return tuple(tests)


def _passes(spec: _Spec, features: tuple[int, ...], strings: StringStore) -> bool:
    for column, op, values in spec:
        if op == "REGEX":
            if not values.search(strings[features[column]]):
                return False
        elif (features[column] in values) != (op != "NOT_IN"):
            return False
    return True


class AttributeTable:
    """An ``AttributeRuler``'s rules of one or two tokens, applied from remembered lookups (see the module)."""

    def __init__(
        self, attrs: list[dict[int, int]], singles: list[tuple[int, _Spec]], pairs: list[tuple[int, _Spec, _Spec, int]]
    ) -> None:
        self.attrs = attrs  # rule -> the attributes it sets (as spaCy normalised them)
        self.singles = singles  # (rule, spec) of the one-token patterns, in rule order
        self.pairs = pairs  # (rule, first spec, second spec, which token it sets: 0 or 1), in rule order
        self._single_rules: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._pair_starts: dict[tuple[int, ...], tuple[int, ...]] = {}  # features -> pairs whose first spec passes
        self._pair_ends: dict[tuple[int, tuple[int, ...]], bool] = {}
        self._merged: dict[tuple[int, ...], dict[int, int]] = {}

    @classmethod
    def compile(cls, ruler: Any) -> AttributeTable | None:
        """The table for ``ruler`` (spaCy's ``AttributeRuler``), or None where one of its rules is of another kind."""
        try:
            patterns = ruler.patterns
            attrs = list(ruler.attrs)
        except AttributeError:
            return None
        if len(patterns) != len(attrs):
            return None
        singles: list[tuple[int, _Spec]] = []
        pairs: list[tuple[int, _Spec, _Spec, int]] = []
        for rule, (entry, normalised) in enumerate(zip(patterns, attrs, strict=True)):
            if not isinstance(normalised, dict) or not normalised or not set(normalised) <= _SET:
                return None
            index = entry.get("index", 0)
            for pattern in entry.get("patterns", ()):
                specs = [_spec(token) for token in pattern] if isinstance(pattern, list) else [None]
                if not specs or any(s is None for s in specs) or len(specs) > 2:
                    return None
                if not -len(specs) <= index < len(specs):
                    return None  # spaCy raises E1001 for such a rule
                if len(specs) == 1:
                    singles.append((rule, specs[0]))  # type: ignore[arg-type]
                else:
                    pairs.append((rule, specs[0], specs[1], index % 2))  # type: ignore[arg-type]
        return cls(attrs, singles, pairs)

    def _singles_of(self, features: tuple[int, ...], strings: StringStore) -> tuple[int, ...]:
        rules = self._single_rules.get(features)
        if rules is None:
            rules = self._single_rules[features] = tuple(
                r for r, spec in self.singles if _passes(spec, features, strings)
            )
        return rules

    def _pairs_from(self, features: tuple[int, ...], strings: StringStore) -> tuple[int, ...]:
        found = self._pair_starts.get(features)
        if found is None:
            found = self._pair_starts[features] = tuple(
                n for n, (_, first, _, _) in enumerate(self.pairs) if _passes(first, features, strings)
            )
        return found

    def _pair_ends_at(self, n: int, features: tuple[int, ...], strings: StringStore) -> bool:
        key = (n, features)
        ok = self._pair_ends.get(key)
        if ok is None:
            ok = self._pair_ends[key] = _passes(self.pairs[n][2], features, strings)
        return ok

    def _merge(self, rules: tuple[int, ...]) -> dict[int, int]:
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for rule in rules:  # in rule order: a later rule's value overrides
                merged.update(self.attrs[rule])
            self._merged[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings  # hashes are of the text alone: the same in every vocab
        rows = [tuple(row) for row in doc.to_array(_COLUMNS).tolist()]
        n = len(rows)
        extra: dict[int, list[int]] = {}  # token -> rules of two-token patterns that set it
        if self.pairs:
            for i in range(n - 1):
                for p in self._pairs_from(rows[i], strings):
                    if self._pair_ends_at(p, rows[i + 1], strings):
                        extra.setdefault(i + self.pairs[p][3], []).append(self.pairs[p][0])
        for i in range(n):
            rules = self._singles_of(rows[i], strings)
            if i in extra:
                rules = tuple(sorted({*rules, *extra[i]}))
            if rules:
                set_token_attrs(doc[i], self._merge(rules))
        return doc


class RulerAsTable:
    """The pipeline component: the named ruler's rules as an :class:`AttributeTable`, compiled on first use.

    On first use, not when made: while ``spacy.load`` makes a saved pipeline's components, the ruler's rules are not
    read from disk yet. Rules the table cannot hold are run by the ruler itself.
    """

    def __init__(self, nlp: Language, ruler: str) -> None:
        self.nlp = nlp
        self.ruler = ruler
        self._table: AttributeTable | None = None
        self._compiled = False

    def __call__(self, doc: Doc) -> Doc:
        if not self._compiled:
            self._table = AttributeTable.compile(self.nlp.get_pipe(self.ruler))
            self._compiled = True
        if self._table is None:
            ruled: Doc = self.nlp.get_pipe(self.ruler)(doc)
            return ruled
        return self._table(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(ATTRIBUTE_TABLE, default_config={"ruler": RULER})
def make_attribute_table(nlp: Language, name: str, ruler: str) -> RulerAsTable:
    """The pipeline's attribute ruler (``ruler``, by name, kept disabled) run as a table; see
    :func:`use_attribute_table`."""
    return RulerAsTable(nlp, ruler)


def use_attribute_table(nlp: Language) -> Language:
    """Run the pipeline's ``attribute_ruler`` as a table (the same attributes in a tenth of the time or less), where
    its rules allow."""
    if RULER not in nlp.pipe_names or ATTRIBUTE_TABLE in nlp.pipe_names:
        return nlp
    if AttributeTable.compile(nlp.get_pipe(RULER)) is None:
        return nlp
    nlp.add_pipe(ATTRIBUTE_TABLE, after=RULER, config={"ruler": RULER})
    nlp.disable_pipe(RULER)
    return nlp
