"""Build benchmarks/heldout6/heldout6.jsonl from the article texts and their hand annotations.

    python benchmarks/heldout6/build.py [--review ID]

Input: ``texts/<id>.txt`` (the article as a reader sees it, normalised from ``raw/<id>.md`` by
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

OUT = HERE / "heldout6.jsonl"
LICENSE = "Public domain: work of the U.S. Government (17 U.S.C. 105), NASA"
NASA = "NASA (nasa.gov news releases and features)"
SOURCE = {
    "repository": "katie-hofschen/NASA_RAG",
    "commit": "71c37a5cf0b4dfdd7e9db2eaa737f051a3d86696",
}
_DIR = "nasa_articles/nasa_article_"
# The repository records no page addresses: the record's url is the stored file on GitHub at that commit.
_BLOB = "https://github.com/katie-hofschen/NASA_RAG/blob/71c37a5cf0b4dfdd7e9db2eaa737f051a3d86696/"
# id -> (publisher, path in the source repository), in the order the rule picked them
ARTICLES = {
    "patilsabale": (NASA, _DIR + "8.md"),
    "debris": (NASA, _DIR + "11.md"),
    "hytec": (NASA, _DIR + "13.md"),
    "kenya": (NASA, _DIR + "17.md"),
    "aviary": (NASA, _DIR + "20.md"),
    "bestplace": (NASA, _DIR + "21.md"),
    "rosalind": (NASA, _DIR + "22.md"),
}
# id -> the author as the stored text gives it (releases and features carry no byline there)
AUTHORS = {doc_id: "NASA (no byline in the stored text)" for doc_id in ARTICLES}


def url(doc_id: str) -> str:
    """Where the stored text can be read (the repository keeps no nasa.gov address)."""
    return _BLOB + ARTICLES[doc_id][1]


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    publisher, path = ARTICLES[doc_id]
    doc = annfile.build_doc(doc_id, text, ann, url=url(doc_id), license=LICENSE, source=dict(SOURCE, path=path))
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
