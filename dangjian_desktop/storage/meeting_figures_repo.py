"""What the compliance calendar, the attendance figures and the 工作台's 6-month reminder
read of the meeting records: a few columns of many records, or aggregates over the sign-in
lists (index ix_meeting_attendance_member), never whole records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlmodel import Session

from dangjian_desktop.domain.meeting_calendar import AttendanceFigures, HeldMeeting
from dangjian_desktop.domain.meetings import MeetingStatus, MeetingType, Presence
from dangjian_desktop.storage.tables import MeetingAttendanceRow, MeetingRecordRow

CHUNK = 900
_M = MeetingRecordRow.__table__
_ATT = MeetingAttendanceRow.__table__
_NOT_PLANNED = (MeetingStatus.HELD.value, MeetingStatus.ARCHIVED.value)


def held_meetings(session: Session, start: date, end: date) -> list[HeldMeeting]:
    """Every record (not deleted) dated within [start, end], planned ones too."""
    stmt = (
        select(_M.c.id, _M.c.type, _M.c.date, _M.c.status, _M.c.also_counts_as, _M.c.party_group_id)
        .where(_M.c.deleted_at.is_(None), _M.c.date.between(start, end))
        .order_by(_M.c.date, _M.c.id)
    )
    return [
        HeldMeeting(
            mid, MeetingType(t), day, MeetingStatus(st), MeetingType(also) if also else None, g
        )
        for mid, t, day, st, also, g in session.connection().execute(stmt)
    ]


def attendance_figures(
    session: Session, start: date, end: date, member_ids: Sequence[int] | None = None
) -> dict[int, AttendanceFigures]:
    """Per member over the held meetings of [start, end]: on the list (exclusions left
    out), present, on leave, absent."""
    counted = and_(
        _M.c.deleted_at.is_(None),
        _M.c.status.in_(_NOT_PLANNED),
        _M.c.date.between(start, end),
        _ATT.c.excluded.is_(False),
    )

    def total(cond):
        return func.sum(case((cond, 1), else_=0))

    stmt = (
        select(
            _ATT.c.member_id,
            func.count(),
            total(_ATT.c.presence == Presence.PRESENT.value),
            total(_ATT.c.presence == Presence.LEAVE.value),
            total(_ATT.c.presence == Presence.ABSENT.value),
        )
        .select_from(_ATT)
        .join(_M, _M.c.id == _ATT.c.meeting_id)
        .where(counted)
        .group_by(_ATT.c.member_id)
    )
    figures: dict[int, AttendanceFigures] = {}
    chunks: list[list[int] | None] = [None]
    if member_ids is not None:
        wanted = list(member_ids)
        chunks = [wanted[i : i + CHUNK] for i in range(0, len(wanted), CHUNK)]
    for chunk in chunks:
        part = stmt if chunk is None else stmt.where(_ATT.c.member_id.in_(chunk))
        for mid, expected, present, leave, absent in session.execute(part):
            figures[mid] = AttendanceFigures(mid, expected, present, leave, absent)
    return figures


def last_present(session: Session) -> dict[int, date]:
    """member id → the date of the last held meeting they attended."""
    stmt = (
        select(_ATT.c.member_id, func.max(_M.c.date))
        .select_from(_ATT)
        .join(_M, _M.c.id == _ATT.c.meeting_id)
        .where(
            _M.c.deleted_at.is_(None),
            _M.c.status.in_(_NOT_PLANNED),
            _ATT.c.presence == Presence.PRESENT.value,
        )
        .group_by(_ATT.c.member_id)
    )
    return {mid: day for mid, day in session.execute(stmt)}


def first_held(session: Session) -> date | None:
    """The date of the first held meeting on record: nothing is known before it."""
    stmt = select(func.min(_M.c.date)).where(
        _M.c.deleted_at.is_(None), _M.c.status.in_(_NOT_PLANNED)
    )
    return session.execute(stmt).scalar_one_or_none()
