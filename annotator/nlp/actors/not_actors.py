"""Never an actor: datelines, headline fragments, laws and treaties, events, time zones, a building as a place."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from annotator.nlp.actors.places import ALONG, BUILDINGS, DIRECTIONAL, LOCATIVE
from annotator.nlp.doc_units import cached, doc_text, has_parse

# "LONDON (Reuters) —", "WASHINGTON, March 3 -": a dateline at the start of a paragraph
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}(?:,[^\n()—–-]{0,30})?(?:\([^)\n]{1,40}\))?\s*[—–-]+\s")


# "Taipei, Taiwan — The festival ...", "Evansville, Indiana, United States - This past week": place names with
# commas before a dash at the start of a paragraph
_PLACE_NAME = r"[A-Z][\w.'’]+(?: [A-Z][\w.'’]+){0,3}"


_PLACE_DATELINE = re.compile(rf"{_PLACE_NAME}(?:, {_PLACE_NAME}){{1,3}}\s+[—–-]+\s")


_LAW_WORDS = frozenset(
    {
        "act",
        "treaty",
        "accord",
        "accords",
        "agreement",
        "convention",
        "protocol",
        "bill",
        "law",
        "constitution",
        "charter",
    }
)


_EVENT_WORDS = frozenset(
    {"campaign", "war", "games", "olympics", "cup", "championship", "championships", "festival", "summit", "crisis"}
    | {"election", "elections", "referendum", "scandal", "affair", "pandemic", "outbreak", "fault", "hurricane"}
)


def an_event(last: Token) -> bool:
    return last.lower_ in _EVENT_WORDS and last.text[:1].isupper()


TIME_ZONES = frozenset(
    {"GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "AEST"}
)


HEADLINE_MAX_WORDS = 16


def not_actor_chars(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges where no name is an actor: datelines, and headline fragments ("Minister Slams Budget")."""
    flags = cached(doc)
    if "_not_actors" not in flags:
        flags["_not_actors"] = _find_not_actor_chars(doc_text(doc))
    ranges: list[tuple[int, int]] = flags["_not_actors"]
    return ranges


def _find_not_actor_chars(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        d = _DATELINE.match(line) or _PLACE_DATELINE.match(line)
        if d is not None:
            ranges.append((m.start(), m.start() + d.end()))
        words = [w for w in line.split() if len(w) > 3 and w[:1].isalpha()]
        if (
            len(line.split()) <= HEADLINE_MAX_WORDS
            and len(words) >= 3
            and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
            and not line.rstrip().endswith((".", '"', "”"))
        ):
            ranges.append((-m.start() - 1, -m.end() - 1))  # negative: a headline line
    return ranges


def never_an_actor(doc: Doc, start: int, end: int, skip: list[tuple[int, int]]) -> bool:
    """Datelines, headline fragments of three words or more, laws and treaties, time zones, a building as a place."""
    s = doc[start].idx
    for a, b in skip:
        if a >= 0 and a <= s < b:
            return True
        if a < 0 and -a - 1 <= s < -b - 1 and end - start >= 3:
            return True
    last = doc[end - 1]
    if last.lower_ in _LAW_WORDS and last.text[:1].isupper() and end - start >= 2:
        return True
    if doc[start:end].text in TIME_ZONES:
        return True
    if an_event(last) and end - start >= 2:
        return True  # "the Mass Vaccination Campaign", "the Iraq War": an event (a name in it may still act: FIFA)
    if last.lower_ in BUILDINGS and last.text[:1].isupper() and start > 0:
        k = start - 1 if doc[start - 1].lower_ != "the" else start - 2
        if k >= 0 and doc[k].lower_ in LOCATIVE:
            return True
        if not has_parse(doc):
            return False
        root = doc[start:end].root
        return root.dep_ == "dobj" or (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE | DIRECTIONAL | ALONG)
    return False
