"""Progress reporting for long work: exports, imports, reports (STYLE.md §5).

Exporters are plain functions taking `progress(done, total) -> bool`; returning False (the
value itself: a callback that returns None keeps going) asks them to stop, and they then
raise `Cancelled` after removing anything half-written. The GUI runs them off its thread
and turns the callback into a progress dialog.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], bool]

# How many rows between two callbacks: often enough for a smooth bar and a prompt cancel,
# rarely enough that the callback (a signal across threads in the GUI) costs nothing.
DEFAULT_EVERY = 200


class Cancelled(Exception):
    """The user cancelled a long operation through its progress callback."""


class ProgressTicker:
    """Calls `progress` every `every` steps and at the end; raises Cancelled on False."""

    __slots__ = ("_every", "_next", "_progress", "total")

    def __init__(self, progress: Progress | None, total: int, every: int = DEFAULT_EVERY):
        self._progress = progress
        self.total = total
        self._every = max(1, every)
        self._next = 0 if progress is not None else total + 1

    def report(self, done: int) -> None:
        """Report `done` steps if a tick is due (cheap when it is not)."""
        if done >= self._next:
            self._next = done + self._every
            self.force(done)

    def force(self, done: int) -> None:
        if self._progress is not None and self._progress(done, self.total) is False:
            raise Cancelled
