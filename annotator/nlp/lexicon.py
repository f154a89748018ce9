"""Word lists the suggestion components read from ``resources/`` (speech verbs, titles, actor nouns)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from annotator.core.paths import resource_path

SPEECH_VERBS_FILE = "speech_verbs.txt"
ACTOR_WORDS_FILE = "actor_words.json"

MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "jan.",
        "feb",
        "feb.",
        "mar",
        "mar.",
        "apr",
        "apr.",
        "jun",
        "jun.",
        "jul",
        "jul.",
        "aug",
        "aug.",
        "sep",
        "sep.",
        "sept",
        "sept.",
        "oct",
        "oct.",
        "nov",
        "nov.",
        "dec",
        "dec.",
    ]
)
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


@dataclass(frozen=True)
class SpeechVerbs:
    """Lower-cased forms of speech verbs; ``reporting`` is the subset that introduces indirect speech."""

    forms: frozenset[str]
    reporting: frozenset[str]


@dataclass(frozen=True)
class ActorWords:
    titles: frozenset[str]
    person_nouns: frozenset[str]
    group_nouns: frozenset[str]


@lru_cache(maxsize=4)
def speech_verbs(name: str = SPEECH_VERBS_FILE) -> SpeechVerbs:
    """Read the speech verb list: one verb a line with all its forms; '~' marks quote-only verbs."""
    forms: set[str] = set()
    reporting: set[str] = set()
    for raw in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        quote_only = line.startswith("~")
        words = line.lstrip("~").lower().split()
        if words == ["according", "to"]:
            continue  # handled as a phrase by the speaker finder
        forms.update(words)
        if not quote_only:
            reporting.update(words)
    return SpeechVerbs(frozenset(forms), frozenset(reporting))


@lru_cache(maxsize=4)
def actor_words(name: str = ACTOR_WORDS_FILE) -> ActorWords:
    data = json.loads(resource_path(name).read_text(encoding="utf-8"))
    return ActorWords(
        titles=frozenset(w.lower() for w in data["titles"]),
        person_nouns=frozenset(w.lower() for w in data["person_nouns"]),
        group_nouns=frozenset(w.lower() for w in data["group_nouns"]),
    )
