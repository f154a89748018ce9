"""Repairs to the model's names: pieces cut apart joined ("the French" + "Parliament"), later mentions found."""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.tokens import Doc

from annotator.nlp.actors.groups import a_bystander
from annotator.nlp.actors.names import actor_noun, name_key, not_acting, turned_down
from annotator.nlp.actors.places import (
    a_persons_origin,
    a_place_in,
    a_place_named_as_complement,
    a_place_where,
    a_place_where_something_happens,
    listed_with_a_place,
    modifies_a_thing,
    names_a_place,
    owns_a_place,
    owns_the_place_where,
)
from annotator.nlp.actors.things import a_platform_used
from annotator.nlp.actors.titles import a_title_word, an_office_in_a_title, part_of_a_title
from annotator.nlp.doc_units import cached


def join_touching(doc: Doc, found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
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
                and not _ends_a_title(doc, last[0])
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
                and actor_noun(doc[last[1] - 1]) is not None
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


def _ends_a_title(doc: Doc, start: int) -> bool:
    """ "Former US Ambassador to the United Nations Nikki Haley": a name after "to" or "of" and a title word ends the
    title; the name the model runs on after it is the person's own."""
    return start > 1 and doc[start - 1].lower_ in ("to", "of", "for") and a_title_word(doc[start - 2].lower_)


def propagate(doc: Doc, found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Other mentions of a name the model found once: "Daniel Montalvo" ... "Montalvo" ... "Scientology"."""
    orths: list[int] = doc.to_array(ORTH).tolist()  # token texts as ids, without building a Token for each
    names: dict[tuple[int, ...], str] = {}
    single_names: set[int] = set()
    for start, end, kind, _conf in found:
        if all(t.text[:1].isupper() for t in doc[start:end]):
            words = tuple(orths[start:end])
            names.setdefault(words, kind)
            if kind == "person" and len(words) == 2:
                single_names.add(words[-1])
                single_names.add(words[0])  # "Eskinder Nega" ... "Eskinder speaks truth" (blogs use given names)
    covered = [False] * len(doc)
    for start, end, _kind, _conf in found:
        for i in range(start, end):
            covered[i] = True
    down = [False] * len(doc)
    things = cached(doc).get("_things", set())
    for a, b in turned_down(doc):
        for i in range(a, b):
            down[i] = True  # "London Bridge", "US President Trump": turned down as a whole, not in pieces
    extra: list[tuple[int, int, str, float]] = []
    longest = max((len(k) for k in names), default=0)
    firsts = {k[0] for k in names} | single_names
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
                    if things and name_key(doc, i, min(len(doc), i + n + 1)) in things:
                        break  # "Flyboard" in "the Flyboard Air", a named thing
                    if names[words] != "person" and any(down[i : i + n]):
                        break  # a person's name goes on ("Dries Mertens", whatever the model called it)
                    hit = (i, i + n, names[words], 0.7)
                    break
            # a surname or a given name alone ("Montalvo said", "Eskinder is a hero") as the subject of its sentence
            if hit is None and orths[i] in single_names and doc[i].dep_ in ("nsubj", "nsubjpass"):
                hit = (i, i + 1, "person", 0.7)
        if hit is not None and not _no_actor_here(doc, hit):
            extra.append(hit)
            i = hit[1]
        else:
            i += 1
    return extra


def _no_actor_here(doc: Doc, hit: tuple[int, int, str, float]) -> bool:
    """A later mention of a name that is no actor where it stands: a place, a bystander, a platform, a title."""
    start, end, kind, _conf = hit
    label = doc[start].ent_type_
    if kind == "place" and (
        modifies_a_thing(doc, start, end)
        or a_place_where(doc, start, end)
        or names_a_place(doc, start, end)
        or a_persons_origin(doc, start, end)
    ):
        return True
    if kind != "person" and (a_place_in(doc, start, end) or listed_with_a_place(doc, start, end)):
        return True
    if owns_a_place(doc, start, end, things=kind != "person") or (
        label in ("GPE", "LOC")
        and (owns_the_place_where(doc, start, end) or a_place_named_as_complement(doc, start, end))
    ):
        return True  # "Niamey, Niger's capital", "in California's Riverside County criminal court"
    if name_key(doc, start, end) in cached(doc).get("_places", ()) and not_acting(doc[start:end].root):
        return True  # "at Lukyanivska prison" ... "the head of Lukyanivska"
    called_a_place = label in ("GPE", "LOC")
    if (kind != "group" or called_a_place) and a_place_where_something_happens(doc, start, end, called_a_place):
        return True  # "born in Bangula", "farmers in Madagascar"; a group stays one ("his leadership in Civic Passion")
    if label == "NORP" and a_bystander(doc[start:end].root):
        return True
    if kind != "person" and an_office_in_a_title(doc, start, end):
        return True  # "Senate Majority Leader Chuck Schumer" after "the Senate passed"
    if kind == "place" and part_of_a_title(doc, start, end):
        return True  # "US President Trump" after "the US said": a piece of a title
    return a_platform_used(doc, start, end)
