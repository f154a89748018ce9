"""Build benchmarks/heldout5/heldout5.jsonl from the GOV.UK news texts and their hand annotations.

    python benchmarks/heldout5/build.py [--review ID]

Input: ``texts/<id>.txt`` (the GOV.UK news item as a reader sees it, normalised as SELECTION.md says)
and ``ann/<id>.ann``, one annotation a line, written by hand (never copied from a suggester), in the
format ``benchmarks/annfile.py`` reads (see its docstring). Offsets are computed from the exact
substrings and checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "heldout5.jsonl"
LICENSE = (
    "OGL v3.0 (Open Government Licence, https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)"
)
A = "alphagov/govuk-content-schemas"
B = "alphagov/publishing-api"
# id -> (the item's address, the stored file it was read from, the publishing organisation), in the order
# the selection rule (SELECTION.md) picked them
ITEMS = {
    "drugdrive": (
        "https://www.gov.uk/government/news/public-approval-for-driving-limits-for-16-drugs",
        (A, "examples/news_article/frontend/best-practice-news-story.json", "1dcb12df36993b5c4307a6779637f14b6e7d3d27"),
        "Department for Transport",
    ),
    "frank": (
        "https://www.gov.uk/government/news/new-frank-adverts-mark-tenth-anniversary--2",
        (
            A,
            "examples/news_article/frontend/best-practice-press-release.json",
            "4be95c393b911906e8f8afbdb9f37701fec39f51",
        ),
        "Home Office",
    ),
    "xmas2016": (
        "https://www.gov.uk/government/news/christmas-2016-prime-ministers-message",
        (A, "examples/news_article/frontend/news_article.json", "34e6f32998269fed7e9cb782544e6d133f7ad898"),
        "Prime Minister's Office, 10 Downing Street",
    ),
    "oneyou": (
        "https://www.gov.uk/government/news/modern-life-responsible-for-worrying-health-in-middle-aged",
        (
            A,
            "examples/news_article/frontend/news_article_press_release.json",
            "1dcb12df36993b5c4307a6779637f14b6e7d3d27",
        ),
        "Public Health England",
    ),
    "brilliantly": (
        "https://www.gov.uk/government/news/"
        "british-high-commission-marks-his-majesty-king-charles-iiis-birthday-with-brilliantly-british-celebrations",
        (
            B,
            "content_schemas/examples/news_article/frontend/news_article_with_image_caption.json",
            "1663ba2fa1c77677167ac462e831f449afb8e70d",
        ),
        "British High Commission Islamabad",
    ),
    "turkey": (
        "https://www.gov.uk/government/case-studies/english-language-consultancy-wins-business-in-turkey",
        (A, "examples/case_study/frontend/best-practice-case-study.json", "7c291080f706f6796e017b0b50b53efab561ed8a"),
        "UK Trade & Investment",
    ),
    "carlisle": (
        "https://www.gov.uk/government/case-studies/get-britain-building-carlisle-park",
        (A, "examples/case_study/frontend/case_study.json", "45acb62a7a46b1f81898a9d70490062e8688b55a"),
        "Homes and Communities Agency",
    ),
}
URLS = {doc_id: url for doc_id, (url, _, _) in ITEMS.items()}


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    _, (repository, path, commit), publisher = ITEMS[doc_id]
    source = {"repository": repository, "path": path, "commit": commit}
    doc = annfile.build_doc(doc_id, text, ann, url=URLS[doc_id], license=LICENSE, source=source)
    doc["meta"]["author"] = publisher  # GOV.UK news names no author: the department publishes it
    doc["meta"]["publisher"] = f"GOV.UK ({publisher})"
    return doc


def build_all() -> list[dict]:
    """Every item of ``ITEMS`` that has annotations, in that order."""
    return annfile.build_each(HERE, URLS, build_doc)


def main(argv: list[str] | None = None) -> int:
    return annfile.main(argv, description=(__doc__ or "").splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
