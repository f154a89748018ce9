"""The model's named entities that make actors, and those turned down."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annotator.nlp.actors.groups import a_bystander, modifier_of_a_later_noun
from annotator.nlp.actors.names import (
    ENTITY_TYPES,
    actor_noun,
    model_entities,
    name_key,
    not_acting,
    trim_edges,
    turned_down,
)
from annotator.nlp.actors.not_actors import an_event, never_an_actor, not_actor_chars
from annotator.nlp.actors.places import (
    a_persons_origin,
    a_place_named_as_complement,
    a_place_where,
    a_place_where_something_happens,
    after_place_noun,
    from_place_to_place,
    listed_with_a_place,
    modifies_a_thing,
    names_a_place,
    owns_a_place,
    owns_the_place_where,
)
from annotator.nlp.actors.things import (
    a_common_word,
    a_platform_used,
    a_product,
    fills_quote_marks,
    thing_and_place_names,
)
from annotator.nlp.actors.titles import (
    a_title_before_a_name,
    an_office_in_a_title,
    name_after_roles,
    name_follows,
    part_of_a_title,
    strip_title,
)
from annotator.nlp.doc_units import cached, has_parse
from annotator.nlp.lexicon import actor_words


def from_entities(doc: Doc) -> list[tuple[int, int, str, float]]:
    found: list[tuple[int, int, str, float]] = []
    skip = not_actor_chars(doc)
    titles = actor_words().titles
    down = turned_down(doc)
    down.clear()
    things, places = thing_and_place_names(doc)
    cached(doc)["_things"] = things
    cached(doc)["_places"] = places
    for ent in model_entities(doc):
        got = _entity_actor(doc, ent, skip, titles)
        name = name_key(doc, ent.start, ent.end)
        if got is not None and (name in things or (name in places and not_acting(doc[got[0] : got[1]].root))):
            got = None  # "join the AfCFTA" after "the AfCFTA agreement"; "Parts of Abaco" after "the Abaco Islands"
        if got is not None:
            found.append(got)
        elif (
            (ent.end - ent.start > 1 and not an_event(doc[ent.end - 1]))
            or fills_quote_marks(doc, ent.start, ent.end)
            or (ent.label_ in ("GPE", "NORP") and part_of_a_title(doc, ent.start, ent.end))
        ):
            down.append((ent.start, ent.end))  # "London Bridge", "US President Trump": no piece of it either
    return found


def _a_people_acted_on(doc: Doc, start: int, end: int) -> bool:
    """ "inviting Christians to sign in", "we've let too many Eastern Europeans into this country", "most of the
    protestors were Salafists": a people named as an object or a complement is not acting ("Britons voted" acts)."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    while root.dep_ in ("conj", "appos") and root.head.i < root.i:
        root = root.head
    return root.dep_ in ("dobj", "dative", "attr", "oprd", "npadvmod") or (
        root.dep_ == "pobj"
        and root.head.dep_ != "agent"
        and root.head.lower_ not in ("by", "to", "from")
        and not (root.head.lower_ == "of" and root.head.head.ent_type_ == "PERSON")  # "Gary Fan of the Neo Democrats"
    )


def _entity_actor(
    doc: Doc, ent: SpacySpan, skip: list[tuple[int, int]], titles: frozenset[str]
) -> tuple[int, int, str, float] | None:
    """The ACTOR a named entity makes, or None."""
    kind = ENTITY_TYPES.get(ent.label_)
    if kind is None or (ent.label_ != "ACTOR" and not any(c.isupper() for c in ent.text)):
        return None
    start, end = trim_edges(doc, ent.start, ent.end)
    if start >= end or doc[start].like_num:
        return None
    if end - start > 1 and "@" in ent.text:
        return None  # "@BernardoPadron @Karkarkarrr" read as one name: each handle is an actor of its own (handles)
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and doc[start - 2].is_lower:
        return None  # "intra-Africa trade", "pro-Beijing": a prefix makes a modifier
    if never_an_actor(doc, start, end, skip) or a_product(doc, start, end) or a_common_word(doc, start, end):
        return None
    if ent.label_ != "PERSON" and an_office_in_a_title(doc, start, end):
        return None  # "Senate Majority Leader Chuck Schumer": the office is the title
    if a_title_before_a_name(doc, start, end):
        return None  # "Yerevan Mayor Taron Margaryan": the title is no second actor
    if a_platform_used(doc, start, end):
        return None  # "posted on Twitter": a product and a medium
    after = end
    while after < len(doc) and after - end < 3 and doc[after].lower_ in titles:
        after += 1
    if ent.label_ != "PERSON" and name_follows(doc, after) and all(t.lower_ in titles for t in doc[start:end]):
        return None  # "Interior Minister Ali Khan": title words before a name
    if ent.label_ == "PERSON":
        start = strip_title(doc, start, end)
    if ent.label_ in ("GPE", "NORP") and part_of_a_title(doc, start, end):
        return None  # "US President Trump": the country is part of the title
    if ent.label_ == "NORP":
        # "Pakistani officials" is an actor; "Afghan territory" is not.
        j = end
        while (
            j < len(doc)
            and j - end < 3
            and doc[j].pos_ in ("ADJ", "NOUN")
            and (actor_noun(doc[j]) is None or modifier_of_a_later_noun(doc[j]))
        ):
            j += 1  # "Australian school children": the head noun decides
        if a_bystander(doc[j] if j < len(doc) and actor_noun(doc[j]) is not None else ent.root):
            return None  # "31 percent of Samoans", "first contact with Europeans": a group named, not acting
        if j < len(doc) and actor_noun(doc[j]) is not None and not modifier_of_a_later_noun(doc[j]):
            if name_after_roles(doc, j + 1) or a_title_before_a_name(doc, start, j + 1):
                return None  # "Afghan Ambassador Hamdullah Mohib", "Swedish captain Andreas Granqvist": a title
            return (start, j + 1, actor_noun(doc[j]) or "group", 0.8)
        if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ in ("PERSON", "") and doc[end].is_title:
            return None  # "Ethiopians Dejene Debela": a nationality before a name is the person's title
        if (doc[end - 1].tag_ in ("NNPS", "NNS") or ent.text.endswith("s")) and not _a_people_acted_on(doc, start, end):
            return (start, end, "group", 0.8)
        return None
    listed = listed_with_a_place(doc, start, end) and (
        kind != "person" or end - start == 1 or doc[start:end].root.dep_ == "appos"
    )  # "Saratoga Springs, New York and an Edward Steichen and Andy Warhol exhibit": a parse that lists people
    if fills_quote_marks(doc, start, end) or listed:
        return None  # 'Argo', "Dark Star": a title or a nickname in marks; "the towns of Beni, Butembo and Katwa"
    if (kind != "person" and (after_place_noun(doc, start, end) or owns_a_place(doc, start, end))) or (
        kind == "person" and owns_a_place(doc, start, end, things=False)
    ):
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
    if kind != "place" and a_place_where_something_happens(doc, start, end):
        return None  # "met in Niamey", "sat down on a mat in Ndirande": a place, whatever the model calls it
    if kind == "group" and from_place_to_place(doc, start, end):
        return None  # "from Herat to Kabul": a place, whatever the model calls it
    if kind == "place" and (
        modifies_a_thing(doc, start, end)
        or a_place_where(doc, start, end)
        or names_a_place(doc, start, end)
        or owns_the_place_where(doc, start, end)
        or a_place_named_as_complement(doc, start, end)
        or a_persons_origin(doc, start, end)
    ):
        return None  # "talks in Istanbul", "the Mecca crane collapse"; but "a Reuters poll" has an actor
    return (start, end, kind, 0.85)
