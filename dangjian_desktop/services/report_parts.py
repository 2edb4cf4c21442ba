"""The parts of a 上报材料 package: a registry of part builders (issue 11 item 4).

Each `PackagePart` reads what it needs with the session of the package's ONE read snapshot
and returns plain values: table reports (each written as .xlsx and .pdf after the snapshot
is closed) and sections of the machine-readable copy. A tab adds its part with one line:

    PARTS.append(PackagePart("points", build_points, wanted=lambda ctx: ctx.ranking))
    PARTS.append(PackagePart("venues", build_inspections))

The meeting parts read storage/meeting_repo directly and hand MeetingRecords to
export/ledger_report.py and calendar_report.py (the ExportService's own ledger and calendar
builders are being written at the same time; when they land these two can call them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session

from dangjian_desktop.domain.meeting_calendar import compliance_calendar
from dangjian_desktop.domain.period import ReportPeriod
from dangjian_desktop.domain.report_data import meeting_row, member_row, statistics_section
from dangjian_desktop.export import labels
from dangjian_desktop.export.calendar_report import CalendarReport, calendar_table
from dangjian_desktop.export.ledger_report import LedgerReport, ledger_table
from dangjian_desktop.export.meeting_record import MeetingRecord
from dangjian_desktop.export.roster_report import roster_table
from dangjian_desktop.export.statistics_report import statistics_table
from dangjian_desktop.export.table_report import TableReport
from dangjian_desktop.services.meeting_common import voters_on
from dangjian_desktop.storage import (
    branch_repo,
    meeting_catalogue_repo,
    meeting_figures_repo,
    meeting_repo,
    member_repo,
    report_repo,
)
from dangjian_desktop.storage.tables import MemberRow

if TYPE_CHECKING:
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


@dataclass
class PartOutput:
    """`tables`: file stem in the package ("党员花名册") → the report; `sections`: data
    sections (domain/report_data.SECTIONS) → rows, or the statistics section."""

    tables: dict[str, TableReport] = field(default_factory=dict)
    sections: dict[str, object] = field(default_factory=dict)


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


def _meeting_records(s: Session, period: ReportPeriod) -> list[MeetingRecord]:
    """The held meetings of the period as the 会议 reports take them. The voters (for a
    quorum) are looked up only for meetings that voted on something: the ledger states a
    quorum only then, and 400 look-ups of a 10,000-member roster would be most of the time."""
    names = dict(s.connection().execute(select(MemberRow.id, MemberRow.name)).all())
    venues = branch_repo.venue_names(s)
    groups = member_repo.group_names(s)
    voters: dict[tuple, tuple[list[int], list[int]]] = {}
    records = []
    for meeting_id in report_repo.meeting_ids_between(s, period.start, period.end):
        meeting = meeting_repo.get(s, meeting_id)
        if meeting is None:
            continue
        formal: list[int] = []
        committee: list[int] = []
        if meeting.resolutions:
            key = (meeting.date, meeting.type, meeting.party_group_id)
            if key not in voters:
                voters[key] = voters_on(s, *key)
            formal, committee = voters[key]
        records.append(
            MeetingRecord(
                meeting,
                names,
                formal_ids=frozenset(formal),
                committee_ids=frozenset(committee),
                venue_name=venues.get(meeting.venue_id, "") if meeting.venue_id else "",
                group_name=groups.get(meeting.party_group_id, "") if meeting.party_group_id else "",
            )
        )
    return records


def _unit(s: Session) -> str:
    return branch_repo.load_profile(s).full_name.strip() or labels.UNNAMED_UNIT


def build_ledger(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    records = _meeting_records(s, ctx.period)
    report = LedgerReport(
        unit_name=_unit(s),
        issued_on=ctx.today,
        year=ctx.period.year,
        quarter=ctx.period.quarter,
        records=records,
        prepared_by=ctx.prepared_by,
    )
    uid_rows = s.connection().execute(select(MemberRow.id, MemberRow.uid)).all()
    uids = dict(uid_rows)
    names = records[0].names if records else {}
    rows = [meeting_row(r.meeting, names, uids) for r in report.held()]
    return PartOutput({"三会一课台账": ledger_table(report)}, {"meetings": rows})


def build_calendar(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    year = ctx.period.year
    rules = meeting_catalogue_repo.frequencies(s)
    held = meeting_figures_repo.held_meetings(s, date(year, 1, 1), date(year, 12, 31))
    groups = member_repo.group_names(s)
    rows = compliance_calendar(year, rules, held, groups, ctx.as_of)
    report = CalendarReport(
        unit_name=_unit(s),
        issued_on=ctx.today,
        year=year,
        rows=rows,
        as_of=ctx.as_of,
        prepared_by=ctx.prepared_by,
    )
    return PartOutput({"三会一课落实情况": calendar_table(report)})


def build_statistics(exports: ExportService, s: Session, ctx: PackageContext) -> PartOutput:
    report = exports._build_statistics(s, ctx.period.year, ctx.period.end, ctx.prepared_by)
    return PartOutput(
        {"党员队伍统计": statistics_table(report)},
        {"statistics": statistics_section(report.stats)},
    )


# In the package's order. Points and venues append theirs (module docstring).
PARTS: list[PackagePart] = [
    PackagePart("roster", build_roster),
    PackagePart("ledger", build_ledger),
    PackagePart("calendar", build_calendar),
    PackagePart("statistics", build_statistics),
]


def merged(outputs: Mapping[str, PartOutput]) -> PartOutput:
    """All parts' tables and sections; a name used twice is a programming error."""
    total = PartOutput()
    for key, out in outputs.items():
        for bucket, items in ((total.tables, out.tables), (total.sections, out.sections)):
            clash = set(bucket) & set(items)
            if clash:
                raise ValueError(f"package part {key} repeats {sorted(clash)}")
            bucket.update(items)
    return total
