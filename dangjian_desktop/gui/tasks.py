"""Long work off the GUI thread: one helper, results delivered on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class BackgroundTask(QRunnable):
    """Runs fn(progress) in the pool. progress(done, total) -> bool returns False once the
    user cancelled, which the exporters and importers turn into `Cancelled`."""

    def __init__(self, fn: Callable[[Callable[[int, int], bool]], object]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._fn = fn
        self._cancelled = threading.Event()
        self.setAutoDelete(False)  # the caller keeps it until a signal arrives

    def cancel(self) -> None:
        self._cancelled.set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except BaseException as exc:  # delivered to the GUI thread, which words it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[BackgroundTask] = set()


def run_in_background(
    fn,
    on_done: Callable[[object], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> BackgroundTask:
    task = BackgroundTask(fn)
    _running.add(task)

    def finish(callback, value) -> None:
        _running.discard(task)
        callback(value)

    task.signals.finished.connect(lambda value: finish(on_done, value))
    task.signals.failed.connect(lambda exc: finish(on_error, exc))
    if on_progress is not None:
        task.signals.progressed.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_tasks(timeout_ms: int = 30_000) -> bool:
    """For shutdown and tests: wait until background work has finished."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
