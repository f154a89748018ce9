"""Block quotes and tweets as citizen media lay them out (resources/guidelines.md, "Blogs and social-media
layouts"): paragraphs after an introduction that makes someone speak, without quote marks; tweet lines.

Everything here works paragraph by paragraph on the text first (string tests and regular expressions compiled
once) and looks at the parse only for the few paragraphs that can introduce a block quote."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from annotator.nlp.doc_units import has_parse
from annotator.nlp.language import ENGLISH_WORDS, not_english
from annotator.nlp.lexicon import actor_words, speech_verbs
from annotator.nlp.quote_candidates import is_quote_mark
from annotator.nlp.quote_marks import paragraphs
from annotator.nlp.speakers import (
    PRONOUNS,
    ActorIndex,
    actor_for_token,
    label_line,
    phrase_start,
    speech_verb_at,
    subject_token,
)

Line = tuple[int, int, int | None]  # a quote's token span and its speaker (an actor number)

BLOCK_WORDS = 3  # a paragraph of a block quote has at least this many words ("Silence is a crime")
INTRODUCED_PARAGRAPHS = 6  # paragraphs of one block quote after its introduction, at most
SUBJECTLESS_INTRO_TOKENS = 12  # "April 5, 2012 [ru]:", "And added:": an introduction this short without a subject
# the first or second person ("US" is the country)
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|[Mm]e|[Uu]s|[Yy]ou|[Yy]our)\b")
_DOUBLE_MARKS = frozenset('"“”«»„')
FOREIGN_WORDS = 8
PLAIN_ENGLISH_CHARS = 300
PLAIN_ENGLISH_WORDS = 4  # this many of "the", "and", "of", ... in the first characters: an English paragraph
_PLAIN_ENGLISH = re.compile(r"\b(?:the|and|of|to|is|was|that|with|for)\b")
_WORDS = re.compile(r"(?<![#@\w])[^\W\d_]+")  # words, not hashtags or handles
_RELATIVE = frozenset({"who", "that", "which"})
_SUBORDINATE = frozenset({"relcl", "acl", "advcl"})

# Chinese, Japanese and Korean are written without spaces between words: each character counts as a word
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# a line that only marks an elision or a break inside a quoted post: "...", "[...]", "(…)", "***"
_SEPARATOR = re.compile(r"[\[(]?(?:\.{3,}|…)[\])]?|\*(?:\s*\*){2,}")
# a paragraph that opens with an elision ("[...] Yes, it may seem ...") is an excerpt of a quoted post
_ELISION = re.compile(r"[\[(](?:\.{3,}|…)[\])]|\.{3,}|…")
_NUMBERED = re.compile(r"\d{1,2}[.)]\s")  # "1. Lifting the limitations ...": an item of a numbered list
# a link marked with its language ("[es]", "[uk, ru]") belongs to the post's own voice, never to what it quotes
_LANGUAGE_TAG = re.compile(r"\[[a-z]{2}(?:, ?[a-z]{2})*\]")
# an image credit or licence line of the post itself: "The thumbnail image ... used under a ... license"
_CREDIT_LINE = re.compile(r"\bused under (?:an? )?[^\n]{0,80}?\blicen[cs]e\b|^This post (?:was|is) ", re.IGNORECASE)

_HANDLE = r"@\w{1,30}"
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
# a tweet line: "@handle: text", "@handle [es]: text", "@handle (May 1, 10:15): text", "@handle; text",
# "RT @handle: text", "Name (@handle): text"
_TWEET_LINE = re.compile(
    rf"(?:RT:?\s+)?(?:(?P<name>{_NAME}) \()?(?P<handle>{_HANDLE})\)?"
    r"(?:\s*\[[a-z]{2}(?:, ?[a-z]{2})*\])?(?:\s*\([^()\n]{1,40}\))?\s*[:;]\s*(?=\S)"
)
# a tweet signed at its end: "text — @handle", "text - Name (@handle) May 1, 2012"; or a line of its own
# after the tweet (as a tweet embedded in a page reads without its markup)
_SIGNATURE = (
    rf"[—–―-]{{1,2}}\s*(?:(?P<name>{_NAME})\s+)?\(?(?P<handle>{_HANDLE})\)?"
    r"(?:,?\s+[^@\n]{0,40}?\d[^@\n]{0,20})?\s*$"  # a date or time after the handle
)
_TWEET_SIGNED = re.compile(rf"\s+{_SIGNATURE}")
_SIGNATURE_LINE = re.compile(_SIGNATURE)


def block_words(body: str) -> int:
    """Words of a paragraph, each Chinese, Japanese or Korean character one word."""
    n = len(body.split())
    return n if body.isascii() else n + len(_CJK.findall(body))


def foreign(body: str) -> bool:
    """A paragraph in another language or script: a quoted original before its translation (also in a language
    whose function words annotator.nlp.language does not list: eight words or more, not one English function
    word)."""
    if len(_PLAIN_ENGLISH.findall(body, 0, PLAIN_ENGLISH_CHARS)) >= PLAIN_ENGLISH_WORDS:
        return False  # most paragraphs: English at first sight, no need to count letters
    if not_english(body):
        return True
    words = _WORDS.findall(body.lower())
    return len(words) >= FOREIGN_WORDS and not any(w in ENGLISH_WORDS for w in words)


def colon_subject(doc: Doc, qs: int, in_quote: list[bool]) -> int | None:
    """The subject of the clause that a colon right before token ``qs`` ends."""
    k = qs - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 1 or doc[k].text != ":" or not has_parse(doc):
        return None
    root = doc[k - 1]
    while root.head is not root and root.dep_ != "ROOT" and root.head.i < k:
        root = root.head  # 'Lindqvist returned to the podium: "We will ..."': never up into the quote the parser joined
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < k and not in_quote[c.i]]
    return subj[0].i if subj else None


def _narrates(doc: Doc, para: SpacySpan, body: str, actors: ActorIndex, who: int) -> bool:
    """A paragraph after a block quote goes back to the narration: it reports speech itself, names the block's
    speaker, ends in a colon (a new introduction), marks a link with its language or credits an image."""
    if body.endswith(":") or _LANGUAGE_TAG.search(body) or _CREDIT_LINE.search(body):
        return True
    name = actors.spans[who][-1].lower_
    marks = 0
    for t in para:
        if is_quote_mark(t.text):
            marks += 1
        elif marks % 2 == 0 and (speech_verb_at(doc, t.i) or t.lower_ == name):
            return True
    return False


def _subordinate(tok: Token) -> bool:
    """The verb stands in a relative or adverbial clause ("Mesfin Negash, who has been charged ..., wrote:")."""
    while tok.dep_ != "ROOT" and tok.head is not tok:
        if tok.dep_ in _SUBORDINATE:
            return True
        tok = tok.head
    return False


def _in_brackets(doc: Doc, i: int) -> bool:
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "[" and doc[i + 1].text == "]"


def _name_at(doc: Doc, actors: ActorIndex, i: int) -> int | None:
    """The person named at token ``i``: an actor, or a name the entity recogniser missed."""
    n = actors.by_token[i]
    if n >= 0:
        return n if actors.type_of(n) in ("person", "group") and actors.spans[n].start == i else None
    if not has_parse(doc) or doc[i].pos_ != "PROPN":
        return None
    end = i
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    return actors.add_phrase(i, end, "person")


def _like_name(doc: Doc, actors: ActorIndex, subj: int) -> int | None:
    """ "Some, like Anahit Markosian, called ...": the name given as example."""
    if subj + 3 < len(doc) and doc[subj + 1].text == "," and doc[subj + 2].lower_ == "like":
        return _name_at(doc, actors, subj + 3)
    return None


def _subject_speaker(doc: Doc, subj: int, actors: ActorIndex, sent: list[int]) -> int | None:
    """The actor a subject token stands for: a relative pronoun for the noun it follows ("Ndagha who says"), a
    quantifier for the name it gives as example ("Some, like Anahit Markosian, called"), a name the entity
    recogniser missed for itself ("Chan Kwan Yeung defended"), a capitalised title for itself with the name it
    holds ("Voice of the Nightingale voiced")."""
    tok = doc[subj]
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i < subj:
        subj = tok.head.head.i
        tok = doc[subj]
    if actors.by_token[subj] >= 0 or not has_parse(doc):
        return actor_for_token(actors, subj, sent)
    named = _like_name(doc, actors, subj)
    if named is not None:
        return named
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        start = phrase_start(doc, subj)
        words = actor_words()
        while start < subj and (doc[start].lower_ in words.titles or doc[start].lower_ in words.person_nouns):
            start += 1  # "Blogger Jan Novak": the name without its title (guidelines, ACTOR titles)
        return actors.add_phrase(start, subj + 1, "person")
    if tok.pos_ == "NOUN" and tok.text[:1].isupper():
        inner = [actors.by_token[t.i] for t in tok.subtree if t.i > subj and actors.by_token[t.i] >= 0]
        if inner and actors.sources[inner[0]] == "model":
            return actors.add_phrase(tok.left_edge.i, tok.right_edge.i + 1, actors.type_of(inner[0]))
    return actor_for_token(actors, subj, sent)


def _introducer(
    doc: Doc, intro: SpacySpan, actors: ActorIndex, sent: list[int], bounds: dict, no_quotes: list[bool]
) -> tuple[int | None, bool]:
    """Who the introduction ``intro`` (ending in a colon) makes speak, and whether it has no subject at all
    ("April 5, 2012 [ru]:", "And added:")."""
    lo = max(intro.start, bounds[sent[intro.end - 1]][0])
    verbs = [i for i in range(intro.start, intro.end) if speech_verb_at(doc, i)]
    # the introduction's last sentence, its main verb first ("Mesfin Negash, who has been charged ..., wrote:"),
    # or the speech verb of an earlier one ("Elaine Ee believes that the code will not help. Instead, the
    # government should free the media:": Elaine Ee)
    last = [i for i in verbs if i >= lo]
    main = [i for i in last if not _subordinate(doc[i])] if has_parse(doc) else []
    verb = main[0] if main else (last[0] if last else (verbs[-1] if verbs else None))
    if verb is not None:
        subj = subject_token(doc, verb, False, verb)
        if subj is not None and _in_brackets(doc, subj):  # "The online poster [zh] states:": not "zh"
            subj = next((c.i for c in doc[verb].children if c.dep_ == "nsubj" and not _in_brackets(doc, c.i)), None)
        if subj is None and verb - 4 >= intro.start and doc[verb - 1].text == "]" and doc[verb - 3].text == "[":
            # "The association's online petition [de] states:": the parser lost the subject behind the tag
            subj = verb - 4 if doc[verb - 4].pos_ in ("NOUN", "PROPN") else None
        who = _subject_speaker(doc, subj, actors, sent) if subj is not None else None
        if who is None and has_parse(doc):
            # "Jordy M.Y. [es](@jordy_my) reported ...:": a subject the parser lost in the link marks; the nearest
            # name before the verb
            names = [n for n in actors.by_token[intro.start : verb] if n >= 0 and actors.sources[n] == "model"]
            who = names[-1] if names and actors.type_of(names[-1]) in ("person", "group") else None
        return who, subj is None and len(intro) <= SUBJECTLESS_INTRO_TOKENS  # "And added:"
    first = intro[0]
    if first.lower_ == "for" and len(intro) > 3:
        n = _name_at(doc, actors, first.i + 1)  # "For Kar (@Karkarkarrr) the police actions are negative:"
        if n is not None and actors.spans[n].end < intro.end and doc[actors.spans[n].end].text in (",", "("):
            return n, False
    # "Rebecca remains factual:", "Generation Y draws a parallel:": a person or group named as subject
    subj = colon_subject(doc, intro.end, no_quotes)
    if subj is not None and _like_name(doc, actors, subj) is not None:
        return _like_name(doc, actors, subj), False  # "Some, like Wanjiru Kamau, welcomed it on her blog:"
    if subj is None or (doc[subj].pos_ in ("PRON", "SCONJ", "DET") and doc[subj].lower_ not in PRONOUNS):
        # "April 5, 2012 [ru]:", "What concerns her most, though, is that:": no one as subject
        subjectless = has_parse(doc) and not any(
            t.dep_.startswith(("nsubj", "csubj", "expl")) and (t.pos_ in ("NOUN", "PROPN") or t.lower_ in PRONOUNS)
            for t in intro
        )
        return None, subjectless or (not has_parse(doc) and len(intro) <= 3)
    # "Here are some examples of the discussions:": nobody speaks (and no phrase becomes an actor)
    named = actors.by_token[subj] >= 0 or doc[subj].pos_ == "PROPN" or doc[subj].lower_ in PRONOUNS
    who = _subject_speaker(doc, subj, actors, sent) if named else None  # "..., he makes an attack:": who "he" is
    if who is not None and actors.type_of(who) not in ("person", "group"):
        who = None
    return who, False


def _paragraph_speaker(doc: Doc, para: SpacySpan, actors: ActorIndex, sent: list[int]) -> int | None:
    """Who the last main speech verb of a paragraph makes speak ("In early April, he wrote two blog posts ...")."""
    for i in range(para.end - 1, para.start - 1, -1):
        if not speech_verb_at(doc, i) or (
            has_parse(doc) and (doc[i].pos_ not in ("VERB", "AUX") or _subordinate(doc[i]))
        ):
            continue
        subj = subject_token(doc, i, False, i)
        who = _subject_speaker(doc, subj, actors, sent) if subj is not None and para.start <= subj < i else None
        if who is not None:
            return who
    return None


def _full_stop_introducer(doc: Doc, intro: SpacySpan, actors: ActorIndex, sent: list[int]) -> int | None:
    """ "The Armenian Observer blog comments.": a last sentence whose main verb reports speech, said by a name,
    introduces the quoted post that follows (checked by the caller to read like one)."""
    if not has_parse(doc) or len(intro) < 3:
        return None
    lo = intro.end - 1
    while lo > intro.start and sent[lo - 1] == sent[intro.end - 1]:
        lo -= 1
    for i in range(lo, intro.end):
        if doc[i].dep_ != "ROOT" or not speech_verb_at(doc, i) or doc[i].pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "mark" and c.lower_ == "that") for c in doc[i].children):
            return None  # "X said that ...": a reported clause, not an introduction
        subj = subject_token(doc, i, False, i)
        if subj is None or not (lo <= subj < i):
            return None
        who = _subject_speaker(doc, subj, actors, sent)
        return who if who is not None and any(t.pos_ == "PROPN" for t in actors.spans[who]) else None
    # "The Armenian Observer blog comments.": parsed as a noun phrase, the last word is the verb
    last = doc[intro.end - 2] if doc[intro.end - 1].text == "." else None
    if last is None or not last.lower_.endswith("s") or last.lower_ not in speech_verbs().forms:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[lo : last.i]):
        return None
    named = [actors.by_token[i] for i in range(lo, last.i) if actors.by_token[i] >= 0]
    if named:
        return named[0] if actors.sources[named[0]] == "model" else None
    # a name the entity recogniser missed: from its first capitalised word ("Armenian Observer blog")
    first = next((i for i in range(lo + 1, last.i) if doc[i].text[:1].isupper()), None)
    return actors.add_phrase(first, last.i, "group") if first is not None else None


def _reads_quoted(body: str, strict: bool = False) -> bool:
    """A paragraph that reads like an excerpt of someone's post: it opens with an elision, is in another
    language, or speaks in the first person (``strict``: with no quote marks, whose words could be the ones
    speaking)."""
    if _ELISION.match(body):
        return True
    if not (strict and any(c in _DOUBLE_MARKS for c in body)) and _FIRST_PERSON.search(body):
        return True
    return foreign(body)


def _tweet_speaker(doc: Doc, actors: ActorIndex, m: re.Match[str], intro: int | None) -> int | None:
    """The speaker of a tweet line: a named introduction's person, else the name before the handle, else the
    handle itself."""
    if intro is not None and (actors.type_of(intro) == "person" or actors.sources[intro] == "model"):
        return intro
    group = "name" if m.group("name") else "handle"
    span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
    if span is None or len(span) == 0:
        return intro
    n = actors.by_token[span.start]
    if n >= 0 and actors.spans[n].start == span.start:
        return n
    return actors.add_phrase(span.start, span.end, "person")


_LIST_INTRO = re.compile(r"\b(?:including|such as|among them|for example|for instance|e\.g\.)\s*:\s*$", re.IGNORECASE)


def introduced_paragraphs(doc: Doc, text: str, actors: ActorIndex, sent: list[int], bounds: dict) -> list[Line]:
    """ "Richard Chirombo says that Malawians should expect more:" and then paragraphs without marks: a block
    quote (markup lost) of whoever the introduction makes speak, one QUOTE per paragraph, up to the paragraph
    where the post's own voice comes back. Also after an introduction that ends in a full stop when what
    follows reads like a quoted post ("The Armenian Observer blog comments." / "[...] the activists ...").
    Tweet lines in such a block are said after their handle; tweet lines anywhere else are the handle's."""
    found: list[Line] = []
    paras = list(paragraphs(text))
    no_quotes = [False] * len(doc)
    block_of: dict[int, int] = {}  # paragraph -> the speaker of the block quote it is part of
    for k in range(len(paras) - 1):
        ps, pe = paras[k]
        nxt = text[paras[k + 1][0] : paras[k + 1][1]]
        if is_quote_mark(nxt[0]) or k + 1 in block_of:
            continue
        colon = text[pe - 1] == ":"
        if not colon and (text[pe - 1] != "." or k in block_of or not _reads_quoted(nxt, strict=True)):
            continue
        if colon and _LIST_INTRO.search(text, ps, pe):
            continue  # "... revoked visas from criminals who ..., including:": a list of examples, not a quote
        intro = doc.char_span(ps, pe, alignment_mode="expand")
        if intro is None or len(intro) < 2:
            continue
        if k in block_of:
            who = block_of[k] if colon else None  # a quoted paragraph that introduces more of the same post
        elif colon:
            who, subjectless = _introducer(doc, intro, actors, sent, bounds, no_quotes)
            if who is None and subjectless and len(intro) <= SUBJECTLESS_INTRO_TOKENS and k > 0:
                # "April 5, 2012 [ru]:", "And added:": the one who spoke just before, or who the paragraph
                # before says wrote
                who = block_of.get(k - 1)
                if who is None:
                    before = doc.char_span(paras[k - 1][0], paras[k - 1][1], alignment_mode="expand")
                    who = _paragraph_speaker(doc, before, actors, sent) if before is not None else None
        else:
            who = _full_stop_introducer(doc, intro, actors, sent)
        if who is None:
            continue
        tweets = [_TWEET_LINE.match(text, *paras[j]) for j in range(k + 1, min(len(paras), k + 3))]
        handles = {m.group("handle").lower() for m in tweets if m is not None}
        after_separator = False
        taken = originals = 0  # originals: quoted paragraphs in another language still to be translated
        translated = False  # every original so far has had its translation
        for j in range(k + 1, len(paras)):
            body = text[paras[j][0] : paras[j][1]]
            if _SEPARATOR.fullmatch(body):
                after_separator = True  # "[...]": the post goes on after what was left out
                continue
            if taken == INTRODUCED_PARAGRAPHS or block_words(body) < BLOCK_WORDS or is_quote_mark(body[0]):
                break
            if label_line(text, *paras[j]) is not None:
                break  # "Sen. Patty Murray: “...”": a quote of the one its label names, not of the introduction's
            tweet = _TWEET_LINE.match(text, paras[j][0], paras[j][1])  # "@AguilB: What are ...": after the colon
            start, end = _without_elisions(text, tweet.end() if tweet else paras[j][0], paras[j][1])
            said = doc.char_span(start, end, alignment_mode="expand")
            if said is None or len(said) == 0:
                break
            original = foreign(body)
            # quoted originals in another language are followed by their translations: the same quotes again
            translation = not original and originals > 0
            # "2. Legalization of ...": the next item of a numbered list the block holds
            item = (
                _NUMBERED.match(body) is not None and taken > 0 and _NUMBERED.match(text, paras[j - 1][0]) is not None
            )
            goes_on = translation or after_separator or item or _reads_quoted(body)
            if j > k + 1 and not goes_on and (translated or _narrates(doc, said, body, actors, who)):
                break  # (a post quoted in the original and translated goes on with more of both, or in its voice)
            if tweet is None and not original and not _sentence_like(doc, said, body):
                break  # "Video of a worker's testimony.", "Solutions for the local population?": a caption, a heading
            if (
                j > k + 1
                and body.endswith(":")
                and not original
                and _introduces_another(doc, said, actors, who, sent, bounds)
            ):
                break  # "On April 21, Usov noted on Facebook that ...:": a new introduction
            speaker: int | None = who
            if tweet is not None:  # tweets of several people after one introduction: each its handle's
                speaker = _tweet_speaker(doc, actors, tweet, who if len(handles) <= 1 else None)
            found.append((said.start, said.end, speaker))
            block_of[j] = who
            taken += 1
            after_separator = False
            if original:
                originals = 1 if taken == 1 or not foreign(text[paras[j - 1][0] : paras[j - 1][1]]) else originals + 1
            elif translation:
                originals -= 1
                translated = originals == 0
            if body.endswith(":") and not original:
                break  # it introduces what follows itself
        if taken:
            actors.speakers.add(who)
    return found + _tweet_lines(doc, text, actors, paras, block_of)


def _without_elisions(text: str, start: int, end: int) -> tuple[int, int]:
    """ "[...] Yes, it may seem ... moment. [...]": the quoted words without the marks of what was left out."""
    m = _ELISION.match(text, start, end)
    if m is not None and m.end() < end and text[m.end()].isspace():
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
    tail = text.rfind(" ", start, end)
    if tail > start and _SEPARATOR.fullmatch(text, tail + 1, end):
        end = tail
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


SHORT_PARAGRAPH_WORDS = 8  # a shorter paragraph in a block quote needs a verb: else a caption or a heading


def _sentence_like(doc: Doc, said: SpacySpan, body: str) -> bool:
    """A short paragraph with a verb ("Silence is a crime"), or any longer one."""
    if len(body.split()) >= SHORT_PARAGRAPH_WORDS or not has_parse(doc):
        return True
    return any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") for t in said)


def _introduces_another(doc: Doc, para: SpacySpan, actors: ActorIndex, who: int, sent: list[int], bounds: dict) -> bool:
    """A paragraph ending in a colon that makes someone else speak: a new introduction, not more of the block."""
    other, _subjectless = _introducer(doc, para, actors, sent, bounds, [False] * len(doc))
    return other is not None and other != who and actors.spans[other][-1].lower_ != actors.spans[who][-1].lower_


def _tweet_lines(
    doc: Doc, text: str, actors: ActorIndex, paras: list[tuple[int, int]], block_of: dict[int, int]
) -> list[Line]:
    """ "@MazenMahdi: Despite tear-gasing ...", "text — @handle": a tweet line outside any block quote is the
    handle's (or the name's written before it)."""
    found: list[Line] = []
    for j, (ps, pe) in enumerate(paras):
        if j in block_of or "@" not in text[ps:pe]:
            continue
        m = _TWEET_LINE.match(text, ps, pe)
        if m is not None:
            start, end = m.end(), pe
        elif (
            j > 0
            and j - 1 not in block_of
            and (m := _SIGNATURE_LINE.match(text, ps, pe)) is not None
            and _TWEET_LINE.match(text, *paras[j - 1]) is None
        ):
            start, end = paras[j - 1]  # "— Dana Reyes (@dreyes) May 2, 2012" under the tweet it signs
        else:
            m = _TWEET_SIGNED.search(text, ps, pe)
            if m is None:
                continue
            start, end = ps, m.start()
        if len(text[start:end].split()) < 2:
            continue
        said = doc.char_span(start, end, alignment_mode="expand")
        if said is None or len(said) == 0:
            continue
        who = _tweet_speaker(doc, actors, m, None)
        if who is not None:
            actors.speakers.add(who)
        found.append((said.start, said.end, who))
    return found
