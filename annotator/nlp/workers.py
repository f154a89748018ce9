"""Batches in worker processes that stop when the caller stops (what ``suggest --processes N`` runs).

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
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# What each worker holds (a loaded pipeline) and the function it runs on a batch with it: set in the parent
# before the pool starts (forked workers inherit them) or by the initializer (spawned ones get them pickled).
_payload: Any = None
_work_fn: Callable[[Any, list[Any]], list[Any]] | None = None


def _start_worker(payload: Any, work: Callable[[Any, list[Any]], list[Any]] | None) -> None:
    global _payload, _work_fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: terminate() must kill
    if work is not None:
        _payload, _work_fn = payload, work


def _work(batch: list[Any]) -> list[Any]:
    assert _work_fn is not None
    return _work_fn(_payload, batch)


def run_in_workers(
    work: Callable[[Any, list[Item]], list[Result]], payload: Any, items: Iterable[Item], *,
    batch_size: int, n_process: int,
) -> Iterator[Result]:
    """``work(payload, batch)`` on batches of ``items`` in ``n_process`` worker processes, results in input order.

    ``work`` must be a module-level function (spawned workers import it by name).
    """
    global _payload, _work_fn
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    context = multiprocessing.get_context("fork" if fork else "spawn")
    _payload, _work_fn = payload, work  # forked workers inherit them
    iter_items = iter(items)
    batches = iter(lambda: list(islice(iter_items, max(1, batch_size))), [])
    initargs = (None, None) if fork else (payload, work)
    pool = context.Pool(n_process, initializer=_start_worker, initargs=initargs)
    try:
        pending: deque[AsyncResult[list[Result]]] = deque()

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
        _payload, _work_fn = None, None
