"""Build benchmarks/heldout2/heldout2.jsonl from the article texts and their hand annotations.

    python benchmarks/heldout2/build.py [--review ID]

Input: ``texts/<id>.txt`` (the article as a reader sees it) and ``ann/<id>.ann``, one annotation a
line, written by hand (never copied from a suggester), in the format ``benchmarks/annfile.py`` reads
(see its docstring). Offsets are computed from the exact substrings and checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "heldout2.jsonl"
SOURCE = {
    "repository": "vanatteveldt/wikinews",
    "path": "wikinews_2020.csv",
    "commit": "ebb25d3c66507269b14c437b5f4b04bf26b3b056",
}
LICENSE = "CC BY 2.5 (Wikinews, https://creativecommons.org/licenses/by/2.5/)"
# id -> en.wikinews.org page name, in the order the selection rule (README) picked them
URLS = {
    "iraq": "Iraqi_Parliament_votes_for_expulsion_of_United_States_troops",
    "sola": "Fire_erupts_in_parking_structure_at_Sola_Airport,_Norway",
    "streatham": "Police_shoot_man_dead_after_%27terrorist-related%27_knife_attack_in_London",
    "foreigners": "First_foreigners_die_from_coronavirus_in_Wuhan,_China",
    "southcarolina": "Joe_Biden_wins_2020_South_Carolina_US_Democratic_presidential_primary",
    "argentina": (
        "Argentine_president_Fern%C3%A1ndez_to_send_bill_legalising_abortion_to_National_Congress_within_10_days"
    ),
    "bangladesh": "Bangladesh_reports_five_new_deaths_due_to_COVID-19,_a_daily_highest",
    "sanders": "Bernie_Sanders_ends_2020_US_presidential_bid",
    "abscbn": "Philippines%27_largest_television_network_shut_down_by_government",
    "kimura": "Japanese_professional_wrestler_and_Netflix_star_Hana_Kimura_dies_aged_22",
    "lukjok": "South_Sudanese_politician_John_Luk_Jok_dies_aged_about_68",
    "fairfield": "Power_firm_helicopter_strikes_cables,_crashes_near_Fairfield,_California",
    "warrants": "Iran_issues_arrest_warrants_for_36_people,_including_US_President_Trump;_seeks_Interpol%27s_aid",
    "kamloops": "11-month_old_baby_finds_illegal_drugs_in_playground_in_British_Columbia,_Canadian_police_report",
    "calicut": "Passenger_flight_crashes_upon_landing_at_Calicut_airport_in_India",
    "caloundra": "Caloundra_defeat_Maroochydore_in_third_round_of_2020_Sunshine_Coast_Rugby_Union_season",
    "university": "University_defeat_Maroochydore_in_round_five_of_2020_Sunshine_Coast_Rugby_Union_season",
    "boseman": "Tributes_paid_to_recently_deceased_US_actor_Chadwick_Boseman",
    "trumpcovid": "US_President_Donald_Trump_tests_positive_for_COVID-19",
    "debate": "Second_US_Biden-Trump_debate_cancelled_amid_safety_controversy",
    "biden": "Joe_Biden_projected_US_president-elect",
    "izmir": "Turkish_government_stops_search_of_survivors_of_Aegean_Sea_earthquake_off_Izmir",
    "stopthesteal": (
        "Conservative_groups_hold_rally_in_Washington_D.C._claiming_U.S._elections_were_stolen_from_President_Trump"
    ),
    "matovic": "Prime_Minister_of_Slovakia_Igor_Matovi%C4%8D_tests_positive_for_COVID-19",
}


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    url = "https://en.wikinews.org/wiki/" + URLS.get(doc_id, doc_id)
    return annfile.build_doc(doc_id, text, ann, url=url, license=LICENSE, source=SOURCE)


def build_all() -> list[dict]:
    return annfile.build_all(HERE, URLS, license=LICENSE, source=SOURCE)


def main(argv: list[str] | None = None) -> int:
    return annfile.main(argv, description=(__doc__ or "").splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
