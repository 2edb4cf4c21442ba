"""The 工作台's 数据文件 box: where the file is, the full check's result with its way out
(重建索引 / 从备份恢复), the newest backup and a clock that looks wrong."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.messages import integrity_problem_text
from dangjian_desktop.services import Workspace
from dangjian_desktop.storage.database import IntegrityReport

# How many of the check's problem lines the box shows (the log and the dialog have all).
SHOWN_PROBLEMS = 3


class HealthBox(QGroupBox):
    repair_requested = Signal()
    restore_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("数据文件"))
        self._ws = workspace
        self.report: IntegrityReport | None = None
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.check_label = QLabel(self)
        self.check_label.setWordWrap(True)
        self.repair_button = QPushButton(self.tr("重建索引（修复）"), self)
        self.repair_button.setToolTip(
            self.tr("索引只是表格数据的目录，可以从数据重新生成；不会改动任何记录。")
        )
        self.repair_button.clicked.connect(self.repair_requested)
        self.restore_button = QPushButton(self.tr("从备份恢复…"), self)
        self.restore_button.clicked.connect(self.restore_requested)
        self.backup_label = QLabel(self)
        self.backup_label.setWordWrap(True)
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("errorText")
        self.clock_label.setWordWrap(True)

        form = QFormLayout(self)
        check_box = QWidget(self)
        check_layout = QVBoxLayout(check_box)
        check_layout.setContentsMargins(0, 0, 0, 0)
        check_layout.addWidget(self.check_label)
        actions = QHBoxLayout()
        actions.addWidget(self.repair_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        check_layout.addLayout(actions)
        backup_box = QWidget(self)
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.setContentsMargins(0, 0, 0, 0)
        backup_layout.addWidget(self.backup_label)
        backup_layout.addWidget(self.clock_label)
        form.addRow(self.tr("位置"), self.file_label)
        form.addRow(self.tr("完整性检查"), check_box)
        form.addRow(self.tr("最近备份"), backup_box)
        # Opening the file ran PRAGMA quick_check (a damaged file does not open); the full
        # check, which also compares indexes with their tables, follows in the background.
        self.show_checking(started=False)

    def refresh(self) -> None:
        self.file_label.setText(str(self._ws.path))
        self.show_backup()

    def show_checking(self, started: bool = True) -> None:
        self._set_check_state(
            self.tr("正在进行完整检查…")
            if started
            else self.tr("打开时的快速检查正常；完整检查稍后在后台进行。"),
            failed=False,
        )
        self.repair_button.hide()
        self.restore_button.hide()

    def show_integrity(self, report: IntegrityReport, when: datetime | None = None) -> None:
        self.report = report
        when_text = (when or datetime.now()).strftime("%H:%M")
        if report.ok:
            self._set_check_state(
                self.tr("正常（完整检查于 {when}）").format(when=when_text), failed=False
            )
        else:
            shown = "\n".join(integrity_problem_text(p) for p in report.problems[:SHOWN_PROBLEMS])
            more = len(report.problems) - SHOWN_PROBLEMS
            if more > 0:
                shown += self.tr("\n……另有 {n} 处").format(n=more)
            advice = (
                self.tr("只有索引有误，数据本身完好：点“重建索引”即可修复。")
                if report.index_only
                else self.tr("请从最近的完好备份恢复。")
            )
            self._set_check_state(
                self.tr("发现问题（完整检查于 {when}）：\n{problems}\n{advice}").format(
                    when=when_text, problems=shown, advice=advice
                ),
                failed=True,
            )
        self.repair_button.setVisible(not report.ok and report.index_only)
        self.restore_button.setVisible(not report.ok)

    def show_check_failed(self, text: str) -> None:
        """The check itself could not run (e.g. the stick went away): say so, not "正常"."""
        self._set_check_state(self.tr("未能完成完整检查：{text}").format(text=text), failed=True)
        self.repair_button.hide()
        self.restore_button.hide()

    def _set_check_state(self, text: str, failed: bool) -> None:
        self.check_label.setText(text)
        self.check_label.setObjectName("errorText" if failed else "")
        self.check_label.style().unpolish(self.check_label)  # the style sheet keys on the name
        self.check_label.style().polish(self.check_label)

    def show_backup(self) -> None:
        newest = self._ws.newest_backup
        if newest is None:
            self.backup_label.setText(self.tr("尚无备份"))
            self.clock_label.hide()
            return
        age = (datetime.now() - newest.taken_at).days
        when = newest.taken_at.strftime("%Y-%m-%d %H:%M")
        self.backup_label.setText(
            when if age <= 0 else self.tr("{when}（{n} 天前）").format(when=when, n=age)
        )
        if self._ws.clock_looks_wrong():
            self.clock_label.setText(
                self.tr(
                    "最近一份备份的时间（{when}）晚于本机当前时间（{now}），本机时钟可能不准。"
                    "请在 Windows 设置中校正日期和时间；备份按先后次序保存，不会因此丢失。"
                ).format(when=when, now=datetime.now().strftime("%Y-%m-%d %H:%M"))
            )
            self.clock_label.show()
        else:
            self.clock_label.hide()
