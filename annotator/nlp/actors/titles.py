"""Titles before a name ("Interior Minister Ali Khan"), and a country inside a title ("US President Trump")."""

from __future__ import annotations

from spacy.tokens import Doc

from annotator.nlp.actors.names import actor_noun
from annotator.nlp.lexicon import actor_words


def strip_title(doc: Doc, start: int, end: int) -> int:
    """First token after any leading titles or determiners, keeping at least one token."""
    titles = actor_words().titles
    while end - start > 1 and (doc[start].lower_ in titles or doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    return start


def name_follows(doc: Doc, i: int) -> bool:
    """A person's name starts at token ``i`` ("Afghan Ambassador Hamdullah Mohib")."""
    return i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B"


def any_name_follows(doc: Doc, i: int) -> bool:
    """A name starts at token ``i``: a person or an organisation ("television broadcaster PBS")."""
    return i < len(doc) and doc[i].ent_iob_ == "B" and doc[i].ent_type_ in ("PERSON", "ORG")


def name_after_roles(doc: Doc, i: int) -> bool:
    """A name starts at token ``i`` or after "and" and a role there: "blogger and journalist Eskinder Nega"."""
    while i + 1 < len(doc) and doc[i].lower_ in ("and", "&") and actor_noun(doc[i + 1]) == "person":
        i += 2
    return any_name_follows(doc, i)


def a_title_word(word: str) -> bool:
    titles = actor_words().titles
    return word in titles or (word.startswith("co-") and word[3:] in titles)  # "Co-Founder"


def a_title_before_a_name(doc: Doc, start: int, end: int) -> bool:
    """ "Yerevan Mayor Taron Margaryan", "the Armenian President, Serzh Sargsyan,", "Co-Founder of Voci Globali,
    Antonella Sinopoli": a phrase ending in a title word before the name it titles is no actor of its own."""
    if not a_title_word(doc[end - 1].lower_):
        return False
    j = end
    if j < len(doc) and doc[j].lower_ == "of":
        j += 1
        while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in ("of", "the", "and")):
            j += 1  # "of Voci Globali"
    if j < len(doc) and doc[j].text == ",":
        j += 1
    return name_follows(doc, j)


_TITLE_GLUE = frozenset({"of", "'s", "’s", "for", "and", "-"})


def part_of_a_title(doc: Doc, start: int, end: int) -> bool:
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
        elif saw_role and t.lower_ in ("to", "of") and _a_name_after_the_name(doc, i + 1):
            return True  # "US Ambassador to the United Nations Nikki Haley": the organisation the office serves
        elif not (
            t.lower_ in _TITLE_GLUE
            or (t.is_title and any(doc[k].lower_ in titles for k in range(i + 1, min(i + 3, len(doc)))))
        ):
            break  # (a capitalised word before a title word belongs to it: "Manhattan District Attorney Cyrus Vance")
        i += 1
    if saw_role and i > end and any_name_follows(doc, i):
        return not doc[i - 1].lower_.startswith("spokes")  # "Environment Canada spokesperson Julie Hahn" speaks for it
    if (
        i == end + 1
        and i < len(doc)
        and doc[end].lower_ in titles
        and doc[end].is_title
        and doc[i].pos_ == "PROPN"
        and doc[i].is_title
        and doc[i].ent_type_ == ""
    ):
        return True  # "US Speaker Pelosi announces": a name the model missed after one capitalised title word
    # "Mayor of London Sadiq Khan"
    return (
        start > 1
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in titles
        and end < len(doc)
        and (name_follows(doc, end) or (doc[end].pos_ == "PROPN" and doc[end].ent_type_ in ("PERSON", "")))
    )


def _a_name_after_the_name(doc: Doc, i: int) -> bool:
    """A name starts at token ``i`` and another right after it ("the United Nations Nikki Haley")."""
    if i >= len(doc) or doc[i].ent_iob_ != "B":
        return False
    i += 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return any_name_follows(doc, i)


def an_office_in_a_title(doc: Doc, start: int, end: int) -> bool:
    """ "Senate Majority Leader Chuck Schumer", "House Speaker Mike Johnson", "District Court Judge Victor Marrero":
    an institution before a capitalised office title is part of the title; before a role noun in lower case it is
    the employer and an actor ("Taliban spokesperson Zabihullah Mujahid", "Samoa Observer editor Keni Lesa")."""
    words = actor_words()
    if not any(t.lower_ in words.group_nouns or t.text == "House" for t in doc[start:end]):
        return False
    i = end
    saw_title = False
    while i < len(doc) and i - end < 4 and doc[i].is_title and not name_follows(doc, i):
        saw_title = saw_title or doc[i].lower_ in words.titles
        i += 1
    return saw_title and name_follows(doc, i)
