"""Score the suggestions on the held-out sets of issue 11 (benchmarks/heldout*/), the figures of their tables.

    python -m benchmarks.score_heldout [--set 1|2|3|4|5|6|new|all] [--model NAME] [--blank]

Set 1: 24 Wikinews articles of January-February 2019; set 2: 24 Wikinews articles of 2020 (two a
month, picked by a written rule, see benchmarks/heldout2/README.md); set 3: 20 Global Voices posts
of May 2012 (another publisher and house style: bloggers and tweets quoted after a colon, often
without quote marks; see benchmarks/heldout3/README.md); set 4: 12 public-domain news articles of the
U.S. Air Force and the U.S. Army's ARCIC; set 5: 7 GOV.UK news items and case studies of UK government
departments (OGL v3.0); set 6: 7 public-domain NASA news releases and features (each set's README says
how it was picked). ``--set new`` pools sets 4-6 (26 articles of four publishers) into one table.
``--set all`` (the default) prints one table per set and pipeline, then the pool.

Run it once before and once after a change of rules, never while tuning them. Matching is
``benchmarks.quality``'s (one to one, overlap unless "exact"); a quote's speaker is right when
the suggested quote overlapping it links to a text that ``quality.speaker_ok`` accepts for one of
the gold names; a pronoun speaker's gold names are the ones it stands for, so a link to the bare
pronoun does not count.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.heldout_data import HELDOUT, HeldoutDoc, load
from benchmarks.quality import Counts, ToolOutput, match, run_ours, speaker_ok

KINDS = ("direct", "mixed", "indirect")
HELDOUT2 = Path(__file__).resolve().parent / "heldout2" / "heldout2.jsonl"
HELDOUT3 = Path(__file__).resolve().parent / "heldout3" / "heldout3.jsonl"
HELDOUT4 = Path(__file__).resolve().parent / "heldout4" / "heldout4.jsonl"
HELDOUT5 = Path(__file__).resolve().parent / "heldout5" / "heldout5.jsonl"
HELDOUT6 = Path(__file__).resolve().parent / "heldout6" / "heldout6.jsonl"
# set -> (data file, table title before the pipeline name)
SETS = {
    "1": (HELDOUT, "held-out set ({n} Wikinews articles)"),
    "2": (HELDOUT2, "held-out set 2 ({n} Wikinews articles of 2020)"),
    "3": (HELDOUT3, "held-out set 3 ({n} Global Voices posts of May 2012)"),
    "4": (HELDOUT4, "held-out set 4 ({n} public-domain news articles of the U.S. Air Force and the U.S. Army's ARCIC)"),
    "5": (HELDOUT5, "held-out set 5 ({n} GOV.UK news items and case studies, OGL v3.0)"),
    "6": (HELDOUT6, "held-out set 6 ({n} public-domain NASA news releases and features of 2024)"),
}
# Pooled sets: one table over several sets' documents. Sets 4-6 are small (7-12 documents each) and were
# all built in one session from publishers no rule had been tuned on; pooled they are 26 articles of four.
POOLS = {
    "new": (("4", "5", "6"), "sets 4-6 pooled ({n} articles: U.S. Air Force, U.S. Army ARCIC, GOV.UK, NASA)"),
}


@dataclass
class HeldoutScore:
    labels: dict[tuple[str, bool], Counts] = field(default_factory=lambda: defaultdict(Counts))
    quotes: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))  # "direct+mixed", per kind
    pairs: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))  # quote + speaker
    named: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # right, found
    failures: list[str] = field(default_factory=list)
    docs: int = 0

    def add(self, gold: HeldoutDoc, out: ToolOutput | None) -> None:
        self.docs += 1
        if out is None:
            self.failures.append(gold.id)
            out = ToolOutput()
        for label in ("ACTOR", "FIGURE"):
            g = [(s.start, s.end) for s in gold.spans if s.label == label]
            p = [(s, e) for s, e, lb, _k in out.spans if lb == label]
            for exact in (False, True):
                tp, _ = match(g, p, exact)
                c = self.labels[(label, exact)]
                c.tp, c.fp, c.fn = c.tp + tp, c.fp + len(p) - tp, c.fn + len(g) - tp
        gq = list(gold.kinds)
        pq = [(s, e) for s, e, lb, _k in out.spans if lb == "QUOTE"]
        pkind = {(s, e): k for s, e, lb, k in out.spans if lb == "QUOTE"}
        # direct and mixed quotes (a suggestion of kind direct or mixed against gold direct + mixed)
        g_dm = [q for q in gq if gold.kinds[q] in ("direct", "mixed")]
        p_dm = [q for q in pq if pkind[q] in ("direct", "mixed")]
        tp, _ = match(g_dm, p_dm, False)
        c = self.quotes["direct+mixed"]
        c.tp, c.fp, c.fn = c.tp + tp, c.fp + len(p_dm) - tp, c.fn + len(g_dm) - tp
        # every gold quote against every suggested quote: found per gold kind, speaker of found quotes
        _, pairs = match(gq, pq, False)
        found = {g_i: p_i for p_i, g_i in pairs.items()}
        links: dict[tuple[int, int], list[str]] = defaultdict(list)
        for q, who in out.links:
            links[q].append(who)
        right_preds: set[int] = set()
        for g_i, q in enumerate(gq):
            kind = gold.kinds[q]
            kc = self.quotes[kind]
            info = gold.speaker_info.get(q)
            if g_i not in found:
                kc.fn += 1
                for key in {kind, "all", "direct+mixed" if kind != "indirect" else "indirect"}:
                    if info:
                        self.pairs[key].fn += 1
                continue
            kc.tp += 1
            p_i = found[g_i]
            ok = bool(info) and any(speaker_ok(w, info.names, False) for w in links.get(pq[p_i], []))
            for key in {kind, "all", "direct+mixed" if kind != "indirect" else "indirect"}:
                if info:
                    pc = self.pairs[key]
                    if ok:
                        pc.tp += 1
                    else:
                        pc.fn += 1
                        if links.get(pq[p_i]):
                            pc.fp += 1  # a wrong speaker is a wrong pair
                if info and info.named:
                    self.named[key][1] += 1
                    self.named[key][0] += ok
            if ok:
                right_preds.add(p_i)
        # suggested quotes matching no gold quote: a wrong pair when they name a speaker, a false quote always
        for p_i, q in enumerate(pq):
            if p_i in pairs:
                continue
            kind = pkind[q] or "direct"
            self.quotes[kind].fp += 1
            if links.get(q):
                for key in {kind, "all", "direct+mixed" if kind != "indirect" else "indirect"}:
                    self.pairs[key].fp += 1


def _prf(c: Counts) -> str:
    p, r, f = c.prf()
    return f"{p:.2f} / {r:.2f} / **{f:.2f}**"


def report(sc: HeldoutScore, title: str) -> str:
    named = sc.named
    rows = [
        f"#### {title}",
        "",
        "| measure (overlap matching unless exact) | P / R / F1 |",
        "|---|---|",
        f"| direct/mixed quote | {_prf(sc.quotes['direct+mixed'])} |",
        f"| quote + speaker, all kinds (pronoun sources judged by whom they stand for) | {_prf(sc.pairs['all'])} |",
        f"| quote + speaker, direct/mixed | {_prf(sc.pairs['direct+mixed'])} |",
    ]
    for kind in KINDS:
        rows.append(f"| quote + speaker, {kind} | {_prf(sc.pairs[kind])} |")
    for key in ("all", *KINDS):
        right, found = named[key]
        acc = f"{right / found:.2f} ({right}/{found})" if found else "-"
        rows.append(f"| named-speaker accuracy, {key} (found quotes) | {acc} |")
    for kind in KINDS:
        c = sc.quotes[kind]
        rows.append(
            f"| {kind} quotes found (P: unmatched suggestions of that kind) | {_prf(c)} ({c.tp}/{c.tp + c.fn}) |"
        )
    for label in ("ACTOR", "FIGURE"):
        c = sc.labels[(label, False)]  # the counts too: a figure at a target's edge is read from them
        rows.append(f"| {label} | {_prf(c)} ({c.tp} tp, {c.fp} fp, {c.fn} fn; F1 {c.prf()[2]:.4f}) |")
        rows.append(f"| {label} exact | {_prf(sc.labels[(label, True)])} |")
    failing = ", ".join(sc.failures) if sc.failures else "none"
    rows.append(f"| documents failing | {len(sc.failures)} / {sc.docs} ({failing}) |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, *POOLS, "all"), default="all",
                        help="which held-out set, or 'new': sets 4-6 pooled (default: all sets, then the pools)")
    parser.add_argument("--model", default=None, help="model package or folder (default: as the app chooses)")
    parser.add_argument("--blank", action="store_true", help="also score blank:en (rules only)")
    args = parser.parse_args(argv)

    from annotator.nlp.pipeline import blank_pipeline, load_pipeline

    chosen = [*SETS, *POOLS] if args.set == "all" else [args.set]
    sets = [
        (load(SETS[key][0]), SETS[key][1]) if key in SETS
        else ([doc for part in POOLS[key][0] for doc in load(SETS[part][0])], POOLS[key][1])
        for key in chosen
    ]
    loaded = load_pipeline(args.model)
    pipelines = [loaded, blank_pipeline()] if args.blank else [loaded]
    for docs, title in sets:
        for p in pipelines:
            outs, secs = run_ours(p.nlp, list(docs), p.name)
            sc = HeldoutScore()
            for gold, out in zip(docs, outs, strict=True):
                sc.add(gold, out)
            print(report(sc, f"{title.format(n=len(docs))}, {p.name}, {secs:.1f} s"))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
