"""A table report as both writers take it: plain values, no database, no file format.

Every tab's table report (党员花名册, 三会一课台账, 积分排名, the compliance calendar) is one
`TableReport[T]`: a title, the lines under it, the note every page header carries, columns
that say how to get a cell's value from a row of type T, the rows, and a signature line. The
.xlsx and .pdf writers (table_xlsx.py, table_pdf.py) know nothing else, so a new report is
an adapter that builds this value — see roster_report.py. No openpyxl or reportlab here:
building a report must not load them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from dangjian_desktop.export import labels
from dangjian_desktop.export.errors import ExportTextError

T = TypeVar("T")
Value = str | int | date | None


@dataclass(frozen=True, slots=True)
class ReportColumn(Generic[T]):
    """One column: its title, how to get a cell's value from a row, width and formats.

    `value(index, row)` gets the 1-based row number and the row, and returns a str, an int
    or a date (None = empty). `width` is in Excel character units; the PDF shares the page
    width out by these, but never narrower than the column's heading and `one_line` need.
    `xlsx_format` / `pdf_format` are the Excel number format and the strftime pattern of a
    date column. `wrap` lets long text run onto several lines (left-aligned); other columns
    are centred. `heading_lines` are the lines a long title may break into in a narrow PDF
    column, at a word boundary ("参加工作", "时间"); without them the title stays on one line.
    `one_line` is a sample of the widest value that must not wrap in the PDF
    ("0571-87654321"). `key` names the column for adapters and column profiles.
    """

    title: str
    value: Callable[[int, T], Value]
    width: float
    xlsx_format: str = ""
    pdf_format: str = ""
    wrap: bool = False
    heading_lines: tuple[str, ...] = ()
    one_line: str = ""
    key: str = ""


def _no_name(_row: object) -> str:
    return ""


@dataclass(frozen=True)
class TableReport(Generic[T]):
    """What the table writers print.

    `subtitle` parts go on the line under the title (period, filter, 制表日期, count).
    `header_note` goes at the right of every page header, after the date of issue (what is
    masked, or that full personal data is inside). `footnotes` are lines under the table,
    above the signature (a legend: what the marks of the compliance calendar mean).
    `signature` is the line under the table ("" for none). `row_name(row)` names a row in
    an error message (a member's name).
    """

    title: str
    sheet_name: str
    unit_name: str
    issued_on: date
    columns: Sequence[ReportColumn[T]]
    rows: Sequence[T]
    subtitle: Sequence[str] = ()
    period: str = ""
    header_note: str = ""
    footnotes: Sequence[str] = ()
    signature: str = ""
    landscape: bool = True
    author: str = ""
    row_name: Callable[[T], str] = _no_name

    @property
    def issued_text(self) -> str:
        return labels.ISSUED_ON.format(date=labels.long_date(self.issued_on))

    @property
    def page_left(self) -> str:
        """The left of a page header: the unit, and the period when the report has one."""
        return "　".join(part for part in (self.unit_name, self.period) if part)

    @property
    def page_right(self) -> str:
        return "　".join(part for part in (self.issued_text, self.header_note) if part)


# --- characters a report cannot hold -------------------------------------------------------
# Word's manual line break (\x0b), page break (\x0c) and the old separators come from pasted
# text; they mean "new line", and a newline is what both formats can write.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|\r\n?")
# What XML 1.0 (so .xlsx) cannot hold, and what a PDF would show as an empty box: control
# characters other than tab and newline, lone surrogates (undecodable text), U+FFFE/U+FFFF.
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str, report: TableReport, index: int, column: ReportColumn) -> str:
    """`text` as a cell can hold it: line-break characters become newlines; any other
    character a file cannot hold raises ExportTextError naming the row and the column.

    Call only for text that is not `str.isprintable()` (the cheap test that lets nearly every
    value through untouched)."""
    text = _LINE_BREAKS.sub("\n", text)
    bad = _UNWRITABLE.search(text)
    if bad is not None:
        row = report.rows[index - 1]
        raise ExportTextError(
            row_number=index,
            row_name=report.row_name(row),
            column=column.title,
            code_point=ord(bad.group()),
        )
    return text
