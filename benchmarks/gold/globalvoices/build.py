"""Build benchmarks/gold/globalvoices/globalvoices.jsonl, the Global Voices tuning gold, from texts and annotations.

    python benchmarks/gold/globalvoices/build.py [--review ID]

Input: ``texts/<id>.txt`` (a Global Voices post as a reader sees it, copied unchanged from the tuning
pool; ``SHA256`` records each file's digest) and ``ann/<id>.ann``, one annotation a line, written by
hand (never copied from a suggester), in the format ``benchmarks/annfile.py`` reads (see its
docstring). Offsets are computed from the exact substrings and checked.
These posts are for tuning: unlike ``benchmarks/heldout3``, read them as closely as you like.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent.parent) not in sys.path:  # run as a script: make the repository's benchmarks importable
    sys.path.insert(0, str(HERE.parent.parent.parent))

from benchmarks import annfile  # noqa: E402
from benchmarks.annfile import AnnError, review  # noqa: E402,F401  (the build script's own API)

OUT = HERE / "globalvoices.jsonl"
SOURCE = {
    "repository": "OpenGenderTracking/globalvoices",
    "path": "data/full/globalvoicesonline.wordpress.2012-may.xml",
    "commit": "3f146b51fdcb59f0cd6fb76246cf79763787d34d",
}
LICENSE = "CC BY 3.0 (Global Voices, https://creativecommons.org/licenses/by/3.0/)"
PUBLISHER = "Global Voices"
_GV = "http://globalvoicesonline.org/2012/05/"
# id -> (the post's address, the author the export names; attribution under CC BY is "<author>, Global Voices")
POSTS = {
    "perugia": (_GV + "01/italy-future-of-news-at-perugia-international-journalism-festival/", "Katarzyna Odrozek"),
    "singapore": (_GV + "01/singapore-netizens-reject-proposed-code-of-conduct/", "kixes"),
    "bikeride": (
        _GV + "01/mexico-bike-ride-protest-clashes-with-local-government/",
        "Eleanor Staniforth (translation; post by Miguel Guevara)",
    ),
    "malawi": (_GV + "01/malawi-bloggers-reactions-to-new-president-joyce-banda/", "victor"),
    "maydayarab": (_GV + "01/may-day-marked-around-the-arab-world/", "Ayesha Saldanha"),
    "prisonvoice": (_GV + "02/ukraine-if-prison-acquires-a-voice-everything-will-change/", "Veronica Khokhlova"),
    "cubamayday": (_GV + "01/cuba-nothing-changes-on-may-day/", "Janine Mendes-Franco"),
    "eskinder": (
        _GV + "02/ethiopia-netizens-thrilled-with-pens-decision-to-award-jailed-journalist-and-dissident-blogger/",
        "Endalk",
    ),
    "landdeals": (_GV + "02/africa-calls-for-transparency-over-marked-increase-in-land-deals/", "Lova Rakotomalala"),
    "mashtots": (_GV + "02/armenia-backhanded-victory-for-environmental-activists/", "Liana Aghajanian"),
    "ladygaga": (_GV + "02/hong-kong-evangelists-accuse-lady-gaga-of-leading-youth-astray/", "Oiwan"),
    "abbassiya": (_GV + "02/egypt-eye-witness-account-of-abbassiya-clashes/", "Mohamed ElGohary"),
    "newsudans": (_GV + "03/sudansouth-sudan-voicing-hope-for-newsudans/", "Maha Elsanosi"),
}
# id -> the file name the post had in the tuning pool of issue 11 (its texts are copied here unchanged)
POOL_FILES = {
    "perugia": "gv-italy-perugia-journalism-festival.txt",
    "singapore": "gv-singapore-internet-code-of-conduct.txt",
    "bikeride": "gv-mexico-bike-ride-protest.txt",
    "malawi": "gv-malawi-bloggers-joyce-banda.txt",
    "maydayarab": "gv-mayday-arab-world.txt",
    "prisonvoice": "gv-ukraine-prison-acquires-a-voice.txt",
    "cubamayday": "gv-cuba-may-day.txt",
    "eskinder": "gv-ethiopia-pen-award-eskinder-nega.txt",
    "landdeals": "gv-africa-land-deals-transparency.txt",
    "mashtots": "gv-armenia-mashtots-park-victory.txt",
    "ladygaga": "gv-hong-kong-lady-gaga-evangelists.txt",
    "abbassiya": "gv-egypt-abbassiya-eyewitness.txt",
    "newsudans": "gv-sudan-newsudans-hashtag.txt",
}
# id -> sha256 of the text as copied
SHA256 = {
    "perugia": "34eb77b90258252ddbd517f221bc4a8a92fb7d88376eb6ab165b593bae229e38",
    "singapore": "2f023434ec0b8ef43fb9051ed920f409e37d813854c1b9391ec75411601076e4",
    "bikeride": "d1d87d88ca6b8f608f9bf6612050d294f71cf72c13464a0f99c68f9016017be6",
    "malawi": "1f6a057e194bf330b3e600e1d290d3d792e2cba94abee9d89bac30b6252f4451",
    "maydayarab": "36abd9bf4497f184c2a2865429fc70c209e79c4c3bb57527d626c0e52b2ebbef",
    "prisonvoice": "0e29cfa1d2e5c3df2d3be6247347dd02002552c83c5ab57b5b7e5f4ef2858e3d",
    "cubamayday": "ed18f19b65d1045ed5898e701969e50b2ece3083bbc9c6bea0cb677cf36cc426",
    "eskinder": "613bc62ef56a5ff759feae1cd3e0647c083f988cb5d781fa743d7d49fedf4607",
    "landdeals": "db06f7815456af16bc397daa24cb93ed17c61297357736503ffe0234a5297f78",
    "mashtots": "1a56bbcbee83058860b54c6b2343cdc646cc35d5c64e113732aabf5bd6083d71",
    "ladygaga": "92903faaf60e19fd2dadf6ec0f6a5cbf8190c699997fe678036b84d9a58371dd",
    "abbassiya": "28a4d19d10662a4eee8061660a380517fe383d07c72146b49de640bdda118ccd",
    "newsudans": "823dbeb217c8590aff5514405190d01e3d14178c4b782f16bf75d4d84f3e4ae8",
}


def build_doc(doc_id: str, text: str, ann: str) -> dict:
    url, author = POSTS[doc_id]
    doc = annfile.build_doc(doc_id, text, ann, url=url, license=LICENSE, source=SOURCE)
    doc["meta"]["author"] = author
    doc["meta"]["publisher"] = PUBLISHER
    doc["meta"]["pool_file"], doc["meta"]["sha256"] = POOL_FILES[doc_id], SHA256[doc_id]
    return doc


def build_all() -> list[dict]:
    """Every post of ``POSTS`` that has annotations, in that order."""
    return annfile.build_each(HERE, POSTS, build_doc)


def table(docs: list[dict]) -> str:
    """The README's table of posts: address, author, licence, pool file and sha256, counts per label and kind."""
    rows = [
        "| id | title (address) | date | author | words | ACTOR | QUOTE direct / mixed / indirect | SPEAKER | FIGURE "
        "| pool file, sha256 |",
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
            f"| `{doc['id']}` | [{meta['title']}]({meta['url']}) | {meta['date']} | {meta['author']} | {c['words']} "
            f"| {c['ACTOR']} | {c['direct']} / {c['mixed']} / {c['indirect']} | {c['SPEAKER']} | {c['FIGURE']} "
            f"| `{meta['pool_file']}` `{meta['sha256']}` |"
        )
    quotes = total.get("direct", 0) + total.get("mixed", 0) + total.get("indirect", 0)
    rows.append("")
    rows.append(
        f"Totals: {len(docs)} posts, {total.get('words', 0)} words, {total.get('ACTOR', 0)} ACTOR, {quotes} QUOTE "
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
    if "--table" in args:
        try:
            write_table(build_all())
        except AnnError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print("README.md table written")
        return 0
    return annfile.main(argv, description=(__doc__ or "").splitlines()[0], out=OUT, build=build_all)


if __name__ == "__main__":
    raise SystemExit(main())
