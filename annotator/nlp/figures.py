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

from annotator.nlp.doc_units import FIGURES, add, group, has_parse, has_tags, sentence_ids
from annotator.nlp.lexicon import MONTHS, WEEKDAYS
from annotator.nlp.model_output import MODEL_CONFIDENCE, ModelOutput

_CODE_MONEY = re.compile(r"^(USD|EUR|GBP|SEK|NOK|DKK|CHF|JPY|CNY|INR|AUD|CAD|NZD|HKD|ZAR|RUB|BRL|MXN)\d[\d,.]*$")
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
_SCALE = frozenset(["hundred", "thousand", "million", "billion", "trillion", "dozen", "k", "m", "bn", "mn"])
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
_CURRENCY = frozenset({"$", "€", "£", "¥", "₹", "us$", "a$", "c$", "nz$", "rs", "rs."})
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
_BEFORE_YEAR = frozenset(
    {"in", "since", "of", "by", "until", "from", "the", "a", "this", "its", "his", "her", "their", "our", "my"}
)
_TIME_AFTER = frozenset({"am", "a.m.", "pm", "p.m.", "gmt", "utc", "o'clock", "bst", "est", "cet", "et", "pt"})
_NOT_FIGURE_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", ""})
_PRONOUN_ONE_BEFORE = frozenset({"no", "any", "every", "each", "the", "this", "that", "which", "someone", "anyone"})
_ADJ_ENDINGS = ("al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "ional", "ian", "ese")
_ADJ_WORDS = frozenset({"additional", "more", "other", "new", "old", "young", "extra", "further", "separate"})
_STATE_WORDS = frozenset({"wounded", "injured", "dead", "killed", "missing", "hurt", "arrested", "displaced"})


def _is_number(tok: Token) -> bool:
    low = tok.lower_
    if _ORDINAL.match(low) or low in _ORDINAL_WORDS:
        return False
    if low in _PLURAL_SCALES or low == "half":
        return _quantity_word(tok)
    if _CODE_MONEY.match(tok.text):
        return True  # "SEK9 million", "GBP738 thousand": a currency code glued to the amount
    return tok.like_num or (tok.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") and low[:1].isdigit())


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
    if _CODE_MONEY.match(tok.text):
        return False  # "USD910 thousand" is money, whatever entity the model saw in it
    near = [t.lower_.rstrip(",") for t in doc[max(0, i - 2) : i + 3] if t.i != i]
    if any(w in MONTHS or w in WEEKDAYS for w in near):
        return True  # July 21, 2017
    if _year_like(tok):
        counts = nxt is not None and nxt.is_lower and nxt.is_alpha and nxt.lower_ not in STOP_WORDS
        counts = counts and not (nxt is not None and nxt.tag_ == "NN")  # "his 2016 arrest", "the 2020 race": a year
        named = prev is not None and not sent_start and _a_name_word(prev)  # "Beyond Fest 2019"
        if prev is not None and prev.lower_ in ("and", "or", "to", "-", "–") and i >= 2 and _year_like(doc[i - 2]):
            return True  # "in 2003 and 2004 served": the second of two years
        after_word = prev is not None and (prev.lower_ in _BEFORE_YEAR or prev.tag_ == "POS" or named)
        return not counts or after_word  # "the 2019 census" is a year; "1709 schoolchildren" a count
    if ":" in tok.text or (nxt is not None and nxt.lower_ in _TIME_AFTER):
        return True
    if any(c.isalpha() for c in tok.text) and any(c.isdigit() for c in tok.text):
        return True  # STS-135, COVID-19
    if tok.ent_type_ not in _NOT_FIGURE_ENTS:
        return True  # Internet Explorer 6 (PRODUCT), Studio 54 (FAC)
    if prev is not None and (prev.text in {"#", "No.", "no.", "number", "Number"} or prev.text.endswith("-")):
        return True
    if prev is not None and not sent_start and _a_name_word(prev):
        return True  # a capitalised word before a number is a name: Apollo 11
    if nxt is not None and nxt.text in {"-", "–"} and i + 2 < len(doc) and doc[i + 2].is_alpha:
        if doc[i + 2].lower_ in ("year", "month", "week", "day") and i + 4 < len(doc) and doc[i + 4].lower_ == "old":
            return True  # "an 8-year-old son": an age
        if not (tok.text[:1].isdigit() or _number_word_pair(doc, i)):
            return True  # "two-day talks": a compound adjective; "a 5-point lead" is a measure
    if prev is not None and (prev.lower_ in _AGE_WORDS or _age_after_name(doc, i) or _an_age(doc, i)):
        return True  # "aged 45", "Paul Grant, 45,", "at the age of 80", "45 years old", "He was 86."
    if _street_number(doc, i):
        return True  # "12 Elm Street"
    if _a_label(doc, i):
        return True  # "phase two", "Category 5": a number that names, not counts
    if tok.lower_ != "one":
        return False
    if nxt is not None and _one_thing(doc, i):
        return True  # "one man sprayed", "at least one unvaccinated person": a determiner (guidelines)
    # "one of the best", "no one", "the one who": a pronoun; "one goal", "at least one", "one million" count
    if nxt is not None and (nxt.lower_ in _SCALE or nxt.lower_ in _UNITS_AFTER or nxt.lower_ == "in"):
        return False
    if prev is not None and prev.lower_ in _QUANTIFIER_WORDS and prev.lower_ not in ("some", "another"):
        return False
    if nxt is not None and nxt.lower_ in ("or", "to", "and") and i + 2 < len(doc) and doc[i + 2].like_num:
        return False  # "one or two points"
    if nxt is None or nxt.lower_ in ("of", "another", "day", "time") or (prev and prev.lower_ in _PRONOUN_ONE_BEFORE):
        return True
    if tok.pos_:
        return not (tok.dep_ == "nummod" or nxt.pos_ in ("NOUN", "ADJ", "PROPN"))
    return not (nxt.is_lower and nxt.is_alpha and nxt.lower_ not in STOP_WORDS)


def _a_name_word(prev: Token) -> bool:
    """A capitalised word (not a month, a stop word or a quantifier) right before a number: "Apollo 11"."""
    return (
        prev.text[:1].isupper()
        and prev.is_alpha
        and prev.lower_ not in MONTHS
        and (prev.pos_ == "PROPN" or not prev.pos_)
        and prev.lower_ not in STOP_WORDS
        and prev.lower_ not in _QUANTIFIER_WORDS
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
    if i < 1 or doc[i - 1].lower_ not in _BE or not doc[i].text.isalnum() or "." in doc[i].text:
        return False
    if j < n and not (doc[j].is_punct or doc[j].lower_ in ("when", "at", "and")):
        return False  # "was 26 percent", "were 50 people"
    if not (doc[i].is_alpha or (doc[i].text.isdigit() and int(doc[i].text) <= 120)):
        return False
    subj = [c for c in doc[i - 1].children if c.dep_ in ("nsubj", "nsubjpass")] if has_parse(doc) else []
    if subj:
        return subj[0].lower_ not in _COUNT_NOUNS and subj[0].pos_ in ("PRON", "PROPN", "NOUN")
    return i >= 2 and doc[i - 2].lower_ in ("he", "she", "i", "who")  # "He was 86."


_WHICH_TIME = frozenset({"this", "last", "past", "next", "the", "a", "an", "each", "every", "that", "one", "per"})


def _a_label(doc: Doc, i: int) -> bool:
    """ "phase two was planned", "Phase three": a number after a singular noun, counting nothing, names it."""
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if prev is None or prev.tag_ != "NN" or not prev.is_alpha or prev.lower_ in _SCALE:
        return False
    if prev.lower_ in _TIME_UNITS:  # "up to week 22 of a pregnancy", "day 3 of the trial"; not "this week 22 ..."
        before = doc[i - 2] if i >= 2 else None
        if before is None or before.lower_ in _WHICH_TIME or before.like_num or before.pos_ in ("ADJ", "DET"):
            return False
    if "." in doc[i].text:
        return False  # "magnitude 6.3": a measure
    return nxt is None or (nxt.pos_ not in ("NOUN", "PROPN", "NUM") and nxt.lower_ not in _UNITS_AFTER | _SCALE)


def _one_thing(doc: Doc, i: int) -> bool:
    """ "one man", "one landing", "one unvaccinated person": "one" before a singular noun is a determiner; not
    before a unit or a time ("one week", "one per 100,000", "one million")."""
    j = i + 1
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "ADJ":
        j += 1
    if j >= len(doc) or doc[j].tag_ != "NN" or (j == i + 1 and doc[j].pos_ != "NOUN"):
        return False
    low = doc[j].lower_
    if low in ("person", "household"):
        return True  # "shot at one person": a determiner like "one man"
    return low not in _TIME_UNITS and low not in _RATE_UNITS and low not in _SCALE and low not in _UNITS_AFTER


def _number_word_pair(doc: Doc, i: int) -> bool:
    """ "Thirty-two": number words joined by a hyphen are one number."""
    return i + 2 < len(doc) and doc[i].like_num and doc[i + 2].like_num and doc[i].is_alpha and doc[i + 2].is_alpha


def _age_after_name(doc: Doc, i: int) -> bool:
    """ "Paul Grant, 45, lives": a number between commas right after a name is an age."""
    return (
        i >= 2
        and doc[i - 1].text == ","
        and doc[i - 2].is_alpha
        and (doc[i - 2].text[:1].isupper() or doc[i - 2].tag_ == "NN")  # "Another brother, 22, was"
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


def _counted_noun_end(doc: Doc, end: int, tagged: bool) -> int:
    """Extend past the number over what it counts: "five additional lives", "447 wounded"."""
    n = len(doc)
    if end < n and doc[end].lower_ in _UNITS_AFTER:
        if doc[end].lower_ == "per" and end + 1 < n and doc[end + 1].lower_ == "cent":
            return end + 2
        if doc[end].lower_ == "per" and end + 1 < n and doc[end + 1].like_num:
            return end  # "seven per 100,000 people": the rate comes after
        return end + 1
    if tagged:
        j = end
        while j < n and j - end < 3 and doc[j].pos_ == "ADJ" and doc[j].lower_ not in _STATE_WORDS:
            j += 1
        if j < n and doc[j].pos_ == "NOUN":
            while j + 1 < n and doc[j + 1].pos_ == "NOUN" and doc[j + 1].dep_ != "conj" and j - end < 3:
                j += 1
            return j + 1
        if end < n and doc[end].lower_ in _STATE_WORDS:
            return end + 1
        return end
    j = end
    if j < n and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in STOP_WORDS:
        first = doc[j].lower_
        j += 1
        adjective = first in _ADJ_WORDS or first.endswith(_ADJ_ENDINGS)
        if adjective and j < n and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in STOP_WORDS:
            j += 1
    return j


def _relative_time(doc: Doc, end: int, new_end: int) -> bool:
    """A number of time units that places an event in time ("four years ago"), not a duration."""
    unit = doc[new_end - 1] if new_end > end else (doc[end] if end < len(doc) else None)
    if unit is None or unit.lower_ not in _TIME_UNITS:
        return False
    before = doc[end - 1].i - 1
    while before >= 0 and doc[before].like_num:
        before -= 1
    if before >= 0 and doc[before].lower_ == "in" and unit.lower_.endswith("s") and "." not in doc[end - 1].text:
        return True  # "eligible for parole in 25 years": when, not how long
    after = doc[unit.i + 1] if unit.i + 1 < len(doc) else None
    if after is None:
        return False
    if after.lower_ == "from":
        return unit.i + 2 < len(doc) and doc[unit.i + 2].lower_ in ("now", "today")
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
    i = 0
    while i < n:
        if taken[i] or not _is_number(doc[i]) or _not_a_figure(doc, i, i == 0 or sent[i] != sent[i - 1]):
            i += 1
            continue
        start, end = i, i + 1
        while end < n:
            if (_is_number(doc[end]) or doc[end].lower_ in _SCALE) and not _year_like(doc[end]):
                end += 1
            elif doc[end].text in {"-", "–"} and _number_word_pair(doc, end - 1):
                end += 2  # "Thirty-two"
            elif doc[end].text == "\xa0" and end + 1 < n and doc[end + 1].text.isdigit():
                end += 2  # "10 000" with a no-break space
            else:
                break
        i = end
        if start > 0 and doc[start - 1].lower_ in _CURRENCY:
            start -= 1
            if start > 0 and doc[start - 1].text in {"US", "NZ", "A", "C", "HK"}:
                start -= 1
        for phrase in _QUANTIFIERS:
            k = len(phrase)
            if start - k >= 0 and tuple(t.lower_ for t in doc[start - k : start]) == phrase:
                start -= k
                break
        if start > 0 and doc[start - 1].lower_ == "between" and end + 1 < n and doc[end].lower_ in _RANGE_WORDS:
            k = end + 1 + (doc[end + 1].lower_ in _CURRENCY)
            if k < n and _is_number(doc[k]):
                end = k + 1  # "between $5 and $7 billion": one range
                while end < n and (_is_number(doc[end]) or doc[end].lower_ in _SCALE):
                    end += 1
                i = max(i, end)
        money = any(t.lower_ in _CURRENCY or _CODE_MONEY.match(t.text) for t in doc[start:end])
        if doc[end - 1].lower_ in _PLURAL_SCALES and end < n and doc[end].lower_ == "of":
            j = end + 1  # "dozens of protesters", "hundreds of thousands of people"
            while j + 1 < n and doc[j].lower_ in _PLURAL_SCALES and doc[j + 1].lower_ == "of":
                j += 2
            new_end = _counted_noun_end(doc, j, tagged)
        elif doc[end - 1].lower_ == "half":
            k = end + 1  # "half a point", "half a million doses"
            while k < n and doc[k].lower_ in _SCALE:
                k += 1
            new_end = _counted_noun_end(doc, k, tagged)
        elif end + 1 < n and doc[end].text in {"-", "–"} and doc[end + 1].is_alpha and doc[start].text[:1].isdigit():
            new_end = _counted_noun_end(doc, end + 2, tagged)  # "a 5-point lead"
            new_end = max(new_end, end + 2)
        else:
            new_end = end if money else _counted_noun_end(doc, end, tagged)
        if _relative_time(doc, end, new_end):
            continue  # "ten days before the vote", "four years ago"
        new_end = _rate_end(doc, new_end)
        if any(taken[start:new_end]):
            continue
        conf = 0.85 if (new_end > end or money) else 0.6
        add(g, SpacySpan(doc, start, new_end, label="FIGURE"), confidence=conf, source=FIGURES, type="figure")
        i = max(i, new_end)
    return doc
