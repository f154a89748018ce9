"""Build benchmarks/gold/statedept/statedept.jsonl, the State Department tuning gold, from texts and annotations.

    python benchmarks/gold/statedept/build.py [--review ID] [--texts] [--table]

Input: ``source/<id>.json`` (a state.gov press release as the feed archive markschaver/State-Department-PR
stores it: title, link, publication time and the page's HTML), ``texts/<id>.txt`` (the page as a reader sees
it: headline, date, body; ``--texts`` writes it from the JSON by ``text_from_item``, and ``SHA256`` records
each text's digest) and ``ann/<id>.ann``, one annotation a line, written by hand (never copied from a
suggester), in the format ``benchmarks/annfile.py`` reads (see its docstring).
These pages are for tuning: unlike the held-out sets, read them as closely as you like.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "statedept.jsonl"
REPOSITORY = "markschaver/State-Department-PR"
LICENSE = (
    "public domain (17 U.S.C. 105: a work of the United States Government; state.gov: information on the site "
    "is in the public domain unless a copyright is indicated)"
)
PUBLISHER = "U.S. Department of State"
# id -> (path of the item in the archive, the commit it was read at), in annotation order
PAGES = {
    "costarica": (
        "items/2026/08/2026-08-14-secretary-rubios-call-with-costa-rican-president-fernandez.json",
        "9c59002132a1a925396949a544efe870b13d5052",
    ),
    "dsplea": (
        "items/2026/08/2026-08-10-diplomatic-security-leads-investigation-resulting-in-guilty.json",
        "8d7c952a9a5fd1873af6711a9d0788c6ad131082",
    ),
    "minzin": (
        "items/2026/08/2026-08-20-statement-from-assistant-secretary-dylan-johnson-on-wrongful.json",
        "2a7284d12edbba4a7b51a21d2ba0661a1aeebcae",
    ),
    "visas": (
        "items/2026/08/2026-08-10-state-department-revokes-more-than-175-000-visas.json",
        "ff6cdac519ddb5731bfe4553b759f974e1c2813a",
    ),
    "gilman": (
        "items/2026/08/2026-08-11-release-of-robert-gilman.json",
        "21a1ee546376a8900c66903ed013f62834c6fb03",
    ),
    "colombia": (
        "items/2026/08/2026-08-11-united-states-mobilizes-life-saving-response-to-colombia-ear.json",
        "495459c849e16db6ffbf0aaea8d72dc1e5ee10ec",
    ),
}
# id -> sha256 of texts/<id>.txt
SHA256 = {
    "costarica": "811d4d77bbba12876ff34dfb7a070c17e96e8e8d02ca151dcbcff9bde85498fd",
    "dsplea": "d8898b35d0b157e47fb45364eaed5bb7bcafc0ebbc73395a5cbab9a20aa5608e",
    "minzin": "edc43391eb2a36fc6d94f12f025e83784557d77fbdc577aeefd6324a323b0702",
    "visas": "8185795942deb57e9913b96f1365d37056de3d32309fd3d52b0de4d8c6d05125",
    "gilman": "70318dc7b59494a88c348b00d854825cea2e19a1f742f9dab0e54aad243e5973",
    "colombia": "cc891755a5502aee98fc872cf77b1a020a2e6bbc354fd5ae9317191906a3f8c3",
}

_HERO = re.compile(r"<section\b.*?</section>", re.S)
_BLOCK = re.compile(r"<(p|h2|li)\b[^>]*>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def item(doc_id: str) -> dict:
    return json.loads((HERE / "source" / f"{doc_id}.json").read_text(encoding="utf-8"))


def page_meta(record: dict) -> dict[str, str]:
    """What the page's header shows besides the headline: the kind of release and its date."""
    meta = {}
    for m in re.finditer(r'<p class="article-meta(?: |__)([\w-]+)"?[^>]*>(.*?)</p>', record["content"], re.S):
        meta[m.group(1)] = html.unescape(_TAG.sub("", m.group(2))).strip()
    return {"kind": meta.get("doctype-meta", ""), "date": meta.get("publish-date", "")}


def text_from_item(record: dict) -> str:
    """The page as a reader sees it: the headline, a blank line, the date the page shows (``Monday, August 10,
    2026``), a blank line, then the body's paragraphs, subheadings and list items in order, one a paragraph,
    separated by a blank line: the page's header (headline, kind, date) is not repeated, tags are dropped,
    character references read (``&#8211;`` is a dash) and runs of spaces, also no-break spaces, collapsed."""
    shown = page_meta(record)["date"]
    try:
        day = dt.datetime.strptime(shown, "%B %d, %Y").date()
    except ValueError:
        raise AnnError(f"the page shows no date: {shown!r}") from None
    paragraphs = []
    for m in _BLOCK.finditer(_HERO.sub("", record["content"])):
        paragraph = " ".join(html.unescape(_TAG.sub("", m.group(2))).split())
        if paragraph:
            paragraphs.append(paragraph)
    date = f"{day:%A}, {day:%B} {day.day}, {day.year}"
    return "\n\n".join([" ".join(record["title"].split()), date, *paragraphs]) + "\n"


def write_texts() -> None:
    for doc_id in PAGES:
        (HERE / "texts" / f"{doc_id}.txt").write_text(text_from_item(item(doc_id)), encoding="utf-8")


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    path, commit = PAGES[doc_id]
    record = item(doc_id)
    source = {"repository": REPOSITORY, "path": path, "commit": commit}
    doc = annfile.build_doc(doc_id, text, ann, url=record["link"], license=LICENSE, source=source)
    doc["meta"]["publisher"] = PUBLISHER
    doc["meta"]["author"] = record["author"]
    doc["meta"]["genre"] = page_meta(record)["kind"]
    doc["meta"]["sha256"] = SHA256[doc_id]
    return doc


def build_all() -> list[dict]:
    """Every page of ``PAGES`` that has annotations, in that order."""
    return annfile.build_each(HERE, PAGES, build_doc)


def table(docs: list[dict]) -> str:
    """The README's table of pages: address, kind, counts per label and kind, source commit and text sha256."""
    rows = [
        "| id | title (address) | date | kind, byline | words | ACTOR | QUOTE direct / mixed / indirect | SPEAKER "
        "| FIGURE | source commit, text sha256 |",
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
        rows.append(
            f"| `{doc['id']}` | [{meta['title']}]({meta['url']}) | {meta['date']} | {meta['genre']}, "
            f"{meta['author']} | {c['words']} | {c['ACTOR']} | {c['direct']} / {c['mixed']} / {c['indirect']} "
            f"| {c['SPEAKER']} | {c['FIGURE']} | `{meta['source']['commit']}` `{meta['sha256']}` |"
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
