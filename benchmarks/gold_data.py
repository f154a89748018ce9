"""The gold set for the suggestion benchmark: own hard cases, the sample article, GUM news (silver + our speakers),
Wikinews tuning articles (by hand, ``gold/wikinews/``), Global Voices tuning posts (by hand, ``gold/globalvoices/``),
White House briefing-room pages and State Department releases (by hand, ``gold/whitehouse/``, ``gold/statedept/``).

Authoring format (benchmarks/gold/*.json): a span is ``[label, text, where, kind]``
where ``where`` is the occurrence number of ``text`` or a longer unique string
around it; a speaker entry names the quote the same way and lists the actor
names that count as its speaker.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"
GUM = GOLD / "gum_news.jsonl"  # the 24 GUM news articles (CC BY 2.5 texts, CC BY 4.0 annotations; see gold/README.md)
WIKINEWS = GOLD / "wikinews" / "wikinews.jsonl"  # Wikinews 2019 articles annotated by hand for tuning (CC BY 2.5)
# Global Voices posts of May 2012 annotated by hand for tuning (CC BY 3.0): blogs, tweets, translations
GLOBALVOICES = GOLD / "globalvoices" / "globalvoices.jsonl"
# White House briefing-room pages (public domain, 17 U.S.C. 105) annotated by hand for tuning: readouts, press
# releases, statements and press transcripts, a house style unlike the news sites above
WHITEHOUSE = GOLD / "whitehouse" / "whitehouse.jsonl"
# U.S. Department of State releases of 2026 (public domain): readouts "attributable to" the spokesperson, media
# notes, statements and a fact sheet
STATEDEPT = GOLD / "statedept" / "statedept.jsonl"
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}


@dataclass
class GoldSpan:
    start: int
    end: int
    label: str
    kind: str | None = None  # QUOTE: "direct" / "mixed" / "indirect"


@dataclass
class GoldDoc:
    id: str
    # "cases", "sample", "gum", "wikinews", "globalvoices", "whitehouse", "statedept" (or the stem of a --gold file)
    group: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    speakers: dict[tuple[int, int], list[str] | None] = field(default_factory=dict)  # gold quote -> names
    ignored: list[GoldSpan] = field(default_factory=list)  # a suggestion overlapping one is not scored
    # gold quote -> how its speaker appears: "named" (a name next to the quote), "pronoun" ("he said"),
    # "other" (a continuation paragraph, a noun phrase); filled by ``speaker_forms`` unless the gold says so
    speaker_form: dict[tuple[int, int], str] = field(default_factory=dict)


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
        form = None
        if len(row) == 2:
            quote, where, names = row[0], 0, [row[1]]
        elif len(row) == 4:  # [quote, where, names, "named" | "pronoun" | "other"]
            quote, where, names, form = row
        else:
            quote, where, names = row
        pos = _locate(text, quote, where)
        target = next((s for s in doc.spans if s.label == "QUOTE" and s.start <= pos < s.end), None)
        if target is None:
            raise ValueError(f"{doc_id}: speaker given for {quote!r}, which is no gold QUOTE")
        doc.speakers[(target.start, target.end)] = names
        if form is not None:
            doc.speaker_form[(target.start, target.end)] = form
    return speaker_forms(doc)


PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "we", "i"})


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def speaker_forms(doc: GoldDoc) -> GoldDoc:
    """How each gold speaker appears, where the gold does not say: one of its names in the quote's paragraph
    (outside the quote) is "named"; else a pronoun there is "pronoun"; else "other"."""
    for (start, end), names in doc.speakers.items():
        if (start, end) in doc.speaker_form or not names:
            continue
        lo, hi = _paragraph(doc.text, start, end)
        around = doc.text[lo:start] + " \u2029 " + doc.text[end:hi]
        words = {w.lower() for w in re.findall(r"[\w’']+", around)}
        if any(name in around for name in names):
            doc.speaker_form[(start, end)] = "named"
        elif words & PRONOUNS:
            doc.speaker_form[(start, end)] = "pronoun"
        else:
            doc.speaker_form[(start, end)] = "other"
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
        for text, where in speakers.get("extra_figures", {}).get(name, []):
            start = _locate(doc.text, text, where)
            doc.spans.append(GoldSpan(start, start + len(text), "FIGURE"))
        _figures_by_our_guidelines(doc)
        for clause, where, *names in speakers.get("mixed", {}).get(name, []):
            _make_mixed(doc, clause, where, names[0] if names else None)
        docs.append(speaker_forms(doc))
    return docs


# "one poster", "at least one shell", "one further record": "one" before a singular noun that is no unit or time
_ONE_THING = re.compile(
    r" (?!(?:day|week|month|year|hour|minute|second|vote|point|percent|goal|time|million|billion|thousand|hundred)\b)"
    r"(?!(?:or|and|in|to|out|more|by|at|on|for|with|from|after|before|is|was|who|which|that|the|a|an)\b)"
    r"[a-z]+(?<!s)\b(?! of\b)"
)
_SMALL_WORD = re.compile(r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve")
_RELATIVE_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(?:ago|earlier|later|before|after)\b")
_AGED = re.compile(r"(?:\baged?|\bat age)\s*$")
_NAME_COMMA = re.compile(r"[A-Z][a-z]+,\s*$")


def _figures_by_our_guidelines(doc: GoldDoc) -> None:
    """GUM marks every number; by our guidelines "one" as a pronoun ("one of the nations") or a determiner ("one
    poster", "at least one shell"), a number word after "the" ("the five pillars"), relative time ("four hours
    earlier") and ages ("Thomas Sam, 42,", "aged 14") are no FIGURE: such silver spans are ignored."""
    for span in [s for s in doc.spans if s.label == "FIGURE"]:
        text, after = doc.text[span.start : span.end], doc.text[span.end : span.end + 30]
        pronoun = text.lower() == "one" and after.startswith((" of ", " national", " made", " which", " that"))
        determiner = text.lower().split()[-1:] == ["one"] and _ONE_THING.match(after) is not None
        before = doc.text[max(0, span.start - 20) : span.start]
        # "the two sides", "the five pillars": a number word after "the" counts what was counted before
        counted_before = _SMALL_WORD.fullmatch(text.lower()) is not None and before.lower().endswith("the ")
        age = (
            _AGED.search(before) is not None
            or (_NAME_COMMA.search(before) is not None and after[:1] == ",")
            or re.match(r"[-‐ ](?:year|month|week|day)s?[-‐ ]old", after) is not None
        )
        if pronoun or determiner or counted_before or _RELATIVE_AFTER.match(after) or age:
            doc.spans.remove(span)
            doc.ignored.append(span)
    _join_ratios(doc)


_RATIO_GAP = re.compile(r" (?:in|out of)(?: every| a| an)? | ?[-–] ?")


def _join_ratios(doc: GoldDoc) -> None:
    """GUM marks both numbers of a ratio ("one" and "three" in "one in three visits") and of a score ("1 – 0"); by
    our guidelines a ratio, a score and a range are one FIGURE each, so the two silver spans become one."""
    figures = sorted((s for s in doc.spans if s.label == "FIGURE"), key=lambda s: s.start)
    for first, second in itertools.pairwise(figures):
        if first in doc.spans and _RATIO_GAP.fullmatch(doc.text[first.end : second.start]):
            doc.spans.remove(first)
            doc.spans.remove(second)
            doc.spans.append(GoldSpan(first.start, second.end, "FIGURE"))


def _make_mixed(doc: GoldDoc, clause: str, where: int | str, names: list[str] | None) -> None:
    """Our guideline: a reported clause holding quoted words is one QUOTE (kind "mixed") with the inner quote's
    speaker; GUM marks only the words in marks (and some, such as scare quotes in reported speech, not at all:
    those entries name their speakers)."""
    start = _locate(doc.text, clause, where)
    end = start + len(clause)
    inner = [s for s in doc.spans if s.label == "QUOTE" and start <= s.start and s.end <= end]
    if not inner and names is None:
        raise ValueError(f"GUM {doc.id}: mixed clause {clause!r} holds no gold quote and names no speaker")
    who = names or next((doc.speakers[(s.start, s.end)] for s in inner if doc.speakers.get((s.start, s.end))), None)
    for s in inner:
        doc.spans.remove(s)
        doc.speakers.pop((s.start, s.end), None)
    doc.spans.append(GoldSpan(start, end, "QUOTE", "mixed"))
    doc.speakers[(start, end)] = who


def wikinews(path: Path = WIKINEWS) -> list[GoldDoc]:
    """The hand-annotated Wikinews tuning articles (group "wikinews"), read like any offset JSONL gold file."""
    return load_gold(path) if path.exists() else []


def globalvoices(path: Path = GLOBALVOICES) -> list[GoldDoc]:
    """The hand-annotated Global Voices tuning posts (group "globalvoices"), read like any offset JSONL gold file."""
    return load_gold(path) if path.exists() else []


def whitehouse(path: Path = WHITEHOUSE) -> list[GoldDoc]:
    """The hand-annotated White House tuning pages (group "whitehouse"), read like any offset JSONL gold file."""
    return load_gold(path) if path.exists() else []


def statedept(path: Path = STATEDEPT) -> list[GoldDoc]:
    """The hand-annotated State Department tuning pages (group "statedept"), read like any offset JSONL gold file."""
    return load_gold(path) if path.exists() else []


def all_gold() -> list[GoldDoc]:
    return [*own_cases(), sample_article(), *gum_news(), *wikinews(), *globalvoices(), *whitehouse(), *statedept()]


def _offset_record(doc_id: str, group: str, record: dict) -> GoldDoc:
    """A record with character offsets: our JSONL export (SPEAKER ``relations``), or ``spans`` as
    ``{start, end, label, kind?}`` with ``speakers`` as ``benchmarks/annfile.py`` writes them."""
    text = record["text"]
    doc = GoldDoc(doc_id, group, text)
    for s in record["spans"]:
        label = s["label"]
        kind = s.get("kind") or ("direct" if label == "QUOTE" else None)
        doc.spans.append(GoldSpan(int(s["start"]), int(s["end"]), label, kind if label == "QUOTE" else None))
    for r in record.get("relations", []):
        if r.get("label") != "SPEAKER":
            continue
        head, child = r["head_span"], r["child_span"]
        doc.speakers[(int(head["start"]), int(head["end"]))] = [text[int(child["start"]) : int(child["end"])]]
    for rel in record.get("speakers", []):  # the hand-annotated Wikinews sets (benchmarks/annfile.py)
        quote = (int(rel["quote"][0]), int(rel["quote"][1]))
        pronoun = rel.get("speaker_label") == "PRONOUN"
        names = list(rel.get("stands_for") or [])  # a pronoun counts as the names it stands for
        if not pronoun and rel["speaker_text"] not in names:
            names.insert(0, rel["speaker_text"])
        doc.speakers[quote] = names
        if pronoun:
            doc.speaker_form[quote] = "pronoun"
    for q in (s for s in doc.spans if s.label == "QUOTE"):
        doc.speakers.setdefault((q.start, q.end), None)
    return speaker_forms(doc)


def load_gold(path: Path) -> list[GoldDoc]:
    """Another gold set in one of our formats: a JSON list of records (``cases.json`` style: spans as
    ``[label, text, where, kind]``, speakers as ``[quote, where, names, form?]``) or JSONL, one record a line,
    whose spans may also be character offsets (our own export, with SPEAKER relations)."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        data = json.loads(raw)
        records = data["documents"] if isinstance(data, dict) else data
    group = path.stem
    docs = []
    for n, r in enumerate(records):
        doc_id = str(r.get("id") or (r.get("meta") or {}).get("doc_id") or n)
        try:
            if "text_file" in r and "text" not in r:
                r = {**r, "text": (path.parent / r["text_file"]).read_text(encoding="utf-8")}
            spans = r.get("spans", [])
            if spans and isinstance(spans[0], dict):
                docs.append(_offset_record(doc_id, group, r))
            else:
                docs.append(_authored(doc_id, group, r["text"], r))
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"{path}: record {n + 1} ({doc_id}): {exc}") from exc
    return docs
