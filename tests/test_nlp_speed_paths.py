"""The suggest pipeline's fast paths answer exactly what the plain loops over tokens they replaced answered."""

from __future__ import annotations

import pytest

from annotator.nlp import figures
from annotator.nlp.doc_units import _sentence_ids, annotated, line_break_tokens
from annotator.nlp.language import foreign_sentence

TEXTS = [
    "Headline Without A Stop\n\nBERLIN (Reuters) - Officials said 40 people were hurt.\n\n“We will rebuild,” she said.",
    "One line only, no break at all, twenty-five words and 3.5 million dollars",
    "Trailing break\n",
    "\n\nLeading breaks, then\r\nWindows breaks and a  double space\n \nand a blank line of a space.",
    "Emoji 🇺🇦 and Zoë 🙂 span tokens\n“Quoted”\n\n\n— a dash line",
    "Le gouvernement a dit que 40 personnes sont dans la rue et que les écoles ne sont pas ouvertes.\n"
    "The government said 40 people are in the street.",
    "Պարզվեց, որ 12 մարդ է վիրավորվել։\nIt turned out that 12 people were hurt.",
]


def _old_breaks(doc) -> list[int]:  # type: ignore[no-untyped-def]
    return [t.i for t in doc if "\n" in t.text or "\n" in t.whitespace_]


def _old_sentence_ids(doc) -> list[int]:  # type: ignore[no-untyped-def]
    ids, n, after_break = [0] * len(doc), -1, True
    for tok in doc:
        if tok.is_sent_start or n < 0 or after_break:
            n += 1
        ids[tok.i] = n
        after_break = "\n" in tok.text or "\n" in tok.whitespace_
    return ids


def _old_foreign_sentence(doc, sent, i) -> bool:  # type: ignore[no-untyped-def]
    k = sent[i]
    toks = [t for t in doc if sent[t.i] == k]
    words = foreign = letters = other_script = 0
    for t in toks:
        alpha = [c for c in t.text if c.isalpha()]
        letters += len(alpha)
        other_script += sum(ord(c) > 0x24F for c in alpha)
        if alpha and t.text.islower() and t.lower_ in figures_language_words():
            foreign += 1
        if not t.text.isascii() and t.text.islower() and any(c in "àâçéèêëîïôûùüñ" for c in t.text):
            foreign += 1
        words += t.is_alpha
    return (words > 0 and foreign >= 3 and foreign >= 0.15 * words) or (letters > 0 and other_script > 0.5 * letters)


def figures_language_words() -> frozenset[str]:
    from annotator.nlp.language import FOREIGN_WORDS

    return FOREIGN_WORDS


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_fast_paths_match_the_token_loops(trained, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = trained.nlp(text)
    assert line_break_tokens(doc, doc.text) == _old_breaks(doc)
    assert line_break_tokens(doc) == _old_breaks(doc)
    assert annotated(doc, "SENT_START")
    assert _sentence_ids(doc) == _old_sentence_ids(doc)
    assert figures._NUMBER_WORDS.of(doc) == [figures._number_word(t.lower_, t.like_num) for t in doc]
    sent = _sentence_ids(doc)
    seen: dict[int, bool] = {}
    assert [foreign_sentence(doc, sent, i, seen) for i in range(len(doc))] == [
        _old_foreign_sentence(doc, sent, i) for i in range(len(doc))
    ]


def test_the_paragraph_marker_starts_a_sentence_after_every_line_break(blank) -> None:  # type: ignore[no-untyped-def]
    from annotator.nlp.components import mark_paragraphs

    for text in TEXTS:
        doc = mark_paragraphs(blank.nlp.make_doc(text))
        starts = {t.i for t in doc if t.is_sent_start}
        assert {i + 1 for i in _old_breaks(doc) if i + 1 < len(doc)} <= starts, text


def test_the_language_answers_split_as_expected(trained) -> None:  # type: ignore[no-untyped-def]
    doc = trained.nlp(TEXTS[5])
    sent = _sentence_ids(doc)
    seen: dict[int, bool] = {}
    french = doc.text.index("40")
    english = doc.text.rindex("40")
    at = {t.idx: t.i for t in doc}
    assert foreign_sentence(doc, sent, at[french], seen) is True
    assert foreign_sentence(doc, sent, at[english], seen) is False


@pytest.mark.slow
def test_a_remembered_rule_answers_what_the_rule_answers_and_forgets_with_the_doc(trained) -> None:  # type: ignore[no-untyped-def]
    from annotator.nlp.actors.not_actors import never_an_actor, not_actor_chars

    rule = never_an_actor.__wrapped_rule__  # type: ignore[attr-defined]
    text = TEXTS[0] + "\nMinister Slams Budget Plan As Talks Stall\nThe Iraq War ended. The Paris Agreement holds."
    first, second = trained.nlp(text), trained.nlp("WASHINGTON (Reuters) - The Iraq War ended, Joe Biden said.")
    answers = []
    for doc in (first, second, first):  # asked again for a doc seen before: answered anew, the same
        skip = not_actor_chars(doc)
        spans = [(s, e) for s in range(len(doc)) for e in range(s + 1, min(len(doc), s + 4) + 1)]
        remembered = [never_an_actor(doc, s, e, skip) for s, e in spans]
        assert remembered == [never_an_actor(doc, s, e, skip) for s, e in spans]  # from the memory
        assert remembered == [rule(doc, s, e, skip) for s, e in spans]
        answers.append(remembered)
    assert answers[0] == answers[2] and any(answers[0]) and not all(answers[0])
