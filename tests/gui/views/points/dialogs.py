"""The 积分 export dialog runs its own event loop: a test answers it once it is open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dangjian_desktop.gui.point_export_actions import PointExportDialog


def answer_dialog(fill: Callable[[PointExportDialog], None]) -> None:
    """Once the export dialog is open, `fill` it (and press its buttons)."""

    def find() -> None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PointExportDialog) and w.isVisible()
        ]
        if not found:
            QTimer.singleShot(20, find)
            return
        fill(found[0])

    QTimer.singleShot(0, find)
