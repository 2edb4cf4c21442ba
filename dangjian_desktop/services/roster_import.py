"""党员花名册 .xlsx import: read → mapping the user can correct → preview → one commit.

    source = read_workbook(path)                      # ImportFileError: file-level problems
    sheet = source.default_sheet()
    mapping = propose_mapping(sheet.labels())         # column → field; the user corrects it
    existing, groups = import_context(engine)
    result = preview(source, sheet.name, mapping, today, existing, groups)   # per-row errors
    outcome = commit(engine, result, allow_partial=False, on_write=ws.note_changes)

Nothing is written before `commit`, and `commit` is one transaction (write_session: one
audit row): every row goes in, or — on any error, a cancel or a power cut — none does.

Error codes (the GUI words them; English meanings here):
ImportFileError  not_found     the file does not exist or cannot be opened
                 too_big       larger than the limit (params size, limit), or a zip that
                               unpacks to far more than that
                 not_xlsx      not an Excel workbook (a .txt, .csv, .html … renamed)
                 encrypted     password-protected: open it in Excel, remove the password
                 xls_format    old .xls (Excel 97–2003): 请用Excel另存为.xlsx后再导入
                 unreadable    an .xlsx that openpyxl cannot read (damaged)
                 no_sheets     a workbook without worksheets
MappingError     no_header     no header row found in rows 1–6 and none chosen
                 no_name_column   no column is mapped to 姓名
                 duplicate_field  two columns mapped to one field (param field)
                 unknown_field    a mapping target that is not importable (param field)
                 unknown_sheet    no sheet of that name (param sheet)
CommitRefused    no_valid_rows    nothing to import
                 has_errors       some rows have errors and allow_partial is False
                                  (param count)
                 duplicate_id     an ID number was added to the file since the preview
                                  (param id_number): preview again
Cancelled (progress.py)           the progress callback returned False; nothing written
Row errors are FieldErrors: the CellError codes of domain.roster_import_rules, the codes of
domain.member_rules.validate_member, and duplicate_in_file (param row: the first row with
that ID) / duplicate_id (already in the data file). Warning: unknown_group (param name).
"""

from __future__ import annotations

import os
import uuid
import zipfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain import roster_import_rules as rules
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.id_number import IdNumberError, parse_id
from dangjian_desktop.domain.member_rules import validate_member
from dangjian_desktop.domain.people import (
    Member,
    PartyStatus,
    StatusChange,
)
from dangjian_desktop.progress import Cancelled, Progress, ProgressTicker
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import member_history_repo, member_repo

MAX_BYTES = 30 * 1024 * 1024
# An .xlsx is a zip: a few MB can unpack to gigabytes of XML (a zip bomb, or just a sheet
# with a million formatted empty rows). Refuse what unpacks to more than this.
MAX_UNPACKED_BYTES = 20 * MAX_BYTES
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .xls, or encrypted .xlsx
# Office encrypts an .xlsx by wrapping it in an OLE file with these streams.
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
INSERT_BATCH = 500


class RosterImportError(Exception):
    """A roster import refused; nothing was written. `code` is listed in the module doc."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code if not params else f"{code} {params}")
        self.code = code
        self.params = params


class ImportFileError(RosterImportError):
    """The file cannot be read as a roster workbook."""


class MappingError(RosterImportError):
    """The column mapping (or header row) cannot be used."""


class CommitRefused(RosterImportError):
    """The preview cannot be committed as asked."""


# --- reading -------------------------------------------------------------------------------
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


def _check_container(path: Path, max_bytes: int) -> None:
    """Size and format, before openpyxl sees the file."""
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
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError("unreadable", detail=str(exc)) from exc
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportFileError("not_xlsx")  # a .docx, .zip … renamed
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError("too_big", size=unpacked, limit=MAX_UNPACKED_BYTES)


def read_workbook(
    path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, progress: Progress | None = None
) -> ImportSource:
    """Every worksheet's cell values and detected header row. Raises ImportFileError."""
    import openpyxl  # only the import pays for loading openpyxl

    path = Path(path)
    _check_container(path, max_bytes)
    sheets = []
    try:
        # A file object, not the path: openpyxl refuses names not ending in .xlsx, and a
        # real .xlsx saved as .xls is fine to read.
        with path.open("rb") as fh:
            book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            try:
                for ws in book.worksheets:
                    sheets.append(_read_sheet(ws, progress))
            finally:
                book.close()
    except (ImportFileError, Cancelled, MemoryError):
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors …)
        raise ImportFileError("unreadable", detail=f"{type(exc).__name__}: {exc}") from exc
    if not sheets:
        raise ImportFileError("no_sheets")
    return ImportSource(path, tuple(sheets))


def _read_sheet(ws, progress: Progress | None) -> SheetData:
    # Read-only mode trusts the file's recorded dimensions, which some writers get wrong
    # (e.g. "A1"): forget them and read what is there. Merged cells are not exposed in
    # this mode; a merged title is just a first cell with text, skipped by find_header_row.
    total = ws.max_row or 0
    ws.reset_dimensions()
    ticker = ProgressTicker(progress, total, every=1000)
    rows = []
    for done, row in enumerate(ws.iter_rows(values_only=True), 1):
        rows.append(tuple(row))
        ticker.report(done)
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    index = rules.find_header_row(rows)
    return SheetData(ws.title, tuple(rows), None if index is None else index + 1)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- mapping -------------------------------------------------------------------------------
def propose_mapping(header: Sequence[str]) -> dict[int, str | None]:
    """Column index (0-based) → field name or None (ignore): a proposal the user corrects.
    Fields: Member field names plus rules.PARTY_GROUP and rules.MOBILE_OR_LOST."""
    return rules.propose_fields(header)


def importable_fields() -> frozenset[str]:
    """The targets a column may be mapped to (for the GUI's choice list)."""
    return rules.IMPORTABLE_FIELDS


def check_mapping(mapping: Mapping[int, str | None]) -> None:
    targets = [f for f in mapping.values() if f]
    for field in targets:
        if field not in rules.IMPORTABLE_FIELDS:
            raise MappingError("unknown_field", field=field)
    for field in set(targets):
        if targets.count(field) > 1:
            raise MappingError("duplicate_field", field=field)
    if "name" not in targets:
        raise MappingError("no_name_column")


# --- preview -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PreviewRow:
    row_number: int  # 1-based, as Excel shows it
    member: Member  # what would be stored (also for rows with errors, to show them)
    errors: tuple[FieldError, ...] = ()
    warnings: tuple[FieldError, ...] = ()  # do not stop the row (unknown 党小组 …)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    sheet: str
    rows: tuple[PreviewRow, ...]
    skipped_count: int  # blank rows, repeated header rows, one-cell note rows
    today: date
    columns: dict[str, int]  # field → column index, to point at the cell of an error

    @property
    def valid_count(self) -> int:
        return sum(1 for r in self.rows if r.ok)

    @property
    def error_count(self) -> int:
        return len(self.rows) - self.valid_count


def import_context(engine: Engine) -> tuple[frozenset[str], dict[str, int]]:
    """(ID numbers already in the file — deleted members too, group name → group id)."""
    with read_session(engine) as s:
        existing = _existing_ids(s)
        groups = {name.replace(" ", ""): gid for gid, name in member_repo.group_names(s).items()}
    return existing, groups


def _existing_ids(s: Session) -> frozenset[str]:
    return frozenset(member_repo.id_numbers(s))


def preview(
    source: ImportSource,
    sheet: str,
    mapping: Mapping[int, str | None],
    today: date,
    existing_ids: Collection[str] = frozenset(),
    groups: Mapping[str, int] | None = None,
    *,
    header_row: int | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Parse and check every data row below the header. Writes nothing."""
    data = source.sheet(sheet)
    header_row = header_row or data.header_row
    if header_row is None:
        raise MappingError("no_header")
    check_mapping(mapping)
    columns = {field: col for col, field in mapping.items() if field}
    body = data.rows[header_row:]
    ticker = ProgressTicker(progress, len(body))
    seen: dict[str, int] = {}
    out: list[PreviewRow] = []
    skipped = 0
    for offset, row in enumerate(body):
        ticker.report(offset)
        cells = {f: (row[c] if c < len(row) else None) for f, c in columns.items()}
        if _not_a_member(cells):
            skipped += 1
            continue
        out.append(
            _preview_row(header_row + 1 + offset, cells, columns, today, existing_ids, groups, seen)
        )
    ticker.force(len(body))
    return ImportPreview(source.path, sheet, tuple(out), skipped, today, columns)


def _not_a_member(cells: Mapping[str, object]) -> bool:
    name = cells.get("name")
    if not _blank(name):
        return rules.field_for_header(name) == "name"  # the header repeated on each page
    filled = sum(1 for v in cells.values() if not _blank(v))
    return filled <= 1  # a blank row, or "填表人：…", "合计 32 人" under the table


def _preview_row(
    row_number: int,
    cells: Mapping[str, object],
    columns: Mapping[str, int],
    today: date,
    existing_ids: Collection[str],
    groups: Mapping[str, int] | None,
    seen: dict[str, int],
) -> PreviewRow:
    parsed = rules.parse_row(cells, groups)
    errors = [
        FieldError(field, exc.code, (*exc.params, ("column", columns[field])))
        for field, exc in parsed.errors
    ]
    values = dict(parsed.values)
    values.setdefault("name", "")
    _fill_from_id(values, today)
    # A uid now, so the commit can find the new rows' ids without another pass.
    # The parsers already give what member_rules.normalize_member would (trimmed name and
    # phone, normalised ID); skipping its dataclasses.replace saves a tenth of the import.
    member = Member(**values, uid=str(uuid.uuid4()))
    failed = {e.field for e in errors}
    if "id_number" in failed:
        failed.add("birth_date")  # its check against the ID number means nothing now
    errors += [e for e in validate_member(member, today) if e.field not in failed]
    number = member.id_number
    if number and "id_number" not in failed:
        if number in seen:
            errors.append(FieldError("id_number", "duplicate_in_file", (("row", seen[number]),)))
        else:
            seen[number] = row_number
            if number in existing_ids:
                errors.append(FieldError("id_number", "duplicate_id"))
    warnings = ()
    if parsed.group_name:
        warnings = (FieldError(rules.PARTY_GROUP, "unknown_group", (("name", parsed.group_name),)),)
    return PreviewRow(row_number, member, tuple(errors), warnings)


def _fill_from_id(values: dict[str, object], today: date) -> None:
    """Birth date and sex read from a valid ID number when the roster left them empty.
    Rosters record 出生年月 to the month ("1985.03" → 1985-03-01): when that month is the
    ID's, the ID's exact day is meant, not a mismatch."""
    number = values.get("id_number")
    if not number:
        return
    try:
        info = parse_id(str(number), today)
    except IdNumberError:
        return
    birth = values.get("birth_date")
    if birth is None or (
        birth.day == 1
        and (birth.year, birth.month) == (info.birth_date.year, info.birth_date.month)
    ):
        values["birth_date"] = info.birth_date
    if values.get("sex") is None:
        values["sex"] = info.sex


# --- commit --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    count: int
    changes: Changes
    skipped_rows: tuple[int, ...] = ()  # row numbers left out (allow_partial)


def commit(
    engine: Engine,
    result: ImportPreview,
    *,
    allow_partial: bool = False,
    on_write: Callable[[Changes], None] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Insert every valid row of the preview in one transaction. Rows with errors refuse
    the whole import unless `allow_partial`; then they are left out. Duplicate ID numbers
    are checked again inside the transaction, so a member added since the preview cannot
    slip in twice."""
    bad = [r.row_number for r in result.rows if not r.ok]
    if bad and not allow_partial:
        raise CommitRefused("has_errors", count=len(bad))
    members = [r.member for r in result.rows if r.ok]
    if not members:
        raise CommitRefused("no_valid_rows")
    detail = f"{result.path.name} [{result.sheet}]: {len(members)}"
    ticker = ProgressTicker(progress, len(members), every=1)
    with write_session(engine, "member.import_roster", detail) as s:
        existing = _existing_ids(s)
        for m in members:
            if m.id_number in existing:
                raise CommitRefused("duplicate_id", id_number=m.id_number)
        for start in range(0, len(members), INSERT_BATCH):
            ticker.report(start)  # Cancelled here rolls the whole import back
            member_repo.insert_many(s, members[start : start + INSERT_BATCH])
        ids = member_repo.ids_by_uid(s, [m.uid for m in members])
        member_history_repo.add_statuses(
            s,
            [
                (ids[m.uid], StatusChange(PartyStatus.NORMAL, m.join_date or result.today))
                for m in members
            ],
        )
        ticker.force(len(members))
    changes = Changes(members=True)
    if on_write is not None:
        on_write(changes)
    return ImportResult(len(members), changes, tuple(bad))
