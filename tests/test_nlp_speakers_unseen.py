"""Speakers as other publishers write them (issue 11): pronoun gender, wire layouts, nominal speech verbs."""

from __future__ import annotations

import pytest

from annotator.nlp.pipeline import LoadedPipeline
from tests.test_nlp_guideline_decisions import quotes_of


def speaker_of(found: list[tuple[str, str | None, str | None]], start: str) -> str | None:
    [who] = [w for q, _k, w in found if q.startswith(start)]
    return who


# pronoun gender: evidence from the text itself


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (  # the pronoun the text uses for the man elsewhere
            "Anna Berg met John Smith on Monday. Smith said his team was ready. She told reporters the deal was off.",
            "the deal was off",
            "Anna Berg",
        ),
        (  # honorifics
            "Ms. Lopez chaired the meeting. Mr. Patel, who leads the committee, disagreed. "
            "She said the vote would go ahead.",
            "the vote would go ahead",
            "Lopez",
        ),
        (  # a gendered role noun beside the name
            "Tom Hale, a spokesman for the city, met Dana Reyes. She said the budget was final.",
            "the budget was final",
            "Dana Reyes",
        ),
    ],
)
def test_a_pronoun_never_goes_to_someone_the_text_gives_the_other_gender(
    trained: LoadedPipeline, text: str, quote: str, speaker: str
) -> None:
    assert speaker_of(quotes_of(trained, text), quote) == speaker


@pytest.mark.slow
def test_a_name_the_text_says_nothing_about_stays_a_candidate(trained: LoadedPipeline) -> None:
    text = "Police spoke with Kim Novak as a suspect. She informed police that she had diplomatic immunity."
    assert speaker_of(quotes_of(trained, text), "she had diplomatic immunity") == "Kim Novak"
