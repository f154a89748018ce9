"""Suggestion quality on the gold set, side by side with textacy's direct_quotations.

    python -m benchmarks.quality [--model NAME] [--scare-quotes drop|low] [--by-group] [--gold PATH]
                                 [--no-textacy] [--no-blank]

``--gold PATH`` scores another gold set instead of ours: a JSON list of records in the format of
``benchmarks/gold/cases.json`` or JSONL (one record a line; spans may also be character offsets, as in
our own export with SPEAKER relations), see ``benchmarks.gold_data.load_gold``.
Quotes are scored per kind (direct, mixed, indirect; direct+mixed ignores the difference between those
two); QUOTE+SPEAKER counts a quote only when its speaker is right too; "named SPEAKER acc." is the right
speaker on found quotes whose speaker is named next to them (not a pronoun, not a continuation).

Prints precision / recall / F1 per label with exact and overlap matching, the
speaker accuracy on found quotes, and the number of documents on which each
tool raised. textacy is optional (pip install textacy); without it its column
says so.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gold_data import GoldDoc, all_gold, load_gold

Pred = tuple[int, int, str, str | None]  # start, end, label, kind
Link = tuple[tuple[int, int], str]  # quote (start, end) -> speaker text
LABELS = ("ACTOR", "QUOTE:direct", "QUOTE:mixed", "QUOTE:direct+mixed", "QUOTE:indirect", "FIGURE")
KINDS = ("direct", "mixed", "indirect", "all")  # quote + speaker F1 and named-speaker accuracy are scored per kind


@dataclass
class ToolOutput:
    spans: list[Pred] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]], exact: bool) -> tuple[int, dict[int, int]]:
    """One-to-one matching; overlap prefers the tightest gold span. Returns TP and pred->gold index."""
    if exact:
        gset = {g: i for i, g in enumerate(gold)}
        pairs = {p_i: gset[p] for p_i, p in enumerate(pred) if p in gset}
        used: set[int] = set()
        result = {}
        for p_i, g_i in pairs.items():
            if g_i not in used:
                used.add(g_i)
                result[p_i] = g_i
        return len(result), result
    cands = []
    for p_i, p in enumerate(pred):
        for g_i, g in enumerate(gold):
            if _overlap(p, g):
                inter = min(p[1], g[1]) - max(p[0], g[0])
                cands.append((-(inter / max(g[1] - g[0], p[1] - p[0])), g[1] - g[0], p_i, g_i))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    result = {}
    for _score, _len, p_i, g_i in cands:
        if p_i in used_p or g_i in used_g:
            continue
        used_p.add(p_i)
        used_g.add(g_i)
        result[p_i] = g_i
    return len(result), result


def _norm(name: str) -> str:
    words = name.lower().replace("’", "'").removesuffix("'s").split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def speaker_ok(pred_name: str, names: list[str], exact: bool) -> bool:
    p = _norm(pred_name)
    for name in names:
        g = _norm(name)
        if p == g or (not exact and p and g and (g in p or p in g or p.split()[-1:] == g.split()[-1:])):
            return True
    return False


@dataclass
class Score:
    counts: dict[tuple[str, bool], Counts] = field(default_factory=lambda: defaultdict(Counts))
    speaker_found: dict[bool, int] = field(default_factory=lambda: defaultdict(int))
    speaker_right: dict[bool, int] = field(default_factory=lambda: defaultdict(int))
    named_found: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # kind -> found named-speaker quotes
    named_right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: int = 0
    docs: int = 0
    with_speakers: bool = True

    def add(self, gold: GoldDoc, out: ToolOutput, labels: Iterable[str]) -> None:
        self.docs += 1
        for exact in (True, False):
            for label in labels:
                lab, _, kind = label.partition(":")
                kinds = set(kind.split("+")) if kind else None
                if kind == "indirect" and gold.group == "gum":
                    continue  # GUM marks no reported speech
                g = [(s.start, s.end) for s in gold.spans if s.label == lab and (not kinds or s.kind in kinds)]
                p = [(s, e) for s, e, lb, k in out.spans if lb == lab and (not kinds or k in kinds)]
                tp, pairs = match(g, p, exact)
                ignored = [(s.start, s.end) for s in gold.ignored if s.label == lab]
                unscored = sum(1 for i, q in enumerate(p) if i not in pairs and any(_overlap(q, x) for x in ignored))
                c = self.counts[(label, exact)]
                c.tp += tp
                c.fp += len(p) - tp - unscored
                c.fn += len(g) - tp
            if self.with_speakers:
                self._speakers(gold, out, exact)
                for kind in KINDS:
                    self._quote_and_speaker(gold, out, kind, exact)

    def _quote_and_speaker(self, gold: GoldDoc, out: ToolOutput, kind: str, exact: bool) -> None:
        """A quote counts when it matches a gold quote of its kind AND links to the gold speaker (a gold quote
        without a speaker wants none); the gold lists pronoun speakers by the names they stand for."""
        gum = gold.group == "gum"
        g = [
            (s.start, s.end)
            for s in gold.spans
            if s.label == "QUOTE" and (kind == "all" or s.kind == kind) and not (gum and s.kind == "indirect")
        ]
        p = [
            (s, e)
            for s, e, lb, k in out.spans
            if lb == "QUOTE" and (kind == "all" or k == kind) and not (gum and k == "indirect")
        ]
        if not g and not p:
            return
        links: dict[tuple[int, int], list[str]] = defaultdict(list)
        for q, who in out.links:
            links[q].append(who)
        _, pairs = match(g, p, exact)
        tp = 0
        for p_i, g_i in pairs.items():
            names = gold.speakers.get(g[g_i])
            said = links.get(p[p_i], [])
            right = any(speaker_ok(w, names, exact) for w in said) if names else not said
            tp += right
            if not exact and names and gold.speaker_form.get(g[g_i]) == "named":
                self.named_found[kind] += 1
                self.named_right[kind] += right
        c = self.counts[(f"QUOTE+SPEAKER:{kind}", exact)]
        c.tp += tp
        c.fp += len(p) - tp
        c.fn += len(g) - tp

    def _speakers(self, gold: GoldDoc, out: ToolOutput, exact: bool) -> None:
        gq = [q for q, names in gold.speakers.items() if names]
        pq = [(s, e) for s, e, lb, k in out.spans if lb == "QUOTE" and not (gold.group == "gum" and k == "indirect")]
        _, pairs = match(gq, pq, False)  # a quote is found when it overlaps: speakers are judged on found quotes
        by_quote: dict[tuple[int, int], list[str]] = defaultdict(list)
        indirect = {(s, e) for s, e, lb, k in out.spans if lb == "QUOTE" and k == "indirect"}
        for q, who in out.links:
            if gold.group == "gum" and q in indirect:
                continue  # GUM marks no reported speech
            by_quote[q].append(who)
        c = self.counts[("SPEAKER", exact)]
        right_quotes = set()
        for p_i, g_i in pairs.items():
            names = gold.speakers[gq[g_i]] or []
            self.speaker_found[exact] += 1
            if any(speaker_ok(w, names, exact) for w in by_quote.get(pq[p_i], [])):
                self.speaker_right[exact] += 1
                right_quotes.add(pq[p_i])
        c.tp += len(right_quotes)
        c.fn += len(gq) - len(right_quotes)
        c.fp += sum(1 for q in by_quote if q not in right_quotes and any(_overlap(q, g) for g in gq)) + sum(
            1 for q in by_quote if not any(_overlap(q, g) for g in gold.speakers)
        )


def run_ours(nlp, docs: list[GoldDoc], name: str) -> tuple[list[ToolOutput | None], float]:
    from annotator.nlp.pipeline import LoadedPipeline
    from annotator.nlp.suggest import spans_from_doc

    pipeline = LoadedPipeline(nlp, name)
    outs: list[ToolOutput | None] = []
    t0 = time.perf_counter()
    for gold in docs:
        try:
            spans, relations = spans_from_doc(nlp(gold.text), pipeline)
        except Exception:  # counted and shown: the benchmark must see every failure
            traceback.print_exc()
            outs.append(None)
            continue
        out = ToolOutput([(s.start, s.end, s.label, s.kind) for s in spans])
        out.links = [((r.head[0], r.head[1]), gold.text[r.child[0] : r.child[1]]) for r in relations]
        outs.append(out)
    return outs, time.perf_counter() - t0


def run_textacy(nlp, docs: list[GoldDoc]) -> tuple[list[ToolOutput | None] | None, str]:
    try:
        import textacy
        from textacy.extract.triples import direct_quotations
    except Exception as exc:  # not installed, or broken against this spaCy
        return None, f"textacy unavailable: {exc}"
    outs: list[ToolOutput | None] = []
    errors: list[str] = []
    for gold in docs:
        try:
            doc = nlp(gold.text)
            out = ToolOutput()
            for trip in direct_quotations(doc):
                content = trip.content
                start, end = content.start_char, content.end_char
                # textacy's content excludes the marks; ours include them: widen to the marks when present
                if start > 0 and gold.text[start - 1] in "\"“‘'«„":
                    start -= 1
                if end < len(gold.text) and gold.text[end] in "\"”’'»“":
                    end += 1
                out.spans.append((start, end, "QUOTE", "direct"))
                if trip.speaker:
                    s0 = min(t.idx for t in trip.speaker)
                    s1 = max(t.idx + len(t.text) for t in trip.speaker)
                    out.links.append(((start, end), gold.text[s0:s1]))
            outs.append(out)
        except Exception as exc:
            errors.append(f"{gold.id}: {type(exc).__name__}: {exc}")
            outs.append(None)
    note = f"textacy {textacy.__version__}"
    if errors:
        note += f"; raised on {len(errors)} documents, first: {errors[0][:160]}"
    return outs, note


def run_ner_only(nlp, docs: list[GoldDoc]) -> list[ToolOutput | None]:
    """Baseline: the trained NER alone (PERSON/ORG/GPE/NORP -> ACTOR, CARDINAL/MONEY/PERCENT/QUANTITY -> FIGURE)."""
    mapping = {
        "PERSON": "ACTOR",
        "ORG": "ACTOR",
        "GPE": "ACTOR",
        "NORP": "ACTOR",
        "CARDINAL": "FIGURE",
        "MONEY": "FIGURE",
        "PERCENT": "FIGURE",
        "QUANTITY": "FIGURE",
    }
    outs: list[ToolOutput | None] = []
    for gold in docs:
        doc = nlp(gold.text)
        outs.append(
            ToolOutput([(e.start_char, e.end_char, mapping[e.label_], None) for e in doc.ents if e.label_ in mapping])
        )
    return outs


def score(
    docs: list[GoldDoc],
    outs: list[ToolOutput | None],
    labels: Iterable[str],
    keep: Callable[[GoldDoc], bool],
    with_speakers: bool = True,
) -> Score:
    sc = Score(with_speakers=with_speakers)
    labels = list(labels)
    for gold, out in zip(docs, outs, strict=True):
        if not keep(gold):
            continue
        if out is None:
            sc.failures += 1
            out = ToolOutput()
        sc.add(gold, out, labels)
    return sc


def _cell(sc: Score | None, label: str, exact: bool) -> str:
    if sc is None:
        return "n/a"
    if label.startswith("SPEAKER") and not sc.with_speakers:
        return "n/a"
    if label == "SPEAKER acc.":
        found = sc.speaker_found[exact]
        return f"{sc.speaker_right[exact] / found:.2f} ({sc.speaker_right[exact]}/{found})" if found else "-"
    if label.startswith("named SPEAKER acc."):
        kind = label.partition(":")[2]
        found, right = sc.named_found[kind], sc.named_right[kind]
        if exact:
            return "n/a"
        return f"{right / found:.2f} ({right}/{found})" if found else "n/a"
    c = sc.counts.get((label, exact))
    if c is None or c.tp + c.fp + c.fn == 0:
        return "n/a"
    p, r, f = c.prf()
    return f"{p:.2f} / {r:.2f} / **{f:.2f}**"


def table(title: str, columns: dict[str, Score | None]) -> str:
    rows = [f"#### {title}", "", "| label | match | " + " | ".join(columns) + " |", "|---|---|" + "---|" * len(columns)]
    extra = [f"QUOTE+SPEAKER:{k}" for k in KINDS] + [f"named SPEAKER acc.:{k}" for k in KINDS]
    for label in (*LABELS, "SPEAKER", "SPEAKER acc.", *extra):
        for exact in (False, True):
            cells = [_cell(sc, label, exact) for sc in columns.values()]
            if all(c == "n/a" for c in cells):
                continue
            rows.append(f"| {label} | {'exact' if exact else 'overlap'} | " + " | ".join(cells) + " |")
    fails = [str(sc.failures) if sc is not None else "n/a" for sc in columns.values()]
    docs = [str(sc.docs) if sc is not None else "n/a" for sc in columns.values()]
    rows.append(
        "| documents failed / scored | | " + " | ".join(f"{f} / {d}" for f, d in zip(fails, docs, strict=True)) + " |"
    )
    return "\n".join(rows)


def print_errors(docs: list[GoldDoc], outs: list[ToolOutput | None], label: str) -> None:
    """Every miss, false suggestion and wrong speaker of one label (overlap matching), to see what to fix."""
    for gold, out in zip(docs, outs, strict=True):
        out = out or ToolOutput()
        g = [s for s in gold.spans if s.label == label and not (gold.group == "gum" and s.kind == "indirect")]
        p = [x for x in out.spans if x[2] == label and not (gold.group == "gum" and x[3] == "indirect")]
        _, pairs = match([(s.start, s.end) for s in g], [(x[0], x[1]) for x in p], False)
        ignored = [(s.start, s.end) for s in gold.ignored if s.label == label]
        links: dict[tuple[int, int], list[str]] = defaultdict(list)
        for q, who in out.links:
            links[q].append(who)
        lines = []
        for g_i, s in enumerate(g):
            if g_i not in pairs.values():
                lines.append(f"  MISS  [{s.kind or ''}] {gold.text[s.start : s.end]!r}")
        for p_i, x in enumerate(p):
            if p_i not in pairs and not any(_overlap((x[0], x[1]), i) for i in ignored):
                lines.append(f"  FALSE [{x[3] or ''}] {gold.text[x[0] : x[1]]!r}")
            elif p_i in pairs:
                s = g[pairs[p_i]]
                if (x[0], x[1]) != (s.start, s.end) or x[3] != s.kind:
                    got, want = gold.text[x[0] : x[1]], gold.text[s.start : s.end]
                    lines.append(f"  SPAN  [{x[3]}->{s.kind}] {got!r}\n        gold {want!r}")
                names = gold.speakers.get((s.start, s.end))
                said = links.get((x[0], x[1]), [])
                if label == "QUOTE" and not (any(speaker_ok(w, names, False) for w in said) if names else not said):
                    lines.append(f"  WHO   {said} != {names} for {gold.text[s.start : s.end][:60]!r}")
        if lines:
            print(f"== {gold.id}")
            print("\n".join(lines))


def _installed_model() -> str:
    from annotator.nlp.pipeline import FALLBACK_MODELS, _installed

    return next(m for m in FALLBACK_MODELS if _installed(m))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model package or folder (default: as the app chooses)")
    parser.add_argument("--scare-quotes", choices=("drop", "low"), default=None)
    parser.add_argument("--by-group", action="store_true", help="also print a table per part of the gold set")
    parser.add_argument("--no-textacy", action="store_true")
    parser.add_argument("--no-blank", action="store_true", help="skip the blank (rules only) pipeline")
    parser.add_argument("--errors", choices=("QUOTE", "ACTOR", "FIGURE"), help="list our misses for a label and stop")
    parser.add_argument("--gold", type=Path, default=None, help="score this gold file instead of benchmarks/gold")
    args = parser.parse_args(argv)
    if args.gold is not None:
        try:
            docs = load_gold(args.gold)
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    else:
        docs = all_gold()

    from annotator.nlp.components import QuoteSuggester
    from annotator.nlp.pipeline import blank_pipeline, load_pipeline

    loaded = load_pipeline(args.model)
    blank = blank_pipeline()
    for p in (loaded, blank):
        quotes = p.nlp.get_pipe("annotator_quotes")
        if args.scare_quotes and isinstance(quotes, QuoteSuggester):
            quotes.scare_quotes = args.scare_quotes
    ours, secs = run_ours(loaded.nlp, docs, loaded.name)
    if args.errors:
        print_errors(docs, ours, args.errors)
        return 0
    ours_blank, secs_blank = ([None] * len(docs), 0.0) if args.no_blank else run_ours(blank.nlp, docs, blank.name)
    # textacy and the baseline get the trained pipeline exactly as shipped (textacy needs the lemmatizer)
    import spacy

    plain = spacy.load(args.model or _installed_model())
    textacy_outs, textacy_note = (None, "skipped") if args.no_textacy else run_textacy(plain, docs)
    ner_outs = run_ner_only(plain, docs)

    title = f"all documents of {args.gold}" if args.gold else "all gold documents"
    groups: list[tuple[str, Callable[[GoldDoc], bool]]] = [(title, lambda d: True)]
    if args.by_group and args.gold is None:
        groups += [
            (f"own hard cases ({sum(d.group == 'cases' for d in docs)} short texts)", lambda d: d.group == "cases"),
            ("sample article (hand-annotated)", lambda d: d.group == "sample"),
            ("GUM news (silver spans, our speakers)", lambda d: d.group == "gum"),
            ("Wikinews 2019 tuning articles (by hand)", lambda d: d.group == "wikinews"),
            ("Global Voices 2012 tuning posts (by hand)", lambda d: d.group == "globalvoices"),
            ("White House 2021-22 briefing-room pages (by hand)", lambda d: d.group == "whitehouse"),
            ("State Department 2026 releases (by hand)", lambda d: d.group == "statedept"),
        ]
    print(f"pipeline: {loaded.name} ({secs:.1f} s for {len(docs)} docs); blank: {secs_blank:.1f} s; {textacy_note}")
    print("cells: precision / recall / F1; SPEAKER acc. = right speaker on found (overlapping) gold quotes\n")
    for title, keep in groups:
        cols = {
            f"ours ({loaded.name})": score(docs, ours, LABELS, keep),
            "ours (blank:en, rules only)": None if args.no_blank else score(docs, ours_blank, LABELS, keep),
            "textacy direct_quotations": score(docs, textacy_outs, ["QUOTE:direct"], keep) if textacy_outs else None,
            "NER only (baseline)": score(docs, ner_outs, ["ACTOR", "FIGURE"], keep, with_speakers=False),
        }
        print(table(title, cols))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
