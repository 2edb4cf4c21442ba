"""Typed errors of the exporters; messages.py words them in Chinese."""

from __future__ import annotations


class ExportTextError(Exception):
    """A cell holds a character no report file can hold (a control character pasted from
    Word or a web page, or undecodable text). Names the row and the column, so the user can
    open that record and retype the field, instead of meeting an "internal error"."""

    def __init__(self, *, row_number: int, row_name: str, column: str, code_point: int) -> None:
        super().__init__(f"row {row_number}, column {column!r}: U+{code_point:04X}")
        self.row_number = row_number
        self.row_name = row_name
        self.column = column
        self.code_point = code_point
