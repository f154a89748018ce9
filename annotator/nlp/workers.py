"""Suggesting in worker processes that stop when the caller stops.

spaCy's own ``nlp.pipe(n_process=N)`` joins its workers only after they have worked
through every batch already queued for them (a minute of work on news articles), and
its workers take Ctrl+C themselves and print tracebacks. Here the caller keeps control:
workers ignore Ctrl+C (the terminal sends it to the whole process group) and die on
SIGTERM, at most ``2 * n_process`` batches are queued, and when the caller stops
iterating (finished, Ctrl+C, SIGTERM turned into KeyboardInterrupt by the command line,
or an error while saving) the pool is terminated and joined before the exception goes on.
Nothing is lost by that: the caller saves each document as it comes back, and a
document whose result had not come back is simply suggested again on the next run.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.suggest import DocSuggestions, suggest_batch

_pipeline: LoadedPipeline | None = None  # the worker's pipeline (inherited when forked)


def _start_worker(pipeline: LoadedPipeline | None) -> None:
    global _pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: terminate() must kill
    if pipeline is not None:
        _pipeline = pipeline


def _work(batch: list[tuple[int, str]]) -> list[DocSuggestions]:
    assert _pipeline is not None
    return suggest_batch(_pipeline, batch)


def suggest_in_workers(
    pipeline: LoadedPipeline, docs: Iterable[tuple[int, str]], *, batch_size: int, n_process: int
) -> Iterator[DocSuggestions]:
    """:func:`annotator.nlp.suggest.suggest_many` with ``n_process`` worker processes, results in input order."""
    global _pipeline
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    context = multiprocessing.get_context("fork" if fork else "spawn")
    _pipeline = pipeline  # forked workers inherit it; spawned ones get it pickled
    iter_docs = iter(docs)
    batches = iter(lambda: list(islice(iter_docs, max(1, batch_size))), [])
    pool = context.Pool(n_process, initializer=_start_worker, initargs=(None if fork else pipeline,))
    try:
        pending: deque[AsyncResult[list[DocSuggestions]]] = deque()

        def submit() -> None:
            batch = next(batches, None)
            if batch is not None:
                pending.append(pool.apply_async(_work, (batch,)))

        for _ in range(2 * n_process):
            submit()
        while pending:
            results = pending.popleft().get()
            submit()
            yield from results
        pool.close()
    finally:
        pool.terminate()  # also after close(): workers that are still working are stopped now
        pool.join()
        _pipeline = None
