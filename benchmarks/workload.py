"""Seeded workloads for the benchmarks: realistic news articles with their spans.

``Generator(seed).article()`` writes a headline, a dateline and paragraphs of
reporting: names (some accented), organisations, places, figures (a number with
what it counts), direct quotes with curly or straight marks and a speech verb,
the occasional emoji. Every ACTOR, QUOTE and FIGURE it writes is recorded as a
span (code-point offsets, end exclusive) and every quote gets a SPEAKER link,
so the same articles serve import, suggestion and export benchmarks.

The same seed always gives the same articles (``random.Random``, no global
state); the real sample and GUM articles are added by :func:`real_articles`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the real articles ship with the repository

FIRST = (
    "Maria", "John", "Aisha", "Wei", "Olga", "Carlos", "Fatima", "James", "Zoë", "José", "Ingrid", "Kwame",
    "Priya", "Mehmet", "Sofía", "Łukasz", "Anne-Marie", "Dmitri", "Chiara", "Nguyễn", "Hiroshi", "Amara",
)
LAST = (
    "Smith", "Okafor", "Chen", "Petrova", "Álvarez", "Haddad", "Müller", "Kowalski", "Singh", "Yılmaz",
    "O'Brien", "García", "Nakamura", "Mensah", "Dubois", "Rossi", "Andersson", "Ivanova", "Hernández", "Ng",
)
ROLES = (
    "spokesperson", "minister", "mayor", "chief executive", "senator", "analyst", "professor", "police chief",
    "union leader", "ambassador", "economist", "health official",
)
ORGS = (
    "the United Nations", "the World Bank", "Reuters", "the European Commission", "Amnesty International",
    "the Ministry of Health", "Médecins Sans Frontières", "the Federal Reserve", "Acme Energy Corp.",
    "the Red Crescent", "the International Monetary Fund", "the city council", "NATO", "the Supreme Court",
)
PLACES = (
    "KABUL", "NAIROBI", "SÃO PAULO", "BERLIN", "MANILA", "LAGOS", "KYIV", "MONTRÉAL", "JAKARTA", "LIMA",
    "ISTANBUL", "REYKJAVÍK", "DHAKA", "GENEVA",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
NOUNS = (
    "civilians", "soldiers", "people", "households", "jobs", "schools", "patients", "votes", "homes",
    "migrants", "tonnes of grain", "hectares", "workers", "flights", "vaccines",
)
NUMBER_WORDS = ("two", "three", "five", "seven", "dozens of", "hundreds of", "at least five", "nearly 40")
SPEECH_VERBS = ("said", "told reporters", "added", "warned", "insisted", "stated", "explained", "wrote")
EMOJI = ("🇺🇦", "📈", "🙂", "🔥", "🌍", "⚠️")
FILLER = (
    "The decision follows weeks of negotiations",
    "Officials did not immediately respond to a request for comment",
    "The figures could not be independently verified",
    "Talks are expected to resume next week",
    "Critics say the measures come too late",
    "The move was welcomed by neighbouring countries",
    "Markets reacted cautiously to the announcement",
    "Residents described a tense night",
)
QUOTE_BODIES = (
    "We will not accept any agreement that ignores the needs of ordinary people",
    "This is a turning point for the region",
    "The situation on the ground is getting worse every day",
    "Nobody expected the talks to collapse so quickly",
    "We are doing everything we can, but resources are limited",
    "It is too early to say what the long-term effects will be",
    "Our priority is the safety of civilians",
    "These numbers speak for themselves",
    "I have never seen anything like it in 20 years",
)


@dataclass
class Article:
    """A generated article: text plus its spans ``(start, end, label)`` and SPEAKER links ``(quote, actor)``."""

    title: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    relations: list[tuple[tuple[int, int, str], tuple[int, int, str]]] = field(default_factory=list)


class _Writer:
    """Appends text and records spans at the right offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[int, int, str]] = []
        self.relations: list[tuple[tuple[int, int, str], tuple[int, int, str]]] = []

    def add(self, s: str, label: str | None = None) -> tuple[int, int, str] | None:
        self.parts.append(s)
        start, self.pos = self.pos, self.pos + len(s)
        if label:
            span = (start, self.pos, label)
            self.spans.append(span)
            return span
        return None

    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    """Deterministic article source: ``Generator(seed).article()`` repeatedly."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def _figure(self) -> str:
        r = self.rng.random()
        noun = self.rng.choice(NOUNS)
        if r < 0.4:
            return f"{self.rng.randint(2, 9999):,} {noun}"
        if r < 0.6:
            return f"{self.rng.choice(NUMBER_WORDS)} {noun}"
        if r < 0.8:
            return f"{self.rng.randint(1, 99)}.{self.rng.randint(1, 9)} million {noun}"
        return f"${self.rng.randint(1, 900)} billion"

    def _sentence(self, w: _Writer) -> None:
        rng = self.rng
        kind = rng.random()
        if kind < 0.3:  # a direct quote with its speaker
            curly = rng.random() < 0.6
            open_, close = ("“", "”") if curly else ('"', '"')
            body = rng.choice(QUOTE_BODIES)
            verb = rng.choice(SPEECH_VERBS)
            name = self._name()
            if rng.random() < 0.6:
                quote = w.add(f"{open_}{body},{close}", "QUOTE")
                w.add(" ")
                actor = w.add(name, "ACTOR")
                w.add(f", {rng.choice(ROLES)} at ")
                w.add(rng.choice(ORGS), "ACTOR")
                w.add(f", {verb}. ")
            else:
                actor = w.add(name, "ACTOR")
                w.add(f" {verb}: ")
                quote = w.add(f"{open_}{body}.{close}", "QUOTE")
                w.add(" ")
            assert quote and actor
            w.relations.append((quote, actor))
        elif kind < 0.6:  # a figure with what it counts
            w.add(rng.choice(("According to ", "Data from ")))
            w.add(rng.choice(ORGS), "ACTOR")
            w.add(", ")
            w.add(self._figure(), "FIGURE")
            w.add(rng.choice((" were affected", " have been displaced", " were counted", " remain at risk")))
            w.add(f" since {rng.choice(MONTHS)}, up from ")
            w.add(self._figure(), "FIGURE")
            w.add(" a year earlier. ")
        elif kind < 0.8:
            w.add(rng.choice(("Officials from ", "Negotiators for ", "A delegation of ")))
            w.add(rng.choice(ORGS), "ACTOR")
            w.add(" met ")
            w.add(self._name(), "ACTOR")
            w.add(f" on {rng.choice(MONTHS)} {rng.randint(1, 28)}. ")
        else:
            w.add(rng.choice(FILLER) + (f" {rng.choice(EMOJI)}" if rng.random() < 0.1 else "") + ". ")

    def article(self, *, chars: int | None = None, min_spans: int = 40) -> Article:
        """One article of about ``chars`` characters (default 3-7 kB) with at least ``min_spans`` spans."""
        rng = self.rng
        target = chars if chars is not None else rng.randint(3000, 7000)
        w = _Writer()
        org = rng.choice(ORGS).removeprefix("the ")
        title = f"{org[0].upper()}{org[1:]} says {self._figure()} affected"
        w.add(title + "\n\n")
        w.add(rng.choice(PLACES), None)
        w.add(f", {rng.choice(MONTHS)} {rng.randint(1, 28)} (Newswire) — ")
        while w.pos < target or len(w.spans) < min_spans:
            for _ in range(rng.randint(2, 4)):
                self._sentence(w)
            last = w.parts[-1].rstrip(" ")  # never a span: sentences end with plain text
            w.pos -= len(w.parts[-1]) - len(last)
            w.parts[-1] = last
            w.add("\n\n")
        text = w.text().rstrip("\n") + "\n"
        return Article(title, text, w.spans, w.relations)

    def articles(self, n: int, **kw: int) -> Iterator[Article]:
        for _ in range(n):
            yield self.article(**kw)

    def long_article(self, words: int = 50_000, spans: int = 5_000) -> Article:
        """A report of ``words`` words with about ``spans`` spans (the first ones the generator wrote)."""
        parts: list[Article] = []
        n_words = 0
        while n_words < words:
            a = self.article(chars=6000, min_spans=0)
            parts.append(a)
            n_words += len(a.text.split())
        text: list[str] = []
        all_spans: list[tuple[int, int, str]] = []
        rels: list[tuple[tuple[int, int, str], tuple[int, int, str]]] = []
        offset = 0
        for i, a in enumerate(parts):
            cut = 0 if i == 0 else a.text.index("\n\n") + 2  # one headline only
            shift = offset - cut

            def moved(span: tuple[int, int, str], shift: int = shift) -> tuple[int, int, str]:
                return (span[0] + shift, span[1] + shift, span[2])

            text.append(a.text[cut:])
            all_spans += [moved(s) for s in a.spans if s[0] >= cut]
            rels += [(moved(h), moved(c)) for h, c in a.relations if h[0] >= cut and c[0] >= cut]
            offset += len(a.text) - cut
        keep = set(all_spans[:spans])
        return Article(
            parts[0].title, "".join(text), all_spans[:spans], [r for r in rels if r[0] in keep and r[1] in keep]
        )


def real_articles() -> list[Article]:
    """The sample article and the 24 GUM news articles (with GUM's silver spans), when present."""
    out: list[Article] = []
    sample = ROOT / "resources" / "sample_article.txt"
    if sample.exists():
        text = sample.read_text(encoding="utf-8")
        out.append(Article(text.split("\n", 1)[0], text))
    gum = ROOT / "benchmarks" / "gold" / "gum_news.jsonl"
    if gum.exists():
        for line in gum.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            labels = ("ACTOR", "QUOTE", "FIGURE")
            spans = [(s["start"], s["end"], s["label"]) for s in rec.get("spans", []) if s["label"] in labels]
            out.append(Article(rec["meta"].get("title", ""), rec["text"], sorted(set(spans))))
    return out


def mixed_articles(n: int, seed: int = 0) -> list[Article]:
    """``n`` articles: the real ones first, then generated ones."""
    real = real_articles()[:n]
    return real + list(Generator(seed).articles(n - len(real)))
