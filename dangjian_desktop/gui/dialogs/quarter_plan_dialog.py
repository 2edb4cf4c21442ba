"""季度计划: the quarter's required meetings from the compliance calendar (frequency table,
党小组 by 党小组) as one list, each with a date and a topic to edit; 生成计划 creates all the
ticked ones as 计划 in one action (ws.meetings.plan: one transaction, one audit row).
Requirements already held or planned in the quarter are left off the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.domain.meeting_calendar import CalendarCell, CalendarRow
from dangjian_desktop.domain.meetings import Meeting, MeetingType, Period
from dangjian_desktop.export.labels import IN_GROUP, MEETING_TYPE
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.widgets.date_field import DateField, error_message
from dangjian_desktop.messages import field_name
from dangjian_desktop.services import Workspace

USE, TYPE, PERIOD, DATE, TOPIC = range(5)
QUARTER_WORDS = ("一", "二", "三", "四")


@dataclass(frozen=True)
class PlanLine:
    """One required meeting of the quarter not yet held or planned."""

    type: MeetingType
    party_group_id: int | None
    group_name: str
    start: date
    end: date
    suggested: date
    topic: str


def quarter_lines(rows: list[CalendarRow], year: int, quarter: int, today: date) -> list[PlanLine]:
    """The quarter's open requirements: every cell of a month, the quarter or the year that
    falls in it (a yearly one once, in the quarter chosen), less the held and planned."""
    q_start = date(year, 3 * quarter - 2, 1)
    q_end = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(
        1
    )
    lines = []
    for row in rows:
        for cell in row.cells:
            if cell.end < q_start or cell.start > q_end:
                continue
            if row.rule.period is Period.YEAR and quarter != 4:
                # A yearly meeting is listed in the fourth quarter (组织生活会, 民主评议 are
                # held at the year's end) unless it was planned earlier by hand.
                continue
            missing = cell.required - len(cell.held) - len(cell.planned)
            for _ in range(max(missing, 0)):
                lines.append(
                    _line(row, cell, max(q_start, cell.start), min(q_end, cell.end), today)
                )
    return lines


def _line(row: CalendarRow, cell: CalendarCell, start: date, end: date, today: date) -> PlanLine:
    kind = row.rule.type
    day = min(start + timedelta(days=14), end)
    if day < today <= end:
        day = today
    name = MEETING_TYPE[kind]
    if row.group_name:
        name = IN_GROUP.format(type=name, group=row.group_name)
    if row.rule.period is Period.MONTH:
        topic = f"{start.year}年{start.month}月{name}"
    elif row.rule.period is Period.QUARTER:
        topic = f"{start.year}年第{QUARTER_WORDS[(start.month - 1) // 3]}季度{name}"
    else:
        topic = f"{start.year}年度{name}"
    return PlanLine(kind, row.party_group_id, row.group_name, start, end, day, topic)


class QuarterPlanDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        events: AppEvents,
        parent: QWidget | None = None,
        today=date.today,
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._events = events
        self._today = today
        self.lines: list[PlanLine] = []
        self.created: list[int] = []
        self.setWindowTitle(self.tr("季度会议计划"))
        self.resize(820, 480)
        now = today()
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(now.year)
        self.year.setSuffix(self.tr(" 年"))
        self.quarter = QComboBox(self)
        for q in range(1, 5):
            self.quarter.addItem(self.tr("第{q}季度").format(q=QUARTER_WORDS[q - 1]), q)
        self.quarter.setCurrentIndex((now.month - 1) // 3)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("列入"),
                self.tr("会议类型"),
                self.tr("期限"),
                self.tr("日期"),
                self.tr("会议主题"),
            ]
        )
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for column, width in ((USE, 44), (TYPE, 190), (PERIOD, 170), (DATE, 142)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(TOPIC, QHeaderView.ResizeMode.Stretch)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.errors = QLabel(self)
        self.errors.setObjectName("errorText")
        self.errors.setWordWrap(True)
        self.errors.hide()
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(
            self.tr("生成计划"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("计划期间"), self))
        top.addWidget(self.year)
        top.addWidget(self.quarter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.year.valueChanged.connect(self.reload)
        self.quarter.currentIndexChanged.connect(self.reload)
        self.reload()

    def reload(self, *_args) -> None:
        year, quarter = self.year.value(), self.quarter.currentData()
        rows = self._ws.meetings.calendar(year)
        self.lines = quarter_lines(rows, year, quarter, self._today())
        self.table.setRowCount(0)  # the previous quarter's row widgets go with their rows
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            use = QCheckBox(self.table)
            use.setChecked(True)
            self.table.setCellWidget(r, USE, _centred(use))
            name = MEETING_TYPE[line.type]
            if line.group_name:
                name = IN_GROUP.format(type=name, group=line.group_name)
            self.table.setItem(r, TYPE, _read_only(name))
            self.table.setItem(r, PERIOD, _read_only(f"{line.start} 至 {line.end}"))
            field = DateField(self.table)
            field.set_value(line.suggested)
            self.table.setCellWidget(r, DATE, field)
            topic = QLineEdit(line.topic, self.table)
            self.table.setCellWidget(r, TOPIC, topic)
        self.info.setText(
            self.tr(
                "按会议频次，本季度尚需安排 {n} 次会议（已召开或已列入计划的不再列出）。"
                "可修改日期和主题，取消勾选的不生成。"
            ).format(n=len(self.lines))
            if self.lines
            else self.tr("本季度按规定应开的会议均已召开或已列入计划。")
        )
        self.create_button.setEnabled(bool(self.lines))
        self.errors.hide()

    # --- the rows' widgets -------------------------------------------------------------------
    def use_box(self, row: int) -> QCheckBox:
        return self.table.cellWidget(row, USE).findChild(QCheckBox)

    def date_field(self, row: int) -> DateField:
        return self.table.cellWidget(row, DATE)

    def topic_field(self, row: int) -> QLineEdit:
        return self.table.cellWidget(row, TOPIC)

    def meetings(self) -> tuple[list[int], list[Meeting]]:
        """(row of each, the planned meetings) for the ticked rows."""
        rows, meetings = [], []
        for r, line in enumerate(self.lines):
            if not self.use_box(r).isChecked():
                continue
            rows.append(r)
            meetings.append(
                Meeting(
                    line.type,
                    self.topic_field(r).text(),
                    self.date_field(r).value() or line.suggested,
                    party_group_id=line.party_group_id,
                )
            )
        return rows, meetings

    def create(self) -> None:
        bad = [
            self.tr("第 {row} 行 日期：{msg}").format(
                row=r + 1, msg=self.date_field(r).error_text()
            )
            for r in range(len(self.lines))
            if self.use_box(r).isChecked() and self.date_field(r).is_invalid()
        ]
        if bad:
            self._show_errors(bad)
            return
        rows, meetings = self.meetings()
        if not meetings:
            self._show_errors([self.tr("没有勾选任何会议。")])
            return
        run_op(
            self,
            self._events,
            lambda: self._ws.meetings.plan(meetings),
            on_success=self._created,
            on_error=lambda exc: self._refused(exc, rows),
            title=self.tr("未能生成计划"),
        )

    def _created(self, ids: list[int]) -> None:
        self.created = list(ids)
        self.accept()

    def _refused(self, exc: BaseException, rows: list[int]) -> None:
        if not isinstance(exc, ValidationError):
            from dangjian_desktop.gui import errors

            errors.show_error(self, self.tr("未能生成计划"), exc)
            return
        lines = []
        for error in exc.errors:
            parts = error.field.split(".")
            if len(parts) >= 3 and parts[0] == "meetings" and parts[1].isdigit():
                row = rows[int(parts[1])] + 1
                rest = ".".join(parts[2:])
                lines.append(
                    self.tr("第 {row} 行 {field}：{msg}").format(
                        row=row, field=field_name(rest), msg=error_message(error)
                    )
                )
            else:
                lines.append(f"{field_name(error.field)}：{error_message(error)}")
        self._show_errors([self.tr("未生成任何计划："), *lines])

    def _show_errors(self, lines: list[str]) -> None:
        self.errors.setText("\n".join(lines))
        self.errors.show()


def _read_only(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


def _centred(widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return box
