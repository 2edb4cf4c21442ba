"""One signal the whole GUI listens to: what a write changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dangjian_desktop.services import Changes


class AppEvents(QObject):
    changed = Signal(object)  # Changes

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
