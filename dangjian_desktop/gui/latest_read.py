"""One background read at a time for a view, its latest answer shown (the 工作台's pattern,
gui/views/dashboard/view.py, for any page).

`request()` starts a read off the GUI thread; the page keeps what it shows until the answer
arrives. A request during a read makes one more read after it, and only that one's answer is
delivered (the data or the page's choices changed while reading: the first answer may be
stale). The read is built on the GUI thread (`prepare()` captures the year, the period …)
and runs in the pool; answers and errors come back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QWidget

from dangjian_desktop.gui.tasks import run_in_background


class LatestRead:
    def __init__(
        self,
        owner: QWidget,
        prepare: Callable[[], Callable[[], object]],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._owner = owner
        self._prepare = prepare
        self._on_done = on_done
        self._on_error = on_error
        self.reading = False
        self._again = False
        self.reads = 0  # answers delivered (tests wait on it)
        self.task = None

    def request(self) -> None:
        if self.reading:
            self._again = True
            return
        self.reading = True
        self._again = False
        read = self._prepare()
        self.task = run_in_background(lambda _progress: read(), self._done, self._failed)

    def _finish(self) -> bool:
        """False when the answer is not to be delivered (owner gone, or read again)."""
        if not shiboken6.isValid(self._owner):
            return False
        self.reading = False
        if self._again:
            self.request()
            return False
        return True

    def _done(self, value: object) -> None:
        if self._finish():
            self.reads += 1
            self._on_done(value)

    def _failed(self, exc: BaseException) -> None:
        if self._finish():
            self._on_error(exc)
