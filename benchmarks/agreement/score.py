"""Agreement of two annotators on a sample of the held-out sets of issue 11: the ceiling of any suggester there.

    python -m benchmarks.agreement.score [--doc SET-ID ...] [--diff]

Annotator A is the frozen set (``benchmarks/heldout*/`` as ``benchmarks.score_heldout`` loads it),
annotator B the blind second pass in ``benchmarks/agreement/ann/<set>-<id>.ann`` (sample and
selection rule in this folder's README). B is scored exactly as a suggester would be: its spans
and speaker links become a ``quality.ToolOutput`` and go through ``score_heldout.HeldoutScore``
(same one-to-one overlap matching, same quote + speaker and named-speaker rules). Then the roles
swap (B as reference, A as "tool"): F1 of plain spans barely moves, but quote + speaker and
named-speaker accuracy are not symmetric, so both directions are printed. Columns: each set, the two
Wikinews sets pooled ("sets 1+2"), and all sampled articles ("all") when set 3 (Global Voices) is in.

A side's speaker link is every name it accepts for the quote: the speaker's text, or for a pronoun
whom it stands for (and, where a report passes on a source's words, the reporter too), exactly the
names ``heldout_data`` gives the reference side. ``--diff`` lists the spans each side has alone and
the found quotes whose kind or speaker differ, for comparing by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from benchmarks import annfile
from benchmarks.heldout_data import HeldoutDoc, from_record, load
from benchmarks.quality import ToolOutput, match, speaker_ok
from benchmarks.score_heldout import KINDS, SETS, HeldoutScore

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
# set -> (folder, ids), picked by the rule in README.md: sorted ids, every 4th from the first
SAMPLE = {
    "1": ("heldout", ["babyninsky", "emergency", "karaj", "mahan", "monarch", "seaeye"]),
    "2": ("heldout2", ["abscbn", "boseman", "fairfield", "kamloops", "sanders", "streatham"]),
    "3": ("heldout3", ["adzan", "bieber", "gilani", "maydayvideos", "penguin"]),
}
# the sets of Wikinews articles (one house style, one convention): pooled in the "sets 1+2" column;
# set 3 (Global Voices, blog layouts, one annotator) stays a column of its own
WIKINEWS = ("1", "2")


def second_pass(set_key: str, doc_id: str) -> HeldoutDoc:
    """Annotator B's article, built from its ``.ann`` file against the set's text (offsets checked)."""
    folder = SAMPLE[set_key][0]
    text = (BENCH / folder / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
    ann = (HERE / "ann" / f"{folder}-{doc_id}.ann").read_text(encoding="utf-8")
    record = annfile.build_doc(doc_id, text, ann, url="", license="", source={})
    return from_record(record)


def frozen(set_key: str, ids: list[str]) -> list[HeldoutDoc]:
    """Annotator A's articles: the frozen set's records of ``ids``, in that order."""
    by_id = {d.id: d for d in load(SETS[set_key][0])}
    return [by_id[i] for i in ids]


def as_output(doc: HeldoutDoc) -> ToolOutput:
    """One annotator's article in the shape a suggester's output is scored in."""
    spans = [(s.start, s.end, s.label, s.kind) for s in doc.spans if s.label in ("ACTOR", "FIGURE", "QUOTE")]
    links = [(q, name) for q, info in doc.speaker_info.items() for name in info.names]
    return ToolOutput(spans, links)


def score(reference: list[HeldoutDoc], other: list[HeldoutDoc]) -> HeldoutScore:
    sc = HeldoutScore()
    for ref, oth in zip(reference, other, strict=True):
        assert ref.id == oth.id and ref.text == oth.text, ref.id
        sc.add(ref, as_output(oth))
    return sc


def _f1(sc: HeldoutScore, row: str) -> str:
    if row.startswith("named"):
        right, found = sc.named[row.split(":")[1]]
        return f"{right / found:.2f} ({right}/{found})" if found else "-"
    kind, _, key = row.partition(":")
    if kind == "label":
        c = sc.labels[(key.removesuffix(" exact"), key.endswith(" exact"))]
    else:
        c = {"quotes": sc.quotes, "pairs": sc.pairs}[kind][key]
    p, r, f = c.prf()
    return f"{p:.2f} / {r:.2f} / **{f:.2f}**"


ROWS = [
    ("direct/mixed quote", "quotes:direct+mixed"),
    ("quote + speaker, all kinds", "pairs:all"),
    ("quote + speaker, direct/mixed", "pairs:direct+mixed"),
    ("quote + speaker, indirect", "pairs:indirect"),
    ("named-speaker agreement, all (found quotes)", "named:all"),
    *[(f"{k} quotes found", f"quotes:{k}") for k in KINDS],
    ("ACTOR", "label:ACTOR"),
    ("FIGURE", "label:FIGURE"),
    ("ACTOR exact", "label:ACTOR exact"),
    ("FIGURE exact", "label:FIGURE exact"),
]


def table(scores: dict[str, HeldoutScore], title: str) -> str:
    cols = list(scores)
    rows = [f"#### {title}", "", "| measure (P / R / F1, overlap) | " + " | ".join(cols) + " |"]
    rows.append("|---|" + "---|" * len(cols))
    for name, key in ROWS:
        rows.append(f"| {name} | " + " | ".join(_f1(scores[c], key) for c in cols) + " |")
    return "\n".join(rows)


def diff(a: HeldoutDoc, b: HeldoutDoc) -> list[str]:
    """What A and B do not share in one article: spans alone, and found quotes differing in kind or speaker."""
    text, out = a.text, []

    def show(s: tuple[int, int]) -> str:
        return f"{s[0]}:{text[s[0] : s[1]][:90]!r}"

    for label in ("ACTOR", "FIGURE", "QUOTE"):
        ga = [(s.start, s.end) for s in a.spans if s.label == label]
        gb = [(s.start, s.end) for s in b.spans if s.label == label]
        _, pairs = match(ga, gb, False)
        matched_a = set(pairs.values())
        out += [f"{a.id} {label} A only {show(s)}" for i, s in enumerate(ga) if i not in matched_a]
        out += [f"{a.id} {label} B only {show(s)}" for i, s in enumerate(gb) if i not in pairs]
        for b_i, a_i in pairs.items():
            qa, qb = ga[a_i], gb[b_i]
            if label != "QUOTE":
                if qa != qb:
                    out.append(f"{a.id} {label} bounds A {show(qa)} B {show(qb)}")
                continue
            if a.kinds[qa] != b.kinds[qb]:
                out.append(f"{a.id} QUOTE kind A {a.kinds[qa]} B {b.kinds[qb]} {show(qa)}")
            if qa != qb:
                out.append(f"{a.id} QUOTE bounds A {show(qa)} B {show(qb)}")
            sa, sb = a.speaker_info.get(qa), b.speaker_info.get(qb)
            na, nb = (sa.names if sa else []), (sb.names if sb else [])
            if (na or nb) and not any(speaker_ok(w, na, False) for w in nb):
                out.append(f"{a.id} SPEAKER A {na} B {nb} {show(qa)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--doc", nargs="*", help="only these articles, as SET-ID (e.g. 1-karaj)")
    parser.add_argument("--diff", action="store_true", help="list the disagreements of each article")
    args = parser.parse_args(argv)
    wanted = set(args.doc or [])
    per_set: dict[str, tuple[list[HeldoutDoc], list[HeldoutDoc]]] = {}
    try:
        for key, (_folder, ids) in SAMPLE.items():
            ids = [i for i in ids if not wanted or f"{key}-{i}" in wanted]
            if ids:
                per_set[key] = (frozen(key, ids), [second_pass(key, i) for i in ids])
    except annfile.AnnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not per_set:
        print(f"error: no article of the sample matches {sorted(wanted)}", file=sys.stderr)
        return 1
    if args.diff:
        for a_docs, b_docs in per_set.values():
            for a, b in zip(a_docs, b_docs, strict=True):
                print("\n".join(diff(a, b)))
        return 0
    groups = {f"set {k}" + f" ({len(v[0])})": v for k, v in per_set.items()}
    wiki = [v for k, v in per_set.items() if k in WIKINEWS]
    if len(wiki) > 1:
        groups[f"sets 1+2 ({sum(len(v[0]) for v in wiki)})"] = (
            [d for v in wiki for d in v[0]],
            [d for v in wiki for d in v[1]],
        )
    if len(per_set) > 1 and len(per_set) > len(wiki):
        groups[f"all ({sum(len(v[0]) for v in per_set.values())})"] = (
            [d for v in per_set.values() for d in v[0]],
            [d for v in per_set.values() for d in v[1]],
        )
    print(table({c: score(a, b) for c, (a, b) in groups.items()}, "A (frozen) as reference, B (second pass) scored"))
    print()
    print(table({c: score(b, a) for c, (a, b) in groups.items()}, "B (second pass) as reference, A (frozen) scored"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
