"""ACTOR suggestions: named entities that can act, or a capitalisation heuristic when there is no NER.

The ACTOR span covers the name without its title ("Information Minister
Attaullah Tarar" -> "Attaullah Tarar"); a nationality adjective before a
person or group noun makes one actor with it ("Pakistani officials").
Speakers that are not names ("the spokesman") are added by the quotes component.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from annotator.nlp.doc_units import ACTORS, add, annotated, group, has_parse, sentence_ids
from annotator.nlp.lexicon import MONTHS, WEEKDAYS, actor_words, speech_verbs

# ACTOR: a pipeline trained on our own export predicts our label directly
ENTITY_TYPES = {"PERSON": "person", "ORG": "group", "GPE": "place", "NORP": "group", "ACTOR": "unknown"}
_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ic", "ch")
_CONNECTORS = frozenset({"of", "de", "del", "al", "bin", "van", "von", "da", "&", "-", "for", "the"})


def _strip_title(doc: Doc, start: int, end: int) -> int:
    """First token after any leading titles or determiners, keeping at least one token."""
    titles = actor_words().titles
    while end - start > 1 and (doc[start].lower_ in titles or doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    return start


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop possessive endings and punctuation at the edges."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "'", "’"}):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def _actor_noun(tok: Token) -> str | None:
    words = actor_words()
    if tok.lower_ in words.person_nouns:
        return "person"
    if tok.lower_ in words.group_nouns:
        return "group"
    return None


def _from_entities(doc: Doc) -> list[tuple[int, int, str, float]]:
    found: list[tuple[int, int, str, float]] = []
    for ent in doc.ents:
        kind = ENTITY_TYPES.get(ent.label_)
        if kind is None or (ent.label_ != "ACTOR" and not any(c.isupper() for c in ent.text)):
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end or doc[start].like_num:
            continue
        if ent.label_ == "PERSON":
            start = _strip_title(doc, start, end)
        if ent.label_ == "NORP":
            # "Pakistani officials" is an actor; "Afghan territory" is not.
            j = end
            while j < len(doc) and j - end < 2 and doc[j].pos_ in ("ADJ", "NOUN") and _actor_noun(doc[j]) is None:
                j += 1
            if j < len(doc) and _actor_noun(doc[j]) is not None:
                found.append((start, j + 1, _actor_noun(doc[j]) or "group", 0.8))
            elif doc[end - 1].tag_ in ("NNPS", "NNS") or ent.text.endswith("s"):
                found.append((start, end, "group", 0.8))
            continue
        if _modifies_a_thing(doc, start, end) or (ent.label_ == "GPE" and _a_place_where(doc, start, end)):
            continue
        found.append((start, end, kind, 0.85))
    return found


def _modifies_a_thing(doc: Doc, start: int, end: int) -> bool:
    """ "Mecca crane collapse", "Polaroid pictures": a name used as a modifier of a thing is not an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    head = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or head.i < end or head.pos_ != "NOUN":
        return False
    return _actor_noun(head) is None and head.lower_ not in actor_words().titles


_LOCATIVE = frozenset({"in", "near", "at", "inside", "within", "across", "around", "throughout", "outside"})


def _a_place_where(doc: Doc, start: int, end: int) -> bool:
    """ "talks in Istanbul", "strikes near Kabul": a place where something happens is not an actor."""
    if not has_parse(doc):
        return False
    root = doc[start:end].root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _propagate(doc: Doc, found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Other mentions of a name the model found once: "Daniel Montalvo" ... "Montalvo" ... "Scientology"."""
    names: dict[tuple[str, ...], str] = {}
    surnames: set[str] = set()
    for start, end, kind, _conf in found:
        words = tuple(t.text for t in doc[start:end])
        if all(w[:1].isupper() for w in words):
            names.setdefault(words, kind)
            if kind == "person" and len(words) == 2:
                surnames.add(words[-1])
    covered = [False] * len(doc)
    for start, end, _kind, _conf in found:
        for i in range(start, end):
            covered[i] = True
    extra: list[tuple[int, int, str, float]] = []
    longest = max((len(k) for k in names), default=0)
    i = 0
    while i < len(doc):
        hit = None
        if not covered[i] and doc[i].text[:1].isupper():
            for n in range(min(longest, len(doc) - i), 0, -1):
                words = tuple(t.text for t in doc[i : i + n])
                if words in names and not any(covered[i : i + n]):
                    hit = (i, i + n, names[words], 0.7)
                    break
            # a surname alone ("Montalvo said") where the parse says it is the subject of its sentence
            if hit is None and doc[i].text in surnames and doc[i].dep_ in ("nsubj", "nsubjpass"):
                hit = (i, i + 1, "person", 0.7)
        if hit is not None and not _modifies_a_thing(doc, hit[0], hit[1]):
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
        if s >= e or (doc[s].lower_ in words.titles and e - s == 1):
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


_GROUP_DETERMINERS = frozenset({"the", "a", "an", "its", "their"})


def _acting_groups(doc: Doc, found: list) -> list[tuple[int, int, str, float]]:
    """Subjects that are groups or people without a name: "The council approved", "Engineers inspected"."""
    covered = [False] * len(doc)
    for f in found:
        for i in range(f[0], f[1]):
            covered[i] = True
    extra: list[tuple[int, int, str, float]] = []
    parsed = has_parse(doc)
    for tok in doc:
        kind = _actor_noun(tok)
        if kind is None or covered[tok.i] or tok.is_upper:
            continue
        if parsed:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN":
                continue
            start = tok.i
            while start > 0 and doc[start - 1].head.i == tok.i and doc[start - 1].dep_ in ("det", "amod", "compound"):
                start -= 1
            if doc[start].lower_ not in _GROUP_DETERMINERS and not (start < tok.i and doc[start].text[:1].isupper()):
                continue  # "residents were trapped": generic people; "Scientology officials" is particular
        else:
            # without a parser: "The council approved", "Engineers inspected": a determiner or a capital, then a verb
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or not (nxt.is_lower and nxt.is_alpha and nxt.lower_ not in STOP_WORDS | {"of"}):
                continue
            start = tok.i
            if start > 0 and doc[start - 1].lower_ in _GROUP_DETERMINERS:
                start -= 1
            else:
                continue
        if any(covered[start : tok.i + 1]):
            continue
        extra.append((start, tok.i + 1, kind, 0.6))
        for i in range(start, tok.i + 1):
            covered[i] = True
    return extra


def suggest_actors(doc: Doc, use_capitals: bool) -> Doc:
    """Fill the actors group from the entities, or from capitalisation when the pipeline has no NER."""
    g = group(doc, ACTORS)
    has_ner = annotated(doc, "ENT_IOB")
    found: list[tuple[int, int, str, float, str]] = []
    if has_ner:
        from_model = _from_entities(doc)
        found = [(*f, "model") for f in from_model]
        found += [(*f, ACTORS) for f in _propagate(doc, from_model)]
    elif use_capitals:
        found = [(*f, ACTORS) for f in _from_capitals(doc)]
    found += [(*f, ACTORS) for f in _acting_groups(doc, found)]
    seen: set[tuple[int, int]] = set()
    for start, end, kind, conf, source in sorted(found):
        if (start, end) in seen:
            continue
        seen.add((start, end))
        add(g, SpacySpan(doc, start, end, label="ACTOR"), confidence=conf, source=source, type=kind)
    return doc
