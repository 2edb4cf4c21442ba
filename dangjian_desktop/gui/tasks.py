"""Long work off the GUI thread: one helper, results delivered on the GUI thread.

`run_with_progress` is what views call: the work runs in a pool, a progress dialog appears
only if it takes longer than about half a second, Cancel reaches the work through its
progress callback, and errors are worded like every other error. Writes go to a pool of one
thread (Anki's taskman uses one worker for the collection), so two background writes never
compete for the data file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from dangjian_desktop.progress import Cancelled, Progress


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class BackgroundTask(QRunnable):
    """Runs fn(progress) in the pool. progress(done, total) -> bool returns False once the
    user cancelled, which the exporters and importers turn into `Cancelled`."""

    def __init__(self, fn: Callable[[Progress], object]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._fn = fn
        self._cancelled = threading.Event()
        self.progress = None  # the DelayedProgress watching this task, if any
        self.setAutoDelete(False)  # the caller keeps it until a signal arrives

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except BaseException as exc:  # delivered to the GUI thread, which words it
            if not _shut_down:
                self.signals.failed.emit(exc)
        else:
            if not _shut_down:
                self.signals.finished.emit(result)


_running: set[BackgroundTask] = set()
_write_pool: QThreadPool | None = None
# Set once the event loop has ended (app.main): no task starts or reports any more. A read
# that a late signal started as the window closed would otherwise still be running while
# Python tears the QApplication down, and its answer, delivered then, built a widget
# without an application: Qt aborts the program (exit code -6, no exit backup).
_shut_down = False


def write_pool() -> QThreadPool:
    """One thread for background writes: they queue instead of competing for the file."""
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
    return _write_pool


def _start(
    task: BackgroundTask,
    on_done: Callable[[object], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None,
    writes: bool,
) -> BackgroundTask:
    if _shut_down:
        return task  # the program is ending: the work is not started, nobody is told
    _running.add(task)

    def finish(callback, value) -> None:
        _running.discard(task)
        if not _shut_down:
            callback(value)

    task.signals.finished.connect(lambda value: finish(on_done, value))
    task.signals.failed.connect(lambda exc: finish(on_error, exc))
    if on_progress is not None:
        task.signals.progressed.connect(on_progress)
    (write_pool() if writes else QThreadPool.globalInstance()).start(task)
    return task


def run_in_background(
    fn,
    on_done: Callable[[object], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    *,
    writes: bool = False,
) -> BackgroundTask:
    return _start(BackgroundTask(fn), on_done, on_error, on_progress, writes)


def run_with_progress(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], object],
    on_done: Callable[[object], None],
    *,
    error_title: str,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    writes: bool = False,
) -> BackgroundTask:
    """Run work(progress) off the GUI thread behind a delayed progress dialog with Cancel.

    The dialog exists before the work starts, so no progress is missed, and it is closed on
    every way out. A cancelled run calls `on_cancel` (if given) and nothing else; an error
    goes to `on_error`, or is shown with the usual Chinese wording under `error_title`."""
    from dangjian_desktop.gui import errors
    from dangjian_desktop.gui.progress import DelayedProgress

    task = BackgroundTask(work)
    task.progress = DelayedProgress(parent, label, task)

    def done(value) -> None:
        task.progress.close()
        on_done(value)

    def failed(exc: BaseException) -> None:
        task.progress.close()
        if isinstance(exc, Cancelled):
            if on_cancel is not None:
                on_cancel()
        elif on_error is not None:
            on_error(exc)
        else:
            errors.show_error(parent, error_title, exc)

    return _start(task, done, failed, None, writes)


def shut_down(timeout_ms: int = 30_000) -> bool:
    """After the event loop, before the data file closes: running work is cancelled (it
    stops at its next progress step) and waited for; from now on no work starts and no
    answer is delivered. False when the work did not end within `timeout_ms`."""
    global _shut_down
    _shut_down = True
    for task in list(_running):
        task.cancel()
    _running.clear()
    return wait_for_tasks(timeout_ms)


def reopen() -> None:
    """A new event loop in this process (app.main run again, tests): work runs again."""
    global _shut_down
    _shut_down = False


def wait_for_tasks(timeout_ms: int = 30_000) -> bool:
    """For shutdown and tests: wait until background work has finished."""
    reads_done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    writes_done = _write_pool.waitForDone(timeout_ms) if _write_pool is not None else True
    return reads_done and writes_done
