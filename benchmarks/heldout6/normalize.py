"""Write ``texts/<id>.txt`` from ``raw/<id>.md`` by the normalisation of SELECTION.md (run once per article).

    python benchmarks/heldout6/normalize.py ID

``raw/<id>.md`` is the item copied unchanged from the stored file: its text up to (not including) the
first line ``› Back to Top`` or ``-end-``. Line 1 of the result is the headline (the second non-empty line
when the first begins ``The Marshall Star for``, whose rest is then the date); the other lines of the first
block (a lead-image credit or caption, or text the scraper glued to the headline) are dropped. Line 3 is the
date line. Then the body paragraphs (blocks between blank lines), white space runs made one space, without a
``By <Name>`` byline, image captions (a paragraph that ends in a photo credit after its last full stop, or is a
credit only) and bare web addresses. Nothing else is changed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNDATED = "Date not given in the stored text"
_STAR = "The Marshall Star for "
_CREDIT = (
    r"(?:(?:Photo |Image |Video )?[Cc]redits?: .+|Image courtesy of .+"
    r"|[A-Z][A-Za-z]*(?: ?/ ?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)*)*)"
)
_CAPTION = re.compile(rf"(?:.*[.!?”\"’)]\s+)?{_CREDIT}")
_BYLINE = re.compile(r"By [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}")
_ADDRESS = re.compile(r"https?://\S+")


def _clean(block: str) -> str:
    return re.sub(r"\s+", " ", block).strip()


def is_dropped(paragraph: str) -> bool:
    """A byline, an image caption (ends in a photo credit, or is one) or a bare web address."""
    return bool(_BYLINE.fullmatch(paragraph) or _ADDRESS.fullmatch(paragraph) or _CAPTION.fullmatch(paragraph))


def normalise(raw: str) -> str:
    blocks = [b for b in re.split(r"\n[ \t]*\n", raw) if b.strip()]
    first = [line.strip() for line in blocks[0].split("\n") if line.strip()]
    if first[0].startswith(_STAR):
        date, title = first[0][len(_STAR) :].strip(), first[1]
    else:
        date, title = UNDATED, first[0]
    body = [p for p in (_clean(b) for b in blocks[1:]) if p and not is_dropped(p)]
    return "\n\n".join([title, date, *body]) + "\n"


def main(argv: list[str]) -> int:
    (doc_id,) = argv
    raw = (HERE / "raw" / f"{doc_id}.md").read_text(encoding="utf-8")
    (HERE / "texts" / f"{doc_id}.txt").write_text(normalise(raw), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
