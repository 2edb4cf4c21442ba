"""What the 会议 reports read: whole records of a period in a few queries, and the names
they refer to.

A year's 台账 holds about 400 records with 100,000 sign-in lines on the reference file:
`meeting_repo.get` per record would be 1,600 queries. `records_between` reads the records
of the period and then each kind of child row for all of them at once (ordered by record
and position), so the round trips stay at four whatever the period holds. A value that
cannot be read falls back to `meeting_repo.get` record by record, which names the damaged
record (DamagedRecordError) as the meetings tab does.

The 台账 prints only the counts of a sign-in list and who was away, so
`ledger_records_between` reads, of each list, only the lines not plainly present — away or
excluded, about one in seven — through the partial index ix_meeting_attendance_away: a year
went from 170,000 sign-in lines turned into Python objects to 24,000. The list's length is
the 应到 stored with the record (meeting_repo writes the counts with the list) plus the lines
excluded; where the stored counts disagree with the lines away, the list is counted (a
GROUP BY over the primary key, which covers it). A record with resolutions still gets its
whole list: its quorum counts who of the 正式党员 was there.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from itertools import groupby
from operator import itemgetter

from sqlalchemy import func, select, text
from sqlmodel import Session

from dangjian_desktop.domain.meeting_rules import head_count
from dangjian_desktop.domain.meetings import AgendaItem, Attendance, Meeting, MeetingStatus
from dangjian_desktop.storage import damage, meeting_repo, query
from dangjian_desktop.storage.tables import (
    ATTENDANCE_AWAY_WHERE,
    MeetingAgendaRow,
    MeetingAttendanceRow,
    MeetingRecordRow,
    MeetingResolutionRow,
    MemberRow,
)

_M = MeetingRecordRow.__table__
_AGENDA = MeetingAgendaRow.__table__
_RES = MeetingResolutionRow.__table__
_ATT = MeetingAttendanceRow.__table__


def records_between(
    session: Session, start: date, end: date, statuses: Collection[MeetingStatus] = ()
) -> list[Meeting]:
    """Every record (not deleted) dated within [start, end] — of these statuses, or all —
    whole: agenda, resolutions, sign-in list; by date, then id."""
    return [m for m, _listed in _between(session, start, end, statuses, away_only=False)]


def ledger_records_between(
    session: Session, start: date, end: date, statuses: Collection[MeetingStatus] = ()
) -> list[tuple[Meeting, int | None]]:
    """As `records_between`, for the 台账: each record with the number of lines on its
    sign-in list when its `attendance` holds only the lines not plainly present (presence
    other than 出席, or excluded), in list order; None when the list is whole (a record
    with resolutions, or one read record by record after damage)."""
    return _between(session, start, end, statuses, away_only=True)


def _between(
    session: Session,
    start: date,
    end: date,
    statuses: Collection[MeetingStatus],
    *,
    away_only: bool,
) -> list[tuple[Meeting, int | None]]:
    where = [_M.c.deleted_at.is_(None), _M.c.date.between(start, end)]
    if statuses:
        where.append(_M.c.status.in_([s.value for s in statuses]))
    chosen = select(_M.c.id).where(*where)
    try:
        return _read(session, where, chosen, away_only=away_only)
    except damage.READ_ERRORS as exc:
        if not damage.may_be_damage(exc):
            raise
        ids = list(session.connection().execute(chosen.order_by(_M.c.date, _M.c.id)).scalars())
        found = [meeting_repo.get(session, i) for i in ids]  # raises, naming the record
        return [(m, None) for m in found if m is not None]


def _read(
    session: Session, where: list, chosen, *, away_only: bool
) -> list[tuple[Meeting, int | None]]:
    conn = session.connection()
    rows = session.execute(select(_M).where(*where).order_by(_M.c.date, _M.c.id)).mappings().all()
    for row in rows:
        for column, value in row.items():
            meeting_repo._check(column, value)
    agenda: dict[int, tuple[AgendaItem, ...]] = {}
    stmt = select(_AGENDA.c.meeting_id, _AGENDA.c.title, _AGENDA.c.summary).where(
        _AGENDA.c.meeting_id.in_(chosen)
    )
    for mid, items in _by_meeting(
        conn.execute(stmt.order_by(_AGENDA.c.meeting_id, _AGENDA.c.position))
    ):
        agenda[mid] = tuple(AgendaItem(title, summary) for _m, title, summary in items)
    resolutions = {}
    stmt = select(_RES).where(_RES.c.meeting_id.in_(chosen))
    res_rows = session.execute(stmt.order_by(_RES.c.meeting_id, _RES.c.position)).mappings()
    for mid, items in groupby(res_rows, key=itemgetter("meeting_id")):
        resolutions[mid] = tuple(meeting_repo.resolution_from(r) for r in items)
    ids = [row["id"] for row in rows]
    whole = [i for i in ids if i in resolutions] if away_only else ids
    attendance = _attendance(session, whole)
    listed: dict[int, int] = {}
    if away_only:
        partial = [i for i in ids if i not in resolutions]
        attendance.update(_attendance(session, partial, away_only=True))
        by_id = {row["id"]: row for row in rows}
        recount = []
        for i in partial:
            n = _listed(by_id[i], attendance.get(i, ()))
            if n is None:
                recount.append(i)
            else:
                listed[i] = n
        for chunk in query.chunked(recount):
            stmt = (
                select(_ATT.c.meeting_id, func.count())
                .where(_ATT.c.meeting_id.in_(chunk))
                .group_by(_ATT.c.meeting_id)
            )
            listed.update(query.plain_rows(session, stmt))
    return [
        (
            meeting_repo.meeting_from_row(
                row, agenda.get(row["id"], ()), resolutions.get(row["id"], ()),
                attendance.get(row["id"], ()),
            ),
            listed.get(row["id"], 0) if away_only and row["id"] not in resolutions else None,
        )
        for row in rows
    ]  # fmt: skip


def _listed(row, away: tuple[Attendance, ...]) -> int | None:
    """The length of a record's sign-in list from the head counts stored with the record
    (written with the list, in the same transaction, by meeting_repo's one write door) and
    its lines away: 应到 + the lines excluded. None when the two disagree — a stored count
    that is not what the lines say (a damaged file): the list is then counted."""
    counted = head_count(away)
    expected, present = row["expected_count"], row["present_count"]
    if (
        counted.present  # a line plainly present among those away: not what was asked for
        or row["leave_count"] != counted.on_leave
        or row["absent_count"] != counted.absent
        or not isinstance(expected, int)
        or not isinstance(present, int)
        or expected != present + counted.on_leave + counted.absent
    ):
        return None
    return expected + counted.excluded


def _attendance(
    session: Session, ids: list[int], *, away_only: bool = False
) -> dict[int, tuple[Attendance, ...]]:
    """The sign-in lists of the records `ids`, or only their lines not plainly present.

    The bulk of a year's reading (≈170,000 lines on the reference file): plain rows by the
    ids of the records (integers only), ordered by the index's leading column. The away
    condition is literal SQL, the very text of the partial index's WHERE, so that SQLite's
    planner sees that the index covers the query."""
    attendance = {}
    for chunk in query.chunked(ids):
        stmt = lines_stmt(chunk, away_only=away_only)
        for mid, items in _by_meeting(query.plain_rows(session, stmt)):
            attendance[mid] = meeting_repo.attendance_from(line[1:] for line in items)
    return attendance


def lines_stmt(ids: list[int], *, away_only: bool = False):
    """The sign-in lines (meeting id + ATTENDANCE_COLUMNS) of the records `ids`, in list
    order; `away_only`: only those not plainly present."""
    stmt = select(_ATT.c.meeting_id, *meeting_repo.ATTENDANCE_COLUMNS).where(
        _ATT.c.meeting_id.in_(ids)
    )
    if away_only:  # in brackets: the IN list AND (a OR b)
        stmt = stmt.where(text(f"({ATTENDANCE_AWAY_WHERE})"))
    return stmt.order_by(_ATT.c.meeting_id, _ATT.c.position)


def _by_meeting(rows: Iterable) -> Iterable:
    return groupby(rows, key=itemgetter(0))


def member_names(session: Session) -> dict[int, str]:
    """Every member's name by id, those in the 回收站 too: a record keeps naming who was
    on its sign-in list. One scan of two columns (10,000 members: a few milliseconds)."""
    stmt = select(MemberRow.id, MemberRow.name)
    try:
        found = dict(query.plain_rows(session, stmt))
        for name in found.values():
            damage.check_text(name)
        return found
    except damage.READ_ERRORS as exc:
        if not damage.may_be_damage(exc):
            raise
    # A damaged name: every readable one, the damaged left out (the report shows 姓名缺失).
    names: dict[int, str] = {}
    for member_id in session.connection().execute(select(MemberRow.id)).scalars():
        try:
            row = session.connection().execute(stmt.where(MemberRow.id == member_id)).first()
            if row is not None:
                damage.check_text(row[1])
                names[member_id] = row[1]
        except damage.READ_ERRORS as one:
            if not damage.may_be_damage(one):
                raise
    return names
