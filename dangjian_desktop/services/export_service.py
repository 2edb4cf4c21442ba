"""Exports of every tab: build the report from one snapshot, hand it to the writer.

Each report is read inside ONE read transaction (`read_session`: BEGIN … COMMIT around all of
its queries), so a report never mixes two states of the data — a member deleted between two
queries cannot leave a gap, and the 上报 package (reports + data + checksums) can take all
of its parts from the same snapshot. Writing the file happens after the transaction: a slow
PDF must not hold a read snapshot open (it would stop WAL checkpoints for its whole run).

How a tab adds its report: a `_build_<kind>(session, …)` that reads through the repos with
the given session and returns its export value, a public method that calls `_snapshot` and
`_write`, and a `dangjian export <kind>` in cli/export_cmd.py calling that method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from sqlmodel import Session

from dangjian_desktop.domain.people import MemberFilter, MemberSort
from dangjian_desktop.export import labels, writer_for
from dangjian_desktop.export.calendar_report import CalendarReport, calendar_table
from dangjian_desktop.export.errors import ExportRequestError
from dangjian_desktop.export.ledger_report import LedgerReport, ledger_table
from dangjian_desktop.export.meeting_record import MinutesReport
from dangjian_desktop.export.plan_report import PlanReport, plan_table
from dangjian_desktop.export.roster_report import RosterReport, filter_words, roster_table
from dangjian_desktop.export.table_report import TableReport
from dangjian_desktop.progress import Progress
from dangjian_desktop.services import meeting_reports
from dangjian_desktop.services.audit_service import record_export
from dangjian_desktop.services.bulk_read import collector_paused
from dangjian_desktop.services.point_exports import PointExports
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.statistics_exports import StatisticsExports
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.services.venue_exports import VenueExportsMixin
from dangjian_desktop.storage import branch_repo, member_repo

R = TypeVar("R")
_ALL_MEMBERS = MemberFilter()


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int  # how many rows (members, meetings …) the report holds


def _unit_name(session: Session) -> str:
    return branch_repo.load_profile(session).full_name.strip() or labels.UNNAMED_UNIT


def _period(year: int, quarter: int | None) -> dict[str, object]:
    """The period as audit details (a quarter only when there is one)."""
    return {"year": year} if quarter is None else {"year": year, "quarter": quarter}


class ExportService(PointExports, VenueExportsMixin, StatisticsExports, Service):
    """ws.exports. The 积分 reports (points, statements, appraisal) come from PointExports
    (services/point_exports.py), the 阵地 reports from VenueExportsMixin
    (services/venue_exports.py), 党员队伍统计 from StatisticsExports, each in its own module."""

    def today(self) -> date:
        """The date reports are issued on (the workspace's one clock)."""
        return self._today()

    def _snapshot(self, build: Callable[[Session], R]) -> R:
        # A report's read makes tens of thousands of small values (a year's 台账: 24,000
        # sign-in lines) and holds no cycles: the collector waits until it is done.
        with collector_paused(), read_session(self._engine()) as session:
            return build(session)

    @staticmethod
    def _write(
        table: TableReport, path: str | Path, fmt: str, progress: Progress | None
    ) -> ExportResult:
        write = writer_for(fmt)  # ValueError for an unknown format, before any work
        # The writer makes a short-lived value or two for every cell, freed as it goes, and
        # no cycles; the collector would meanwhile walk the report's values again and again
        # (a year's 台账: 24,000 sign-in lines) — it waits here too, as it does for the read.
        with collector_paused():
            write(table, path, progress)
        return ExportResult(Path(path), len(table.rows))

    # --- 党员花名册 ----------------------------------------------------------------------
    def roster_report(
        self,
        flt: MemberFilter | None = None,
        *,
        full_ids: bool = False,
        full_phones: bool = False,
        prepared_by: str = "",
    ) -> RosterReport:
        """The roster of the members `flt` selects (None: everyone on the roster)."""
        return self._snapshot(
            lambda s: self._build_roster(
                s, flt, full_ids=full_ids, full_phones=full_phones, prepared_by=prepared_by
            )
        )

    def _build_roster(
        self,
        s: Session,
        flt: MemberFilter | None = None,
        *,
        full_ids: bool = False,
        full_phones: bool = False,
        prepared_by: str = "",
    ) -> RosterReport:
        flt = flt or _ALL_MEMBERS
        ids = member_repo.ids(s, flt, MemberSort())
        rows = member_repo.rows(s, ids)
        groups = member_repo.group_names(s)
        return RosterReport(
            unit_name=_unit_name(s),
            issued_on=self._today(),
            members=[rows[i] for i in ids],
            group_names=groups,
            prepared_by=prepared_by.strip(),
            full_ids=full_ids,
            full_phones=full_phones,
            filter_text=filter_words(flt, groups),
        )

    def roster(
        self,
        path: str | Path,
        fmt: str,
        *,
        flt: MemberFilter | None = None,
        full_ids: bool = False,
        full_phones: bool = False,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the 党员花名册 as `fmt` ("xlsx" or "pdf") to `path`, atomically.

        Runs off the GUI thread; `progress(done, total)` returning False cancels (Cancelled),
        leaving any earlier file at `path` as it was."""
        writer_for(fmt)  # refuse an unknown format before reading anything
        report = self.roster_report(
            flt, full_ids=full_ids, full_phones=full_phones, prepared_by=prepared_by
        )
        result = self._write(roster_table(report), path, fmt, progress)
        # Issue 7 item 13: who exported the roster, and whether full numbers left the program.
        record_export(
            self._engine(),
            "roster",
            fmt=fmt,
            rows=result.rows,
            full_ids=full_ids,
            full_phones=full_phones,
            filtered=flt is not None,
        )
        return result

    def roster_filter_text(self, flt: MemberFilter) -> str:
        """The filter in the words the report's subtitle uses; "" when it selects everyone
        on the roster (so 当前筛选结果 would be the same as 全部党员)."""
        return self._snapshot(lambda s: filter_words(flt, member_repo.group_names(s)))

    # --- 会议 (services/meeting_reports.py builds each value inside the snapshot) -----------
    def ledger_report(
        self, year: int, quarter: int | None = None, *, prepared_by: str = ""
    ) -> LedgerReport:
        """The 三会一课台账 of `year` (or of its `quarter` 1–4): the meetings held."""
        meeting_reports.check_period(year, quarter)
        return self._snapshot(
            lambda s: meeting_reports.build_ledger(
                s, year, quarter, issued_on=self._today(), prepared_by=prepared_by
            )
        )

    def ledger(
        self,
        path: str | Path,
        fmt: str,
        year: int,
        quarter: int | None = None,
        *,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the 三会一课台账 as `fmt` to `path`, atomically (rows: meetings)."""
        writer_for(fmt)
        report = self.ledger_report(year, quarter, prepared_by=prepared_by)
        result = self._write(ledger_table(report), path, fmt, progress)
        record_export(self._engine(), "ledger", fmt=fmt, rows=result.rows, **_period(year, quarter))
        return result

    def minutes_report(self, meeting_id: int, *, prepared_by: str = "") -> MinutesReport:
        """The 会议记录 of one meeting held or archived (NotFoundError when there is none,
        MeetingDeletedError when it is in the 回收站, ExportRequestError "minutes_planned"
        while it is still 计划)."""
        return self._snapshot(
            lambda s: meeting_reports.build_minutes(
                s, meeting_id, issued_on=self._today(), prepared_by=prepared_by
            )
        )

    def minutes(
        self,
        path: str | Path,
        meeting_id: int,
        fmt: str = "pdf",
        *,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the 会议记录 of one meeting as an A4 PDF to `path`, atomically. Any other
        format is refused (ExportRequestError "minutes_pdf_only") before anything is read."""
        if fmt != "pdf":
            raise ExportRequestError("minutes_pdf_only", {"format": f".{fmt}"})
        from dangjian_desktop.export.minutes_pdf import write_minutes_pdf

        report = self.minutes_report(meeting_id, prepared_by=prepared_by)
        write_minutes_pdf(report, path, progress)
        record_export(self._engine(), "minutes", fmt=fmt, rows=1, meeting_id=meeting_id)
        return ExportResult(Path(path), 1)

    def plan_report(self, year: int, quarter: int, *, prepared_by: str = "") -> PlanReport:
        """The 三会一课计划报备表 of one quarter, the calendar's gaps as of today."""
        meeting_reports.check_period(year, quarter, quarter_needed=True)
        today = self._today()
        return self._snapshot(
            lambda s: meeting_reports.build_plan(
                s, year, quarter, issued_on=today, today=today, prepared_by=prepared_by
            )
        )

    def plan(
        self,
        path: str | Path,
        fmt: str,
        year: int,
        quarter: int,
        *,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the 计划报备表 as `fmt` to `path`, atomically (rows: its lines)."""
        writer_for(fmt)
        report = self.plan_report(year, quarter, prepared_by=prepared_by)
        result = self._write(plan_table(report), path, fmt, progress)
        record_export(self._engine(), "plan", fmt=fmt, rows=result.rows, **_period(year, quarter))
        return result

    def calendar_report(self, year: int, *, prepared_by: str = "") -> CalendarReport:
        """The 年度落实情况 of `year`, as of today."""
        meeting_reports.check_period(year)
        today = self._today()
        return self._snapshot(
            lambda s: meeting_reports.build_calendar(
                s, year, issued_on=today, today=today, prepared_by=prepared_by
            )
        )

    def calendar(
        self,
        path: str | Path,
        fmt: str,
        year: int,
        *,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the compliance calendar of `year` as `fmt` to `path`, atomically (rows:
        the required meetings, one per rule and 党小组)."""
        writer_for(fmt)
        report = self.calendar_report(year, prepared_by=prepared_by)
        result = self._write(calendar_table(report), path, fmt, progress)
        record_export(self._engine(), "calendar", fmt=fmt, rows=result.rows, year=year)
        return result

    def meeting_choices(self, year: int) -> list[tuple[int, str]]:
        """(id, words) of the year's meetings held or archived, by date, for the 会议记录
        chooser."""
        meeting_reports.check_period(year)
        return self._snapshot(lambda s: meeting_reports.meeting_choices(s, year))
