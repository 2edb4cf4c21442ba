"""What the compliance calendar, the attendance figures and the 工作台's 6-month reminder
read of the meeting records: a few columns of many records, or aggregates over the sign-in
lists (index ix_meeting_attendance_member), never whole records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlmodel import Session

from dangjian_desktop.domain.meeting_calendar import AttendanceFigures, HeldMeeting
from dangjian_desktop.domain.meetings import MeetingStatus, MeetingType, Presence
from dangjian_desktop.storage import query
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
        chunks = list(query.chunked(member_ids))
    for chunk in chunks:
        part = stmt if chunk is None else stmt.where(_ATT.c.member_id.in_(chunk))
        for mid, expected, present, leave, absent in session.execute(part):
            figures[mid] = AttendanceFigures(mid, expected, present, leave, absent)
    return figures


def last_present(session: Session) -> dict[int, date]:
    """member id → the date of the last held meeting they attended."""
    return {mid: day for mid, day in session.execute(_last_present_stmt())}


def _last_present_stmt():
    return (
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


def first_held(session: Session) -> date | None:
    """The date of the first held meeting on record: nothing is known before it."""
    stmt = select(func.min(_M.c.date)).where(
        _M.c.deleted_at.is_(None), _M.c.status.in_(_NOT_PLANNED)
    )
    return session.execute(stmt).scalar_one_or_none()


# Lines of held meetings read per batch by last_present_of (the 工作台's 6-month reminder).
BATCH_LINES = 20_000


def last_present_of(session: Session, member_ids: Iterable[int]) -> dict[int, date]:
    """last_present for these members only, without reading every sign-in line of the
    file (issue 11: the 工作台 refresh ≤ 100 ms on 774,000 lines).

    The held meetings are read newest first, in batches of about BATCH_LINES lines (their
    stored 应到 counts as the estimate): a member's first batch holds their last meeting,
    so each batch settles those it names. Once a batch settles fewer members than their
    lines would cost through the member index (last_present restricted to them: about
    lines ÷ members each), the rest are asked that way. A member never present is left
    out, as in last_present. Which way a member is settled never changes the answer."""
    wanted = set(member_ids)
    found: dict[int, date] = {}
    if not wanted:
        return found
    stmt = (
        select(_M.c.id, _M.c.expected_count)
        .where(_M.c.deleted_at.is_(None), _M.c.status.in_(_NOT_PLANNED))
        .order_by(_M.c.date.desc(), _M.c.id.desc())
    )
    held = session.connection().execute(stmt).all()
    total = sum(max(n or 0, 1) for _id, n in held)
    per_member = total / max(len(wanted), 1)
    i = 0
    while i < len(held):
        batch, lines = [], 0
        while i < len(held) and lines < BATCH_LINES and len(batch) < CHUNK:
            batch.append(held[i][0])
            lines += max(held[i][1] or 0, 1)
            i += 1
        if len(wanted) * per_member <= lines:  # cheaper: the rest by the member index
            i -= len(batch)
            break
        before = len(wanted)
        part = (
            select(_ATT.c.member_id, func.max(_M.c.date))
            .select_from(_ATT)
            .join(_M, _M.c.id == _ATT.c.meeting_id)
            .where(_ATT.c.meeting_id.in_(batch), _ATT.c.presence == Presence.PRESENT.value)
            .group_by(_ATT.c.member_id)
        )
        for mid, day in session.connection().execute(part):
            if mid in wanted:
                found[mid] = day
                wanted.discard(mid)
        if not wanted:
            return found
        if (before - len(wanted)) * per_member < lines:  # few new ones: the rest by index
            break
    if i >= len(held):
        return found
    found.update(last_present_by_index(session, wanted))
    return found


def last_present_by_index(session: Session, member_ids: Iterable[int]) -> dict[int, date]:
    """last_present for a few members, each through the member index (about lines ÷
    members each); a member never present is left out."""
    found: dict[int, date] = {}
    for chunk in query.chunked(sorted(set(member_ids))):
        part = _last_present_stmt().where(_ATT.c.member_id.in_(chunk))
        found.update(session.connection().execute(part).all())
    return found


def held_dates(session: Session) -> dict[int, date]:
    """id → date of every held or archived record not deleted (what last_present counts)."""
    stmt = select(_M.c.id, _M.c.date).where(
        _M.c.deleted_at.is_(None), _M.c.status.in_(_NOT_PLANNED)
    )
    return dict(session.connection().execute(stmt).all())


def present_members(session: Session, meeting_ids: Iterable[int]) -> set[int]:
    """Members marked 出席 on these records, whatever state the records are in."""
    found: set[int] = set()
    for chunk in query.chunked(sorted(set(meeting_ids))):
        stmt = select(_ATT.c.member_id).where(
            _ATT.c.meeting_id.in_(chunk), _ATT.c.presence == Presence.PRESENT.value
        )
        found.update(session.connection().execute(stmt).scalars())
    return found
