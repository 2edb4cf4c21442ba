"""积分 exports, mixed into ExportService (`ws.exports.points(…)` …): kept in their own
module so the 积分 and 会议 exports merge without touching each other.

As every export (export_service.py docstring): the report is built from ONE read snapshot by
a builder taking the session, written atomically by the export/ writers after the
transaction, then audited by record_export. The ranking column appears only when asked
(`ranking=True`), never by default (brief §7.4, the 2023 guidance).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain.point_totals import ranking as rank_totals
from dangjian_desktop.domain.points import PeriodKey
from dangjian_desktop.export import labels, writer_for
from dangjian_desktop.export.point_reports import (
    appraisal_table,
    statement_table,
    statements_sheet,
    totals_table,
)
from dangjian_desktop.export.table_report import TableReport
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.audit_service import record_export
from dangjian_desktop.services.point_service import (
    PointServiceError,
    appraisal_members_in,
    scheme_in,
    statements_in,
    totals_in,
)
from dangjian_desktop.storage import branch_repo, point_repo

if TYPE_CHECKING:
    from dangjian_desktop.services.export_service import ExportResult

R = TypeVar("R")


def _unit(s: Session) -> str:
    return branch_repo.load_profile(s).full_name.strip() or labels.UNNAMED_UNIT


def points_table_in(
    s: Session, period: PeriodKey, today: date, *, ranking: bool = False
) -> TableReport:
    """党员积分汇总表 read with the caller's session (ws.exports and the 上报 package)."""
    report = totals_in(s, period, today)
    ranked = None
    if ranking:
        ranked = rank_totals(t for t in report.totals if t.member_id in report.counted)
    return totals_table(
        unit_name=_unit(s),
        issued_on=today,
        scheme=report.scheme,
        period=period,
        totals=list(report.totals),
        names=report.names,
        counted=report.counted,
        ranked=ranked,
    )


class PointExports:
    """The 积分 reports of ExportService. Needs the host's _snapshot, _write, _engine, _today."""

    _engine: Callable[[], Engine]
    _today: Callable[[], date]
    _snapshot: Callable
    _write: Callable

    # --- builders (one snapshot each) -----------------------------------------------------
    def points_table(self, period: PeriodKey, *, ranking: bool = False) -> TableReport:
        """党员积分汇总表 of `period`; a 排名 column (rank order) only with `ranking`."""
        return self._snapshot(lambda s: points_table_in(s, period, self._today(), ranking=ranking))

    def statement_tables(
        self, period: PeriodKey, member_id: int | None = None, *, one_sheet: bool = False
    ) -> list[TableReport]:
        """党员积分明细: one table per member (a page each in a PDF) for one member or
        everyone on the roster then; `one_sheet`: a single table, a section per member (the
        .xlsx)."""

        def build(s: Session) -> list[TableReport]:
            wanted = None if member_id is None else [member_id]
            if wanted is not None and not point_repo.member_names(s, wanted):
                raise PointServiceError("no_member", {"member_id": member_id})
            statements = statements_in(s, period, wanted, self._today())
            names = point_repo.member_names(s, [st.member_id for st in statements])
            scheme, unit, today = scheme_in(s, period.year), _unit(s), self._today()
            if one_sheet:
                named = [(st, names.get(st.member_id, "")) for st in statements]
                return [
                    statements_sheet(
                        unit_name=unit, issued_on=today, scheme=scheme, statements=named
                    )
                ]
            return [
                statement_table(
                    unit_name=unit,
                    issued_on=today,
                    scheme=scheme,
                    statement=st,
                    name=names.get(st.member_id, ""),
                )
                for st in statements
            ]

        return self._snapshot(build)

    def appraisal_table(self, year: int) -> TableReport:
        """民主评议党员结果 of `year`, with the warnings (优秀 over a third …) under it."""
        from dangjian_desktop.domain.point_rules import appraisal_check
        from dangjian_desktop.messages import field_error_text

        def build(s: Session) -> TableReport:
            members = appraisal_members_in(s, year, self._today())
            grades = {g.member_id: g for g in point_repo.grades(s, year)}
            warnings = [
                field_error_text(w)
                for w in appraisal_check(grades.values(), members)
                if w.code == "excellent_over_third"
            ]
            return appraisal_table(
                unit_name=_unit(s),
                issued_on=self._today(),
                year=year,
                members=members,
                grades=grades,
                warnings=warnings,
            )

        return self._snapshot(build)

    # --- exports (atomic, audited) ---------------------------------------------------------
    def points(
        self,
        path: str | Path,
        fmt: str,
        period: PeriodKey,
        *,
        ranking: bool = False,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the 党员积分汇总表 of `period` as `fmt` to `path`, atomically. The ranking
        column only with `ranking` (the audit row says whether it was included)."""
        writer_for(fmt)
        table = self.points_table(period, ranking=ranking)
        result = self._write(table, path, fmt, progress)
        record_export(
            self._engine(), "points", fmt=fmt, rows=result.rows, **_period(period), ranking=ranking
        )
        return result

    def statements(
        self,
        path: str | Path,
        fmt: str,
        period: PeriodKey,
        *,
        member_id: int | None = None,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write 党员积分明细: in a PDF one page (or more) per member, in an .xlsx one sheet
        with a section per member. rows = members."""
        writer_for(fmt)
        tables = self.statement_tables(period, member_id, one_sheet=fmt != "pdf")
        if not tables or not tables[0].rows:
            raise PointServiceError("no_members")
        if fmt == "pdf":
            from dangjian_desktop.export.table_pdf import write_tables_pdf

            write_tables_pdf(tables, path, progress)
            members = len(tables)
        else:
            writer_for(fmt)(tables[0], path, progress)
            members = sum(1 for row in tables[0].rows if row.item == "总分")
        from dangjian_desktop.services.export_service import ExportResult  # imports this

        result = ExportResult(Path(path), members)
        record_export(
            self._engine(),
            "statements",
            fmt=fmt,
            rows=result.rows,
            **_period(period),
            one_member=member_id is not None,
        )
        return result

    def appraisal(
        self, path: str | Path, fmt: str, year: int, *, progress: Progress | None = None
    ) -> ExportResult:
        """Write the 民主评议党员结果 of `year`."""
        writer_for(fmt)
        result = self._write(self.appraisal_table(year), path, fmt, progress)
        record_export(self._engine(), "appraisal", fmt=fmt, rows=result.rows, year=year)
        return result


def _period(period: PeriodKey) -> dict[str, object]:
    found: dict[str, object] = {"year": period.year}
    if period.quarter is not None:
        found["quarter"] = period.quarter
    return found


__all__ = ["PointExports"]
