"""What every service shares: where the engine is, what today is, whom to tell of writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.engine import Engine

from dangjian_desktop.services.changes import Changes


class Service:
    def __init__(
        self,
        engine: Callable[[], Engine],
        today: Callable[[], date],
        on_write: Callable[[Changes], None],
    ) -> None:
        self._engine = engine  # a callable: a restore replaces the engine under us
        self._today = today
        self._on_write = on_write  # the workspace learns of every write (backups)

    def _report(self, changes: Changes) -> Changes:
        """Tell the workspace what a committed write changed, and return it."""
        self._on_write(changes)
        return changes
