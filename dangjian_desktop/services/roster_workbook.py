"""Reading a roster .xlsx safely: check the container, then read every sheet's cell values
under a time budget. No SQL; the import itself is services/roster_import.py.

An .xlsx is a zip of XML parts, and a small file can hold a part that is far larger, or that
the XML parser takes hours over: Python's expat (2.5) rescans a token it has not finished for
every chunk it is fed, so one 400 MB XML comment inside a 400 KB file costs time growing with
the square of its length (5/10/20 MB: 4/8/24 s here). So before openpyxl sees the file each
part is refused by its uncompressed size and by its compression ratio (the zip's own records
bound what zipfile will inflate), and while openpyxl reads, every chunk it pulls from the zip
checks the time budget and the Cancel button.

ImportFileError and MappingError codes: ERROR_CODES (messages.IMPORT_ERRORS words them).
"""

from __future__ import annotations

import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.domain import roster_import_rules as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.progress import Cancelled, Progress, ProgressTicker

MAX_BYTES = 30 * 1024 * 1024

ERROR_CODES: dict[str, str] = {
    # ImportFileError: the file
    "not_found": "the file does not exist or cannot be opened (`detail`: the OS error)",
    "too_big": "the file is larger than the limit (params size, limit)",
    "unpacked_too_big": "the zip unpacks to more than MAX_UNPACKED_BYTES (params size, limit)",
    "part_too_big": "one part unpacks to more than MAX_PART_BYTES (params part, size, limit)",
    "zip_bomb": "one part inflates more than MAX_RATIO times (params part, ratio)",
    "too_slow": "reading took longer than the time budget (param seconds)",
    "not_xlsx": "not an Excel workbook (a .txt, .csv, .html … renamed)",
    "encrypted": "password-protected: open it in Excel, remove the password",
    "xls_format": "old .xls (Excel 97–2003): 请用Excel另存为.xlsx后再导入",
    "unreadable": "an .xlsx that openpyxl cannot read, damaged (`detail`: why)",
    "no_sheets": "a workbook without worksheets",
    # MappingError: the column mapping or header row (see services/roster_import.py)
    "no_header": "no header row found and none chosen, or the chosen row holds no column "
    "name and nothing is mapped to 姓名",
    "bad_header_row": "the chosen header row is outside the sheet (params row, rows)",
    "no_name_column": "no column is mapped to 姓名",
    "duplicate_field": "two columns mapped to one field (param field)",
    "unknown_field": "a mapping target that is not importable (param field)",
    "unknown_sheet": "no sheet of that name (param sheet)",
}
# What the whole zip may unpack to (a sheet with a million formatted empty rows is large but
# honest), and what one part may: 60,000 members × 40 columns is about 60 MB of sheet XML.
MAX_UNPACKED_BYTES = 20 * MAX_BYTES
MAX_PART_BYTES = 120 * 1024 * 1024
# Sheet XML written by Excel, WPS or openpyxl inflates 5–20×, repetitive sheets up to ~40×;
# deflate's ceiling is ~1030×, which only padding reaches. Small parts may be anything.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 4 * 1024 * 1024
# Honest files read in seconds (10,000 rows: about 3 s on an office PC); past this the file
# is hostile or broken, and the user is told so instead of waiting for hours.
READ_TIME_BUDGET = 60.0
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .xls, or encrypted .xlsx
# Office encrypts an .xlsx by wrapping it in an OLE file with these streams.
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


class RosterImportError(AppError):
    """A roster import refused; nothing was written. `code` is one of ERROR_CODES (and
    roster_import.ERROR_CODES for the commit's)."""

    area = "roster_import"

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)


class ImportFileError(RosterImportError):
    """The file cannot be read as a roster workbook."""


class MappingError(RosterImportError):
    """The column mapping (or header row) cannot be used."""


RosterImportError.ERROR_CODES = ERROR_CODES


# --- what was read -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SheetData:
    name: str
    rows: tuple[tuple[object, ...], ...]  # every row from row 1, cell values as read
    header_row: int | None  # 1-based row number of the detected header, None = not found

    def labels(self, header_row: int | None = None) -> list[str]:
        """The header's column names (of the detected header row unless one is given)."""
        row = header_row or self.header_row
        if row is None:
            raise MappingError("no_header")
        if not 1 <= row <= max(1, len(self.rows)):
            raise MappingError("bad_header_row", row=row, rows=len(self.rows))
        return rules.header_labels(self.rows, row - 1)


@dataclass(frozen=True)
class ImportSource:
    path: Path
    sheets: tuple[SheetData, ...]

    def sheet(self, name: str) -> SheetData:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise MappingError("unknown_sheet", sheet=name)

    def default_sheet(self) -> SheetData:
        """The first sheet with a header, else the first sheet."""
        return next((s for s in self.sheets if s.header_row is not None), self.sheets[0])


# --- the container -----------------------------------------------------------------------------
def check_container(path: Path, max_bytes: int = MAX_BYTES) -> None:
    """Size, format and every part's size and ratio, before openpyxl sees the file."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(len(OLE_MAGIC))
    except OSError as exc:
        raise ImportFileError("not_found", detail=str(exc)) from exc
    if size > max_bytes:
        raise ImportFileError("too_big", size=size, limit=max_bytes)
    if head == OLE_MAGIC:
        data = path.read_bytes()
        if any(stream in data for stream in _ENCRYPTION_STREAMS):
            raise ImportFileError("encrypted")
        raise ImportFileError("xls_format")
    if not zipfile.is_zipfile(path):
        raise ImportFileError("not_xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError("unreadable", detail=str(exc)) from exc
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportFileError("not_xlsx")  # a .docx, .zip … renamed
    for info in infos:
        _check_part(info)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError("unpacked_too_big", size=unpacked, limit=MAX_UNPACKED_BYTES)


def _check_part(info: zipfile.ZipInfo) -> None:
    # zipfile stops inflating a member at its recorded file_size and reads no more than its
    # compress_size, so these recorded numbers bound what the parser can be fed.
    if info.file_size > MAX_PART_BYTES:
        raise ImportFileError(
            "part_too_big", part=info.filename, size=info.file_size, limit=MAX_PART_BYTES
        )
    if info.file_size > RATIO_FLOOR_BYTES:
        ratio = info.file_size / max(1, info.compress_size)
        if ratio > MAX_RATIO:
            raise ImportFileError("zip_bomb", part=info.filename, ratio=round(ratio))


class _Guard:
    """The time budget and the Cancel button, checked each time the parser pulls a chunk."""

    def __init__(self, budget: float, progress: Progress | None) -> None:
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self._progress = progress
        self._next_tick = 0.0

    def check(self) -> None:
        now = time.monotonic()
        if now > self.deadline:
            raise ImportFileError("too_slow", seconds=max(1, round(self.budget)))
        if self._progress is not None and now >= self._next_tick:
            self._next_tick = now + 0.1
            if self._progress(0, 0) is False:  # total 0: "busy", no bar yet
                raise Cancelled


class _GuardedStream:
    """A zip member as openpyxl reads it (iterparse pulls 16 KB at a time)."""

    def __init__(self, stream, guard: _Guard) -> None:
        self._stream = stream
        self._guard = guard

    def read(self, size: int = -1) -> bytes:
        self._guard.check()
        return self._stream.read(size)

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _GuardedStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _GuardedZipFile(zipfile.ZipFile):
    guard: _Guard

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        stream = super().open(name, mode, pwd, force_zip64=force_zip64)
        return _GuardedStream(stream, self.guard) if mode == "r" else stream


def _load_guarded(fh, guard: _Guard):
    """openpyxl.load_workbook(fh, read_only=True, data_only=True), reading through a guarded
    zip: openpyxl opens the archive itself, so its reader is given ours before it reads."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(fh, read_only=True, data_only=True)
    reader.archive.close()  # its own view of fh (closing it leaves fh open)
    guarded = _GuardedZipFile(fh)
    guarded.guard = guard
    reader.archive = guarded
    reader.valid_files = guarded.namelist()
    reader.read()
    return reader.wb


# --- reading -----------------------------------------------------------------------------------
def read_workbook(
    path: str | os.PathLike[str],
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
    *,
    time_budget: float = READ_TIME_BUDGET,
) -> ImportSource:
    """Every worksheet's cell values and detected header row. Raises ImportFileError, or
    Cancelled when `progress` returns False."""
    path = Path(path)
    check_container(path, max_bytes)
    guard = _Guard(time_budget, progress)
    sheets = []
    try:
        # A file object, not the path: openpyxl refuses names not ending in .xlsx, and a
        # real .xlsx saved as .xls is fine to read.
        with path.open("rb") as fh:
            book = _load_guarded(fh, guard)
            try:
                for ws in book.worksheets:
                    sheets.append(_read_sheet(ws, progress, guard))
            finally:
                book.close()
    except (ImportFileError, Cancelled, MemoryError):
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors …)
        raise ImportFileError("unreadable", detail=f"{type(exc).__name__}: {exc}") from exc
    if not sheets:
        raise ImportFileError("no_sheets")
    return ImportSource(path, tuple(sheets))


def _read_sheet(ws, progress: Progress | None, guard: _Guard) -> SheetData:
    # Read-only mode trusts the file's recorded dimensions, which some writers get wrong
    # (e.g. "A1"): forget them and read what is there. Merged cells are not exposed in
    # this mode; a merged title is just a first cell with text, skipped by find_header_row.
    total = ws.max_row or 0
    ws.reset_dimensions()
    ticker = ProgressTicker(progress, total, every=1000)
    rows = []
    for done, row in enumerate(ws.iter_rows(values_only=True), 1):
        rows.append(tuple(row))
        if done % 1000 == 0:
            guard.check()
            ticker.report(done)
    while rows and all(blank(v) for v in rows[-1]):
        rows.pop()
    index = rules.find_header_row(rows)
    return SheetData(ws.title, tuple(rows), None if index is None else index + 1)


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
