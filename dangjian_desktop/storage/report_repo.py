"""What 党员队伍统计, the 工作台's figures and the 上报材料 read in bulk: every member's
transfers in one query, the year's attendance by month, the roster's category and birth
dates — a few columns of many rows, never one query per member (10,000 of them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date

from sqlalchemy import and_, case, extract, func, select
from sqlmodel import Session

from dangjian_desktop.domain.meetings import MeetingStatus, Presence
from dangjian_desktop.domain.people import Transfer, TransferDirection, TransferKind
from dangjian_desktop.storage import member_repo
from dangjian_desktop.storage.tables import (
    MeetingAttendanceRow,
    MeetingRecordRow,
    MemberRow,
    MemberTransferRow,
)

_T = MemberTransferRow.__table__
_M = MeetingRecordRow.__table__
_ATT = MeetingAttendanceRow.__table__
_TRANSFER_FIELDS = [f.name for f in fields(Transfer) if f.name != "id"]
_NOT_PLANNED = (MeetingStatus.HELD.value, MeetingStatus.ARCHIVED.value)


def live_member_ids(session: Session) -> list[int]:
    """Every member not in the 回收站, whatever the status (the year's 出党, 转出 and 去世
    are counted from members no longer on the roster)."""
    stmt = select(MemberRow.id).where(MemberRow.deleted_at.is_(None)).order_by(MemberRow.id)
    return list(session.connection().execute(stmt).scalars())


def transfers_by_member(
    session: Session, member_ids: Iterable[int] | None = None
) -> dict[int, list[Transfer]]:
    """组织关系转接 records by member, oldest first (member_history_repo.transfers for
    all members at once)."""
    columns = [_T.c[name] for name in _TRANSFER_FIELDS]
    stmt = select(_T.c.member_id, _T.c.id, *columns).order_by(
        _T.c.member_id, _T.c.transfer_date, _T.c.id
    )
    wanted = None if member_ids is None else set(member_ids)
    found: dict[int, list[Transfer]] = {}
    for member_id, row_id, *row in session.connection().execute(stmt):
        if wanted is not None and member_id not in wanted:
            continue
        values = dict(zip(_TRANSFER_FIELDS, row, strict=True))
        values["direction"] = TransferDirection(values["direction"])
        values["kind"] = TransferKind(values["kind"])
        found.setdefault(member_id, []).append(Transfer(id=row_id, **values))
    return found


def roster_categories(
    session: Session, only: Sequence[int] | None = None
) -> dict[int, tuple[str, date | None, date | None]]:
    """Member → (category, 转正日期, birth date) of every member on the roster now (正常, not
    in the 回收站; of `only`, if given): the 工作台's members by category and by age band."""
    row = MemberRow
    stmt = select(row.id, row.category, row.full_date, row.birth_date).where(
        *member_repo.on_roster_now(only)
    )
    return {i: (c, f, b) for i, c, f, b in session.connection().execute(stmt)}


def attendance_by_month(session: Session, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Month (1–12) → (lines on the sign-in lists, of them 出席) over the held meetings of
    [start, end], approved exclusions left out: the 工作台's attendance rate by month."""
    month = extract("month", _M.c.date)  # portable: strftime on SQLite, EXTRACT elsewhere
    stmt = (
        select(
            month,
            func.count(),
            func.sum(case((_ATT.c.presence == Presence.PRESENT.value, 1), else_=0)),
        )
        .select_from(_ATT.join(_M, _M.c.id == _ATT.c.meeting_id))
        .where(
            and_(
                _M.c.deleted_at.is_(None),
                _M.c.status.in_(_NOT_PLANNED),
                _M.c.date.between(start, end),
                _ATT.c.excluded.is_(False),
            )
        )
        .group_by(month)
    )
    return {int(m): (int(n), int(p or 0)) for m, n, p in session.connection().execute(stmt) if m}


def meeting_ids_between(session: Session, start: date, end: date) -> list[int]:
    """Held and archived records (not deleted) dated within [start, end], by date."""
    stmt = (
        select(_M.c.id)
        .where(
            _M.c.deleted_at.is_(None),
            _M.c.status.in_(_NOT_PLANNED),
            _M.c.date.between(start, end),
        )
        .order_by(_M.c.date, _M.c.id)
    )
    return list(session.connection().execute(stmt).scalars())
