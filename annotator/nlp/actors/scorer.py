"""The ACTOR re-scorer: a small logistic model that says how likely each rule-made ACTOR span is to be right.

The rules find candidates (``suggest_actors``); after the quotes component has run, every candidate gets a
probability from general features of where it stands (what the model calls it, which rule made it, its length
and capitalisation, its head's dependency and governor, the preposition before it, whether it speaks a suggested
quote or stands inside one, where in the article it is, how often the same words are an actor there, ...): never
the words of the span itself, never a document. The probability becomes the suggestion's confidence; a candidate
below the threshold is not suggested, unless it is the SPEAKER of a suggested quote (a speaker link never breaks).

The model is fitted by ``scripts/train_actor_scorer.py`` on the tuning gold (``benchmarks/gold``) and stored as
plain numbers in ``resources/actor_scorer.json`` (feature names, weights, intercept, threshold), read here with
no machine-learning library: a sum of the weights of the features a span has, through the logistic function.
Leave-one-publisher-out figures: ``python -m benchmarks.actor_scorer_cv`` (docs/actor_scorer.md).

It scores only what the rules found with a trained pipeline's entities and parse (the features come from them):
a pipeline without NER or parser, and a pipeline that predicts ACTOR itself, keep every candidate as before.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from annotator.core.paths import resource_path
from annotator.nlp.actors import RULE_ATTR
from annotator.nlp.doc_units import ACTORS, QUOTES, annotated, has_parse, line_break_tokens, sentence_ids
from annotator.nlp.lexicon import actor_words, speech_verbs

SCORER_FILE = "actor_scorer.json"
FORMAT = 1

_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss", "appos", "conj", "attr", "ROOT", "npadvmod", "amod"}
)
_PREPS = frozenset({"in", "at", "from", "to", "of", "by", "with", "for", "on", "against", "between", "among"})
_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_DETS = {"the": "the", "a": "a", "an": "a", "this": "this", "that": "this", "these": "this", "those": "this"}
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})


@dataclass(frozen=True)
class Candidate:
    """One span of the actors group: where it is, whether it speaks a quote, and its features."""

    index: int  # its place in doc.spans[ACTORS]
    start_char: int
    end_char: int
    speaker: bool
    features: tuple[str, ...]


def applies(doc: Doc) -> bool:
    """Whether the re-scorer judges this doc's actors: rule-made, from a pipeline with entities and a parse."""
    if ACTORS not in doc.spans or not annotated(doc, "ENT_IOB") or not has_parse(doc):
        return False
    rules = doc.spans[ACTORS].attrs.get(RULE_ATTR)
    return rules is not None and len(rules) == len(doc.spans[ACTORS]) and "trained" not in rules


def _speakers(doc: Doc) -> set[tuple[int, int]]:
    if QUOTES not in doc.spans:
        return set()
    return {(int(s[0]), int(s[1])) for s in doc.spans[QUOTES].attrs.get("speaker") or [] if s is not None}


def _quote_kinds(doc: Doc) -> list[str | None]:
    """Per token: the kind of the suggested quote it stands in, or None."""
    kinds: list[str | None] = [None] * len(doc)
    if QUOTES not in doc.spans:
        return kinds
    g = doc.spans[QUOTES]
    for sp, kind in zip(g, g.attrs.get("kind") or [None] * len(g), strict=False):
        for i in range(sp.start, sp.end):
            kinds[i] = str(kind or "direct")
    return kinds


def _paragraphs(doc: Doc) -> list[int]:
    """Per token: its paragraph number (0 is the headline), a paragraph ending at a line break."""
    para = [0] * len(doc)
    breaks = line_break_tokens(doc)
    n, b = 0, 0
    for i in range(len(doc)):
        para[i] = n
        if b < len(breaks) and breaks[b] == i:
            n += 1
            b += 1
    return para


def _bin(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


def _shape(span: SpacySpan) -> str:
    words = [t for t in span if t.is_alpha]
    if not words:
        return "none"
    if words[0].is_lower:
        return "lower"
    if (len(span) > 1 or len(words[0]) > 1) and all(t.is_upper for t in words):
        return "upper"
    if all(t.text[:1].isupper() for t in words):
        return "title"
    return "mixed"


def _dep(tok: Token) -> str:
    return tok.dep_ if tok.dep_ in _DEPS else "other"


def _governor(tok: Token) -> str:
    if tok.dep_ == "ROOT":
        return "root"
    pos = tok.head.pos_
    return pos.lower() if pos in ("VERB", "AUX", "NOUN", "PROPN", "ADP") else "other"


def span_features(
    doc: Doc,
    span: SpacySpan,
    rule: str,
    kind: str | None,
    speaker: bool,
    quote_kinds: list[str | None],
    paragraphs: list[int],
    sentences: list[int],
    count: int,
    elsewhere: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The names of the features span has (all binary): general, never the span's own words."""
    root = span.root
    ent = root.ent_type_ if root.ent_type_ in _ENTS else ("other" if root.ent_type_ else "none")
    first, last = doc[span.start], doc[span.end - 1]
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    dep = _dep(root)
    f = [
        f"rule={rule}",
        f"type={kind or 'none'}",
        f"ent={ent}",
        f"len={_bin(len(span), 4)}",
        f"shape={_shape(span)}",
        f"det={_DETS.get(first.lower_) or ('poss' if first.lower_ in _POSSESSIVE_PRONOUNS else 'none')}",
        f"dep={dep}",
        f"gov={_governor(root)}",
        f"ent_dep={ent}|{dep}",
        f"rule_dep={rule}|{dep}",
        f"para={_bin(paragraphs[span.start], 3)}",
        f"count={_bin(count, 3)}",
        f"quote={quote_kinds[span.start] or 'none'}",
    ]
    if (
        first.ent_iob_ == "B"
        and all(t.ent_iob_ == "I" for t in span[1:])
        and (span.end >= len(doc) or doc[span.end].ent_iob_ != "I")
    ):
        f.append("ent_exact")  # the span is one of the model's entities, no more, no less
    elif any(t.ent_type_ for t in span):
        f.append("ent_part")
    if speaker:
        f.append("speaker")
    f.extend(f"same_{what}" for what in sorted(elsewhere))  # what another mention of the same words does
    f.append(f"rule_det={rule}|{f[5].partition('=')[2]}")
    f.append(f"ent_para={ent}|{f[10].partition('=')[2]}")
    verbs = speech_verbs().forms
    head = root.head
    if dep == "conj":  # "Poland and all of our NATO Allies": the first conjunct's place in the sentence
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        f.append(f"conj_of={_dep(head)}")
    if root.dep_ != "ROOT" and head.pos_ in ("VERB", "AUX"):
        f.append("gov_speech" if head.lower_ in verbs or head.lemma_.lower() in verbs else "gov_verb")
    if root.dep_ == "pobj":
        prep = root.head
        if prep.dep_ == "agent":
            name = "by_agent"
        elif prep.lower_ == "to" and prep.head.lower_ == "according":
            name = "according_to"
        else:
            name = prep.lower_ if prep.lower_ in _PREPS else "other"
        f.append(f"prep={name}")
        f.append(f"ent_prep={ent}|{name}")
        over = prep.head.pos_
        f.append(f"prep_on={over.lower() if over in ('VERB', 'AUX', 'NOUN', 'PROPN') else 'other'}")
        if prep.head.pos_ in ("VERB", "AUX") and (prep.head.lower_ in verbs or prep.head.lemma_.lower() in verbs):
            f.append("prep_on_speech")
        if name == "of" and (prep.head.ent_type_ == "PERSON" or prep.head.lower_ in actor_words().titles):
            f.append("of_a_person_or_office")  # "President Vladimir Putin of Russia", "the President of Senegal"
    if after is not None:
        if after.tag_ == "POS" or after.lower_ in ("'s", "’s"):
            f.append("next=poss")
        elif after.pos_ in ("NOUN", "PROPN") and last.dep_ in ("compound", "amod", "nmod"):
            f.append(f"next=modifies_{after.pos_.lower()}")
            f.append(f"ent_modifies={ent}|{after.pos_.lower()}")
        elif after.text in (",", "(", ")", "-", "–", "—", ":"):
            f.append(f"next={after.text if after.text in (',', '(', ':') else 'dash'}")
    if before is not None:
        low = before.lower_
        words = actor_words()
        if low in words.titles or (before.text[:1].isupper() and low.rstrip(".") in words.titles):
            f.append("after_title")
        elif low in words.person_nouns or low in words.group_nouns:
            f.append("after_role")
        elif before.text in (",", "(", ":", "and", "or"):
            f.append(f"prev={'and' if before.text in ('and', 'or') else before.text}")
        if "\n" in before.text or "\n" in before.whitespace_:
            f.append("line_start")
    s = sentences[span.start]
    if span.start == 0 or sentences[span.start - 1] != s:
        f.append("sent_start")
    if last.i + 1 >= len(doc) or sentences[last.i + 1] != s:
        f.append("sent_end")
    if any(t.like_num for t in span):
        f.append("has_number")
    if first.is_punct or last.is_punct:
        f.append("punct_edge")
    return tuple(f)


def candidates(doc: Doc) -> list[Candidate]:
    """Every span of the actors group with its features, or none when the re-scorer does not apply."""
    if not applies(doc):
        return []
    g = doc.spans[ACTORS]
    rules = g.attrs[RULE_ATTR]
    kinds = g.attrs.get("type") or [None] * len(g)
    speakers = _speakers(doc)
    quote_kinds = _quote_kinds(doc)
    paragraphs = _paragraphs(doc)
    sentences = sentence_ids(doc)
    counts = Counter(sp.text.lower() for sp in g)
    roles: dict[str, set[str]] = {}  # the words of a span -> what its mentions do: speak, act as a subject
    for sp in g:
        doing = roles.setdefault(sp.text.lower(), set())
        if (sp.start_char, sp.end_char) in speakers:
            doing.add("speaks")
        if sp.root.dep_ in ("nsubj", "nsubjpass") and quote_kinds[sp.start] is None:
            doing.add("subject")
    out = []
    for n, sp in enumerate(g):
        speaker = (sp.start_char, sp.end_char) in speakers
        key = sp.text.lower()
        feats = span_features(
            doc,
            sp,
            str(rules[n]),
            kinds[n],
            speaker,
            quote_kinds,
            paragraphs,
            sentences,
            counts[key],
            frozenset(roles[key]) if counts[key] > 1 else frozenset(),
        )
        out.append(Candidate(n, sp.start_char, sp.end_char, speaker, feats))
    return out


@dataclass(frozen=True)
class Scorer:
    """A fitted logistic model: weight per feature name, intercept, and the threshold below which a span goes."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    adopted: bool = True  # False: fitted and kept for measuring, but the app's suggestions do not use it

    def probability(self, features: Iterable[str]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) for name in features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def keeps(self, candidate: Candidate, probability: float) -> bool:
        """A speaker always stays (its quote links to it); another candidate when it is likely enough."""
        return candidate.speaker or probability >= self.threshold

    @classmethod
    def from_json(cls, data: dict) -> Scorer:
        if data.get("format") != FORMAT:
            raise ValueError(f"{SCORER_FILE}: format {data.get('format')!r}, expected {FORMAT}")
        names, coefs = data["features"], data["coefficients"]
        if len(names) != len(coefs):
            raise ValueError(f"{SCORER_FILE}: {len(names)} feature names but {len(coefs)} coefficients")
        weights = dict(zip(names, map(float, coefs), strict=True))
        return cls(weights, float(data["intercept"]), float(data["threshold"]), bool(data["adopted"]))


@lru_cache(maxsize=1)
def shipped_scorer() -> Scorer:
    """The model in ``resources/actor_scorer.json``."""
    return Scorer.from_json(json.loads(resource_path(SCORER_FILE).read_text(encoding="utf-8")))


def rescore(doc: Doc, scorer: Scorer | None = None) -> dict[int, float | None]:
    """Actors-group index -> the span's probability, or None for a span the re-scorer drops; empty when the
    re-scorer does not apply to this doc or is not adopted (every span is kept with its rule confidence)."""
    scorer = scorer or shipped_scorer()
    if not scorer.adopted:
        return {}
    found = candidates(doc)
    if not found:
        return {}
    out: dict[int, float | None] = {}
    for c in found:
        p = scorer.probability(c.features)
        out[c.index] = p if scorer.keeps(c, p) else None
    return out
