"""工作台: what needs doing now, and the health of the data file."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.branch import TermStatus
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.services import Changes, Workspace


class DashboardView(QWidget):
    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
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
        self.backup_label = QLabel(self)

        todo = QGroupBox(self.tr("待办提醒"), self)
        todo_layout = QVBoxLayout(todo)
        todo_layout.addWidget(self.term_label)
        todo_layout.addWidget(self.members_label)
        todo_layout.addWidget(self.pending_label)
        health = QGroupBox(self.tr("数据文件"), self)
        form = QFormLayout(health)
        form.addRow(self.tr("位置"), self.file_label)
        form.addRow(self.tr("完整性检查"), self.check_label)
        form.addRow(self.tr("最近备份"), self.backup_label)

        layout = QVBoxLayout(self)
        layout.addWidget(todo)
        layout.addWidget(health)
        layout.addStretch(1)
        # Opening the file ran PRAGMA quick_check already (a damaged file does not open):
        # no second pass over the whole file at start-up.
        self.check_label.setText(self.tr("正常（打开时已检查）"))
        self.refresh()
        events.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        self.refresh(check=changes.data_file)

    def refresh(self, check: bool = False) -> None:
        self.term_label.setText(self._term_text())
        self.members_label.setText(self._members_text())
        self.file_label.setText(str(self._ws.path))
        if check:
            result = self._ws.quick_check()
            self.check_label.setText(
                self.tr("正常")
                if result == ["ok"]
                else self.tr("发现问题：{r}").format(r="; ".join(result))
            )
        last = self._ws.last_backup
        self.backup_label.setText(last.strftime("%Y-%m-%d %H:%M") if last else self.tr("尚无备份"))

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
