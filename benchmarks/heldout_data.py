"""The held-out gold set of issue 11: 24 Wikinews articles annotated by hand, frozen before any rule was tuned on it.

Do not tune rules on this set; tune on ``benchmarks/gold`` and score here once before
and once after (see ``benchmarks/heldout/README.md``). Loaded as ``GoldDoc`` objects
(group ``"heldout"``) so ``benchmarks.quality``'s matching and scoring apply unchanged;
the speaker of each gold quote is kept with its kind and whether it is a name, a
pronoun or a noun phrase, for the per-kind speaker figures of ``benchmarks.score_heldout``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.gold_data import GoldDoc, GoldSpan

HELDOUT = Path(__file__).resolve().parent / "heldout" / "heldout.jsonl"
_GENERIC = {
    "officials",
    "residents",
    "reports",
    "report",
    "authorities",
    "scientists",
    "sources",
    "investigators",
    "president",
}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "some"}


@dataclass
class GoldSpeaker:
    span: tuple[int, int]  # the ACTOR (or pronoun) span the gold SPEAKER relation points to
    text: str
    label: str  # "ACTOR" or "PRONOUN"
    names: list[str]  # texts that count as this speaker (a pronoun: whom it stands for)
    named: bool  # the speaker span is a proper name (not a pronoun, not "the officials")


@dataclass
class HeldoutDoc(GoldDoc):
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)  # gold quote -> direct / mixed / indirect
    speaker_info: dict[tuple[int, int], GoldSpeaker] = field(default_factory=dict)  # gold quote -> its speaker
    meta: dict = field(default_factory=dict)


def is_name(text: str) -> bool:
    """A proper name ("Vladimir Putin", "the Investigative Committee", "al-Eryani"), not a noun phrase
    ("officials", "the mayor of Yartsevo", "Chelyabinsk's governor") nor a sentence-initial plural ("Residents")."""
    core = [w for w in text.replace("’", "'").split() if w.lower() not in _DETERMINERS]
    if not core or not all(any(c.isupper() for c in w[:4]) for w in (core[0], core[-1])):
        return False  # "A source within the Interior Ministry", "the mayor of Yartsevo", "German officials"
    return not (len(core) == 1 and core[0].lower() in _GENERIC)


def from_record(r: dict) -> HeldoutDoc:
    """One article of a held-out data file (a JSON record as ``benchmarks/annfile.py`` builds it)."""
    doc = HeldoutDoc(r["id"], "heldout", r["text"], meta=r["meta"])
    for s in r["spans"]:
        doc.spans.append(GoldSpan(s["start"], s["end"], s["label"], s.get("kind")))
        if s["label"] == "QUOTE":
            doc.kinds[(s["start"], s["end"])] = s["kind"]
    for rel in r["speakers"]:
        quote = (rel["quote"][0], rel["quote"][1])
        pronoun = rel["speaker_label"] == "PRONOUN"
        names = list(rel["stands_for"] or [])
        if not pronoun and rel["speaker_text"] not in names:
            names.insert(0, rel["speaker_text"])
        doc.speakers[quote] = names
        doc.speaker_info[quote] = GoldSpeaker(
            (rel["speaker"][0], rel["speaker"][1]),
            rel["speaker_text"],
            rel["speaker_label"],
            names,
            named=not pronoun and is_name(rel["speaker_text"]),
        )
    return doc


def load(path: Path = HELDOUT) -> list[HeldoutDoc]:
    docs: list[HeldoutDoc] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name} line {n}: not JSON ({exc.msg})") from None
        docs.append(from_record(r))
    return docs
