"""What a speech verb reports: its clause, quoted words included (resources/guidelines.md, QUOTE).

- "The senator said that the plan was "dead on arrival" in the House": the clause
  after the verb ("the plan ... House"), from the parse (``ccomp``) or by position;
- "She called the deal "a disaster"", "described Pakistanis as "friends"": the
  object and what it is called;
- "The convoy left before dawn, a police source said." / "..., according to two
  people": the content before its source, never the source itself.

A clause stops at a colon or semicolon: what follows "told Sky News any process
"must be ...": "..."" is a quote of its own.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from annotator.nlp.doc_units import doc_text, has_parse, has_tags
from annotator.nlp.lexicon import MONTHS, WEEKDAYS, actor_words, speech_verbs
from annotator.nlp.speakers import BOUNDARY_WORDS, PHRASE_SOURCES, PRONOUNS, speech_verb_at

# verbs whose reported content is an object and what it is called, not a clause
OBJECT_COMPLEMENT = frozenset(
    {
        "call",
        "called",
        "calls",
        "calling",
        "describe",
        "described",
        "describes",
        "describing",
        "characterize",
        "characterized",
        "characterizes",
        "characterizing",
        "characterise",
        "characterised",
        "characterises",
        "labelled",
        "labeled",
        "dubbed",
        "branded",
        "termed",
    }
)
# verbs with a person spoken to before the clause: "told Sky News any process ..."
_TELL = frozenset(
    {"tell", "told", "tells", "telling", "inform", "informed", "informs", "assure", "assured", "assures", "reminded"}
)
_LEADING = frozenset({"that", "but", "and", "so", "yet", "or", "then", "also", "however"})
_STOPS = frozenset({":", ";"})
_ENDERS = frozenset({".", "!", "?"})
_PREPOSITIONS = frozenset({"on", "in", "at", "for", "to", "with", "from", "about", "of", "by", "into", "over", "after"})
POSITION_REACH = 6  # without a parser: words between the verb and the quote, or after it to the sentence end
_NOT_REPORTED = frozenset({"conj", "cc", "advcl"})
_CITING = frozenset({"quoting", "citing"})
SOURCE_REACH = 7  # tokens between the comma and the speech verb of ", a police source said."
AFTER_VERB = 4  # tokens allowed after that verb before the sentence ends ("said on Monday")
LONG_SOURCE_REACH = 16  # tokens after "according" when they are a noun phrase without a verb


def reported_clause(doc: Doc, v: int, lo: int, hi: int, in_quote: list[bool]) -> tuple[int, int] | None:
    """Tokens ``[start, end)`` that the speech verb at ``v`` reports, inside ``[lo, hi)``; None when unknown."""
    span = source_before_verb(doc, v, lo, hi, in_quote)
    if span is None:
        low = doc[v].lower_
        if low in PHRASE_SOURCES:
            span = _after_according(doc, v, hi)
            inner = _reports_again(doc, span[0], span[1], in_quote) if span is not None else None
            if inner is not None:
                # "According to ABC News, Basya also believes ...": Basya's verb reports what follows it
                span = _parsed(doc, inner) if has_parse(doc) else _by_position(doc, inner, hi, in_quote)
                if span is None and not has_parse(doc):
                    span = (inner + 1, hi)
        elif has_parse(doc):
            span = _parsed(doc, v)
            if span is None and low in speech_verbs().reporting and low not in OBJECT_COMPLEMENT:
                start = clause_by_tags(doc, v, hi)  # the parser hung the clause on the verb's object
                span = (start, hi) if start is not None else None
        else:
            span = _by_position(doc, v, hi, in_quote)
    if span is None:
        return None
    start, end = max(span[0], lo), min(span[1], hi)
    if start <= v < end:
        return None  # the verb is never inside what it reports
    return _trim(doc, start, end, in_quote)


def source_before_verb(doc: Doc, v: int, lo: int, hi: int, in_quote: list[bool]) -> tuple[int, int] | None:
    """ "CONTENT, a police source said." / "CONTENT, said the minister." / "CONTENT, according to X.": the content
    before the comma, when the sentence ends right after the source."""
    if has_parse(doc) and any(c.dep_ == "ccomp" and c.i > v for c in doc[v].children):
        return None  # "Regarding which part ..., Sufianov said it was English": the verb's clause follows it
    end = hi
    while end > v and (doc[end - 1].is_punct or doc[end - 1].is_space) and not in_quote[end - 1]:
        if doc[end - 1].text == ":" and doc[v].lower_ not in PHRASE_SOURCES:
            return None  # "Having known her from his youth, he states:": what he states follows the colon
        end -= 1
    tail = doc[v + 1 : end]
    comma = next((t.i for t in tail if t.text == ","), None)
    if comma is not None and _appositive_tail(doc, comma, end):
        tail = doc[v + 1 : comma]  # "..., argued the government's lawyer, Richard Keen.": the name is the source's
    elif comma is not None and comma + 1 < end and _tail_ends(doc, comma + 1, doc[v].lower_ in PHRASE_SOURCES):
        # "according to NDRRMC report on Saturday, which figured ...", "..., Zapata said, adding it required ...",
        # "..., according to prosecutors, but the Justice Department ...": what follows is not the source
        tail = doc[v + 1 : comma]
    tail_reach = SOURCE_REACH
    if doc[v].lower_ in PHRASE_SOURCES and not any(t.pos_ in ("VERB", "AUX") for t in tail):
        tail_reach = LONG_SOURCE_REACH  # "..., according to Commissioner James Rovella of the Connecticut Department"
    if any(t.is_punct and t.text not in {".", "-"} for t in tail) or len(tail) > tail_reach:
        return None
    if doc[v].lower_ not in PHRASE_SOURCES and len(tail) > AFTER_VERB and doc[v - 1].text != ",":
        return None
    for k in range(v - 1, lo - 1, -1):
        if doc[k].text in _ENDERS and not in_quote[k]:
            lo = k + 1  # a sentence splitter may have joined the sentence before: never reach past its full stop
            break
    lo = after_dateline(doc, lo)
    j = v - 1
    while j > lo and not in_quote[j] and not speech_verb_at(doc, j) and "\n" not in doc[j].whitespace_:
        j -= 1
    if j > lo and in_quote[j] and doc[j].is_quote and doc[j - 1].text == ",":
        return lo, j + 1  # 'We need to "make sure ...," Ms Bauchtman, a spokeswoman, said.': the mark ends it
    comma = v - 1
    reach = SOURCE_REACH
    while comma >= lo and (v - comma <= reach or doc[v].lower_ in PHRASE_SOURCES):
        t = doc[comma]
        if t.text == "," and comma == v - 1 and doc[v].lower_ not in PHRASE_SOURCES:
            if _source_words(tail) and not any(w.pos_ in ("VERB", "AUX") for w in tail) and not _subject_first(doc, v):
                # "CONTENT, argued the government's lawyer.": the source follows
                return (lo, comma) if _content(doc, lo, comma) else None
            comma -= 1  # "..., its chairman, Grace Mensah, said"
            continue
        if t.text == "," and not in_quote[comma]:
            if _appositive_name(doc, comma, v) and comma - 1 >= lo and not in_quote[comma - 1]:
                reach = SOURCE_REACH + v - comma  # "the bank's chief economist, Tom Hale, warned": room for the role
                comma -= 1  # "its chairman, Grace Mensah, said": the name belongs to the source
                continue
            if (
                has_parse(doc)
                and doc[v].lower_ not in _TELL
                and any(c.dep_ == "dobj" and c.i > v for c in doc[v].children)
            ):
                return None  # "While all agreed ..., Riddell emphasized the need for boundaries": what she stressed
            return (lo, comma) if _content(doc, lo, comma) else None
        if doc[v].lower_ in PHRASE_SOURCES and comma == v - 1 and not t.is_punct and not in_quote[comma]:
            # "Harry Dunn ... was struck ... in Northamptonshire according to traffic camera footage."
            content = doc[lo:v]
            if t.lower_ not in _RELATIVE and len(content) >= 4 and any(w.tag_ in _FINITE for w in content):
                return lo, v
            return None
        if doc[v].lower_ in PHRASE_SOURCES or in_quote[comma] or t.is_punct or speech_verb_at(doc, comma):
            return None
        if t.lower_ in BOUNDARY_WORDS:
            return None
        comma -= 1
    return None


def _subject_first(doc: Doc, v: int) -> bool:
    """ "On Friday, Beto O'Rourke, who was a candidate ..., announced the end of his campaign": the verb's subject
    stands before it and none after it, so the words before its comma are the subject, not content."""
    if not has_parse(doc):
        return False
    subjects = [c.i for c in doc[v].children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(i < v for i in subjects)


def under_later_source(doc: Doc, v: int, lo: int, hi: int, in_quote: list[bool]) -> bool:
    """ "Lee admitted the payments were "a mistake", according to prosecutors.": the speech verb at ``v`` is part of
    the content the source after it reports, so that source, not ``v``, says it (guidelines: content before its
    source)."""
    if v + 2 >= hi:
        return False
    text = doc_text(doc)
    if ", according" not in text[doc[v + 1].idx : doc[hi - 1].idx + len(doc[hi - 1])].lower():
        return False  # the usual case, without a token loop
    for k in range(v + 2, hi):
        if doc[k].lower_ == "according" and doc[k - 1].text == "," and not in_quote[k] and speech_verb_at(doc, k):
            span = source_before_verb(doc, k, lo, hi, in_quote)
            return span is not None and span[0] <= v < span[1]
    return False


_MONTHS_DAYS = MONTHS | WEEKDAYS
# "LONDON (Reuters) - ", "NEW YORK, Dec 1 (AP) — ", "KABUL — ": a paragraph that opens with a place in capitals
# (a date and an agency may follow) and a dash
_DATELINE = re.compile(r"[A-Z][A-Z.'’\- ]*[A-Z.](?:, [A-Za-z0-9 .]{1,24})?(?: ?\([^()\n]{1,40}\))? ?(?:-|–|—|--) ?")


def after_dateline(doc: Doc, lo: int) -> int:
    """The first token after a wire dateline that opens the paragraph at token ``lo``, else ``lo``."""
    if lo >= len(doc) or not doc[lo].is_upper or (lo > 0 and "\n" not in doc[lo - 1].text + doc[lo - 1].whitespace_):
        return lo
    start = doc[lo].idx
    m = _DATELINE.match(doc_text(doc), start, start + 80)
    if m is None:
        return lo
    k = lo
    while k < len(doc) and doc[k].idx < m.end():
        k += 1
    return k
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _source_words(words) -> bool:
    """Words that can name who speaks: a name, a pronoun, a person or group noun ("the government's lawyer")."""
    nouns = actor_words()
    for t in words:
        low = t.lower_
        if t.ent_type_ in _SOURCE_ENTS or low in PRONOUNS or low in nouns.titles or low in nouns.group_nouns:
            return True
        if low in nouns.person_nouns or (low.endswith("s") and low[:-1] in nouns.person_nouns):
            return True
        if not t.ent_type_ and t.text[:1].isupper() and not t.is_sent_start and low not in _MONTHS_DAYS:
            return True  # a name the pipeline has no entity for (blank English)
    return False


def parenthetical_source(doc: Doc, v: int, lo: int, hi: int, in_quote: list[bool]) -> list[tuple[int, int]]:
    """ "In the wake of his death, Connie Moganedi said, the lions were killed." / "The guardrail would be
    examined, Roberts said, to determine ...": a source set off by commas inside the sentence (the parser's
    ``parataxis``). The content is the side that holds the sentence's main verb (first), and the other side
    too when it holds a verb of its own ("Inventions that render ..., they reason, could have ..."); the
    source is never in it."""
    tok = doc[v]
    if not has_parse(doc) or tok.head is tok:
        return []
    if tok.dep_ == "parataxis":
        # "..., Maróth said, and paying back this loan seems realistic; ...": what the parser joined to the source
        # with "and" is more content, not part of the source
        left, right = tok.left_edge.i, v
        for c in tok.rights:
            if c.dep_ in ("conj", "cc"):
                break
            right = c.right_edge.i
    elif tok.dep_ == "ccomp" and tok.head.i > v + 1 and doc[v + 1].text == ",":
        # "If the birds had been domesticated, they reasoned, the specimens would have shown ...": the parser
        # made the source the clause of the verb it interrupts; only its subject stands before it
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1 or any(c.i > v and not c.is_punct for c in tok.children):
            return []
        left, right = subjects[0].left_edge.i, v + 1
    else:
        return []
    if doc[left].text != ",":
        left -= 1
    if left <= lo or doc[left].text != ",":
        return []  # the source opens the sentence: not set off inside it
    lo = after_dateline(doc, lo)
    sides = [(right + 1, hi), (lo, left)] if tok.head.i > right else [(lo, left), (right + 1, hi)]
    relative = any(doc[k].tag_ in _RELATIVE_TAGS for k in range(max(lo, left - RELATIVE_REACH), left))
    if tok.head.dep_ == "relcl" or (relative and tok.head.i > right):
        # "fighters which, the statement said, European nations have refused to repatriate", "a move whose
        # rarity, CBS noted, highlighted ...": the source speaks inside a relative clause, so only that clause's
        # side is what it says, never the sentence around it
        sides = [(right + 1, hi)] if tok.head.i > right else [(max(lo, tok.head.left_edge.i), left)]
    result: list[tuple[int, int]] = []
    for start, end in sides:
        words = [k for k in range(start, end) if not (doc[k].is_punct or doc[k].is_space)]
        if words and any(doc[k].text in _ENDERS and not in_quote[k] for k in range(start, words[-1])):
            return result  # the parser joined two sentences
        span = _trim(doc, start, end, in_quote)
        verbs = ("VERB", "AUX") if not result else ()
        if (
            span is None
            or span[1] - span[0] < 3
            or any(in_quote[span[0] : span[1]])
            or not any(t.pos_ in verbs or t.tag_ in _FINITE for t in doc[span[0] : span[1]])
        ):
            # "A member of the Tunisian Parliament, Samir Dilou said, "..."": a noun phrase reports nothing;
            # 'Speaking to NBC News, she said, "..."': the direct quote is what she said
            return result
        result.append(span)
    return result


_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
RELATIVE_REACH = 3  # tokens before a parenthetical source's comma where "which", "whose rarity" opens a relative clause
_TAIL_ENDS = frozenset({"which", "who", "but", "and", "while", "though", "although", "whereas"})


def _content(doc: Doc, start: int, end: int) -> bool:
    """Enough words to be what someone said, with a verb when the tagger can tell ("In late June, the court
    ruled against it" reports nothing before its comma)."""
    if end - start < 3:
        return False
    return not has_tags(doc) or any(t.pos_ in ("VERB", "AUX") for t in doc[start:end])


def _clause(doc: Doc, start: int, end: int) -> bool:
    """The words hold a finite verb of the main clause (not only of a relative clause), as far as the tags tell."""
    parsed = has_parse(doc)
    return any(
        t.tag_ in _FINITE and not (parsed and "relcl" in (t.dep_, t.head.dep_ if t.dep_ == "aux" else ""))
        for t in doc[start:end]
    )


def _tail_ends(doc: Doc, k: int, according: bool = False) -> bool:
    """What follows the source's comma is not part of the source: "which ...", "but ...", ", adding ...", and
    after "according to X" any "-ing" clause ("..., according to preliminary reports, resulting in ...")."""
    if doc[k].lower_ in _TAIL_ENDS or (doc[k].lower_.endswith("ing") and speech_verb_at(doc, k)):
        return True
    return according and doc[k].tag_ == "VBG"


_ROLE_OPENERS = frozenset({"a", "an", "the", "his", "her", "its", "their"})
ROLE_TAIL_WORDS = 7  # "..., said Ward, a former finance minister of Peru."


def _appositive_tail(doc: Doc, comma: int, end: int) -> bool:
    """After the comma only a short capitalised name, or a role ("a former minister"), to the sentence end."""
    words = doc[comma + 1 : end]
    if 0 < len(words) <= AFTER_VERB and all(t.text[:1].isupper() for t in words):
        return True
    return (
        has_tags(doc)  # without tags "..., the lions were put down" would look like a role
        and 0 < len(words) <= ROLE_TAIL_WORDS
        and words[0].lower_ in _ROLE_OPENERS
        and not any(t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text not in _INNER_PUNCT) for t in words)
    )


def _appositive_name(doc: Doc, comma: int, v: int) -> bool:
    """Between the comma and the verb only a capitalised name (and the comma after it)."""
    words = [t for t in doc[comma + 1 : v] if t.text != ","]
    return bool(words) and doc[v - 1].text == "," and all(t.text[:1].isupper() for t in words)


_RELATIVE = frozenset({"which", "who", "whom", "whose", "that", "where"})
INNER_SUBJECT_REACH = 6  # tokens from the start of the content to a speech verb of its own


def inner_report(doc: Doc, v: int, hi: int, in_quote: list[bool]) -> int | None:
    """For "according to X, ..." at ``v``: the speech verb of the content's own subject, when there is one."""
    if doc[v].lower_ not in PHRASE_SOURCES:
        return None
    span = _after_according(doc, v, hi)
    return _reports_again(doc, span[0], span[1], in_quote) if span is not None else None


def _reports_again(doc: Doc, start: int, end: int, in_quote: list[bool]) -> int | None:
    """The content opens with a subject and a speech verb of its own ("Basya also believes the asylum seekers
    ..."): that verb, not the outer "according to", reports what follows and names who says it."""
    forms = speech_verbs().forms
    for j in range(start + 1, min(end, start + INNER_SUBJECT_REACH)):
        tok = doc[j]
        if in_quote[j] or tok.is_punct:
            return None
        if tok.lower_ in forms and speech_verb_at(doc, j):
            if has_parse(doc):
                subject = any(c.dep_ in ("nsubj", "nsubjpass") and start <= c.i < j for c in tok.children)
                # "According to the filing, Ford voluntarily disclosed this matter": a verb without a clause of
                # its own reports nothing; the filing does
                subject = subject and any(c.dep_ == "ccomp" and c.i > j for c in tok.children)
            else:
                subject = doc[start].text[:1].isupper() or doc[start].lower_ in PRONOUNS
            return j if subject else None
    return None


def _after_according(doc: Doc, v: int, hi: int) -> tuple[int, int] | None:
    """ "According to Mujahid, CONTENT." """
    k = v - 1 if v > 0 and doc[v - 1].text != "," else v - 2
    if k >= 0 and doc[k].lower_ in _RELATIVE:
        return None  # "a policy which, according to AFP, the UN has criticised": a relative clause, no content
    j = v + 2
    while j < hi and doc[j].text != ",":
        j += 1
    if j + 1 < hi and doc[j + 1].lower_ in _RELATIVE - {"that"}:
        # "According to Professor Dydykin, who is co-chairman of ..., in the United States ...": the relative
        # clause describes the source
        rel = doc[j + 1].head if has_parse(doc) else None
        k = rel.right_edge.i + 1 if rel is not None and rel.dep_ == "relcl" and rel.i > j else j + 1
        while k < hi and doc[k].text != ",":
            k += 1
        if k < hi:
            j = k
    # "According to the coach, Alireza Mehraban, ..." / "According to Yonhap, quoting KCNA, ...": part of the source
    while j < hi:
        k = j + 1
        while k < hi and doc[k].text != "," and k - j <= SOURCE_REACH:
            k += 1
        words = doc[j + 1 : k]
        name = len(words) > 0 and all(t.text[:1].isupper() for t in words)
        # "According to a Twitter post by Amy Cook, director of the Learning Together event, ...": her role
        name = name or (has_parse(doc) and any(t.dep_ == "appos" and v < t.head.i < j for t in words))
        if doc[j + 1].lower_ in _CITING:  # the one cited may be long: "quoting North Korea's main news agency"
            while k < hi and doc[k].text != ",":
                k += 1
        if k < hi and doc[k].text == "," and (name or doc[j + 1].lower_ in _CITING):
            j = k
            continue
        break
    return (j + 1, hi) if j < hi else None


def clause_in_channel(doc: Doc, v: int) -> tuple[int, int] | None:
    """ "said in a statement that the detentions were ...": the parser hangs the clause on the statement; it is
    still what the verb reports (tokens after "that" to the clause's end)."""
    for c in doc[v].children:
        if c.dep_ != "prep" or c.i <= v or c.i > v + 2:
            continue
        for t in c.subtree:
            if t.lower_ == "that" and t.dep_ == "mark" and t.head.dep_ in ("acl", "ccomp", "relcl") and t.head.i > t.i:
                return t.i + 1, t.head.right_edge.i + 1
    return None


def _parsed(doc: Doc, v: int) -> tuple[int, int] | None:
    tok = doc[v]
    comps = [c for c in tok.children if c.dep_ == "ccomp" and c.i > v]
    if not comps:
        channel = clause_in_channel(doc, v)
        if channel is not None:
            return channel
    if comps:
        c = comps[0]
        # "... worse by the hour" and asked for safe passage' / ', highlighting ...': not part of what was said
        ends = [c.i] + [
            k.right_edge.i
            for k in c.children
            if not (k.i > c.i and k.dep_ in _NOT_REPORTED and (k.dep_ != "conj" or speech_verb_at(doc, k.i)))
        ]
        for later in comps[1:]:  # 'saying the justification presented ... was "contrived."': a misparse in two
            if later.left_edge.i <= max(ends) + 2 and not any(t.text in _STOPS for t in doc[max(ends) : later.i]):
                ends.append(later.right_edge.i)
        return c.left_edge.i, max(ends) + 1
    if tok.lower_ in OBJECT_COMPLEMENT:
        parts = [
            c
            for c in tok.children
            if c.i > v
            and (c.dep_ in ("dobj", "oprd", "xcomp", "attr", "acomp") or (c.dep_ == "prep" and c.lower_ == "as"))
        ]
        if parts:
            start = v + 1
            agent = [c for c in tok.children if c.dep_ == "agent" and c.i == start]
            if agent:  # "were described by Johnson as a "historic mandate"": the speaker is not content
                start = agent[0].right_edge.i + 1
            return start, max(c.right_edge.i for c in parts) + 1
    return None


_NOUN_PHRASE = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_MODIFIERS = frozenset({"amod", "compound", "nummod", "poss", "case", "det"})
_OWN_MODIFIERS = frozenset({"prep", "npadvmod", "advmod", "agent"})
_NOT_IN_SUBJECT = frozenset({"WDT", "WP", "WP$", "TO", "VB", "EX"})
_INNER_PUNCT = frozenset({"-", "–", "'s", "’s", "'", "’", "&"})
TAGGED_SUBJECT_REACH = 16  # words of the subject between a speech verb and the finite verb of its clause


def clause_by_tags(doc: Doc, v: int, hi: int) -> int | None:
    """Where the clause of the speech verb at ``v`` starts when the parser hung it on another verb
    ("has repeatedly maintained an impeachment inquiry is what ...", "reported on Thursday, coverage had
    risen"): after the verb, the person told and the verb's own time or channel (and a comma) comes a noun
    phrase and then a finite verb. None when the words do not look like that."""
    tok = doc[v]
    if tok.dep_ in ("amod", "compound") and v > 0 and doc[v - 1].text != ",":
        return None  # "one of the stated goals of AfCFTA is", "a government-guaranteed loan covered"
    if any(c.dep_ in ("mark", "auxpass", "nsubjpass") for c in tok.children):
        return None  # "As revealed at trial, the Turpins had kept ...": no one reports here
    start = v + 1
    if tok.lower_ in _TELL:
        told = [c for c in doc[v].children if c.dep_ in ("dobj", "dative") and c.i > v]
        if not told:
            return None
        start = told[0].right_edge.i + 1
    if start < hi and doc[start].lower_ == "that" and doc[start].dep_ == "mark":
        start += 1  # "a ruling ... finding that New York City prosecutors could view": the clause is marked
    channel = clause_in_channel(doc, v)
    if channel is not None:
        return channel[0]
    own = {c.i: c for c in doc[v].children if c.dep_ in _OWN_MODIFIERS and c.i > v}
    while start in own:  # "reported on Thursday", "announced via Twitter around 11:30 am"
        start = own[start].right_edge.i + 1
    if start > v + 1 and start < hi and doc[start].text == ",":
        start += 1
    j = start
    noun = False
    while j < hi and j - start < TAGGED_SUBJECT_REACH:
        t = doc[j]
        if t.tag_ in _FINITE:
            verb = t if t.dep_ not in ("aux", "auxpass") else t.head
            joined = verb.dep_ == "conj" and verb.head.i == v and any(_joins(doc[k], v, verb.i) for k in range(v, j))
            if joined or doc[j - 1].pos_ == "CCONJ":
                return None  # "announced the schedule ... and followed it up with": the verb's own second act
            return start if noun else None  # "maintained an impeachment inquiry is what ...": a conj without "and"
        if t.tag_ in _NOT_IN_SUBJECT:
            return None  # "reported a new mechanism by which ...": "which" is a pronoun, but opens a relative clause
        if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            noun = True
        elif noun and t.dep_ == "acl" and t.tag_ in ("VBG", "VBN"):
            pass  # "said a law allowing the termination of a life marked ...": a participle inside the subject
        elif t.tag_ in _NOT_IN_SUBJECT or (t.pos_ in ("VERB", "AUX", "SCONJ", "PART") and t.dep_ not in _MODIFIERS):
            return None  # "announced plans to ...", "confirmed the death of a man who ..."
        elif t.text == "," and noun and _insertion_end(doc, j, hi) is not None:
            end = _insertion_end(doc, j, hi) or j  # "Iran, especially, amongst other outside parties, is ...": skipped
            while _insertion_end(doc, end, hi) is not None:
                end = _insertion_end(doc, end, hi) or end
            j = end
        elif t.is_quote:
            pass  # 'state that it "will serve to ...': the marks of a quote the clause holds
        elif t.is_punct and t.text not in _INNER_PUNCT:
            return None
        elif j == start and t.pos_ not in ("DET", "ADJ", "NUM"):
            return None  # "warned of potential flash floods"
        j += 1
    return None


INSERTION_WORDS = 6  # words of an insertion set off by commas inside a subject
_INSERTION_POS = frozenset({"ADV", "ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PART"})


def _insertion_end(doc: Doc, comma: int, hi: int) -> int | None:
    """The closing comma of words set off inside a subject ("Iran, especially, amongst other outside parties,
    is ...", "classes for students ranging from kindergarten to high school, public and private, would be
    ..."): a few words without a verb of their own; None when the comma closes something else."""
    for k in range(comma + 1, min(hi, comma + 2 + INSERTION_WORDS)):
        if doc[k].text == ",":
            return k if k > comma + 1 else None
        if doc[k].pos_ not in _INSERTION_POS or doc[k].lower_ in _TAIL_ENDS - {"and"}:
            return None
    return None


def _joins(tok: Token, v: int, verb: int) -> bool:
    """A conjunction that joins the verb ``verb`` to the speech verb at ``v`` ("announced the schedule ... and
    followed it up"), not one inside the subject ("public and private")."""
    return tok.pos_ == "CCONJ" and (tok.dep_ != "cc" or tok.head.i in (v, verb))


def _by_position(doc: Doc, v: int, hi: int, in_quote: list[bool]) -> tuple[int, int] | None:
    """Without a parser only the plain layouts: 'said that the plan was "dead on arrival" in its current form',
    'called the deal "a disaster"', 'stated that Pakistan "will not ..."': a quote a few words after the verb."""
    start = v + 1
    if start < hi and doc[start].lower_ == "that":
        start += 1
    elif doc[v].lower_ in _TELL:
        while start < hi and (doc[start].text[:1].isupper() or doc[start].lower_ in {"reporters", "journalists"}):
            start += 1  # "told Sky News any process "must ...""
    if start >= hi or doc[start].lower_ in _PREPOSITIONS:
        return None  # 'says on "The Internet Explorer 6 Countdown"': a title, not a clause
    j = start
    while j < hi and not in_quote[j]:
        if (doc[j].is_punct and not doc[j].is_quote) or j - start >= POSITION_REACH or speech_verb_at(doc, j):
            return None
        j += 1
    if j >= hi:
        return None
    while j < hi and in_quote[j]:
        j += 1
    rest = [t for t in doc[j:hi] if not t.is_space]
    if doc[v].lower_ in OBJECT_COMPLEMENT or not any(not in_quote[k] for k in range(start, j)):
        # 'called the deal "a disaster for workers" on Monday', 'said "We will win" on Monday': the quote ends it
        return start, j
    if rest and len(rest) <= POSITION_REACH and not any(t.is_punct or in_quote[t.i] for t in rest[:-1]):
        j = hi  # '... "dead on arrival" in its current form.'
    return start, j


def _trim(doc: Doc, start: int, end: int, in_quote: list[bool]) -> tuple[int, int] | None:
    for j in range(start, end):
        if doc[j].text in _STOPS and not in_quote[j] and j > start:
            end = j
            break
        if doc[j].text == "," and j + 2 < end and doc[j + 1].lower_ == "according" and doc[j + 2].lower_ == "to":
            end = j  # 'profits had been "hit hard", according to Reuters': the attribution is never inside
            break
    while start < end and not in_quote[start] and (doc[start].is_punct or doc[start].lower_ in _LEADING):
        start += 1
    while end > start and not in_quote[end - 1] and (
        ((doc[end - 1].is_punct or doc[end - 1].is_space) and not closes_bracket(doc, start, end - 1))
        or doc[end - 1].lower_ == "including"
    ):
        end -= 1  # "killed at least 62, including, according to ...": not a word of what it includes
    return (start, end) if start < end else None


_BRACKETS = {")": "(", "]": "["}


def closes_bracket(doc: Doc, start: int, j: int) -> bool:
    """ "near 180 mph (285 kph)": a closing bracket at ``j`` whose opening one is in the clause from ``start`` stays."""
    opener = _BRACKETS.get(doc[j].text)
    return opener is not None and any(t.text == opener for t in doc[start:j])
