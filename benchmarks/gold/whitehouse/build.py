"""Build benchmarks/gold/whitehouse/whitehouse.jsonl, the White House tuning gold, from texts and annotations.

    python benchmarks/gold/whitehouse/build.py [--review ID] [--texts] [--table]

Input: ``source/<id>.md`` (the briefing-room page as the markdown mirror brian14708/wh-briefings stores it),
``texts/<id>.txt`` (the page as a reader sees it: headline, date, body; ``--texts`` writes it from the
markdown by ``text_from_markdown``, and ``SHA256`` records each text's digest) and ``ann/<id>.ann``, one
annotation a line, written by hand (never copied from a suggester), in the format ``benchmarks/annfile.py``
reads (see its docstring). Offsets are computed from the exact substrings and checked.
These pages are for tuning: unlike the held-out sets, read them as closely as you like.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "whitehouse.jsonl"
REPOSITORY = "brian14708/wh-briefings"
LICENSE = (
    "public domain (17 U.S.C. 105: a work of the United States Government; whitehouse.gov copyright policy: "
    "government-produced materials are not copyright protected)"
)
PUBLISHER = "The White House"
_ARCHIVE = "https://bidenwhitehouse.archives.gov/briefing-room/"
_LIVE = "https://www.whitehouse.gov/briefing-room/"
_A = "5c9137a24866e36f0b36779655b2c5330a6f7fbc"  # the commit most pages were read at


class Page:
    """One briefing-room page: its address, where the mirror stores it, its headline and its genre."""

    def __init__(self, url: str, path: str, commit: str, title: str, genre: str, excerpt: str = "") -> None:
        self.url, self.path, self.commit, self.title, self.genre = url, path, commit, title, genre
        self.excerpt = excerpt  # non-empty: the text is the page's beginning, up to the place this says


# id -> the page, in annotation order (the first four were committed first; see README.md)
PAGES = {
    "putincall": Page(
        _ARCHIVE + "statements-releases/2021/01/26/readout-of-president-joseph-r-biden-jr-call-with-president-"
        "vladimir-putin-of-russia/",
        "statements-releases/2021-01/2021-01-26-readout-of-president-joseph-r-biden-jr-call-with-president-"
        "vladimir-putin-of-russia.md",
        _A,
        "Readout of President Joseph R. Biden, Jr. Call with President Vladimir Putin of Russia",
        "readout",
    ),
    "departure": Page(
        _ARCHIVE + "speeches-remarks/2021/03/26/remarks-by-president-biden-before-marine-one-departure/",
        "speeches-remarks/2021-03/2021-03-26-remarks-by-president-biden-before-marine-one-departure.md",
        _A,
        "Remarks by President Biden Before Marine One Departure",
        "transcript",
    ),
    "flyformula": Page(
        _LIVE + "statements-releases/2022/06/01/president-biden-announces-third-operation-fly-formula-mission/",
        "statements-releases/2022-06/2022-06-01-president-biden-announces-third-operation-fly-formula-mission.md",
        "2943f819bd848df0d781a4d7e92fcaf2ff949eb7",
        "President Biden Announces Third Operation Fly Formula Mission",
        "press release",
    ),
    "marineone": Page(
        _ARCHIVE + "speeches-remarks/2021/03/21/remarks-by-president-biden-after-marine-one-arrival/",
        "speeches-remarks/2021-03/2021-03-21-remarks-by-president-biden-after-marine-one-arrival.md",
        _A,
        "Remarks by President Biden After Marine One Arrival",
        "transcript",
    ),
    "gunviolence": Page(
        _ARCHIVE + "statements-releases/2021/02/10/readout-of-the-white-houses-meeting-with-gun-violence-"
        "prevention-advocacy-groups-2/",
        "statements-releases/2021-02/2021-02-10-readout-of-the-white-houses-meeting-with-gun-violence-"
        "prevention-advocacy-groups-2.md",
        _A,
        "Readout of the White House’s Meeting with Gun Violence Prevention Advocacy Groups",
        "readout",
    ),
    "guaido": Page(
        _LIVE + "statements-releases/2022/06/08/readout-of-president-bidens-call-with-venezuelan-interim-"
        "president-juan-guaido/",
        "statements-releases/2022-06/2022-06-08-readout-of-president-bidens-call-with-venezuelan-interim-"
        "president-juan-guaido.md",
        "1471b3bb55dbc43d34d87ec3c3bea4ed79e8a731",
        "Readout of President Biden’s Call with Venezuelan Interim President Juan Guaidó",
        "readout",
    ),
    "baltic": Page(
        _ARCHIVE + "statements-releases/2022/06/01/statement-by-nsc-spokesperson-adrienne-watson-on-national-"
        "security-advisor-jake-sullivans-call-with-baltic-allies/",
        "statements-releases/2022-06/2022-06-01-statement-by-nsc-spokesperson-adrienne-watson-on-national-"
        "security-advisor-jake-sullivans-call-with-baltic-allies.md",
        _A,
        "Statement by NSC Spokesperson Adrienne Watson on National Security Advisor Jake Sullivan’s Call with "
        "Baltic Allies",
        "statement",
    ),
    "healthgroups": Page(
        _LIVE + "statements-releases/2022/06/06/readout-of-white-house-meeting-with-health-policy-and-advocacy-"
        "groups/",
        "statements-releases/2022-06/2022-06-06-readout-of-white-house-meeting-with-health-policy-and-advocacy-"
        "groups.md",
        "29362c8335e430875acfddf913bb2809bc8d2684",
        "Readout of White House Meeting with Health Policy and Advocacy Groups",
        "readout",
    ),
    "caricom": Page(
        _ARCHIVE + "statements-releases/2022/06/10/joint-readout-of-president-joe-biden-vice-president-kamala-"
        "harris-meeting-with-leaders-of-the-caribbean-community-caricom-and-the-dominican-republic/",
        "statements-releases/2022-06/2022-06-10-joint-readout-of-president-joe-biden-vice-president-kamala-"
        "harris-meeting-with-leaders-of-the-caribbean-community-caricom-and-the-dominican-republic.md",
        _A,
        "Joint Readout of President Joe Biden & Vice President Kamala Harris’ Meeting with Leaders of The "
        "Caribbean Community (CARICOM) and the Dominican Republic",
        "readout",
    ),
    "gaggle": Page(
        _ARCHIVE + "press-briefings/2021/04/29/press-gaggle-by-principal-deputy-press-secretary-karine-jean-"
        "pierre-aboard-air-force-one-en-route-plains-ga/",
        "press-briefings/2021-04/2021-04-29-press-gaggle-by-principal-deputy-press-secretary-karine-jean-"
        "pierre-aboard-air-force-one-en-route-plains-ga.md",
        _A,
        "Press Gaggle by Principal Deputy Press Secretary Karine Jean-Pierre Aboard Air Force One En Route "
        "Plains, GA",
        "transcript",
        excerpt="the first 28 paragraphs, to “That is a major change to what we saw last night.”",
    ),
}
# id -> sha256 of texts/<id>.txt
SHA256 = {
    "putincall": "acbf7d5d959e0328afe164341f565ef1863d528b805d3a4cdba60df2086d5485",
    "departure": "01e85e46c48b965252e53f5e2b476dbad90afd1d666a430876d986e16670d1c5",
    "flyformula": "55815b3f8b81d5e7bbfbaea79a50b714f1625e6d5b5d6b8056e426ca8994b08c",
    "gunviolence": "6e4bba94854ab6100955b7a26ad78c18a1e1c59a5f133e0d8f79aa24582e8027",
    "marineone": "068144695e1a7d285f66afe5797e20aa7e84d79db685a718090b59dc41230294",
    "guaido": "375a8805b65ac1f386ec4dec0fc71bd30bc82f7a9d37bb4e75de549d52610d02",
    "baltic": "94ec9a294adddea400bee1aeb1c39adf7bd43d4b91f9c4e55ae73e964d874c44",
    "healthgroups": "d300183b26f8b7a84a078ed9fae81df7dca9cca59265e743009466d442f2d2c6",
    "caricom": "38b534ab52c25b672933bda7bdf967700538fd32814e419751cafd7eefe7b83c",
    "gaggle": "0c940cdfbecf1d905e656e9cd6e5f8798325b1001e0817be9cbb9ce5d362f440",
}

_ESCAPED = re.compile(r"\\([\[\]#*_\\])")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(https?://[^>]+|[^@>\s]+@[^>\s]+)>")
_EMPHASIS = re.compile(r"\*(\S[^*]*?)\s*\*")
_ITEM = re.compile(r"^-\s+")


def _date_line(markdown: str) -> str:
    m = re.search(r"^date: '(\d{4})-(\d\d)-(\d\d)'$", markdown, re.M)
    if not m:
        raise AnnError("the markdown has no date line in its front matter")
    day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _inline(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _EMPHASIS.sub(r"\1", line)
    return _ESCAPED.sub(r"\1", line)


def text_from_markdown(markdown: str, title: str) -> str:
    """The page as a reader sees it: the headline, a blank line, the date, a blank line, then one paragraph a
    block of the markdown's body, blocks separated by a blank line. A browser joins wrapped lines and collapses
    runs of spaces (also the double spaces after full stops and the no-break spaces), shows each list item as a
    line of its own and shows no image; link and emphasis markup and markdown escapes are not text."""
    head, sep, body = markdown.partition("\n---\n")
    if not sep or not head.startswith("---\n"):
        raise AnnError("the markdown has no front matter")
    blocks: list[list[str]] = [[]]
    for line in body.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if not block or block[0].startswith("<figure>"):
            continue
        items: list[list[str]] = [[]]
        for line in block:
            if _ITEM.match(line) and items[-1]:
                items.append([])
            items[-1].append(_ITEM.sub("", line))
        for item in items:
            paragraph = " ".join(_inline(" ".join(item)).split())
            if paragraph:
                paragraphs.append(paragraph)
    return "\n\n".join([title, _date_line(markdown), *paragraphs]) + "\n"


def write_texts() -> None:
    for doc_id, page in PAGES.items():
        markdown = (HERE / "source" / f"{doc_id}.md").read_text(encoding="utf-8")
        (HERE / "texts" / f"{doc_id}.txt").write_text(text_from_markdown(markdown, page.title), encoding="utf-8")


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    page = PAGES[doc_id]
    source = {"repository": REPOSITORY, "path": page.path, "commit": page.commit}
    doc = annfile.build_doc(doc_id, text, ann, url=page.url, license=LICENSE, source=source)
    doc["meta"]["publisher"] = PUBLISHER
    doc["meta"]["genre"] = page.genre
    doc["meta"]["sha256"] = SHA256[doc_id]
    if page.excerpt:
        doc["meta"]["excerpt"] = page.excerpt
    return doc


def build_all() -> list[dict]:
    """Every page of ``PAGES`` that has annotations, in that order."""
    return annfile.build_each(HERE, PAGES, build_doc)


def table(docs: list[dict]) -> str:
    """The README's table of pages: address, genre, counts per label and kind, source commit and text sha256."""
    rows = [
        "| id | title (address) | date | genre | words | ACTOR | QUOTE direct / mixed / indirect | SPEAKER | FIGURE "
        "| source commit, text sha256 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    total: dict[str, int] = {}
    for doc in docs:
        meta, spans = doc["meta"], doc["spans"]
        c = {
            "words": len(" ".join(doc["text"].split("\n")[4:]).split()),
            "ACTOR": sum(s["label"] == "ACTOR" for s in spans),
            "FIGURE": sum(s["label"] == "FIGURE" for s in spans),
            "SPEAKER": len(doc["speakers"]),
            **{k: sum(s.get("kind") == k for s in spans) for k in ("direct", "mixed", "indirect")},
        }
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
        genre = meta["genre"] + (" (excerpt)" if meta.get("excerpt") else "")
        rows.append(
            f"| `{doc['id']}` | [{meta['title']}]({meta['url']}) | {meta['date']} | {genre} | {c['words']} "
            f"| {c['ACTOR']} | {c['direct']} / {c['mixed']} / {c['indirect']} | {c['SPEAKER']} | {c['FIGURE']} "
            f"| `{meta['source']['commit']}` `{meta['sha256']}` |"
        )
    quotes = total.get("direct", 0) + total.get("mixed", 0) + total.get("indirect", 0)
    rows.append("")
    rows.append(
        f"Totals: {len(docs)} pages, {total.get('words', 0)} words, {total.get('ACTOR', 0)} ACTOR, {quotes} QUOTE "
        f"({total.get('direct', 0)} direct, {total.get('mixed', 0)} mixed, {total.get('indirect', 0)} indirect), "
        f"{total.get('SPEAKER', 0)} SPEAKER relations, {total.get('FIGURE', 0)} FIGURE."
    )
    return "\n".join(rows) + "\n"


def write_table(docs: list[dict]) -> None:
    """Replace everything after the table marker of README.md with ``table(docs)``."""
    readme = HERE / "README.md"
    head, marker, _ = readme.read_text(encoding="utf-8").partition("<!-- table:")
    line_end = _.index("\n") + 1
    readme.write_text(head + marker + _[:line_end] + "\n" + table(docs), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if "--texts" in args:
            write_texts()
            print("texts/ written from source/")
            return 0
        if "--table" in args:
            write_table(build_all())
            print("README.md table written")
            return 0
    except AnnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return annfile.main(argv, description=(__doc__ or "").splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
