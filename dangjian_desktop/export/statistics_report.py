"""党员队伍统计 as a table report (issue 11 item 3): one row per cell of every breakdown
(人数 and 占比 of the members counted), then the year's events, on one A4 portrait page or
two. Input is the domain's RosterStatistics; the headings are in labels.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.statistics import RosterStatistics
from dangjian_desktop.export import labels
from dangjian_desktop.export.table_report import ReportColumn, TableReport

_HEAD = labels.STATISTICS_COLUMNS


@dataclass(frozen=True)
class StatisticsReport:
    unit_name: str
    issued_on: date
    stats: RosterStatistics
    prepared_by: str = ""


@dataclass(frozen=True)
class StatisticsLine:
    section: str
    item: str
    count: int
    share: str  # "42.9%", or "" where a share says nothing (the year's events)


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else ""


def statistics_lines(stats: RosterStatistics) -> list[StatisticsLine]:
    total = stats.total
    lines = [
        StatisticsLine(
            labels.STATISTICS_TOTAL, labels.STATISTICS_TOTAL, total, _share(total, total)
        )
    ]
    for name, tally in stats.breakdowns().items():
        section = labels.STATISTICS_BREAKDOWNS[name]
        for key, ids in tally.cells:
            item = labels.statistics_cell(name, key)
            lines.append(StatisticsLine(section, item, len(ids), _share(len(ids), total)))
        if name == "education":
            college = stats.college_or_above
            lines.append(
                StatisticsLine(section, labels.STATISTICS_COLLEGE, college, _share(college, total))
            )
    section = labels.STATISTICS_YEAR_SECTION.format(year=stats.year)
    for key, count in stats.year_counts.counts().items():
        lines.append(StatisticsLine(section, labels.YEAR_COUNTS[key], count, ""))
    return lines


def _line_name(line: StatisticsLine) -> str:
    return f"{line.section} {line.item}"


def statistics_table(report: StatisticsReport) -> TableReport[StatisticsLine]:
    stats = report.stats
    columns: list[ReportColumn[StatisticsLine]] = [
        ReportColumn(_HEAD["section"], lambda _i, r: r.section, 18, key="section"),
        ReportColumn(_HEAD["item"], lambda _i, r: r.item, 34, wrap=True, key="item"),
        ReportColumn(_HEAD["count"], lambda _i, r: r.count, 9, key="count"),
        ReportColumn(_HEAD["share"], lambda _i, r: r.share, 9, one_line="100.0%", key="share"),
    ]
    return TableReport(
        title=labels.STATISTICS_TITLE.format(unit=report.unit_name),
        sheet_name=labels.STATISTICS_SHEET,
        unit_name=report.unit_name,
        issued_on=report.issued_on,
        columns=columns,
        rows=statistics_lines(stats),
        subtitle=(
            labels.STATISTICS_AS_OF.format(date=labels.long_date(stats.as_of)),
            labels.ISSUED_ON.format(date=labels.long_date(report.issued_on)),
            labels.MEMBER_COUNT.format(count=stats.total),
        ),
        period=labels.period_words(stats.year),
        signature=labels.signature_line(report.prepared_by),
        landscape=False,
        author=report.prepared_by or report.unit_name,
        row_name=_line_name,
    )
