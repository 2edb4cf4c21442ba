"""A progress dialog that appears only when work takes longer than about half a second."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 500


class DelayedProgress:
    def __init__(self, parent: QWidget, label: str, task) -> None:
        self.dialog = QProgressDialog(label, parent.tr("取消"), 0, 0, parent)
        self.dialog.setWindowTitle(parent.tr("请稍候"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(1 << 30)  # shown by our timer, not by setValue()
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(task.cancel)
        task.signals.progressed.connect(self.update)
        self._done = False
        self.was_shown = False
        QTimer.singleShot(SHOW_AFTER_MS, self._show_if_running)

    def _show_if_running(self) -> None:
        if not self._done:
            self.was_shown = True
            self.dialog.show()

    def update(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def close(self) -> None:
        self._done = True
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()
