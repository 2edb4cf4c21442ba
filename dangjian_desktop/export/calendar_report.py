"""年度落实情况: the compliance calendar of a year as a table report (one A4 landscape page).

One row per required meeting (per 党小组 for the rules asked of every group), from
`compliance_calendar`. The columns are the periods of the year in the order they end —
1月 2月 3月 一季度 4月 … 十二月 四季度 全年 — and each rule fills the columns of its own
period: a monthly rule the months, a quarterly rule the quarters, a yearly rule 全年; the
others hold "/" (不按此周期统计), as paper forms mark a cell that does not apply. That keeps
every cell one period of one rule, so nothing has to span columns, and the 21 columns fit
one landscape page at a legible size. The marks and the legend are in labels.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.meeting_calendar import CalendarCell, CalendarRow, CellState
from dangjian_desktop.domain.meetings import MeetingType, Period
from dangjian_desktop.export import labels
from dangjian_desktop.export.table_report import ReportColumn, TableReport

MARK_SAMPLE = "× 1/2"  # the widest mark, kept on one line in the PDF


@dataclass(frozen=True)
class CalendarReport:
    """The calendar of `year`. `rows` are `compliance_calendar(year, rules, meetings, groups,
    today=as_of)`; `as_of` is that `today` (periods after it are not yet due), said in the
    subtitle."""

    unit_name: str
    issued_on: date
    year: int
    rows: Sequence[CalendarRow]
    as_of: date
    prepared_by: str = ""

    @property
    def period(self) -> str:
        return labels.period_words(self.year)


def cell_mark(cell: CalendarCell) -> str:
    """√, ×, 计划, 待开 or blank; "1/2" when a period asks for more than one meeting and only
    some were held."""
    held, required = len(cell.held), cell.required
    partial = labels.MARK_PARTIAL.format(held=held, required=required) if held > 0 else ""
    if cell.state is CellState.DONE:
        return labels.MARK_DONE
    if cell.state is CellState.MISSING:
        return f"{labels.MARK_MISSING} {partial}" if partial else labels.MARK_MISSING
    if cell.planned:
        return labels.MARK_PLANNED
    if partial:
        return partial
    return labels.CELL_MARK[cell.state]


def row_words(row: CalendarRow) -> str:
    """支部党员大会; 党小组会（驾驶部党小组）."""
    words = labels.MEETING_TYPE[row.rule.type]
    if row.rule.type is MeetingType.GROUP and row.group_name:
        words = labels.IN_GROUP.format(type=words, group=row.group_name)
    return words


def _period_getter(period: Period, index: int) -> Callable[[int, CalendarRow], str]:
    def value(_i: int, row: CalendarRow) -> str:
        if row.rule.period is not period or index > len(row.cells):
            return labels.MARK_NOT_APPLICABLE
        return cell_mark(row.cells[index - 1])

    return value


def _period_columns() -> list[ReportColumn[CalendarRow]]:
    columns: list[ReportColumn[CalendarRow]] = []
    for quarter in range(1, 5):
        for month in range(3 * quarter - 2, 3 * quarter + 1):
            columns.append(
                ReportColumn(
                    labels.CALENDAR_MONTH.format(month=month),
                    _period_getter(Period.MONTH, month),
                    5,
                    one_line=MARK_SAMPLE,
                    key=f"m{month}",
                )
            )
        columns.append(
            ReportColumn(
                labels.CALENDAR_QUARTER.format(quarter=labels.QUARTER_WORDS[quarter - 1]),
                _period_getter(Period.QUARTER, quarter),
                6,
                one_line=MARK_SAMPLE,
                key=f"q{quarter}",
            )
        )
    columns.append(
        ReportColumn(
            labels.CALENDAR_YEAR, _period_getter(Period.YEAR, 1), 5, one_line=MARK_SAMPLE, key="y"
        )
    )
    return columns


def _held(row: CalendarRow) -> int:
    return sum(len(cell.held) for cell in row.cells)


CALENDAR_COLUMNS: tuple[ReportColumn[CalendarRow], ...] = (
    ReportColumn("序号", lambda i, r: i, 4.5, one_line="99", key="index"),
    ReportColumn(
        "会议类型", lambda i, r: row_words(r), 27, wrap=True, one_line="民主评议党员", key="type"
    ),
    ReportColumn(
        "要求",
        lambda i, r: labels.FREQUENCY[r.rule.period].format(count=r.rule.count),
        9,
        one_line="每季度1次",
        key="frequency",
    ),
    *_period_columns(),
    ReportColumn(
        "已开次数", lambda i, r: _held(r), 5.5, heading_lines=("已开", "次数"), key="held"
    ),
    ReportColumn(
        "未按期召开",
        lambda i, r: r.missing,
        5.5,
        heading_lines=("未按期", "召开"),
        key="missing",
    ),
)


def _row_name(row: CalendarRow) -> str:
    return row_words(row)


def calendar_table(report: CalendarReport) -> TableReport[CalendarRow]:
    return TableReport(
        title=labels.CALENDAR_TITLE.format(unit=report.unit_name, year=report.year).strip(),
        sheet_name=labels.CALENDAR_SHEET,
        unit_name=report.unit_name,
        issued_on=report.issued_on,
        columns=CALENDAR_COLUMNS,
        rows=report.rows,
        subtitle=(
            report.period,
            labels.AS_OF.format(date=labels.long_date(report.as_of)),
            labels.ISSUED_ON.format(date=labels.long_date(report.issued_on)),
        ),
        period=report.period,
        footnotes=(labels.CALENDAR_LEGEND,),
        signature=labels.signature_line(report.prepared_by),
        landscape=True,
        author=report.prepared_by or report.unit_name,
        row_name=_row_name,
    )
