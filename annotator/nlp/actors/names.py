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
    | {"clashes", "protests", "riots", "uprising", "massacre", "revolution"}  # "Abbassiya Clashes"
)


# "@JebBoone", "@his_moezness", "@2011feb17": a social-media handle, one token ("foo@bar.com" is an address)
_HANDLE = re.compile(r"@\w{1,30}")


def handles(doc: Doc, found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Handles name a person or an organisation: actors wherever they occur, in a tweet, after RT or via, in brackets
    after a name; a hashtag never is one (guidelines: Blogs and social-media layouts). The name a handle follows in
    brackets is an actor too, also when the model missed it ("Omer Abdellatif (@OmerAbdellatif)", "Jordy M.Y. [es]
    (@jordy_my)")."""
    if "@" not in doc_text(doc):
        return []
    taken = [False] * (len(doc) + 1)
    for start, end, _kind, _conf in found:
        for i in range(start, end):
            taken[i] = True
    extra: list[tuple[int, int, str, float]] = []
    for t in doc:
        if t.text[:1] != "@" or not _HANDLE.fullmatch(t.text):
            continue
        extra.append((t.i, t.i + 1, "unknown", 0.85))
        name = _name_before_brackets(doc, t.i)
        if name is not None and not any(taken[name[0] : name[1]]):
            extra.append((*name, "unknown", 0.8))
    return extra


def _name_before_brackets(doc: Doc, i: int) -> tuple[int, int] | None:
    """The capitalised words right before "(@handle)" or "[es] (@handle)": the name the handle belongs to."""
    if i < 2 or doc[i - 1].text != "(":
        return None
    end = i - 1
    if doc[end - 1].text == "]" and end >= 4 and doc[end - 3].text == "[":
        end -= 3  # "[es]": the language of the linked page
    start = end
    while start > 0 and end - start < 4 and _a_name_word(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    if start > 0 and _a_name_word(doc[start - 1]):
        return None  # more capitalised words than a name has: a headline
    if start < end and doc[start].is_sent_start and doc[start].pos_ not in ("PROPN", ""):
        start += 1  # "Yesterday Omer Abdellatif (@OmerAbdellatif)"
    return (start, end) if start < end else None


def _a_name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.is_punct and any(c.islower() or c == "." for c in tok.text)
