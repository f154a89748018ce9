"""Build benchmarks/heldout4/heldout4.jsonl from the article texts and their hand annotations.

    python benchmarks/heldout4/build.py [--review ID]

Input: ``texts/<id>.txt`` (the article as a reader sees it, normalised from ``raw/<id>.html`` by
``normalize.py`` as SELECTION.md says) and ``ann/<id>.ann``, one annotation a line, written by hand
(never copied from a suggester), in the format ``benchmarks/annfile.py`` reads (see its docstring).
Offsets are computed from the exact substrings and checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "heldout4.jsonl"
LICENSE = "Public domain: work of the U.S. Government (17 U.S.C. 105)"
AF = "U.S. Air Force (Air Force News Service, af.mil)"
ARCIC = "U.S. Army Capabilities Integration Center (TRADOC, arcic.army.mil)"
AF_SOURCE = {
    "repository": "strangerAshik/TecnologiaNova",
    "commit": "b05d4f12868637ab99e2a71355e8487ec84cad21",
}
ARCIC_SOURCE = {
    "repository": "tradocG9media/TRADOC_G9",
    "commit": "12bbc7cc2ae9de09f5e28cd4091e6e1d2392e3a9",
}
_AF_DIR = "public/DesktopModules/ArticleCS/"
_ARCIC_DIR = "ARCIC/Views/Articles/Archived/"
_ARCIC_PKG = "ARCIC/obj/Release/Package/PackageTmp/Views/Articles/Archived/"
_AF_URL = "http://www.af.mil/DesktopModules/ArticleCS/Print.aspx?PortalId=1&ModuleId=850&Article="
_ARCIC_URL = "http://www.arcic.army.mil/Articles/"
# id -> (publisher, path in the source repository, the article's address), in the order the rule picked them
ARTICLES = {
    "ccatt": (AF, _AF_DIR + "Print31c8.html", _AF_URL + "643126"),
    "lombardi": (AF, _AF_DIR + "Print8fd1.html", _AF_URL + "643299"),
    "jamescsis": (AF, _AF_DIR + "Print9e4f.html", _AF_URL + "643334"),
    "desertstorm": (AF, _AF_DIR + "Printcf90.html", _AF_URL + "643350"),
    "thinktanks2014": (ARCIC, _ARCIC_DIR + "arcichq-ARCIC-Host-Think-Tanks-Discuss-Army-2020-And-Beyond.aspx", ""),
    "thinktanks2012": (ARCIC, _ARCIC_DIR + "arcichq-ARCIC-Shares-Future-Warfare-Insights-With-DC-Think-Tanks.aspx", ""),
    "futuresday": (ARCIC, _ARCIC_DIR + "arcichq-Futures-Day-Preparing-Army-Leaders-For-The-Unexpected.aspx", ""),
    "ew": (ARCIC, _ARCIC_DIR + "cdd-The-Future-Of-Army-Electronic-Warfare.aspx", ""),
    "innovation": (ARCIC, _ARCIC_DIR + "cdld-Army-Innovation-Force-Modernization-in-a-Complex-World.aspx", ""),
    "capstone": (ARCIC, _ARCIC_DIR + "sltf-ACC-Highlights-Need-7th-Warfighting-Function.aspx", ""),
    "walkercgsc": (ARCIC, _ARCIC_PKG + "arcichq-ARCIC-Director-Discusses-Army-In-Transition.aspx", ""),
    "thinktankday": (
        ARCIC,
        _ARCIC_PKG + "arcichq-Think-Tank-Discussion-Highlights-Need-For-Future-Planning-And-Innovations.aspx",
        "",
    ),
}
# id -> the byline as the page gives it (an ARCIC page without a byline: the center itself)
AUTHORS = {
    "ccatt": "Kevin M. Hymel, Air Force Surgeon General Public Affairs",
    "lombardi": "Senior Airman Ashley Powell, Secretary of the Air Force Public Affairs Command Information",
    "jamescsis": "Senior Airman Hailey Haux, Secretary of the Air Force Public Affairs Command Information",
    "desertstorm": "Senior Airman Hailey Haux, Secretary of the Air Force Public Affairs",
    "thinktanks2014": "Army Capabilities Integration Center (ARCIC Exclusive, no byline)",
    "thinktanks2012": "Army Capabilities Integration Center (ARCIC Exclusive, no byline)",
    "futuresday": "I2D (ARCIC Information Integration Directorate)",
    "ew": "Ronald Garhart and Lowell Asher, Mission Command, Intel, and Cyber Division (MCIC), ARCIC",
    "innovation": "Future Warfare Division, ARCIC",
    "capstone": "Maj. Michael Lenart, I2D",
    "walkercgsc": "Maj. Michael Lenart, Information Integration Directorate",
    "thinktankday": "John Whipple, Army Capabilities Integration Center (ARCIC)",
}


def url(doc_id: str) -> str:
    """The article's address: af.mil's printable view, or the ARCIC page the file served (the site's path)."""
    _publisher, path, address = ARTICLES[doc_id]
    return address or _ARCIC_URL + path.rsplit("/", 1)[1]


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    publisher, path, _address = ARTICLES[doc_id]
    source = dict(AF_SOURCE if publisher == AF else ARCIC_SOURCE, path=path)
    doc = annfile.build_doc(doc_id, text, ann, url=url(doc_id), license=LICENSE, source=source)
    doc["meta"]["author"] = AUTHORS[doc_id]
    doc["meta"]["publisher"] = publisher
    return doc


def build_all() -> list[dict]:
    """Every article of ``ARTICLES`` that has annotations, in that order."""
    return annfile.build_each(HERE, ARTICLES, build_doc)


def main(argv: list[str] | None = None) -> int:
    return annfile.main(argv, description=(__doc__ or "").splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
