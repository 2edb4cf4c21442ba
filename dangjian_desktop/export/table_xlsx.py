"""A table report → .xlsx: title row, subtitle, frozen header, widths, signature line, and the
print setup (A4, landscape where wide, header row repeated, fit to width, page header with
unit and date, "第 X 页 共 Y 页" at the foot).

Written with openpyxl's write-only (streaming) mode, which keeps 10,000 rows fast and small
in memory (DESIGN.md §5: ≤ 1.5× a bare write-only dump of the same cells). Everything the
layout needs works in that mode when set before the first row is appended — column widths,
frozen panes and sheet properties are written at the top of the sheet, row heights as each
row is written — or before saving: page setup, print titles, header and footer, conditional
formats and merged cells are written at the tail. Write-only sheets have no `merge_cells()`,
but their `merged_cells` range list is the one a normal sheet uses and is written out the
same way; the tests re-read the merges.

Speed: a styled cell costs openpyxl several times a plain value, and styling all 190,000
body cells of the 10,000-member roster made the export ~1.8× the bare dump. So body cells
are plain values; the grid is one conditional format over the body (a border rule that is
always true), and only cells that need it carry a style: dates (their number format, as in
the bare dump), texts that wrap, and user text that openpyxl would otherwise take for a
formula.
"""

from __future__ import annotations

import math
import os
import re
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
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from dangjian_desktop.export import labels
from dangjian_desktop.export.atomic import atomic_write
from dangjian_desktop.export.table_report import ReportColumn, TableReport, clean_text
from dangjian_desktop.progress import Progress, ProgressTicker

TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
LINE_HEIGHT = 13.5  # points per line of the default 11-point font
ROW_PADDING = 2.0
WIDE_CHAR_UNITS = 2.1  # a CJK character in Excel column-width units ("0" of the default font)
STRING = "s"  # openpyxl data type
_ERROR_CODES = frozenset(ERROR_CODES)  # all begin with "#"
# Excel's limit on one sheet name, and the characters it refuses in one.
_SHEET_NAME_MAX = 31
_SHEET_NAME_BAD = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))

_thin = Side(style="thin", color="000000")
GRID = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
# Body cells keep Excel's default bottom alignment, wrapped ones too: plain values cannot
# be centred vertically without styling them, and one rule for all looks tidiest.
_WRAP = Alignment(wrap_text=True)
_DATE = Alignment(horizontal="center")


def footnote_row(rows: int) -> int:
    """The sheet row of the first footnote: one blank row below the last data row."""
    return HEADER_ROW + rows + 2


def signature_row(rows: int, footnotes: int = 0) -> int:
    """The sheet row of the signature line: below the footnotes, or one blank row below the
    last data row."""
    return footnote_row(rows) + footnotes


def _styled(ws: WriteOnlyWorksheet, value: object = None, **style: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


# The wide (W/F) characters: counted with one regex, which runs in C, where
# east_asian_width() per character took a tenth of a 400-meeting ledger's time (its lists of
# names are long and all different). The class is read from unicodedata for the BMP once,
# at import (~10 ms); above it the ideograph planes, Tangut/Kana supplements and emoji.
def _wide_class() -> re.Pattern[str]:
    bmp = [c for c in range(0x10000) if east_asian_width(chr(c)) in ("W", "F")]
    runs: list[tuple[int, int]] = []
    for c in bmp:
        if runs and runs[-1][1] == c - 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    runs += [(0x16FE0, 0x18CFF), (0x1B000, 0x1B2FF), (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF)]
    runs += [(0x1F900, 0x1F9FF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]
    # Runs of them, not one character a match: a line of Chinese names is one or a few runs,
    # and a match costs far more than a character within one (8× faster than counting
    # matches of one character on a list of names).
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs) + "]+"
    )


_WIDE_RUNS = _wide_class()


def width_units(text: str) -> float:
    """The width of `text` in Excel column units: 1 a character, WIDE_CHAR_UNITS a wide one."""
    if text.isascii():
        return float(len(text))
    wide = sum(map(len, _WIDE_RUNS.findall(text)))
    return len(text) + (WIDE_CHAR_UNITS - 1.0) * wide


class _LineCounter:
    """Estimates how many lines a text needs in a column `room` character units wide.

    Results are cached: most wrapped values repeat (units, 党小组, 人员类别).
    """

    def __init__(self) -> None:
        self._units: dict[str, float] = {}

    def __call__(self, text: str, room: float) -> int:
        units = self._units.get(text)
        if units is None:
            units = self._units[text] = width_units(text)
        return max(1, math.ceil(units / room))

    def lines(self, text: str, room: float) -> int:
        """Lines of a text with newlines in it (room 0: a column that does not wrap)."""
        if not room:
            return text.count("\n") + 1
        return sum(self(line, room) for line in text.split("\n"))


def _header_footer_text(text: str) -> str:
    return text.replace("&", "&&")  # "&" starts a code in Excel's header and footer


def _setup_sheet(ws: WriteOnlyWorksheet, report: TableReport, units_of: _LineCounter) -> None:
    """Everything written at the top of the sheet must be set before the first row."""
    columns, rows = report.columns, len(report.rows)
    for i, col in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.orientation = (
        Worksheet.ORIENTATION_LANDSCAPE if report.landscape else Worksheet.ORIENTATION_PORTRAIT
    )
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddHeader.left.text = _header_footer_text(report.page_left)
    ws.oddHeader.right.text = _header_footer_text(report.page_right)
    ws.oddHeader.left.size = ws.oddHeader.right.size = 9
    ws.oddFooter.center.text = labels.XLSX_PAGE_FOOTER
    ws.oddFooter.center.size = 9
    last = get_column_letter(len(columns))
    ws.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.merged_cells.add(f"A{SUBTITLE_ROW}:{last}{SUBTITLE_ROW}")
    width = sum(col.width for col in columns) - 1
    for i, note in enumerate(report.footnotes):
        row = footnote_row(rows) + i
        ws.merged_cells.add(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = units_of.lines(note, width) * LINE_HEIGHT + ROW_PADDING
    if report.signature:
        sign = signature_row(rows, len(report.footnotes))
        ws.merged_cells.add(f"A{sign}:{last}{sign}")
        ws.row_dimensions[sign].height = 24
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


def _heading(col: ReportColumn, units_of: _LineCounter) -> str:
    """The column title, or its `heading_lines` when the whole title is too wide for the
    column: Excel would otherwise break it in the middle of a word (参加工/作时间). The
    roster import ignores the newline when it reads a header back."""
    if col.heading_lines and units_of(col.title, col.width) > 1:
        return "\n".join(col.heading_lines)
    return col.title


def _heading_rows(ws: WriteOnlyWorksheet, report: TableReport, units_of: _LineCounter) -> None:
    title = _styled(
        ws,
        report.title,
        font=Font(size=16, bold=True),
        alignment=Alignment(horizontal="center", vertical="center"),
    )
    ws.append([title])
    # On screen nobody sees the page header, so the subtitle says what it says as well.
    parts = [*report.subtitle, report.header_note] if report.header_note else report.subtitle
    subtitle = "　　".join(parts)
    ws.append([_styled(ws, subtitle, alignment=Alignment(horizontal="right"))])
    fill = PatternFill("solid", fgColor="D9D9D9")
    bold = Font(bold=True)
    ws.append(
        [
            _styled(
                ws, _heading(col, units_of), font=bold, fill=fill, border=GRID, alignment=_CENTRE
            )
            for col in report.columns
        ]
    )


def _signature(ws: WriteOnlyWorksheet, report: TableReport) -> None:
    """The footnotes and the signature line, after one blank row."""
    if not (report.footnotes or report.signature):
        return
    ws.append([])
    for note in report.footnotes:
        ws.append([_styled(ws, note, alignment=Alignment(vertical="top", wrap_text=True))])
    if report.signature:
        ws.append([_styled(ws, report.signature, alignment=Alignment(vertical="center"))])


def _sheet_name(name: str) -> str:
    return (name.translate(_SHEET_NAME_BAD) or "Sheet1")[:_SHEET_NAME_MAX]


def write_table_xlsx(
    report: TableReport,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> None:
    """Write the report to `path` atomically; raise Cancelled if `progress` returns False."""
    columns: Sequence[ReportColumn] = report.columns
    rows = report.rows
    ticker = ProgressTicker(progress, len(rows))
    ticker.report(0)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_name(report.sheet_name))
    lines_of = _LineCounter()
    _setup_sheet(ws, report, lines_of)
    # One styled cell per date column and per wrapping column, refilled row after row: a
    # write-only sheet serialises a row as soon as it is appended, so they are free again.
    date_cells = [
        _styled(ws, number_format=col.xlsx_format, alignment=_DATE) if col.xlsx_format else None
        for col in columns
    ]
    wrap_cells = [_styled(ws, alignment=_WRAP) if col.wrap else None for col in columns]
    plan = [
        (col.value, date_cells[i], wrap_cells[i], col.width - 1 if col.wrap else 0.0, col)
        for i, col in enumerate(columns)
    ]
    row_dims = ws.row_dimensions
    # One RowDimension per height, shared by the rows of that height: making one costs
    # openpyxl ~20 µs (a tenth of a 台账's writing), and the sheet writer reads of it only
    # what it writes into the row's element (height, hidden, outline), never its index.
    heights: dict[int, RowDimension] = {}
    try:
        _heading_rows(ws, report, lines_of)
        for index, item in enumerate(rows, 1):
            row: list[object] = []
            put = row.append
            lines = 1
            for get, date_cell, wrap_cell, room, col in plan:
                value = get(index, item)
                if isinstance(value, str):
                    if not value:
                        put(None)  # no cell at all: a blank needs no element in the sheet
                        continue
                    if not value.isprintable():  # control characters, newlines: rare
                        value = clean_text(value, report, index, col)
                        n = lines_of.lines(value, room)
                    elif room and len(value) * WIDE_CHAR_UNITS > room:
                        n = lines_of(value, room)
                    else:
                        # A column that does not wrap (room 0), or a text shorter than the
                        # column even if all of it were wide: one line, without counting.
                        n = 1
                    if value[0] in "=#" and (value[0] == "=" or value in _ERROR_CODES):
                        # User text is data: never a formula or an error value.
                        text = _styled(ws, alignment=_WRAP) if n > 1 else _styled(ws)
                        text.value = value
                        text.data_type = STRING
                        value = text
                    elif n > 1:
                        cell = wrap_cell if wrap_cell is not None else _styled(ws, alignment=_WRAP)
                        cell.value = value
                        value = cell
                    if n > lines:
                        lines = n
                elif isinstance(value, date):
                    date_cell.value = value
                    value = date_cell
                put(value)
            if lines > 1:
                # Neither Excel nor LibreOffice grows a row for wrapped text on opening
                # the file, so the writer sets the height (read when the row is written).
                dim = heights.get(lines)
                if dim is None:
                    dim = heights[lines] = RowDimension(ws, ht=lines * LINE_HEIGHT + ROW_PADDING)
                row_dims[HEADER_ROW + index] = dim
            ws.append(row)
            ticker.report(index)
        _signature(ws, report)
        with atomic_write(path) as fh:
            wb.save(fh)
            # The last tick is inside the write: a cancel here still leaves the old file.
            ticker.force(len(rows))
    except BaseException:
        _discard_stream(ws)
        raise
