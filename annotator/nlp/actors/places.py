"""Places named, not acting: "talks in Istanbul", "travelled to Florida", "the towns of Beni and Katwa"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from annotator.nlp.actors.names import EVENT_WORDS, actor_noun, model_entities, name_key, trim_edges
from annotator.nlp.doc_units import cached, has_parse
from annotator.nlp.lexicon import actor_words

SPATIAL = frozenset({"across", "over", "near", "beyond"})


BUILDINGS = frozenset(
    {"house", "hall", "palace", "building", "tower", "centre", "center", "stadium", "arena", "airport", "station"}
    | {"bridge", "hospital", "hotel", "prison", "base", "square", "street", "road", "museum", "gallery", "terminal"}
    | {"park", "bay", "island", "islands", "lodge", "port", "harbour", "harbor", "mall", "plaza", "avenue"}
)


# a building named as an object ("exited the Hall", "treated at the Army Hospital") is a place; as a subject
# ("the White House said") it speaks
ALONG = frozenset({"on", "up", "down", "along", "past", "over", "under", "beside", "behind", "outside", "off"})


def modifies_a_thing(doc: Doc, start: int, end: int) -> bool:
    """ "Mecca crane collapse", "Polaroid pictures": a name used as a modifier of a thing is not an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "Austrian, United Kingdom and New Zealand production sites"
    head = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or head.i < end:
        return False
    if head.pos_ != "NOUN":
        return head.pos_ == "PROPN" and head.lower_ in EVENT_WORDS  # "Egypt Elections 2011/12": an event's name
    return head.lower_ not in actor_words().titles  # "US troops", "US workers": a place modifies, the group acts


LOCATIVE = frozenset({"in", "near", "at", "inside", "within", "across", "around", "throughout", "outside"})


# where someone goes or comes from: "travelled to Florida", "500 miles from Herat", "fled into Thailand"
DIRECTIONAL = frozenset({"to", "from", "into", "toward", "towards", "via", "through", "onto"})


# verbs whose object is a place: "to enter the United States", "visited Kabul"
_PLACE_VERBS = frozenset(
    {"enter", "entered", "entering", "enters", "visit", "visited", "visiting", "visits", "reach", "reached"}
    | {"reaching", "reaches", "leave", "left", "leaving", "leaves", "tour", "toured", "touring", "tours"}
)


# a verb whose "to X" is someone spoken, given or lost to, not a destination: "said to Pakistan", "lost to England",
# "attributed to Pakistan" (word stems: the pipeline need not have a lemmatizer)
_TO_SOMEONE = (
    "talk",
    "speak",
    "spoke",
    "said",
    "say",
    "writ",
    "wrote",
    "sell",
    "sold",
    "giv",
    "gave",
    "send",
    "sent",
    "lend",
    "lent",
    "appeal",
    "turn",
    "attribut",
    "los",
    "lost",
    "belong",
    "apolog",
    "complain",
    "explain",
    "promis",
    "offer",
    "pay",
    "paid",
    "owe",
    "owing",
    "surrender",
    "hand",
    "deliver",
    "export",
    "suppl",
    "report",
    "announc",
    "declar",
    "submit",
    "object",
    "respond",
    "defeat",
)


# "the town of Yeoncheon", "the coast of Aceh": a place named after a place noun
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "coast", "capital", "island", "district", "county", "area"}
    | {"counties", "provinces", "regions", "border", "outskirts", "suburbs", "streets", "shores", "port", "state"}
    | {"towns", "cities", "villages", "islands", "districts", "areas", "capitals", "borders", "neighbourhood"}
    | {"neighborhood", "neighbourhoods", "neighborhoods", "municipality", "commune", "prefecture", "territory"}
)


def a_place_where(doc: Doc, start: int, end: int) -> bool:
    """ "talks in Istanbul", "strikes near Kabul", "in the town of Yeoncheon": a place where something happens
    is not an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    if root.dep_ != "pobj":
        return False
    return root.head.lower_ in LOCATIVE or after_place_noun(doc, start, end)


def a_place_in(doc: Doc, start: int, end: int) -> bool:
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


def after_place_noun(doc: Doc, start: int, end: int) -> bool:
    root = doc[start:end].root
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS | _PART_NOUNS


_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west"}
    | {"south-east", "south-west", "heartland", "hinterland"}
)


# what a country or a city has without doing anything: "Iran's oil", "Iraq's interests", "Armenia's election"
_OWNED_THINGS = frozenset(
    {"economy", "oil", "gas", "land", "lands", "airspace", "waters", "skies", "resources", "reserves", "currency"}
    | {"infrastructure", "market", "markets", "election", "elections", "media", "press", "population", "interests"}
    | {"plants", "prison", "prisons", "spaces", "roads", "parks", "schools", "hospitals", "soil", "landscape"}
)


def owns_a_place(doc: Doc, start: int, end: int, things: bool = True) -> bool:
    """ "Afghanistan's capital", "Hong Kong's streets": the possessor of a place is a place; nor does a country act
    in "Iran's oil" or "Iraq's interests" (it does in "Iran's decision", "Pakistan's government"). Without
    ``things`` only the places count (for a name the model calls a person: "Niger's capital")."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    owned = root.head.lower_
    return root.dep_ == "poss" and (
        owned in (PLACE_NOUNS | _OWNED_THINGS if things else PLACE_NOUNS) or owned in _DIRECTIONS
    )  # "invades Syria's northeast"


def owns_the_place_where(doc: Doc, start: int, end: int) -> bool:
    """ "injured near Egypt's Ministry of Defence", "in California's Riverside County criminal court, Judge X
    sentenced": a country owning the place where something happens names a place."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    owned = root.head
    if root.dep_ != "poss" or owned.dep_ != "pobj":
        return False
    prep = owned.head
    return prep.lower_ in _WHERE and prep.head.pos_ in ("VERB", "AUX") and actor_noun(owned) is None


def listed_with_a_place(doc: Doc, start: int, end: int) -> bool:
    """ "the towns of Beni, Butembo and Katwa", "at the park, Causeway Bay and Tin Hau", "in Herat, Kandahar and
    Mazar": a name listed after (or set beside) a place is a place, whatever the model calls it."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    first = root
    while first.head.i < first.i and (
        first.dep_ == "conj"
        or (
            first.dep_ == "appos"
            and doc[first.left_edge.i - 1].text == ","
            and (first.head.pos_ == "NOUN" or (first.head.ent_type_ in ("GPE", "LOC") and first.ent_type_ == "GPE"))
        )
    ):
        first = first.head  # a list, or an apposition to a common noun after a comma ("the park, Causeway Bay"); the
        # parser often reads the second place of a list as an apposition to the first ("in Australia, Brazil, Canada")
    if first.i == root.i:
        return False
    if root.dep_ == "conj" and not _a_real_list(first):
        return False  # "in Pakistan, Mohammed Waseem, brother of ...": no "and", no list
    if first.ent_type_ in ("GPE", "LOC", "FAC") and first.ent_iob_ != "O":
        ent = next((e for e in model_entities(doc) if e.start <= first.i < e.end), None)
        if ent is None:
            return False
        s, e = trim_edges(doc, ent.start, ent.end)
        return s < e and (
            a_place_where(doc, s, e)
            or names_a_place(doc, s, e)
            or after_place_noun(doc, s, e)
            or owns_a_place(doc, s, e)
        )
    if first.pos_ == "NOUN" and actor_noun(first) is None:
        # a common noun: "at the park, Causeway Bay", "the towns of Beni, Butembo"
        if first.lower_ in PLACE_NOUNS:
            return True
        if first.dep_ == "pobj" and first.head.lower_ in LOCATIVE:
            return True
    return first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lower_ in PLACE_NOUNS


def from_place_to_place(doc: Doc, start: int, end: int) -> bool:
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
            if child.dep_ in ("conj", "appos"):
                todo.append(child)  # "Australia, Brazil, Canada and ...": the parser reads the second as an apposition
    return False


def names_a_place(doc: Doc, start: int, end: int) -> bool:
    """A country or city named as a place: where one goes or comes from ("travelled to Florida", "from Herat"),
    what one enters or visits ("to enter the United States"), or the larger place after a comma ("Irving, Texas",
    "the coast of Aceh, Indonesia"). A place that acts, speaks, owns or is acted on stays an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    head = root.head
    if any(t.is_lower and t.lower_ != "the" for t in doc[start:end]):
        return False  # "from the Municipality of Bogliasco": an authority, not a bare place name
    if root.dep_ == "pobj" and head.lower_ in DIRECTIONAL:
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


def place_names(doc: Doc) -> frozenset[str]:
    """Names the model calls a place (a country, a city, a region) in at least one mention."""
    flags = cached(doc)
    if "_place_names" not in flags:
        flags["_place_names"] = frozenset(
            name_key(doc, e.start, e.end) for e in model_entities(doc) if e.label_ in ("GPE", "LOC")
        )
    names: frozenset[str] = flags["_place_names"]
    return names


# where something happens: "met in Niamey", "injured in Davao del Sur" ("within" and "at" are left out: "the elite
# group within Scientology", "a vice president at PG&E")
_WHERE = frozenset({"in", "near", "inside", "outside", "across", "around", "throughout", "along"})


def a_place_where_something_happens(doc: Doc, start: int, end: int, called_a_place: bool = False) -> bool:
    """A name after "in", "near", "outside" ... that a verb governs is the place where something happens, whatever
    the model calls it; an institution ("voted in the Senate") stays an actor. A mention the model calls a place,
    or a person (nobody is in a person: "a news conference in Porto Alegre"), needs no verb ("farmers in
    Madagascar")."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    if root.dep_ != "pobj" or root.head.lower_ not in _WHERE:
        return False
    if not called_a_place and root.ent_type_ != "PERSON" and root.head.head.pos_ not in ("VERB", "AUX"):
        return False
    return actor_noun(doc[end - 1]) is None


def a_place_named_as_complement(doc: Doc, start: int, end: int) -> bool:
    """ "the strongest recorded impacting was Kidapawan City", "the countries with the most deals are Mozambique,
    Ethiopia and Tanzania": a place as what something is is named, not acting (a person there still is one)."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    return root.dep_ == "attr" and root.head.lemma_ == "be"


def a_persons_origin(doc: Doc, start: int, end: int) -> bool:
    """ "Karsten Warholm of Norway won", "Eliud Kipchoge of Kenya": a place after "of" that hangs on a person's name
    says where the person is from, it does not act. After a titled name the country is the state the office serves
    and stays an actor, as the tuning gold marks it ("President Abdel Fattah el-Sisi of Egypt", "Crown Prince
    Mohammad bin Salman of Saudi Arabia"); an organisation there is the person's employer ("Gary Fan of the Neo
    Democrats")."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    prep = root.head
    person = prep.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or person.ent_type_ != "PERSON" or person.i >= start:
        return False
    titles = actor_words().titles
    first = person.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1  # the first word of the person's name ("Crown Prince Mohammad bin Salman": the title is in it)
    return not any(t.lower_ in titles for t in doc[max(0, first - 1) : person.i])
