"""One signal the whole GUI listens to: what a write changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dangjian_desktop.services import Changes, Workspace


class AppEvents(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace

    def publish(self, changes: Changes) -> None:
        self._workspace.note_changes(changes)
        self.changed.emit(changes)
