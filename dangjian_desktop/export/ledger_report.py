"""三会一课台账 for a quarter or a year: one row per meeting held (domain brief §8.2).

`LedgerReport` is the input value (no database); `ledger_table` turns it into the
`TableReport` the .xlsx and .pdf writers print, landscape, with the period and the unit in
every page header and a signature line under the table. Names are personal data, but the
ledger holds no ID or phone numbers, so nothing is masked; it prints nothing else of anyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.meetings import MeetingStatus
from dangjian_desktop.export import labels
from dangjian_desktop.export.meeting_record import (
    MeetingRecord,
    check_period,
    in_period,
    sorted_records,
)
from dangjian_desktop.export.table_report import ReportColumn, TableReport
from dangjian_desktop.export.vote_words import result_line

DAY_XLSX, DAY_PDF = "yyyy.mm.dd", "%Y.%m.%d"
WIDEST_DAY = "2000.00.00"
WIDEST_NAME = "欧阳明珠"


@dataclass(frozen=True)
class LedgerReport:
    """The 台账 of `year` (and `quarter` 1–4, or None for the whole year).

    `records` may hold any meetings: the ledger keeps those HELD or ARCHIVED whose date lies
    in the period (a planned meeting belongs in the 计划报备表) and orders them by date and
    start time, so the service may hand in what its period query returned."""

    unit_name: str
    issued_on: date
    year: int
    quarter: int | None
    records: Sequence[MeetingRecord]
    prepared_by: str = ""

    def __post_init__(self) -> None:
        check_period(self.year, self.quarter)

    @property
    def period(self) -> str:
        return labels.period_words(self.year, self.quarter)

    def held(self) -> list[MeetingRecord]:
        return sorted_records(
            [
                r
                for r in self.records
                if r.meeting.status is not MeetingStatus.PLANNED
                and in_period(r.meeting.date, self.year, self.quarter)
            ]
        )


def resolutions_words(record: MeetingRecord) -> str:
    """Each resolution on its own line: "接收张三为预备党员：赞成 18、反对 0、弃权 1，通过"."""
    if not record.meeting.resolutions:
        return ""  # most meetings decide nothing: no quorum to count
    q = record.quorum
    lines = [
        result_line(res, q, outcome)
        for res, outcome in zip(record.meeting.resolutions, record.outcomes, strict=True)
    ]
    if len(lines) > 1:
        lines = [f"{i}. {line}" for i, line in enumerate(lines, 1)]
    return "\n".join(lines)


def _lecturer(_index: int, record: MeetingRecord) -> str:
    return record.lecturer if record.is_lecture else ""


LEDGER_COLUMNS: tuple[ReportColumn[MeetingRecord], ...] = (
    ReportColumn("序号", lambda i, r: i, 4.5, one_line="999", key="index"),
    ReportColumn(
        "会议类型", lambda i, r: r.type_words, 9.5, wrap=True, one_line="支部党员大会", key="type"
    ),
    ReportColumn(
        "日期",
        lambda i, r: r.meeting.date,
        10,
        xlsx_format=DAY_XLSX,
        pdf_format=DAY_PDF,
        one_line=WIDEST_DAY,
        key="date",
    ),
    ReportColumn("地点", lambda i, r: r.place, 10, wrap=True, key="place"),
    ReportColumn("主持人", lambda i, r: r.host, 7.5, wrap=True, one_line=WIDEST_NAME, key="host"),
    ReportColumn(
        "记录人", lambda i, r: r.recorder, 7.5, wrap=True, one_line=WIDEST_NAME, key="recorder"
    ),
    ReportColumn("应到", lambda i, r: r.head_count.expected, 4.5, one_line="300", key="expected"),
    ReportColumn("实到", lambda i, r: r.head_count.present, 4.5, one_line="300", key="present"),
    ReportColumn(
        "请假人员及原因",
        lambda i, r: r.leave_names,
        20,
        wrap=True,
        heading_lines=("请假人员", "及原因"),
        key="leave",
    ),
    ReportColumn(
        "缺席人员及原因",
        lambda i, r: r.absent_names,
        12,
        wrap=True,
        heading_lines=("缺席人员", "及原因"),
        key="absent",
    ),
    ReportColumn("会议主题", lambda i, r: r.meeting.topic.strip(), 16, wrap=True, key="topic"),
    ReportColumn("第一议题", lambda i, r: r.first_topic_words, 17, wrap=True, key="first_topic"),
    ReportColumn(
        "党课主讲人",
        _lecturer,
        8,
        wrap=True,
        heading_lines=("党课", "主讲人"),
        key="lecturer",
    ),
    ReportColumn(
        "决议及表决结果",
        lambda i, r: resolutions_words(r),
        30,
        wrap=True,
        heading_lines=("决议及", "表决结果"),
        key="resolutions",
    ),
)


def _row_name(record: MeetingRecord) -> str:
    m = record.meeting
    return f"{m.date:%Y.%m.%d} {labels.MEETING_TYPE[m.type]}"


def ledger_table(report: LedgerReport) -> TableReport[MeetingRecord]:
    """The ledger as the table writers take it."""
    rows = report.held()
    return TableReport(
        title=labels.LEDGER_TITLE.format(unit=report.unit_name).strip(),
        sheet_name=labels.LEDGER_SHEET,
        unit_name=report.unit_name,
        issued_on=report.issued_on,
        columns=LEDGER_COLUMNS,
        rows=rows,
        subtitle=(
            report.period,
            labels.ISSUED_ON.format(date=labels.long_date(report.issued_on)),
            labels.MEETING_COUNT.format(count=len(rows)),
        ),
        period=report.period,
        signature=labels.signature_line(report.prepared_by),
        landscape=True,
        author=report.prepared_by or report.unit_name,
        row_name=_row_name,
    )
