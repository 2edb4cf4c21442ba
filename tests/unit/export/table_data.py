"""A small generic table report, as a future tab (三会一课台账, 积分排名) would build one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.export.table_report import ReportColumn, TableReport


@dataclass(frozen=True)
class Meeting:
    held_on: date
    kind: str
    topic: str
    present: int


COLUMNS = (
    ReportColumn("序号", lambda i, m: i, 5),
    ReportColumn("召开日期", lambda i, m: m.held_on, 11, "yyyy.mm.dd", "%Y.%m.%d"),
    ReportColumn("会议类型", lambda i, m: m.kind, 10),
    ReportColumn("议题", lambda i, m: m.topic, 30, wrap=True),
    ReportColumn("实到人数", lambda i, m: m.present, 8),
)


def meetings(n: int, **first) -> list[Meeting]:
    rows = [
        Meeting(date(2026, 1 + i % 12, 1 + i % 28), "支委会", f"第{i + 1}次支委会议题", 5 + i % 3)
        for i in range(n)
    ]
    if rows and first:
        rows[0] = Meeting(**(vars(rows[0]) | first))
    return rows


def report(n: int = 3, first: dict | None = None, **kw) -> TableReport[Meeting]:
    values = dict(
        title="中共某某船舶党支部 三会一课台账",
        sheet_name="三会一课台账",
        unit_name="中共某某船舶党支部",
        issued_on=date(2026, 11, 26),
        columns=COLUMNS,
        rows=meetings(n, **(first or {})),
        subtitle=("2026年第三季度", f"共 {n} 次"),
        period="2026年第三季度",
        signature="主持人：________　　　　记录人：________",
        landscape=False,
        row_name=lambda m: f"{m.held_on:%Y.%m.%d} {m.kind}",
    )
    return TableReport(**(values | kw))
