"""Whether a person named in the text is a "he" or a "she", from the text itself (resources/guidelines.md, speakers).

Evidence, strongest first: an honorific before the name ("Mr Patel", "Mrs. Dunn"), a gendered role noun
beside it or as its head ("his wife, Jane", "Jane Doe, a spokeswoman", "her spokesman"), and the pronoun the text
uses after the name when it is the subject, before anyone else is named ("Smith said he ...").
Mentions of one name pool their evidence; a surname alone ("Smith") shares it with the one full name it belongs
to. No guess from given names: "she informed police" never goes to a man the text calls "he", and a name the
text says nothing about stays open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annotator.nlp.doc_units import has_parse

MALE, FEMALE = "m", "f"


def _words(male: str, female: str) -> dict[str, str]:
    return {**dict.fromkeys(male.split(), MALE), **dict.fromkeys(female.split(), FEMALE)}


PRONOUN_GENDER = _words("he him his himself", "she her hers herself")
_SELF_PRONOUNS = frozenset({"he", "himself", "she", "herself"})
HONORIFICS = _words(
    "mr mr. sir lord king prince duke",
    "mrs mrs. ms ms. miss dame lady madam mme mme. queen princess duchess",
)
ROLE_NOUNS = _words(
    "spokesman chairman businessman congressman councilman sportsman actor husband father son brother boy man"
    " grandfather uncle nephew widower fiance fiancé boyfriend",
    "spokeswoman chairwoman businesswoman congresswoman councilwoman sportswoman actress wife mother daughter"
    " sister girl woman grandmother aunt niece widow fiancee fiancée girlfriend",
)
HONORIFIC_WEIGHT = 3  # an honorific or role noun outweighs a stray pronoun
ROLE_REACH = 4  # tokens after a name where ", a spokeswoman" is looked for


def _key(span: SpacySpan) -> str:
    return " ".join(t.lower_ for t in span if t.is_alpha or "-" in t.text)


class Genders:
    """The gender the text gives each person ACTOR, worked out once for the whole document on first use."""

    def __init__(
        self, doc: Doc, spans: Sequence[SpacySpan], is_person: Callable[[int], bool], quoted: Sequence[bool]
    ) -> None:
        self.doc = doc
        self.spans = spans
        self.is_person = is_person
        self.quoted = quoted if len(quoted) == len(doc) else [False] * len(doc)
        self._votes: dict[str, Counter[str]] = {}
        self._fulls: dict[str, set[str]] = {}
        self._done = False
        self.person_at: list[bool] = []

    def of(self, n: int) -> str | None:
        """MALE, FEMALE or None (the text does not say) for actor ``n``."""
        if not self._done:
            self._collect()
        span = self.spans[n]
        key = _key(span)
        votes = Counter(self._votes.get(key, Counter()))
        words = key.split()
        if len(words) > 1:
            if len(self._fulls.get(words[-1], ())) == 1:
                votes.update(self._votes.get(words[-1], Counter()))
        elif len(self._fulls.get(key, ())) == 1:
            (full,) = self._fulls[key]
            votes.update(self._votes.get(full, Counter()))
        if votes[MALE] == votes[FEMALE]:
            return None
        return MALE if votes[MALE] > votes[FEMALE] else FEMALE

    def _collect(self) -> None:
        self._done = True
        people = [n for n, span in enumerate(self.spans) if self.is_person(n) and _key(span)]
        self.person_at = [False] * len(self.doc)
        for n in people:
            self.person_at[self.spans[n].start] = True
        for n in people:
            span = self.spans[n]
            key = _key(span)
            words = key.split()
            if len(words) > 1:
                self._fulls.setdefault(words[-1], set()).add(key)
            vote = self._votes.setdefault(key, Counter())
            said = self._marked(span)
            if said is not None:
                vote[said] += HONORIFIC_WEIGHT
            elif not self.quoted[span.start] and self._subject(span):
                said = self._pronoun_after(span)
                if said is not None:
                    vote[said] += 1

    def _marked(self, span: SpacySpan) -> str | None:
        """An honorific or a gendered role noun right before the name, or a role noun set off after it."""
        doc = self.doc
        k = span.start - 1
        if k >= 0 and doc[k].lower_ in ("'s", "’s", ","):
            k -= 1  # "his wife, Jane", "Trump's wife Melania"
        if k >= 0 and (doc[k].lower_ in HONORIFICS or doc[k].lower_ in ROLE_NOUNS):
            return HONORIFICS.get(doc[k].lower_) or ROLE_NOUNS[doc[k].lower_]
        first = span[0].lower_
        if first in HONORIFICS and len(span) > 1:
            return HONORIFICS[first]
        if span[-1].lower_ in ROLE_NOUNS:
            return ROLE_NOUNS[span[-1].lower_]  # "her spokesman", "the woman"
        if span.end < len(doc) and doc[span.end].text == ",":
            for t in doc[span.end + 1 : span.end + 1 + ROLE_REACH]:
                if t.is_punct:
                    break
                if t.lower_ in ROLE_NOUNS and t.head.i < span.end:  # "Jane Doe, a spokeswoman for ..."
                    return ROLE_NOUNS[t.lower_]
        return None

    def _subject(self, span: SpacySpan) -> bool:
        """The name is its sentence's subject: by the parse, or without one by opening the sentence."""
        if has_parse(self.doc):
            root = span.root  # "Smith's lawyer, Jane Doe, said her client": the name in apposition to the subject
            return root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ == "nsubj")
        return span.start - span.sent.start <= 2

    def _pronoun_after(self, span: SpacySpan) -> str | None:
        """The first he/she/himself/herself after the name in its sentence, outside quotes, before anyone else is
        named ("Smith said he was ready"). Not his/her: "Adderley wrote asking to waive her immunity" is about
        someone named before. Never from a later sentence: that a "She" there stands for this name is what the
        pronoun resolver has to find out."""
        for t in self.doc[span.end : span.sent.end]:
            if self.person_at[t.i]:
                return None
            if not self.quoted[t.i] and t.lower_ in _SELF_PRONOUNS:
                return PRONOUN_GENDER[t.lower_]
        return None
