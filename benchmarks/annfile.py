"""The hand-annotation file format of the Wikinews gold sets (held-out and tuning), shared by their build scripts.

``texts/<id>.txt`` holds the article as a reader sees it and ``ann/<id>.ann`` one annotation a line,
written by hand (never copied from a suggester):

    A <text> [@N | @@context]        ACTOR (occurrence N, 0-based, or the one inside a unique context)
    A* <text>                        ACTOR at every whole-word occurrence not inside another ACTOR span
    F <text> [@N | @@context]        FIGURE
    P <text> [@N | @@context]        a pronoun span (only as a speaker; not scored as ACTOR)
    Q <kind> <quote> [@N|@@ctx] > <speaker> [@N|@@ctx] [= Name | Name]
                                     QUOTE of kind direct / mixed / indirect; ``<quote>`` may be
                                     ``start ~~ end``; the speaker is the nearest occurrence outside
                                     the quote unless @ says which; ``= ...`` says whom a pronoun
                                     speaker stands for; ``> -`` means the text names no speaker.

Offsets are computed from the exact substrings and checked (text[start:end] == span text).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

PRONOUNS = {"he", "she", "it", "they", "He", "She", "It", "They", "his", "her", "its", "their"}


class AnnError(ValueError):
    pass


def _split_where(spec: str) -> tuple[str, int | str | None]:
    m = re.match(r"^(.*?)\s+@@(.+)$", spec)
    if m:
        return m.group(1), m.group(2)
    m = re.match(r"^(.*?)\s+@(\d+)$", spec)
    if m:
        return m.group(1), int(m.group(2))
    return spec, None


def _find_all(text: str, needle: str) -> list[int]:
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def _locate(text: str, needle: str, where: int | str | None) -> int:
    if isinstance(where, str):
        ctx = _find_all(text, where)
        if len(ctx) != 1:
            raise AnnError(f"context {where!r} occurs {len(ctx)} times")
        pos = text.find(needle, ctx[0])
        if pos < 0 or pos + len(needle) > ctx[0] + len(where):
            pos = text.rfind(needle, ctx[0], ctx[0] + len(where))
        if pos < 0 or not (ctx[0] <= pos and pos + len(needle) <= ctx[0] + len(where)):
            raise AnnError(f"{needle!r} is not inside its context {where!r}")
        return pos
    hits = _find_all(text, needle)
    if len(hits) <= (where or 0):
        raise AnnError(f"{needle!r} occurs {len(hits)} times, wanted occurrence {where or 0}")
    return hits[where or 0]


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _quote_range(text: str, spec: str) -> tuple[int, int]:
    body, where = _split_where(spec)
    if " ~~ " in body:
        head, tail = body.split(" ~~ ", 1)
        start = _locate(text, head, where)
        end = text.find(tail, start + len(head))
        if end < 0:
            raise AnnError(f"quote end {tail!r} not found after {head!r}")
        return start, end + len(tail)
    start = _locate(text, body, where)
    return start, start + len(body)


def build_doc(doc_id: str, text: str, ann: str, *, url: str, license: str, source: dict) -> dict:
    """One article's record: spans, pronoun spans and SPEAKER relations from its ``.ann`` lines."""
    spans: list[dict] = []
    pronouns: list[dict] = []
    speakers: list[dict] = []
    quote_lines: list[tuple[int, str]] = []
    star: list[str] = []

    def add(start: int, end: int, label: str, kind: str | None = None) -> dict:
        span = {"start": start, "end": end, "label": label, "text": text[start:end]}
        if kind:
            span["kind"] = kind
        for s in spans if label != "PRONOUN" else pronouns:
            if s["start"] == start and s["end"] == end and s["label"] == label:
                raise AnnError(f"duplicate {label} {text[start:end]!r}")
        (pronouns if label == "PRONOUN" else spans).append(span)
        return span

    for n, raw in enumerate(ann.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            tag, _, rest = line.partition(" ")
            if tag == "A*":
                star.append(rest)
            elif tag in ("A", "F", "P"):
                needle, where = _split_where(rest)
                start = _locate(text, needle, where)
                if not _whole_word(text, start, start + len(needle)):
                    # `A Chad` must not land in "Chadwick": say which occurrence with @N or @@context
                    raise AnnError(f"{needle!r} at {start} is part of a longer word")
                add(start, start + len(needle), {"A": "ACTOR", "F": "FIGURE", "P": "PRONOUN"}[tag])
            elif tag == "Q":
                quote_lines.append((n, rest))
            else:
                raise AnnError(f"unknown tag {tag!r}")
        except AnnError as exc:
            raise AnnError(f"{doc_id}.ann line {n}: {exc}") from None
    for name in star:
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            inside = any(s["label"] == "ACTOR" and s["start"] <= m.start() and m.end() <= s["end"] for s in spans)
            if not inside:
                add(m.start(), m.end(), "ACTOR")
    for n, rest in quote_lines:
        try:
            kind, _, rest = rest.partition(" ")
            if kind not in ("direct", "mixed", "indirect"):
                raise AnnError(f"kind {kind!r}")
            qspec, sep, who = rest.rpartition(" > ")
            if not sep:
                raise AnnError("no ' > speaker' part")
            qs, qe = _quote_range(text, qspec)
            quote = add(qs, qe, "QUOTE", kind)
            who, _, stands = who.partition(" = ")
            who = who.strip()
            if who == "-":
                continue
            needle, where = _split_where(who)
            if where is None:
                hits = [h for h in _find_all(text, needle) if h + len(needle) <= qs or h >= qe]
                hits = [h for h in hits if _whole_word(text, h, h + len(needle))]
                if not hits:
                    raise AnnError(f"speaker {needle!r} not found outside the quote")
                pos = min(hits, key=lambda h: min(abs(h - qs), abs(h - qe)))
            else:
                pos = _locate(text, needle, where)
            end = pos + len(needle)
            child = next(
                (s for s in [*spans, *pronouns] if s["start"] == pos and s["end"] == end and s["label"] != "QUOTE"),
                None,
            )
            if child is None and needle in PRONOUNS:
                child = add(pos, end, "PRONOUN")
            if child is None:
                raise AnnError(f"speaker {needle!r} at {pos} is no ACTOR or pronoun span")
            if child["label"] not in ("ACTOR", "PRONOUN"):
                raise AnnError(f"speaker {needle!r} is a {child['label']}")
            names = [x.strip() for x in stands.split("|") if x.strip()] or None
            if child["label"] == "PRONOUN" and not names:
                raise AnnError(f"pronoun speaker {needle!r} needs '= Name'")
            speakers.append(
                {
                    "quote": [quote["start"], quote["end"]],
                    "speaker": [child["start"], child["end"]],
                    "speaker_text": child["text"],
                    "speaker_label": child["label"],
                    "stands_for": names,
                }
            )
        except AnnError as exc:
            raise AnnError(f"{doc_id}.ann line {n}: {exc}") from None
    for s in [*spans, *pronouns]:
        if text[s["start"] : s["end"]] != s["text"] or s["text"] != s["text"].strip() or "\n" in s["text"]:
            raise AnnError(f"{doc_id}: bad span {s}")
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    pronouns.sort(key=lambda s: s["start"])
    speakers.sort(key=lambda r: r["quote"][0])
    lines = text.split("\n")
    return {
        "id": doc_id,
        "meta": {
            "title": lines[0],
            "date": lines[2],
            "url": url,
            "license": license,
            "source": source,
        },
        "text": text,
        "spans": spans,
        "pronouns": pronouns,
        "speakers": speakers,
    }


def build_each(folder: Path, ids: Iterable[str], build: Callable[[str, str, str], dict]) -> list[dict]:
    """``build(id, text, ann)`` for every id (in that order) whose ``ann/<id>.ann`` exists in ``folder``."""
    docs = []
    for doc_id in ids:
        text = (folder / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        ann_path = folder / "ann" / f"{doc_id}.ann"
        if not ann_path.exists():
            print(f"skipped {doc_id}: no annotations yet", file=sys.stderr)
            continue
        docs.append(build(doc_id, text, ann_path.read_text(encoding="utf-8")))
    return docs


def build_all(folder: Path, urls: dict[str, str], *, license: str, source: dict) -> list[dict]:
    """Every article of ``urls`` (id -> Wikinews page name) that has annotations, in that order."""

    def build(doc_id: str, text: str, ann: str) -> dict:
        url = "https://en.wikinews.org/wiki/" + urls[doc_id]
        return build_doc(doc_id, text, ann, url=url, license=license, source=source)

    return build_each(folder, urls, build)


def review(doc: dict) -> str:
    text = doc["text"]
    rows = []
    for s in doc["spans"]:
        rows.append(f"{s['start']:5} {s['label']:6} {s.get('kind') or '':8} {s['text'][:110]!r}")
    for r in doc["speakers"]:
        q = text[r["quote"][0] : r["quote"][1]]
        rows.append(f"SPEAKER {q[:50]!r} -> {r['speaker_text']!r} @{r['speaker'][0]} {r['stands_for'] or ''}")
    return "\n".join(rows)


def main(argv: list[str] | None, *, description: str, out: Path, build: Callable[[], list[dict]]) -> int:
    """The command line of a build script: write ``out`` from ``build()`` or print one article's spans."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--review", help="print the spans of one article instead of writing")
    args = parser.parse_args(argv)
    try:
        docs = build()
    except AnnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.review:
        print(review(next(d for d in docs if d["id"] == args.review)))
        return 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n")
    counts: dict[str, int] = {}
    for doc in docs:
        for s in doc["spans"]:
            key = s["label"] + (":" + s["kind"] if s.get("kind") else "")
            counts[key] = counts.get(key, 0) + 1
        counts["SPEAKER"] = counts.get("SPEAKER", 0) + len(doc["speakers"])
    print(f"{len(docs)} articles -> {out.name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0
