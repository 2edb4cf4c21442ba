"""党员队伍统计 as .xlsx and .pdf: the ExportService's part for the statistics (a mixin in
its own module, so the other reports' builders in export_service.py merge without a clash).

Like every export: the report is built in ONE read snapshot (`_build_statistics`, which
the 上报材料 package calls inside its own snapshot), then written atomically by the table
writers, then the audit row (`record_export`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session

from dangjian_desktop.export import labels, writer_for
from dangjian_desktop.export.statistics_report import StatisticsReport, statistics_table
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.audit_service import record_export
from dangjian_desktop.services.statistics_service import StatisticsService
from dangjian_desktop.storage import branch_repo

if TYPE_CHECKING:
    from dangjian_desktop.services.export_service import ExportResult


class StatisticsExports:
    """Mixed into ExportService; `statistics_source` is the workspace's ws.statistics (it
    holds the 民主评议 hook), set when the workspace is built."""

    statistics_source: StatisticsService | None = None

    def _build_statistics(
        self, s: Session, year: int, as_of: date | None = None, prepared_by: str = ""
    ) -> StatisticsReport:
        source = self.statistics_source or StatisticsService(
            self._engine,
            self._today,
            self._on_write,  # type: ignore[attr-defined]
        )
        unit = branch_repo.load_profile(s).full_name.strip() or labels.UNNAMED_UNIT
        return StatisticsReport(
            unit_name=unit,
            issued_on=self._today(),  # type: ignore[attr-defined]
            stats=source.build(s, year, as_of),
            prepared_by=prepared_by.strip(),
        )

    def statistics_report(
        self, year: int, as_of: date | None = None, prepared_by: str = ""
    ) -> StatisticsReport:
        return self._snapshot(  # type: ignore[attr-defined]
            lambda s: self._build_statistics(s, year, as_of, prepared_by)
        )

    def statistics(
        self,
        path: str | Path,
        fmt: str,
        *,
        year: int,
        as_of: date | None = None,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write 党员队伍统计 of `year` (the branch on `as_of`, default 12-31) as `fmt`
        ("xlsx" or "pdf") to `path`, atomically; Cancelled when `progress` says so."""
        writer_for(fmt)
        report = self.statistics_report(year, as_of, prepared_by)
        result = self._write(statistics_table(report), path, fmt, progress)  # type: ignore[attr-defined]
        record_export(
            self._engine(),  # type: ignore[attr-defined]
            "statistics",
            fmt=fmt,
            rows=report.stats.total,
            year=year,
            as_of=report.stats.as_of.isoformat(),
        )
        return replace(result, rows=report.stats.total)  # members counted, not table lines
