"""Names the text itself shows to be things: products, given names ("known as Brexit"), titles in marks."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from annotator.nlp.actors.names import ENTITY_TYPES, actor_noun, model_entities, name_key
from annotator.nlp.actors.places import BUILDINGS, PLACE_NOUNS, SPATIAL
from annotator.nlp.doc_units import doc_text, has_parse

_NAMING_THINGS = frozenset({"agreement", "treaty", "accord", "act", "pact", "convention", "protocol", "deal"})


def thing_and_place_names(doc: Doc) -> tuple[set[str], set[str]]:
    """Names the text itself shows to be things or places, so that every other mention is no actor either:
    "the African Continental Free Trade Area (AfCFTA) agreement" (and "AfCFTA"), "a Volvo XC90" (a product with
    its model), "the Abaco Islands", "over the Channel" (a place)."""
    things: set[str] = set()
    places: set[str] = set()
    if not has_parse(doc):
        return things, places
    for ent in model_entities(doc):
        if ent.label_ not in ENTITY_TYPES and ent.label_ != "FAC":
            continue
        end = ent.end
        while end < len(doc) and (doc[end].is_punct and doc[end].text in ")]"):
            end += 1
        nxt = doc[end] if end < len(doc) else None
        if nxt is None:
            continue
        key = name_key(doc, ent.start, ent.end)
        storm = _a_storm(doc, ent.start, ent.end)
        if storm is not None:
            things.add(key)  # "Hurricane Lorenzo" ... "Storm Lorenzo" ... "Lorenzo": a storm, in every mention
            things.add(storm)
        elif ent.label_ == "FAC" or (ent.label_ == "PERSON" and nxt.lower_ in BUILDINGS):
            if nxt.is_lower and nxt.lower_ in PLACE_NOUNS | BUILDINGS and ent.root.head.i == nxt.i:
                places.add(key)  # "Lukyanivska prison", "Kobry El-Qobba station", whatever the model calls it
        elif ent.label_ != "PERSON" and _a_given_name(ent.root):
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
                and nxt.lower_ in PLACE_NOUNS | BUILDINGS
                and ent.root.head.i == nxt.i
            )
            or (ent.root.dep_ == "pobj" and ent.root.head.lower_ in SPATIAL)
        ):
            places.add(key)  # "the Abaco Islands", "the Sandy Point area", "strong winds over the Channel"
    return things, places


# words that name a storm before its given name ("Hurricane Dorian", "Typhoon Phanfone", "Tropical Storm Imelda")
_STORMS = frozenset({"hurricane", "typhoon", "cyclone", "storm", "tornado"})


def _a_storm(doc: Doc, start: int, end: int) -> str | None:
    """The given name of a storm named with its storm word ("Hurricane Lorenzo", "Storm Lorenzo", also when the
    model leaves the storm word out of the name): that name is no person or organisation."""
    first = doc[start]
    if first.lower_ in _STORMS and first.is_title and end - start > 1:
        return name_key(doc, start + 1, end)
    if start > 0 and doc[start - 1].lower_ in _STORMS and doc[start - 1].is_title:
        return name_key(doc, start, end)
    return None


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
    return named is not None and named.pos_ == "NOUN" and actor_noun(named) is None


_CODE = re.compile(r"[A-Za-z]{2,}-?\d+[A-Za-z]?")  # "IE6", "STS-134", "COVID-19": a model or mission, not "G7"


_YEAR = re.compile(r"(1[89]|20)\d\d")


def a_product(doc: Doc, start: int, end: int) -> bool:
    """ "Internet Explorer 6", "IE9", "Apollo 11", "Terminal 4": a name with a number is a product, a version,
    a mission or a building, never an actor (a year after a name is not such a number)."""
    if any(_CODE.fullmatch(t.text) for t in doc[start:end]):
        return True
    nxt = doc[end] if end < len(doc) else None
    if nxt is None or not (nxt.like_num and nxt.text[:1].isdigit()) or _YEAR.fullmatch(nxt.text):
        return False
    after = doc[end + 1] if end + 1 < len(doc) else None
    return not (after is not None and after.text in {"-", "–", "—", ":"})  # "Sweden defeated South Korea 1 – 0"


# platforms people post on: a product and a medium ("posted on Twitter", "his Facebook page"), an actor only when it
# acts or owns ("YouTube is complying", "Facebook's rules")
PLATFORMS = frozenset(
    {"twitter", "facebook", "youtube", "instagram", "flickr", "tiktok", "whatsapp", "telegram", "weibo", "wechat"}
    | {"linkedin", "reddit", "snapchat", "tumblr", "vkontakte", "vk", "threads", "bluesky", "mastodon", "skype"}
)


_PLATFORM_PARTS = frozenset({"account", "accounts", "page", "pages", "feed", "profile", "photostream", "post", "posts"})


def a_platform_used(doc: Doc, start: int, end: int) -> bool:
    """ "commented on Twitter", "reporting via Twitter", "his Twitter account", "a Flickr photostream": a platform
    used to say something is a medium, not an actor."""
    words = [t.lower_ for t in doc[start:end] if t.lower_ != "the"]
    if len(words) != 1 or words[0] not in PLATFORMS or not has_parse(doc):
        return False
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "compound":
        return head.lower_ in _PLATFORM_PARTS
    return root.dep_ == "pobj" and head.lower_ in ("on", "via", "through") and head.head.pos_ in ("VERB", "AUX")


def a_common_word(doc: Doc, start: int, end: int) -> bool:
    """ "Homeopathy is ...", "Iodine deficiency ...": one capitalised word the text also writes in lower case
    elsewhere is a common word, not a name (looked up in the text only for such candidates)."""
    if end - start != 1:
        return False
    tok = doc[start]
    if not (tok.is_sent_start or tok.tag_ in ("NN", "NNS")) or not tok.is_title or len(tok.text) < 4:
        return False
    low = tok.lower_
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", doc_text(doc)) is not None


_OPEN_MARKS = frozenset({'"', "“", "‘", "'", "«", "„", "``"})


_CLOSE_MARKS = frozenset({'"', "”", "’", "'", "»", "“", "''"})


def fills_quote_marks(doc: Doc, start: int, end: int) -> bool:
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
