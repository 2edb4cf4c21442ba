"""工作台: what needs doing now, and the health of the data file."""

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

from dangjian_desktop.domain.branch import TermStatus
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.messages import integrity_problem_text
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.storage.database import IntegrityReport

# How many of the check's problem lines the page shows (the log and the dialog have all).
SHOWN_PROBLEMS = 3


class DashboardView(TabView):
    """The tab shown first: the main window builds it at start (the other tabs wait)."""

    # The 数据文件 box offers the way out of a failed check; the main window acts on it.
    repair_requested = Signal()
    restore_requested = Signal()

    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, events, parent)
        self._report: IntegrityReport | None = None

    def build(self) -> None:
        self.term_label = QLabel(self)
        self.term_label.setWordWrap(True)
        self.members_label = QLabel(self)
        self.members_label.setWordWrap(True)
        self.pending_label = QLabel(
            self.tr("会议到期、阵地整改等提醒将随对应功能上线后在此显示。"), self
        )
        self.pending_label.setWordWrap(True)
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

        todo = QGroupBox(self.tr("待办提醒"), self)
        todo_layout = QVBoxLayout(todo)
        todo_layout.addWidget(self.term_label)
        todo_layout.addWidget(self.members_label)
        todo_layout.addWidget(self.pending_label)
        health = QGroupBox(self.tr("数据文件"), self)
        form = QFormLayout(health)
        check_box = QWidget(health)
        check_layout = QVBoxLayout(check_box)
        check_layout.setContentsMargins(0, 0, 0, 0)
        check_layout.addWidget(self.check_label)
        actions = QHBoxLayout()
        actions.addWidget(self.repair_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        check_layout.addLayout(actions)
        backup_box = QWidget(health)
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.setContentsMargins(0, 0, 0, 0)
        backup_layout.addWidget(self.backup_label)
        backup_layout.addWidget(self.clock_label)
        form.addRow(self.tr("位置"), self.file_label)
        form.addRow(self.tr("完整性检查"), check_box)
        form.addRow(self.tr("最近备份"), backup_box)

        layout = QVBoxLayout(self)
        layout.addWidget(todo)
        layout.addWidget(health)
        layout.addStretch(1)
        # Opening the file ran PRAGMA quick_check (a damaged file does not open); the full
        # check, which also compares indexes with their tables, follows in the background.
        self.show_checking(started=False)

    def wants(self, changes: Changes) -> bool:
        return changes.branch or changes.members or changes.backups or changes.data_file

    def update_for(self, changes: Changes) -> None:
        if changes.branch or changes.members or changes.data_file:
            self.refresh()
        else:  # a backup was taken: the reminders have not changed, the backup line has
            self._show_backup()

    def refresh(self) -> None:
        self.term_label.setText(self._term_text())
        self.members_label.setText(self._members_text())
        self.file_label.setText(str(self._ws.path))
        self._show_backup()

    # --- data file health ----------------------------------------------------------------
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
        self._report = report
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

    def _show_backup(self) -> None:
        newest = self._ws.newest_backup
        if newest is None:
            self.backup_label.setText(self.tr("尚无备份"))
            self.clock_label.hide()
            return
        self.backup_label.setText(newest.taken_at.strftime("%Y-%m-%d %H:%M"))
        if self._ws.clock_looks_wrong():
            self.clock_label.setText(
                self.tr(
                    "最近一份备份的时间（{when}）晚于本机当前时间（{now}），本机时钟可能不准。"
                    "请在 Windows 设置中校正日期和时间；备份按先后次序保存，不会因此丢失。"
                ).format(
                    when=newest.taken_at.strftime("%Y-%m-%d %H:%M"),
                    now=datetime.now().strftime("%Y-%m-%d %H:%M"),
                )
            )
            self.clock_label.show()
        else:
            self.clock_label.hide()

    def _members_text(self) -> str:
        reminders = self._ws.members.reminders()
        lines = []
        for due in reminders.probation_due:
            if due.days_left < 0:
                lines.append(
                    self.tr("预备党员 {name} 应于 {d} 转正，已超期 {n} 天，请及时讨论。").format(
                        name=due.member.name, d=due.due_date, n=-due.days_left
                    )
                )
            else:
                lines.append(
                    self.tr(
                        "预备党员 {name} 将于 {d} 预备期满（还有 {n} 天），请准备转正讨论。"
                    ).format(name=due.member.name, d=due.due_date, n=due.days_left)
                )
        for lost in reminders.lost_contact:
            since = lost.since.isoformat() if lost.since else self.tr("日期未填")
            text = self.tr("党员 {name} 失去联系（自 {since}）。").format(
                name=lost.member.name, since=since
            )
            if lost.review_due:
                text += self.tr("已超过6个月，请按规定研究是否停止党籍。")
            lines.append(text)
        if not lines:
            return self.tr("党员：暂无转正到期或失联提醒。")
        return "\n".join(lines)

    def _term_text(self) -> str:
        reminder = self._ws.branch.term_reminder()
        if reminder.status is TermStatus.UNKNOWN:
            return self.tr("换届提醒：尚未填写本届支委会选举日期（在“支部信息”中填写）。")
        ends = reminder.ends_on.isoformat()
        if reminder.status is TermStatus.OVERDUE:
            return self.tr(
                "换届提醒：本届支委会任期已于 {d} 届满，已超期 {n} 天，"
                "请及时组织换届选举或报上级党组织批准延期。"
            ).format(d=ends, n=-reminder.days_left)
        if reminder.status is TermStatus.DUE_SOON:
            return self.tr(
                "换届提醒：本届支委会任期将于 {d} 届满（还有 {n} 天），请着手准备换届。"
            ).format(d=ends, n=reminder.days_left)
        return self.tr("本届支委会任期至 {d}，暂无换届提醒。").format(d=ends)
