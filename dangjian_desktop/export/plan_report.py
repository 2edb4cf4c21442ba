"""三会一课计划报备表 for a quarter: the plan a branch files upward ahead of time (domain
brief §1.3 "三表一册", §8.2), with the gaps the frequency table leaves open.

One line per meeting of the quarter, planned or already held (类型, 计划日期, 主题, 第一议题,
主持人/主讲人, 地点, 状态), and one line for each required meeting (compliance calendar)
that no record covers yet: 尚未安排, or 未召开（已过期） when its period is over. A
requirement is listed in the quarter in which its period ENDS: monthly and quarterly ones in
their own quarter, the yearly ones (组织生活会, 民主评议党员) in the fourth quarter's plan,
when they are due — not as a gap in every quarter before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.meeting_calendar import CalendarCell, CalendarRow, CellState
from dangjian_desktop.domain.meetings import MeetingStatus, MeetingType, Period
from dangjian_desktop.export import labels
from dangjian_desktop.export.meeting_record import (
    MeetingRecord,
    check_period,
    in_period,
    sorted_records,
)
from dangjian_desktop.export.table_report import ReportColumn, TableReport

DAY_XLSX, DAY_PDF = "yyyy.mm.dd", "%Y.%m.%d"


@dataclass(frozen=True)
class PlanReport:
    """The plan of `quarter` (1–4) of `year`.

    `records`: the meetings of the quarter, any status (others are left out).
    `calendar`: `compliance_calendar(year, rules, …)` rows, for the required meetings that
    no record covers yet."""

    unit_name: str
    issued_on: date
    year: int
    quarter: int
    records: Sequence[MeetingRecord]
    calendar: Sequence[CalendarRow] = ()
    prepared_by: str = ""

    def __post_init__(self) -> None:
        check_period(self.year, self.quarter)
        if self.quarter is None:
            raise ValueError("a plan is filed for one quarter")

    @property
    def period(self) -> str:
        return labels.period_words(self.year, self.quarter)

    @property
    def bounds(self) -> tuple[date, date]:
        first = date(self.year, 3 * self.quarter - 2, 1)
        last = (
            date(self.year + 1, 1, 1) if self.quarter == 4 else date(self.year, first.month + 3, 1)
        )
        return first, date.fromordinal(last.toordinal() - 1)


@dataclass(frozen=True)
class PlanLine:
    """One line of the plan: a meeting (`record`), or a required meeting not yet arranged."""

    type_words: str
    when: date | str
    topic: str
    first_topic: str
    people: str
    place: str
    status: str
    record: MeetingRecord | None = None
    sort_day: date = date.min


def _people(record: MeetingRecord) -> str:
    host = record.host
    lecturer = record.lecturer if record.is_lecture else ""
    if lecturer and lecturer != host:
        lecture = labels.PLAN_LECTURER.format(name=lecturer)
        return f"{host}；{lecture}" if host else lecture
    return host


def _meeting_line(record: MeetingRecord) -> PlanLine:
    m = record.meeting
    return PlanLine(
        type_words=record.type_words,
        when=m.date,
        topic=m.topic.strip(),
        first_topic=record.first_topic_words,
        people=_people(record),
        place=record.place,
        status=labels.MEETING_STATUS[m.status],
        record=record,
        sort_day=m.date,
    )


def _within(rule_period: Period, cell: CalendarCell) -> str:
    if rule_period is Period.MONTH:
        return labels.WITHIN_MONTH.format(month=cell.start.month)
    if rule_period is Period.QUARTER:
        return labels.WITHIN_QUARTER.format(quarter=labels.QUARTER_WORDS[cell.index - 1])
    return labels.WITHIN_YEAR.format(year=cell.start.year)


def _gap_lines(row: CalendarRow, first: date, last: date) -> list[PlanLine]:
    rule = row.rule
    words = labels.MEETING_TYPE[rule.type]
    if rule.type is MeetingType.GROUP and row.group_name:
        words = labels.IN_GROUP.format(type=words, group=row.group_name)
    required = labels.PLAN_REQUIRED.format(
        frequency=labels.FREQUENCY[rule.period].format(count=rule.count)
    )
    lines = []
    for cell in row.cells:
        if not first <= cell.end <= last:
            continue
        short = cell.required - len(cell.held) - len(cell.planned)
        status = labels.OVERDUE if cell.state is CellState.MISSING else labels.NOT_SCHEDULED
        for _ in range(max(0, short)):
            lines.append(
                PlanLine(
                    words,
                    _within(rule.period, cell),
                    required,
                    "",
                    "",
                    "",
                    status,
                    sort_day=cell.end,
                )
            )
    return lines


def plan_lines(report: PlanReport) -> list[PlanLine]:
    """Meetings by date, each gap after the meetings of its period (month, quarter, year)."""
    first, last = report.bounds
    records = [r for r in report.records if in_period(r.meeting.date, report.year, report.quarter)]
    lines = [_meeting_line(r) for r in sorted_records(records)]
    for row in report.calendar:
        lines += _gap_lines(row, first, last)
    # Stable: meetings keep their order; a gap sorts at the last day of its period.
    return sorted(lines, key=lambda line: (line.sort_day, line.record is None))


PLAN_COLUMNS: tuple[ReportColumn[PlanLine], ...] = (
    ReportColumn("序号", lambda i, p: i, 4.5, one_line="99", key="index"),
    ReportColumn(
        "会议类型", lambda i, p: p.type_words, 14, wrap=True, one_line="支部党员大会", key="type"
    ),
    ReportColumn(
        "计划日期",
        lambda i, p: p.when,
        11,
        xlsx_format=DAY_XLSX,
        pdf_format=DAY_PDF,
        one_line="2000.00.00",
        key="when",
    ),
    ReportColumn("会议主题", lambda i, p: p.topic, 24, wrap=True, key="topic"),
    ReportColumn("第一议题", lambda i, p: p.first_topic, 25, wrap=True, key="first_topic"),
    ReportColumn(
        "主持人/主讲人",
        lambda i, p: p.people,
        13,
        wrap=True,
        heading_lines=("主持人/", "主讲人"),
        key="people",
    ),
    ReportColumn("地点", lambda i, p: p.place, 16, wrap=True, key="place"),
    ReportColumn("状态", lambda i, p: p.status, 10, wrap=True, one_line="已归档", key="status"),
)


def _line_name(line: PlanLine) -> str:
    return (
        f"{line.when:%Y.%m.%d} {line.type_words}"
        if isinstance(line.when, date)
        else line.type_words
    )


def plan_table(report: PlanReport) -> TableReport[PlanLine]:
    lines = plan_lines(report)
    gaps = sum(line.record is None for line in lines)
    planned = sum(
        line.record is not None and line.record.meeting.status is MeetingStatus.PLANNED
        for line in lines
    )
    held = len(lines) - gaps - planned
    return TableReport(
        title=labels.PLAN_TITLE.format(unit=report.unit_name).strip(),
        sheet_name=labels.PLAN_SHEET,
        unit_name=report.unit_name,
        issued_on=report.issued_on,
        columns=PLAN_COLUMNS,
        rows=lines,
        subtitle=(
            report.period,
            labels.ISSUED_ON.format(date=labels.long_date(report.issued_on)),
            labels.PLAN_COUNTS.format(planned=planned, held=held, gaps=gaps),
        ),
        period=report.period,
        signature=labels.PLAN_SIGNATURE.format(
            prepared_by=report.prepared_by or labels.BLANK_SIGNATURE, blank=labels.BLANK_SIGNATURE
        ),
        landscape=True,
        author=report.prepared_by or report.unit_name,
        row_name=_line_name,
    )
