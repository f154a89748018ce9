"""Is this text in another language? The one place FIGURE and ACTOR tell a quoted original from English.

News (Global Voices above all) quotes an original in French, Spanish, Armenian ...
before its English translation. The English model reads names and numbers into the
original that the guidelines mark in the translation only, so:

- FIGURE asks :func:`foreign_sentence` for each sentence that holds a number: at least
  3 function words of another language (or accented lower-case words) making up 15% of
  its words, or mostly letters of a non-Latin script;
- ACTOR asks :func:`foreign_paragraphs` for the paragraphs (lines) of a doc: at least
  3 such function words and more than twice as many as English ones, or mostly
  letters of another script.

Both count the one list :data:`FOREIGN_WORDS`. It is the union of the two lists FIGURE
and ACTOR carried before; the merge changed no suggestion (``benchmarks.suggest_dump``
over the tuning gold and 200 benchmark articles) and no answer of either check over the
14,415 sentences and 5,336 paragraphs of those texts. ACTOR's check leaves out the words
English has too ("con", "son", "do", "un"), as ACTOR's own list did: '"Son, do as I do,"
Johnson told Smith' is English.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lexeme import Lexeme
from spacy.tokens import Doc

from annotator.nlp.doc_units import WordFacts, cached, doc_text

# Function words of Spanish, Portuguese, French, Italian and German. Most words English has too ("a", "no", "die",
# "as") are left out; the few kept ("con", "son", "do", "un") seldom come three to an English sentence.
FOREIGN_WORDS = frozenset(
    {"de", "la", "el", "los", "las", "les", "des", "du", "une", "est", "que", "por", "para", "et", "à", "con", "una"}
    | {"dans", "sur", "pour", "della", "di", "del", "nel", "dall", "d’un", "d'un", "l’un", "y", "son", "avec", "sont"}
    | {"estamos", "qui", "il", "nous", "ce", "cette", "ou", "au", "aux", "entre", "lo", "al", "se", "su", "da"}
    | {"en", "le", "un", "ne", "pas", "jusqu’à", "jusqu'à", "muy", "pero", "también", "está", "sono", "degli"}
    | {"es", "como", "más", "esta", "este", "elle", "vous", "che", "non", "gli", "der", "das", "und", "ist", "nicht"}
    | {"mit", "sie", "ein", "eine", "zu", "den", "dem", "von", "auf", "für", "sich", "não", "uma", "com", "os", "do"}
    | {"em"}
)
# Words of both English and another language ("Son, do as I do"): ACTOR's paragraph check leaves them out, as its own
# list did before the two lists were merged (a paragraph that loses its names loses more than a sentence its figures)
_ENGLISH_TOO = frozenset({"con", "son", "do", "un"})
_PARAGRAPH_FOREIGN_WORDS = FOREIGN_WORDS - _ENGLISH_TOO
# English function words: a paragraph with as many of them is English whatever else it holds (ACTOR's check)
ENGLISH_WORDS = frozenset(
    {"the", "of", "and", "to", "in", "is", "that", "for", "it", "with", "was", "on", "are", "by", "this", "be", "at"}
    | {"from", "have", "has", "not", "they", "we", "you", "he", "she", "his", "her", "their", "our", "will", "but"}
    | {"or", "an", "which", "who", "were", "been", "said", "would", "its", "than", "there", "what", "about"}
)
# letters of the Latin script (with its accented and extended forms); any other letter is another script
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


def _word_counts(lex: Lexeme) -> tuple[int, int, int, int]:
    """What one word adds to a sentence's counts: (letters, letters of another script, foreign words, words)."""
    text = lex.orth_
    foreign = other_script = 0
    if text.isascii():  # most words: no other script, no accents; counted without a loop over characters
        letters = len(text) if lex.is_alpha else sum(map(str.isalpha, text))
        if letters and text.islower() and text in FOREIGN_WORDS:
            foreign += 1
    else:
        alpha = [c for c in text if c.isalpha()]
        letters = len(alpha)
        other_script = sum(ord(c) > 0x24F for c in alpha)
        if text.islower() and lex.lower_ in FOREIGN_WORDS:
            foreign += 1
        if text.islower() and any(c in "àâçéèêëîïôûùüñ" for c in text):
            foreign += 1  # "nécessite", "étapes": accents English words rarely carry
    return letters, other_script, foreign, int(lex.is_alpha)


_WORD_COUNTS = WordFacts(_word_counts)


def foreign_sentence(doc: Doc, sent: list[int], i: int, seen: dict[int, bool]) -> bool:
    """Whether the sentence of token ``i`` is in another language (Global Voices quotes originals before their
    translations): many function words of another language, or mostly letters of a non-Latin script.
    Counted for the sentences that hold a number only (``seen`` keeps the answers)."""
    k = sent[i]
    if k in seen:
        return seen[k]
    first, last = i, i
    while first > 0 and sent[first - 1] == k:
        first -= 1
    while last + 1 < len(doc) and sent[last + 1] == k:
        last += 1
    counts = cached(doc).get("_word_counts")
    if counts is None:
        counts = cached(doc)["_word_counts"] = _WORD_COUNTS.of(doc)
    letters = other_script = foreign = words = 0
    for a, b, c, d in counts[first : last + 1]:
        letters += a
        other_script += b
        foreign += c
        words += d
    answer = (words > 0 and foreign >= 3 and foreign >= 0.15 * words) or (letters > 0 and other_script > 0.5 * letters)
    seen[k] = answer
    return answer


@lru_cache(maxsize=1024)  # ACTOR asks for each line twice: for its not-actor lines and for foreign_paragraphs
def not_english(line: str) -> bool:
    """A paragraph in another script or language: the English model reads names into it that are none ("Detuvieron",
    "Պարզվեց"); its actors are marked in the translation that follows."""
    letters = sum(map(str.isalpha, line))
    if letters < 12:
        return False
    if not line.isascii() and len(_OTHER_SCRIPT.findall(line)) > letters / 2:
        return True
    words = re.findall(r"[^\W\d_]+", line.lower())
    foreign = sum(map(_PARAGRAPH_FOREIGN_WORDS.__contains__, words))
    return foreign >= 3 and foreign > 2 * sum(map(ENGLISH_WORDS.__contains__, words))


def foreign_paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the doc's paragraphs (lines) in another language or script, computed once a doc."""
    flags = cached(doc)
    if "_foreign" not in flags:
        flags["_foreign"] = [
            (m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc_text(doc)) if not_english(m.group())
        ]
    ranges: list[tuple[int, int]] = flags["_foreign"]
    return ranges
