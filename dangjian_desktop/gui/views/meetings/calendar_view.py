"""年度落实情况: the compliance calendar of a year as a table, one row per required meeting
(per 党小组 for 党小组会), one column per month; a quarterly or yearly requirement spans its
months. Each cell says whether the meeting was held, in marks and colour; a double click
on a cell with a record opens it. Read on first show and after a change, never at start."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.meeting_calendar import CalendarCell, CalendarRow, CellState
from dangjian_desktop.domain.meetings import FrequencyRule, Period
from dangjian_desktop.export.labels import FREQUENCY, IN_GROUP, MEETING_TYPE
from dangjian_desktop.services import Workspace

CELL_TEXT = {
    CellState.DONE: "√ 已召开",
    CellState.MISSING: "× 未召开",
    CellState.DUE: "待召开",
    CellState.UPCOMING: "",
}
CELL_COLOUR = {
    CellState.DONE: "#d8f0dc",
    CellState.MISSING: "#f8d7d3",
    CellState.DUE: "#fcefc7",
    CellState.UPCOMING: "#ffffff",
}
PLANNED_COLOUR = "#dde8f7"
_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}


def row_title(row: CalendarRow) -> str:
    name = MEETING_TYPE.get(row.rule.type, "")
    if row.group_name:
        name = IN_GROUP.format(type=name, group=row.group_name)
    return name


def cell_text(cell: CalendarCell) -> str:
    if cell.state is not CellState.DONE and cell.planned:
        return (
            "计划中" if cell.state is CellState.UPCOMING else CELL_TEXT[cell.state] + "（有计划）"
        )
    text = CELL_TEXT[cell.state]
    if cell.required > 1 and cell.state is not CellState.UPCOMING:
        text += f" {len(cell.held)}/{cell.required}"
    return text


def cell_colour(cell: CalendarCell) -> str:
    if cell.state in (CellState.UPCOMING, CellState.DUE) and cell.planned:
        return PLANNED_COLOUR
    return CELL_COLOUR[cell.state]


class CalendarView(QWidget):
    open_requested = Signal(int)  # a meeting id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._stale = True
        self.rows: list[CalendarRow] = []
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.summary = QLabel(self)
        self.table = QTableWidget(self)
        self.table.setColumnCount(13)
        self.table.setHorizontalHeaderLabels(
            [self.tr("应开会议"), *(self.tr("{m}月").format(m=m) for m in range(1, 13))]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 270)
        header = self.table.horizontalHeader()
        for column in range(1, 13):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._cell_activated)
        legend = QLabel(
            self.tr(
                "说明：√ 已召开；× 期限已过未召开；待召开：本期进行中、尚未召开；"
                "计划中：已列入计划；空白：尚未到期。主题党日同时作为党课等召开的，两项都计。双击格子打开会议记录。"
            ),
            self,
        )
        legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度"), self))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)

    def mark_stale(self) -> None:
        self._stale = True

    def ensure_fresh(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.rows = self._ws.meetings.calendar(self.year.value())
        self.table.clearSpans()
        self.table.setRowCount(len(self.rows))
        missing = 0
        for r, row in enumerate(self.rows):
            title = QTableWidgetItem(row_title(row))
            title.setToolTip(
                FREQUENCY[row.rule.period].format(count=row.rule.count)
                + ("。" + row.rule.note if row.rule.note else "")
            )
            title.setText(
                f"{row_title(row)}（{FREQUENCY[row.rule.period].format(count=row.rule.count)}）"
            )
            self.table.setItem(r, 0, title)
            months = _MONTHS[row.rule.period]
            for cell in row.cells:
                column = 1 + (cell.index - 1) * months
                item = QTableWidgetItem(cell_text(cell))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(QColor(cell_colour(cell))))
                item.setForeground(QBrush(QColor("#222222")))
                item.setData(Qt.ItemDataRole.UserRole, (cell.held or cell.planned or (None,))[0])
                item.setToolTip(
                    self.tr("{start} 至 {end}：应开 {required} 次，已开 {held} 次").format(
                        start=cell.start, end=cell.end, required=cell.required, held=len(cell.held)
                    )
                )
                self.table.setItem(r, column, item)
                if months > 1:
                    self.table.setSpan(r, column, 1, months)
                    for filler in range(column + 1, column + months):
                        self.table.setItem(r, filler, QTableWidgetItem(""))
            missing += row.missing
        self.summary.setText(
            self.tr("共 {rows} 项应开会议，期限已过未召开 {missing} 次").format(
                rows=len(self.rows), missing=missing
            )
        )

    def show_cell(self, rule: FrequencyRule, party_group_id: int | None, start: date) -> bool:
        """Select the cell of this rule (and 党小组) whose period begins on `start`, in its
        year: where a meeting line of the 工作台 leads. False when there is no such cell
        (the rule was edited since)."""
        if self.year.value() != start.year:
            self.year.setValue(start.year)  # refreshes
        self.ensure_fresh()
        for r, row in enumerate(self.rows):
            if row.rule != rule or row.party_group_id != party_group_id:
                continue
            for cell in row.cells:
                if cell.start == start:
                    column = 1 + (cell.index - 1) * _MONTHS[row.rule.period]
                    self.table.setCurrentCell(r, column)
                    self.table.scrollToItem(self.table.item(r, column))
                    self.table.setFocus()
                    return True
        return False

    def cell_at(self, row: int, column: int) -> CalendarCell | None:
        if not 0 <= row < len(self.rows) or column < 1:
            return None
        months = _MONTHS[self.rows[row].rule.period]
        index = (column - 1) // months + 1
        return next((c for c in self.rows[row].cells if c.index == index), None)

    def _cell_activated(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        meeting_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if meeting_id is not None:
            self.open_requested.emit(int(meeting_id))
