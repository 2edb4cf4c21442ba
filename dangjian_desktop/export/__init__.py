"""Exporters: .xlsx and .pdf writers with a progress callback and atomic writes. No Qt here.

`writer_for(fmt)` is the one dispatch from a format to its table writer. It imports the
writer when first asked, so openpyxl and reportlab load on the first export, not at every
start-up (DESIGN.md §5).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dangjian_desktop.export.table_report import TableReport
    from dangjian_desktop.progress import Progress

FORMATS = ("xlsx", "pdf")

TableWriter = Callable[["TableReport", "str | os.PathLike[str]", "Progress | None"], None]


def writer_for(fmt: str) -> TableWriter:
    """The table writer of `fmt` ("xlsx" or "pdf"); ValueError for any other format."""
    if fmt == "xlsx":
        from dangjian_desktop.export.table_xlsx import write_table_xlsx

        return write_table_xlsx
    if fmt == "pdf":
        from dangjian_desktop.export.table_pdf import write_table_pdf

        return write_table_pdf
    raise ValueError(f"unknown export format {fmt!r}")


def format_of(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name asks for by its suffix (any case), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None
