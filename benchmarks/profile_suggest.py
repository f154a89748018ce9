"""Where the suggest benchmark spends its CPU time, stage by stage, next to raw ``nlp.pipe``.

    python -m benchmarks.profile_suggest                  # 200 benchmark articles, 3 runs each, median CPU
    python -m benchmarks.profile_suggest --n 500 --repeat 5
    python -m benchmarks.profile_suggest --cprofile 30    # also: the 30 functions of ours that cost most

It runs the real path of ``benchmarks.speed``'s ``suggest`` row (``suggest_documents``
over a copy of the benchmark database, ``benchmarks._db.build_db``) with every stage
timed in place: reading the documents, the tokenizer and each pipeline component
(as ``nlp.pipe`` chains them, batch size included), ``spans_from_doc`` (span groups to
core spans), ``save_suggestions`` (SQLite), and whatever else ``suggest_documents``
does. Next to it the baseline, ``suggest_raw``: ``spacy.load`` of the same model and
plain ``nlp.pipe`` over the same texts. Times are CPU seconds of the process
(``time.process_time``), which other programs on the machine change far less than
wall-clock time; each run is its own process (a first pass over new text is what the
benchmark measures), figure and baseline alternate, and the table shows medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


class Clock:
    """Inclusive CPU and wall time of the ``next()`` calls on each wrapped iterator, by name."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self.order: list[str] = []

    def add(self, name: str, cpu: float, wall: float) -> None:
        if name not in self.cpu:
            self.order.append(name)
            self.cpu[name] = self.wall[name] = 0.0
        self.cpu[name] += cpu
        self.wall[name] += wall

    def iterate(self, name: str, items: Iterable[Any]) -> Iterator[Any]:
        it = iter(items)
        self.add(name, 0.0, 0.0)
        while True:
            c, w = time.process_time(), time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                self.add(name, time.process_time() - c, time.perf_counter() - w)
                return
            self.add(name, time.process_time() - c, time.perf_counter() - w)
            yield item

    def call(self, name: str, fn: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            c, w = time.process_time(), time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, time.process_time() - c, time.perf_counter() - w)

        return timed


def timed_pipe(nlp: Any, clock: Clock, source: str = "read") -> Any:
    """``nlp.pipe`` as spaCy runs it in one process, with a stage of ``clock`` around each step of the chain.

    Each stage's time is inclusive (pulling a doc through a component pulls it through
    the ones before): :func:`exclusive` takes the upstream part off.
    """
    from spacy.language import _pipe

    def pipe(texts: Iterable[Any], *, as_tuples: bool = False, batch_size: int | None = None, **_: Any) -> Any:
        contexts: deque[Any] = deque()

        def plain() -> Iterator[str]:
            for item in texts:
                if as_tuples:
                    text, context = item
                    contexts.append(context)
                    yield text
                else:
                    yield item

        docs = clock.iterate(source, plain())
        docs = clock.iterate("tokenizer", (nlp._ensure_doc(t) for t in docs))
        for name, proc in nlp.pipeline:
            kwargs = {"batch_size": batch_size or nlp.batch_size}
            steps = _pipe(docs, proc=proc, name=name, kwargs=kwargs, default_error_handler=nlp.default_error_handler)
            docs = clock.iterate(name, steps)
        for doc in docs:
            yield (doc, contexts.popleft()) if as_tuples else doc

    return pipe


def exclusive(clock: Clock, chain: list[str], d: dict[str, float]) -> dict[str, float]:
    out = {}
    before = 0.0
    for name in chain:
        out[name] = d[name] - before
        before = d[name]
    return out


def run_suggest(db: Path, cprofile: int) -> dict[str, Any]:
    """One run of the ``suggest`` benchmark case, every stage timed."""
    import annotator.nlp.suggest as suggest_module
    from annotator.nlp import load_pipeline
    from annotator.store import Store
    from annotator.work.suggesting import suggest_documents
    from benchmarks._cases import _tmp
    from benchmarks._db import copy_db

    store = Store.open(copy_db(db, _tmp()))
    pipeline = load_pipeline()
    clock = Clock()
    pipeline.nlp.pipe = timed_pipe(pipeline.nlp, clock)  # type: ignore[method-assign]
    suggest_module.spans_from_doc = clock.call("spans_from_doc", suggest_module.spans_from_doc)  # type: ignore[assignment]
    store.save_suggestions = clock.call("save_suggestions (SQLite)", store.save_suggestions)  # type: ignore[method-assign]
    profiler = None
    if cprofile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    c, w = time.process_time(), time.perf_counter()
    suggest_documents(store, pipeline)
    total_cpu, total_wall = time.process_time() - c, time.perf_counter() - w
    if profiler is not None:
        profiler.disable()
    chain = ["read", "tokenizer", *pipeline.nlp.pipe_names]
    cpu = exclusive(clock, chain, clock.cpu)
    wall = exclusive(clock, chain, clock.wall)
    for name in ("spans_from_doc", "save_suggestions (SQLite)"):
        cpu[name], wall[name] = clock.cpu[name], clock.wall[name]
    cpu["rest of suggest_documents"] = total_cpu - clock.cpu[chain[-1]] - sum(cpu[n] for n in cpu if n not in chain)
    wall["rest of suggest_documents"] = (
        total_wall - clock.wall[chain[-1]] - sum(wall[n] for n in wall if n not in chain)
    )
    out: dict[str, Any] = {"cpu": cpu, "wall": wall, "total_cpu": total_cpu, "total_wall": total_wall}
    if profiler is not None:
        out["profile"] = _top(profiler, cprofile)
    return out


def run_raw(db: Path) -> dict[str, Any]:
    """One run of the ``suggest_raw`` baseline: plain ``spacy.load`` and ``nlp.pipe``, every component timed."""
    import inspect
    import sqlite3

    import spacy

    from annotator.work.suggesting import suggest_documents
    from benchmarks._cases import _model_package

    texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM documents ORDER BY id")]
    nlp = spacy.load(_model_package())
    batch_size = inspect.signature(suggest_documents).parameters["batch_size"].default
    clock = Clock()
    pipe = timed_pipe(nlp, clock, source="texts")
    c, w = time.process_time(), time.perf_counter()
    n_ents = sum(len(doc.ents) for doc in pipe(texts, batch_size=batch_size))
    total_cpu, total_wall = time.process_time() - c, time.perf_counter() - w
    chain = ["texts", "tokenizer", *nlp.pipe_names]
    return {
        "cpu": exclusive(clock, chain, clock.cpu),
        "wall": exclusive(clock, chain, clock.wall),
        "total_cpu": total_cpu,
        "total_wall": total_wall,
        "ents": n_ents,
    }


def _top(profiler: Any, n: int) -> list[tuple[str, int, float, float]]:
    """The ``n`` functions of the annotator package with the most CPU time of their own."""
    import pstats

    stats = pstats.Stats(profiler)
    rows = []
    for (path, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore
        if "/annotator/" in path:
            rows.append((f"{Path(path).parent.name}/{Path(path).name}:{line} {func}", ncalls, tottime, cumtime))
    return sorted(rows, key=lambda r: -r[2])[:n]


def _child(kind: str, db: Path, cprofile: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.profile_suggest", "--child", kind, "--db", str(db)]
    if cprofile:
        cmd += ["--cprofile", str(cprofile)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table(suggest: list[dict[str, Any]], raw: list[dict[str, Any]]) -> str:
    def med(runs: list[dict[str, Any]], key: str, name: str | None = None) -> float:
        return statistics.median(r[key][name] if name else r[key] for r in runs)

    names = list(suggest[0]["cpu"])
    raw_names = list(raw[0]["cpu"])
    lines = [
        "| stage | suggest CPU s | raw nlp.pipe CPU s | suggest wall s |",
        "|---|---:|---:|---:|",
    ]
    for name in names + [n for n in raw_names if n not in names]:
        s = f"{med(suggest, 'cpu', name):.2f}" if name in names else "—"
        w = f"{med(suggest, 'wall', name):.2f}" if name in names else "—"
        r = f"{med(raw, 'cpu', name):.2f}" if name in raw_names else "—"
        lines.append(f"| {name} | {s} | {r} | {w} |")
    s_cpu, r_cpu = med(suggest, "total_cpu"), med(raw, "total_cpu")
    s_wall, r_wall = med(suggest, "total_wall"), med(raw, "total_wall")
    lines.append(f"| **total** | **{s_cpu:.2f}** | **{r_cpu:.2f}** | {s_wall:.2f} |")
    lines.append("")
    per_run = ", ".join(f"{a['total_cpu'] / b['total_cpu']:.3f}" for a, b in zip(suggest, raw, strict=False))
    lines.append(
        f"CPU ratio suggest / raw: {s_cpu / r_cpu:.3f} (median of {len(suggest)} runs each; per-run ratios {per_run});"
        f" wall-clock ratio {s_wall / r_wall:.3f}"
    )
    ours = ("annotator_paragraphs", "annotator_actors", "annotator_quotes", "annotator_figures")
    extra = sum(
        med(suggest, "cpu", n) for n in names if n in ours or n in ("spans_from_doc", "save_suggestions (SQLite)")
    )
    lines.append(f"our components + conversion + SQLite: {extra:.2f} s CPU")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profile_suggest", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="benchmark articles (the speed benchmark uses 500)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each, alternating (default 3)")
    ap.add_argument("--cprofile", type=int, default=0, metavar="N", help="also list the N costliest functions of ours")
    ap.add_argument("--json", metavar="FILE", help="also write every run as JSON")
    ap.add_argument("--child", choices=("suggest", "raw"), help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        result = run_suggest(args.db, args.cprofile) if args.child == "suggest" else run_raw(args.db)
        print(json.dumps(result))
        return 0

    from benchmarks import _db

    db = _db.build_db(args.n)
    suggest: list[dict[str, Any]] = []
    raw: list[dict[str, Any]] = []
    for k in range(args.repeat):
        print(f"run {k + 1}/{args.repeat} ...", file=sys.stderr, flush=True)
        suggest.append(_child("suggest", db, 0))
        raw.append(_child("raw", db, 0))
    profile = _child("suggest", db, args.cprofile)["profile"] if args.cprofile else []  # slower: not in the table
    print(f"\n{args.n} benchmark articles; CPU seconds (time.process_time), median of {args.repeat} runs\n")
    print(table(suggest, raw))
    if args.cprofile:
        print(
            f"\nThe {args.cprofile} functions of ours with the most CPU time of their own (cProfile, one more run):\n"
        )
        print("| function | calls | own s | with callees s |\n|---|---:|---:|---:|")
        for name, calls, own, cum in profile:
            print(f"| {name} | {calls} | {own:.3f} | {cum:.3f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"suggest": suggest, "raw": raw}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
