"""Never an actor: datelines, headline fragments, laws and treaties, events, time zones, a building as a place."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from annotator.nlp.actors.names import EVENT_WORDS, actor_noun
from annotator.nlp.actors.places import ALONG, BUILDINGS, DIRECTIONAL, LOCATIVE, PLACE_NOUNS
from annotator.nlp.actors.titles import a_title_word
from annotator.nlp.doc_units import cached, doc_text, has_parse, remembered
from annotator.nlp.language import foreign_paragraphs, not_english

# "LONDON (Reuters) —", "WASHINGTON, March 3 -": a dateline at the start of a paragraph
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}(?:,[^\n()—–-]{0,30})?(?:\([^)\n]{1,40}\))?\s*[—–-]+\s")


# "Taipei, Taiwan — The festival ...", "Evansville, Indiana, United States - This past week": place names with
# commas before a dash at the start of a paragraph
_PLACE_NAME = r"[A-Z][\w.'’]+(?: [A-Z][\w.'’]+){0,3}"


# "Washington (CNN) —", "(Reuters) -": an agency in brackets before a dash at the start of a paragraph
_AGENCY_DATELINE = re.compile(r"(?:[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3} )?\([A-Z][\w.&' -]{1,30}\)\s*[—–-]+\s")


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


_YEAR_OR_SEASON = re.compile(r"(?:1[89]|20)\d\d(?:[/–-]\d\d(?:\d\d)?)?")  # "the General Election of 2011"


def an_event(last: Token) -> bool:
    return last.lower_ in EVENT_WORDS and last.text[:1].isupper()


TIME_ZONES = frozenset(
    {"GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "AEST"}
    | {"AEDT", "ACST", "AWST", "NZST", "NZDT", "EET", "EEST", "WEST", "JST", "KST", "HKT", "SGT", "AKST", "AKDT"}
    | {"HST", "MSK", "SAST", "WIB", "PHT"}
)
# zones whose letters also name a place or a thing ("CT" Connecticut): a zone only right after a time ("9:54 a.m. ET")
_ZONES_AFTER_A_TIME = frozenset({"ET", "PT", "CT", "MT", "IST", "EAT", "WAT", "CAT", "ICT", "AST", "ADT"})
_TIME_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "noon", "midnight", "time"})


HEADLINE_MAX_WORDS = 16


def not_actor_chars(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges where no name is an actor: datelines, and headline fragments ("Minister Slams Budget")."""
    flags = cached(doc)
    if "_not_actors" not in flags:
        flags["_not_actors"] = _find_not_actor_chars(doc_text(doc)) + _work_titles(doc)
    ranges: list[tuple[int, int]] = flags["_not_actors"]
    return ranges


# Credit lines, not sentences of the story: "Reporting by ...; Editing by ...", "Photo: ...", "(AP Photo/...)",
# "Image source, ..."; and what is not the story: "Read more: ...", "Sign up for ...", a publisher's boilerplate ("Our
# Standards: ..."). A credit written as a sentence names an actor like any other ("This post was sub-edited by
# Jane Ellis", "Jane Roe contributed to this report": the Global Voices tuning gold marks them).
# From the start of such a sentence to the end of its paragraph.
_CREDIT = re.compile(
    r"(?:^|(?<=[.;(]\s)|(?<=[(]))\s*(?:"
    r"(?:Additional |Editing and )?(?:Reporting|Writing|Editing|Research|Compiled|Photos?"
    r"|Photograph|Photography|Images?|Video|Graphics?|Illustration)\s+(?:by\b|:)"
    r"|(?:Copyright|©)\s"
    r"|[A-Z]{2,8} Photo/"
    r"|(?:Image|Photo|Picture) (?:source|credit)s?\b"
    r"|Our Standards:|(?:Read|READ) (?:more|MORE|also|ALSO)\s*:|Related(?: coverage| stories)?\s*:|See also\s*:"
    r"|Sign up\b|Subscribe\b|Click here\b"
    r"|[^.\n]{0,80}\breceives (?:financial )?support from\b|[^.\n]{0,30}\bis solely responsible for all content\b"
    r"|Follow [A-Z][^.\n]{0,60}\bon (?:Twitter|X|Instagram|Facebook|Threads|Bluesky|Mastodon)\b"
    r")"
)
# "By Jane Doe and John Roe, Associated Press": a byline paragraph, every word capitalised but a few joining words
_BYLINE_GLUE = frozenset({"and", "&", "|", "-", "–", "—", "of", "the", "in", "for", "at", ","})
# "Cuba: Nothing Changes on May Day", "Sudan/South Sudan: Voicing Hope": a place or a section named before a colon
# at the start of the headline is the story's label, not an actor (not before a quote: 'Trump: "I will win"')
_HEADLINE_LABEL = re.compile(
    r"[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}(?:/[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3})?:\s+(?![\"“‘'])"
)


def _a_byline(line: str) -> bool:
    words = line.replace(",", " , ").split()
    return (
        len(words) >= 2
        and words[0] == "By"
        and len(words) <= 14
        and all(w[:1].isupper() or w.lower() in _BYLINE_GLUE for w in words[1:])
    )


# "the album Band on the Run", "the 2012 documentary Beware of Mr. Baker", "mockumentary Mister America", "his web
# series On Cinema at the Cinema": a capitalised title right after the noun for a work is the work's name
_WORK_TITLE = re.compile(
    r"\b(?:album|song|single|film|movie|documentary|mockumentary|series|sitcom|novel|book|opera|musical|painting"
    r"|poem|podcast|show|programme|LP|EP)s? +(?=[A-Z0-9])",
    re.IGNORECASE,
)
_TITLE_GLUE = frozenset({"on", "the", "of", "at", "a", "an", "in", "and", "to", "for", "&"})


def _work_titles(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the names of works after the noun for the work ("the album Band on the Run"): no name in
    them is an actor. Not when the noun is a verb ("polls show Biden ahead") or has nothing to do with the name ("on
    his show Trump said")."""
    text = doc_text(doc)
    if not has_parse(doc):
        return []
    ranges: list[tuple[int, int]] = []
    for m in _WORK_TITLE.finditer(text):
        noun = doc.char_span(m.start(), m.start() + len(m.group().split()[0]))
        first = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if noun is None or first is None or noun[0].pos_ in ("VERB", "AUX"):
            continue
        start = end = i = first[0].i
        while i < len(doc) and i - start < 10 and "\n" not in doc[i - 1].whitespace_:
            tok = doc[i]
            if tok.text[:1].isupper() or tok.text[:1].isdigit():
                end = i + 1
            elif tok.lower_ not in _TITLE_GLUE or (i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON"):
                break  # "the album Band on the Run with Paul McCartney": a person after the title
            i += 1
        k = noun[0].i
        if start < end and (start <= doc[k].head.i < end or any(doc[j].head.i == k for j in range(start, end))):
            ranges.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)))  # the noun names the title
    return ranges


def _find_not_actor_chars(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if not_english(line):
            continue  # see foreign_paragraphs
        if _a_byline(line.strip()):
            ranges.append((m.start(), m.end()))
            continue
        if m.start() == 0 and (label := _HEADLINE_LABEL.match(line)) is not None:
            ranges.append((0, label.end()))
        credit = _CREDIT.search(line)
        if credit is not None:
            ranges.append((m.start() + credit.start(), m.end()))
        d = _DATELINE.match(line) or _PLACE_DATELINE.match(line) or _AGENCY_DATELINE.match(line)
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


def _in_another_language(doc: Doc, start: int, end: int) -> bool:
    """A name the English model read into a paragraph in another language ("Detuvieron", "Պարզվեց"); a handle, or a
    name the text also writes outside such paragraphs ("Lady Gaga"), is an actor there too (guidelines: only names
    and handles are marked inside an original)."""
    foreign = foreign_paragraphs(doc)
    s = doc[start].idx
    if not any(a <= s < b for a, b in foreign) or doc[start].text.startswith("@"):
        return False
    text = doc_text(doc)
    name = doc[start:end].text
    pos = text.find(name)
    while pos >= 0:
        if not any(a <= pos < b for a, b in foreign):
            return False
        pos = text.find(name, pos + 1)
    return True


_LICENCE = frozenset({"license", "licence", "licenses", "licences"})


def _a_licence(doc: Doc, start: int, end: int) -> bool:
    """ "a Creative Commons license", "an Attribution-ShareAlike 2.0 Generic (CC BY-SA 2.0) ... license": a licence
    is a document, like a law, never an actor."""
    j = end
    if j < len(doc) and doc[j].text == "(":
        while j < len(doc) and j - end < 12 and doc[j].text != ")":
            j += 1
        j += 1
    while j < len(doc) and j - end < 16 and doc[j].text[:1].isupper() and doc[j].lower_ not in _LICENCE:
        j += 1  # "... Generic (CC BY-SA 2.0) Creative Commons license"
    return j < len(doc) and doc[j].lower_ in _LICENCE


@remembered(key_args=2)  # asked for a name while its entity is read and again when it is added: once
def never_an_actor(doc: Doc, start: int, end: int, skip: list[tuple[int, int]]) -> bool:
    """Datelines, headline fragments of three words or more, hashtags, laws and treaties, time zones, a building as
    a place."""
    s = doc[start].idx
    for a, b in skip:
        if a >= 0 and a <= s < b:
            return True
        if a < 0 and -a - 1 <= s < -b - 1 and end - start >= 3:
            return True
    if _in_another_language(doc, start, end):
        return True
    if _a_licence(doc, start, end):
        return True
    if _a_modifier_word(doc, end) or _a_currency(doc, start, end) or _a_role_after_a_name(doc, start, end):
        return True
    if end + 1 < len(doc) and doc[end].lower_ in _POSSESSIVE and doc[end + 1].text in ("Day", "Eve"):
        return True  # "International Workers' Day", "Valentine's Day": a holiday
    label = doc[start].ent_type_
    if (label in ("GPE", "LOC") and _a_headline_label(doc, start, end)) or (
        label != "PERSON" and _a_place_by_apposition(doc, start, end)
    ):
        return True
    if start > 0 and doc[start - 1].text == "#" and not doc[start - 1].whitespace_:
        return True  # "#Armenia", "#FleshandConcrete": a hashtag tags a topic (a handle, "@MazenMahdi", speaks)
    last = doc[end - 1]
    if last.lower_ in _LAW_WORDS and last.text[:1].isupper() and end - start >= 2:
        return True
    name = doc[start:end].text
    if name in TIME_ZONES or (
        name in _ZONES_AFTER_A_TIME
        and start > 0
        and (doc[start - 1].lower_ in _TIME_WORDS or doc[start - 1].text[:1].isdigit())
    ):
        return True  # "10:30 BST", "9:54 a.m. ET", "6 p.m. local time": a time zone
    if end - start >= 2 and (
        an_event(last) or (_YEAR_OR_SEASON.fullmatch(last.text) and any(an_event(t) for t in doc[start : end - 1]))
    ):
        return True  # "the Mass Vaccination Campaign", "the Iraq War": an event (a name in it may still act: FIFA)
    if last.lower_ in BUILDINGS and last.text[:1].isupper() and start > 0:
        k = start - 1 if doc[start - 1].lower_ != "the" else start - 2
        if k >= 0 and doc[k].lower_ in LOCATIVE:
            return True
        if not has_parse(doc):
            return False
        root = doc[start:end].root
        while root.dep_ in ("conj", "appos") and root.head.i < root.i:
            root = root.head  # "to hospitals in the area, including Hartford Hospital, Bridgeport Hospital, and ..."
        return root.dep_ == "dobj" or (
            root.dep_ == "pobj" and root.head.lower_ in LOCATIVE | DIRECTIONAL | ALONG | _LISTING
        )
    return False


_POSSESSIVE = frozenset({"'", "'s", "’", "’s"})
_LISTING = frozenset({"including", "like"})  # "hospitals in the area, including Hartford Hospital"
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "bn", "m", "k"})


def _a_modifier_word(doc: Doc, end: int) -> bool:
    """ "Yerevan-based think tank", "a London-born writer", "Addis Ababa based blogger": a name that makes a modifier
    names a place."""
    j = end + 1 if end < len(doc) and doc[end].text == "-" else end
    return j < len(doc) and doc[j].lower_ in ("based", "born", "headquartered")


def _a_currency(doc: Doc, start: int, end: int) -> bool:
    """ "more than one billion Kwacha", "5 million Naira": a name counted after a number is a currency, not an actor
    (a name that modifies the counted noun stays one: "two Reuters journalists")."""
    if start == 0 or doc[start - 1].lower_ not in _SCALES or not has_parse(doc):
        return False
    return doc[start:end].root.dep_ not in ("compound", "amod", "nmod", "poss")


def _a_role_after_a_name(doc: Doc, start: int, end: int) -> bool:
    """ "Stefano Rodotà, Emeritus Professor of law", "Megan MacInnes, Senior Land Campaigner at Global Witness": a
    capitalised role after a name is no second actor (an employer before it stays one: "Oxfam Country Director")."""
    at = doc[start].idx
    if doc_text(doc).rfind(",", max(0, at - 30), at) < 0:
        return False  # (cheap tests first: an apposition after a name follows a comma and ends in a role)
    last, nxt = doc[end - 1].lower_, doc[end].lower_ if end < len(doc) else ""
    if not (a_title_word(nxt) or a_title_word(last) or last.endswith(("er", "or", "ist"))) or not has_parse(doc):
        return False  # (without a parse there are no heads to read: spaCy may crash on them)
    root = doc[start:end].root
    role = root.head if root.dep_ == "compound" and root.head.i == end else root
    if role.dep_ != "appos" or role.head.pos_ != "PROPN" or not role.text.istitle():
        return False
    if any(t.ent_type_ == "GPE" or actor_noun(t) == "group" for t in doc[start:end]):
        return False  # "Jeff Rathke, the State Department Spokesperson": the office speaks through its title
    word = role.lower_
    return a_title_word(word) or (role.i == end - 1 and word.endswith(("er", "or", "ist")) and len(word) > 5)


def _a_place_by_apposition(doc: Doc, start: int, end: int) -> bool:
    """ "Perugia, a charming city in the Italian region of Umbria, became ...": a name the text calls a town or a city
    in apposition is a place (not "Pennsylvania State University (Penn State)")."""
    if end >= len(doc) or doc[end].text != "," or not has_parse(doc):
        return False
    return any(c.dep_ == "appos" and c.is_lower and c.lower_ in PLACE_NOUNS for c in doc[start:end].root.children)


def _a_headline_label(doc: Doc, start: int, end: int) -> bool:
    """ 'Ukraine: "If Prison Acquires a Voice"': a place before a colon at the start of the headline labels the story,
    also before a quoted headline (a person there may be quoted: 'Trump: "I will win"')."""
    if end >= len(doc) or doc[end].text != ":":
        return False
    first_break = doc_text(doc).find("\n")
    return first_break < 0 or doc[start].idx < first_break
