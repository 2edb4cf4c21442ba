"""A first run that teaches: on an empty data file the 工作台 opens on three steps
(填写支部信息 → 导入或录入党员 → 计划本季度会议), each a button, each ticked off from the
data as it is done; and 打开示例数据 for a look around first (issue 11 item 2)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

BRANCH, MEMBERS, IMPORT, PLAN = "branch", "members", "import", "plan"


@dataclass(frozen=True)
class FirstRunState:
    """What the checklist ticks, read from the data."""

    branch_named: bool
    members: int
    meetings_this_quarter: int

    @property
    def empty(self) -> bool:
        """A new file: no branch name and nobody on the roster."""
        return not self.branch_named and self.members == 0

    @property
    def steps_done(self) -> tuple[bool, bool, bool]:
        return self.branch_named, self.members > 0, self.meetings_this_quarter > 0


class FirstRunBox(QGroupBox):
    step_requested = Signal(str)  # BRANCH, MEMBERS, IMPORT or PLAN
    demo_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self.setTitle(self.tr("开始使用：三步建好本支部的台账"))
        intro = QLabel(
            self.tr(
                "这是一个新的数据文件。按下面三步填好基础信息，工作台就会按规定提醒"
                "应开的会议、转正和换届。每完成一步，这里会自动打勾。"
            ),
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.status_labels: list[QLabel] = []
        self.step_buttons: list[QPushButton] = []
        steps = (
            (
                self.tr("第一步：填写支部信息（名称、支委会、党小组）"),
                self.tr("填写支部信息"),
                BRANCH,
            ),
            (self.tr("第二步：导入或录入党员"), self.tr("导入花名册…"), IMPORT),
            (self.tr("第三步：计划本季度会议"), self.tr("计划本季度会议…"), PLAN),
        )
        for row, (text, button_text, step) in enumerate(steps):
            status = QLabel(self)
            label = QLabel(text, self)
            button = QPushButton(button_text, self)
            button.clicked.connect(lambda _c=False, step=step: self.step_requested.emit(step))
            grid.addWidget(status, row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.status_labels.append(status)
            self.step_buttons.append(button)
        self.add_member_button = QPushButton(self.tr("逐个录入…"), self)
        self.add_member_button.clicked.connect(lambda: self.step_requested.emit(MEMBERS))
        grid.addWidget(self.add_member_button, 1, 3)
        grid.setColumnStretch(1, 1)
        self.demo_button = QPushButton(self.tr("打开示例数据"), self)
        self.demo_button.setObjectName("openDemo")
        self.demo_button.setToolTip(
            self.tr("在新窗口中打开一份示例支部的临时副本，随意查看和试用；关闭后删除。")
        )
        self.demo_button.clicked.connect(self.demo_requested)
        self.hide_button = QPushButton(self.tr("不再显示"), self)
        self.hide_button.clicked.connect(self.dismissed)
        demo_row = QHBoxLayout()
        demo_row.addWidget(QLabel(self.tr("想先看看填好数据后的样子？"), self))
        demo_row.addWidget(self.demo_button)
        demo_row.addStretch(1)
        demo_row.addWidget(self.hide_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(demo_row)
        self.set_state(FirstRunState(False, 0, 0))

    def set_state(self, state: FirstRunState) -> None:
        for label, done in zip(self.status_labels, state.steps_done, strict=True):
            label.setText(self.tr("☑ 已完成") if done else self.tr("☐ 未完成"))
            label.setStyleSheet("color: #1e7e34;" if done else "color: #6b7280;")

    def done_steps(self) -> tuple[bool, ...]:
        return tuple(label.text().endswith(self.tr("已完成")) for label in self.status_labels)
