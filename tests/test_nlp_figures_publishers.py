"""FIGURE suggestions on the styles of many publishers (issue 11, round 4): numbers a user would delete
(phone numbers, list numbers, labels, versions, names, slashed dates, event names, reference periods)
and figures that came out in pieces or not at all (ratios, scores, "two-and-a-half", "$1.2bn", crore)."""

from __future__ import annotations

import pytest

from annotator.nlp import suggest_one
from annotator.nlp.pipeline import LoadedPipeline


def figures(pipeline: LoadedPipeline, text: str) -> list[str]:
    return [s.text_in(text) for s in suggest_one(pipeline, text)[0] if s.label == "FIGURE"]


NOT_FIGURES = [
    # phone and emergency numbers, and a 24-hour clock written with a leading zero
    "Anyone with information should call 101 or Crimestoppers on 0800 555 111.",
    "He dialled 999 and made a 911 call.",
    "The attack took place at around 0300 local time.",
    # a number that opens a list item
    "1. Unofficial results",
    # numbers that name: "No. 3", "No 10", plural label nouns, versions, names with a capital inside or a symbol
    "The team is ranked No. 3 in the country.",
    "The No 10 spokesman declined to comment.",
    "The motorway was closed between junctions 10 and 12.",
    "Version 2.0 of the app fixed the bug.",
    "Apple released the iPhone 15 and iOS 17.",
    "The S&P 500 rose on Friday.",
    "The 5G network replaced 4G phones.",
    # a date or a span of years written with a slash
    "The 9/11 attacks were recalled.",
    "The 2023/24 budget was passed.",
    # an event named by its distance
    "She won the 400 metres hurdles and the 100m final.",
    # the period a statistic covers
    "Inflation fell in the 12 months to March.",
    # a bond named by its term
    "The 10-year bond yield rose.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NOT_FIGURES)
def test_numbers_a_user_would_delete(trained: LoadedPipeline, text: str) -> None:
    assert figures(trained, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ratio is one figure with what it counts
        ("About 1 in 5 adults smoke.", ["About 1 in 5 adults"]),
        ("One in three children is poor.", ["One in three children"]),
        ("He found one out of every thousand children was ill.", ["one out of every thousand children"]),
        # a score or a tally is one figure, not its first number
        ("The Lakers won 112-104 in overtime.", ["112-104"]),
        ("The bill passed 52-48 in the Senate.", ["52-48"]),
        # a fraction written in words is part of the figure
        ("He was jailed for two-and-a-half years.", ["two-and-a-half years"]),
        ("About three-and-a-half million people voted.", ["About three-and-a-half million people"]),
        ("The trip took two and a half hours.", ["two and a half hours"]),
        # money with its scale glued on, and the Indian scale words
        ("The deal is worth $1.2bn, and €20bn more.", ["$1.2bn", "€20bn"]),
        ("The state allotted Rs 500 crore for 1.5 lakh houses.", ["Rs 500 crore", "1.5 lakh houses"]),
        # "one or two hundred" is one range
        ("They want up to one or two hundred buffalo.", ["up to one or two hundred buffalo"]),
        # a temperature glued to its scale
        ("Temperatures reached 40C on Monday.", ["40C"]),
        # what stays: a count, a percentage, points in a poll
        ("Labour has a 20-point lead, 45% to 25%.", ["a 20-point lead", "45%", "25%"]),
    ],
)
def test_figures_whole(trained: LoadedPipeline, text: str, expected: list[str]) -> None:
    assert figures(trained, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Global Voices tuning posts: "one of" and "as one" are pronouns whatever comes before them
        ("The ride was just one of the protests.", []),
        ("All tribes should be identified as one.", []),
        # licence versions and a year before a word that is no plural noun
        ("The photo is used under an Attribution 2.0 Generic (CC BY 2.0) Creative Commons license.", []),
        ("He tweets: Las quinceañeras 2012 en el Auditorio Nacional.", []),
        # a count is not extended over the next compound or over Chinese text
        ("For the first time in more than fifty years self-employed workers marched.", ["more than fifty years"]),
        # an acronym before a number names it; a currency code does not
        ("The SDG 4 goal was missed and US 101 was closed.", []),
        ("It cost USD 500 and EUR 20 million.", ["USD 500", "EUR 20 million"]),
        # no ratio starts with a large number or ends in a time
        ("England were all out for 246 in 58.3 overs.", ["246", "58.3 overs"]),
        # a month counts next to the number only ("in May on 859 counts" is a count), also after a range
        ("He was found guilty in May on 859 counts. The fair runs 5-7 May.", ["859 counts"]),
        # fractions in words, units the tagger does not call nouns
        ("Two-thirds of senators must vote.", ["Two-thirds"]),
        ("It reaches 60 mph (97 kph) with a 176 hp engine.", ["60 mph", "97 kph", "176 hp"]),
        # one measure in several units is one figure; a race time with seconds is no clock
        ("His time was 1 hour 59 minutes 40.2 seconds.", ["1 hour 59 minutes 40.2 seconds"]),
        ("She won in 2:14:04, at 9:15 a.m.", ["2:14:04"]),
        # "is 95%" is no age; participles and "a quarter" belong to the count; the bitcoin sign is a currency
        ("The universe is 95% dark matter.", ["95%"]),
        ("337 suspected users were held.", ["337 suspected users"]),
        ("The site hosted a quarter million video clips.", ["quarter million video clips"]),
        ("He processed ₿7300 in fees.", ["₿7300"]),
        # counted people named by a proper noun, a name before the counted noun; "Millions of" without its "of"
        ("The resolution passed with 231 Democrats supporting it.", ["231 Democrats"]),
        ("There are about 5000 U.S. troops in the country.", ["about 5000 U.S. troops"]),
        ("Millions of mummified ibis birds were found.", ["Millions of mummified ibis birds"]),
        ("Millions of them were found.", ["Millions"]),
        # ordinals in words, years before an era, a number inside a name at a headline's start
        ("It dates from the twenty-sixth dynasty, about 664 b.c.e.", []),
        ("Lost 52 Project announces discovery of wrecked sub", []),
        # in a headline in title case a plural after the number is counted
        ("Police Arrest 50 Protesters In Capital", ["50 Protesters"]),
        # the currencies of other countries' publishers, signs and letters glued to the amount
        (
            "The state spent ₦5bn and N2.5 billion, and Kenya KSh 500 million.",
            ["₦5bn", "N2.5 billion", "KSh 500 million"],
        ),
        (
            "Brazil invested R$3 billion and HK$5 million; rice costs ₱50 per kilo.",
            ["R$3 billion", "HK$5 million", "₱50 per kilo"],
        ),
        ("Route N2 was closed.", []),
        # ages as bounds and ranges; a level after "stood at" stays a figure
        ("At 74, Biden would be the oldest president.", []),
        ("Adults aged 18 to 24 and people over 65 were most affected.", []),
        ("The toll stood at 19, and 300 people over 65 died.", ["19", "300 people"]),
        # numbers that state no fact, in a quote or not; "a million" keeps its "a"
        ('"I told him a million times," she said. "It was one in a million," he said.', []),
        ('"We are 100 percent behind him," the coach said; the grid is 100 percent renewable.', ["100 percent"]),
        ("A million people marched.", ["A million people"]),
        # a results legend after a spaced dash, a tally written with "-to-", "most" before the adjective
        ("Conservative Party - 365 seats", ["365 seats"]),
        ("The articles passed by votes of 230-to-197 and 229-to-198.", ["230-to-197", "229-to-198"]),
        ("He was named one of Time's 25 most influential Americans.", ["25 most influential Americans"]),
        # a number that opens a name, page ranges; counted words after a name stay counted
        ("The 737 Max was grounded after crashes killed 346 people.", ["346 people"]),
        ("The 1% Club met, and the study cites pp. 3-5.", []),
        ("The 3 Republican senators voted no.", ["3 Republican senators"]),
        # "Image 1 of 5" counts nothing; "which was 12" is no age
        ("Image 1 of 5.", []),
        ("It corrects the number of victims, which was 12, not 21.", ["12", "21"]),
        # a number word after "the" counts what was counted before (Wikinews tuning gold: "the two sides",
        # "The two parents", "None of the twelve"); digits, scales and "all seven" stay figures
        ("The court heard the two sides. The two parents were arrested. None of the twelve had help.", []),
        (
            "It took in the 38 countries and the two million refugees, killing all seven astronauts.",
            ["38 countries", "two million refugees", "seven astronauts"],
        ),
        # sport: set scores in one token each, a team's score after its name, rounds of a contest, "the 100m"
        ("Nadal won 6–4, 6–3, 7–5 to reach the last 16.", ["6–4", "6–3", "7–5"]),
        ("The Lakers beat the Celtics 112–104, and the Round of 16 begins.", ["112–104"]),
        ("She ran the 100m in 10.85 seconds.", ["10.85 seconds"]),
        # a quoted original in another language carries no figure (its translation does), Chinese text neither;
        # "for the first time in 20 years" is how long
        (
            "L’obtention nécessite 24 étapes, 6 ans en moyenne et jusqu’à 500 dollars US. It needs about 24 steps.",
            ["about 24 steps"],
        ),
        ("演唱會帶有色情元素，亦容讓 3 歲以上人士進場。", []),
        ("For the first time in 20 years, officials spoke.", ["20 years"]),
        # the scale of degrees belongs to them; a site's reading time is no figure
        ("Temperatures hit 35 degrees Celsius. 5 min read", ["35 degrees Celsius"]),
    ],
)
def test_publisher_styles(trained: LoadedPipeline, text: str, expected: list[str]) -> None:
    assert figures(trained, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # without a tagger (the blank pipeline): "one" before a singular word is a determiner, labels and ages too
        ("One man was hurt, and at least one unvaccinated person; the trip took one week.", ["one week"]),
        ("Another brother, 22, was found. Phase two was planned.", []),
        ("Abortion is legal up to week 22 of a pregnancy, and 14 residents were trapped.", ["14 residents"]),
    ],
)
def test_rules_without_tags(blank: LoadedPipeline, text: str, expected: list[str]) -> None:
    assert figures(blank, text) == expected
