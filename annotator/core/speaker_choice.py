"""Who could have said a quote: the speaker chooser's rows, without Qt.

Mentions of one name are one row (the mention nearest the quote is the one
picked), rows are ordered by distance from the quote, and each row carries the
sentence around its mention so "Taliban" twelve times becomes one row that says
where it was said. Names and nominal sources ("a senior official") near the
quote that are not ACTOR spans yet are offered as new rows, so the annotator can
create the speaker from the chooser; so is the noun phrase that attributes the
quote ("..., the ministry's chief economist told reporters"). A pronoun that
attributes it ("..., she said") is offered as its own first row, "she → Maria
Lopez": by the guidelines a pronoun is no ACTOR span, and choosing the row links
the quote to the ACTOR it stands for (open the row for the other actors before it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from annotator.core.model import Span
from annotator.core.paths import resource_path

# A sentence ends at . ! ? (and a closing mark after it) followed by space, or at a line break.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’»)]*(?=\s)|\n""")
# Who can be a speaker but may not be an ACTOR span yet: nominal sources, and names.
_NEW_SPEAKER = regex.compile(
    r"\b(?i:(?:an?|the|one|two|three|several|some)\s+(?:senior\s+|local\s+|police\s+|government\s+|military\s+|"
    r"security\s+|western\s+|foreign\s+|US\s+|U\.S\.\s+)?"
    r"(?:officials?|spokes(?:man|woman|person)|sources?|diplomats?|witness(?:es)?|residents?|analysts?|"
    r"experts?|aides?|lawyers?|doctors?|officers?|commanders?|statement|report|survey))\b"
    r"|\b\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+)+",  # two or more capitalised words: a name
    regex.VERSION1,
)
CONTEXT_CHARS = 160
# A capitalised word that starts a sentence is not a name by itself ("For Inspiration", "The Taliban").
_NOT_NAME_START = frozenset((
    "a", "an", "the", "for", "in", "on", "at", "by", "from", "to", "of", "and", "but", "or", "if", "when",
    "while", "after", "before", "as", "with", "this", "that", "these", "those", "it", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "its", "our", "my", "your", "there", "here", "image", "photo", "video",
))
ATTRIBUTION_CHARS = 40  # a new name is offered only this close to a speech verb ("..., Dana Reyes said")


def _speech_words() -> frozenset[str]:
    """Every form of the speech verbs in resources/speech_verbs.txt, and "according"."""
    try:
        lines = resource_path("speech_verbs.txt").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = ["say said says", "tell told tells", "add added adds"]
    words = {w.casefold() for line in lines if not line.startswith("#") for w in line.lstrip("~ ").split()}
    return frozenset(words | {"according"})


_SPEECH_WORDS = _speech_words()
_WORD = regex.compile(r"\p{L}+")

PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i"))
# The attribution beside a quote: "”, the ministry's economist told ...", "”, said the economist.", "She said: “".
_VERBS = "|".join(sorted((regex.escape(w) for w in _SPEECH_WORDS if w != "according"), key=len, reverse=True))
_PHRASE = r"[\p{L}\p{N}’'.&-]+(?:[ \t]+[\p{L}\p{N}’'.&-]+){0,5}?"
_SOURCE_THEN_VERB = regex.compile(rf"[ \t]*,?[ \t]*(?P<src>{_PHRASE})[ \t]+(?:{_VERBS})\b", regex.IGNORECASE)
_VERB_THEN_SOURCE = regex.compile(rf"[ \t]*,?[ \t]*(?:{_VERBS})[ \t]+(?P<src>{_PHRASE})[ \t]*(?=[,.;!?]|$)",
                                  regex.IGNORECASE)
_SOURCE_BEFORE = regex.compile(
    rf"(?:^|[.,;:!?”\"“\n][ \t]*)(?P<src>{_PHRASE})[ \t]+(?:{_VERBS})(?:[ \t]+that)?[ \t]*[:,]?[ \t]*$",
    regex.IGNORECASE,
)
# Not part of who speaks: "she also said", "the ministry has said", "and officials said", "said Lopez on Monday".
_TRAILING = frozenset((
    "also", "later", "then", "again", "further", "previously", "reportedly", "once", "recently", "earlier", "has",
    "have", "had", "was", "were", "is", "are", "would", "will", "did", "does", "do", "may", "might", "could",
))
_LEADING = frozenset(("and", "but", "so", "then", "as", "while", "when", "adding", "which"))
_CUT_AT = frozenset(("on", "in", "at", "during", "after", "before", "to", "from", "with", "when", "while", "as",
                     "last", "this", "yesterday", "today", "tomorrow"))


def _near_speech_verb(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - ATTRIBUTION_CHARS):end + ATTRIBUTION_CHARS]
    return any(w.casefold() in _SPEECH_WORDS for w in _WORD.findall(window))


def _clean_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A capitalised run cut at a sentence end ("D.C. The" -> "D.C."), without a leading function word;
    None if nothing name-like is left."""
    words = list(regex.finditer(r"\S+", text[start:end]))
    keep: list[regex.Match[str]] = []
    for word in words:
        function_word = word.group().casefold().strip(".'’") in _NOT_NAME_START
        if function_word and not keep:
            continue
        if function_word:
            break  # "D.C. The ...": the next sentence starts
        keep.append(word)
        if word.group().endswith(".") and len(word.group()) > 2 and word.group().count(".") == 1:
            break  # "Reyes." ends a sentence; "D.C." (two dots) is an abbreviation inside a name
    if len(keep) < 2:
        return None
    return start + keep[0].start(), start + keep[-1].end()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    span: Span | None  # None: not an ACTOR span yet (choosing it creates one)
    context: str  # the sentence around the mention, on one line
    name: str = ""  # in a pronoun row: the actor's name

    @property
    def is_new(self) -> bool:
        return self.span is None


@dataclass
class Candidate:
    """One row of the chooser: a name and its mentions, nearest to the quote first.

    A pronoun row (``pronoun`` set) names the pronoun that attributes the quote and the actor it
    stands for; its mentions are the actors it may stand for, the likeliest first, and ``context``
    is the pronoun's own sentence.
    """

    name: str
    mentions: list[Mention] = field(default_factory=list)
    distance: int = 0
    pronoun: str | None = None
    context: str = ""

    @property
    def nearest(self) -> Mention:
        return self.mentions[0]

    @property
    def is_new(self) -> bool:
        return self.nearest.is_new


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sentence_start(text: str, start: int) -> int:
    """Where the last sentence end before ``start`` ends (0: none).

    Looks back from ``start`` in a window that doubles until it holds a sentence end that begins
    inside it: scanning from the top of the article for every mention made the speaker chooser
    take minutes on a long article (12,000 actors in 1 MB).
    """
    width = 1024
    while True:
        low = max(0, start - width)
        last = None
        for match in _SENTENCE_END.finditer(text, low, start):
            last = match
        # a match at the window's edge may be the tail of a longer one ("?!" cut to "!"): look further
        if last is not None and (last.start() > low or low == 0):
            return last.end()
        if low == 0:
            return 0
        width *= 2


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding text[start:end]."""
    left = _sentence_start(text, start)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)


def context_of(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The sentence around a mention on one line, the mention in [brackets], cut to about ``width`` characters."""
    left, right = sentence_bounds(text, start, end)
    cut_left, cut_right = max(left, start - width // 2), min(right, end + width // 2)
    raw = f"{text[cut_left:start]}[{text[start:end]}]{text[end:cut_right]}"
    return ("…" if cut_left > left else "") + " ".join(raw.split()) + ("…" if cut_right < right else "")


def _merge_surnames(groups: dict[str, Candidate]) -> None:
    """"Mohib" joins "Hamdullah Mohib" when exactly one longer name ends with it: one person, one row."""
    for key in [k for k in groups if " " not in k]:
        longer = [k for k in groups if " " in k and k.rsplit(" ", 1)[1] == key]
        if len(longer) == 1:
            groups[longer[0]].mentions.extend(groups.pop(key).mentions)


def _distance(quote: Span, start: int, end: int) -> int:
    if end <= quote.start:
        return quote.start - end
    if start >= quote.end:
        return start - quote.end
    return 0


def _inside(quote: Span, start: int, end: int) -> bool:
    return quote.start <= start and end <= quote.end


def attribution(quote: Span, text: str) -> tuple[int, int] | None:
    """Where the words that attribute ``quote`` name who said it (a pronoun or a noun phrase), if the
    speech verb stands right beside the quote; None otherwise."""
    found: list[tuple[int, int]] = []
    after = _SOURCE_THEN_VERB.match(text, quote.end, min(len(text), quote.end + 120))
    if after is not None:
        found.append(after.span("src"))
    inverted = _VERB_THEN_SOURCE.match(text, quote.end, min(len(text), quote.end + 120))
    if inverted is not None:
        found.append(inverted.span("src"))
    before = _SOURCE_BEFORE.search(text, max(0, quote.start - 120), quote.start)
    if before is not None:
        found.append(before.span("src"))
    for start, end in found:
        words = [(m.start(), m.end()) for m in regex.finditer(r"\S+", text[start:end])]
        words = [(start + a, start + b) for a, b in words]
        low = [text[a:b].casefold().rstrip(".,") for a, b in words]
        cut = next((i for i, w in enumerate(low) if i > 0 and w in _CUT_AT), len(words))
        words, low = words[:cut], low[:cut]
        while words and low[0] in _LEADING:
            words, low = words[1:], low[1:]
        while words and low[-1] in _TRAILING:
            words, low = words[:-1], low[:-1]
        if words and not (len(words) == 1 and low[0] in _NOT_NAME_START and low[0] not in PRONOUNS):
            return words[0][0], words[-1][1]
    return None


SPOKE_BEFORE_CHARS = 400  # about two sentences: who spoke this close before a pronoun is who it stands for


def _plural_noun(text: str, start: int, end: int) -> bool:
    """"officials", "Pakistani negotiators", "Officials" starting a sentence: not who "he" or "she" stands for."""
    words = text[start:end].split()
    if not words or not words[-1].endswith("s"):
        return False
    before = text[max(0, start - 80):start].rstrip()  # a few characters back: not a copy of a long article
    at_sentence_start = not before or before[-1] in ".!?”\"\n"
    return words[-1][:1].islower() or (len(words) == 1 and at_sentence_start)


def _pronoun_row(
    quote: Span, pronoun: tuple[int, int], actors: list[Span], spoke: list[tuple[Span, Span]], text: str,
    current: Span | None = None,
) -> Candidate | None:
    """"she → Maria Lopez": whom the pronoun that attributes ``quote`` may stand for, the likeliest first:
    the speaker already linked (a suggester resolved the pronoun), who spoke just before it (guideline:
    whoever spoke in the sentences before comes first), then the actors mentioned before it, nearest
    first; "he"/"she" never stand for a plural noun ("officials")."""
    start, end = pronoun
    singular = text[start:end].casefold() in ("he", "she", "i")
    order: dict[str, Span] = {}

    def offer(actor: Span) -> None:
        words = text[actor.start:actor.end]
        plural = singular and _plural_noun(text, actor.start, actor.end)
        if actor.end <= start and not _inside(quote, actor.start, actor.end) and not plural:
            order.setdefault(_name_key(words), actor)

    if current is not None:
        offer(current)
    for earlier_quote, speaker in sorted(spoke, key=lambda pair: -pair[0].end):
        if start - SPOKE_BEFORE_CHARS <= earlier_quote.end <= start and earlier_quote.start != quote.start:
            offer(speaker)
    for actor in sorted(actors, key=lambda a: -a.end):
        offer(actor)
    if not order:
        return None
    mentions = [Mention(a.start, a.end, a, context_of(text, a.start, a.end), " ".join(text[a.start:a.end].split()))
                for a in order.values()]
    return Candidate(f"{text[start:end]} → {mentions[0].name}", mentions, distance=-1, pronoun=text[start:end],
                     context=context_of(text, start, end))


def candidates(
    quote: Span, actors: list[Span], text: str, *, new_window: int = 400, spoke: Sequence[tuple[Span, Span]] = (),
    current: Span | None = None,
) -> list[Candidate]:
    """The chooser's rows for ``quote``: existing actors grouped by name, then possible new speakers.

    A mention inside the quote is never a candidate's default (the speaker is not in their own words),
    but it is still listed after the others, since an annotator may know better. If a pronoun
    attributes the quote, its row comes first; ``spoke`` pairs other quotes with their speakers, and
    ``current`` is the quote's speaker now.
    """
    groups: dict[str, Candidate] = {}
    for actor in actors:
        words = text[actor.start:actor.end]
        key = _name_key(words)
        group = groups.setdefault(key, Candidate(" ".join(words.split())))
        group.mentions.append(Mention(actor.start, actor.end, actor, ""))

    def rank(mention: Mention) -> tuple[int, int, int]:
        return (_inside(quote, mention.start, mention.end), _distance(quote, mention.start, mention.end), mention.start)

    taken = [(a.start, a.end) for a in actors]
    window_start, window_end = max(0, quote.start - new_window), min(len(text), quote.end + new_window)
    new: dict[str, Candidate] = {}
    for match in _NEW_SPEAKER.finditer(text, window_start, window_end):
        start, end = match.span()
        if match.group()[:1].isupper() and not match.group().casefold().startswith(
            ("a ", "an ", "the ", "one ", "two ", "three ", "several ", "some ")
        ):
            cleaned = _clean_name(text, start, end)
            if cleaned is None:
                continue
            start, end = cleaned
        while end > start and text[end - 1] in ".'’-" and text[start:end].count(".") < 2:
            end -= 1  # a sentence's full stop is not part of the name
        if _inside(quote, start, end) or any(s < end and start < e for s, e in taken):
            continue
        if not _near_speech_verb(text, start, end):
            continue
        words = text[start:end]
        key = _name_key(words)
        if key in groups:
            continue
        group = new.setdefault(key, Candidate(" ".join(words.split())))
        group.mentions.append(Mention(start, end, None, ""))

    source = attribution(quote, text)
    pronoun_row: Candidate | None = None
    if source is not None:
        start, end = source
        if text[start:end].casefold() in PRONOUNS:
            pronoun_row = _pronoun_row(quote, source, actors, list(spoke), text, current)
        elif not any(s < end and start < e for s, e in taken):
            key = _name_key(text[start:end])
            if key not in groups:
                new.pop(key, None)
                new[key] = Candidate(" ".join(text[start:end].split()), [Mention(start, end, None, "")])

    _merge_surnames(groups)
    rows: list[Candidate] = []
    for group in [*groups.values(), *new.values()]:
        group.mentions.sort(key=rank)
        group.mentions = [
            Mention(m.start, m.end, m.span, context_of(text, m.start, m.end)) for m in group.mentions
        ]
        first = group.nearest
        group.distance = _distance(quote, first.start, first.end) + (len(text) if _inside(quote, first.start, first.end)
                                                                      else 0)
        rows.append(group)
    # Existing actors first by distance; new candidates only where they are nearer than the nearest actor
    # would make sense to a reader too, so they are interleaved by distance.
    rows.sort(key=lambda c: (c.distance, c.is_new, c.nearest.start))
    return [pronoun_row, *rows] if pronoun_row is not None else rows
