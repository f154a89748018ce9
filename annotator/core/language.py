"""Which language a document is written in, cheaply, before the suggester reads it.

The suggestion rules and the stock model are English: on a German or Spanish
page they mark capitalised nouns as actors everywhere. So a document is
checked first and passed over when little of it is in the pipeline's
language. py3langid (BSD-3-Clause, a maintained fork of langid.py, its model
shipped in the package) names the language of each paragraph of a sample;
a paragraph counts with its number of letters, so a Spanish tweet quoted in
an English post (and its translation) leaves the post English.

py3langid and numpy are imported on the first check, not with this module:
the window starts without them. (Inside an English document, the rules' own
checks for a sentence or paragraph in another language, a quoted original
before its translation, are :mod:`annotator.nlp.language`.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

# A document is suggested when at least this share of its sampled letters is in the expected language.
# Below a third, the page is in another language with some English in it (a quoted answer), not the other way
# round: an English post quoting a Spanish tweet before its translation is still well above a half.
MIN_SHARE = 1 / 3
# A paragraph with fewer letters says little about its language (a dateline, a byline, "Wednesday, May 2").
MIN_LETTERS = 40
# The sample: at most this many paragraphs, spread over the text, each read up to this many characters.
# A 1 MB article is checked in milliseconds, not the half second the whole text would take.
MAX_PARAGRAPHS = 40
MAX_PARAGRAPH_CHARS = 1200

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+")
# English words no other language of the news desk writes often ("in", "on", "as", "a", "was", "will" are left out:
# German, French, Portuguese, Spanish use them too). Running English prose has about a fifth of its words here
# (0.17-0.25 on our gold and benchmark articles); a page less than a third English stays far below PLAIN_ENGLISH
# (the other language adds next to none), so above it the sampled check could only say "suits" and is skipped.
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|of|to|that|for|with|said|his|her|they|this|have|has|were|are|from|would|which|by|it|is)\b",
    re.IGNORECASE,
)
PLAIN_ENGLISH = 0.15
PLAIN_ENGLISH_MIN_WORDS = 50

# English names of the languages a news desk meets most; others are named by their ISO 639-1 code.
LANGUAGE_NAMES = {
    "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sv": "Swedish", "sw": "Swahili", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese",
}


def language_name(code: str) -> str:
    """``"German"`` for ``"de"``; an unknown code as it is."""
    return LANGUAGE_NAMES.get(code, code)


@dataclass(frozen=True)
class LanguageCheck:
    """What the check found: the main language of a text and how much of it is in the expected one."""

    expected: str
    language: str | None  # the language most sampled letters are in; None: too little text to tell
    share: float  # share of the sampled letters in the expected language (1.0 when nothing could be told)
    languages: dict[str, int] = field(default_factory=dict)  # letters sampled per language

    @property
    def suits(self) -> bool:
        """Whether the suggester should read the text: enough of it is in the expected language."""
        return self.language is None or self.share >= MIN_SHARE

    def describe(self) -> str:
        """``"German (de)"``, or ``"mostly Spanish (es), 12% English"`` when the expected one is there too."""
        if self.language is None:
            return "too short to tell"
        main = f"{language_name(self.language)} ({self.language})"
        if self.language != self.expected and self.share >= 0.05:
            return f"mostly {main}, {self.share:.0%} {language_name(self.expected)}"
        return main


def _classifier() -> Callable[[str], tuple[str, float]]:
    import py3langid  # its model loads on the first call (about 0.3 s), then stays

    classify: Callable[[str], tuple[str, float]] = py3langid.classify
    return classify


def _sample(text: str) -> list[tuple[str, int]]:
    """Up to MAX_PARAGRAPHS paragraphs spread evenly over the text, each with its number of letters."""
    lines = [line[:MAX_PARAGRAPH_CHARS] for line in text.split("\n") if len(line) >= MIN_LETTERS]
    if len(lines) > 2 * MAX_PARAGRAPHS:  # letters are counted only in the lines that may be read
        step = len(lines) / (2 * MAX_PARAGRAPHS)
        lines = [lines[int(i * step)] for i in range(2 * MAX_PARAGRAPHS)]
    paragraphs = [(line, n) for line in lines if (n := len(_LETTER.findall(line))) >= MIN_LETTERS]
    if len(paragraphs) > MAX_PARAGRAPHS:
        step = len(paragraphs) / MAX_PARAGRAPHS
        paragraphs = [paragraphs[int(i * step)] for i in range(MAX_PARAGRAPHS)]
    return paragraphs


def _plainly_english(text: str) -> bool:
    """English at first sight: common English words make up PLAIN_ENGLISH of the words (a regular expression
    over the text, under a millisecond for an article, where the sampled check takes about ten)."""
    words = len(_WORD.findall(text))
    return words >= PLAIN_ENGLISH_MIN_WORDS and len(_ENGLISH_WORDS.findall(text)) >= PLAIN_ENGLISH * words


def check_language(text: str, expected: str = "en", *, quick: bool = True) -> LanguageCheck:
    """Name the main language of ``text`` and the share of it in ``expected`` (an ISO 639-1 code).

    A text with no paragraph long enough to tell (a headline, a list of figures) is not judged: ``language``
    is None and ``suits`` is true, so a short English note is never passed over by mistake. With ``quick``, a
    text plainly English at first sight (:func:`_plainly_english`) is answered without sampling: English, share
    1.0, no per-language letter counts.
    """
    if quick and expected == "en" and _plainly_english(text):
        return LanguageCheck(expected, expected, 1.0, {})
    sample = _sample(text)
    if not sample:
        return LanguageCheck(expected, None, 1.0)
    classify = _classifier()
    letters: Counter[str] = Counter()
    for part, n in sample:
        language, _score = classify(part)
        letters[str(language)] += n
    total = sum(letters.values())
    main = letters.most_common(1)[0][0]
    return LanguageCheck(expected, main, letters[expected] / total, dict(letters))
