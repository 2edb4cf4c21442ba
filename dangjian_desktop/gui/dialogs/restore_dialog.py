"""恢复: choose one of the data file's backups."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.storage.backup import BackupInfo


def reason_label(reason: str) -> str:
    labels = {
        "auto": "自动",
        "exit": "退出时",
        "upgrade": "升级前",
        "manual": "手动",
        "restore": "恢复前",
    }
    return labels.get(reason, reason)


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从备份恢复"))
        self.resize(480, 360)
        hint = QLabel(
            self.tr(
                "选择要恢复的备份（按备份的先后排列，最新的在最上面）。"
                "恢复前会先把当前数据另存为一份“恢复前”备份，因此恢复操作本身也可以撤回。"
            ),
            self,
        )
        hint.setWordWrap(True)
        self.list = QListWidget(self)
        now = datetime.now()
        for info in backups:
            text = self.tr("{when}　{reason}　{size} KB").format(
                when=info.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                reason=self.tr(reason_label(info.reason)),
                size=max(1, info.size // 1024),
            )
            if info.dated_in_future(now):
                # The order is the backups' own sequence; the date is what a clock said.
                text += self.tr("　（日期晚于本机当前时间，本机时钟可能不准）")
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
        if backups:
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            self.tr("恢复所选备份"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None
