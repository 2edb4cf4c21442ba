"""The parts of a 上报材料 package: a registry of part builders (issue 11 item 4).

Each `PackagePart` reads what it needs with the session of the package's ONE read snapshot
and returns plain values: table reports (each written as .xlsx and .pdf after the snapshot
is closed), documents (a document-style PDF such as an inspection report, its value built in
the snapshot, written after it) and sections of the machine-readable copy. A tab adds its
part with one line in PARTS.

The meeting parts call services/meeting_reports.py's session builders, the same ones
ws.exports.ledger / calendar use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session

from dangjian_desktop.domain.period import ReportPeriod
from dangjian_desktop.domain.points import PeriodKey, ScoringPeriod
from dangjian_desktop.domain.report_data import meeting_row, member_row, statistics_section
from dangjian_desktop.export.calendar_report import calendar_table
from dangjian_desktop.export.ledger_report import ledger_table
from dangjian_desktop.export.roster_report import roster_table
from dangjian_desktop.export.statistics_report import statistics_table
from dangjian_desktop.export.table_report import TableReport
from dangjian_desktop.export.venue_summary_report import venue_summary_table
from dangjian_desktop.services import meeting_reports
from dangjian_desktop.services.point_exports import points_table_in
from dangjian_desktop.services.point_service import scheme_in
from dangjian_desktop.storage import venue_repo
from dangjian_desktop.storage.tables import MemberRow

if TYPE_CHECKING:
    from dangjian_desktop.progress import Progress
    from dangjian_desktop.services.export_service import ExportService


@dataclass(frozen=True)
class PackageContext:
    """What the user asked for, and the day the package is made."""

    period: ReportPeriod
    today: date
    full_ids: bool = False
    ranking: bool = False  # 积分 ranking and totals, only when ticked
    prepared_by: str = ""

    @property
    def as_of(self) -> date:
        """The calendar's "today": the period's end, or today while it is running."""
        return min(self.period.end, self.today)


DocumentWriter = Callable[[Path, "Progress | None"], None]


@dataclass
class PartOutput:
    """`tables`: file stem in the package ("党员花名册") → the report; `sections`: data
    sections (domain/report_data.SECTIONS) → rows, or the statistics section."""

    tables: dict[str, TableReport] = field(default_factory=dict)
    sections: dict[str, object] = field(default_factory=dict)
    # file stem → writes that PDF (path, progress); the value it prints was read in the snapshot
    documents: dict[str, DocumentWriter] = field(default_factory=dict)


PartBuilder = Callable[["ExportService", Session, PackageContext], PartOutput]


def _always(_ctx: PackageContext) -> bool:
    return True


@dataclass(frozen=True)
class PackagePart:
    key: str
    build: PartBuilder
    wanted: Callable[[PackageContext], bool] = _always


# --- the parts of today ----------------------------------------------------------------------
def build_roster(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    report = exports._build_roster(s, full_ids=ctx.full_ids, prepared_by=ctx.prepared_by)
    groups = report.group_names
    rows = [
        member_row(m, groups.get(m.party_group_id, "") if m.party_group_id else "",
                   full_ids=ctx.full_ids)
        for m in report.members
    ]  # fmt: skip
    return PartOutput({"党员花名册": roster_table(report)}, {"members": rows})


def build_ledger(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    report = meeting_reports.build_ledger(
        s, ctx.period.year, ctx.period.quarter, issued_on=ctx.today, prepared_by=ctx.prepared_by
    )
    uids = dict(s.connection().execute(select(MemberRow.id, MemberRow.uid)).all())
    rows = [meeting_row(r.meeting, r.names, uids) for r in report.held()]
    return PartOutput({"三会一课台账": ledger_table(report)}, {"meetings": rows})


def build_calendar(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    report = meeting_reports.build_calendar(
        s, ctx.period.year, issued_on=ctx.today, today=ctx.as_of, prepared_by=ctx.prepared_by
    )
    return PartOutput({"三会一课落实情况": calendar_table(report)})


def build_statistics(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    report = exports._build_statistics(s, ctx.period.year, ctx.period.end, ctx.prepared_by)
    return PartOutput(
        {"党员队伍统计": statistics_table(report)},
        {"statistics": statistics_section(report.stats)},
    )


def build_points(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    """党员积分汇总表 with its ranking, only when the user ticked it (the 2023 guidance: no
    ranking leaves the branch by default). A yearly scheme is totalled for the year even in
    a quarter's package; a quarterly one for the package's quarter."""
    scheme = scheme_in(s, ctx.period.year)
    quarterly = scheme.period is ScoringPeriod.QUARTER and ctx.period.quarter is not None
    period = PeriodKey(ctx.period.year, ctx.period.quarter if quarterly else None)
    table = points_table_in(s, period, ctx.today, ranking=True)
    return PartOutput({"党员积分汇总": table})


def build_venues(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    """阵地建设年度汇总 of the period's year, and the report of every inspection in the
    period (with its photos), each read in this snapshot and written after it."""
    summary = exports._venue_year_in(s, ctx.period.year, ctx.prepared_by)
    inspections = sorted(
        (i for i in venue_repo.inspections_in_year(s, ctx.period.year)
         if ctx.period.contains(i.inspected_on)),
        key=lambda i: (i.inspected_on, i.id or 0),
    )  # fmt: skip
    # reportlab loads when a package is made, not at start-up (tests/gui/test_app.py).
    from dangjian_desktop.export.inspection_pdf import write_inspection_pdf

    documents: dict[str, DocumentWriter] = {}
    for insp in inspections:
        report = exports._inspection_report_in(s, insp.id, ctx.prepared_by)
        stem = f"阵地检查报告_{insp.inspected_on:%Y%m%d}_{insp.id}"
        documents[stem] = partial(write_inspection_pdf, report)
    return PartOutput({"阵地建设年度汇总": venue_summary_table(summary)}, documents=documents)


def _ranking_ticked(ctx: PackageContext) -> bool:
    return ctx.ranking


# In the package's order.
PARTS: list[PackagePart] = [
    PackagePart("roster", build_roster),
    PackagePart("ledger", build_ledger),
    PackagePart("calendar", build_calendar),
    PackagePart("statistics", build_statistics),
    PackagePart("venues", build_venues),
    PackagePart("points", build_points, wanted=_ranking_ticked),
]


def merged(outputs: Mapping[str, PartOutput]) -> PartOutput:
    """All parts' tables and sections; a name used twice is a programming error."""
    total = PartOutput()
    for key, out in outputs.items():
        for bucket, items in (
            (total.tables, out.tables),
            (total.sections, out.sections),
            (total.documents, out.documents),
        ):
            clash = set(bucket) & set(items)
            if clash:
                raise ValueError(f"package part {key} repeats {sorted(clash)}")
            bucket.update(items)
    return total
