"""ACTOR precision, round 6 of issue 11: general causes of false actors seen on unannotated Wikinews 2019 text."""

from __future__ import annotations

import pytest

from annotator.nlp import suggest_one
from annotator.nlp.pipeline import LoadedPipeline


def actors(pipeline: LoadedPipeline, text: str) -> list[str]:
    return [s.text_in(text) for s in suggest_one(pipeline, text)[0] if s.label == "ACTOR"]


@pytest.mark.slow
def test_a_list_of_places_read_as_appositions_is_places(trained: LoadedPipeline) -> None:
    # the parser reads "Brazil" as an apposition to "Australia" and hangs the rest of the list on it
    text = (
        "Police said arrests were made in Australia, Brazil, Canada, the Czech Republic, Germany, Ireland and "
        "the United Kingdom. Germany, France and Italy signed the accord."
    )
    found = actors(trained, text)
    for place in ("Australia", "Brazil", "Canada", "the Czech Republic", "Ireland", "the United Kingdom"):
        assert place not in found
    assert found.count("Germany") == 1 and "France" in found and "Italy" in found  # a list that acts


@pytest.mark.slow
def test_the_country_a_person_is_from_is_no_actor_unless_the_person_holds_an_office(trained: LoadedPipeline) -> None:
    text = (
        "Yesterday, Karsten Warholm of Norway won the final. Brigid Kosgei of Kenya won the marathon. "
        "Crown Prince Mohammad bin Salman of Saudi Arabia accepted responsibility. Later Norway said it was proud."
    )
    found = actors(trained, text)
    assert "Karsten Warholm" in found and "Brigid Kosgei" in found
    assert "Kenya" not in found and found.count("Norway") == 1  # the second "Norway" speaks
    assert "Saudi Arabia" in found  # the state the office serves, as the tuning gold marks it


@pytest.mark.slow
def test_a_storm_is_no_actor_in_any_mention(trained: LoadedPipeline) -> None:
    text = (
        "Today, as Hurricane Lorenzo hit the islands, Met Éireann issued weather alerts. Though Lorenzo was "
        'forecast to diminish, gusts were forecast to reach 80 mph. "Storm Lorenzo will produce significant swell", '
        "read the warning. According to reports, Lorenzo is the largest storm this far east."
    )
    found = actors(trained, text)
    assert not any("Lorenzo" in a for a in found)


@pytest.mark.slow
def test_a_time_zone_after_a_time_is_no_actor(trained: LoadedPipeline) -> None:
    text = (
        "A World War II-era bomber crashed at Bradley International Airport in Windsor Locks, Connecticut. The plane "
        "crashed near the end of a runway at 9:54 a.m. ET (1354 UTC) during an attempted landing. Bradley Airport "
        "was shut down after the incident and reopened later that day at 2 p.m. ET (1800 UTC)."
    )
    found = actors(trained, text)
    assert "ET" not in found


@pytest.mark.slow
def test_a_name_after_a_title_chain_is_the_persons_own(trained: LoadedPipeline) -> None:
    # the model reads "the United Nations" and "Nikki Haley" as two organisations right after each other
    text = 'Former US Ambassador to the United Nations Nikki Haley wrote on Twitter, "Leaving them is a mistake."'
    found = actors(trained, text)
    assert "Nikki Haley" in found and "the United Nations" in found  # an organisation in a title is an actor
    assert "US" not in found and "the United Nations Nikki Haley" not in found


@pytest.mark.slow
def test_generic_people_acted_on_at_a_sentence_start_are_no_actors(trained: LoadedPipeline) -> None:
    text = (
        "The plane crashed near the runway. Crash victims were transported by ambulance to hospitals in the area. "
        "Scientology officials said the church would help."
    )
    found = actors(trained, text)
    assert "Crash victims" not in found and "Scientology officials" in found


@pytest.mark.slow
def test_the_name_of_a_work_after_its_noun_is_no_actor(trained: LoadedPipeline) -> None:
    text = (
        "Here he worked on Wings's album Band on the Run with Paul McCartney. He still lived there when the 2012 "
        "documentary Beware of Mr. Baker was filmed. Polls show Biden ahead. On his show Trump said it was fine."
    )
    found = actors(trained, text)
    assert "Band" not in found and "Run" not in found and "Baker" not in found
    assert "Paul McCartney" in found and "Biden" in found and "Trump" in found


@pytest.mark.slow
def test_english_words_of_other_languages_do_not_make_a_paragraph_foreign(trained: LoadedPipeline) -> None:
    found = actors(trained, '"Son, do as I do," Johnson told Smith.')
    assert "Johnson" in found and "Smith" in found


@pytest.mark.slow
def test_a_role_after_according_to_that_a_name_follows_is_no_second_actor(trained: LoadedPipeline) -> None:
    text = "According to Windsor Locks' first selectman, Chris Kervick, there were ten passengers aboard the aircraft."
    found = actors(trained, text)
    assert "Chris Kervick" in found and "first selectman" not in found


@pytest.mark.slow
def test_a_nationality_right_before_a_name_is_a_title(trained: LoadedPipeline) -> None:
    text = "He was followed closely by Ethiopians Dejene Debela and Asefa Mengstu. Americans voted on Tuesday."
    found = actors(trained, text)
    assert "Ethiopians" not in found and "Americans" in found


@pytest.mark.slow
def test_buildings_listed_where_people_are_taken_are_places(trained: LoadedPipeline) -> None:
    text = (
        "Crash victims were transported by ambulance and by air to hospitals in the area, including Hartford "
        "Hospital, Bridgeport Hospital, and Saint Francis Hospital. Saint Francis Hospital said it was ready."
    )
    found = actors(trained, text)
    assert "Hartford Hospital" not in found and "Bridgeport Hospital" not in found
    assert found.count("Saint Francis Hospital") == 1  # the one that speaks


@pytest.mark.slow
def test_a_country_before_a_title_is_part_of_it_when_the_model_missed_the_name(trained: LoadedPipeline) -> None:
    text = (
        "US Speaker Pelosi announces Trump impeachment investigation\n\n"
        "Yesterday afternoon, Nancy Pelosi announced an inquiry. The US Senate voted on it."
    )
    found = actors(trained, text)
    assert "US" not in found and "The US Senate" in found


@pytest.mark.slow
def test_the_owner_of_a_region_by_its_direction_is_a_place(trained: LoadedPipeline) -> None:
    found = actors(trained, "Kurds announce deal with Assad's government as Turkey invades Syria's northeast")
    assert "Syria" not in found and "Turkey" in found and "Kurds" in found
