"""党员花名册 → .xlsx: title row, frozen header, widths, A4 landscape print setup.

Written with openpyxl's write-only (streaming) mode, which keeps 10,000 rows fast and small
in memory (DESIGN.md §5: ≤ 1.5× a bare write-only dump of the same cells). Everything the
layout needs works in that mode when set before the first row is appended — column widths,
frozen panes and sheet properties are written at the top of the sheet, row heights as each
row is written — or before saving: page setup, print titles, footer, conditional formats
and merged cells are written at the tail. Write-only sheets have no `merge_cells()`, but
their `merged_cells` range list is the one a normal sheet uses and is written out the same
way; the tests re-read the merges.

Speed: a styled cell costs openpyxl several times a plain value, and styling all 190,000
body cells made the export ~1.8× the bare dump. So body cells are plain values; the grid
is one conditional format over the body (a border rule that is always true), and only
cells that need it carry a style: dates (their number format, as in the bare dump),
texts that wrap, and user text that openpyxl would otherwise take for a formula.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from contextlib import suppress
from datetime import date
from unicodedata import east_asian_width

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from dangjian_desktop.export import labels
from dangjian_desktop.export.atomic import atomic_write
from dangjian_desktop.export.labels import ROSTER_COLUMNS, RosterColumn
from dangjian_desktop.export.roster_report import RosterReport
from dangjian_desktop.progress import Progress, ProgressTicker

TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
LINE_HEIGHT = 13.5  # points per line of the default 11-point font
ROW_PADDING = 2.0
WIDE_CHAR_UNITS = 2.1  # a CJK character in Excel column-width units ("0" of the default font)
STRING = "s"  # openpyxl data type

_thin = Side(style="thin", color="000000")
GRID = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
# Body cells keep Excel's default bottom alignment, wrapped ones too: plain values cannot
# be centred vertically without styling them, and one rule for all looks tidiest.
_WRAP = Alignment(wrap_text=True)
_DATE = Alignment(horizontal="center")


def _styled(ws: WriteOnlyWorksheet, value: object = None, **style: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


class _LineCounter:
    """Estimates how many lines a text needs in a column `room` character units wide.

    Results are cached: most wrapped values repeat (units, 党小组, 人员类别).
    """

    def __init__(self) -> None:
        self._units: dict[str, float] = {}

    def __call__(self, text: str, room: float) -> int:
        units = self._units.get(text)
        if units is None:
            units = self._units[text] = sum(
                WIDE_CHAR_UNITS if east_asian_width(ch) in "WF" else 1.0 for ch in text
            )
        return max(1, math.ceil(units / room))


def _setup_sheet(ws: WriteOnlyWorksheet, columns: Sequence[RosterColumn], rows: int) -> None:
    """Everything written at the top of the sheet must be set before the first row."""
    for i, col in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = labels.XLSX_PAGE_FOOTER
    ws.oddFooter.center.size = 9
    last = get_column_letter(len(columns))
    ws.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.merged_cells.add(f"A{SUBTITLE_ROW}:{last}{SUBTITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 30
    ws.row_dimensions[HEADER_ROW].height = 30
    if rows:
        body = f"A{FIRST_DATA_ROW}:{last}{HEADER_ROW + rows}"
        ws.conditional_formatting.add(body, FormulaRule(formula=["TRUE()"], border=GRID))


def _discard_stream(ws: WriteOnlyWorksheet) -> None:
    """Close and delete the sheet's temporary row stream after a cancel or an error.

    openpyxl streams rows to a file in the system temp folder and would only remove it at
    interpreter exit; a cancelled export must not leave it behind until then.
    """
    rows = getattr(ws, "_rows", None)
    if rows is not None:
        rows.close()
    writer = getattr(ws, "_writer", None)
    if writer is not None:
        with suppress(Exception):
            writer.xf.close()
        with suppress(OSError):
            os.remove(writer.out)


def _heading_rows(ws, report: RosterReport, columns: Sequence[RosterColumn]) -> None:
    title = _styled(
        ws,
        labels.roster_title(report.unit_name),
        font=Font(size=16, bold=True),
        alignment=Alignment(horizontal="center", vertical="center"),
    )
    ws.append([title])
    subtitle = "　　".join(
        (
            labels.ISSUED_ON.format(date=labels.long_date(report.issued_on)),
            labels.MEMBER_COUNT.format(count=len(report.members)),
        )
    )
    ws.append([_styled(ws, subtitle, alignment=Alignment(horizontal="right"))])
    fill = PatternFill("solid", fgColor="D9D9D9")
    bold = Font(bold=True)
    ws.append(
        [
            _styled(ws, col.title, font=bold, fill=fill, border=GRID, alignment=_CENTRE)
            for col in columns
        ]
    )


def export_roster_xlsx(
    report: RosterReport,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    columns: Sequence[RosterColumn] = ROSTER_COLUMNS,
) -> None:
    """Write the roster to `path` atomically; raise Cancelled if `progress` returns False."""
    members = report.members
    ticker = ProgressTicker(progress, len(members))
    ticker.report(0)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(labels.ROSTER_SHEET)
    _setup_sheet(ws, columns, len(members))
    # One styled cell per date column and per wrapping column, refilled row after row: a
    # write-only sheet serialises a row as soon as it is appended, so they are free again.
    date_cells = [
        _styled(ws, number_format=col.xlsx_format, alignment=_DATE) if col.xlsx_format else None
        for col in columns
    ]
    wrap_cells = [_styled(ws, alignment=_WRAP) if col.wrap else None for col in columns]
    plan = [
        (col.value, date_cells[i], wrap_cells[i], col.width - 1 if col.wrap else 0.0)
        for i, col in enumerate(columns)
    ]
    lines_of = _LineCounter()
    row_dims = ws.row_dimensions
    try:
        _heading_rows(ws, report, columns)
        for index, member in enumerate(members, 1):
            row: list[object] = []
            lines = 1
            for get, date_cell, wrap_cell, room in plan:
                value = get(index, member, report)
                if isinstance(value, date):
                    date_cell.value = value
                    value = date_cell
                elif isinstance(value, str) and value:
                    n = lines_of(value, room) if room else 1
                    if value[0] == "=" or value in ERROR_CODES:
                        # User text is data: never a formula or an error value.
                        text = _styled(ws, alignment=_WRAP) if n > 1 else _styled(ws)
                        text.value = value
                        text.data_type = STRING
                        value = text
                    elif n > 1:
                        wrap_cell.value = value
                        value = wrap_cell
                    lines = max(lines, n)
                row.append(value)
            if lines > 1:
                # Neither Excel nor LibreOffice grows a row for wrapped text on opening
                # the file, so the writer sets the height (read when the row is written).
                row_dims[HEADER_ROW + index].height = lines * LINE_HEIGHT + ROW_PADDING
            ws.append(row)
            ticker.report(index)
        with atomic_write(path) as fh:
            wb.save(fh)
            # The last tick is inside the write: a cancel here still leaves the old file.
            ticker.force(len(members))
    except BaseException:
        _discard_stream(ws)
        raise
