"""Build benchmarks/heldout/heldout.jsonl from the article texts and their hand annotations.

    python benchmarks/heldout/build.py [--review ID]

Input: ``texts/<id>.txt`` (the article as a reader sees it) and ``ann/<id>.ann``,
one annotation a line, written by hand (never copied from a suggester), in the format
``benchmarks/annfile.py`` reads (see its docstring).

Offsets are computed from the exact substrings and checked (text[start:end] == span text).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import PRONOUNS, AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "heldout.jsonl"
SOURCE = {
    "repository": "vanatteveldt/wikinews",
    "path": "data/wikinews_2019.csv",
    "commit": "b134aa9d261fe904f5c50a82b4d3cb001f8771bf",
}
LICENSE = "CC BY 2.5 (Wikinews, https://creativecommons.org/licenses/by/2.5/)"
URLS = {
    "magnitogorsk": "Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead",
    "pelosi": "Nancy_Pelosi_again_elected_Speaker_as_116th_U.S._Congress_sworn_in",
    "koszalin": "Escape_room_fire_kills_five_teen_girls_in_Koszalin,_Poland",
    "florida": "Florida_highway_pileup,_fire_kills_five_children,_two_truck_drivers",
    "cruz": "Senator_Ted_Cruz_proposes_amendment_to_U.S._Constitution_setting_Congressional_term_limits",
    "emergency": "President_Trump_says_he_%27can%27_and_%27may%27_put_US_into_state_of_emergency_to_build_border_wall",
    "easter": "Scientists_report_correlation_between_locations_of_Easter_Island_statues_and_water_resources",
    "cuba": "State-run_bus_crashes_in_Cuba_en_route_to_Havana,_killing_seven",
    "gdansk": "Arrest_made_as_mayor_of_Gda%C5%84sk,_Poland_stabbed_on_stage",
    "karaj": "Iranian_cargo_plane_crashes_into_Karaj_houses",
    "lionair": "Lion_Air_disaster:_Crashed_jet%27s_voice_recorder_recovered_from_Java_Sea",
    "mendez": "Former_U.S._intelligence_agent_Tony_Mendez,_architect_of_%27Argo%27_rescue,_dies_at_78",
    "mahan": "Germany_bans_Mahan_Air_of_Iran,_citing_%27security%27",
    "wardak": "Car_bomb_ramming_attack_kills_dozens_at_military_base_in_Maidan_Wardak,_Afghanistan",
    "jolo": "Bombs_kill_at_least_20_at_cathedral_in_Mindanao,_Philippines",
    "mokha": "Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others",
    "mcarthur": "Toronto_serial_killer_Bruce_McArthur_pleads_guilty_to_eight_murders",
    "spanton": "Paris_court_jails_two_police_in_high-profile_rape_case",
    "monarch": "Report_indicates_Mexican_monarch_butterfly_population_at_ten-year_high,_reasons_unclear",
    "babyninsky": "Bus_carrying_children_overturns_in_Babyninsky,_Russia;_at_least_seven_die",
    "nevada": "Nevada_becomes_first_state_in_U.S._with_majority-female_legislature",
    "munk": "Pioneering_oceanographer_Walter_Munk_dies_of_pneumonia_in_California",
    "ubolratana": "Thai_political_party_withdraws_nomination_of_princess_for_prime_minister",
    "seaeye": "German_migrant_rescue_charity_renames_ship_after_drowned_Syrian_toddler",
}


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    url = "https://en.wikinews.org/wiki/" + URLS.get(doc_id, doc_id)
    return annfile.build_doc(doc_id, text, ann, url=url, license=LICENSE, source=SOURCE)


def build_all() -> list[dict]:
    return annfile.build_all(HERE, URLS, license=LICENSE, source=SOURCE)


def main(argv: list[str] | None = None) -> int:
    return annfile.main(argv, description=__doc__.splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
