"""阵地建设年度汇总: one row per inspection of the year across venues, a line per venue
under the table (checks, average score, problems found, closed, still open and overdue on
the day of issue). A TableReport, so .xlsx and .pdf come from the same value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.rectification_rules import overdue
from dangjian_desktop.domain.venue_rules import tally
from dangjian_desktop.domain.venues import Inspection, Rectification
from dangjian_desktop.export import labels
from dangjian_desktop.export import venue_labels as words
from dangjian_desktop.export.table_report import ReportColumn, TableReport


@dataclass(frozen=True)
class SummaryRow:
    venue_name: str
    inspection: Inspection
    inspectors: str
    found: int
    closed: int
    still_open: int

    @property
    def score(self) -> float | None:
        return tally(self.inspection).percent


@dataclass(frozen=True)
class VenueYear:
    """What the year summary is built from (services/venue_exports.py, one snapshot)."""

    unit_name: str
    issued_on: date
    year: int
    venues: tuple[tuple[int, str], ...]  # (id, name) of every venue, retired ones too
    rows: tuple[SummaryRow, ...]
    rectifications: tuple[Rectification, ...]  # opened by this year's inspections
    prepared_by: str = ""


def _score(row: SummaryRow) -> str:
    return f"{row.score:.1f}" if row.score is not None else "—"


def _t(row: SummaryRow):
    return tally(row.inspection)


COLUMNS: tuple[ReportColumn[SummaryRow], ...] = (
    ReportColumn(words.SUMMARY_COLUMNS[0], lambda i, r: i, 6),
    ReportColumn(words.SUMMARY_COLUMNS[1], lambda i, r: r.venue_name, 22, wrap=True),
    ReportColumn(
        words.SUMMARY_COLUMNS[2],
        lambda i, r: r.inspection.inspected_on,
        12,
        xlsx_format="yyyy-mm-dd",
        pdf_format="%Y-%m-%d",
        one_line="2026-12-31",
    ),
    ReportColumn(words.SUMMARY_COLUMNS[3], lambda i, r: r.inspectors, 24, wrap=True),
    ReportColumn(words.SUMMARY_COLUMNS[4], lambda i, r: _score(r), 8, one_line="100.0"),
    ReportColumn(words.SUMMARY_COLUMNS[5], lambda i, r: _t(r).passed, 7),
    ReportColumn(words.SUMMARY_COLUMNS[6], lambda i, r: _t(r).failed, 7),
    ReportColumn(words.SUMMARY_COLUMNS[7], lambda i, r: _t(r).not_applicable, 7),
    ReportColumn(words.SUMMARY_COLUMNS[8], lambda i, r: r.found, 9),
    ReportColumn(words.SUMMARY_COLUMNS[9], lambda i, r: r.closed, 8),
    ReportColumn(words.SUMMARY_COLUMNS[10], lambda i, r: r.still_open, 8),
)


def venue_lines(data: VenueYear) -> list[str]:
    lines = []
    for venue_id, name in data.venues:
        rows = [r for r in data.rows if r.inspection.venue_id == venue_id]
        if not rows:
            lines.append(words.SUMMARY_VENUE_NONE.format(venue=name))
            continue
        scores = [r.score for r in rows if r.score is not None]
        average = f"{sum(scores) / len(scores):.1f} 分" if scores else words.SUMMARY_NO_AVERAGE
        rects = [r for r in data.rectifications if r.venue_id == venue_id]
        still = [r for r in rects if r.closed_on is None]
        lines.append(
            words.SUMMARY_VENUE_LINE.format(
                venue=name,
                count=len(rows),
                average=average,
                found=len(rects),
                closed=len(rects) - len(still),
                open=len(still),
                overdue=sum(1 for r in still if overdue(r, data.issued_on)),
            )
        )
    return lines


def venue_summary_table(data: VenueYear) -> TableReport[SummaryRow]:
    period = labels.YEAR_PERIOD.format(year=data.year)
    return TableReport(
        title=f"{words.SUMMARY_TITLE}（{period}）",
        sheet_name=words.SUMMARY_SHEET,
        unit_name=data.unit_name,
        issued_on=data.issued_on,
        columns=COLUMNS,
        rows=data.rows,
        subtitle=(labels.ISSUED_ON.format(date=labels.long_date(data.issued_on)),),
        period=period,
        footnotes=(*venue_lines(data), words.SUMMARY_SCORE_NOTE),
        signature=labels.signature_line(data.prepared_by),
        landscape=True,
        author=data.prepared_by or data.unit_name,
        row_name=lambda r: f"{r.venue_name} {r.inspection.inspected_on.isoformat()}",
    )
