"""Typed errors of the exporters; messages.py words them in Chinese."""

from __future__ import annotations

from typing import ClassVar

from dangjian_desktop.domain.errors import AppError


class ExportTextError(AppError):
    """A cell holds a character no report file can hold (a control character pasted from
    Word or a web page, or undecodable text). Names the row and the column, so the user can
    open that record and retype the field, instead of meeting an "internal error"."""

    area: ClassVar[str] = "export"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "bad_character": "a character no report file can hold (params row, name, column, char)"
    }

    def __init__(self, *, row_number: int, row_name: str, column: str, code_point: int) -> None:
        super().__init__(
            "bad_character",
            {"row": row_number, "name": row_name, "column": column, "char": code_point},
            message=f"row {row_number}, column {column!r}: U+{code_point:04X}",
        )
        self.row_number = row_number
        self.row_name = row_name
        self.column = column
        self.code_point = code_point


class ExportRequestError(AppError):
    """An export asked for something no report can be: a year or quarter out of range, the
    会议记录 in a format other than PDF (both refused before anything is read), or the
    会议记录 of a meeting still 计划 (nothing was held to record). Nothing is written."""

    area: ClassVar[str] = "export"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "bad_year": "the year is outside [min, max] (params year, min, max)",
        "bad_quarter": "the quarter is not 1–4 (param quarter)",
        "quarter_needed": "the report is made for one quarter",
        "minutes_pdf_only": "the 会议记录 is written as PDF only (param format)",
        "minutes_planned": "the meeting (`meeting_id`) is still 计划: no record yet",
    }
