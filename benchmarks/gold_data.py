"""The gold set for the suggestion benchmark: own hard cases, the sample article, GUM news (silver + our speakers).

Authoring format (benchmarks/gold/*.json): a span is ``[label, text, where, kind]``
where ``where`` is the occurrence number of ``text`` or a longer unique string
around it; a speaker entry names the quote the same way and lists the actor
names that count as its speaker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"
GUM = GOLD / "gum_news.jsonl"  # a copy of shared/data/gum_news (CC BY 2.5 texts, CC BY 4.0 annotations)
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}


@dataclass
class GoldSpan:
    start: int
    end: int
    label: str
    kind: str | None = None  # QUOTE: "direct" / "indirect"


@dataclass
class GoldDoc:
    id: str
    group: str  # "cases", "sample", "gum"
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    speakers: dict[tuple[int, int], list[str] | None] = field(default_factory=dict)  # gold quote -> names
    ignored: list[GoldSpan] = field(default_factory=list)  # a suggestion overlapping one is not scored


def _locate(text: str, needle: str, where: int | str | None) -> int:
    if isinstance(where, str):
        ctx = text.find(where)
        if ctx < 0 or text.find(where, ctx + 1) >= 0:
            raise ValueError(f"context {where!r} is not unique in the text")
        pos = text.find(needle, ctx)
        if pos < 0 or pos > ctx + len(where):
            pos = text.rfind(needle, 0, ctx + len(where))
        if pos < 0:
            raise ValueError(f"{needle!r} is not in its context {where!r}")
        return pos
    pos = -1
    for _ in range((where or 0) + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{needle!r} occurs fewer than {(where or 0) + 1} times")
    return pos


def _authored(doc_id: str, group: str, text: str, record: dict) -> GoldDoc:
    doc = GoldDoc(doc_id, group, text)
    for row in record["spans"]:
        label, needle = row[0], row[1]
        where = row[2] if len(row) > 2 else 0
        kind = row[3] if len(row) > 3 else ("direct" if label == "QUOTE" else None)
        start = _locate(text, needle, where)
        doc.spans.append(GoldSpan(start, start + len(needle), label, kind))
    for row in record.get("speakers", []):
        if len(row) == 2:
            quote, where, names = row[0], 0, [row[1]]
        else:
            quote, where, names = row
        pos = _locate(text, quote, where)
        target = next((s for s in doc.spans if s.label == "QUOTE" and s.start <= pos < s.end), None)
        if target is None:
            raise ValueError(f"{doc_id}: speaker given for {quote!r}, which is no gold QUOTE")
        doc.speakers[(target.start, target.end)] = names
    return doc


def own_cases() -> list[GoldDoc]:
    records = json.loads((GOLD / "cases.json").read_text(encoding="utf-8"))
    return [_authored(r["id"], "cases", r["text"], r) for r in records]


def sample_article() -> GoldDoc:
    record = json.loads((GOLD / "sample_article.json").read_text(encoding="utf-8"))
    text = (ROOT / record["text_file"]).read_text(encoding="utf-8")
    return _authored(record["id"], "sample", text, record)


def _named(text: str) -> bool:
    words = text.split()
    return any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and words[0].lower() not in _DETERMINERS)


Quote = tuple[tuple[int, int], list[str] | None]


def _merge_split(text: str, quotes: list[Quote]) -> list[Quote]:
    """GUM splits a quotation at its sentences ("...occurs. So if..."); join the pieces between one pair of marks."""
    merged: list[Quote] = []
    for (start, end), who in quotes:
        if merged:
            (ps, pe), pwho = merged[-1]
            gap = text[pe:start]
            if gap.strip() == "" and "\n" not in gap and text[pe - 1] not in '"”' and start > pe:
                merged[-1] = ((ps, end), pwho or who)
                continue
        merged.append(((start, end), who))
    return merged


def _per_paragraph(text: str, quotes: list[Quote]) -> list[Quote]:
    """Our convention: a quotation over several paragraphs is one QUOTE per paragraph, same speaker."""
    pieces: list[Quote] = []
    for (start, end), who in quotes:
        pos = start
        for part in text[start:end].split("\n"):
            s, e = pos, pos + len(part)
            pos = e + 1
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                pieces.append(((s, e), who))
    return pieces


def gum_news(path: Path = GUM) -> list[GoldDoc]:
    """GUM news with our reading of its silver labels (see benchmarks/gold/README.md)."""
    if not path.exists():
        return []
    speakers = json.loads((GOLD / "gum_speakers.json").read_text(encoding="utf-8"))
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        name = r["meta"]["doc"].removeprefix("GUM_news_")
        doc = GoldDoc(name, "gum", r["text"])
        quotes = []
        for s in r["spans"]:
            if s["label"] == "ACTOR" and s["gum_type"] != "place" and _named(s["text"]):
                doc.spans.append(GoldSpan(s["start"], s["end"], "ACTOR"))
            elif s["label"] in ("ACTOR", "PRONOUN"):
                # places, and mentions that are no names: neither required nor counted against a suggestion
                doc.ignored.append(GoldSpan(s["start"], s["end"], "ACTOR"))
            elif s["label"] == "FIGURE":
                doc.spans.append(GoldSpan(s["start"], s["end"], "FIGURE"))
            elif s["label"] == "QUOTE" and s["gum_type"] == "quote":
                quotes.append((s["start"], s["end"]))
        names = speakers["speakers"].get(name, [])
        if len(names) != len(quotes):
            raise ValueError(f"GUM {name}: {len(quotes)} quotes but {len(names)} speaker entries")
        for (start, end), who in _per_paragraph(
            doc.text, _merge_split(doc.text, list(zip(quotes, names, strict=True)))
        ):
            doc.spans.append(GoldSpan(start, end, "QUOTE", "direct"))
            doc.speakers[(start, end)] = who
        for prefix, where, who in speakers["extra_quotes"].get(name, []):
            start = _locate(doc.text, prefix, where)
            end = doc.text.index('"', start + 1) + 1
            doc.spans.append(GoldSpan(start, end, "QUOTE", "direct"))
            doc.speakers[(start, end)] = who
        docs.append(doc)
    return docs


def all_gold() -> list[GoldDoc]:
    return [*own_cases(), sample_article(), *gum_news()]
