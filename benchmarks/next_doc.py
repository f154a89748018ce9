"""Which document next: a simulation of annotating the gold articles in random order versus teaching order.

    python -m benchmarks.next_doc [--seed-docs 6] [--batch 6] [--rounds 4] [--steps 200]

"Annotating" a document copies its gold spans. Both runs start from the same
random seed documents; after each round a model is trained on what has been
annotated (`annotator train`'s code, fixed steps) and scored on the same
held-out documents (20% by document hash). Random picks the next batch from a
shuffled list; teaching order picks the documents on which the just-trained
model and the rules + stock model disagree most (annotator.nlp.scoring.
teaching_order). Prints a table of mean F1 and F1 per label after each round
and writes a plot to benchmarks/results/next_doc.png (matplotlib, bench extra).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.io.training import Annotated, done_documents, is_held_out, train_model
from annotator.nlp import load_pipeline
from annotator.nlp.scoring import Scores, teaching_order
from annotator.nlp.train import LABELS
from benchmarks.train import gold_store, load

EVAL_SPLIT = 0.2


def mean_f1(scores: Scores) -> float:
    return sum(scores[label].f1 for label in LABELS) / len(LABELS)


def run(strategy: str, pool: list[Annotated], held_out: list[Annotated], seed_ids: list[int], args: argparse.Namespace,
        work: Path, stock: object) -> list[tuple[int, Scores]]:
    by_id = {doc.id: (doc, spans) for doc, spans in pool}
    annotated = list(seed_ids)
    shuffled = [d for d in random.Random(args.seed + 1).sample(sorted(by_id), len(by_id)) if d not in annotated]
    results: list[tuple[int, Scores]] = []
    for round_no in range(args.rounds + 1):
        docs = [by_id[i] for i in annotated] + held_out
        report = train_model(docs, work / f"{strategy}{round_no}", eval_split=EVAL_SPLIT, max_steps=args.steps,
                             with_baseline=False)
        results.append((len(annotated), report.trained))
        print(f"{strategy:>8} round {round_no}: {len(annotated)} docs, mean F1 {mean_f1(report.trained):.3f}"
              f" ({load()})", flush=True)
        if round_no == args.rounds:
            break
        rest = [i for i in by_id if i not in annotated]
        if strategy == "random":
            chosen = [i for i in shuffled if i in rest][: args.batch]
        else:
            assert report.result.model is not None
            trained = load_pipeline(str(report.result.model))
            order = teaching_order(trained, stock, [(i, by_id[i][0].text) for i in rest])  # type: ignore[arg-type]
            chosen = [i for i, _score in order[: args.batch]]
        annotated += chosen
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.next_doc", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed-docs", type=int, default=6)
    parser.add_argument("--batch", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="annotator-next-doc-") as tmp:
        work = Path(tmp)
        with gold_store(work / "gold.db") as store:
            docs = done_documents(store)
        held_out = [d for d in docs if is_held_out(d[0], EVAL_SPLIT)]
        pool = [d for d in docs if not is_held_out(d[0], EVAL_SPLIT)]
        seed_ids = random.Random(args.seed).sample(sorted(d.id for d, _ in pool), args.seed_docs)  # type: ignore[type-var]
        print(f"# next document: pool {len(pool)}, held out {len(held_out)}, {args.steps} steps a model; {load()}")
        stock = load_pipeline(None)
        curves = {s: run(s, pool, held_out, seed_ids, args, work, stock) for s in ("random", "teach")}
    print("\n| docs | random mean F1 | teach mean F1 | random A/F/Q | teach A/F/Q |")
    print("|---|---|---|---|---|")
    for (n, rs), (_n, ts) in zip(curves["random"], curves["teach"], strict=True):
        per = lambda s: "/".join(f"{s[label].f1:.2f}" for label in LABELS)  # noqa: E731
        print(f"| {n} | {mean_f1(rs):.3f} | {mean_f1(ts):.3f} | {per(rs)} | {per(ts)} |")
    plot = Path(__file__).resolve().parent / "results" / "next_doc.png"
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return 0
    plot.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(5, 3.2))
    for strategy, points in curves.items():
        ax.plot([n for n, _ in points], [mean_f1(s) for _, s in points], marker="o", label=strategy)
    ax.set_xlabel("documents annotated")
    ax.set_ylabel("mean F1, held-out documents")
    ax.legend()
    fig.tight_layout()
    fig.savefig(plot, dpi=100)
    print(f"plot: {plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
