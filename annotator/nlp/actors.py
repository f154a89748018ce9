"""ACTOR suggestions: named entities that can act, or a capitalisation heuristic when there is no NER.

The ACTOR span covers the name without its title ("Information Minister
Attaullah Tarar" -> "Attaullah Tarar"); a nationality adjective before a
person or group noun makes one actor with it ("Pakistani officials").
Speakers that are not names ("the spokesman") are added by the quotes component.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from annotator.nlp.doc_units import ACTORS, add, annotated, cached, doc_text, group, has_parse, sentence_ids
from annotator.nlp.lexicon import MONTHS, WEEKDAYS, actor_words, speech_verbs
from annotator.nlp.model_output import MODEL_CONFIDENCE, ModelOutput

# A pipeline trained on our own export predicts ACTOR itself: see suggest_actors.
ENTITY_TYPES = {"PERSON": "person", "ORG": "group", "GPE": "place", "NORP": "group"}
_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ic", "ch")
_CONNECTORS = frozenset({"of", "de", "del", "al", "bin", "van", "von", "da", "&", "-", "for", "the"})


def _strip_title(doc: Doc, start: int, end: int) -> int:
    """First token after any leading titles or determiners, keeping at least one token."""
    titles = actor_words().titles
    while end - start > 1 and (doc[start].lower_ in titles or doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    return start


_DANGLING = frozenset({"of", "and", "the", "for", "in", "de", "&"})


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop possessive endings and punctuation at the edges."""
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].lower_ in _DANGLING
    ):
        end -= 1  # "Patrice Talon of" (the model's cut): no word that needs a name after it
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def _actor_noun(tok: Token) -> str | None:
    words = actor_words()
    low = tok.lower_
    if low in words.person_nouns:
        return "person"
    if low in words.group_nouns or (low.endswith("s") and low[:-1] in words.person_nouns):
        return "group"  # "shareholders", "aides"
    return None


def _from_entities(doc: Doc) -> list[tuple[int, int, str, float]]:
    found: list[tuple[int, int, str, float]] = []
    skip = _not_actor_chars(doc)
    titles = actor_words().titles
    down = _turned_down(doc)
    down.clear()
    things, places = _thing_and_place_names(doc)
    cached(doc)["_things"] = things
    for ent in _ents(doc):
        got = _entity_actor(doc, ent, skip, titles)
        name = _name_key(doc, ent.start, ent.end)
        if got is not None and (name in things or (name in places and _not_acting(doc[got[0] : got[1]].root))):
            got = None  # "join the AfCFTA" after "the AfCFTA agreement"; "Parts of Abaco" after "the Abaco Islands"
        if got is not None:
            found.append(got)
        elif (
            (ent.end - ent.start > 1 and not _an_event(doc[ent.end - 1]))
            or _fills_quote_marks(doc, ent.start, ent.end)
            or (ent.label_ in ("GPE", "NORP") and _part_of_a_title(doc, ent.start, ent.end))
        ):
            down.append((ent.start, ent.end))  # "London Bridge", "US President Trump": no piece of it either
    return found


def _ents(doc: Doc) -> tuple[SpacySpan, ...]:
    """The model's entities, built once per document (``doc.ents`` makes new spans on every read)."""
    flags = cached(doc)
    if "_ents" not in flags:
        flags["_ents"] = tuple(doc.ents)
    ents: tuple[SpacySpan, ...] = flags["_ents"]
    return ents


def _name_key(doc: Doc, start: int, end: int) -> str:
    words = [t.text for t in doc[start:end] if t.lower_ != "the" and not t.is_punct]
    return " ".join(words)


_NAMING_THINGS = frozenset({"agreement", "treaty", "accord", "act", "pact", "convention", "protocol", "deal"})
_SPATIAL = frozenset({"across", "over", "near", "beyond"})


def _thing_and_place_names(doc: Doc) -> tuple[set[str], set[str]]:
    """Names the text itself shows to be things or places, so that every other mention is no actor either:
    "the African Continental Free Trade Area (AfCFTA) agreement" (and "AfCFTA"), "a Volvo XC90" (a product with
    its model), "the Abaco Islands", "over the Channel" (a place)."""
    things: set[str] = set()
    places: set[str] = set()
    if not has_parse(doc):
        return things, places
    for ent in _ents(doc):
        if ent.label_ not in ENTITY_TYPES:
            continue
        end = ent.end
        while end < len(doc) and (doc[end].is_punct and doc[end].text in ")]"):
            end += 1
        nxt = doc[end] if end < len(doc) else None
        if nxt is None:
            continue
        key = _name_key(doc, ent.start, ent.end)
        if ent.label_ != "PERSON" and _a_given_name(ent.root):
            things.add(key)  # "a device called Flyboard Air", "known as Brexit"
        elif _CODE.fullmatch(nxt.text) or (
            nxt.lower_ in _NAMING_THINGS
            and nxt.is_lower
            and ent.label_ not in ("GPE", "PERSON", "NORP")
            and (end > ent.end or len(ent) >= 3)
        ):  # "the African Continental Free Trade Area (AfCFTA) agreement"; not "the Iran deal", "the EU agreement"
            things.add(key)
            things.update(t.text for t in ent if sum(c.isupper() for c in t.text) >= 2 and t.is_alpha)
        elif ent.label_ != "PERSON" and (
            (
                ent.label_ != "ORG"  # "Hamas territory" is no place name
                and nxt.is_lower
                and nxt.lower_ in _PLACE_NOUNS | _BUILDINGS
                and ent.root.head.i == nxt.i
            )
            or (ent.root.dep_ == "pobj" and ent.root.head.lower_ in _SPATIAL)
        ):
            places.add(key)  # "the Abaco Islands", "the Sandy Point area", "strong winds over the Channel"
    return things, places


_BYSTANDER_PREPS = frozenset({"of", "for", "between", "among", "amongst", "about", "against", "than", "like", "unlike"})


def _a_bystander(root: Token) -> bool:
    """A nationality group after "of", "for", "between" ...: named, not acting ("about 31 percent of Samoans")."""
    if root.dep_ != "pobj" or root.head.lower_ not in _BYSTANDER_PREPS:
        return False
    if _actor_noun(root) == "group" and not root.lower_.endswith("s"):
        return False  # "a member of the French Parliament": an institution
    return not (root.head.lower_ == "of" and root.head.head.ent_type_ == "PERSON")  # "Gary Fan of the Neo Democrats"


_NAMING_VERBS = frozenset({"called", "dubbed", "named", "nicknamed", "titled", "entitled", "known", "branded"})


def _a_given_name(root: Token) -> bool:
    """The name given to a thing: "a device called Flyboard Air", "the withdrawal, known as Brexit"; not to a
    person or a group ("a student named Wong")."""
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ == "as":
        verb = verb.head
    elif root.dep_ not in ("oprd", "dobj", "attr", "xcomp"):
        return False
    if verb.lower_ not in _NAMING_VERBS:
        return False
    if verb.dep_ == "advcl":
        return True  # "Zapata crossed the Channel on jets attached to his feet, called Flyboard Air"
    named = verb.head if verb.dep_ == "acl" else None
    return named is not None and named.pos_ == "NOUN" and _actor_noun(named) is None


def _not_acting(root: Token) -> bool:
    """A mention that is not a subject or a possessor: an object, a prepositional object, a modifier."""
    return root.dep_ not in ("nsubj", "nsubjpass", "poss", "ROOT") and not (
        root.dep_ == "pobj" and root.head.lower_ in ("by", "according")
    )


def _entity_actor(
    doc: Doc, ent: SpacySpan, skip: list[tuple[int, int]], titles: frozenset[str]
) -> tuple[int, int, str, float] | None:
    """The ACTOR a named entity makes, or None."""
    kind = ENTITY_TYPES.get(ent.label_)
    if kind is None or (ent.label_ != "ACTOR" and not any(c.isupper() for c in ent.text)):
        return None
    start, end = _trim(doc, ent.start, ent.end)
    if start >= end or doc[start].like_num:
        return None
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and doc[start - 2].is_lower:
        return None  # "intra-Africa trade", "pro-Beijing": a prefix makes a modifier
    if _never_an_actor(doc, start, end, skip) or _a_product(doc, start, end) or _a_common_word(doc, start, end):
        return None
    after = end
    while after < len(doc) and after - end < 3 and doc[after].lower_ in titles:
        after += 1
    if ent.label_ != "PERSON" and _name_follows(doc, after) and all(t.lower_ in titles for t in doc[start:end]):
        return None  # "Interior Minister Ali Khan": title words before a name
    if ent.label_ == "PERSON":
        start = _strip_title(doc, start, end)
    if ent.label_ in ("GPE", "NORP") and _part_of_a_title(doc, start, end):
        return None  # "US President Trump": the country is part of the title
    if ent.label_ == "NORP":
        # "Pakistani officials" is an actor; "Afghan territory" is not.
        j = end
        while (
            j < len(doc)
            and j - end < 3
            and doc[j].pos_ in ("ADJ", "NOUN")
            and (_actor_noun(doc[j]) is None or _modifier_of_a_later_noun(doc[j]))
        ):
            j += 1  # "Australian school children": the head noun decides
        if _a_bystander(doc[j] if j < len(doc) and _actor_noun(doc[j]) is not None else ent.root):
            return None  # "31 percent of Samoans", "first contact with Europeans": a group named, not acting
        if j < len(doc) and _actor_noun(doc[j]) is not None and not _modifier_of_a_later_noun(doc[j]):
            if _any_name_follows(doc, j + 1):
                return None  # "Afghan Ambassador Hamdullah Mohib", "Swedish captain Andreas Granqvist": a title
            return (start, j + 1, _actor_noun(doc[j]) or "group", 0.8)
        if doc[end - 1].tag_ in ("NNPS", "NNS") or ent.text.endswith("s"):
            return (start, end, "group", 0.8)
        return None
    listed = _listed_with_a_place(doc, start, end) and (
        kind != "person" or end - start == 1 or doc[start:end].root.dep_ == "appos"
    )  # "Saratoga Springs, New York and an Edward Steichen and Andy Warhol exhibit": a parse that lists people
    if _fills_quote_marks(doc, start, end) or listed:
        return None  # 'Argo', "Dark Star": a title or a nickname in marks; "the towns of Beni, Butembo and Katwa"
    if kind != "person" and (_after_place_noun(doc, start, end) or _owns_a_place(doc, start, end)):
        return None  # "the town of Yeoncheon", "Afghanistan's capital", "the towns of Beni, Butembo and Katwa"
    root = doc[start:end].root
    if (
        kind != "place"
        and root.dep_ == "pobj"
        and root.head.lower_ in ("in", "at", "near")
        and end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].ent_type_ == "GPE"
        and (kind == "group" or end - start == 1)
    ):
        return None  # "in Manay, Davao Oriental": a place before its region, whatever the model calls it
    if root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.lower_.startswith("publish"):
        return None  # "findings published in Nature Sustainability": a journal as the place of print
    if kind == "group" and _from_place_to_place(doc, start, end):
        return None  # "from Herat to Kabul": a place, whatever the model calls it
    if kind == "place" and (
        _modifies_a_thing(doc, start, end) or _a_place_where(doc, start, end) or _names_a_place(doc, start, end)
    ):
        return None  # "talks in Istanbul", "the Mecca crane collapse"; but "a Reuters poll" has an actor
    return (start, end, kind, 0.85)


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


def _an_event(last: Token) -> bool:
    return last.lower_ in _EVENT_WORDS and last.text[:1].isupper()


TIME_ZONES = frozenset(
    {"GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "AEST"}
)
_BUILDINGS = frozenset(
    {"house", "hall", "palace", "building", "tower", "centre", "center", "stadium", "arena", "airport", "station"}
    | {"bridge", "hospital", "hotel", "prison", "base", "square", "street", "road", "museum", "gallery", "terminal"}
    | {"park", "bay", "island", "islands", "lodge", "port", "harbour", "harbor", "mall", "plaza", "avenue"}
)
# a building named as an object ("exited the Hall", "treated at the Army Hospital") is a place; as a subject
# ("the White House said") it speaks
_ON = frozenset({"on", "up", "down", "along", "past", "over", "under", "beside", "behind", "outside", "off"})
HEADLINE_MAX_WORDS = 16


def _not_actor_chars(doc: Doc) -> list[tuple[int, int]]:
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


def _never_an_actor(doc: Doc, start: int, end: int, skip: list[tuple[int, int]]) -> bool:
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
    if _an_event(last) and end - start >= 2:
        return True  # "the Mass Vaccination Campaign", "the Iraq War": an event (a name in it may still act: FIFA)
    if last.lower_ in _BUILDINGS and last.text[:1].isupper() and start > 0:
        k = start - 1 if doc[start - 1].lower_ != "the" else start - 2
        if k >= 0 and doc[k].lower_ in _LOCATIVE:
            return True
        if not has_parse(doc):
            return False
        root = doc[start:end].root
        return root.dep_ == "dobj" or (root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE | _DIRECTIONAL | _ON)
    return False


_CODE = re.compile(r"[A-Za-z]{2,}-?\d+[A-Za-z]?")  # "IE6", "STS-134", "COVID-19": a model or mission, not "G7"
_YEAR = re.compile(r"(1[89]|20)\d\d")


def _a_product(doc: Doc, start: int, end: int) -> bool:
    """ "Internet Explorer 6", "IE9", "Apollo 11", "Terminal 4": a name with a number is a product, a version,
    a mission or a building, never an actor (a year after a name is not such a number)."""
    if any(_CODE.fullmatch(t.text) for t in doc[start:end]):
        return True
    nxt = doc[end] if end < len(doc) else None
    if nxt is None or not (nxt.like_num and nxt.text[:1].isdigit()) or _YEAR.fullmatch(nxt.text):
        return False
    after = doc[end + 1] if end + 1 < len(doc) else None
    return not (after is not None and after.text in {"-", "–", "—", ":"})  # "Sweden defeated South Korea 1 – 0"


def _a_common_word(doc: Doc, start: int, end: int) -> bool:
    """ "Homeopathy is ...", "Iodine deficiency ...": one capitalised word the text also writes in lower case
    elsewhere is a common word, not a name (looked up in the text only for such candidates)."""
    if end - start != 1:
        return False
    tok = doc[start]
    if not (tok.is_sent_start or tok.tag_ in ("NN", "NNS")) or not tok.is_title or len(tok.text) < 4:
        return False
    low = tok.lower_
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", doc_text(doc)) is not None


def _modifies_a_thing(doc: Doc, start: int, end: int) -> bool:
    """ "Mecca crane collapse", "Polaroid pictures": a name used as a modifier of a thing is not an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "Austrian, United Kingdom and New Zealand production sites"
    head = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or head.i < end or head.pos_ != "NOUN":
        return False
    return head.lower_ not in actor_words().titles  # "US troops", "US workers": a place modifies, the group acts


_LOCATIVE = frozenset({"in", "near", "at", "inside", "within", "across", "around", "throughout", "outside"})
# where someone goes or comes from: "travelled to Florida", "500 miles from Herat", "fled into Thailand"
_DIRECTIONAL = frozenset({"to", "from", "into", "toward", "towards", "via", "through", "onto"})
# verbs whose object is a place: "to enter the United States", "visited Kabul"
_PLACE_VERBS = frozenset(
    {"enter", "entered", "entering", "enters", "visit", "visited", "visiting", "visits", "reach", "reached"}
    | {"reaching", "reaches", "leave", "left", "leaving", "leaves", "tour", "toured", "touring", "tours"}
)
# a verb whose "to X" is someone spoken, given or lost to, not a destination: "said to Pakistan", "lost to England",
# "attributed to Pakistan" (word stems: the pipeline need not have a lemmatizer)
_TO_SOMEONE = (
    "talk", "speak", "spoke", "said", "say", "writ", "wrote", "sell", "sold", "giv", "gave", "send", "sent", "lend",
    "lent", "appeal", "turn", "attribut", "los", "lost", "belong", "apolog", "complain", "explain", "promis",
    "offer", "pay", "paid", "owe", "owing", "surrender", "hand", "deliver", "export", "suppl", "report", "announc",
    "declar", "submit", "object", "respond", "defeat",
)


# "the town of Yeoncheon", "the coast of Aceh": a place named after a place noun
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "coast", "capital", "island", "district", "county", "area"}
    | {"counties", "provinces", "regions", "border", "outskirts", "suburbs", "streets", "shores", "port", "state"}
    | {"towns", "cities", "villages", "islands", "districts", "areas", "capitals", "borders", "neighbourhood"}
    | {"neighborhood", "neighbourhoods", "neighborhoods", "municipality", "commune", "prefecture", "territory"}
)


def _a_place_where(doc: Doc, start: int, end: int) -> bool:
    """ "talks in Istanbul", "strikes near Kabul", "in the town of Yeoncheon": a place where something happens
    is not an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    if root.dep_ != "pobj":
        return False
    return root.head.lower_ in _LOCATIVE or _after_place_noun(doc, start, end)


def _a_place_in(doc: Doc, start: int, end: int) -> bool:
    """ "worked at Cipriani Dolci", "officials in Herat": a later mention of a name after "in", "at" or "near" (an
    organisation "within" or "across" something stays one)."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    return root.dep_ == "pobj" and root.head.lower_ in ("at", "near")


# "parts of the United Kingdom", "the southern aspect of Abaco", "the mayor of Davao City", "south of Los Angeles"
_PART_NOUNS = frozenset(
    {"part", "parts", "rest", "aspect", "side", "centre", "center", "heart", "edge", "corner", "interior", "waters"}
    | {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "mayor", "resident"}
    | {"residents", "outskirts", "extension", "tip", "coastline"}
)


def _after_place_noun(doc: Doc, start: int, end: int) -> bool:
    root = doc[start:end].root
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _PLACE_NOUNS | _PART_NOUNS


_OPEN_MARKS = frozenset({'"', "“", "‘", "'", "«", "„", "``"})
_CLOSE_MARKS = frozenset({'"', "”", "’", "'", "»", "“", "''"})


def _fills_quote_marks(doc: Doc, start: int, end: int) -> bool:
    """ "'Argo'", "the song \"Dark Star\"", "known as \"The Lion Man\"": a name that fills a pair of quote marks
    (a title, a nickname) is not an actor."""
    s = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    if s == 0 or doc[s - 1].text not in _OPEN_MARKS:
        return False
    e = end
    while e < len(doc) and e - end < 2 and doc[e].like_num:
        e += 1  # "Zrínyi 2026"
    if e < len(doc) and doc[e].text in {",", "."} and not doc[e - 1].whitespace_:
        e += 1  # "Dark Star," with the comma inside the marks
    return e < len(doc) and doc[e].text in _CLOSE_MARKS and not doc[e - 1].whitespace_


def _owns_a_place(doc: Doc, start: int, end: int) -> bool:
    """ "Afghanistan's capital", "Hong Kong's streets": the possessor of a place is a place."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    return root.dep_ == "poss" and root.head.lower_ in _PLACE_NOUNS


def _listed_with_a_place(doc: Doc, start: int, end: int) -> bool:
    """ "the towns of Beni, Butembo and Katwa", "at the park, Causeway Bay and Tin Hau", "in Herat, Kandahar and
    Mazar": a name listed after (or set beside) a place is a place, whatever the model calls it."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    first = root
    while first.head.i < first.i and (
        first.dep_ == "conj"
        or (first.dep_ == "appos" and doc[first.left_edge.i - 1].text == "," and first.head.pos_ == "NOUN")
    ):
        first = first.head  # a list, or an apposition to a common noun after a comma ("the park, Causeway Bay")
    if first.i == root.i:
        return False
    if root.dep_ == "conj" and not _a_real_list(first):
        return False  # "in Pakistan, Mohammed Waseem, brother of ...": no "and", no list
    if first.ent_type_ in ("GPE", "LOC", "FAC") and first.ent_iob_ != "O":
        ent = next((e for e in _ents(doc) if e.start <= first.i < e.end), None)
        if ent is None:
            return False
        s, e = _trim(doc, ent.start, ent.end)
        return s < e and (
            _a_place_where(doc, s, e)
            or _names_a_place(doc, s, e)
            or _after_place_noun(doc, s, e)
            or _owns_a_place(doc, s, e)
        )
    if first.pos_ == "NOUN" and _actor_noun(first) is None:
        # a common noun: "at the park, Causeway Bay", "the towns of Beni, Butembo"
        if first.lower_ in _PLACE_NOUNS:
            return True
        if first.dep_ == "pobj" and first.head.lower_ in _LOCATIVE:
            return True
    return first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lower_ in _PLACE_NOUNS


def _from_place_to_place(doc: Doc, start: int, end: int) -> bool:
    """ "travelled from Herat to Kabul": one end of a journey is a place when the other end is one."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("from", "to"):
        return False
    other = "to" if prep.lower_ == "from" else "from"
    for sib in list(prep.head.children) + list(prep.children):
        if (
            sib.lower_ == other
            and sib.dep_ == "prep"
            and any(c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC") for c in sib.children)
        ):
            return True
    return False


def _a_real_list(first: Token) -> bool:
    """The conjuncts of ``first`` hold a coordinating word ("Beni, Butembo, Mangina, and Katwa")."""
    todo = [first]
    while todo:
        tok = todo.pop()
        for child in tok.children:
            if child.dep_ == "cc":
                return True
            if child.dep_ == "conj":
                todo.append(child)
    return False


def _modifier_of_a_later_noun(tok: Token) -> bool:
    """ "Russian state media": "state" modifies "media", it is not the head of the phrase; nor is it in
    "Hungarian state-owned enterprise"."""
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_:
        return True
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN")


def _names_a_place(doc: Doc, start: int, end: int) -> bool:
    """A country or city named as a place: where one goes or comes from ("travelled to Florida", "from Herat"),
    what one enters or visits ("to enter the United States"), or the larger place after a comma ("Irving, Texas",
    "the coast of Aceh, Indonesia"). A place that acts, speaks, owns or is acted on stays an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    head = root.head
    if any(t.is_lower and t.lower_ != "the" for t in doc[start:end]):
        return False  # "from the Municipality of Bogliasco": an authority, not a bare place name
    if root.dep_ == "pobj" and head.lower_ in _DIRECTIONAL:
        verb = head.head
        return not (head.lower_ == "to" and verb.lower_.startswith(_TO_SOMEONE))
    if root.dep_ == "dobj" and head.lower_ in _PLACE_VERBS:
        return True
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in ("GPE", "LOC", "FAC"):
        # "Irving, Texas", "Chicago, Illinois, the ...": the larger place after the smaller one, unless it is one
        # of a list ("Malaysia, Indonesia and Thailand agreed")
        nxt = doc[end] if end < len(doc) else None
        after = doc[end + 1] if end + 1 < len(doc) else None
        listed = nxt is not None and (
            nxt.lower_ in ("and", "or") or (nxt.text == "," and after is not None and after.ent_type_ == "GPE")
        )
        before = doc[start - 2]
        first = before.i
        while first > 0 and doc[first - 1].ent_type_ == before.ent_type_ and doc[first - 1].ent_iob_ != "O":
            first -= 1
        listed = listed or (first > 1 and doc[first - 1].text == "," and doc[first - 2].ent_type_ == "GPE")
        return not listed and head.dep_ != "nsubj"
    return False


def _turned_down(doc: Doc) -> list[tuple[int, int]]:
    """Names the rules turned down as a whole (every name of several words, a country in a title, a name in
    marks): no piece of them is an actor either ("London" in "London Bridge")."""
    flags = cached(doc)
    if "_turned_down" not in flags:
        flags["_turned_down"] = []
    down: list[tuple[int, int]] = flags["_turned_down"]
    return down


def _join_touching(doc: Doc, found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """ "the French" + "Parliament" -> "the French Parliament": two names the model cut apart with nothing between
    them are one actor (not two people: "Rivera Schatz" stays what the model says)."""
    found = sorted(found)
    joined: list[tuple[int, int, str, float]] = []
    for f in found:
        if joined:
            last = joined[-1]
            if (
                last[1] == f[0]
                and "person" not in (last[2], f[2])
                and "\n" not in doc[f[0] - 1].whitespace_
                and doc[f[0]].text[:1].isupper()
            ):
                joined[-1] = (last[0], f[1], "group", max(last[3], f[3]))
                continue
            if (
                len(joined) >= 2
                and last[1] - last[0] == 1
                and joined[-2][1] + 1 == last[0]
                and doc[last[0] - 1].text == "("
                and last[1] + 1 == f[0]
                and doc[last[1]].text == ")"
                and "person" not in (joined[-2][2], f[2])
            ):
                first = joined.pop(-2)
                joined[-1] = (first[0], f[1], "group", max(first[3], f[3]))
                continue  # "the United Nations (UN) General Assembly": one name with its short form inside
            if (
                last[1] + 1 == f[0]
                and doc[last[1]].lower_ == "of"
                and last[2] == "group"
                and f[2] == "place"
                and doc[last[1] - 1].text[:1].isupper()
                and _actor_noun(doc[last[1] - 1]) is not None
            ):
                joined[-1] = (last[0], f[1], "group", max(last[3], f[3]))
                continue  # "the Supreme Court of the United Kingdom": one name
            if (
                last[1] + 1 == f[0]
                and doc[last[1]].lower_ == "and"
                and f[2] == "place"
                and last[2] == "group"
                and any(t.lower_ == "of" for t in doc[last[0] : last[1]])
                and doc[last[1] - 1].ent_type_ == "GPE"
            ):
                joined[-1] = (last[0], f[1], "group", max(last[3], f[3]))
                continue  # "the High Court of England and Wales"
        joined.append(f)
    return joined


def _name_follows(doc: Doc, i: int) -> bool:
    """A person's name starts at token ``i`` ("Afghan Ambassador Hamdullah Mohib")."""
    return i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B"


def _any_name_follows(doc: Doc, i: int) -> bool:
    """A name starts at token ``i``: a person or an organisation ("television broadcaster PBS")."""
    return i < len(doc) and doc[i].ent_iob_ == "B" and doc[i].ent_type_ in ("PERSON", "ORG")


_TITLE_GLUE = frozenset({"of", "'s", "’s", "for", "and", "-"})


def _part_of_a_title(doc: Doc, start: int, end: int) -> bool:
    """ "US President Trump", "US Secretary of State Mike Pompeo", "Northamptonshire's chief constable Nick
    Adderley", "United States public utility Pacific Gas", "Mayor of London Sadiq Khan": a country or a nationality
    inside the title before a name is part of the title, not an actor of its own."""
    titles = actor_words().titles
    if end < len(doc) and doc[end].lower_ in ("'s", "’s"):
        return False  # "Indonesia's security minister Wiranto": a possessor is an actor (guidelines)
    i = end
    saw_role = False
    while i < len(doc) and i - end < 6:
        t = doc[i]
        if t.lower_ in titles or (t.is_lower and t.pos_ in ("NOUN", "ADJ")):
            saw_role = True
        elif not (
            t.lower_ in _TITLE_GLUE
            or (t.is_title and any(doc[k].lower_ in titles for k in range(i + 1, min(i + 3, len(doc)))))
        ):
            break  # (a capitalised word before a title word belongs to it: "Manhattan District Attorney Cyrus Vance")
        i += 1
    if saw_role and i > end and _any_name_follows(doc, i):
        return not doc[i - 1].lower_.startswith("spokes")  # "Environment Canada spokesperson Julie Hahn" speaks for it
    # "Mayor of London Sadiq Khan"
    return (
        start > 1
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in titles
        and end < len(doc)
        and (_name_follows(doc, end) or (doc[end].pos_ == "PROPN" and doc[end].ent_type_ in ("PERSON", "")))
    )


def _propagate(doc: Doc, found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Other mentions of a name the model found once: "Daniel Montalvo" ... "Montalvo" ... "Scientology"."""
    orths: list[int] = doc.to_array(ORTH).tolist()  # token texts as ids, without building a Token for each
    names: dict[tuple[int, ...], str] = {}
    surnames: set[int] = set()
    for start, end, kind, _conf in found:
        if all(t.text[:1].isupper() for t in doc[start:end]):
            words = tuple(orths[start:end])
            names.setdefault(words, kind)
            if kind == "person" and len(words) == 2:
                surnames.add(words[-1])
    covered = [False] * len(doc)
    for start, end, _kind, _conf in found:
        for i in range(start, end):
            covered[i] = True
    down = [False] * len(doc)
    things = cached(doc).get("_things", set())
    for a, b in _turned_down(doc):
        for i in range(a, b):
            down[i] = True  # "London Bridge", "US President Trump": turned down as a whole, not in pieces
    extra: list[tuple[int, int, str, float]] = []
    longest = max((len(k) for k in names), default=0)
    firsts = {k[0] for k in names} | surnames
    i = 0
    while i < len(doc):
        hit = None
        if not covered[i] and orths[i] in firsts:
            for n in range(min(longest, len(doc) - i), 0, -1):
                words = tuple(orths[i : i + n])
                if words in names and not any(covered[i : i + n]):
                    glued = (i + n < len(doc) and covered[i + n] and doc[i + n].pos_ == "PROPN") or (
                        i > 0 and covered[i - 1] and doc[i - 1].pos_ == "PROPN"
                    )
                    if glued:
                        break  # "Jamal" before "Khashoggi": part of a longer name, not a mention of its own
                    if things and _name_key(doc, i, min(len(doc), i + n + 1)) in things:
                        break  # "Flyboard" in "the Flyboard Air", a named thing
                    if names[words] != "person" and any(down[i : i + n]):
                        break  # a person's name goes on ("Dries Mertens", whatever the model called it)
                    hit = (i, i + n, names[words], 0.7)
                    break
            # a surname alone ("Montalvo said") where the parse says it is the subject of its sentence
            if hit is None and orths[i] in surnames and doc[i].dep_ in ("nsubj", "nsubjpass"):
                hit = (i, i + 1, "person", 0.7)
        place = hit is not None and hit[2] == "place"
        if hit is not None and not (
            (
                place
                and (
                    _modifies_a_thing(doc, hit[0], hit[1])
                    or _a_place_where(doc, *hit[:2])
                    or _names_a_place(doc, *hit[:2])
                )
            )
            or (hit[2] != "person" and (_a_place_in(doc, *hit[:2]) or _listed_with_a_place(doc, *hit[:2])))
            or (doc[hit[0]].ent_type_ == "NORP" and _a_bystander(doc[hit[0] : hit[1]].root))
        ):
            extra.append(hit)
            i = hit[1]
        else:
            i += 1
    return extra


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and (tok.is_alpha or "." in t or "-" in t) and not tok.like_num


def _headline(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


def _from_capitals(doc: Doc) -> list[tuple[int, int, str, float]]:
    """Runs of capitalised words; a sentence-initial word counts only when the text uses it capitalised elsewhere."""
    sent = sentence_ids(doc)
    sent_start = {i for i in range(len(doc)) if i == 0 or sent[i] != sent[i - 1]}
    mid_caps = {t.text for t in doc if t.i not in sent_start and _is_cap(t)}
    speech = speech_verbs().forms
    words = actor_words()
    skip = _not_actor_chars(doc)
    found: list[tuple[int, int, str, float]] = []
    i = 0
    n = len(doc)
    while i < n:
        if not _is_cap(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and (_is_cap(doc[j]) or (doc[j].lower_ in _CONNECTORS and j + 1 < n and _is_cap(doc[j + 1]))):
            j += 1
        s, e = i, j
        i = j
        para_s, para_e = s, e
        while para_s > 0 and "\n" not in doc[para_s - 1].whitespace_ and "\n" not in doc[para_s - 1].text:
            para_s -= 1
        while para_e < n and "\n" not in doc[para_e - 1].whitespace_ and "\n" not in doc[para_e].text:
            para_e += 1
        if _headline(doc, para_s, min(para_e, para_s + 40)):
            continue
        while s < e and (doc[s].lower_ in STOP_WORDS or doc[s].lower_ in MONTHS or doc[s].lower_ in WEEKDAYS):
            s += 1
        while e > s and (
            doc[e - 1].lower_ in MONTHS or doc[e - 1].lower_ in WEEKDAYS or doc[e - 1].lower_ in _CONNECTORS
        ):
            e -= 1
        if s >= e:
            continue
        titled = any(doc[k].lower_ in words.titles for k in range(s, e - 1))
        s = _strip_title(doc, s, e)
        s, e = _trim(doc, s, e)
        if s >= e or (doc[s].lower_ in words.titles and e - s == 1) or _never_an_actor(doc, s, e, skip):
            continue
        nxt = doc[e] if e < n else None
        if (
            e - s == 1
            and s in sent_start
            and doc[s].text not in mid_caps
            and not (nxt is not None and nxt.lower_ in speech)
        ):
            continue
        if nxt is not None and nxt.is_lower and nxt.is_alpha and e - s == 1:
            kind = _actor_noun(nxt)
            name_follows = e + 1 < n and _is_cap(doc[e + 1])
            if kind is not None and not name_follows:
                found.append((s, e + 1, kind, 0.5))
                continue
            if doc[s].lower_.endswith(_DEMONYM_ENDINGS) and nxt.lower_ not in speech and nxt.lower_ not in STOP_WORDS:
                continue  # "Afghan territory": a nationality adjective, not an actor
        kind = "person" if titled or (e - s >= 2 and all(t.is_alpha for t in doc[s:e])) else "unknown"
        found.append((s, e, kind, 0.5))
    return found


_FIRST_PERSON = frozenset({"my", "our", "your"})
_WH_WORDS = frozenset({"what", "which", "whatever", "whichever", "whose"})
_GROUP_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "my", "your"})


def _acting_groups(doc: Doc, found: list) -> list[tuple[int, int, str, float]]:
    """Subjects that are groups or people without a name: "The council approved", "Engineers inspected"."""
    covered = [False] * len(doc)
    for f in found:
        for i in range(f[0], f[1]):
            covered[i] = True
    extra: list[tuple[int, int, str, float]] = []
    parsed = has_parse(doc)
    for tok in doc:
        if parsed and tok.dep_ == "pobj" and tok.pos_ == "NOUN" and _according_to(tok):
            start = _source_start(doc, tok)
            named_by = any(
                c.dep_ == "prep"
                and c.lower_ in ("by", "from")
                and any(g.ent_type_ in ("PERSON", "ORG") for g in c.subtree)
                for c in tok.children
            )  # "according to a Twitter post by Amy Cook": Amy Cook is the source
            name_on = any(covered[k] and doc[k].dep_ == "compound" for k in range(start, tok.i))
            if not (covered[tok.i] or named_by or name_on):  # "United Nations figures": the name is the source
                extra.append((start, tok.i + 1, _actor_noun(tok) or "unknown", 0.6))
                covered[start : tok.i + 1] = [True] * (tok.i + 1 - start)
            continue  # "according to police", "according to a UN report": a source (guidelines)
        kind = _actor_noun(tok)
        if kind is None or covered[tok.i] or tok.is_upper:
            continue
        if parsed:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN":
                continue
            if _counted(doc, tok):
                continue  # "54 nations have signed", "three of his co-authors": a FIGURE counts them
            if _any_name_follows(doc, tok.i + 1) or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
                continue  # "television broadcaster PBS revealed": a title before a name
            start = tok.i
            while (
                start > 0
                and start <= doc[start - 1].head.i <= tok.i
                and doc[start - 1].dep_ in ("det", "amod", "compound", "poss")
            ):  # "Hong Kong people": the whole compound
                start -= 1
            while start < tok.i and doc[start].lower_ in _WH_WORDS:
                start += 1  # "what organizers estimated": the wh-word is no part of the group
            if doc[start].lower_ in ("no", "various", "none"):
                continue  # "No organization claimed", "Various countries have seen": nobody in particular
            if doc[start].lower_ in _FIRST_PERSON:
                continue  # "My father told me": a person inside someone's words
            if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
                continue  # "its chairman, Grace Mensah, said": the role phrase is no second actor
            particular = doc[start].lower_ in _GROUP_DETERMINERS or (start < tok.i and doc[start].text[:1].isupper())
            if not particular and tok.dep_ != "nsubj":
                continue  # "residents were trapped": generic people acted on; "voters rejected it" act
        else:
            # without a parser: "The council approved", "Engineers inspected": a determiner or a capital, then a verb
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or not (nxt.is_lower and nxt.is_alpha):
                continue
            if nxt.lower_ in STOP_WORDS | {"of"} and nxt.lower_ not in speech_verbs().forms:
                continue
            start = tok.i
            if start > 0 and doc[start - 1].lower_ in _GROUP_DETERMINERS:
                start -= 1
            elif kind != "group" or not (start == 0 or doc[start - 1].is_punct or doc[start - 1].lower_ == "and"):
                continue  # "Voters rejected", ", shareholders fled": a group that acts
        if any(covered[start : tok.i + 1]):
            continue
        extra.append((start, tok.i + 1, kind, 0.6))
        for i in range(start, tok.i + 1):
            covered[i] = True
    return extra


def _according_to(tok: Token) -> bool:
    prep = tok.head
    return prep.lower_ == "to" and prep.head.lower_ == "according"


def _source_start(doc: Doc, tok: Token) -> int:
    """First token of a source's phrase: "a UN report", "PG&E's schedule", "a March 14, 2019 [NATO press release]"."""
    start = tok.i
    left = tok.left_edge.i
    while (
        start > left
        and doc[start - 1].ent_type_ not in ("DATE", "TIME", "CARDINAL")
        and not doc[start - 1].is_punct
        and (doc[start - 1].pos_ != "PRON" or doc[start - 1].dep_ == "poss")  # "his agent"
    ):
        start -= 1
    return start


def _counted(doc: Doc, tok: Token) -> bool:
    """ "54 nations", "some 60 thousand people", "one man", "a third person", "three of his co-authors"."""
    if any(c.dep_ == "nummod" or c.ent_type_ in ("CARDINAL", "ORDINAL") or c.like_num for c in tok.children):
        return True
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "of" and (prep.head.like_num or prep.head.ent_type_ == "CARDINAL")


def suggest_actors(doc: Doc, use_capitals: bool, model: ModelOutput | None = None) -> Doc:
    """Fill the actors group from the entities, or from capitalisation when the pipeline has no NER.

    A pipeline that predicts ACTOR itself (trained on our export) is taken at its word: no rules added.
    """
    g = group(doc, ACTORS)
    if model is not None and model.predicts("ACTOR"):
        for start, end, score in model.spans(doc, "ACTOR"):
            conf = MODEL_CONFIDENCE if score is None else score
            add(g, SpacySpan(doc, start, end, label="ACTOR"), confidence=conf, source="model", type="unknown")
        return doc
    has_ner = annotated(doc, "ENT_IOB")
    found: list[tuple[int, int, str, float, str]] = []
    if has_ner:
        from_model = _join_touching(doc, _from_entities(doc))
        found = [(*f, "model") for f in from_model]
        found += [(*f, ACTORS) for f in _propagate(doc, from_model)]
    elif use_capitals:
        found = [(*f, ACTORS) for f in _from_capitals(doc)]
    found += [(*f, ACTORS) for f in _acting_groups(doc, found)]
    seen: set[tuple[int, int]] = set()
    skip = _not_actor_chars(doc)
    first_by_end: dict[int, int] = {}
    for f in found:
        first_by_end[f[1]] = min(f[0], first_by_end.get(f[1], f[0]))
    for start, end, kind, conf, source in sorted(found):
        if (start, end) in seen or _never_an_actor(doc, start, end, skip):
            continue
        if first_by_end[end] < start:
            continue  # "Parliament" inside "the French Parliament": one actor, not two
        seen.add((start, end))
        add(g, SpacySpan(doc, start, end, label="ACTOR"), confidence=conf, source=source, type=kind)
    return doc
