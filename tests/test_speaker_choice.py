"""The speaker chooser's rows, without Qt: one row per name, nearest first, with the sentence around it."""

from __future__ import annotations

import pytest

from annotator.core.model import Span
from annotator.core.speaker_choice import attribution, candidates, context_of, sentence_bounds

TEXT = (
    "The Taliban took Kabul. Officials said the Taliban had won. "
    + " ".join(f"Taliban unit {i} moved." for i in range(10))
    + "\n\n“We are here,” Zabihullah Mujahid said. A Taliban spokesman agreed. Taliban."
)


def actor_spans(name: str) -> list[Span]:
    spans, at = [], TEXT.find(name)
    while at >= 0:
        spans.append(Span(at, at + len(name), "ACTOR", id=len(spans) + 1))
        at = TEXT.find(name, at + 1)
    return spans


def the_quote() -> Span:
    return Span(TEXT.index("“We"), TEXT.index("” Zab") + 1, "QUOTE", id=99)


def test_twelve_mentions_of_one_name_are_one_row_picking_the_nearest() -> None:
    actors = actor_spans("Taliban")
    assert len(actors) == 14
    rows = candidates(the_quote(), actors, TEXT)
    taliban = [r for r in rows if r.name == "Taliban"]
    assert len(taliban) == 1 and len(taliban[0].mentions) == 14
    nearest = taliban[0].nearest
    assert nearest.span is not None and nearest.start == TEXT.index("Taliban unit 9")
    assert nearest.context == "[Taliban] unit 9 moved."
    assert taliban[0].mentions[1].context == "A [Taliban] spokesman agreed."


def test_rows_are_ordered_by_distance_and_offer_names_that_are_not_spans_yet() -> None:
    rows = candidates(the_quote(), actor_spans("Taliban"), TEXT)
    assert rows[0].name == "Zabihullah Mujahid" and rows[0].is_new
    assert rows[0].nearest.context == "“We are here,” [Zabihullah Mujahid] said."
    assert [r.distance for r in rows] == sorted(r.distance for r in rows)


def test_a_mention_inside_the_quote_is_never_the_default() -> None:
    text = "Ana spoke first. “Bo is wrong,” Bo said later."
    quote = Span(text.index("“"), text.index("”") + 1, "QUOTE")
    bo = [Span(text.index("Bo is"), text.index("Bo is") + 2, "ACTOR", id=1),
          Span(text.index("Bo said"), text.index("Bo said") + 2, "ACTOR", id=2)]
    rows = candidates(quote, bo, text)
    assert rows[0].nearest.span is bo[1]


def test_context_is_the_sentence_cut_around_a_long_one() -> None:
    assert sentence_bounds("One. Two three. Four.", 5, 8) == (5, 15)
    long = "x " * 200 + "Name " + "y " * 200 + "."
    at = long.index("Name")
    shown = context_of(long, at, at + 4, width=40)
    assert shown.startswith("…") and shown.endswith("…") and "[Name]" in shown and len(shown) < 60



def test_new_rows_are_names_in_attribution_position_not_captions_or_sentence_starts() -> None:
    text = (
        "Washington D.C. Image For Inspiration. Crowds gathered in Washington D.C. The march went on.\n\n"
        "“We will not stop,” said Dana Reyes. Later Afghan Ambassador Hamdullah Mohib spoke. Mohib said more."
    )
    quote = Span(text.index("“"), text.index("”") + 1, "QUOTE")
    rows = candidates(quote, [], text)
    names = [r.name for r in rows]
    assert names[0] == "Dana Reyes"
    assert not any(n.startswith(("For", "The")) or n.endswith(("The", "Image")) for n in names), names


def test_a_surname_joins_the_full_name_it_belongs_to() -> None:
    text = "Hamdullah Mohib spoke first. “No,” Mohib said."
    quote = Span(text.index("“"), text.index("”") + 1, "QUOTE")
    full = Span(0, len("Hamdullah Mohib"), "ACTOR", id=1)
    short = Span(text.index("Mohib said"), text.index("Mohib said") + 5, "ACTOR", id=2)
    rows = candidates(quote, [full, short], text)
    assert [r.name for r in rows] == ["Hamdullah Mohib"]
    assert rows[0].nearest.span is short, "the nearest mention is still the one linked"


@pytest.mark.parametrize(("text", "source"), [
    ("“We will win,” she said.", "she"),
    ("“We will win,” said the company's chief executive on Monday.", "the company's chief executive"),
    ("She said: “We will win.”", "She"),
    ("The ministry has said that “the deficit is fine.”", "The ministry"),
    ("“No,” he also told reporters.", "he"),
    ("In Kabul, officials said “nothing happened.”", "officials"),
    ("“It is over,” and the crowd cheered.", None),
    ("“It is over.” The crowd cheered loudly and left, witnesses said.", None),
])
def test_the_attribution_beside_a_quote_names_its_source(text: str, source: str | None) -> None:
    start, end = text.index("“"), text.index("”") + 1
    found = attribution(Span(start, end, "QUOTE"), text)
    assert (text[found[0]:found[1]] if found else None) == source


def test_a_pronoun_row_puts_the_linked_speaker_first_and_he_never_stands_for_officials() -> None:
    text = ("Zabihullah Mujahid spoke on Saturday. Officials said “a ceasefire holds.” He said “talks failed.”")

    def at(needle: str, label: str = "ACTOR") -> Span:
        start = text.index(needle)
        return Span(start, start + len(needle), label, id=start + 1)

    mujahid, officials = at("Zabihullah Mujahid"), at("Officials")
    ceasefire, failed = at("“a ceasefire holds.”", "QUOTE"), at("“talks failed.”", "QUOTE")
    rows = candidates(failed, [mujahid, officials], text, spoke=[(ceasefire, officials)])
    assert rows[0].name == "He → Zabihullah Mujahid"  # before: "He → Officials", who spoke last
    assert [m.name for m in rows[0].mentions] == ["Zabihullah Mujahid"]
    rows = candidates(failed, [mujahid, officials], text, spoke=[(ceasefire, officials)], current=mujahid)
    assert rows[0].nearest.span == mujahid
