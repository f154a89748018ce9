"""Write ``texts/<id>.txt`` from ``raw/<id>.html`` by the normalisation of SELECTION.md (run once per article).

    python benchmarks/heldout4/normalize.py ID DATE

``raw/<id>.html`` is the page's headline element (``<h1>``) and its article block, copied unchanged
from the stored page (af.mil printable view or ARCIC ``Article`` content block). DATE is the date line
(``Thursday, January 14, 2016``). Paragraphs are ``<p>`` elements, list items, blocks between ``<br />`` pairs
and lines of text between block tags; tags are removed with their text kept, entities decoded, runs
of ASCII white space inside a paragraph become one space (as a browser shows them), no-break spaces
stay, empty paragraphs are dropped. Nothing else is changed.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_BLOCK = re.compile(
    r"(?:<br\s*/?>\s*){2,}|</?p\b[^>]*>|</?div\b[^>]*>|</?h[1-6]\b[^>]*>|</?blockquote\b[^>]*>"
    r"|</?li\b[^>]*>|</?[uo]l\b[^>]*>",
    re.I,
)


def paragraphs(fragment: str) -> list[str]:
    out = []
    for block in _BLOCK.split(fragment):
        text = re.sub(r"<[^>]+>", "", block)
        text = html.unescape(text)
        text = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")
        if text.strip():
            out.append(text)
    return out


def normalise(raw: str, date: str) -> str:
    m = re.search(r"<h1\b[^>]*>(.*?)</h1>", raw, re.S | re.I)
    if not m:
        raise ValueError("no <h1> headline")
    title = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))).strip()
    body = paragraphs(raw[m.end() :])
    return "\n\n".join([title, date, *body]) + "\n"


def main(argv: list[str]) -> int:
    doc_id, date = argv
    raw = (HERE / "raw" / f"{doc_id}.html").read_text(encoding="utf-8")
    (HERE / "texts" / f"{doc_id}.txt").write_text(normalise(raw, date), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
