"""A member's 党籍状态 history, 组织关系转接 records and photo: the rows kept beside a member.

History rows are only ever added, never overwritten (member_service writes the status and
its dated row together). The photo lives in its own table so roster queries never load
image bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy import insert as sql_insert
from sqlmodel import Session

from dangjian_desktop.domain.people import (
    PartyStatus,
    StatusChange,
    Transfer,
    TransferDirection,
    TransferKind,
)
from dangjian_desktop.storage.tables import MemberPhotoRow, MemberStatusRow, MemberTransferRow

_STATUS_TABLE = MemberStatusRow.__table__
_TRANSFER_FIELDS = [f.name for f in fields(Transfer) if f.name != "id"]


# --- status history ------------------------------------------------------------------------
def add_status(session: Session, member_id: int, change: StatusChange) -> int:
    row = MemberStatusRow(
        member_id=member_id,
        status=change.status.value,
        changed_on=change.changed_on,
        reason=change.reason,
        recorded_at=datetime.now(UTC),
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
    """Oldest first; rows of the same day in the order they were recorded."""
    stmt = (
        select(MemberStatusRow)
        .where(MemberStatusRow.member_id == member_id)
        .order_by(MemberStatusRow.changed_on, MemberStatusRow.id)
    )
    return tuple(
        StatusChange(PartyStatus(r.status), r.changed_on, r.reason, r.id)
        for r in session.execute(stmt).scalars()
    )


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
    stmt = (
        select(MemberTransferRow)
        .where(MemberTransferRow.member_id == member_id)
        .order_by(MemberTransferRow.transfer_date, MemberTransferRow.id)
    )
    result = []
    for r in session.execute(stmt).scalars():
        values = {name: getattr(r, name) for name in _TRANSFER_FIELDS}
        values["direction"] = TransferDirection(r.direction)
        values["kind"] = TransferKind(r.kind)
        result.append(Transfer(id=r.id, **values))
    return tuple(result)


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
