"""QUOTE suggestions with their speakers: direct quotes by their marks, reported speech after a speech verb."""

from __future__ import annotations

import re

from spacy.tokens import Doc, SpanGroup, Token
from spacy.tokens import Span as SpacySpan

from annotator.nlp.blog_quotes import colon_subject, introduced_paragraphs
from annotator.nlp.clauses import (
    OBJECT_COMPLEMENT,
    clause_by_tags,
    closes_bracket,
    inner_report,
    parenthetical_source,
    reported_clause,
    source_before_verb,
    under_later_source,
)
from annotator.nlp.doc_units import (
    ACTORS,
    QUOTES,
    SPEAKERS,
    add,
    doc_text,
    group,
    has_parse,
    sentence_bounds,
    sentence_ids,
)
from annotator.nlp.lexicon import speech_verbs
from annotator.nlp.model_output import MODEL_CONFIDENCE
from annotator.nlp.press_layouts import HEADING_WORDS, PLACE_ENTS, attributed_blocks, transcript_turns
from annotator.nlp.quote_candidates import is_quote_mark
from annotator.nlp.quote_marks import QuoteMatch, find_quotes, paragraphs
from annotator.nlp.speakers import (
    BOUNDARY_WORDS,
    PHRASE_SOURCES,
    PRONOUNS,
    ActorIndex,
    actor_for_token,
    addressed,
    label_line,
    label_speaker,
    makes_clear,
    speech_verb_at,
    subject_token,
)

NEAR_AFTER = 4  # tokens after a closing mark where ", Mujahid said" is looked for first
SHORT_QUOTE_REACH = 4  # tokens between a scare-quote-sized quote and its speech verb
MIXED_VERBS = OBJECT_COMPLEMENT | PHRASE_SOURCES  # with the reporting verbs: the verbs that make mixed quotes
MIXED_SOURCE_TOKENS = 10  # a sentence this short after a quote may hold its source ("Ms Bauchtman said.")
ADJACENT_VERB = 2  # tokens between a speech verb and the quote it introduces or follows


def _find_verb(
    doc: Doc, qs: int, qe: int, in_quote: list[bool], sent: list[int], bounds: dict
) -> tuple[int, bool] | None:
    """The speech verb of a quote spanning tokens [qs, qe): (token, verb comes after the quote)."""
    lo = bounds[sent[qs]][0]
    hi = bounds[sent[qe - 1]][1]
    if _ends_sentence(doc, qe):
        hi = min(hi, qe)  # '"We leave at dawn." The crew agreed.': a verb after a full stop is the next sentence's
    else:
        # the ", he said" right after the mark may fall in the next "sentence" when the parser splits at the mark
        near = qe
        while (
            near < min(len(doc), qe + NEAR_AFTER)
            and "\n" not in doc[near].text
            and "\n" not in doc[near - 1].whitespace_
            and doc[near].text not in _SENTENCE_ENDS
        ):
            near += 1
        hi = max(hi, near)
        # '"... no early election". He said ...': a full stop after the closing mark ends the sentence there
        stop = next((i for i in range(qe, hi) if doc[i].text in _SENTENCE_ENDS and not in_quote[i]), None)
        hi = hi if stop is None else min(hi, stop)
    after = [i for i in range(qe, hi) if not in_quote[i] and speech_verb_at(doc, i)]
    if after and after[0] - qe <= NEAR_AFTER and not any(t.lower_ in BOUNDARY_WORDS for t in doc[qe : after[0]]):
        return after[0], True
    before = [i for i in range(lo, qs) if not in_quote[i] and speech_verb_at(doc, i)]
    if before:
        return before[-1], False
    if after and sent[after[0]] == sent[qe - 1]:
        return after[0], True
    return None


_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _ends_sentence(doc: Doc, qe: int) -> bool:
    """The quote ends with a full stop inside its marks and the next word starts a sentence."""
    return qe >= 2 and doc[qe - 2].text == "." and qe < len(doc) and (doc[qe].text[:1].isupper() or doc[qe].is_quote)


def _verb_in_previous_sentence(
    doc: Doc, qs: int, in_quote: list[bool], sent: list[int], bounds: dict
) -> tuple[int, bool] | None:
    """ "Wilkins also said Warhol was a businessman. “As a way to ...”": the quote opening a sentence after one
    with a speech verb, in the same paragraph, is that verb's."""
    lo, hi = bounds[sent[qs - 1]]
    colon = doc[qs - 1].text == ":" or (doc[qs - 1].is_space and qs > 1 and doc[qs - 2].text == ":")
    if not colon and any("\n" in doc[k].text or "\n" in doc[k].whitespace_ for k in range(lo, qs)):
        return None  # only "The minister continued:" hands its verb to the quote in the next paragraph
    verbs = [i for i in range(lo, hi) if not in_quote[i] and speech_verb_at(doc, i)]
    return (verbs[-1], False) if verbs else None


SIGNATURE_NAME_WORDS = 4  # a name after a signature dash that the entity recogniser missed, at most


def _dash_attribution(doc: Doc, actors: ActorIndex, end: int) -> int | None:
    """`"So far, it's a long game." - Matthew Ingram`: a name after a dash signs the quote; when the entity
    recogniser found none there, the capitalised words up to the line's end or a comma are the name."""
    if end + 1 >= len(doc) or doc[end].text not in {"-", "–", "—", "―"} or "\n" in doc[end].whitespace_:
        return None
    if actors.by_token[end + 1] >= 0:
        return actors.by_token[end + 1]
    k = end + 1
    while k < len(doc) and k - end <= SIGNATURE_NAME_WORDS and doc[k].is_alpha and doc[k].text[:1].isupper():
        k += 1
        if "\n" in doc[k - 1].whitespace_:
            break
    closed = k >= len(doc) or doc[k].text == "," or "\n" in doc[k - 1].whitespace_ or doc[k].is_space
    words = k - end - 1
    if closed and (words >= 2 or (words == 1 and doc[end + 1].pos_ == "PROPN")):  # "- Dana Reyes", not "- The"
        return actors.add_phrase(end + 1, k, "person")
    return None


def _indirect_clauses(doc: Doc, v: int, lo: int, sent_end: int, in_quote: list[bool]) -> list[tuple[int, int]]:
    """The reported clause of a speech verb: after "that" (or the ccomp when parsed) to the sentence end, the
    content before its source ("..., a police source said.") or around it ("..., they reason, ...").
    A verb that mostly attributes direct quotes ("believe", "remark", "urge") reports a clause only when the
    parse says so: its clause with a subject of its own, or a source set off inside the sentence."""
    tok = doc[v]
    strong_only = tok.lower_ not in PHRASE_SOURCES and tok.lower_ not in speech_verbs().reporting
    strong_only = strong_only and not makes_clear(doc, v)  # "made clear that ..." reports like "stated that ..."
    if tok.lower_ in OBJECT_COMPLEMENT and v + 3 < sent_end and doc[v + 1].lower_ == "as":
        return _as_being(doc, v, sent_end, in_quote)
    if strong_only and (not has_parse(doc) or tok.lower_ in OBJECT_COMPLEMENT):
        return []
    if has_parse(doc) and any(c.dep_ == "neg" for c in tok.children):
        return []  # "officials have not said why ...": nothing is reported
    around = parenthetical_source(doc, v, lo, sent_end, in_quote)
    if around:
        return [span for span in around if span[1] - span[0] >= 3 and not any(in_quote[span[0] : span[1]])]
    clause = _indirect_clause(doc, v, lo, sent_end, in_quote, strong_only)
    return [clause] if clause is not None else []


def _as_being(doc: Doc, v: int, sent_end: int, in_quote: list[bool]) -> list[tuple[int, int]]:
    """ "a process Zapata described as being tricky because ...": what follows "as being" / "as having" is a
    predication someone made, an indirect quote (an object and its label alone, "described it as a fake", is not)."""
    if doc[v + 2].lower_ not in ("being", "having"):
        return []
    span = _trim_end(doc, v + 2, sent_end)  # "... tricky because the boat could not be kept still": the reason too
    return [span] if span[1] - span[0] >= 3 and not any(in_quote[span[0] : span[1]]) else []


def _trim_end(doc: Doc, start: int, end: int) -> tuple[int, int]:
    end = _next_report(doc, start, end)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not closes_bracket(doc, start, end - 1):
        end -= 1
    return start, end


def _indirect_clause(
    doc: Doc, v: int, lo: int, sent_end: int, in_quote: list[bool], strong_only: bool
) -> tuple[int, int] | None:
    tok = doc[v]
    before = None if strong_only else source_before_verb(doc, v, lo, sent_end, in_quote)
    if before is not None:
        start, end = before
    elif tok.lower_ in PHRASE_SOURCES:
        clause = reported_clause(doc, v, lo, sent_end, in_quote)
        if clause is None or clause[0] < v:
            return None
        start, end = clause
    else:
        start = -1
        if has_parse(doc):
            comp = [c for c in tok.children if c.dep_ == "ccomp" and c.i > v and c.pos_ != "ADJ"]  # not "clear"
            if comp and _elliptical(comp[0]):
                return None  # "far from where the Navy's records predicted it would be": nothing is said
            if comp and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in comp[0].children):
                start = comp[0].left_edge.i
                if doc[v + 1].lower_ != "that":  # "said on Tuesday it would veto": the time is the saying's
                    for g in comp[0].children:
                        if g.i > v and g.left_edge.i == start and g.dep_ in ("prep", "npadvmod", "advmod"):
                            start = g.right_edge.i + 1
            elif not strong_only:  # no clause, or one without its subject ("indicated Dorian's winds were near")
                start = clause_by_tags(doc, v, sent_end) or -1
        else:
            for j in range(v + 1, min(sent_end, v + 4)):
                if doc[j].lower_ == "that":
                    start = j
                    break
                if doc[j].is_punct:
                    break
        if start < 0:
            return None
        start = max(start, v + 1)  # an odd parse can put the clause's left edge before its verb
        end = _next_report(doc, start, sent_end)
    # "reported that, in a phone call in late July, Trump ...": the clause starts after "that" and the comma
    while start < end and not in_quote[start] and (doc[start].lower_ == "that" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not closes_bracket(doc, start, end - 1):
        end -= 1
    if end - start > 3 and doc[end - 1].text == "]" and _language_tag(doc, end - 3):
        end -= 3  # "... their own choices [zh]:": a link's language tag is the post's, not what was said
    if end - start < 3 or any(in_quote[start:end]):
        return None
    return start, end


_ELLIPSIS_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "aux", "auxpass", "neg", "punct", "mark"})


def _elliptical(verb: Token) -> bool:
    """A clause of only a subject and an auxiliary ("it would be", "they did", "he has not"): an ellipsis."""
    return verb.pos_ == "AUX" and all(c.dep_ in _ELLIPSIS_DEPS for c in verb.children)


_LANGUAGE = re.compile(r"[a-z]{2}")


def _language_tag(doc: Doc, i: int) -> bool:
    """ "[es]", "[zh]" at token ``i``: Global Voices marks a link with the language it leads to."""
    if doc[i].text != "[" or i + 2 >= len(doc) or doc[i + 2].text != "]":
        return False
    return bool(_LANGUAGE.fullmatch(doc[i + 1].text))


def _new_report(doc: Doc, k: int, end: int) -> bool:
    """A subject of its own and a speech verb right after "and": another report, not more of this one."""
    if not has_parse(doc):
        return False
    for j in range(k + 1, min(end, k + 4)):
        if speech_verb_at(doc, j) and any(c.dep_ == "nsubj" and k <= c.i < j for c in doc[j].children):
            return True
    return False


def _another_report(doc: Doc, k: int, end: int) -> bool:
    return _new_report(doc, k, end) or _reports_more(doc, k)


def _reports_more(doc: Doc, k: int) -> bool:
    """ "said that he did indicate ... but denied that he made any deal": the same subject's second speech verb
    with a clause of its own ("that", or its ccomp) reports something else."""
    if not has_parse(doc) or k + 1 >= len(doc) or doc[k].dep_ != "conj" or not speech_verb_at(doc, k):
        return False
    return doc[k + 1].lower_ == "that" or any(c.dep_ == "ccomp" and c.i > k for c in doc[k].children)


def _next_report(doc: Doc, start: int, end: int) -> int:
    """ "sales had doubled, and the opposition leader conceded that ...": the clause stops before the next report."""
    for j in range(start, end - 2):
        if doc[j].text == ";":
            return j  # "...; though he also remarked that ...": a clause of its own
        if doc[j].lower_ in ("and", "but") and j > start and _another_report(doc, j + 1, end):
            return j  # "One interviewee said people changed their minds and several said they wanted ..."
        if doc[j].text != ",":
            continue
        if doc[j + 1].lower_ in ("though", "although", "whereas") or doc[j + 1 : j + 3].text.lower() == "according to":
            return j  # "Khan had appeared to be wearing a suicide vest, though it was later found to be a fake"
        if doc[j + 1].lower_ == "as" and any(speech_verb_at(doc, k) for k in range(j + 2, min(end, j + 8))):
            return j  # "..., as the Court of Session found": who else says so
        if doc[j + 1].lower_.endswith("ing") and speech_verb_at(doc, j + 1):
            return j  # "it would veto the bill, calling it "a gift to polluters."": the next report
        if doc[j + 1].lower_ in ("and", "but", "while") and any(
            speech_verb_at(doc, k) for k in range(j + 2, min(end, j + 8))
        ):
            return j
    return end


def _fallback_subject(doc: Doc, actors: ActorIndex, first: int, v: int, in_quote: list[bool]) -> int | None:
    """The parser lost the speech verb's subject: a name right before it ("..., Jamel Msallem, said"), else the
    sentence's first possible speaker ("..., but stated they would"). None for "Residents were told ..."."""
    if addressed(doc, v):
        return None
    k = v - 1
    while k >= first and k >= v - 3 and (doc[k].is_punct or doc[k].pos_ in ("ADV", "AUX")) and not in_quote[k]:
        k -= 1
    if has_parse(doc) and k >= first and actors.by_token[k] >= 0 and _could_be_speaker(doc, actors, k, in_quote):
        return k
    return next((i for i in range(first, v) if _could_be_speaker(doc, actors, i, in_quote)), None)


def _could_be_speaker(doc: Doc, actors: ActorIndex, i: int, in_quote: list[bool]) -> bool:
    if in_quote[i]:
        return False
    n = actors.by_token[i]
    if n >= 0:
        end = actors.spans[n].end
        return not (end < len(doc) and doc[end].lower_ in ("'s", "’s"))  # "Labour's Yvette Cooper": not Labour
    return doc[i].lower_ in PRONOUNS


TITLE_MAX_WORDS = 12
SHORT_WORDS = 4  # a quote this short with no speech verb is a term, not speech
SENTENCE_WORDS = 3  # a whole sentence in marks this long is speech, even with no verb
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "the", "of", "in", "on", "for", "to", "at", "by", "vs", "vs.", "or", "with", "from"]
)


_SENTENCE_END = re.compile(r"(\w*)[.!?] +[A-Z]")
_ABBREVIATIONS = frozenset({"vs", "v", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "co", "ltd"})


def _title_case(text: str, m: QuoteMatch) -> bool:
    """Every word capitalised but the small ones: a name or title ("Cowboys and Indians")."""
    inner = text[m.start + 1 : m.end - 1]
    if any(w.group(1).lower() not in _ABBREVIATIONS for w in _SENTENCE_END.finditer(inner)):
        return False  # '“No. Never.”': two sentences, not a title ("Glawischnig-Piesczek vs. Facebook" is one)
    words = inner.strip(" ,.;:").split()
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return 2 <= len(words) <= TITLE_MAX_WORDS and len(content) >= 2 and all(w[:1].isupper() for w in content)


def _looks_like_title(text: str, m: QuoteMatch) -> bool:
    """Few words and no sentence punctuation at the end inside the marks: a title, name or term."""
    inner = text[m.start + 1 : m.end - 1].strip()
    return bool(inner) and len(inner.split()) <= TITLE_MAX_WORDS and inner[-1] not in ".!?…,;:"


def _adjacent(v: int, span: SpacySpan) -> bool:
    return span.start - SHORT_QUOTE_REACH <= v < span.start or span.end <= v < span.end + SHORT_QUOTE_REACH


def _sentence_quote(doc: Doc, text: str, m: QuoteMatch, span: SpacySpan) -> bool:
    """A whole sentence in marks: it opens a sentence, starts with a capital and ends with . ! or ?"""
    inner = text[m.start + 1 : m.end - (1 if m.closed else 0)].strip()
    if not m.closed or not inner or not inner[0].isupper() or inner[-1] not in ".!?":
        return False
    before = text[: m.start].rstrip()
    return not before or before[-1] in '.!?:\n"”’»' or text[m.start - 1] == "\n"


def _after_full_stop(text: str, m: QuoteMatch) -> bool:
    before = text[: m.start].rstrip()
    return bool(before) and before[-1] in ".!?"


def _introduced_by_colon(doc: Doc, actors: ActorIndex, qs: int, sent: list[int], in_quote: list[bool]) -> int | None:
    """'An official government Twitter account made the following announcement: "..."': with no speech verb, a
    quote right after a colon is said by the subject of the clause the colon ends."""
    k = qs - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k >= 0 and "\n" in doc[k].whitespace_:
        return None
    subj = colon_subject(doc, qs, in_quote)
    return actor_for_token(actors, subj, sent) if subj is not None else None


def _labelled(doc: Doc, text: str, actors: ActorIndex, m: QuoteMatch) -> int | None:
    """The speaker a label line gives the quote ``m`` ("Sen. Jim Banks (R-IN): “...”", speakers.label_line)."""
    ps = text.rfind("\n", 0, m.start) + 1
    colon = label_line(text, ps, m.start + 1)
    if colon is None:
        return None
    label = doc.char_span(ps, colon, alignment_mode="expand")
    return label_speaker(actors, label.start, label.end) if label is not None else None


def _previous_subject(
    doc: Doc, actors: ActorIndex, qs: int, sent: list[int], bounds: dict, in_quote: list[bool]
) -> int | None:
    """ "Mia Wong inspected the bridge. "The bridge is safe."": with no verb at all, the person who is the subject
    of the sentence before, in the same paragraph, speaks."""
    if qs == 0 or sent[qs - 1] == sent[qs]:
        return None
    lo, hi = bounds[sent[qs - 1]]
    if any("\n" in doc[k].text or "\n" in doc[k].whitespace_ for k in range(lo, qs)):
        return None
    for i in range(lo, min(hi, qs)):
        if in_quote[i]:
            continue
        if actors.by_token[i] < 0:
            if has_parse(doc) and doc[i].lower_ in ("he", "she") and doc[i].dep_ in ("nsubj", "nsubjpass"):
                # 'Why did she so badly want to attend? "It's Warhol."': whom the subject pronoun stands for
                return actor_for_token(actors, i, sent)
            continue
        n = actors.by_token[i]
        root = actors.spans[n].root
        if actors.type_of(n) == "person" and (not has_parse(doc) or root.dep_ in ("nsubj", "nsubjpass")):
            return n
        if not has_parse(doc):
            break  # by position only the first actor can be the subject
    return None


_CAPS = "A-ZÀ-ÖØ-ÞĀ-Ž"  # upper case as names are written in transcripts ("JUAN GONZÁLEZ:"), with some lower too
# "REYES: ...", "JUAN GONZÁLEZ: ...", "STEVE INSKEEP, HOST: ...": the name is the speaker, a role after it is not
_CAPS_WORD = rf"[{_CAPS}][{_CAPS}'’.\-]+"
_TRANSCRIPT = re.compile(
    rf"[“\"]?({_CAPS_WORD}(?: {_CAPS_WORD}){{0,2}})(?:, [{_CAPS}][{_CAPS} ]{{1,24}})?:[ \t]+(?=\S)"
)
_NOT_SPEAKERS = HEADING_WORDS | {"TL;DR"}
TRANSCRIPT_WORDS = 3  # what follows "REYES:" must be at least this many words to be speech
# tags no name in capitals gets: question words, verbs, pronouns, prepositions, plural nouns
_HEADING_TAGS = frozenset({"WP", "WRB", "WDT", "VBZ", "VBP", "VBD", "VBG", "MD", "PRP", "IN", "NNS", "CD"})


def _transcript_lines(doc: Doc, text: str, actors: ActorIndex) -> list[tuple[int, int, int | None]]:
    """ "REYES: We will not ...": a paragraph that opens with a name in capitals and a colon is that person's quote
    (also after an opening mark left open): token span of what is said, and the speaker."""
    found: list[tuple[int, int, int | None]] = []
    lines = []
    for ps, pe in paragraphs(text):
        m = _TRANSCRIPT.match(text, ps, pe)
        if m is None or m.group(1) in _NOT_SPEAKERS or len(m.group(1).replace(".", "")) < 2:
            continue
        if len(text[m.end() : pe].split()) < TRANSCRIPT_WORDS:
            continue
        name = doc.char_span(m.start(1), m.end(1))
        said = doc.char_span(m.end(), pe, alignment_mode="expand")
        if name is None or said is None or len(said) == 0:
            continue
        if name.root.ent_type_ in PLACE_ENTS:
            continue  # "KABUL: Afghan officials said ...": a dateline
        lines.append((name, said))
    # one line alone is a transcript only when the name is a person's: "KABUL:" opens many articles; "REYES:"
    # is when the text names a person Reyes. A label the tagger reads as words of a sentence ("KEY POINTS:",
    # "WHAT HAPPENS NEXT:", "WHY IT MATTERS:") is a heading in capitals, however many there are
    surnames = {actors.spans[n][-1].lower_ for n in range(len(actors.spans)) if actors.type_of(n) == "person"}
    for name, said in lines:
        person = name.root.ent_type_ == "PERSON" or name[-1].lower_ in surnames
        if not person and (len(lines) < 2 or any(t.tag_ in _HEADING_TAGS for t in name)):
            continue
        who = actors.by_token[name.start]
        if who < 0 or actors.spans[who].end != name.end:
            who = actors.add_phrase(name.start, name.end, "person")
        actors.speakers.add(who)
        found.append((said.start, said.end, who))
    return found


_SIGNATURE = re.compile(r"[–—―]|-\s")
_DOUBLE_MARKS = frozenset('"“”«»„')
SIGNATURE_WORDS = 16  # a signature line ("– United States District Judge Victor Marrero, "Decision and Order"")
BLOCK_WORDS = 8  # a paragraph this long before a signature is a block quote
BLOCK_PARAGRAPHS = 4  # paragraphs of one signed block quote at most


def _signed_paragraphs(doc: Doc, text: str, actors: ActorIndex) -> list[tuple[int, int, int | None]]:
    """A paragraph without quote marks followed by a line that opens with a dash and a person's name is a block
    quote of that person: token span of the paragraph, and the speaker."""
    found: list[tuple[int, int, int | None]] = []
    paras = list(paragraphs(text))

    def block(k: int) -> bool:
        body = text[paras[k][0] : paras[k][1]]
        return len(body.split()) >= BLOCK_WORDS and not any(c in _DOUBLE_MARKS for c in body)

    for k in range(1, len(paras)):
        ss, se = paras[k]
        if not _SIGNATURE.match(text, ss) or len(text[ss:se].split()) > SIGNATURE_WORDS or not block(k - 1):
            continue
        sign = doc.char_span(ss, se, alignment_mode="expand")
        names = [actors.by_token[i] for i in range(sign.start, sign.end) if actors.by_token[i] >= 0] if sign else []
        who = next((n for n in names if actors.type_of(n) == "person"), None)
        if who is None:
            continue
        first = k - 1
        # the block may run over several paragraphs: back to the one its introduction ("... this argument:") opens
        back = first
        while back > 1 and k - back < BLOCK_PARAGRAPHS and not text[: paras[back][0]].rstrip().endswith(":"):
            back -= 1
            if not block(back):
                break
        if back >= 1 and block(back) and text[: paras[back][0]].rstrip().endswith(":"):
            first = back
        for j in range(first, k):
            said = doc.char_span(paras[j][0], paras[j][1], alignment_mode="expand")
            if said is not None:
                found.append((said.start, said.end, who))
        actors.speakers.add(who)
    return found


SPLIT_GAP = 16  # tokens between the halves of a split quote ('"Our team" study co-author Tak-Sing Wong said "has')


def _first_halves(
    doc: Doc, text: str, matches: list[tuple[QuoteMatch, SpacySpan]], speakers: list[int | None], has_verb: list[bool]
) -> None:
    """ '"Our team" study co-author Tak-Sing Wong said in a press release "has developed ..."': a quote followed,
    across its speech verb and in the same sentence, by one that goes on in lower case is the first half of a
    split quote, kept however short and said by the same speaker."""
    for k in range(len(matches) - 1):
        (m, span), (nxt_m, nxt) = matches[k], matches[k + 1]
        if has_verb[k] or not m.closed or nxt_m.paragraph != m.paragraph or speakers[k + 1] is None:
            continue
        before = text[: m.start].rstrip()
        if before and before[-1] not in '.!?:"”’»':
            continue  # the first half opens its sentence: 'calling the investigation "Soviet-style" and ...' is not one
        if not text[nxt_m.start + 1 : nxt_m.start + 2].islower() or nxt.start - span.end > SPLIT_GAP:
            continue
        between = range(span.end, nxt.start)
        if any(doc[i].text in _ENDERS for i in between) or not any(speech_verb_at(doc, i) for i in between):
            continue
        speakers[k], has_verb[k] = speakers[k + 1], True


_ENDERS = frozenset({".", "!", "?"})


def _opens_paragraph(text: str, m: QuoteMatch) -> bool:
    return m.start == 0 or text[m.start - 1] == "\n"


def suggest_quotes(doc: Doc, scare_quotes: str, indirect: bool) -> Doc:
    """Direct and indirect quotes in ``doc.spans[QUOTES]``; each quote's ``speaker`` attribute is the
    character offsets of its ACTOR span, from the actors group or the speaker phrases this adds to
    ``doc.spans[SPEAKERS]``."""
    actors = ActorIndex(doc, doc.spans.get(ACTORS), group(doc, SPEAKERS))
    quotes = group(doc, QUOTES)
    actors.quoted = [False] * len(doc)
    sent = sentence_ids(doc)
    bounds = sentence_bounds(sent)
    matches: list[tuple[QuoteMatch, SpacySpan]] = []
    in_quote = [False] * len(doc)
    text = doc_text(doc)
    # a press transcript's turns (pages of two or more turns), else the one-line "REYES: ..." rule
    lines = transcript_turns(doc, text, actors) or _transcript_lines(doc, text, actors)
    lines += attributed_blocks(doc, text, actors) + _signed_paragraphs(doc, text, actors)
    taken = {s for s, _e, _who in lines}
    lines += [line for line in introduced_paragraphs(doc, text, actors, sent, bounds) if line[0] not in taken]
    for m in find_quotes(text):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if any(span.start < e and s < span.end for s, e, _who in lines):
            continue  # the line of a transcript is one quote
        matches.append((m, span))
        for i in range(span.start, span.end):
            in_quote[i] = True
    actors.quoted = in_quote
    speakers: list[int | None] = []
    has_verb: list[bool] = []
    verb_of: list[int | None] = [None]  # the speech verb each quote was given, after a first None
    for m, span in matches:
        words = m.inner_words(text)
        labelled = _labelled(doc, text, actors, m)
        if labelled is not None:  # 'Sen. Jim Banks (R-IN): “...”': the label speaks every quote of its paragraph
            actors.speakers.add(labelled)
            speakers.append(labelled)
            has_verb.append(True)
            verb_of.append(None)
            continue
        found = _find_verb(doc, span.start, span.end, in_quote, sent, bounds)
        if found is None and span.start > 0 and sent[span.start - 1] != sent[span.start] and words > SHORT_WORDS:
            found = _verb_in_previous_sentence(doc, span.start, in_quote, sent, bounds)
        if found is not None and m.closed and words <= 2 and not _adjacent(found[0], span):
            found = None  # a one- or two-word quote needs its verb close by: "what it called an “approach”"
        who = None
        verb_of.append(found[0] if found is not None else None)
        if found is not None and found[0] == verb_of[-2] and speakers[-1] is not None:
            who = speakers[-1]  # '"...;" read the statement; "we will not ..."': one verb, one speaker for both
        elif found is not None:
            v, after = found
            subj = subject_token(doc, v, after, span.end)
            if subj is not None and not in_quote[subj]:
                who = actor_for_token(actors, subj, sent)
            if who is None:  # "..., but stated they would": the sentence's subject speaks
                first = bounds[sent[v]][0]
                subj = _fallback_subject(doc, actors, first, v, in_quote)
                who = actor_for_token(actors, subj, sent) if subj is not None else None
        if found is None and not _looks_like_title(text, m):
            who = _dash_attribution(doc, actors, span.end)
        if who is None and found is None and words >= SENTENCE_WORDS:
            who = _introduced_by_colon(doc, actors, span.start, sent, in_quote)
            found = (span.start, False) if who is not None else None
        if who is None and found is None and words >= SENTENCE_WORDS and _sentence_quote(doc, text, m, span):
            who = _previous_subject(doc, actors, span.start, sent, bounds, in_quote)
            found = (span.start, False) if who is not None else None
        if who is not None:
            actors.speakers.add(who)
        speakers.append(who)
        has_verb.append(found is not None or who is not None)
    _first_halves(doc, text, matches, speakers, has_verb)
    # A quote over several paragraphs, or a paragraph that goes on quoting, shares its speaker.
    for k in range(len(matches)):
        if speakers[k] is not None:
            continue
        m = matches[k][0]
        prev = matches[k - 1][0] if k > 0 else None
        if prev is None or speakers[k - 1] is None:
            continue
        if m.paragraph == prev.paragraph and _sentence_quote(doc, text, m, matches[k][1]):
            speakers[k], has_verb[k] = (
                speakers[k - 1],
                True,
            )  # '"Yes," she said. "Absolutely yes."': kept, however short
            continue
        if has_verb[k]:
            continue
        if (
            prev.continues
            or m.paragraph == prev.paragraph
            or (m.paragraph - prev.paragraph == 1 and _opens_paragraph(text, m))
        ):
            speakers[k] = speakers[k - 1]
    # every paragraph of one quotation gets the same speaker: the first one found in the run
    k = 0
    while k < len(matches):
        j = k
        while j + 1 < len(matches) and matches[j][0].continues:
            j += 1
        who = next((speakers[x] for x in range(k, j + 1) if speakers[x] is not None), None)
        for x in range(k, j + 1):
            speakers[x] = who
        k = j + 1
    for start, end, who in lines:
        _add_quote(doc, quotes, actors, start, end, who, "direct", 0.8, in_quote)
    mixed = _mixed_quotes(doc, actors, matches, in_quote, sent, bounds, speakers)
    absorbed = {k for _s, _e, _who, inside in mixed for k in inside}
    for start, end, who, _inside in mixed:
        _add_quote(doc, quotes, actors, start, end, who, "mixed", 0.8 if who is not None else 0.6, in_quote)
    for k, (m, span) in enumerate(matches):
        if k in absorbed:
            continue
        words = m.inner_words(text)
        short = m.closed and words <= 2
        if not has_verb[k] and m.closed and (_looks_like_title(text, m) or words <= SHORT_WORDS):
            short = True  # "The Internet Explorer 6 Countdown", "significant public benefit.": a name or a term
        if words >= SENTENCE_WORDS and _sentence_quote(doc, text, m, span):
            short = False  # '"The bridge is safe."': a whole sentence in marks is speech
        if m.closed and _title_case(text, m):
            short, has_verb[k] = True, False  # a robot named "Better Idea of Afghan Girls": a name, whatever the verb
        if short and not has_verb[k]:
            if scare_quotes == "drop":
                continue
            conf = 0.3
        elif short:
            conf = 0.6
        else:
            conf = 0.9 if speakers[k] is not None else 0.7
        if not m.closed:
            conf = min(conf, 0.8)
        add(
            quotes,
            SpacySpan(doc, span.start, span.end, label="QUOTE"),
            confidence=conf,
            source=QUOTES,
            kind="direct",
            speaker=_where(actors, speakers[k]),
        )
    if indirect:
        _indirect(doc, actors, quotes, sent, bounds, in_quote)
    return doc


def _where(actors: ActorIndex, n: int | None) -> tuple[int, int] | None:
    return actors.offsets(n) if n is not None else None


def _add_quote(
    doc: Doc, quotes: SpanGroup, actors: ActorIndex, start: int, end: int, who: int | None, kind: str,
    confidence: float, covered: list[bool],
) -> None:
    """A rule's QUOTE at tokens [start, end) said by actor ``who``; its tokens are marked in ``covered``."""
    add(quotes, SpacySpan(doc, start, end, label="QUOTE"), confidence=confidence, source=QUOTES, kind=kind,
        speaker=_where(actors, who))
    for i in range(start, end):
        covered[i] = True


# verbs that make a document a source ("the report found", "the study showed"); inside what someone else
# says ('Mohib said the girls had shown "remarkable courage"') they report nothing
_FINDING = frozenset({"found", "finds", "showed", "shown", "shows", "suggest", "suggested", "suggests"})


def _attributes(doc: Doc, j: int, matches: list[tuple[QuoteMatch, SpacySpan]], in_quote: list[bool]) -> bool:
    """A speech verb right next to a quote ('stating, "..."', '"...," he said'): that quote is its own."""
    if in_quote[j] or not speech_verb_at(doc, j):
        return False
    return any(0 <= span.start - j <= ADJACENT_VERB or 0 <= j - span.end < ADJACENT_VERB + 1 for _m, span in matches)


def _mixed_quotes(
    doc: Doc,
    actors: ActorIndex,
    matches: list[tuple[QuoteMatch, SpacySpan]],
    in_quote: list[bool],
    sent: list[int],
    bounds: dict,
    speakers: list[int | None],
) -> list[tuple[int, int, int | None, list[int]]]:
    """Reported clauses that hold quoted words: (start, end, speaker, the direct quotes they take in)."""
    result: list[tuple[int, int, int | None, list[int]]] = []
    absorbed: set[int] = set()
    text = doc_text(doc)
    for s in sorted({sent[span.start] for _m, span in matches}):
        lo, hi = bounds[s]
        for _m, span in matches:
            if lo <= span.start < hi:
                hi = max(hi, span.end)
        if hi < len(doc) and in_quote[hi - 1] and "\n" not in doc[hi - 1].whitespace_:
            nxt_hi = bounds[sent[hi]][1]
            if nxt_hi - hi <= MIXED_SOURCE_TOKENS:
                hi = nxt_hi  # 'We need to "make sure ...," Ms Bauchtman said.' split by the parser at the mark
        v = lo
        reporting = speech_verbs().reporting
        while v < hi:
            low = doc[v].lower_
            if in_quote[v] or not (low in reporting or low in MIXED_VERBS) or not speech_verb_at(doc, v):
                v += 1
                continue
            later = under_later_source(doc, v, lo, hi, in_quote)  # '..., according to prosecutors.': theirs
            clause = reported_clause(doc, v, lo, hi, in_quote) if not later else None
            if clause is None:
                v += 1
                continue
            cs, ce = clause
            for k, (m, span) in enumerate(matches):
                if k not in absorbed and span.start < ce and cs < span.end:
                    if cs < span.start and _after_full_stop(text, m):
                        ce = span.start  # 'she said, clapping. "Absolutely yes."': a new sentence
                        continue
                    cs, ce = min(cs, span.start), max(ce, span.end)  # a clause never cuts a quote
            if ce + 1 < hi and doc[ce].text == "," and doc[ce + 1].is_quote and in_quote[ce + 1]:
                after = next((span for _m, span in matches if span.start == ce + 1), None)
                if after is not None:
                    ce = after.end  # 'described Montalvo as an individual, "facing ..."'
            if any(_attributes(doc, j, matches, in_quote) for j in range(cs, ce) if doc[j].lower_ not in _FINDING):
                v += 1  # 'reported that ... a message stating, "..."': the nearer verb reports the quote
                continue
            for _m, span in matches:
                if cs <= span.start and span.end < ce and _ends_sentence(doc, span.end):
                    ce = span.end  # '"... her mother's breast." Gloria also became ...': the clause ends with the quote
            inside = [k for k, (_m, span) in enumerate(matches) if k not in absorbed and cs <= span.start < ce]
            outside = any(not in_quote[j] and (doc[j].is_alpha or doc[j].like_num) for j in range(cs, ce))
            if not inside or not outside or cs <= v < ce:
                v += 1
                continue
            sv = inner_report(doc, v, hi, in_quote) or v
            subj = subject_token(doc, sv, sv >= ce, ce)
            who = actor_for_token(actors, subj, sent) if subj is not None and not in_quote[subj] else None
            if who is None:
                who = next((speakers[k] for k in inside if speakers[k] is not None), None)
            result.append((cs, ce, who, inside))
            absorbed.update(inside)
            v = max(v + 1, ce)
    return result


def _indirect(doc: Doc, actors: ActorIndex, quotes, sent: list[int], bounds: dict, in_quote: list[bool]) -> None:
    taken = list(in_quote)
    for s_start, s_end in bounds.values():
        for v in range(s_start, s_end):
            if taken[v] or not speech_verb_at(doc, v) or under_later_source(doc, v, s_start, s_end, in_quote):
                continue
            for start, end in _indirect_clauses(doc, v, s_start, s_end, in_quote):
                if any(taken[start:end]):
                    continue
                sv = inner_report(doc, v, s_end, in_quote) or v  # "According to ABC News, Basya believes ...": Basya
                subj = subject_token(doc, sv, start < sv, end)
                who = actor_for_token(actors, subj, sent) if subj is not None else None
                if who is None and sv < start:  # the parser lost the verb's subject: the sentence's first speaker
                    subj = _fallback_subject(doc, actors, s_start, sv, in_quote)
                    who = actor_for_token(actors, subj, sent) if subj is not None else None
                _add_quote(doc, quotes, actors, start, end, who, "indirect", 0.6 if who is not None else 0.4, taken)
    _position_clauses(doc, actors, quotes, sent, taken, in_quote)
    _channel_openers(doc, actors, quotes, sent, bounds, taken, in_quote)


# documents and messages that hold what their author says: "In a situational report of NDRRMC, ..."
_CHANNELS = frozenset(
    {"report", "statement", "interview", "letter", "tweet", "post", "release", "filing", "ruling", "judgment"}
    | {"judgement", "memo", "message", "notice", "communique", "communiqué", "briefing", "update", "bulletin"}
)
_CHANNEL_AUTHOR = frozenset({"of", "by", "from"})
CHANNEL_REACH = 12  # tokens from "In" to the comma that ends the opener


def _channel_openers(
    doc: Doc, actors: ActorIndex, quotes, sent: list[int], bounds: dict, taken: list[bool], in_quote: list[bool]
) -> None:
    """ "In a situational report of NDRRMC, Wednesday's tremor damaged 143 buildings." / "In its statement, ...":
    a sentence opened by the document or message that says it, and no speech verb of its own: the rest of the
    sentence is an indirect quote of the document's author (after "of", "by", "from", or its possessor)."""
    if not has_parse(doc):
        return
    for lo, hi in bounds.values():
        lo = next((k for k in range(lo, hi) if not doc[k].is_space), hi)
        if hi - lo < 6 or doc[lo].lower_ != "in" or taken[lo]:
            continue
        comma = next((k for k in range(lo + 1, min(hi, lo + CHANNEL_REACH)) if doc[k].text == ","), None)
        if comma is None or comma + 4 >= hi:
            continue
        noun = next((t for t in doc[lo + 1 : comma] if t.lower_ in _CHANNELS and t.pos_ == "NOUN"), None)
        if noun is None or noun.head.i != lo:
            continue
        author = [g for c in noun.children if c.lower_ in _CHANNEL_AUTHOR for g in c.children if g.dep_ == "pobj"]
        author += [c for c in noun.children if c.dep_ == "poss"]
        if not author:
            continue  # "In a statement, ...": whose, the sentence does not say
        start, end = comma + 1, hi
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not in_quote[end - 1]:
            end -= 1
        words = doc[start:end]
        if (
            end - start < 3
            or any(taken[start:end])
            or any(in_quote[start:end])
            or not any(t.tag_ in _FINITE_TAGS for t in words)
            or any(speech_verb_at(doc, t.i) for t in words)
        ):
            continue  # "In a statement, the SDF said, ...": its own verb reports it
        who = actor_for_token(actors, author[0].i, sent)
        _add_quote(doc, quotes, actors, start, end, who, "indirect", 0.6 if who is not None else 0.4, taken)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


# nouns whose "was that ..." reports what someone holds: "The government's counter-argument was that ..."
_POSITION_NOUNS = frozenset(
    {
        "position",
        "argument",
        "claim",
        "view",
        "message",
        "conclusion",
        "response",
        "assessment",
        "finding",
        "verdict",
        "line",
        "explanation",
        "contention",
        "belief",
        "allegation",
        "case",
        "defence",
        "defense",
        "stance",
        "statement",
    }
)
_COPULAS = frozenset({"is", "was", "remains", "remained"})


def _position_clauses(
    doc: Doc, actors: ActorIndex, quotes, sent: list[int], taken: list[bool], in_quote: list[bool]
) -> None:
    """ "The official position remained that rogue operatives committed the murder": the clause after "that" is
    an indirect quote; the possessor of the noun speaks ("The government's counter-argument" -> the government),
    else the noun phrase itself."""
    if not has_parse(doc):
        return
    for tok in doc:
        if tok.lower_ not in _COPULAS or taken[tok.i] or tok.i + 2 >= len(doc):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i and c.lower_ in _POSITION_NOUNS]
        comp = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
        if not subj or not comp or doc[tok.i + 1].lower_ != "that":
            continue
        start, end = tok.i + 2, comp[0].right_edge.i + 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start < 3 or any(taken[start:end]) or any(in_quote[start:end]):
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        owner = [g for c in subjects for g in c.children if g.dep_ == "poss"]  # "The government's counter-argument"
        who = actor_for_token(actors, owner[0].i if owner else subj[0].i, sent)
        _add_quote(doc, quotes, actors, start, end, who, "indirect", 0.6 if who is not None else 0.4, taken)


def _speaker_of(
    doc: Doc, actors: ActorIndex, start: int, end: int, in_quote: list[bool], sent: list[int], bounds: dict
) -> int | None:
    """The actor who says the quote at tokens [start, end), found by the same speech-verb rules as above."""
    found = _find_verb(doc, start, end, in_quote, sent, bounds)
    if found is None and start > 0 and sent[start - 1] != sent[start]:
        found = _verb_in_previous_sentence(doc, start, in_quote, sent, bounds)
    if found is None:
        return _dash_attribution(doc, actors, end)
    v, after = found
    subj = subject_token(doc, v, after, end)
    who = actor_for_token(actors, subj, sent) if subj is not None and not in_quote[subj] else None
    if who is None:
        first = bounds[sent[v]][0]
        subj = _fallback_subject(doc, actors, first, v, in_quote)
        who = actor_for_token(actors, subj, sent) if subj is not None else None
    return who


def suggest_model_quotes(doc: Doc, predicted: list[tuple[int, int, float | None]]) -> Doc:
    """QUOTE spans a trained span categorizer predicted, used as such; their speakers come from the rules."""
    actors = ActorIndex(doc, doc.spans.get(ACTORS), group(doc, SPEAKERS))
    quotes = group(doc, QUOTES)
    sent = sentence_ids(doc)
    bounds = sentence_bounds(sent)
    in_quote = [False] * len(doc)
    kept: list[tuple[int, int, float | None]] = []
    # Two overlapping candidates are mostly one quote cut two ways: keep the more confident one.
    for start, end, score in sorted(predicted, key=lambda p: -(p[2] if p[2] is not None else MODEL_CONFIDENCE)):
        if not any(start < e and s < end for s, e, _ in kept):
            kept.append((start, end, score))
    predicted = sorted(kept)
    for start, end, _score in predicted:
        for i in range(start, end):
            in_quote[i] = True
    actors.quoted = in_quote
    for start, end, score in predicted:
        marks = [is_quote_mark(t.text) for t in doc[start:end]]
        kind = "direct" if marks[0] and marks[-1] else ("mixed" if any(marks) else "indirect")
        who = _speaker_of(doc, actors, start, end, in_quote, sent, bounds)
        if who is not None:
            actors.speakers.add(who)  # a later "he said" may stand for this speaker
        add(
            quotes,
            SpacySpan(doc, start, end, label="QUOTE"),
            confidence=MODEL_CONFIDENCE if score is None else round(score, 3),
            source="model",
            kind=kind,
            speaker=_where(actors, who),
        )
    return doc
