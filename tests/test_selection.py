"""Growing and shrinking a selection by token, phrase and sentence, without Qt."""

from __future__ import annotations

from annotator.core.selection import by_token, to_phrase_end, to_sentences
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
