"""Quotes in official press layouts: the turns of a press transcript, and a readout "attributable to" someone.

A press transcript gives each turn a paragraph that opens with its speaker's label in capitals and a colon
(``MS. REYES: We will ...``, ``SECRETARY OKAFOR: ...``, ``THE PRESIDENT: ...``) or with ``Q`` for a
reporter; a turn goes on over the paragraphs after it until the next label. Each paragraph of a turn is one
direct quote (resources/guidelines.md, layouts); the label is the speaker, resolved to the full name the page
gives that person ("Dana Reyes"), and a reporter's turn has no speaker. A page with fewer than two turns is
left to the one-line transcript rule of ``quotes``.

Both rules look at the text only where a paragraph can open a turn (a capital and a colon, or ``Q``) or
where "attributable to" introduces a block, so ordinary news costs one regular-expression scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from annotator.nlp.lexicon import actor_words
from annotator.nlp.quote_marks import paragraphs
from annotator.nlp.speakers import ActorIndex

Line = tuple[int, int, int | None]  # token span of what is said, and its speaker (an actor number) or None

_CAPS = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAPS_WORD = rf"[{_CAPS}][{_CAPS}'’.\-]*"
# a paragraph that may open a turn: "MS. REYES: ...", "THE PRESIDENT: ...", "Q ..." / "Q: ..."
# a name in title case also labels a turn when the entity recogniser calls it a person ("Vladimir Putin: ...")
_NAME_WORD = rf"[{_CAPS}][a-zß-öø-ÿā-ž'’\-]+"
_NAME_LABEL = rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,3}}"
_MAYBE_TURN = re.compile(
    rf"^[ \t]*[“\"]?(?:Q\b|{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}(?:, [^:\n]{{1,30}})?:|{_NAME_LABEL}:)", re.M
)
_LABEL = re.compile(
    rf"[“\"]?(?P<label>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}|{_NAME_LABEL})"
    rf"(?:, [{_CAPS}][{_CAPS} ]{{1,24}})?:[ \t]+(?=\S)"
)
_REPORTER = re.compile(r"[“\"]?Q(?::[ \t]*|\.?[ \t]+)(?=\S)")
_REPORTER_LABELS = frozenset({"Q", "QUESTION", "REPORTER", "AUDIENCE MEMBER"})
# where a transcript page starts or stops: a time stamp ("2:59 P.M. EDT"), "END", "###"
_TIME_STAMP = re.compile(r"\(?\d{1,2}:\d{2}\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,4})?\)?")
_END_LINE = re.compile(r"(?:END|\(END\)|#{3}|# # #|-30-|- ?END ?-)")
_STAGE = re.compile(r"[(\[][^()\[\]]*[)\]]")  # "(Laughter.)": a stage direction, said by nobody
# words in capitals before a colon that open a note or heading, not speech ("UPDATE:", "EDITOR'S NOTE:");
# quotes.py's one-line transcript rule refuses them as speakers too
HEADING_WORDS = frozenset(
    {
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "NOTE",
        "EDITOR'S",
        "EDITORS",
        "WARNING",
        "PHOTO",
        "PHOTOS",
        "VIDEO",
        "WATCH",
        "READ",
        "MORE",
        "CORRECTION",
        "CLARIFICATION",
        "SOURCE",
        "SOURCES",
        "CREDIT",
        "FAQ",
        "PS",
        "P.S.",
        "RELATED",
        "ALSO",
        "SEE",
        "ICYMI",
    }
)
# labels in capitals that open notes, not speech: the headings and a press release's header fields
_NOT_LABELS = HEADING_WORDS | frozenset(
    {
        "EDITOR’S",
        "SUBJECT",
        "DATE",
        "TIME",
        "WHEN",
        "WHERE",
        "WHAT",
        "WHO",
        "LOCATION",
        "CONTACT",
        "MEDIA",
        "ADVISORY",
        "EMBARGOED",
        "TO",
        "FROM",
        "RE",
        "CC",
        "TOPIC",
        "TOPICS",
        "BACKGROUND",
        "SUMMARY",
        "ATTACHMENT",
    }
)
_HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "miss", "dr", "dr.", "prof", "prof."})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "NORP"})  # entity labels of places, never a speaker
MIN_TURNS = 2  # turns a page needs to be read as a transcript
DIALOGUE_TURNS = 3  # named turns, one label speaking twice, that make a dialogue of a page without a frame
BLOCK_PARAGRAPHS = 8  # paragraphs of one "attributable to" block at most


@dataclass
class _Turn:
    para: int  # paragraph index
    said: tuple[int, int]  # character offsets of what is said
    label: tuple[int, int] | None  # character offsets of the speaker's label (None: a reporter)


def _stop(body: str) -> bool:
    return bool(_TIME_STAMP.fullmatch(body) or _END_LINE.fullmatch(body))


def _turn(doc: Doc, text: str, k: int, ps: int, pe: int) -> _Turn | None:
    """The turn paragraph ``k`` opens, if it opens one."""
    m = _REPORTER.match(text, ps, pe)
    if m is not None:
        return _Turn(k, (m.end(), pe), None)
    m = _LABEL.match(text, ps, pe)
    if m is None:
        return None
    label = m.group("label")
    if label in _NOT_LABELS or len(label.replace(".", "")) < 2:
        return None
    if label in _REPORTER_LABELS:
        return _Turn(k, (m.end(), pe), None)
    span = doc.char_span(m.start("label"), m.end("label"))
    if span is None or any(t.ent_type_ in PLACE_ENTS for t in span):
        return None  # "KABUL: Afghan officials said ...": a dateline
    if not label.isupper() and not all(t.ent_type_ == "PERSON" for t in span):
        return None  # "Photo Credit: ...", "Read More: ...": only a person's name in title case labels a turn
    return _Turn(k, (m.end(), pe), (m.start("label"), m.end("label")))


def _name_part(doc: Doc, start: int, end: int) -> tuple[int, int, bool]:
    """Token span of the label's name without its honorific or title ("MS. REYES" -> "REYES"), and whether the
    label is a role ("THE PRESIDENT", kept whole)."""
    if doc[start].lower_ == "the":
        return start, end, True
    titles = actor_words().titles
    k = start
    while k < end - 1 and (doc[k].lower_ in _HONORIFICS or doc[k].lower_ in titles or doc[k].text == "."):
        k += 1
    return k, end, False


def _full_name(doc: Doc, actors: ActorIndex, start: int, end: int, role: bool, before: int) -> int | None:
    """The person actor the page names in full for a label: "Dana Reyes" for REYES (anywhere outside the labels),
    "President Dana Reyes" for THE PRESIDENT (in the page's head, before its first turn)."""
    if role:
        words = [t.lower_ for t in doc[start + 1 : end]]
        titles = actor_words().titles
        for n, span in enumerate(actors.spans):
            if span.start >= before or actors.type_of(n) != "person" or not _clean(span):
                continue
            # the title inside the span ("President Dana Reyes") or right before it
            if [t.lower_ for t in span[: len(words)]] == words and len(span) > len(words):
                at = span.start
            elif [t.lower_ for t in doc[max(0, span.start - len(words)) : span.start]] == words:
                at = span.start - len(words)
            else:
                continue
            if at > 0 and doc[at - 1].lower_ in titles:
                continue  # "Vice President Tom Hale" is not THE PRESIDENT
            return n
        return None
    surname = doc[start:end].text.lower()
    for n, span in enumerate(actors.spans):
        if (
            actors.type_of(n) == "person"
            and len(span) > end - start
            and span.text.lower().endswith(" " + surname)
            and not span.text.isupper()
            and _clean(span)
        ):
            return n
    return None


def _names_a_person(doc: Doc, actors: ActorIndex, turn: _Turn) -> bool:
    """A reporter's turn, or a label with an honorific or title ("MS. REYES", "THE PRESIDENT"), a person's name
    by the entity recogniser, or the surname of a person the text names."""
    if turn.label is None:
        return True
    label = doc.char_span(*turn.label)
    if label is None:
        return False
    words = [t.lower_ for t in label if not t.is_punct]
    titles = actor_words().titles
    if len(words) > 1 and (words[0] in _HONORIFICS or words[0] in titles):
        return True
    if words[:1] == ["the"] and any(w in titles for w in words[1:]):
        return True
    if label.root.ent_type_ == "PERSON":
        return True
    surname = label[-1].lower_
    return any(actors.type_of(n) == "person" and span[-1].lower_ == surname for n, span in enumerate(actors.spans))


def _clean(span) -> bool:
    """A name and nothing else: "Biden Before" cut from a headline in title case is no full name."""
    return all(t.pos_ == "PROPN" or t.is_punct for t in span) or not span.doc.has_annotation("TAG")


def transcript_turns(doc: Doc, text: str, actors: ActorIndex) -> list[Line]:
    """Every paragraph of every turn of a press transcript, as direct quotes with their speakers; [] when the
    text has fewer than two turns (see the module docstring)."""
    if len(_MAYBE_TURN.findall(text)) < MIN_TURNS:
        return []
    paras = list(paragraphs(text))
    turns: dict[int, _Turn] = {}
    for k, (ps, pe) in enumerate(paras):
        if _MAYBE_TURN.match(text, ps, pe):
            turn = _turn(doc, text, k, ps, pe)
            if turn is not None:
                turns[k] = turn
    if 0 in turns and text[paras[0][1] - 1] not in ".!?…\"”’" and not _names_a_person(doc, actors, turns[0]):
        del turns[0]  # "ICYMI: Commerce Secretary Raimondo Exposes ...": a headline (no sentence end), not a turn
    if len(turns) < MIN_TURNS or not any(_names_a_person(doc, actors, t) for t in turns.values()):
        return []  # "KEY POINTS: ...", "NEXT STEPS: ...": headings, not speakers
    first, last = min(turns), max(turns)
    # a page framed as a transcript (a time stamp before its turns, or "END" after them) goes on after its last
    # label; elsewhere only the paragraphs between two labels continue a turn, and only when a reporter asks
    framed = any(_stop(text[ps:pe]) for ps, pe in paras[:first]) or any(_stop(text[ps:pe]) for ps, pe in paras[last:])
    asked = any(t.label is None for t in turns.values())
    # a dialogue ("REYES: ... HALE: ... REYES: ...") goes on between its labels too
    labels = [text[t.label[0] : t.label[1]] for t in turns.values() if t.label is not None]
    dialogue = len(labels) >= DIALOGUE_TURNS and len(set(labels)) < len(labels)
    speakers: dict[tuple[str, bool], int | None] = {}
    found: list[Line] = []
    current: _Turn | None = None
    for k, (ps, pe) in enumerate(paras):
        turn = turns.get(k)
        if turn is None:
            body = text[ps:pe]
            if current is None or _stop(body) or _STAGE.fullmatch(body):
                current = None if _stop(body) else current
                continue
            if not framed and (k > last or not (asked or dialogue)):
                continue
            said_chars = (ps, pe)
        else:
            current = turn
            said_chars = turn.said
        said = doc.char_span(*said_chars, alignment_mode="expand")
        if said is None or len(said) == 0:
            continue
        found.append((said.start, said.end, _speaker(doc, actors, current, speakers, paras[first][0])))
    return found


def _speaker(
    doc: Doc, actors: ActorIndex, turn: _Turn, known: dict[tuple[str, bool], int | None], head_end: int
) -> int | None:
    """The actor who speaks a turn: the full name the page gives the label's person, else the label itself
    (which is an actor in any case, without its honorific)."""
    if turn.label is None:
        return None
    label = doc.char_span(*turn.label)
    if label is None:
        return None
    start, end, role = _name_part(doc, label.start, label.end)
    own = actors.by_token[start]
    if own < 0 or actors.spans[own].start != start or actors.spans[own].end != end:
        own = actors.add_phrase(start, end, "person")
    key = (doc[start:end].text.lower(), role)
    if key not in known:
        head = doc.char_span(0, head_end, alignment_mode="contract")
        known[key] = _full_name(doc, actors, start, end, role, head.end if head is not None else 0)
    who = known[key]
    who = own if who is None else who
    actors.speakers.add(who)
    return who


_ATTRIBUTABLE = re.compile(r"\battributable to\b", re.I)


def attributed_blocks(doc: Doc, text: str, actors: ActorIndex) -> list[Line]:
    """ "The below is attributable to Spokesperson Dana Reyes:": each paragraph after it is Reyes's direct quote,
    to the page's end, a stop line ("###") or the next introduction (a paragraph ending in a colon)."""
    if "ttributable to" not in text:
        return []
    found: list[Line] = []
    paras = list(paragraphs(text))
    for k, (ps, pe) in enumerate(paras):
        m = _ATTRIBUTABLE.search(text, ps, pe)
        if m is None or text[pe - 1] != ":":
            continue
        source = doc.char_span(m.end(), pe - 1, alignment_mode="expand")
        if source is None:
            continue
        who = next((actors.by_token[i] for i in range(source.start, source.end) if actors.by_token[i] >= 0), None)
        if who is None:
            continue
        for bs, be in paras[k + 1 : k + 1 + BLOCK_PARAGRAPHS]:
            body = text[bs:be]
            if _stop(body) or (_MAYBE_TURN.match(text, bs, be) and _LABEL.match(text, bs, be)):
                break
            said = doc.char_span(bs, be, alignment_mode="expand")
            if said is not None and len(said):
                found.append((said.start, said.end, who))
            if body.endswith(":"):
                break
        actors.speakers.add(who)
    return found
