"""Quotes in blog and citizen-media layouts (resources/guidelines.md, "Blogs and social-media layouts"): tweet
lines, block quotes without marks, originals with their translations. Texts written for these tests."""

from __future__ import annotations

import pytest

from annotator.nlp.blog_quotes import block_words, foreign
from annotator.nlp.pipeline import LoadedPipeline
from tests.test_nlp_guideline_decisions import quotes_of

pytestmark = pytest.mark.slow


def said(found: list[tuple[str, str | None, str | None]], start: str) -> tuple[str | None, str | None]:
    """(kind, speaker) of the one quote that starts with ``start``."""
    [(kind, who)] = [(k, w) for q, k, w in found if q.startswith(start)]
    return kind, who


def texts(found: list[tuple[str, str | None, str | None]]) -> list[str]:
    return [q for q, _k, _w in found]


# tweet lines


def test_a_tweet_line_after_narration_is_the_handle_s_quote(trained: LoadedPipeline) -> None:
    text = (
        "Protesters stayed in the square for a third night, and the police watched from the side streets.\n\n"
        "@nightwatcher: Still hundreds of people here, singing and sharing tea. Nobody is leaving tonight."
    )
    assert said(quotes_of(trained, text), "Still hundreds") == ("direct", "@nightwatcher")


@pytest.mark.parametrize(
    ("line", "quote", "speaker"),
    [
        ("No more promises, we want water for our fields — @farmvoice", "No more promises", "@farmvoice"),
        ("RT @roadwatch: The northern road is closed again near the bridge.", "The northern road", "@roadwatch"),
        ("@andesnews (May 3, 10:15): Trucks have been waiting at the border since Friday.", "Trucks", "@andesnews"),
        ("@lima_daily [es]: Los camiones esperan en la frontera desde el viernes.", "Los camiones", "@lima_daily"),
        (  # an embedded tweet without its markup: the signature on a line of its own
            "Roads are open again, finally.\n\n— Dana Reyes (@dreyes) May 2, 2012",
            "Roads are open again",
            "Dana Reyes",
        ),
    ],
)
def test_tweet_lines_in_other_layouts(trained: LoadedPipeline, line: str, quote: str, speaker: str) -> None:
    text = f"The strike entered its second week and reactions online were divided.\n\n{line}"
    found = quotes_of(trained, text)
    assert said(found, quote) == ("direct", speaker)
    assert not any(q.startswith(("RT", "@")) or q.endswith(speaker) for q in texts(found))


def test_tweets_of_several_people_after_one_introduction_are_each_their_handle_s(trained: LoadedPipeline) -> None:
    text = (
        "Journalist Sara Lind collected the reactions of her colleagues:\n\n"
        "@north_star: A sad day for the courts of this country and for everyone who trusted them.\n\n"
        "@green_valley: Finally some justice for the families who waited so long for this day."
    )
    found = quotes_of(trained, text)
    assert said(found, "A sad day")[1] == "@north_star"
    assert said(found, "Finally some")[1] == "@green_valley"


# block quotes after an introduction ending in a colon


def test_a_chinese_original_counts_its_characters_as_words(trained: LoadedPipeline) -> None:
    assert block_words("我們不會離開這裡") == 9
    text = (
        "Student Wong Ka Ming wrote on his wall:\n\n"
        "我們不會離開這裡，直到政府回應。\n\n"
        "We will not leave this place until the government answers us."
    )
    found = quotes_of(trained, text)
    assert said(found, "我們不會") == ("direct", "Wong Ka Ming")
    assert said(found, "We will not leave") == ("direct", "Wong Ka Ming")


def test_a_short_sentence_ends_a_block_quote_but_a_caption_is_not_part_of_it(trained: LoadedPipeline) -> None:
    text = (
        "The campaign's website was changed to say the following:\n\n"
        "We are a group of students who could not stay silent while our teachers were arrested.\n\n"
        "Silence helps nobody.\n\n"
        "Photo of the banner at the entrance."
    )
    found = quotes_of(trained, text)
    assert said(found, "Silence helps nobody")[0] == "direct"
    assert not any(q.startswith("Photo") for q in texts(found))


def test_an_elision_line_keeps_the_block_going_and_elision_marks_stay_outside(trained: LoadedPipeline) -> None:
    text = (
        "Lena Petrova wrote on her blog:\n\n"
        "[...] I have visited the camp twice this year and the conditions are getting worse every month.\n\n"
        "[...]\n\n"
        "The governor praised the new buildings at his press conference, but nobody has moved in yet. [...]"
    )
    found = quotes_of(trained, text)
    assert said(found, "I have visited") == ("direct", "Lena Petrova")
    assert said(found, "The governor praised") == ("direct", "Lena Petrova")
    assert not any(q.startswith("[") or q.endswith("]") for q in texts(found))


def test_a_latin_script_original_and_its_translation_are_both_quotes(trained: LoadedPipeline) -> None:
    text = (
        "The cyclists' association Ruedas Libres wrote:\n\n"
        "La marcha es pacífica y la policía detuvo a los ciclistas sin razón en la avenida central.\n\n"
        "The march is peaceful and the police detained the cyclists without reason on the central avenue, "
        'one officer even said he would "call the riot police".'
    )
    found = quotes_of(trained, text)
    assert said(found, "La marcha")[0] == "direct"
    assert said(found, "The march is peaceful")[0] == "direct"
    assert '"call the riot police"' not in texts(found)  # words in marks inside a block quote: no quote of their own


def test_several_originals_are_followed_by_as_many_translations(trained: LoadedPipeline) -> None:
    text = (
        "Blogger Jan Novak answered his critics:\n\n"
        "Rada nikdy neodpověděla na dopisy, které obyvatelé poslali minulou zimu.\n\n"
        "Starosta tvrdí, že silnice bude opravena, ale nikdo tomu už nevěří.\n\n"
        "The council never answered the letters that the residents sent last winter.\n\n"
        "The mayor says the road will be repaired, but nobody believes it any more."
    )
    found = quotes_of(trained, text)
    assert said(found, "The mayor says")[1] == "Jan Novak"


@pytest.mark.parametrize(
    "after",
    [
        "Many streets in the lower town remained under water until Sunday [pt].",  # a link marked with its language
        "The image in this post is by Rui Costa, used under a CC BY 2.0 license.",  # an image credit
    ],
)
def test_a_language_tag_or_an_image_credit_ends_a_block_quote(trained: LoadedPipeline, after: str) -> None:
    text = (
        "Marta Silva described the scene:\n\n"
        f"The river rose in the night and by morning the whole lower town was under water.\n\n{after}"
    )
    found = quotes_of(trained, text)
    assert said(found, "The river rose") == ("direct", "Marta Silva")
    assert not any(q.startswith(("Many streets", "The image")) for q in texts(found))


def test_a_post_quoted_in_original_and_translation_ends_with_the_translations(trained: LoadedPipeline) -> None:
    text = (
        "Activist Pablo Ruiz posted:\n\n"
        "Mañana todos a la plaza a las cinco de la tarde con pancartas y con agua para todos.\n\n"
        "Tomorrow everyone to the square at five in the afternoon with banners and water for all.\n\n"
        "The march was later banned by the city because of the heat wave."
    )
    assert not any(q.startswith("The march") for q in texts(quotes_of(trained, text)))


def test_an_original_in_a_language_without_known_function_words(trained: LoadedPipeline) -> None:
    assert foreign("Ni sheria mbaya kwa waandishi wa habari na kwa wananchi wote wa nchi hii.")
    assert not foreign("It is a bad law for journalists and for all the citizens of this country.")


# who the introduction makes speak


@pytest.mark.parametrize(
    ("intro", "speaker"),
    [
        ("Tomas Berg, a teacher who was questioned by the police last year, wrote:", "Tomas Berg"),
        ("A last reaction comes from Zikomo who says the ruling came too late:", "Zikomo"),
        ("Some, like Anna Lind, welcomed the decision on their blogs:", "Anna Lind"),
        ("For Karl Moser (@kmoser) the decision is a scandal:", "Karl Moser"),
        ("The association's online petition [de] states:", "petition"),
        ("Many people were angry, as Paul Weber (@pweber) points out:", "Paul Weber"),
    ],
)
def test_the_introduction_s_speaker(trained: LoadedPipeline, intro: str, speaker: str) -> None:
    text = f"{intro}\n\nThis is a sad day for our town and I hope the council will think again about the plan."
    found = quotes_of(trained, text)
    kind, who = said(found, "This is a sad day")
    assert kind == "direct" and who is not None and who.endswith(speaker)


def test_an_introduction_without_a_subject_goes_on_with_the_speaker_before_it(trained: LoadedPipeline) -> None:
    text = (
        "Blogger Ivan Horak spent a month in the prison in 2010. In early May, he wrote two posts about the film.\n\n"
        "May 5, 2012:\n\n"
        "The prison is like this, only worse, and everyone there knows it.\n\n"
        "May 7, 2012:\n\n"
        "I am afraid that the guards will now take away every phone in every cell."
    )
    found = quotes_of(trained, text)
    assert said(found, "The prison is like this") == ("direct", "Ivan Horak")
    assert said(found, "I am afraid") == ("direct", "Ivan Horak")


def test_a_quoted_paragraph_ending_in_a_colon_introduces_more_of_the_same_post(trained: LoadedPipeline) -> None:
    text = (
        "Clara Diaz wrote on her blog:\n\n"
        "There are only two things that would change the hospital:\n\n"
        "1. Hiring enough nurses for the night shifts, so that nobody works alone.\n\n"
        "2. Paying the overtime that the ministry has owed us since last year."
    )
    found = quotes_of(trained, text)
    assert said(found, "1. Hiring")[1] == "Clara Diaz"
    assert said(found, "2. Paying")[1] == "Clara Diaz"


def test_a_paragraph_introducing_someone_else_ends_the_block(trained: LoadedPipeline) -> None:
    text = (
        "Commenter Olga Sand wrote:\n\n"
        "I have seen the film twice and every word of it is true, I was there.\n\n"
        "On May 2, director Erik Holm noted on his page that the guards now address us politely:\n\n"
        "It is the first time in twenty years that they have answered a letter of mine."
    )
    assert said(quotes_of(trained, text), "It is the first time")[1] == "Erik Holm"


def test_a_subject_lost_in_link_marks_is_the_name_before_the_verb(trained: LoadedPipeline) -> None:
    text = (
        "Maria Alves [pt](@malves) reported being taken to a police station:\n\n"
        "We are at the station in the city centre and nobody tells us why we are here."
    )
    assert said(quotes_of(trained, text), "We are at the station") == ("direct", "Maria Alves")


# an introduction ending in a full stop


def test_an_introduction_ending_in_a_full_stop_when_a_quoted_post_follows(trained: LoadedPipeline) -> None:
    text = (
        "The Baltic Review blog comments.\n\n"
        "[...] the students forced the minister to listen and this is a victory for all of us."
    )
    kind, who = said(quotes_of(trained, text), "the students forced")
    assert kind == "direct" and who is not None and "Baltic Review" in who


def test_a_sentence_about_someone_before_plain_narration_is_no_introduction(trained: LoadedPipeline) -> None:
    text = (
        "Council member John Smith commented.\n\n"
        "The schools were promised four years ago, and nothing has happened since then.\n\n"
        "Mayor Ana Ruiz spoke after the vote.\n\n"
        'Residents said "we are tired of waiting" at the meeting on Tuesday.'
    )
    assert not any(q.startswith(("The schools", "Residents said")) for q in texts(quotes_of(trained, text)))


# the introduction's own reported speech


def test_what_someone_points_out_is_reported_speech(trained: LoadedPipeline) -> None:
    text = "The teacher pointed out that the new rules would close three village schools next year."
    assert quotes_of(trained, text) == [
        ("the new rules would close three village schools next year", "indirect", "The teacher")
    ]


def test_a_language_tag_after_a_reported_clause_is_not_part_of_it(trained: LoadedPipeline) -> None:
    text = "Blogger Tomas Berg said that the new rules would close three village schools [sv]:\n\nWe will fight this."
    found = quotes_of(trained, text)
    assert said(found, "the new rules")[0] == "indirect"
    assert "the new rules would close three village schools" in texts(found)


def test_the_content_before_according_to_and_a_colon_is_reported_speech(trained: LoadedPipeline) -> None:
    text = (
        "Talks on the new land law are in progress, according to the union:\n\n"
        "We expect a first draft before the rainy season and we will publish it for everyone to read."
    )
    found = quotes_of(trained, text)
    assert said(found, "Talks on the new land law are in progress")[0] == "indirect"
    assert said(found, "We expect a first draft")[0] == "direct"
