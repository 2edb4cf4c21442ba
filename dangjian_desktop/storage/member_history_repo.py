"""A member's 党籍状态 history, 组织关系转接 records and photo: the rows kept beside a member.

History rows are only ever added, never overwritten (member_service writes the status and
its dated row together). The photo lives in its own table so roster queries never load
image bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Table, delete, func, select
from sqlalchemy import insert as sql_insert
from sqlmodel import Session

from dangjian_desktop.domain.people import (
    PartyStatus,
    StatusChange,
    Transfer,
    TransferDirection,
    TransferKind,
)
from dangjian_desktop.storage import damage, query
from dangjian_desktop.storage.tables import MemberPhotoRow, MemberStatusRow, MemberTransferRow

_STATUS_TABLE = MemberStatusRow.__table__
_TRANSFER_TABLE = MemberTransferRow.__table__
_TRANSFER_FIELDS = [f.name for f in fields(Transfer) if f.name != "id"]
_STATUSES = {s.value: s for s in PartyStatus}  # code → member, without the enum call per row
_ENUMS = {"status": PartyStatus, "direction": TransferDirection, "kind": TransferKind}
_TEXT = frozenset(
    c.name for t in (_STATUS_TABLE, _TRANSFER_TABLE) for c in t.c if damage.is_text(c)
)


def _check(column: str, value: object) -> None:
    """What a value of these tables must be, to tell a damaged one (damage.locate); dates
    that are not dates already fail as they are read."""
    if column in _ENUMS:
        _ENUMS[column](value)
    elif column in _TEXT:
        damage.check_text(value)


# --- status history ------------------------------------------------------------------------
# member_status.origin: where a history row was recorded.
HERE = "here"  # in this data file: it says who was on this branch's roster on a date
FROM_FILE = "file"  # merged from another branch's transfer file: the history there


def add_status(session: Session, member_id: int, change: StatusChange, origin: str = HERE) -> int:
    row = MemberStatusRow(
        member_id=member_id,
        status=change.status.value,
        changed_on=change.changed_on,
        reason=change.reason,
        recorded_at=datetime.now(UTC),
        origin=origin,
    )
    session.add(row)
    session.flush()
    return row.id


def add_statuses(session: Session, changes: Iterable[tuple[int, StatusChange]]) -> int:
    now = datetime.now(UTC)
    batch = [
        {
            "member_id": mid,
            "status": c.status.value,
            "changed_on": c.changed_on,
            "reason": "" if c.reason is None else c.reason,  # the column default
            "recorded_at": now,
        }
        for mid, c in changes
    ]
    if batch:
        session.flush()
        session.connection().execute(sql_insert(_STATUS_TABLE), batch)
    return len(batch)


def statuses(session: Session, member_id: int) -> tuple[StatusChange, ...]:
    """Oldest first; rows of the same day in the order they were recorded. A value that
    cannot be read raises DamagedRecordError naming the history row."""
    row = MemberStatusRow
    stmt = (
        select(row.id, row.status, row.changed_on, row.reason)
        .where(MemberStatusRow.member_id == member_id)
        .order_by(MemberStatusRow.changed_on, MemberStatusRow.id)
    )
    try:
        return tuple(
            StatusChange(PartyStatus(status), changed_on, _text(reason), row_id)
            for row_id, status, changed_on, reason in session.execute(stmt)
        )
    except damage.READ_ERRORS as exc:
        raise _damaged(session, _STATUS_TABLE, member_id, exc) from None


def statuses_here(
    session: Session, member_ids: Iterable[int] | None = None, until: date | None = None
) -> dict[int, list[StatusChange]]:
    """The history rows recorded in this file (origin "here"), by member, oldest first;
    for all members or those in `member_ids`, up to `until` when given. Rows merged from
    another branch's transfer file are left out: they tell where the member was on that
    branch's roster, not on this one (a member received from ship A must not look present
    at ship B's meetings of years before)."""
    row = MemberStatusRow
    stmt = select(row.member_id, row.id, row.status, row.changed_on).where(row.origin == HERE)
    if until is not None:
        stmt = stmt.where(row.changed_on <= until)
    found: dict[int, list[StatusChange]] = {}
    chunks = [None] if member_ids is None else query.chunked(member_ids)
    for chunk in chunks:
        part = stmt if chunk is None else stmt.where(row.member_id.in_(chunk))
        part = part.order_by(row.member_id, row.changed_on, row.id)
        for member_id, row_id, status, changed_on in session.connection().execute(part).all():
            code = _STATUSES[status] if status in _STATUSES else PartyStatus(status)
            found.setdefault(member_id, []).append(StatusChange(code, changed_on, "", row_id))
    return found


# Members few enough for one IN list (SQLite's old limit is 999 parameters).
FEW = 900


def stay_starts_here(session: Session, member_ids: Iterable[int]) -> dict[int, date | None]:
    """For these members, when their present stay here began: the first 正常 row after
    their last other status, by the history recorded here (None without such a row).
    statuses_here's rows read in one pass as plain tuples (the 工作台's 6-month reminder
    asks this of the whole roster)."""
    starts: dict[int, date | None] = dict.fromkeys(member_ids)
    row = MemberStatusRow
    # Sorted here: SQLite's plan for the ORDER BY walks the member_id index and fetches
    # each row from the table, slower than one scan and a sort of 10,000 tuples.
    stmt = select(row.member_id, row.changed_on, row.id, row.status).where(row.origin == HERE)
    if len(starts) <= FEW:  # a few members (the 工作台 after a change): by the member index
        stmt = stmt.where(row.member_id.in_(starts))
    normal = PartyStatus.NORMAL.value
    current, start = None, None
    for member_id, changed_on, _id, status in sorted(session.connection().execute(stmt).all()):
        if member_id != current:
            if current in starts:
                starts[current] = start
            current, start = member_id, None
        if status not in _STATUSES:
            PartyStatus(status)  # an unknown code: damage, as statuses_here says
        # a stay ends at any other status; the next 正常 begins one
        start = (start or changed_on) if status == normal else None
    if current in starts:
        starts[current] = start
    return starts


def in_branch_ids(session: Session, day: date, member_ids: Iterable[int] | None = None) -> set[int]:
    """Members whose last history row recorded here (origin "here") on or before `day` is
    正常: domain.meeting_rules.in_branch_on, said in SQL so that the whole roster of a big
    file is found without building a history object per row (the two are held equal by
    tests/unit/services/test_meeting_roster.py). Ties on a day go to the row recorded last
    (the higher id), as status_on orders them."""
    if member_ids is None:
        return _in_branch_everyone(session, day)
    s_, t = _STATUS_TABLE.alias("s"), _STATUS_TABLE.alias("t")
    later = (
        select(t.c.id)
        .where(
            t.c.member_id == s_.c.member_id,
            t.c.origin == HERE,
            t.c.changed_on <= day,
            (t.c.changed_on > s_.c.changed_on)
            | ((t.c.changed_on == s_.c.changed_on) & (t.c.id > s_.c.id)),
        )
        .exists()
    )
    stmt = select(s_.c.member_id).where(
        s_.c.origin == HERE,
        s_.c.changed_on <= day,
        s_.c.status == PartyStatus.NORMAL.value,
        ~later,
    )
    found: set[int] = set()
    for chunk in query.chunked(member_ids):
        part = stmt.where(s_.c.member_id.in_(chunk))
        found.update(session.connection().execute(part).scalars())
    return found


def _in_branch_everyone(session: Session, day: date) -> set[int]:
    """in_branch_ids of the whole file: two columns of each row up to `day`, in history
    order, the last row of each member winning — one sorted scan instead of the "no later
    row" subquery per row (a third of the time on 10,000 members)."""
    s_ = _STATUS_TABLE
    stmt = (
        select(s_.c.member_id, s_.c.status)
        .where(s_.c.origin == HERE, s_.c.changed_on <= day)
        .order_by(s_.c.member_id, s_.c.changed_on, s_.c.id)
    )
    last = dict(session.connection().execute(stmt).all())  # type: ignore[arg-type]
    normal = PartyStatus.NORMAL.value
    return {m for m, status in last.items() if status == normal}


def in_branch_where(member_id: ColumnElement[int], day: date) -> ColumnElement[bool]:
    """in_branch_ids as a condition on the member whose id is `member_id` (a column of the
    query it goes in): the last row recorded here on or before `day` (ties: the row
    recorded last) is 正常. A member query takes the whole roster on a date in one read,
    each member's rows found through ix_member_status_member_id, none brought into Python."""
    s_ = _STATUS_TABLE
    last = (
        select(s_.c.status)
        .where(s_.c.member_id == member_id, s_.c.origin == HERE, s_.c.changed_on <= day)
        .order_by(s_.c.changed_on.desc(), s_.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return last == PartyStatus.NORMAL.value


def last_status_date(session: Session, member_id: int) -> date | None:
    stmt = select(func.max(MemberStatusRow.changed_on)).where(
        MemberStatusRow.member_id == member_id
    )
    return session.execute(stmt).scalar_one_or_none()


# --- transfers -----------------------------------------------------------------------------
def add_transfer(session: Session, member_id: int, transfer: Transfer) -> int:
    values = {name: getattr(transfer, name) for name in _TRANSFER_FIELDS}
    values["direction"] = transfer.direction.value
    values["kind"] = transfer.kind.value
    row = MemberTransferRow(member_id=member_id, **values)
    session.add(row)
    session.flush()
    return row.id


def transfers(session: Session, member_id: int) -> tuple[Transfer, ...]:
    """Oldest first. A value that cannot be read raises DamagedRecordError."""
    columns = [_TRANSFER_TABLE.c[name] for name in _TRANSFER_FIELDS]
    stmt = (
        select(MemberTransferRow.id, *columns)
        .where(MemberTransferRow.member_id == member_id)
        .order_by(MemberTransferRow.transfer_date, MemberTransferRow.id)
    )
    result = []
    try:
        for row_id, *row in session.execute(stmt):
            values = dict(zip(_TRANSFER_FIELDS, row, strict=True))
            for name, value in values.items():
                _check(name, value)
            values["direction"] = TransferDirection(values["direction"])
            values["kind"] = TransferKind(values["kind"])
            result.append(Transfer(id=row_id, **values))
    except damage.READ_ERRORS as exc:
        raise _damaged(session, _TRANSFER_TABLE, member_id, exc) from None
    return tuple(result)


def _text(value: object) -> str:
    damage.check_text(value)
    return value  # type: ignore[return-value]


def _damaged(session: Session, table: Table, member_id: int, exc: BaseException):
    """The DamagedRecordError for one of the member's rows in `table` (or `exc` again)."""
    if not damage.may_be_damage(exc):
        raise exc
    row_ids = session.execute(
        select(table.c.id).where(table.c.member_id == member_id).order_by(table.c.id)
    ).scalars()
    return damage.locate(session, table, list(row_ids), table.c, _check, exc)


# --- photo ---------------------------------------------------------------------------------
def photo(session: Session, member_id: int) -> tuple[str, bytes] | None:
    stmt = select(MemberPhotoRow.mime, MemberPhotoRow.data).where(
        MemberPhotoRow.member_id == member_id
    )
    found = session.execute(stmt).first()
    return (found[0], bytes(found[1])) if found is not None else None


def has_photo(session: Session, member_id: int) -> bool:
    stmt = select(MemberPhotoRow.member_id).where(MemberPhotoRow.member_id == member_id)
    return session.execute(stmt).first() is not None


def set_photo(session: Session, member_id: int, mime: str, data: bytes | None) -> None:
    """Store (or with data=None remove) the member's photo."""
    session.execute(delete(MemberPhotoRow).where(MemberPhotoRow.member_id == member_id))
    if data is not None:
        row = {"member_id": member_id, "mime": mime, "data": data}
        session.execute(sql_insert(MemberPhotoRow).values(**row))
