"""FIGURE suggestions: a number that states a fact together with what it counts.

"50 civilians", "at least five additional lives", "$2 billion", "12 percent".
Years, dates, times, ordinals, numbers inside names and number-word compounds
used as adjectives ("two-day talks") are not figures.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from annotator.nlp.doc_units import FIGURES, WordFacts, add, group, has_parse, has_tags, sentence_ids
from annotator.nlp.language import foreign_sentence
from annotator.nlp.lexicon import MONTHS, WEEKDAYS
from annotator.nlp.model_output import MODEL_CONFIDENCE, ModelOutput

_CURRENCY_CODES = "USD|EUR|GBP|SEK|NOK|DKK|CHF|JPY|CNY|INR|AUD|CAD|NZD|HKD|ZAR|RUB|BRL|MXN"
_CODE_MONEY = re.compile(rf"^({_CURRENCY_CODES})\d[\d,.]*$")
# a currency letter glued to the amount: "N2.5 billion", "R500 million", "KSh500", "Rs500"; a single letter only
# with a scale ("N5bn", "R500 million"), never alone ("P1", "K9")
_LETTER_MONEY = re.compile(r"^(Rs|RM|KSh|Ksh|Tk|Rp|[A-Z]{1,2}\$|N|R|P|K)\d[\d,.]*(bn|tn|trn|mn|m|k)?$")
_GLUED_SCALE = re.compile(r"^\d[\d,.]*(bn|tn|trn|mn)$", re.IGNORECASE)  # "$1.2bn", "€20bn": scale glued on
_GLUED_DEGREES = re.compile(r"^\d+(\.\d+)?°?[CF]$")  # "40C", "104F": a temperature glued to its scale
_DURATION = re.compile(r"^\d{1,2}:\d{2}(:\d{2}(\.\d+)?|\.\d+)$")  # "2:14:04", "3:45.12": a race time, no clock
_DASHED_SCORE = re.compile(r"^\d{1,3}[–-]\d{1,3}$")
_SLASHED = re.compile(r"^\d+(/\d+)+$")  # "9/11", "3/4/2023", "2023/24", "1430/2019"
_LEADING_ZERO = re.compile(r"^0\d{2,}$")  # "0800", "0300": a phone number or a 24-hour clock, never a count
_EMERGENCY = frozenset({"911", "999", "112", "000", "101", "111", "119", "110", "100", "102", "108"})
_PHONE_VERBS = frozenset(
    {"call", "calls", "called", "calling", "dial", "dials", "dialled", "dialed", "dialling", "dialing", "phone"}
    | {"phones", "phoned", "phoning", "ring", "rang", "ringing", "text", "texted", "texting"}
)
_PHONE_AFTER = frozenset({"call", "calls", "operator", "operators", "dispatcher", "dispatchers", "line", "number"})
_LABEL_PLURALS = frozenset(
    {"articles", "sections", "clauses", "chapters", "pages", "paragraphs", "junctions", "platforms", "gates"}
    | {"rooms", "flights", "routes", "exits", "regions", "districts", "wards", "counts", "phases", "stages"}
    | {"rounds", "games", "episodes", "levels", "tiers", "zones", "categories", "grades", "lots", "items"}
)
_VERSION_WORDS = frozenset({"version", "versions", "v", "v.", "ver", "ver.", "update", "firmware"})
_GLUED_NAME_LETTERS = frozenset({"G", "D", "K"})  # "5G", "4G", "3D", "4K"
_DISTANCE_UNITS = frozenset({"m", "metre", "metres", "meter", "meters", "km", "k", "mile", "miles", "yard", "yards"})
_EVENT_WORDS = frozenset(
    {"hurdles", "final", "finals", "freestyle", "backstroke", "breaststroke", "butterfly", "medley", "relay"}
    | {"sprint", "steeplechase", "dash", "heat", "heats", "semi-final", "semifinal", "title", "champion"}
    | {"crown", "gold", "silver", "bronze", "event", "record", "individual", "race"}
)
_TERM_NAMES = frozenset({"bond", "bonds", "yield", "yields", "note", "notes", "treasury", "gilt", "gilts", "bund"})
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_ORDINAL_WORDS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "twentieth",
        "hundredth",
        "thousandth",
        "millionth",
        "last",
    ]
)
_ORDINAL_WORD_END = re.compile(r"(first|second|third|th)$")
_ERAS = frozenset({"bc", "b.c.", "bce", "b.c.e", "b.c.e.", "ad", "a.d.", "ce", "c.e", "c.e."})
_SCALE = frozenset(
    {"hundred", "thousand", "million", "billion", "trillion", "dozen", "k", "m", "bn", "mn"}
    | {"crore", "crores", "lakh", "lakhs"}  # Indian scale words: "Rs 500 crore", "1.5 lakh houses"
)
_PLURAL_SCALES = frozenset(["dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores"])
_TIME_UNITS = frozenset(
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
    ]
)
_RELATIVE = frozenset({"ago", "before", "after", "earlier", "later", "prior", "since", "on", "from"})
_RATE_UNITS = frozenset(
    [
        "gallon",
        "litre",
        "liter",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "kilo",
        "kilogram",
        "kg",
        "pound",
        "lb",
        "barrel",
        "share",
        "head",
        "person",
        "capita",
        "ton",
        "tonne",
        "mile",
        "kilometre",
        "kilometer",
        "km",
        "minute",
        "second",
        "ounce",
        "night",
        "seat",
        "vote",
        "unit",
        "household",
    ]
)
_STREETS = frozenset(
    [
        "street",
        "st",
        "st.",
        "road",
        "rd",
        "rd.",
        "avenue",
        "ave",
        "ave.",
        "lane",
        "boulevard",
        "blvd",
        "drive",
        "way",
        "place",
        "square",
        "terrace",
        "crescent",
    ]
)
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_UNITS_AFTER = frozenset({"percent", "per", "cent", "%", "percentage", "points"})
_RANGE_WORDS = frozenset({"and", "to", "-", "–"})
_CURRENCY = frozenset(
    {"$", "€", "£", "¥", "₹", "₿", "us$", "a$", "c$", "nz$", "r$", "hk$", "s$", "rs", "rs.", "ksh", "kes", "tk", "rm"}
    | {"₦", "₱", "₺", "₽", "₩", "₴", "₪", "₫", "₵"}
    | {code.lower() for code in _CURRENCY_CODES.split("|")}
)  # "USD 500" as well as "USD500"
_QUANTIFIERS = (
    ("at", "least"),
    ("at", "most"),
    ("more", "than"),
    ("less", "than"),
    ("fewer", "than"),
    ("up", "to"),
    ("as", "many", "as"),
    ("as", "much", "as"),
    ("close", "to"),
    ("upwards", "of"),
    ("an", "estimated"),
    ("nearly",),
    ("almost",),
    ("about",),
    ("around",),
    ("roughly",),
    ("approximately",),
    ("over",),
    ("under",),
    ("some",),
    ("only",),
    ("just",),
    ("estimated",),
    ("exactly",),
    ("another",),
)
_QUANTIFIER_WORDS = frozenset(w for phrase in _QUANTIFIERS for w in phrase)
_QUANTIFIER_REACH = max(len(phrase) for phrase in _QUANTIFIERS)
_BEFORE_YEAR = frozenset(
    {"in", "since", "of", "by", "until", "from", "the", "a", "this", "its", "his", "her", "their", "our", "my"}
)
_TIME_AFTER = frozenset({"am", "a.m.", "pm", "p.m.", "gmt", "utc", "o'clock", "bst", "est", "cet", "et", "pt"})
_NOT_FIGURE_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", ""})
_PRONOUN_ONE_BEFORE = frozenset({"no", "any", "every", "each", "the", "this", "that", "which", "someone", "anyone"})
_ADJ_ENDINGS = ("al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "ional", "ian", "ese")
_ADJ_WORDS = frozenset({"additional", "more", "other", "new", "old", "young", "extra", "further", "separate"})
_STATE_WORDS = frozenset({"wounded", "injured", "dead", "killed", "missing", "hurt", "arrested", "displaced"})


_A_DIGIT = re.compile(r"\d")


def _number_word(low: str, like_num: bool) -> bool:
    """Whether a word can be a number at all: every pattern of _is_number needs a digit, a number word or a scale
    word. Reads the word alone (no context), so it is answered once per word."""
    return like_num or low in _PLURAL_SCALES or low in ("half", "quarter") or bool(_A_DIGIT.search(low))


_NUMBER_WORDS = WordFacts(lambda lex: _number_word(lex.lower_, lex.like_num))


def _is_number(tok: Token) -> bool:
    low = tok.lower_
    if not _number_word(low, tok.like_num):
        return False  # most words: every pattern below needs a digit, a number word or a scale word
    if _ORDINAL.match(low) or low in _ORDINAL_WORDS:
        return False
    if low in _PLURAL_SCALES or low == "half":
        return _quantity_word(tok)
    if low == "quarter":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in _SCALE  # "a quarter million video clips"
    if _CODE_MONEY.match(tok.text) or _GLUED_SCALE.match(tok.text) or _GLUED_DEGREES.match(tok.text):
        return True  # "SEK9 million", "$1.2bn", "40C": a currency code, a scale or degrees glued to the amount
    if _DURATION.match(tok.text) or _DASHED_SCORE.match(tok.text):
        return True  # "2:14:04"; "6–3" kept in one token
    if _letter_money(tok):
        return True
    return tok.like_num or (tok.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") and low[:1].isdigit())


def _letter_money(tok: Token) -> bool:
    found = _LETTER_MONEY.match(tok.text)
    if found is None:
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return len(found.group(1)) > 1 or bool(found.group(2)) or (nxt is not None and nxt.lower_ in _SCALE)


def _quantity_word(tok: Token) -> bool:
    """ "dozens of protesters", "thousands of workers", "half a point": number words that count."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None:
        return False
    if tok.lower_ == "half":
        return nxt.lower_ in ("a", "an") and tok.i + 2 < len(doc) and doc[tok.i + 2].is_alpha
    return nxt.lower_ == "of"


def _year_like(tok: Token) -> bool:
    t = tok.text.rstrip("s")
    return (t.isdigit() and len(t) == 4 and 1000 <= int(t) <= 2100) or bool(re.match(r"^'?\d0s$", tok.text))


def _not_a_figure(doc: Doc, i: int, sent_start: bool) -> bool:
    tok = doc[i]
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if _CODE_MONEY.match(tok.text) or _GLUED_SCALE.match(tok.text) or _GLUED_DEGREES.match(tok.text):
        return False  # "USD910 thousand", "$1.2bn", "40C" are amounts, whatever entity the model saw in them
    if _letter_money(tok):
        return False  # "N2.5 billion", "R500 million"
    if _DURATION.match(tok.text) and not (nxt is not None and nxt.lower_ in _TIME_AFTER):
        return False  # "finished in 2:14:04"
    if _SLASHED.match(tok.text) and not (nxt is not None and nxt.lower_ == "of"):
        return True  # "9/11", "2023/24", "case 1430/2019"; "1/3 of the vote" is a share
    if _list_number(doc, i) or _phone_number(doc, i):
        return True  # "1. Unofficial results"; "call 101", "0800 555 111", "at 0300 GMT"
    if _next_to_month(doc, i):
        return True  # July 21, 2017
    if _year_like(tok):
        counts = nxt is not None and nxt.is_lower and nxt.is_alpha and nxt.lower_ not in STOP_WORDS
        counts = counts and not (nxt is not None and nxt.tag_ == "NN")  # "his 2016 arrest", "the 2020 race": a year
        counts = counts and not (nxt is not None and nxt.tag_ and nxt.tag_ not in ("NNS", "JJ"))  # "2012 en el": a year
        named = prev is not None and not sent_start and _a_name_word(prev)  # "Beyond Fest 2019"
        if prev is not None and prev.lower_ in ("and", "or", "to", "-", "–") and i >= 2 and _year_like(doc[i - 2]):
            return True  # "in 2003 and 2004 served": the second of two years
        after_word = prev is not None and (prev.lower_ in _BEFORE_YEAR or prev.tag_ == "POS" or named)
        return not counts or after_word  # "the 2019 census" is a year; "1709 schoolchildren" a count
    if nxt is not None and nxt.lower_ in _ERAS:
        return True  # "664 b.c.e.": a year
    if ":" in tok.text or (nxt is not None and nxt.lower_ in _TIME_AFTER):
        return True
    if any(c.isalpha() for c in tok.text) and any(c.isdigit() for c in tok.text):
        return True  # STS-135, COVID-19
    after_dash = prev is not None and prev.text in ("-", "–") and i >= 2 and bool(doc[i - 2].whitespace_)
    if tok.ent_type_ not in _NOT_FIGURE_ENTS and not _a_score(doc, i) and not after_dash:
        return True  # Internet Explorer 6 (PRODUCT), Studio 54 (FAC); not "Conservative Party - 365 seats"
    glued_hyphen = prev is not None and prev.text.endswith("-") and not (prev.text == "-" and doc[i - 2].whitespace_)
    if prev is not None and (prev.text in {"#", "No.", "no.", "No", "number", "Number"} or glued_hyphen):
        return True  # "No 10", "number 73", "STS-135"; not "Conservative Party - 365 seats"
    no_dot = prev is not None and prev.text == "." and i >= 2 and doc[i - 2].text in ("No", "no", "pp", "p")
    if no_dot and not doc[i - 2].whitespace_:
        return True  # "No. 3", "pp. 3-5" cut in two by the tokenizer
    if prev is not None and (prev.lower_ in _LABEL_PLURALS or prev.lower_ in _VERSION_WORDS):
        return True  # "junctions 10 and 12", "Articles 5 and 6", "version 2.0"
    coordinated = prev is not None and prev.lower_ in ("and", "or", "to", ",") and i >= 3 and doc[i - 2].like_num
    if coordinated and doc[i - 3].lower_ in _LABEL_PLURALS:
        return True  # the 12 of "junctions 10 and 12"
    of_parts = prev is not None and prev.lower_ == "of" and i >= 3 and doc[i - 2].like_num
    if of_parts and doc[i - 3].lower_ in ("image", "photo", "picture", "slide", "page", "part", "step", "episode"):
        return True  # the 5 of "Image 1 of 5", "part 2 of 3"
    named = prev is not None and not sent_start and _a_name_word(prev) and not _a_score(doc, i)
    if named and not _title_case_count(doc, i):
        return True  # a capitalised word before a number is a name: Apollo 11
    if prev is not None and _a_mixed_name(prev):
        return True  # "iPhone 15", "iOS 17", "S&P 500"
    if "." in tok.text and prev is not None and nxt is not None and not sent_start and _between_capitals(prev, nxt):
        return True  # "Attribution 2.0 Generic", "Web 2.0 Summit": a version inside a name
    inside = tok.text.isdigit() and prev is not None and nxt is not None and _between_capitals(prev, nxt)
    if (
        inside
        and nxt is not None
        and nxt.tag_ == "NNP"
        and not nxt.lower_.endswith("s")
        and nxt.lower_ not in _UNIT_WORDS
    ):
        return True  # "Lost 52 Project", "Studio 54 Club": a number inside a name, also at a headline's start
    if prev is not None and (prev.lower_ in ("the", "a", "an") or prev.tag_ == "POS") and _a_name_after(doc, i):
        return True  # "the 737 Max", "the 1% Club": a number that opens a name
    if any(t.text == "CC" for t in doc[max(0, i - 4) : i]):
        return True  # "(CC BY-SA 2.0)": a licence version
    if nxt is not None and not tok.whitespace_ and nxt.text in _GLUED_NAME_LETTERS:
        return True  # "5G", "3D", "4K"
    if nxt is not None and nxt.text in {"-", "–"} and i + 2 < len(doc) and doc[i + 2].is_alpha:
        if doc[i + 2].lower_ in ("year", "month", "week", "day") and i + 4 < len(doc) and doc[i + 4].lower_ == "old":
            return True  # "an 8-year-old son": an age
        if doc[i + 2].lower_ in _TIME_UNITS and any(t.lower_ in _TERM_NAMES for t in doc[i + 3 : i + 6]):
            return True  # "the 10-year bond yield": a bond named by its term
        fraction = doc[i + 2].lower_ in _FRACTIONS and doc[i + 2].lower_ != "half"  # "two-thirds of the senators"
        if not (tok.text[:1].isdigit() or _number_word_pair(doc, i) or _and_a_half_end(doc, i + 1) > i + 1 or fraction):
            return True  # "two-day talks": a compound adjective; "a 5-point lead" is a measure
    if prev is not None and (prev.lower_ in _AGE_WORDS or _age_after_name(doc, i) or _an_age(doc, i)):
        return True  # "aged 45", "Paul Grant, 45,", "at the age of 80", "45 years old", "He was 86."
    if _age_bound(doc, i):
        return True  # "aged 18 to 24", "people over 65", "children under five", "At 74, he"
    if _street_number(doc, i):
        return True  # "12 Elm Street"
    if _a_label(doc, i):
        return True  # "phase two", "Category 5": a number that names, not counts
    last = prev is not None and prev.lower_ in ("last", "final") and i >= 2 and doc[i - 2].lower_ == "the"
    if (last and not _counts_after(doc, i)) or (
        prev is not None and prev.lower_ == "of" and doc[i - 2].lower_ == "round"
    ):
        return True  # "reach the last 16", "the final four", "the Round of 16": a round of a contest
    if prev is not None and prev.lower_ == "the" and tok.lower_ in _SMALL_NUMBER_WORDS and not _scaled(doc, i):
        return True  # "the two sides", "The two parents were arrested", "None of the twelve": counted before
    if tok.lower_ != "one":
        return False
    if (nxt is not None and nxt.lower_ == "of") or (
        prev is not None and prev.lower_ == "as" and not _counts_after(doc, i)
    ):
        return True  # "just one of the protests", "identified as one": a pronoun, whatever quantifier comes before
    if nxt is not None and _one_thing(doc, i):
        return True  # "one man sprayed", "at least one unvaccinated person": a determiner (guidelines)
    # "one of the best", "no one", "the one who": a pronoun; "one goal", "at least one", "one million" count
    if nxt is not None and (nxt.lower_ in _SCALE or nxt.lower_ in _UNITS_AFTER or _ratio_end(doc, i + 1) > i + 1):
        return False  # "one million", "one in three", "one out of every thousand"
    if prev is not None and prev.lower_ in _QUANTIFIER_WORDS and prev.lower_ not in ("some", "another"):
        return False
    if nxt is not None and nxt.lower_ in ("or", "to", "and") and i + 2 < len(doc) and doc[i + 2].like_num:
        return False  # "one or two points"
    if nxt is None or nxt.lower_ in ("of", "another", "day", "time") or (prev and prev.lower_ in _PRONOUN_ONE_BEFORE):
        return True
    if tok.pos_:
        return not (tok.dep_ == "nummod" or nxt.pos_ in ("NOUN", "ADJ", "PROPN"))
    return not (nxt.is_lower and nxt.is_alpha and nxt.lower_ not in STOP_WORDS)


def _next_to_month(doc: Doc, i: int) -> bool:
    """A month or weekday next to the number ("July 21", "21 July", "Monday 3"), or two tokens away across a comma or
    a dash ("Friday, 3", "3-5 May" is not here); capitalised ("8000 migrants may be" holds no month, and "in May on
    859 counts" counts)."""
    n = len(doc)
    near = [k for k in (i - 1, i + 1) if 0 <= k < n]
    if i >= 2 and doc[i - 1].text in (",", ".", "-", "–"):
        near.append(i - 2)
    if i + 2 < n and doc[i + 1].text in (",", "-", "–", "/", "of"):
        near.append(i + 2)
    words = [doc[k].lower_.rstrip(",") for k in near if doc[k].text[:1].isupper()]
    return any(w in MONTHS or w in WEEKDAYS for w in words)


def _a_mixed_name(prev: Token) -> bool:
    """A name with a capital inside or a symbol right before a number: "iPhone 15", "iOS 17", "S&P 500"."""
    text = prev.text
    if prev.lower_ in _CURRENCY or "$" in text or not any(c.isupper() for c in text):
        return False
    inner_capital = text[:1].islower() and text.isalpha()
    symbol = not text.isalpha() and all(c.isalpha() or c in "&+" for c in text) and len(text) > 1
    return inner_capital or symbol


def _title_case_count(doc: Doc, i: int) -> bool:
    """ "Police Arrest 50 Protesters": in a headline in title case a capital says nothing, a plural after the number
    counts."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or not nxt.text[:1].isupper() or not (nxt.tag_ in ("NNS", "NNPS") or nxt.lower_.endswith("s")):
        return False
    line_start, line_end = i, i
    while line_start > 0 and "\n" not in doc[line_start - 1].text and "\n" not in doc[line_start - 1].whitespace_:
        line_start -= 1
    while line_end < len(doc) - 1 and "\n" not in doc[line_end].whitespace_ and "\n" not in doc[line_end + 1].text:
        line_end += 1
    words = [t for t in doc[line_start : line_end + 1] if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words) and len(words) <= 15


def _a_name_after(doc: Doc, i: int) -> bool:
    """The number (or its percent sign) is followed by one capitalised singular name word, mid-sentence."""
    j = i + 1
    if j < len(doc) and doc[j].text in ("%", "percent") and not doc[i].whitespace_:
        j += 1
    if j >= len(doc) or not has_tags(doc):
        return False
    name = doc[j]
    plain = name.lower_ in _UNIT_WORDS or name.lower_ in MONTHS or name.lower_ in WEEKDAYS
    modifier = j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN")  # "the 3 Republican senators" are counted
    singular = name.tag_ == "NNP" and not name.lower_.endswith("s")
    return singular and name.is_alpha and name.text[:1].isupper() and not plain and not modifier


def _between_capitals(prev: Token, nxt: Token) -> bool:
    return all(t.is_alpha and t.text[:1].isupper() and t.lower_ not in STOP_WORDS for t in (prev, nxt))


def _list_number(doc: Doc, i: int) -> bool:
    """ "1. Unofficial results": a small number that opens a paragraph and is followed by a full stop or bracket."""
    if i + 2 >= len(doc) or not doc[i].text.isdigit() or len(doc[i].text) > 2:
        return False
    starts = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
    return starts and doc[i + 1].text in (".", ")") and not doc[i + 2].like_num


def _phone_number(doc: Doc, i: int) -> bool:
    """A phone number, an emergency number or a 24-hour clock: "0800 555 111", "call 101", "a 911 call"."""
    tok = doc[i]
    if _LEADING_ZERO.match(tok.text):
        return True
    k = i - 1
    while k >= 0 and (doc[k].text.isdigit() or doc[k].text in ("-", "(", ")")) and i - k <= 4:
        k -= 1
    if k + 1 < i and _LEADING_ZERO.match(doc[k + 1].text):
        return True  # "555", "111" after "0800"
    if not tok.text.isdigit() or len(tok.text) < 3:
        return False
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if prev is not None and prev.lower_ in _PHONE_VERBS:
        return nxt is None or not (nxt.is_alpha and nxt.is_lower and nxt.lower_ not in STOP_WORDS)
    return tok.text in _EMERGENCY and nxt is not None and nxt.lower_ in _PHONE_AFTER


def _a_name_word(prev: Token) -> bool:
    """A capitalised word (not a month, a stop word or a quantifier) right before a number: "Apollo 11"; an
    acronym whatever its tag ("SDG 4", "US 101"), not a currency code ("USD 500")."""
    acronym = prev.is_alpha and len(prev.text) >= 2 and prev.text.isupper() and prev.lower_ not in _CURRENCY
    if acronym and (prev.lower_ not in STOP_WORDS or prev.text == "US") and prev.lower_ not in MONTHS:
        return True
    return (
        prev.text[:1].isupper()
        and prev.is_alpha
        and prev.lower_ not in MONTHS
        and (prev.pos_ == "PROPN" or not prev.pos_)
        and prev.lower_ not in STOP_WORDS
        and prev.lower_ not in _QUANTIFIER_WORDS
        and prev.lower_ not in _CURRENCY
    )


_AGE_UNITS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days"})
_BE = frozenset({"was", "is", "'s", "were", "are", "be", "turned", "turns"})
_COUNT_NOUNS = frozenset(
    {"toll", "total", "number", "count", "tally", "figure", "score", "result", "sum", "amount", "price", "cost"}
    | {"rate", "turnout", "population", "margin", "majority", "attendance", "size", "capacity", "limit", "level"}
    | {"index", "temperature", "share", "vote", "votes"}
)


def _an_age(doc: Doc, i: int) -> bool:
    """ "at the age of 80", "ranging in age from eleven to 75", "45 years old", "He was 86.": an age, no figure."""
    n = len(doc)
    j = i + 1
    if j + 1 < n and doc[j].lower_ in _AGE_UNITS and doc[j + 1].lower_ == "old":
        return True  # "45 years old"
    if j + 3 < n and doc[j].text in {"-", "–"} and doc[j + 1].lower_ in _AGE_UNITS and doc[j + 3].lower_ == "old":
        return True  # "eighteen-years-old"
    k = i - 1
    while k >= 0 and i - k <= 5 and (doc[k].like_num or doc[k].lower_ in ("of", "the", "from", "to", "between", "and")):
        k -= 1
    if k >= 0 and k < i - 1 and doc[k].lower_ in ("age", "ages"):
        return True  # "at the age of 80", "ranging in age from eleven to 75"
    if i < 1 or doc[i - 1].lower_ not in _BE or not doc[i].text.isalnum() or "." in doc[i].text or _a_score(doc, i):
        return False
    if j < n and (not (doc[j].is_punct or doc[j].lower_ in ("when", "at", "and")) or doc[j].lower_ in _UNITS_AFTER):
        return False  # "was 26 percent", "were 50 people", "is 95% dark matter"
    if not (doc[i].is_alpha or (doc[i].text.isdigit() and int(doc[i].text) <= 120)):
        return False
    subj = [c for c in doc[i - 1].children if c.dep_ in ("nsubj", "nsubjpass")] if has_parse(doc) else []
    if subj:
        relative = subj[0].lower_ in ("which", "that", "it", "this")  # "the number of victims, which was 12,"
        return subj[0].lower_ not in _COUNT_NOUNS and subj[0].pos_ in ("PRON", "PROPN", "NOUN") and not relative
    return i >= 2 and doc[i - 2].lower_ in ("he", "she", "i", "who")  # "He was 86."


_LABEL_SINGULARS = frozenset(
    {"phase", "stage", "round", "level", "tier", "category", "grade", "article", "section", "clause", "chapter"}
    | {"page", "paragraph", "platform", "gate", "room", "flight", "route", "exit", "region", "district", "ward"}
    | {"season", "episode", "game", "item", "lot", "junction", "week", "day", "month", "year"}
)  # without tags, the nouns that name by a number ("phase two", "week 22")
_WHICH_TIME = frozenset({"this", "last", "past", "next", "the", "a", "an", "each", "every", "that", "one", "per"})


_SMALL_NUMBER_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
)


def _scaled(doc: Doc, i: int) -> bool:
    """ "the two million refugees", "the three-and-a-half": the word is part of a larger number or a measure."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is not None and (nxt.lower_ in _SCALE or nxt.text in ("-", "–") or nxt.lower_ in _UNITS_AFTER)


def _a_label(doc: Doc, i: int) -> bool:
    """ "phase two was planned", "Phase three": a number after a singular noun, counting nothing, names it."""
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    singular = prev is not None and (prev.tag_ == "NN" or (not prev.tag_ and prev.lower_ in _LABEL_SINGULARS))
    if prev is None or not singular or not prev.is_alpha or prev.lower_ in _SCALE:
        return False
    if prev.lower_ in _TIME_UNITS:  # "up to week 22 of a pregnancy", "day 3 of the trial"; not "this week 22 ..."
        before = doc[i - 2] if i >= 2 else None
        placed = before is None or before.lower_ in _WHICH_TIME or before.like_num or before.pos_ in ("ADJ", "DET")
        if placed and not (before is not None and _year_like(before)):  # "World Cup 2018 day five" names a day
            return False
    if "." in doc[i].text:
        return False  # "magnitude 6.3": a measure
    return nxt is None or (nxt.pos_ not in ("NOUN", "PROPN", "NUM") and nxt.lower_ not in _UNITS_AFTER | _SCALE)


def _one_thing(doc: Doc, i: int) -> bool:
    """ "one man", "one landing", "one unvaccinated person": "one" before a singular noun is a determiner; not
    before a unit or a time ("one week", "one per 100,000", "one million")."""
    if not has_tags(doc):
        return _one_thing_untagged(doc, i)
    j = i + 1
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "ADJ":
        j += 1
    if j == i + 1 and j < len(doc) and doc[j].tag_ == "VBG" and doc[i].dep_ == "nummod":
        return True  # "one refueling": a gerund counted like "one landing"
    if j >= len(doc) or doc[j].tag_ != "NN" or (j == i + 1 and doc[j].pos_ != "NOUN"):
        return False
    low = doc[j].lower_
    if low in ("person", "household"):
        return True  # "shot at one person": a determiner like "one man"
    return low not in _TIME_UNITS and low not in _RATE_UNITS and low not in _SCALE and low not in _UNITS_AFTER


_FRACTIONS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths"})


def _and_a_half_end(doc: Doc, j: int) -> int:
    """ "two-and-a-half years", "one and two thirds meters": the end of the fraction after "and" at j, else j."""
    k = j
    for part in ("and", "count", "fraction"):
        if k < len(doc) and doc[k].text in ("-", "–") and not doc[k - 1].whitespace_:
            k += 1
        if k >= len(doc):
            return j
        low = doc[k].lower_
        if part == "and" and low != "and":
            return j
        if part == "count" and low not in ("a", "an") and not (doc[k].like_num and doc[k].is_alpha):
            return j
        if part == "fraction" and low not in _FRACTIONS:
            return j
        k += 1
    return k


def _ratio_end(doc: Doc, end: int) -> int:
    """ "1 in 5 adults", "one out of every thousand children": the second number of a ratio, else end."""
    n = len(doc)
    k = end
    if k < n and doc[k].lower_ == "in":
        k += 1
    elif k + 1 < n and doc[k].lower_ == "out" and doc[k + 1].lower_ == "of":
        k += 2
    else:
        return end
    if k < n and doc[k].lower_ in ("every", "a", "an"):
        k += 1
    if k >= n or not (_is_number(doc[k]) or doc[k].lower_ in _SCALE) or _year_like(doc[k]) or "." in doc[k].text:
        return end
    if len(doc[end - 1].text) > 2 and not doc[end - 1].is_alpha:
        return end  # "246 in 58.3 overs": no ratio starts with a large number
    k += 1
    while k < n and (_is_number(doc[k]) or doc[k].lower_ in _SCALE) and not _year_like(doc[k]):
        k += 1
    if k < n and doc[k].lower_ in _TIME_UNITS:
        return end  # "scored 2 in 10 minutes": a time, not a ratio
    return k


def _score_end(doc: Doc, end: int) -> int:
    """ "won 112-104", "passed 52-48", "a 6-3 majority", "Sweden 1 – 0 Korea": a score or a tally is one figure."""
    if end + 1 < len(doc) and doc[end].text == "-" and re.fullmatch(r"to-\d{1,3}", doc[end + 1].lower_):
        return end + 2  # "230-to-197", which the tokenizer cuts as "230", "-", "to-197"
    if end + 1 >= len(doc) or doc[end].text not in ("-", "–"):
        return end
    if bool(doc[end - 1].whitespace_) != bool(doc[end].whitespace_):
        return end  # "1 – 0" and "2-1", not "10 -2"
    first, second = doc[end - 1].text, doc[end + 1].text
    small = all(t.isdigit() and len(t) <= 3 and (t == "0" or t[0] != "0") for t in (first, second))
    return end + 2 if small and not (end + 2 < len(doc) and doc[end + 2].text in ("-", "–")) else end


def _a_score(doc: Doc, i: int) -> bool:
    """ "defeated South Korea 1 – 0": two small numbers joined by a dash after a name are a score, not a name."""
    team = i > 0 and (doc[i - 1].tag_ == "NNPS" or doc[i - 1].lower_.endswith("s"))  # "the Celtics 112–104"
    if _DASHED_SCORE.match(doc[i].text):
        return team or all(len(part) <= 2 for part in re.split("[–-]", doc[i].text))
    if _score_end(doc, i + 1) == i + 1:
        return False
    return team or (len(doc[i].text) <= 2 and len(doc[i + 2].text) <= 2)


def _scaled_range(doc: Doc, end: int) -> bool:
    """ "one or two hundred": "or"/"to" between two numbers when a scale word follows the second."""
    n = len(doc)
    if end + 2 >= n or doc[end].lower_ not in ("or", "to") or doc[end - 1].lower_ in _SCALE:
        return False
    return _is_number(doc[end + 1]) and doc[end + 2].lower_ in _SCALE and not _year_like(doc[end + 1])


def _an_event(doc: Doc, end: int) -> bool:
    """ "400 metres hurdles", "the 100m final", "the women's 200m": an event named by its distance."""
    n = len(doc)
    if end < n and doc[end - 1].lower_ in _DISTANCE_UNITS and doc[end].lower_ in _EVENT_WORDS:
        return True  # "the 100m final": the tokenizer's "m" is already in the number
    the_distance = doc[end - 1].lower_ in _DISTANCE_UNITS and end >= 3 and doc[end - 3].lower_ == "the"
    if the_distance and (end >= n or doc[end].pos_ not in ("NOUN", "PROPN")):
        return True  # "ran the 100m in 10.85 seconds"
    if end >= n or doc[end].lower_ not in _DISTANCE_UNITS:
        return False
    if end + 1 < n and doc[end + 1].lower_ in _EVENT_WORDS:
        return True
    start = end - 1
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].text == ","):
        start -= 1
    return start >= 2 and doc[start - 1].tag_ == "POS" and doc[start - 2].lower_ in ("men", "women", "boys", "girls")


def _one_thing_untagged(doc: Doc, i: int) -> bool:
    """Without tags: "one" before a lower-case word that is no plural, unit, time or scale ("one man", "at least
    one unvaccinated person"); "one week", "one vote" and "one goals"-like plurals stay figures."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or not (nxt.is_alpha and nxt.is_lower) or nxt.lower_ in STOP_WORDS or nxt.lower_.endswith("s"):
        return False
    low = nxt.lower_
    units = _TIME_UNITS | _RATE_UNITS | _SCALE | _UNITS_AFTER | _UNIT_WORDS
    return low not in units or low in ("person", "household")


def _number_word_pair(doc: Doc, i: int) -> bool:
    """ "Thirty-two": number words joined by a hyphen are one number."""
    pair = i + 2 < len(doc) and doc[i].like_num and doc[i + 2].like_num and doc[i].is_alpha and doc[i + 2].is_alpha
    return pair and not _ORDINAL_WORD_END.search(doc[i + 2].lower_)  # "twenty-sixth" is an ordinal


_PEOPLE = frozenset(
    {"people", "persons", "adults", "children", "kids", "those", "anyone", "everyone", "men", "women", "residents"}
    | {"citizens", "patients", "voters", "workers", "pupils", "students", "girls", "boys", "individuals", "teenagers"}
)


def _age_bound(doc: Doc, i: int) -> bool:
    """An age as a bound or a range: "aged 18 to 24" (the 24), "people over 65", "children under five" (no counted
    noun after), "At 74, Biden would be" (a sentence that opens with it)."""
    n = len(doc)
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < n else None
    if prev is None:
        return False
    if prev.lower_ in ("to", "and", "-", "–") and i >= 3 and doc[i - 2].like_num and doc[i - 3].lower_ in _AGE_WORDS:
        return True
    bare = nxt is None or not (nxt.is_alpha and nxt.lower_ not in STOP_WORDS) or nxt.lower_ in ("and", "or")
    bare = bare or (nxt is not None and bool(nxt.pos_) and nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))
    if prev.lower_ in ("over", "under", "above", "below") and i >= 2 and doc[i - 2].lower_ in _PEOPLE:
        return bare and not (nxt is not None and (nxt.lower_ in _UNITS_AFTER or nxt.lower_ in _SCALE))
    return (
        prev.text == "At"
        and (i < 2 or "\n" in doc[i - 2].text or doc[i - 2].is_sent_end or doc[i - 2].text == ".")
        and (nxt is not None and nxt.text == ",")
    )


def _untagged_noun(tok: Token) -> bool:
    """Without tags, "Another brother, 22,": a lower-case word that is no stop word stands for the noun."""
    return not tok.tag_ and tok.is_lower and tok.lower_ not in STOP_WORDS


def _age_after_name(doc: Doc, i: int) -> bool:
    """ "Paul Grant, 45, lives": a number between commas right after a name is an age."""
    return (
        i >= 2
        and doc[i - 1].text == ","
        and doc[i - 2].is_alpha
        and (doc[i - 2].text[:1].isupper() or doc[i - 2].tag_ == "NN" or _untagged_noun(doc[i - 2]))
        and i + 1 < len(doc)
        and doc[i + 1].text in {",", "."}
        and doc[i].text.isdigit()
    )


def _street_number(doc: Doc, i: int) -> bool:
    for k in range(i + 1, min(len(doc), i + 4)):
        if not doc[k].text[:1].isupper():
            return False
        if doc[k].lower_ in _STREETS:
            return True
    return False


_UNIT_WORDS = frozenset(
    {"kph", "mph", "km", "kg", "mm", "cm", "hp", "kw", "kwh", "mw", "mwh", "gw", "gwh", "mb", "gb", "tb", "ha"}
)


def _an_adjective(doc: Doc, j: int) -> bool:
    """An adjective before the counted noun, also a participle the tagger calls a verb ("337 suspected users")."""
    if doc[j].pos_ == "ADJ" or (doc[j].tag_ in ("RBS", "RBR") and j + 1 < len(doc) and doc[j + 1].pos_ == "ADJ"):
        return True  # "25 most influential Americans"
    if j + 1 >= len(doc) or doc[j + 1].pos_ != "NOUN":
        return False
    # "mummified ibis birds"; "5000 U.S. troops", "three Google employees": a name modifying the counted noun
    return doc[j].tag_ == "VBN" or (doc[j].tag_ == "NNP" and doc[j].text[:1].isupper())


_COMPOUND_UNITS = frozenset(
    _TIME_UNITS
    | {"hr", "hrs", "min", "mins", "sec", "secs", "h", "m", "s"}
    | {"foot", "feet", "ft", "inch", "inches", "in", "pound", "pounds", "lb", "lbs", "ounce", "ounces", "oz"}
    | {"stone", "st", "metre", "metres", "meter", "meters", "centimetres", "centimeters", "cm"}
)


def _compound_measure_end(doc: Doc, end: int) -> int:
    """ "1 hour 59 minutes 40.2 seconds", "6 feet 2 inches": one measure in several units is one figure."""
    n = len(doc)
    while end < n - 1 and doc[end - 1].lower_ in _COMPOUND_UNITS and doc[end].like_num and not _year_like(doc[end]):
        if doc[end + 1].lower_ not in _COMPOUND_UNITS:
            break
        end += 2
    return end


_OF_WHAT = _TIME_UNITS | {"counts", "count", "charges", "charge"}


def _of_what_end(doc: Doc, end: int, tagged: bool) -> int:
    """ "nine years of negotiations", "seven counts of negligent homicide": what a duration or a count of charges is
    of belongs to the figure (not "eight years of a sixteen-year sentence": a determiner ends it)."""
    n = len(doc)
    if not tagged or end + 1 >= n or doc[end - 1].lower_ not in _OF_WHAT or doc[end].lower_ != "of":
        return end
    j = end + 1
    words = ("NOUN", "ADJ", "PROPN")
    while j < n and (doc[j].pos_ in words or doc[j].tag_ in ("VBG", "VBN") or (doc[j].lower_ == "and" and j > end + 1)):
        if doc[j].lower_ == "and" and not (j + 1 < n and doc[j + 1].pos_ in words):
            break
        if j + 1 < n and doc[j + 1].text == "-" and not doc[j].whitespace_:
            break  # "protests and sit-ins": no half of a compound
        j += 1
    while j > end + 1 and (doc[j - 1].pos_ not in ("NOUN", "PROPN") or doc[j - 1].lower_ == "and"):
        j -= 1  # end on the noun
    return j if j > end + 1 else end


def _latin(tok: Token) -> bool:
    """A word in a Latin script: a count is never extended over Chinese or Japanese text glued into one token."""
    return all(ord(c) < 0x2E80 for c in tok.text)


def _counts_after(doc: Doc, i: int) -> bool:
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is not None and nxt.is_alpha and nxt.is_lower and nxt.lower_ not in STOP_WORDS


def _counted_noun_end(doc: Doc, end: int, tagged: bool) -> int:
    """Extend past the number over what it counts: "five additional lives", "447 wounded"."""
    n = len(doc)
    if end < n and doc[end].lower_ in _UNITS_AFTER:
        if doc[end].lower_ == "per" and end + 1 < n and doc[end + 1].lower_ == "cent":
            return end + 2
        if doc[end].lower_ == "per" and end + 1 < n and doc[end + 1].lower_ != "cent":
            return end  # "seven per 100,000 people", "50 per kilo": the rate comes after
        return end + 1
    if tagged:
        j = end
        while j < n and j - end < 3 and _an_adjective(doc, j) and doc[j].lower_ not in _STATE_WORDS:
            j += 1
        if j == end and j < n and doc[j].lower_ in _UNIT_WORDS:
            return j + 1  # "97 kph", "176 hp": a unit whatever its tag
        if j < n and doc[j].tag_ == "NNPS" and doc[j].text[:1].isupper():
            return j + 1  # "231 Democrats", "50 Palestinians": counted people named by a proper noun
        if j < n and doc[j].pos_ == "NOUN" and _latin(doc[j]):
            while j + 1 < n and doc[j + 1].pos_ == "NOUN" and doc[j + 1].dep_ != "conj" and j - end < 3:
                if j + 2 < n and doc[j + 2].text == "-" and not doc[j + 1].whitespace_:
                    break  # "fifty years self-employed": the next noun opens a compound of its own
                j += 1
            return j + 1
        if end < n and doc[end].lower_ in _STATE_WORDS:
            return end + 1
        return end
    j = end
    if j < n and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in STOP_WORDS and _latin(doc[j]):
        first = doc[j].lower_
        j += 1
        adjective = first in _ADJ_WORDS or first.endswith(_ADJ_ENDINGS)
        if adjective and j < n and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in STOP_WORDS:
            j += 1
    return j


_DEGREE_SCALES = frozenset({"celsius", "fahrenheit", "centigrade", "c", "f"})


_ATTITUDES = frozenset(
    {"sure", "certain", "confident", "behind", "committed", "convinced", "honest", "serious", "focused", "dedicated"}
)


def _an_idiom(doc: Doc, start: int, end: int, new_end: int) -> bool:
    """Numbers that state no fact: "I told him a million times", "one in a million", "100 percent sure", "110
    percent"."""
    words = [t.lower_ for t in doc[start:new_end]]
    if words[:2] in (["a", "million"], ["a", "thousand"], ["a", "hundred"]) and words[2:] == ["times"]:
        return True
    if words == ["one", "in", "a", "million"] or words == ["one", "in", "million"]:
        return True
    if words[:1] in (["100"], ["110"], ["hundred"]) and len(words) == 2 and words[1] in ("percent", "%", "per"):
        after = doc[new_end].lower_ if new_end < len(doc) else ""
        return words[0] == "110" or after in _ATTITUDES
    return False


def _reading_time(doc: Doc, end: int) -> bool:
    """ "5 min read": how long a page takes to read, printed by the publisher's site, states no fact of the news."""
    return end + 1 < len(doc) and doc[end].lower_ in ("min", "mins", "minute") and doc[end + 1].lower_ == "read"


def _since_then(doc: Doc, k: int) -> bool:
    """ "for the first time in 20 years", "the highest in 30 years": "in N years" after "time" or a superlative
    is how long, not when."""
    return any(t.lower_ in ("time", "first") or t.tag_ in ("JJS", "RBS") for t in doc[max(0, k - 4) : k])


def _relative_time(doc: Doc, end: int, new_end: int) -> bool:
    """A number of time units that places an event in time ("four years ago"), not a duration."""
    unit = doc[new_end - 1] if new_end > end else (doc[end] if end < len(doc) else None)
    if unit is None or unit.lower_ not in _TIME_UNITS:
        return False
    before = doc[end - 1].i - 1
    while before >= 0 and doc[before].like_num:
        before -= 1
    if before >= 0 and doc[before].lower_ == "in" and unit.lower_.endswith("s") and "." not in doc[end - 1].text:
        return not _since_then(doc, before)  # "eligible for parole in 25 years": when, not how long
    after = doc[unit.i + 1] if unit.i + 1 < len(doc) else None
    if after is None:
        return False
    if after.lower_ == "from":
        return unit.i + 2 < len(doc) and doc[unit.i + 2].lower_ in ("now", "today")
    if after.lower_ == "to" and unit.i + 2 < len(doc):
        upto = [t.lower_ for t in doc[unit.i + 2 : unit.i + 4]]
        return upto[0] in MONTHS or upto[0] == "end" or upto == ["the", "end"]  # "in the 12 months to March"
    return after.lower_ in _RELATIVE and after.lower_ != "on"


_SHORT_UNITS = frozenset({"h", "hr", "s", "sec", "min", "d", "day", "yr", "year", "month", "week", "l", "kg"})


def _rate_end(doc: Doc, end: int) -> int:
    """ "$3 per gallon", "60 miles an hour", "160 km/h", "seven per 100,000 people": the rate unit belongs to it."""
    glued = end + 1 < len(doc) and not doc[end - 1].whitespace_ and not doc[end].whitespace_
    if glued and doc[end].text == "/" and doc[end + 1].lower_ in _SHORT_UNITS:
        return end + 2
    if end + 1 < len(doc) and doc[end].lower_ in ("per", "a", "an") and doc[end + 1].lower_.rstrip("s") in _RATE_UNITS:
        return end + 2
    if end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].like_num:
        j = end + 2
        while j < len(doc) and (doc[j].like_num or doc[j].lower_ in _SCALE):
            j += 1
        return _counted_noun_end(doc, j, has_tags(doc))  # "four premature deaths per 100,000"
    return end


def suggest_figures(doc: Doc, model: ModelOutput | None = None) -> Doc:
    """FIGURE spans by rule; a pipeline trained on our own export (label FIGURE) is taken at its word."""
    g = group(doc, FIGURES)
    if model is not None and model.predicts("FIGURE"):
        for start, end, score in model.spans(doc, "FIGURE"):
            conf = MODEL_CONFIDENCE if score is None else score
            add(g, SpacySpan(doc, start, end, label="FIGURE"), confidence=conf, source="model", type="figure")
        return doc
    sent = sentence_ids(doc)
    tagged = has_tags(doc)
    n = len(doc)
    taken = [False] * n
    foreign: dict[int, bool] = {}
    number_words = _NUMBER_WORDS.of(doc)  # most tokens fail _is_number's first test: passed over without a Token
    i = 0
    while i < n:
        if not number_words[i]:
            i += 1
            continue
        if taken[i] or not _is_number(doc[i]) or _not_a_figure(doc, i, i == 0 or sent[i] != sent[i - 1]):
            i += 1
            continue
        if foreign_sentence(doc, sent, i, foreign):
            i += 1
            continue  # a quoted original in another language: its English translation carries the figure
        start, end = i, i + 1
        while end < n:
            if (_is_number(doc[end]) or doc[end].lower_ in _SCALE) and not _year_like(doc[end]):
                end += 1
            elif doc[end].text in {"-", "–"} and _number_word_pair(doc, end - 1):
                end += 2  # "Thirty-two"
            elif doc[end].text == "\xa0" and end + 1 < n and doc[end + 1].text.isdigit():
                end += 2  # "10 000" with a no-break space
            elif doc[end].text in {"-", "–"} and end + 1 < n and doc[end + 1].lower_ in _FRACTIONS - {"half"}:
                end += 2  # "two-thirds"
            elif _and_a_half_end(doc, end) > end:
                end = _and_a_half_end(doc, end)  # "two-and-a-half years", "three and a half million"
            elif _scaled_range(doc, end):
                end += 2  # "one or two hundred", "two to three thousand"
            else:
                break
        end = _score_end(doc, _ratio_end(doc, end))  # "1 in 5 adults", "won 112-104"
        if _an_event(doc, end) or (end < n and doc[end].text[:1].isupper() and doc[end].lower_ in MONTHS):
            i = end
            continue  # "the 400 metres hurdles", "5-7 May"
        i = end
        if start > 0 and doc[start - 1].lower_ in _CURRENCY:
            start -= 1
            if start > 0 and doc[start - 1].text in {"US", "NZ", "A", "C", "HK"}:
                start -= 1
        if start > 0 and doc[start].lower_ in _SCALE and doc[start - 1].lower_ in ("a", "an"):
            start -= 1  # "a million people", "a dozen eggs"
        elif start > 1 and doc[start].lower_ in _SCALE and [t.lower_ for t in doc[start - 2 : start]] == ["a", "few"]:
            start -= 2  # "a few hundred"
        before = tuple(t.lower_ for t in doc[max(0, start - _QUANTIFIER_REACH) : start])  # read once, not per phrase
        for phrase in _QUANTIFIERS:
            k = len(phrase)
            if start - k >= 0 and before[len(before) - k :] == phrase:
                start -= k
                break
        if start > 0 and doc[start - 1].lower_ == "between" and end + 1 < n and doc[end].lower_ in _RANGE_WORDS:
            k = end + 1 + (doc[end + 1].lower_ in _CURRENCY)
            if k < n and _is_number(doc[k]):
                end = k + 1  # "between $5 and $7 billion": one range
                while end < n and (_is_number(doc[end]) or doc[end].lower_ in _SCALE):
                    end += 1
                i = max(i, end)
                start -= 1
        money = any(t.lower_ in _CURRENCY or _CODE_MONEY.match(t.text) or _letter_money(t) for t in doc[start:end])
        if doc[end - 1].lower_ in _PLURAL_SCALES and end < n and doc[end].lower_ == "of":
            j = end + 1  # "dozens of protesters", "hundreds of thousands of people"
            while j + 1 < n and doc[j].lower_ in _PLURAL_SCALES and doc[j + 1].lower_ == "of":
                j += 2
            new_end = _counted_noun_end(doc, j, tagged)
            new_end = end if new_end == j else new_end  # "Millions of" alone: the "of" stays out
        elif doc[end - 1].lower_ == "half":
            k = end + 1  # "half a point", "half a million doses"
            while k < n and doc[k].lower_ in _SCALE:
                k += 1
            new_end = _counted_noun_end(doc, k, tagged)
        elif end + 1 < n and doc[end].text in {"-", "–"} and doc[end + 1].is_alpha and doc[start].text[:1].isdigit():
            new_end = _counted_noun_end(doc, end + 2, tagged)  # "a 5-point lead"
            new_end = max(new_end, end + 2)
            start -= start > 0 and doc[start - 1].lower_ in ("a", "an") and start == end - 1
        else:
            new_end = end if money else _counted_noun_end(doc, end, tagged)
        if _relative_time(doc, end, new_end) or _reading_time(doc, end) or _an_idiom(doc, start, end, new_end):
            continue  # "ten days before the vote", "four years ago", "5 min read", "a million times"
        if new_end < n and doc[new_end - 1].lower_ in ("degrees", "degree") and doc[new_end].lower_ in _DEGREE_SCALES:
            new_end += 1  # "35 degrees Celsius"
        new_end = _of_what_end(doc, _rate_end(doc, _compound_measure_end(doc, new_end)), tagged)
        if any(taken[start:new_end]):
            continue
        conf = 0.85 if (new_end > end or money) else 0.6
        add(g, SpacySpan(doc, start, new_end, label="FIGURE"), confidence=conf, source=FIGURES, type="figure")
        i = max(i, new_end)
    return doc
