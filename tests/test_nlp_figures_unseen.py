"""FIGURE false positives seen on unseen Wikinews 2019 articles (issue 11): ages, years, labels, split figures."""

from __future__ import annotations

import pytest

from annotator.nlp import suggest_one
from annotator.nlp.pipeline import LoadedPipeline


def figures(pipeline: LoadedPipeline, text: str) -> list[str]:
    return [s.text_in(text) for s in suggest_one(pipeline, text)[0] if s.label == "FIGURE"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages: "He was 86." and "45 years old" state an age, not a count; a toll stays a figure
        ("He died at the age of 80. She was 86.", []),
        ("They ranged in age from eleven to 75.", []),
        ("The man was 45 years old and had 3 dogs.", ["3 dogs"]),
        ("The death toll was 26.", ["26"]),
        # a year before a singular noun or after a name; a plural noun after it is counted
        ("After his 2016 arrest, the upcoming 2020 race began.", []),
        ("The Beyond Fest 2019 continues, and 1709 schoolchildren came.", ["1709 schoolchildren"]),
        ("In 2003 and 2004 served as chair, he met 1500 voters.", ["1500 voters"]),
        # "one person" is a determiner like "one man"; "week 22" names a week
        ("Police shot at one person.", []),
        ("It is legal up to week 22 of a pregnancy, and this week 22 people died.", ["22 people"]),
        # one figure each, not two pieces
        ("He prescribed over half a million doses.", ["over half a million doses"]),
        ("Winds of about 160 km/h hit the coast.", ["about 160 km/h"]),
        # a currency code glued to the amount is money, with its scale word
        (
            "The award is SEK9 million (approximately GBP738 thousand or USD910 thousand).",
            ["SEK9 million", "approximately GBP738 thousand", "USD910 thousand"],
        ),
        # a decimal after "in" is how long it took, not when
        ("She finished the race in 47.66 seconds.", ["47.66 seconds"]),
    ],
)
def test_unseen_figure_classes(trained: LoadedPipeline, text: str, expected: list[str]) -> None:
    assert figures(trained, text) == expected
