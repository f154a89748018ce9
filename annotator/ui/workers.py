"""The one way to run work off the UI thread.

:meth:`TaskRunner.run` takes a plain function ``fn(progress, cancelled)`` and
always hands back exactly one of ``done(result)`` or ``failed(exception)`` on
the UI thread, plus ``progress(done, total)`` along the way. Work functions
never touch widgets or the window's Store connection: they open their own.
With ``synchronous=True`` (tests) the function runs at once on the calling
thread, so a test needs no waiting and leaves no thread behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypedDict, Unpack

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.core.progress import Cancel, Progress

WorkFn = Callable[[Progress, Cancel], Any]
"""Work to run off the UI thread: ``fn(progress, cancelled)`` returns the result or raises."""


class Cancelled(Exception):
    """Raised by work that noticed it was cancelled."""


class Task(QObject):
    """One piece of background work; its signals arrive on the UI thread."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()  # after done or failed

    def __init__(self, name: str, fn: WorkFn) -> None:
        super().__init__()
        self.name = name
        self._fn = fn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def execute(self) -> None:
        """Run the work here and now; emits exactly one of done/failed, then finished."""
        try:
            result = self._fn(self.progress.emit, self._cancel.is_set)
        except BaseException as exc:  # handed to the UI thread's one error path, never lost
            self.failed.emit(exc)
        else:
            self.done.emit(result)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.execute()


class Callbacks(TypedDict, total=False):
    """Where a task's outcome goes (each on the main thread)."""

    on_done: Callable[[Any], None] | None
    on_failed: Callable[[BaseException], None] | None
    on_progress: Progress | None


class TaskRunner(QObject):
    """Runs tasks on a private thread pool (or synchronously in tests) and keeps them alive until finished."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._tasks: list[Task] = []

    @property
    def tasks(self) -> list[Task]:
        return list(self._tasks)

    def run(self, name: str, fn: WorkFn, **callbacks: Unpack[Callbacks]) -> Task:
        """Create a task and start it at once."""
        task = self.create(name, fn, **callbacks)
        self.start(task)
        return task

    def create(
        self,
        name: str,
        fn: WorkFn,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Progress | None = None,
    ) -> Task:
        """A task not started yet: the caller can keep it before it runs (and, synchronously, ends)."""
        task = Task(name, fn)
        if on_done is not None:
            task.done.connect(on_done)
        if on_failed is not None:
            task.failed.connect(on_failed)
        if on_progress is not None:
            task.progress.connect(on_progress)
        return task

    def start(self, task: Task) -> None:
        task.finished.connect(lambda: self._finished(task))
        self._tasks.append(task)
        self.busy_changed.emit(True)
        if self.synchronous:
            task.execute()
        else:
            self._pool.start(_Runnable(task))

    def _finished(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if not self._tasks:
            self.busy_changed.emit(False)

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def active_threads(self) -> int:
        return self._pool.activeThreadCount()

    def wait(self, msecs: int = -1) -> bool:
        """Cancel nothing, wait for running work (closing the window, end of a test)."""
        return self._pool.waitForDone(msecs)
