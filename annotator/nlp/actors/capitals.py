"""Actors from runs of capitalised words, for a pipeline without NER."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from annotator.nlp.actors.names import actor_noun, trim_edges
from annotator.nlp.actors.not_actors import never_an_actor, not_actor_chars
from annotator.nlp.actors.titles import strip_title
from annotator.nlp.doc_units import sentence_ids
from annotator.nlp.lexicon import MONTHS, WEEKDAYS, actor_words, speech_verbs

_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ic", "ch")


_CONNECTORS = frozenset({"of", "de", "del", "al", "bin", "van", "von", "da", "&", "-", "for", "the"})


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and (tok.is_alpha or "." in t or "-" in t) and not tok.like_num


def _headline(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


def from_capitals(doc: Doc) -> list[tuple[int, int, str, float]]:
    """Runs of capitalised words; a sentence-initial word counts only when the text uses it capitalised elsewhere."""
    sent = sentence_ids(doc)
    sent_start = {i for i in range(len(doc)) if i == 0 or sent[i] != sent[i - 1]}
    mid_caps = {t.text for t in doc if t.i not in sent_start and _is_cap(t)}
    speech = speech_verbs().forms
    words = actor_words()
    skip = not_actor_chars(doc)
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
        s = strip_title(doc, s, e)
        s, e = trim_edges(doc, s, e)
        if s >= e or (doc[s].lower_ in words.titles and e - s == 1) or never_an_actor(doc, s, e, skip):
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
            kind = actor_noun(nxt)
            name_follows = e + 1 < n and _is_cap(doc[e + 1])
            if kind is not None and not name_follows:
                found.append((s, e + 1, kind, 0.5))
                continue
            if doc[s].lower_.endswith(_DEMONYM_ENDINGS) and nxt.lower_ not in speech and nxt.lower_ not in STOP_WORDS:
                continue  # "Afghan territory": a nationality adjective, not an actor
        kind = "person" if titled or (e - s >= 2 and all(t.is_alpha for t in doc[s:e])) else "unknown"
        found.append((s, e, kind, 0.5))
    return found
