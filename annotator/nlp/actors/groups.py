"""Groups and people without a name that act or speak ("voters rejected it", "according to police")."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from annotator.nlp.actors.names import actor_noun
from annotator.nlp.actors.titles import name_after_roles
from annotator.nlp.doc_units import has_parse
from annotator.nlp.lexicon import speech_verbs

_BYSTANDER_PREPS = frozenset({"of", "for", "between", "among", "amongst", "about", "against", "than", "like", "unlike"})


def a_bystander(root: Token) -> bool:
    """A nationality group after "of", "for", "between" ...: named, not acting ("about 31 percent of Samoans")."""
    if root.dep_ != "pobj" or root.head.lower_ not in _BYSTANDER_PREPS:
        return False
    if actor_noun(root) == "group" and not root.lower_.endswith("s"):
        return False  # "a member of the French Parliament": an institution
    return not (root.head.lower_ == "of" and root.head.head.ent_type_ == "PERSON")  # "Gary Fan of the Neo Democrats"


def modifier_of_a_later_noun(tok: Token) -> bool:
    """ "Russian state media": "state" modifies "media", it is not the head of the phrase; nor is it in
    "Hungarian state-owned enterprise"."""
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_:
        return True
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN")


_FIRST_PERSON = frozenset({"my", "our", "your"})


_WH_WORDS = frozenset({"what", "which", "whatever", "whichever", "whose"})


_GROUP_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "my", "your"})


# Institutions that act in any mention, not only as a subject ("asks the government to leave", "treated with respect
# by the State", "a great distrust of the authorities"): the gold marks them as actors wherever they stand.
_INSTITUTIONS = frozenset({"government", "govt", "authorities", "police"})
_PARTICULAR = frozenset({"the", "this", "that", "its", "his", "her", "our"})


def _an_institution(doc: Doc, tok: Token) -> bool:
    """ "the government", "this government", "the capital's government", "the State": a particular institution (not
    "government officials", "the police actions", "a government", "state media")."""
    if not (tok.lower_ in _INSTITUTIONS or (tok.text == "State" and not doc[tok.i + 1 : tok.i + 2].text.istitle())):
        return False
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod", "nmod"):
        return False
    if tok.dep_ == "poss" and actor_noun(tok.head) == "person":
        return False  # "argued the government's lawyer, Richard Keen": the lawyer speaks
    det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
    return det is not None and (det.lower_ in _PARTICULAR or (det.dep_ == "poss" and det.pos_ == "NOUN"))


def acting_groups(doc: Doc, found: list) -> list[tuple[int, int, str, float]]:
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
            named = tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].ent_type_ == "PERSON"
            if not (covered[tok.i] or named_by or name_on or named):  # "United Nations figures": the name is the
                # source; "according to the town's first selectman, Chris Kervick,": the person named after it is
                extra.append((start, tok.i + 1, actor_noun(tok) or "unknown", 0.6))
                covered[start : tok.i + 1] = [True] * (tok.i + 1 - start)
            continue  # "according to police", "according to a UN report": a source (guidelines)
        kind = actor_noun(tok) or ("group" if tok.lower_ in _INSTITUTIONS else None)  # "the govt"
        if kind is None or covered[tok.i] or tok.is_upper:
            continue
        if parsed:
            institution = _an_institution(doc, tok)
            if not (institution or _a_passive_agent(tok) or _a_role_as_subject(doc, tok)) and (
                tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN"
            ):
                continue
            if _counted(doc, tok):
                continue  # "54 nations have signed", "three of his co-authors": a FIGURE counts them
            if name_after_roles(doc, tok.i + 1) or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
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
            if doc[start].lower_ in _NOBODY_IN_PARTICULAR or _people_in_general(doc, start, tok):
                continue  # "No organization claimed", "Various countries have seen": nobody in particular
            if doc[start].lower_ in _FIRST_PERSON:
                continue  # "My father told me": a person inside someone's words
            if any(c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG") for c in tok.children):
                continue  # "its chairman, Grace Mensah, said", "a group, Media Evangelism Limited,": one actor
            particular = doc[start].lower_ in _GROUP_DETERMINERS or (
                start < tok.i and doc[start].text[:1].isupper() and doc[start].pos_ == "PROPN"
            )  # "Hong Kong people"; not "Crash victims" (a capital only for the sentence start)
            if not (particular or institution) and tok.dep_ not in ("nsubj", "pobj"):
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
        end = _of_a_country(doc, tok) if parsed else tok.i + 1
        extra.append((start, end, kind, 0.6))
        for i in range(start, end):
            covered[i] = True
    return extra


# "No organization claimed", "Various countries have seen", "How is any organization supposed to", "Every lawyer
# knows": nobody in particular
_NOBODY_IN_PARTICULAR = frozenset({"no", "various", "none", "any", "every", "each"})
_PEOPLE = frozenset({"people", "person", "persons"})
_HOW_MANY = frozenset({"other", "more", "many", "most", "such", "some", "few", "several", "all"})


def _people_in_general(doc: Doc, start: int, tok: Token) -> bool:
    """ "But people have to be willing", "these people", "other people", "a person gets sick": people in general are
    nobody in particular (a people named or described is a group: "the Lebanese people", "young people", "the people
    standing on the bridge")."""
    if tok.lower_ not in _PEOPLE:
        return False
    if any(t.ent_type_ == "NORP" or (t.dep_ == "amod" and t.lower_ not in _HOW_MANY) for t in doc[start : tok.i]):
        return False  # "Sudanese people", "Young people have sparked a renewed interest"
    return not any(c.dep_ in ("prep", "acl", "relcl") for c in tok.rights)  # "People fleeing desperate circumstances"


def _a_passive_agent(tok: Token) -> bool:
    """ "attacked by riot police", "staged by activists", "bought or leased by investors": the agent of a passive
    acts."""
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.pos_ == "NOUN"


def _a_role_as_subject(doc: Doc, tok: Token) -> bool:
    """ "the President has forgotten": a capitalised title with "the" and no name after it is the person."""
    return (
        tok.pos_ == "PROPN"
        and tok.text.istitle()
        and tok.dep_ in ("nsubj", "nsubjpass")
        and tok.ent_type_ == ""
        and actor_noun(tok) == "person"
        and tok.i > 0
        and doc[tok.i - 1].lower_ == "the"
    )


def _of_a_country(doc: Doc, tok: Token) -> int:
    """End of the group's phrase: "the government of Samoa" is one actor, the country is part of its name."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == tok.i + 1:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and all(t.ent_type_ == "GPE" for t in doc[prep.i + 1 : obj.i + 1]):
                end = obj.i + 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                return end
    return tok.i + 1


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
