"""ACTOR on blog and citizen-media posts (issue 11, guidelines "Blogs and social-media layouts"): handles, names in
tweets and quoted posts, and the false actors such posts invite."""

from __future__ import annotations

import pytest

from annotator.nlp import suggest_one
from annotator.nlp.pipeline import LoadedPipeline


def actors(pipeline: LoadedPipeline, text: str) -> list[str]:
    return [s.text_in(text) for s in suggest_one(pipeline, text)[0] if s.label == "ACTOR"]


HANDLES = (
    "Residents of the valley complained about the new road on Twitter. Tomas Berg (@tberg_77) tweeted:\n\n"
    "@tberg_77: the road cuts the village in two, RT @valleywatch: no one asked us\n\n"
    "The regional council answered via @CouncilNews that work would go on, and thanked @mira_l for the photos."
)


@pytest.mark.parametrize("which", ["blank", pytest.param("trained", marks=pytest.mark.slow)])
def test_handles_are_actors_wherever_they_occur(which: str, request: pytest.FixtureRequest) -> None:
    found = actors(request.getfixturevalue(which), HANDLES)
    for handle in ("@tberg_77", "@valleywatch", "@CouncilNews", "@mira_l"):
        assert handle in found
    assert found.count("@tberg_77") == 2  # after the name in brackets, and at the start of the tweet line


def test_an_address_and_a_hashtag_are_no_handles(blank: LoadedPipeline) -> None:
    text = "Write to press@council.org or follow #RoadWatch and @roadwatch for news."
    found = actors(blank, text)
    assert "@roadwatch" in found
    assert not any("press" in a or "RoadWatch" in a for a in found)


@pytest.mark.slow
def test_the_name_before_a_handle_in_brackets_is_an_actor(trained: LoadedPipeline) -> None:
    text = "Existence of #HealthCare #peace\n\nOkoth Wanyama (@okwanyama) called against using #war:"
    found = actors(trained, text)
    assert "Okoth Wanyama" in found and "@okwanyama" in found


@pytest.mark.slow
def test_a_given_name_alone_as_a_subject_is_the_person_named_before(trained: LoadedPipeline) -> None:
    text = (
        "Jailed Ethiopian blogger and journalist Eskinder Nega is the winner of this year's freedom award. His wife "
        "Serkalem Fasil accepted it.\n\nBlogger Abel Tola wrote:\n\nIf Eskinder were standing here, he would accept "
        "this award for all of us. Eskinder is a hero of a special kind, and above all, Eskinder speaks truth to power."
    )
    found = actors(trained, text)
    assert "Eskinder Nega" in found
    assert found.count("Eskinder") == 3


@pytest.mark.slow
def test_an_institution_is_an_actor_in_any_mention(trained: LoadedPipeline) -> None:
    text = (
        "Writers asked the government to leave the Internet alone. There is a great distrust of the authorities "
        "among them; they want to be treated with respect by the State. Critics talked about the govt instead.\n\n"
        "It is not for the court to judge, argued the government's lawyer, Ana Silva. Government officials declined "
        "to comment on the police actions."
    )
    found = actors(trained, text)
    for group in ("the government", "the authorities", "the govt"):
        assert group in found
    assert "the State" in found or "State" in found
    assert found.count("the government") == 1  # not the possessor of the lawyer who speaks
    assert not any(a in ("the police", "police") for a in found)  # "the police actions": a modifier


def test_a_handle_glued_to_punctuation_is_an_actor(blank: LoadedPipeline) -> None:
    text = (
        "@tweeter: .@CityHall please fix the road, cc:@roadworks. Ana Ruiz [es](@anaruiz) agreed with @Leo@Mia_2. "
        "Mail ana@city.org"
    )
    found = actors(blank, text)
    for handle in ("@tweeter", "@CityHall", "@roadworks", "@anaruiz", "@Leo", "@Mia_2"):
        assert handle in found
    assert not any("city.org" in a for a in found)


@pytest.mark.slow
def test_a_place_that_makes_a_modifier_is_no_actor(trained: LoadedPipeline) -> None:
    found = actors(trained, "Nairobi-based blogger Amina Yusuf and a Lagos based writer, Tunde Ade, reacted at once.")
    assert "Amina Yusuf" in found and "Tunde Ade" in found
    assert "Nairobi" not in found and "Lagos" not in found


@pytest.mark.slow
def test_a_currency_after_a_number_is_no_actor(trained: LoadedPipeline) -> None:
    found = actors(trained, "Malawi agreed to host the summit, which will cost more than one billion Kwacha.")
    assert "Malawi" in found and "Kwacha" not in found


@pytest.mark.slow
def test_a_capitalised_role_after_a_name_is_no_second_actor(trained: LoadedPipeline) -> None:
    found = actors(trained, "Tomas Berg, Emeritus Professor of history, said the archive should stay open.")
    assert found == ["Tomas Berg"]


@pytest.mark.slow
def test_a_place_labelling_a_quoted_headline_is_no_actor(trained: LoadedPipeline) -> None:
    text = 'Kenya: "If the Courts Listen, Everything Will Change"\n\nTuesday, May 1, 2012\n\nLawyers welcomed it.'
    assert "Kenya" not in actors(trained, text)


@pytest.mark.slow
def test_an_uprising_is_an_event(trained: LoadedPipeline) -> None:
    text = "Syria: Bloggers React to Homs Massacre\n\nBloggers wrote about the Hama Uprising and the Deraa Protests."
    assert not any("Hama" in a or "Deraa" in a or "Homs" in a for a in actors(trained, text))


@pytest.mark.slow
def test_a_name_the_text_calls_a_city_is_a_place(trained: LoadedPipeline) -> None:
    text = "From May 2 to 6, 2012, Matera, a small city in the south of Italy, became a meeting point for journalists."
    assert "Matera" not in actors(trained, text)


@pytest.mark.slow
def test_the_agent_of_a_passive_acts(trained: LoadedPipeline) -> None:
    text = "Many of the marches were attacked by riot police, and the land was bought by investors in secret."
    found = actors(trained, text)
    assert "riot police" in found and "investors" in found


@pytest.mark.slow
def test_a_capitalised_title_with_the_and_no_name_is_the_person(trained: LoadedPipeline) -> None:
    found = actors(trained, "Activists wrote that it was made clear that the President has forgotten about the law.")
    assert "the President" in found


@pytest.mark.slow
def test_this_government_is_an_actor_as_a_possessor(trained: LoadedPipeline) -> None:
    found = actors(trained, "We will not stop until this government's self-made problems are solved.")
    assert "this government" in found


@pytest.mark.slow
def test_the_people_blogs_write_about_are_actors(trained: LoadedPipeline) -> None:
    text = (
        "The protestors had been conducting a sit-in for days. The cops arrived at night. Netizens reacted quickly, "
        "and the rally was organised by political parties."
    )
    found = actors(trained, text)
    for group in ("The protestors", "The cops", "Netizens", "political parties"):
        assert group in found


@pytest.mark.slow
def test_people_in_general_are_nobody_in_particular(trained: LoadedPipeline) -> None:
    text = (
        "It is better to have more voices. But people have to be willing to stand up, and these people know it. "
        "How is any organization supposed to write such a code? Every lawyer knows the answer. Young people have "
        "sparked a new interest in politics, and the people standing on the bridge cheered."
    )
    found = actors(trained, text)
    assert not any(a in ("people", "these people", "any organization", "Every lawyer") for a in found)
    assert "Young people" in found and any(a.startswith("the people") for a in found)


@pytest.mark.slow
def test_a_people_named_as_an_object_is_not_acting(trained: LoadedPipeline) -> None:
    text = (
        "The group launched an online campaign, inviting Christians to sign in and pray. "
        "Most of the protesters were Salafists. Kenyans protested in the streets."
    )
    found = actors(trained, text)
    assert "Christians" not in found and "Salafists" not in found
    assert "Kenyans" in found


@pytest.mark.slow
def test_a_holiday_named_after_people_is_no_actor(trained: LoadedPipeline) -> None:
    text = "May Day, or Labour Day, or International Workers' Day is recognised as a public holiday in many countries."
    assert actors(trained, text) == []


@pytest.mark.slow
def test_roles_joined_by_and_before_a_name_are_its_title(trained: LoadedPipeline) -> None:
    text = "Jailed Ethiopian dissident blogger and journalist Tesfaye Worku is the winner of this year's award."
    assert actors(trained, text) == ["Tesfaye Worku"]

