"""Who said it: the speech verb of a quote, its subject, and the ACTOR span that subject is.

Works on the parsed Doc when the pipeline has a parser (subject = ``nsubj`` of
the speech verb, shared through ``conj``/``advcl``), else by position
(", Mujahid said" / "said Mujahid" / "Mujahid said:"). A pronoun is resolved to
the nearest compatible ACTOR that was a subject or already spoke, not simply the
last name mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, SpanGroup, Token
from spacy.tokens import Span as SpacySpan

from annotator.nlp.doc_units import QUOTES, add, has_parse
from annotator.nlp.genders import PRONOUN_GENDER, Genders
from annotator.nlp.lexicon import actor_words, speech_verbs

PRONOUNS = {
    "he": ("person",),
    "him": ("person",),
    "she": ("person",),
    "her": ("person",),
    "they": ("group", "place", "person"),
    "them": ("group", "place", "person"),
    "it": ("group", "place", "thing"),
}
# "according to X", "in the words of X": X speaks; "By reports on Saturday, ...", "had, by reports, infected ...":
# the reports do
PHRASE_SOURCES = frozenset({"according", "words", "by"})
_BY_SOURCES = frozenset({"reports", "accounts"})
_POINT = frozenset({"point", "points", "pointed", "pointing"})
BOUNDARY_WORDS = frozenset({"that", "which", "who", "and", "but", "while", "as", "because", "when", "if", "where"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_LOOKBACK_TOKENS = 400
SPEAKER_SENTENCES = 2  # sentences back where a pronoun speaker looks for who spoke last
NAME_REACH = 10  # tokens after a title phrase where its name is looked for
_PARTITIVES = frozenset({"some", "many", "several", "most", "none", "all", "few", "both", "each"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})


@dataclass
class ActorIndex:
    """The ACTOR spans a quote's speaker can be, numbered ``n``, with a token -> actor lookup.

    First the actors component's spans (read, never changed), then the speaker phrases the quotes
    component finds itself ("the spokesman"), which it writes to its own group ``doc.spans[SPEAKERS]``.
    """

    doc: Doc
    actors: SpanGroup | None
    phrases: SpanGroup
    spans: list[SpacySpan] = field(default_factory=list)
    sources: list[str | None] = field(default_factory=list)
    types: list[str | None] = field(default_factory=list)
    by_token: list[int] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)  # tokens inside direct quotes: not narrative
    speakers: set[int] = field(default_factory=set)  # actors already found speaking: a pronoun may stand for them
    genders: Genders | None = None

    def __post_init__(self) -> None:
        self.by_token = [-1] * len(self.doc)
        if self.actors is not None:
            self.spans = list(self.actors)
            self.sources = list(self.actors.attrs.get("source") or [None] * len(self.spans))
            self.types = list(self.actors.attrs.get("type") or [None] * len(self.spans))
        for n, span in enumerate(self.spans):
            self._index(n, span)

    def _index(self, n: int, span: SpacySpan) -> None:
        for i in range(span.start, span.end):
            if self.by_token[i] < 0 or span.end - span.start < 2:
                self.by_token[i] = n

    def type_of(self, n: int) -> str:
        return str(self.types[n] or "unknown")

    def gender_of(self, n: int) -> str | None:
        """What the text says actor ``n`` is, "m" or "f", else None (resources/guidelines.md, speakers)."""
        if self.type_of(n) not in ("person", "unknown"):
            return None
        if self.genders is None:
            self.genders = Genders(
                self.doc, self.spans, lambda m: self.type_of(m) in ("person", "unknown"), self.quoted
            )
        return self.genders.of(n)

    def offsets(self, n: int) -> tuple[int, int]:
        """Where actor ``n`` is in the text: what a quote's ``speaker`` attribute holds."""
        span = self.spans[n]
        return (span.start_char, span.end_char)

    def add_phrase(self, start: int, end: int, kind: str) -> int:
        for n, span in enumerate(self.spans):
            if span.start == start and span.end == end:
                return n
        span = SpacySpan(self.doc, start, end, label="ACTOR")
        add(self.phrases, span, confidence=0.7, source=QUOTES, type=kind)
        self.spans.append(span)
        self.sources.append(QUOTES)
        self.types.append(kind)
        n = len(self.spans) - 1
        self._index(n, span)
        return n


def phrase_start(doc: Doc, head: int) -> int:
    """Where the noun phrase headed by token ``head`` starts, never before its paragraph or sentence."""
    start = doc[head].left_edge.i
    for k in range(head - 1, start - 1, -1):
        t = doc[k]
        if "\n" in t.text or "\n" in t.whitespace_ or t.is_sent_end or (t.is_punct and t.text not in "-–'’."):
            start = k + 1
            break
    while start < head and (doc[start].is_punct or doc[start].dep_ in ("prep", "cc") or doc[start].lower_ == "whose"):
        start += 1
    return start


_MAKE = frozenset({"make", "made", "makes", "making"})


def makes_clear(doc: Doc, i: int) -> bool:
    """ "made clear that ...": a speech verb of two words, in the active voice."""
    if doc[i].lower_ not in _MAKE or i + 2 >= len(doc) or doc[i + 1].lower_ != "clear" or doc[i + 2].lower_ != "that":
        return False
    return not any(c.dep_ in ("auxpass", "nsubjpass") for c in doc[i].children)


def speech_verb_at(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
        return True
    if tok.lower_ == "words" and 2 <= i < len(doc) - 1 and doc[i + 1].lower_ == "of":
        return doc[i - 1].lower_ == "the" and doc[i - 2].lower_ == "in"  # "in the words of the prosecutor, ..."
    if tok.lower_ == "by":  # set off at the sentence start or by a comma: never "was written by reports"
        opens = i == 0 or doc[i - 1].text == "," or bool(tok.is_sent_start)
        return opens and i + 2 < len(doc) and doc[i + 1].lower_ in _BY_SOURCES
    if tok.lower_ in ("put", "puts") and i + 1 < len(doc) and doc[i + 1].lower_ == "it":
        return True  # "As one participant put it: ...", "as the minister puts it, ..."
    if tok.lower_ in _POINT and i + 1 < len(doc) and doc[i + 1].lower_ == "out":
        return True  # "as Juan Pueblo points out:", "She pointed out that ..."
    if tok.lower_ in _MAKE and makes_clear(doc, i):
        return True  # "President Biden made clear that ...", never "It was made clear that ..."
    if tok.lower_ not in speech_verbs().forms:
        return False
    # with a tagger, "report" the noun or "post" the noun are not speech, unless a quote or clause follows
    if not tok.pos_ or tok.pos_ in ("VERB", "AUX"):
        return True
    if tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children):
        return True  # "Inventions ..., they reason, could have ...": tagged a noun, parsed a verb with its subject
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return (
        tok.pos_ == "NOUN"
        and nxt is not None
        and (nxt.text in {",", ":", "that"} or nxt.is_quote)
        and i > 0
        and (doc[i - 1].pos_ in ("PROPN", "NOUN"))
    )


def _noun_kind(word: str) -> str | None:
    words = actor_words()
    if word in words.person_nouns:
        return "person"
    if word in words.group_nouns or (word.endswith("s") and word[:-1] in words.person_nouns):
        return "group"
    return None


def subject_token(doc: Doc, v: int, after_quote: bool, quote_end: int) -> int | None:
    """The token that says who speaks for the speech verb at ``v``."""
    tok = doc[v]
    if tok.lower_ == "by":
        return v + 1  # "by reports"
    if tok.lower_ in PHRASE_SOURCES:
        cited = _cited(doc, v)
        if cited is not None:
            return cited
        last: int | None = None
        j = v + 2
        while j < len(doc) and j < v + 8 and not doc[j].is_punct:
            if doc[j].pos_ in ("PROPN", "NOUN", "PRON") or not doc[j].pos_:
                last = j
                if has_parse(doc) and doc[j].dep_ == "pobj":
                    return j
            j += 1
        return last
    # '"...," said the spokesman' / "CONTENT, argued the government's lawyer": the subject follows the verb
    inverted = after_quote and v + 1 < len(doc) and all(t.is_punct or t.is_space for t in doc[quote_end:v])
    if has_parse(doc) and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        # "announcements about this year's parade state that ...": the tagger took the verb for a noun and
        # hung it under "about"; the noun the phrase belongs to is the subject, not "parade"
        owner = tok.head.head
        if owner.pos_ in ("NOUN", "PROPN") and owner.i < v:
            return owner.i
    if has_parse(doc):
        quoted = _quoted_as(tok)
        if quoted is not None:
            return quoted  # "The BBC quoted Omar Haddad as saying ...", "Haddad was quoted as saying ...": Haddad
        outer = _reporting_verb(doc, tok) if not inverted else None
        if outer is not None:
            # 'She said the suspect had been "cooperative" and that officers found "no evidence"', 'Whitfield told
            # reporters the strike would continue "until ..."': a speech verb inside the reported clause of
            # another is content; the main speech verb's subject speaks
            tok = outer
        seen = 0
        while tok is not None and seen < 4:
            if seen > 0 and tok.dep_ == "ccomp" and tok.head is not tok and speech_verb_at(doc, tok.head.i):
                tok = tok.head  # '... said the use "costs Africa $5 billion," further saying': not "the use"
                seen += 1
                continue
            agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agent:  # "were described by Johnson as ...": Johnson, not what was described
                return agent[0].i
            subj = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
            if subj and seen == 0 and addressed(doc, v):
                return None  # "Residents were told the work would ...", "Jones was described as ...": no speaker
            if subj:  # the nearest: "The convoy left before dawn, a police source said" (a misparse gives two)
                nearest = min(subj, key=lambda c: abs(c.i - tok.i))
                if nearest.tag_ in ("WP", "WDT") and tok.dep_ == "relcl" and tok.head is not tok and seen == 0:
                    return tok.head.i  # "criticism from activists who argue that ...": the activists
                by = [g for c in nearest.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
                if nearest.lower_ in _BY_NOUNS and by and by[0].dep_ == "pobj":
                    return by[0].i  # "Estimates by event organizers indicate ...": the organizers
                return nearest.i
            agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agent:
                return agent[0].i
            if inverted and seen == 0:
                break  # the parser hung the verb on the content's verb: its subject is not the source
            lent = [
                g
                for c in tok.children
                if c.dep_ == "advcl" and c.i < tok.i and c.tag_ in ("VBG", "VBN")
                for g in c.children
                if g.dep_ == "nsubj" and g.i < c.i
            ]
            if lent:  # "Judge Maria Lopez, sentencing the men, told them ...": the parser lent her to "sentencing"
                return lent[0].i
            if tok.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl") and tok.head is not tok:
                if tok.dep_ in ("relcl", "acl"):
                    issuer = [c for c in tok.head.head.children if c.dep_ == "nsubj"]
                    if tok.head.dep_ == "dobj" and issuer and tok.head.lower_ in _ISSUED:
                        return issuer[0].i  # "X released a statement saying ...": X
                    return tok.head.i
                tok = tok.head
                seen += 1
                continue
            break
    # by position
    if inverted:
        j = v + 1  # "..." said the spokesman
        best = None
        titles = actor_words().titles
        while j < len(doc) and j < v + 7 and not doc[j].is_punct and doc[j].lower_ not in BOUNDARY_WORDS:
            if doc[j].lower_ in titles and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                j += 1  # "said Ambassador Mohib": the name, not the title
                continue
            if doc[j].lower_ not in _DETERMINERS:
                best = j
                if doc[j].text[:1].isupper() or doc[j].lower_ in PRONOUNS or _noun_kind(doc[j].lower_):
                    break
            j += 1
        return best
    j = v - 1
    while j >= 0 and j > v - 8:
        t = doc[j]
        if t.is_punct or t.is_space or t.lower_ in BOUNDARY_WORDS or (t.is_quote):
            break
        if t.pos_ in ("ADV", "AUX", "PART") or t.lower_ in {"also", "later", "then", "has", "had", "have", "was", "is"}:
            j -= 1
            continue
        return j
    return None


_QUOTING = frozenset({"quoted", "quotes", "quoting", "quote", "cited", "cites", "citing", "cite"})


def _quoted_as(tok: Token) -> int | None:
    """For "saying" in "quoted X as saying" / "X was quoted as saying": X, who is quoted."""
    prep = tok.head
    if tok.dep_ != "pcomp" or prep.lower_ != "as" or prep.dep_ != "prep" or prep.head.lower_ not in _QUOTING:
        return None
    quoting = prep.head
    who = [c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass") and c.i < prep.i]
    return who[-1].i if who else None


def _inside_report(tok: Token) -> bool:
    """Token ``tok`` is the subject of a clause that a speech verb reports ("Okoye said Lindgren had ...")."""
    if tok.dep_ not in _SUBJECT_DEPS:
        return False
    verb = tok.head
    return not speech_verb_at(tok.doc, verb.i) and _reporting_verb(tok.doc, verb) is not None


def _reporting_verb(doc: Doc, tok: Token) -> Token | None:
    """The reporting speech verb whose clause holds the speech verb ``tok`` (through "and that ..." too), if any."""
    clause = tok
    for _ in range(3):
        if clause.dep_ != "conj" or clause.head is clause:
            break
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head is clause:
        return None
    head = clause.head
    if head.lower_ in speech_verbs().reporting and speech_verb_at(doc, head.i):
        return head
    return None


# speech verbs whose passive subject is who was spoken to or about, never who spoke
_ADDRESSED = frozenset(
    {"told", "informed", "assured", "reminded", "asked", "described", "called", "labelled", "labeled", "dubbed"}
    | {"branded", "termed", "characterized", "characterised"}
)


def addressed(doc: Doc, v: int) -> bool:
    """The speech verb at ``v`` is passive without an agent and its subject was spoken to or about."""
    tok = doc[v]
    if tok.lower_ not in _ADDRESSED or not has_parse(doc):
        return False
    children = list(tok.children)
    return any(c.dep_ == "nsubjpass" for c in children) and not any(c.dep_ == "agent" for c in children)


def _speaking_name(actors: ActorIndex, n: int, kinds: tuple[str, ...], parsed: bool) -> bool:
    """ "Maróth said ... He said": a name that is the subject of a speech verb is a person for "he" and "she",
    whatever type the entity recogniser gave it (a place never speaks); so is a name in apposition to a person
    noun ("Her deputy, Marcus Hale, was more cautious. He warned ...")."""
    if not parsed or kinds != ("person",) or actors.type_of(n) not in ("place", "group"):
        return False
    root = actors.spans[n].root
    if root.pos_ != "PROPN":
        return False
    if root.dep_ == "appos" and _noun_kind(root.head.lower_) == "person":
        return True
    return actors.type_of(n) == "place" and root.dep_ == "nsubj" and speech_verb_at(actors.doc, root.head.i)


_REPORT_NOUNS = frozenset(
    {"report", "reports", "video", "videos", "footage", "documents", "records", "witnesses", "announcements"}
    | {"statements", "polls", "surveys", "studies"}
)


_AUTHOR_PREPS = frozenset({"by", "from"})
_BY_NOUNS = frozenset({"estimates", "estimate", "figures", "projections"})  # not sources themselves ("a report" is)
_ISSUED = frozenset({"statement", "release", "communique", "communiqué", "message", "notice", "letter", "post"})


def _cites(doc: Doc, i: int) -> bool:
    """ "According to videos posted on social media", "reports said": a plain noun that is a source."""
    tok = doc[i]
    after_according = tok.head.dep_ == "prep" and tok.head.head.lower_ == "according"
    return after_according or tok.lower_ in _REPORT_NOUNS or (tok.i > 0 and doc[tok.i - 1].lower_ in _REPORT_NOUNS)


def _cited(doc: Doc, v: int) -> int | None:
    """ "according to a March 14, 2019 NATO press release" -> release; "according to a Twitter post by Amy Cook"
    -> Cook: the object of "to" (or "of" in "in the words of"), or who wrote it."""
    if not has_parse(doc) or v + 1 >= len(doc):
        return None
    objs = [c for c in doc[v + 1].children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    # "a Twitter post by Amy Cook", "statements from witnesses": who made it
    by = [g for c in obj.children if c.dep_ == "prep" and c.lower_ in _AUTHOR_PREPS for g in c.children]
    if by and by[0].dep_ == "pobj" and (by[0].head.lower_ == "by" or obj.lower_ in _REPORT_NOUNS | _ISSUED):
        return by[0].i
    return obj.i


def resolve_pronoun(actors: ActorIndex, i: int, sent_of: list[int]) -> int | None:
    """The most recent compatible ACTOR before token ``i``, preferring one that was a subject."""
    doc = actors.doc
    kinds = PRONOUNS.get(doc[i].lower_)
    if kinds is None:
        return None
    parsed = has_parse(doc)
    gender = PRONOUN_GENDER.get(doc[i].lower_)
    candidates: list[tuple[int, int]] = []  # (start, actor)
    for n, span in enumerate(actors.spans):
        if span.start < i and i - span.start <= _LOOKBACK_TOKENS and not (actors.quoted and actors.quoted[span.start]):
            if gender is not None and actors.gender_of(n) not in (None, gender):
                continue  # "She informed police": never the man the text calls "he"
            t = actors.type_of(n)
            if t in kinds or (t == "unknown" and "person" in kinds) or _speaking_name(actors, n, kinds, parsed):
                candidates.append((span.start, n))
    candidates.sort(reverse=True)
    para = _paragraph_start(doc, i)
    if parsed and doc[i].lower_ in ("they", "them"):
        group = _group_subject(actors, i, para)
        if group is not None and (not candidates or candidates[0][0] < group):
            # "The two companies announced the merger. They said ...": a group the paragraph made its subject
            return actors.add_phrase(phrase_start(doc, group), group + 1, "group")
    if not candidates:
        return None
    if actors.spans[candidates[0][1]].start >= para:
        # "Mr. Ward met Ms. Berg in Paris. "...," she told reporters": someone the pronoun's own paragraph names
        # comes before whoever spoke in the paragraph before
        candidates = [(s, n) for s, n in candidates if s >= para]
    if parsed:
        # "Jones spoke outside the court. Judge Ellis had rejected the appeal. He said ...": a pronoun speaker
        # goes on with whoever spoke just before, before the last subject
        spoke = {actors.spans[m][-1].lower_ for m in actors.speakers}  # "Ingram" spoke as "Matthew Ingram"
        for _s, n in candidates[:12]:
            if sent_of[i] - sent_of[actors.spans[n].start] > SPEAKER_SENTENCES:
                break
            root = actors.spans[n].root
            if n in actors.speakers or (root.dep_ == "nsubj" and speech_verb_at(doc, root.head.i)):
                return n
            if actors.spans[n][-1].lower_ in spoke and not _inside_report(root):
                return n  # not "Okoye said Lindgren had "misunderstood". "...," she said": Lindgren is talked about
        for _s, n in candidates[:12]:
            root = actors.spans[n].root
            if root.dep_ in _SUBJECT_DEPS or n in actors.speakers:
                return n
            head = root.head
            if root.dep_ in ("poss", "compound", "amod") and head.dep_ in _SUBJECT_DEPS and head.i < i:
                # "Pakistan's government ... it": the whole subject phrase is the referent
                kind = _noun_kind(head.lower_)
                if kind is not None and set(kinds) & {kind, "group" if kind == "person" else kind}:
                    return actors.add_phrase(phrase_start(doc, head.i), head.i + 1, kind)
    else:
        # without a parser, an actor right before a speech verb was a subject ("Mujahid reiterated")
        for _s, n in candidates[:12]:
            end = actors.spans[n].end
            if n in actors.speakers or any(speech_verb_at(doc, k) for k in range(end, min(len(doc), end + 2))):
                return n
    return candidates[0][1]


def _group_subject(actors: ActorIndex, i: int, para: int) -> int | None:
    """The nearest plural group noun before token ``i`` in its paragraph that is a subject and no actor yet."""
    doc = actors.doc
    for k in range(i - 1, para - 1, -1):
        tok = doc[k]
        if actors.by_token[k] >= 0 or (actors.quoted and actors.quoted[k]):
            continue
        if tok.dep_ == "nsubj" and tok.tag_ == "NNS" and _noun_kind(tok.lower_) == "group":
            return k
    return None


def _paragraph_start(doc: Doc, i: int) -> int:
    k = i
    while k > 0 and "\n" not in doc[k - 1].text and "\n" not in doc[k - 1].whitespace_:
        k -= 1
    return k


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def _named_person(actors: ActorIndex, head: Token) -> int | None:
    """A PERSON actor in apposition to, or compounded with, a title noun."""
    doc = actors.doc
    for tok in head.subtree:
        n = actors.by_token[tok.i]
        person = tok.ent_iob_ == "B" and tok.ent_type_ == "PERSON"
        if n < 0 and person and tok.i > head.i and sent_same(doc, head.i, tok.i):
            # "Special Agent in Charge Robert Wells": a person the entity recogniser found but no ACTOR holds
            end = tok.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I" and actors.by_token[end] < 0:
                end += 1
            return actors.add_phrase(tok.i, end, "person")
        if n < 0 or actors.type_of(n) != "person" or tok.i == head.i or not sent_same(doc, head.i, tok.i):
            continue
        root = actors.spans[n].root
        if actors.spans[n].end <= head.i and root.dep_ in _MODIFIER_DEPS and root.head.i == head.i:
            continue  # "The Wooster professor added", "Carl Benson's lawyer said": not who holds the role
        if tok.dep_ in ("appos", "compound", "nsubj") or tok.head.dep_ == "appos" or tok.i > head.i:
            return n
    return None


def sent_same(doc: Doc, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not any(doc[k].is_sent_start or "\n" in doc[k].text for k in range(lo + 1, hi + 1))


def actor_for_token(actors: ActorIndex, i: int, sent_of: list[int]) -> int | None:
    """The ACTOR that token ``i`` is, refers to, or heads (a new phrase actor is added for "the spokesman")."""
    named = _appositive_name(actors, i)
    if named is not None:
        return named
    n = _actor_for_token(actors, i, sent_of)
    if n is None:
        return n
    last = actors.spans[n][-1]
    singular_role = last.is_lower and last.tag_ in ("NN", "")  # "American academic", "its chairman"
    if actors.type_of(n) not in ("person", "unknown") and not singular_role:
        return n
    role = actors.sources[n] != "model" or singular_role
    return (_name_after(actors, n) or n) if role else n


def _appositive_name(actors: ActorIndex, i: int) -> int | None:
    """ "television broadcaster PBS revealed": a role noun with a recognised name in apposition is that name."""
    doc = actors.doc
    if not has_parse(doc):
        return None
    own = actors.by_token[i]
    named = own >= 0 and actors.sources[own] == "model"
    for c in doc[i].children:
        m = actors.by_token[c.i]
        if c.dep_ != "appos" or m < 0 or m == own or not sent_same(doc, i, c.i):
            continue
        edge = c.left_edge.i
        if doc[edge - 1].text != "," and any(p.dep_ == "prep" and i < p.i < c.i for p in doc[i].children):
            continue  # "researchers from the Georgia Institute ... and University of ...": a misparse, not their name
        if actors.sources[m] != "model" and not (actors.sources[m] == QUOTES and actors.type_of(m) == "person"):
            continue  # a name, or one found here before (below)
        if not named or (actors.type_of(own) == "group" and actors.type_of(m) == "person"):
            return m  # "African Export-Import Bank president Okey Oramah said": the person, not the bank
    tok = doc[i]
    if named or not (_noun_kind(tok.lower_) == "person" or tok.lower_ in actor_words().titles):
        return None
    for c in tok.children:  # "The health minister, Ana Ruiz, said": a name the entity recogniser missed
        if c.dep_ != "appos" or c.pos_ != "PROPN" or actors.by_token[c.i] >= 0 or not sent_same(doc, i, c.i):
            continue
        start = c.left_edge.i
        if all(t.pos_ == "PROPN" and t.is_alpha for t in doc[start : c.i + 1]):
            return actors.add_phrase(start, c.i + 1, "person")
    return None


def _name_after(actors: ActorIndex, n: int) -> int | None:
    """ "Malaysia's Prime Minister, Najib Razak, said": a name right after a title phrase is the speaker."""
    doc = actors.doc
    end = actors.spans[n].end
    for k in range(end, min(len(doc), end + NAME_REACH)):
        tok = doc[k]
        if "\n" in tok.text or speech_verb_at(doc, k) or tok.is_sent_start:
            return None
        m = actors.by_token[k]
        if m >= 0 and m != n and actors.sources[m] == "model" and actors.type_of(m) == "person":
            root = actors.spans[m].root
            if root.dep_ in _SUBJECT_DEPS and not speech_verb_at(doc, root.head.i):
                return None  # "According to reports, Lorenzo is the largest ...": the subject of what is reported
            if doc[actors.spans[m].start - 1].lower_ in _DETERMINERS:
                return None  # "The account for The Bernie and Sid Show tweeted": a named thing, not the phrase's name
            return m  # "The secretary general of CEI (...), Nunzio Galantino, has called": past the organisation
    return None


def _actor_for_token(actors: ActorIndex, i: int, sent_of: list[int]) -> int | None:
    doc = actors.doc
    if actors.by_token[i] >= 0:
        n = actors.by_token[i]
        tok = doc[i]
        is_title = _noun_kind(tok.lower_) == "person" or tok.lower_ in actor_words().titles
        if has_parse(doc) and actors.sources[n] != "model" and is_title:
            return _named_person(actors, tok) or n  # "its chairman, Grace Mensah"
        return n
    if doc[i].lower_ in PRONOUNS:
        return resolve_pronoun(actors, i, sent_of)
    tok = doc[i]
    if (tok.like_num or tok.lower_ in _PARTITIVES) and i + 2 < len(doc) and doc[i + 1].lower_ == "of":
        end = i + 2  # "One of the organisers said": the whole phrase speaks
        while end < len(doc) and end - i < 6 and doc[end].is_alpha and doc[end].lower_ not in BOUNDARY_WORDS:
            if speech_verb_at(doc, end):
                break
            end += 1
        return actors.add_phrase(i, end, "person" if tok.lower_ == "one" else "group") if end > i + 2 else None
    if tok.like_num or tok.is_punct or tok.lower_ in {"i", "we", "you"}:
        return None
    if has_parse(doc):
        start = phrase_start(doc, i)
        inner = [actors.by_token[k] for k in range(start, i) if actors.by_token[k] >= 0]
        kind = _noun_kind(tok.lower_)
        if kind == "person" or tok.lower_ in actor_words().titles or (tok.pos_ == "PROPN" and not tok.ent_type_):
            # "its chairman, Grace Mensah" / "Tunisia's coach Nabil Maaloul" / "Special Agent in Charge Robert
            # Wells": the person named is the speaker
            named = _named_person(actors, tok)
            if named is not None:
                return named
        if kind is None and tok.pos_ == "PROPN":
            kind = "group" if tok.tag_ == "NNPS" else "person"
        if kind is None and tok.tag_ == "NN":
            # "The American Samoan delegate to the U.S. House, Aumua Amata, told": the person named in apposition
            for t in tok.subtree:
                m = actors.by_token[t.i]
                named = m >= 0 and t.dep_ == "appos" and t.i > i and actors.type_of(m) == "person"
                if named and sent_same(doc, i, t.i):
                    return m
        if kind is None and inner:  # "United Nations figures": the name before the noun is the source
            return inner[-1]
        if tok.pos_ == "ADJ" and tok.dep_ == "nsubj" and any(c.dep_ == "det" for c in tok.children):
            return actors.add_phrase(start, i + 1, "person")  # '"...," the 24-year-old told the BBC'
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if kind is None and tok.tag_ != "NNS" and not any(c.dep_ in ("det", "poss") for c in tok.children):
            pass
        elif kind is None and not any(c.dep_ in ("det", "poss") for c in tok.children) and not _cites(doc, i):
            return None  # "Estimates suggest ...", "Posts on the board theorized": things without a source
        return actors.add_phrase(start, i + 1, kind or ("group" if tok.tag_ == "NNS" else "thing"))
    kind = _noun_kind(tok.lower_)
    if kind is None:
        return None
    start = i
    while start > 0 and i - start < 4 and doc[start - 1].is_alpha and doc[start - 1].lower_ not in BOUNDARY_WORDS:
        if doc[start - 1].lower_ in speech_verbs().forms:
            break
        start -= 1
        if doc[start].lower_ in _DETERMINERS:
            break
    return actors.add_phrase(start, i + 1, kind)


LABEL_TOKENS = 16  # a speaker's label before a colon ("Sen. Jim Banks (R-IN):") has at most this many tokens
# a paragraph that opens with a label and a colon right before an opening quote mark: "Steel Manufacturers
# Association President Philip K. Bell: “...”", "Sen. Jim Banks (R-IN): “...”" (press round-ups, "what they
# are saying"); the label holds no quote mark, colon or sentence end
LABEL_LINE = re.compile(r"[^\s“”\"«»„:.!?;][^\n“”\"«»„:!?;]{1,100}?:[ \t]*[“\"«„]")
_LABEL_TYPES = ("person", "group", "unknown")


def label_line(text: str, ps: int, pe: int) -> int | None:
    """Where the colon is when the paragraph [ps, pe) opens with a label line (``LABEL_LINE``), else None."""
    m = LABEL_LINE.match(text, ps, pe)
    return text.rindex(":", ps, m.end()) if m is not None else None


def label_speaker(actors: ActorIndex, start: int, colon: int) -> int | None:
    """Who the label at tokens [start, colon) names: its person (the name after the titles and organisation,
    "... Association President Philip K. Bell"), else its organisation ("America First Works"). A label with a
    verb is a sentence that introduces the quote ("The statement read:"), left to the speech-verb rules."""
    doc = actors.doc
    if colon - start > LABEL_TOKENS or colon <= start:
        return None
    if has_parse(doc) and any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in doc[start:colon]):
        return None
    named = [actors.by_token[k] for k in range(start, colon) if actors.by_token[k] >= 0]
    named = [n for n in named if actors.type_of(n) in _LABEL_TYPES and actors.spans[n].end <= colon]
    people = [n for n in named if actors.type_of(n) == "person"]
    if people:
        return people[-1]
    return named[0] if named else None
