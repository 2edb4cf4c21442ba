"""党员花名册 .xlsx import: read → mapping the user can correct → preview → one commit.

The window and the command line both go through RosterImportService (its methods fill in
the engine, today and write reporting), in this order:

    source = svc.read_workbook(path, progress=...)      # ImportFileError: the file
    proposal = svc.propose_mapping(source, sheet)       # column → field; the user corrects
    svc.check_mapping(source, sheet, mapping, header_row)
    result = svc.preview(source, sheet, mapping, header_row=...)   # per-row errors
    outcome = svc.commit(result, allow_partial=False)

Nothing is written before `commit`, and `commit` is one transaction (write_session: one
audit row): every row goes in, or — on any error, a cancel or a power cut — none does.
Reading the workbook and its container checks are services/roster_workbook.py.

Error codes (messages.IMPORT_ERRORS words them; English meanings here):
ImportFileError  see roster_workbook
MappingError     no_header        no header row found and none chosen, or the chosen row
                                  holds no column name and nothing is mapped to 姓名
                 bad_header_row   the chosen header row is outside the sheet (params row, rows)
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
Row errors are FieldErrors: the CellError codes of domain.cell_parsers (bad_date becomes
bad_date_cell, param value: the cell as written), the codes of
domain.member_rules.validate_member, and duplicate_in_file (param row: the first row with
that ID) / duplicate_id (already in the data file). Warning: unknown_group (param name).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain import roster_import_rules as rules
from dangjian_desktop.domain.audit import MEMBER, AuditRecord
from dangjian_desktop.domain.cell_parsers import clean_text, looks_like_id
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.id_number import IdNumberError, parse_id
from dangjian_desktop.domain.masking import mask_id
from dangjian_desktop.domain.member_rules import normalize_member, validate_member
from dangjian_desktop.domain.people import Member, PartyStatus, StatusChange
from dangjian_desktop.progress import Progress, ProgressTicker
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.roster_workbook import (
    ImportFileError,
    ImportSource,
    MappingError,
    RosterImportError,
    SheetData,
    blank,
    read_workbook,
)
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import member_history_repo, member_repo

__all__ = [
    "CommitRefused",
    "ImportFileError",
    "ImportPreview",
    "ImportResult",
    "ImportSource",
    "MappingError",
    "MappingProposal",
    "PreviewRow",
    "RosterImportError",
    "SheetData",
    "read_workbook",
]

INSERT_BATCH = 500
EXAMPLE_CHARS = 24  # an example value in the mapping, cut to what fits its column


class CommitRefused(RosterImportError):
    """The preview cannot be committed as asked."""


# CommitRefused codes (the file's and the mapping's: roster_workbook.ERROR_CODES).
ERROR_CODES: dict[str, str] = {
    "no_valid_rows": "nothing to import",
    "has_errors": "some rows have errors and allow_partial is False (param count)",
    "duplicate_id": "an ID number was added to the file since the preview (param id_number)",
}
CommitRefused.ERROR_CODES = ERROR_CODES


# --- mapping -------------------------------------------------------------------------------
@dataclass(frozen=True)
class MappingProposal:
    """What the import proposes for one sheet and header row; the user corrects `fields`."""

    sheet: str
    header_row: int  # 1-based
    labels: tuple[str, ...]  # the header's column names ("" for an empty header cell)
    fields: dict[int, str | None]  # column index (0-based) → field, None = not imported
    by_values: frozenset[int]  # columns whose field was decided by their values
    examples: dict[int, str]  # column → its first value under the header, ID numbers masked

    @property
    def columns(self) -> list[int]:
        """The columns worth listing: a header name, a proposed field or a value."""
        cols = {c for c, label in enumerate(self.labels) if label}
        cols |= {c for c, f in self.fields.items() if f} | set(self.examples)
        return sorted(cols)


def propose_mapping(sheet: SheetData, header_row: int | None = None) -> MappingProposal:
    """The proposal for `sheet` with its header on `header_row` (default: the detected one;
    MappingError("no_header") when there is none). Fields are Member field names plus
    rules.PARTY_GROUP and rules.MOBILE_OR_LOST, decided by header and by values."""
    row = header_row or sheet.header_row
    if row is None:
        raise MappingError("no_header")
    labels = sheet.labels(row)
    sample = sheet.rows[row : row + rules.VALUE_SAMPLE_ROWS]
    proposal = rules.propose_fields(labels, sample)
    return MappingProposal(
        sheet.name, row, tuple(labels), proposal.fields, proposal.by_values, _examples(sample)
    )


def _examples(sample) -> dict[int, str]:
    examples: dict[int, str] = {}
    for row in sample:
        for col, value in enumerate(row):
            if col in examples or blank(value):
                continue
            text = mask_id(clean_text(value)) if looks_like_id(value) else clean_text(value)
            examples[col] = text[:EXAMPLE_CHARS]
    return examples


def importable_fields() -> tuple[str, ...]:
    """The targets a column may be mapped to, in the member form's order."""
    return rules.IMPORTABLE_FIELDS


def check_mapping(mapping: Mapping[int, str | None], labels: Collection[str] | None = None) -> None:
    """MappingError unless `mapping` can be previewed. `labels`: the chosen header row's
    names, to tell "no column is 姓名" from "that row is not the header"."""
    targets = [f for f in mapping.values() if f]
    for field in targets:
        if field not in rules.IMPORTABLE_FIELDS:
            raise MappingError("unknown_field", field=field)
    for field in set(targets):
        if targets.count(field) > 1:
            raise MappingError("duplicate_field", field=field)
    if "name" not in targets:
        if labels is not None and not any(rules.field_for_header(x) for x in labels if x):
            raise MappingError("no_header")
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
    check_mapping(mapping, data.labels(header_row))
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
    if not blank(name):
        return rules.field_for_header(name) == "name"  # the header repeated on each page
    filled = sum(1 for v in cells.values() if not blank(v))
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
    errors = [_cell_error(field, exc, cells[field], columns[field]) for field, exc in parsed.errors]
    values = dict(parsed.values)
    values.setdefault("name", "")
    _fill_from_id(values, today)
    # A uid now, so the commit can find the new rows' ids without another pass. The text
    # goes through the same door as typed input (control characters, line breaks): a clean
    # row comes back as the same object, so this costs a few microseconds a row.
    member = normalize_member(Member(**values, uid=str(uuid.uuid4())))
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


def _cell_error(field: str, exc, raw: object, column: int) -> FieldError:
    if exc.code == "bad_date":
        # The form's "日期格式应为 2024-03-01" would send the user retyping every date; a
        # roster cell is told which value was not understood and which forms are.
        value = clean_text(raw)[:EXAMPLE_CHARS]
        return FieldError(field, "bad_date_cell", (("value", value), ("column", column)))
    return FieldError(field, exc.code, (*exc.params, ("column", column)))


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
    # The workbook's file name says which roster it was (unlike an export's, it is the
    # user's source file, not named after a person).
    facts = {"file": result.path.name, "sheet": result.sheet, "count": len(members)}
    audit = AuditRecord(MEMBER, details={**facts, "skipped": len(bad)})
    ticker = ProgressTicker(progress, len(members), every=1)
    with write_session(engine, "member.import_roster", audit=audit) as s:
        existing = _existing_ids(s)
        for m in members:
            if m.id_number in existing:
                raise CommitRefused("duplicate_id", id_number=m.id_number)
        for start in range(0, len(members), INSERT_BATCH):
            ticker.report(start)  # Cancelled here rolls the whole import back
            member_repo.insert_many(s, members[start : start + INSERT_BATCH])
        ids = member_repo.ids_by_uid(s, [m.uid for m in members])
        audit.ids = sorted(ids.values())
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
