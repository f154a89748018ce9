"""Growing and shrinking a selection by token, phrase and sentence, without Qt."""

from __future__ import annotations

from annotator.core.selection import by_token, to_phrase_end, to_sentences, within_paragraph
from annotator.core.spans import simple_tokens

SAID = "Reyes said “we will not leave, whatever it takes,” and left. Then rain fell."


def test_a_selection_grows_and_shrinks_by_whole_tokens() -> None:
    tokens = simple_tokens(SAID)
    start = SAID.index("we")
    assert by_token(tokens, start, start + 2, side="end", step=1) == (start, SAID.index(" not"))
    grown = by_token(tokens, start, SAID.index(" not"), side="end", step=1)
    assert SAID[slice(*grown)] == "we will not"
    assert SAID[slice(*by_token(tokens, *grown, side="end", step=-1))] == "we will"
    assert SAID[slice(*by_token(tokens, *grown, side="start", step=1))] == "“we will not"
    assert by_token(tokens, start, start + 2, side="end", step=-1) == (start, start + 2), "never below one token"


def test_the_phrase_end_takes_a_closing_mark_along_but_stops_before_a_comma() -> None:
    start = SAID.index("we")
    first = to_phrase_end(SAID, start, start + 2)
    assert SAID[slice(*first)] == "we will not leave"
    assert SAID[slice(*to_phrase_end(SAID, *first))] == "we will not leave, whatever it takes,”"


def test_sentences_grow_one_at_a_time() -> None:
    one = to_sentences(SAID, SAID.index("will"), SAID.index("will") + 4)
    assert SAID[slice(*one)] == "Reyes said “we will not leave, whatever it takes,” and left."
    assert SAID[slice(*to_sentences(SAID, *one))] == SAID


TWO = "Reyes said we will stay \n\nThe rain fell. It fell."


def test_growing_never_runs_over_a_paragraph_break() -> None:
    """The guideline: a span never runs over a paragraph break. W at a paragraph's last word, E with no
    phrase end left in the paragraph and a sentence grown at the end stop there (before: into the next one)."""
    tokens = simple_tokens(TWO)
    stay = TWO.index("stay")
    last = (stay, stay + 4)
    assert TWO[slice(*by_token(tokens, *last, side="end", step=1))] == "stay \n\nThe"  # what W asks for
    assert within_paragraph(TWO, *last, by_token(tokens, *last, side="end", step=1)) == last
    assert TWO[slice(*within_paragraph(TWO, *last, to_phrase_end(TWO, *last)))] == "stay"
    said = TWO.index("said")
    assert TWO[slice(*within_paragraph(TWO, said, said + 4, to_phrase_end(TWO, said, said + 4)))] == "said we will stay"
    rain = TWO.index("The rain")
    back = by_token(tokens, rain, rain + 3, side="start", step=1)
    assert TWO[slice(*back)].startswith("stay") and within_paragraph(TWO, rain, rain + 3, back) == (rain, rain + 3)
    inside = within_paragraph(TWO, rain, rain + 3, to_sentences(TWO, rain, rain + 3))
    assert TWO[slice(*inside)] == "The rain fell."
