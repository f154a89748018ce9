"""Build benchmarks/heldout3/heldout3.jsonl from the post texts and their hand annotations.

    python benchmarks/heldout3/build.py [--review ID]

Input: ``texts/<id>.txt`` (the Global Voices post as a reader sees it, normalised as the README
says) and ``ann/<id>.ann``, one annotation a line, written by hand (never copied from a suggester),
in the format ``benchmarks/annfile.py`` reads (see its docstring). Offsets are computed from the
exact substrings and checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "heldout3.jsonl"
SOURCE = {
    "repository": "OpenGenderTracking/globalvoices",
    "path": "data/full/globalvoicesonline.wordpress.2012-may.xml",
    "commit": "3f146b51fdcb59f0cd6fb76246cf79763787d34d",
}
LICENSE = "CC BY 3.0 (Global Voices, https://creativecommons.org/licenses/by/3.0/)"
# id -> the post's address, in the order the selection rule (SELECTION.md, README) picked them
URLS = {
    "foke": "http://globalvoicesonline.org/2012/05/01/indonesia-the-curious-case-of-the-governors-middle-finger/",
    "palhunger": "http://globalvoicesonline.org/2012/05/02/palestine-mass-hunger-strike-by-prisoners/",
    "adzan": "http://globalvoicesonline.org/2012/05/02/indonesia-should-mosques-lower-prayer-volume/",
    "persepolis": "http://globalvoicesonline.org/2012/05/03/tunisia-tv-station-chief-sued-for-broadcasting-persepolis/",
    "podcast": "http://globalvoicesonline.org/2012/05/02/global-voices-podcast-food-for-thought-food-to-eat/",
    "drones": "http://globalvoicesonline.org/2012/05/03/yemen-anger-at-expansion-of-us-drone-war/",
    "panama": "http://globalvoicesonline.org/2012/05/02/panama-commemorates-may-1-with-protests-and-work/",
    "mauritania": "http://globalvoicesonline.org/2012/05/04/mauritania-opposition-sit-in-attacked-by-security-forces/",
    "gilani": "http://globalvoicesonline.org/2012/05/04/pakistan-public-reaction-on-pms-contempt-verdict/",
    "bake": "http://globalvoicesonline.org/2012/05/06/kenya-the-bake-blog-awards-2012/",
    "penguin": "http://globalvoicesonline.org/2012/05/05/india-google-searchs-change-in-algorithm-and-its-impact/",
    "balloons": "http://globalvoicesonline.org/2012/05/05/armenia-chaos-as-balloons-explode-at-election-campaign-rally-injuring-many/",
    "freedomfast": "http://globalvoicesonline.org/2012/05/06/india-freedom-fast-to-save-your-voice/",
    "governors": "http://globalvoicesonline.org/2012/05/07/russia-surprise-resignations-threaten-new-governor-elections/",
    "bieber": "http://globalvoicesonline.org/2012/05/06/indonesia-geography-lesson-for-justin-bieber/",
    "harassment": "http://globalvoicesonline.org/2012/05/06/yemen-have-90-of-women-been-subject-to-sexual-harassment/",
    "missiles": "http://globalvoicesonline.org/2012/05/08/india-pakistan-missile-launches-game-changers-or-mere-posturing/",
    "maydayvideos": "http://globalvoicesonline.org/2012/05/08/may-day-videos-marches-demonstrations-and-protests-around-the-world/",
    "barcelona": "http://globalvoicesonline.org/2012/05/07/spain-barcelona-sieged-during-european-central-bank-meeting/",
    "yekini": "http://globalvoicesonline.org/2012/05/08/nigeria-r-i-p-rashidi-yekini-african-football-legend/",
}
# id -> the author the export names (dc:creator); attribution under CC BY is "<author>, Global Voices"
AUTHORS = {
    "foke": "Agung Harsya",
    "palhunger": "Jummana Kahlout",
    "adzan": "Agung Harsya",
    "persepolis": "salah.almhamdi",
    "podcast": "Jamillah Knowles",
    "drones": "Noon Arabia",
    "panama": "Rebecca Knaggs",
    "mauritania": "Ayesha Saldanha",
    "gilani": "kumail",
    "bake": "ndesanjo macha",
    "penguin": "rezwan",
    "balloons": "Onnik Krikorian",
    "freedomfast": "rezwan",
    "governors": "Andrey Tselikov",
    "bieber": "Agung Harsya",
    "harassment": "Noon Arabia",
    "missiles": "Aparna Ray",
    "maydayvideos": "Juliana Rincon Parra",
    "barcelona": "C. Parra",
    "yekini": "Richard Wanjohi",
}


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    doc = annfile.build_doc(doc_id, text, ann, url=URLS[doc_id], license=LICENSE, source=SOURCE)
    doc["meta"]["author"] = AUTHORS[doc_id]
    doc["meta"]["publisher"] = "Global Voices"
    return doc


def build_all() -> list[dict]:
    """Every post of ``URLS`` that has annotations, in that order."""
    return annfile.build_each(HERE, URLS, build_doc)


def main(argv: list[str] | None = None) -> int:
    return annfile.main(argv, description=(__doc__ or "").splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
