"""What a name covers: edges trimmed, the model's entities read once, nouns for people and groups."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from annotator.nlp.doc_units import cached, doc_text
from annotator.nlp.lexicon import actor_words

# A pipeline trained on our own export predicts ACTOR itself: see suggest_actors.
ENTITY_TYPES = {"PERSON": "person", "ORG": "group", "GPE": "place", "NORP": "group"}


_DANGLING = frozenset({"of", "and", "the", "for", "in", "de", "&"})


def trim_edges(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop possessive endings and punctuation at the edges."""
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].lower_ in _DANGLING
    ):
        end -= 1  # "Patrice Talon of" (the model's cut): no word that needs a name after it
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def actor_noun(tok: Token) -> str | None:
    words = actor_words()
    low = tok.lower_
    if low in words.person_nouns:
        return "person"
    if low in words.group_nouns or (low.endswith("s") and low[:-1] in words.person_nouns):
        return "group"  # "shareholders", "aides"
    return None


def model_entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """The model's entities, built once per document (``doc.ents`` makes new spans on every read)."""
    flags = cached(doc)
    if "_ents" not in flags:
        flags["_ents"] = tuple(doc.ents)
    ents: tuple[SpacySpan, ...] = flags["_ents"]
    return ents


def name_key(doc: Doc, start: int, end: int) -> str:
    words = [t.text for t in doc[start:end] if t.lower_ != "the" and not t.is_punct]
    return " ".join(words)


def not_acting(root: Token) -> bool:
    """A mention that is not a subject or a possessor: an object, a prepositional object, a modifier."""
    return root.dep_ not in ("nsubj", "nsubjpass", "poss", "ROOT") and not (
        root.dep_ == "pobj" and root.head.lower_ in ("by", "according")
    )


def turned_down(doc: Doc) -> list[tuple[int, int]]:
    """Names the rules turned down as a whole (every name of several words, a country in a title, a name in
    marks): no piece of them is an actor either ("London" in "London Bridge")."""
    flags = cached(doc)
    if "_turned_down" not in flags:
        flags["_turned_down"] = []
    down: list[tuple[int, int]] = flags["_turned_down"]
    return down


# names of events, never actors themselves ("the Iraq War", "the Mass Vaccination Campaign", "Egypt Elections")
EVENT_WORDS = frozenset(
    {"campaign", "war", "games", "olympics", "cup", "championship", "championships", "festival", "summit", "crisis"}
    | {"election", "elections", "referendum", "scandal", "affair", "pandemic", "outbreak", "fault", "hurricane"}
)


# "@JebBoone", "@his_moezness", "@2011feb17": a social-media handle, one token ("foo@bar.com" is an address)
_HANDLE = re.compile(r"@\w{1,30}")


def handles(doc: Doc) -> list[tuple[int, int, str, float]]:
    """Handles name a person or an organisation: actors wherever they occur, in a tweet, after RT or via, in brackets
    after a name ("Paul Lewis (@PaulLewis)"); a hashtag never is one (guidelines: Blogs and social-media layouts)."""
    if "@" not in doc_text(doc):
        return []
    return [(t.i, t.i + 1, "unknown", 0.85) for t in doc if t.text[:1] == "@" and _HANDLE.fullmatch(t.text)]
