"""Build benchmarks/gold/wikinews/wikinews.jsonl, the Wikinews tuning gold, from the texts and hand annotations.

    python benchmarks/gold/wikinews/build.py [--review ID] [--import CSV]

Input: ``texts/<id>.txt`` (the article as a reader sees it) and ``ann/<id>.ann``, one annotation
a line, written by hand (never copied from a suggester), in the format ``benchmarks/annfile.py``
reads (see its docstring). ``--import CSV`` writes ``texts/<id>.txt`` for every article of ``URLS``
found in a CSV file of the source export (``url,date,title,text`` rows), normalised as the README says.

Offsets are computed from the exact substrings and checked (text[start:end] == span text).
These articles are for tuning: unlike ``benchmarks/heldout``, read them as closely as you like.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import PRONOUNS, AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "wikinews.jsonl"
SOURCE = {
    "repository": "vanatteveldt/wikinews",
    "path": "data/wikinews_2019.csv",
    "commit": "b134aa9d261fe904f5c50a82b4d3cb001f8771bf",
}
LICENSE = "CC BY 2.5 (Wikinews, https://creativecommons.org/licenses/by/2.5/)"
URLS = {
    "london_bridge": "Bystanders_foil_knife-weilding_man_on_London_Bridge_with_fire_extinguisher,_whale_tusk",
    "sacoolas": "UK_urges_US_to_waive_immunity_for_diplomat%27s_wife_involved_in_fatal_collision",
    "wiranto": "Indonesian_security_minister_Wiranto_stabbed",
    "dorian": "Hurricane_Dorian_leaves_trail_of_destruction_in_the_Bahamas",
    "pge": "Scheduled_power_outages_in_Northern_California_begin",
    "hirtenberger": "Hungarian_state-owned_enterprise_acquires_Hirtenberger_Defence_Group",
    "toilets": "Slippery_business:_Materials_scientists_invent_new_coating_for_self-cleaning,_water-efficient_toilets",
    "zhukovskyy": "Driver_in_New_Hampshire_multi-motorcycle_crash_pleads_not_guilty",
    "afcfta": "Benin,_Nigeria_join_African_Union_continental_free_trade_bloc",
    "cengiz": "Fianc%C3%A9e_of_murdered_Saudi_journalist_demands_justice_at_UN_General_Assembly",
    "prorogation": "UK_Supreme_Court_rules_prorogation_of_parliament_unlawful",
    "samoa": "Samoan_government_temporarily_shuts_down_for_nationwide_measles_vaccination_drive",
    "mosul": "Coalition_authorities_report_no_casualties_from_missile_strike_on_Iraqi_air_base",
    "niqab": "Tunisian_Prime_Minister_signs_decree_to_ban_face_veils_in_public_institutions,_government_offices",
    "aftershocks": "Aftershocks_increase_death_toll_of_magnitude_6.3_earthquake_in_southern_Philippines",
    "marrero": "U.S._judge_orders_release_of_President_Trump%27s_tax_records,_appeals_court_issues_delay",
    "power_plants": "Researchers_break_down_deaths_due_to_power_plant_pollution_in_the_United_States",
    "ford": "US_Department_of_Justice_investigating_Ford_over_emissions_testing_problems",
    "turpin": "California_court_sentences_parents_who_kept_their_children_in_captivity",
    "zapata": "French_inventor_Franky_Zapata_successfully_crosses_English_Channel_on_jet-powered_hoverboard",
}


def normalise(title: str, body: str) -> str:
    """Headline, dateline, paragraphs, one blank line between them; spaces at line ends removed."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    return "\n\n".join([title.strip(), *(line for line in lines if line.strip())]) + "\n"


def import_csv(path: Path) -> list[str]:
    """Write the texts of the articles of ``URLS`` that ``path`` holds; returns their ids."""
    pages = {page: doc_id for doc_id, page in URLS.items()}
    written = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            page = row[0].rsplit("/wiki/", 1)[-1] if row else ""
            if page in pages:
                (HERE / "texts" / f"{pages[page]}.txt").write_text(normalise(row[2], row[3]), encoding="utf-8")
                written.append(pages[page])
    return written


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    url = "https://en.wikinews.org/wiki/" + URLS.get(doc_id, doc_id)
    return annfile.build_doc(doc_id, text, ann, url=url, license=LICENSE, source=SOURCE)


def build_all() -> list[dict]:
    return annfile.build_all(HERE, URLS, license=LICENSE, source=SOURCE)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--import" in args:
        i = args.index("--import")
        written = import_csv(Path(args[i + 1]))
        print(f"{len(written)} texts written: {', '.join(written)}")
        return 0
    return annfile.main(args, description=__doc__.splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
