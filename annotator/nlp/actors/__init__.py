"""ACTOR suggestions: named entities that can act, or a capitalisation heuristic when there is no NER.

The ACTOR span covers the name without its title ("Information Minister
Attaullah Tarar" -> "Attaullah Tarar"); a nationality adjective before a
person or group noun makes one actor with it ("Pakistani officials").
Speakers that are not names ("the spokesman") are added by the quotes component.

The rules, by family (each module imports only those listed before it):

- ``names``: what a name covers (edges trimmed, the model's entities, nouns for people and groups);
- ``titles``: titles before a name, and a country inside a title ("US President Trump");
- ``places``: a place where something happens, where one goes, a place listed with places;
- ``not_actors``: datelines, headline fragments, laws, events, time zones, a building used as a place;
- ``things``: names the text shows to be things (products, given names, titles in quote marks);
- ``groups``: groups and people without a name that act or speak ("voters rejected it", "according to police");
- ``entities``: the model's entities that make actors; ``capitals``: capitalised runs when there is no NER;
- ``repair``: names the model cut apart joined, other mentions of a name found once.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annotator.nlp.actors.capitals import from_capitals
from annotator.nlp.actors.entities import from_entities
from annotator.nlp.actors.groups import acting_groups
from annotator.nlp.actors.names import handles
from annotator.nlp.actors.not_actors import never_an_actor, not_actor_chars
from annotator.nlp.actors.repair import join_touching, propagate
from annotator.nlp.doc_units import ACTORS, add, annotated, group
from annotator.nlp.model_output import MODEL_CONFIDENCE, ModelOutput

__all__ = ["RULE_ATTR", "suggest_actors"]

# The actors group's per-span list naming the rule family that found each span ("entity", "repeat", "handle",
# "group", "capitals", "trained"): a feature of the re-scorer (``annotator.nlp.actors.scorer``).
RULE_ATTR = "rule"


def suggest_actors(doc: Doc, use_capitals: bool, model: ModelOutput | None = None) -> Doc:
    """Fill the actors group from the entities, or from capitalisation when the pipeline has no NER.

    A pipeline that predicts ACTOR itself (trained on our export) is taken at its word: no rules added.
    """
    g = group(doc, ACTORS)
    if model is not None and model.predicts("ACTOR"):
        for start, end, score in model.spans(doc, "ACTOR"):
            conf = MODEL_CONFIDENCE if score is None else score
            add(g, SpacySpan(doc, start, end, label="ACTOR"), confidence=conf, source="model", type="unknown")
        g.attrs[RULE_ATTR] = ["trained"] * len(g)
        return doc
    has_ner = annotated(doc, "ENT_IOB")
    # (start, end, type, confidence, source, rule): the rule family that found it, which the re-scorer reads
    found: list[tuple[int, int, str, float, str, str]] = []
    if has_ner:
        from_model = join_touching(doc, from_entities(doc))
        found = [(*f, "model", "entity") for f in from_model]
        found += [(*f, ACTORS, "repeat") for f in propagate(doc, from_model)]
    elif use_capitals:
        found = [(*f, ACTORS, "capitals") for f in from_capitals(doc)]
    found += [(*f, ACTORS, "handle") for f in handles(doc, [f[:4] for f in found])]
    found += [(*f, ACTORS, "group") for f in acting_groups(doc, found)]
    seen: set[tuple[int, int]] = set()
    skip = not_actor_chars(doc)
    first_by_end: dict[int, int] = {}
    for f in found:
        first_by_end[f[1]] = min(f[0], first_by_end.get(f[1], f[0]))
    rules: list[str] = g.attrs.setdefault(RULE_ATTR, [])
    for start, end, kind, conf, source, rule in sorted(found):
        if (start, end) in seen or never_an_actor(doc, start, end, skip):
            continue
        if first_by_end[end] < start:
            continue  # "Parliament" inside "the French Parliament": one actor, not two
        seen.add((start, end))
        add(g, SpacySpan(doc, start, end, label="ACTOR"), confidence=conf, source=source, type=kind)
        rules.append(rule)
    return doc
