"""Meeting rows ↔ domain.meetings.Meeting: the record, its agenda, resolutions and sign-in
list. The only place that knows the meeting tables' shape.

The list is an id list filtered and sorted in SQL over the covering index ix_meeting_list
(`ids`), and rows fetched in chunks (`rows`) with their head counts aggregated from the
sign-in list in the same round: the meetings tab never loads 2,000 records with minutes.
A save rewrites the record's child rows (agenda, resolutions, attendance): nothing points
at them, and the record is one aggregate written in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, delete, func, insert, or_, select, update
from sqlmodel import Session

from dangjian_desktop.domain.meeting_rules import head_count
from dangjian_desktop.domain.meetings import (
    AgendaItem,
    Attendance,
    FirstTopic,
    LeaveReason,
    Meeting,
    MeetingFilter,
    MeetingRow,
    MeetingSort,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.storage import attachment_repo, damage, query
from dangjian_desktop.storage.tables import (
    MeetingAgendaRow,
    MeetingAttendanceRow,
    MeetingRecordRow,
    MeetingResolutionRow,
    MemberRow,
    VenueRow,
)

OWNER = "meeting"  # attachment owner_kind
SORTABLE = frozenset({"date", "type", "topic", "status"})
MAX_SEARCH_TEXT = 100
_M = MeetingRecordRow.__table__
_AGENDA = MeetingAgendaRow.__table__
_RES = MeetingResolutionRow.__table__
_ATT = MeetingAttendanceRow.__table__
_NOT_PLANNED = (MeetingStatus.HELD.value, MeetingStatus.ARCHIVED.value)
# Record columns that are the Meeting's own fields of the same name.
_PLAIN = (
    "topic",
    "date",
    "party_group_id",
    "start_time",
    "end_time",
    "venue_id",
    "place",
    "host_id",
    "recorder_id",
    "lecturer_id",
    "lecturer_name",
    "minutes",
    "follow_ups",
    "late_record",
    "recorded_on",
)
_RES_FIELDS = (
    "title",
    "text",
    "voted",
    "method",
    "yes",
    "no",
    "abstain",
    "written_yes",
    "written_no",
    "written_abstain",
)


# --- writing ------------------------------------------------------------------------------
def _record_values(meeting: Meeting) -> dict:
    ft = meeting.first_topic
    values = {name: getattr(meeting, name) for name in _PLAIN}
    counts = head_count(meeting.attendance)
    values.update(
        expected_count=counts.expected,
        present_count=counts.present,
        leave_count=counts.on_leave,
        absent_count=counts.absent,
    )
    values.update(
        type=meeting.type.value,
        also_counts_as=meeting.also_counts_as.value if meeting.also_counts_as else None,
        theme_tags=list(meeting.theme_tags),
        status=meeting.status.value,
        first_topic=ft.topic,
        first_topic_material=ft.material,
        first_topic_form=ft.form,
        first_topic_leader_id=ft.leader_id,
        first_topic_leader_name=ft.leader_name,
        guests=list(meeting.guests),
    )
    return values


def insert_meeting(session: Session, meeting: Meeting) -> int:
    now = datetime.now(UTC)
    values = _record_values(meeting)
    # A given uid (the sample, a file from elsewhere) is kept while no other record has it.
    uid = meeting.uid
    if not uid or session.execute(select(_M.c.id).where(_M.c.uid == uid)).first():
        uid = str(uuid.uuid4())
    values.update(uid=uid, created_at=now, updated_at=now)
    meeting_id = session.execute(insert(_M).values(**values)).inserted_primary_key[0]
    _write_children(session, meeting_id, meeting)
    return meeting_id


def update_meeting(session: Session, meeting_id: int, meeting: Meeting) -> None:
    """Overwrite the record and its child rows (uid, archive and deletion stay)."""
    values = _record_values(meeting)
    values["updated_at"] = datetime.now(UTC)
    session.execute(update(_M).where(_M.c.id == meeting_id).values(**values))
    for table in (_AGENDA, _RES, _ATT):
        session.execute(delete(table).where(table.c.meeting_id == meeting_id))
    _write_children(session, meeting_id, meeting)


def _write_children(session: Session, meeting_id: int, meeting: Meeting) -> None:
    conn = session.connection()
    agenda = [
        {"meeting_id": meeting_id, "position": i, "title": a.title, "summary": a.summary}
        for i, a in enumerate(meeting.agenda)
    ]
    resolutions = [
        {
            "meeting_id": meeting_id,
            "position": i,
            "kind": r.kind.value,
            **{name: getattr(r, name) for name in _RES_FIELDS},
        }
        for i, r in enumerate(meeting.resolutions)
    ]
    attendance = [
        {
            "meeting_id": meeting_id,
            "member_id": a.member_id,
            "position": i,
            "presence": a.presence.value,
            "reason": a.reason.value,
            "note": a.note,
            "excluded": a.excluded,
            "exclusion_reason": a.exclusion_reason,
            "exclusion_approval": a.exclusion_approval,
        }
        for i, a in enumerate(meeting.attendance)
    ]
    for table, batch in ((_AGENDA, agenda), (_RES, resolutions), (_ATT, attendance)):
        if batch:
            conn.execute(insert(table), batch)


def set_status(
    session: Session, meeting_id: int, status: MeetingStatus, archived_at: datetime | None
) -> None:
    session.execute(
        update(_M)
        .where(_M.c.id == meeting_id)
        .values(status=status.value, archived_at=archived_at, updated_at=datetime.now(UTC))
    )


def set_deleted(session: Session, meeting_id: int, deleted_at: datetime | None) -> None:
    session.execute(update(_M).where(_M.c.id == meeting_id).values(deleted_at=deleted_at))


# --- reading one record --------------------------------------------------------------------
def state(session: Session, meeting_id: int) -> tuple[MeetingStatus, bool] | None:
    """(status, deleted) of the record, or None when there is no such record."""
    found = session.execute(
        select(_M.c.status, _M.c.deleted_at).where(_M.c.id == meeting_id)
    ).first()
    if found is None:
        return None
    return MeetingStatus(found[0]), found[1] is not None


def get(session: Session, meeting_id: int) -> Meeting | None:
    """The whole record. A value that cannot be read raises DamagedRecordError naming the
    record (its attachments are not read here: a damaged file never breaks its record)."""
    try:
        return _get(session, meeting_id)
    except damage.READ_ERRORS as exc:
        if not damage.may_be_damage(exc):
            raise
        raise damage.locate(
            session, _M, [meeting_id], list(_M.c), _check, exc, _M.c.topic
        ) from None


_TEXT_COLUMNS = frozenset(c.name for c in _M.c if damage.is_text(c))


def _check(column: str, value: object) -> None:
    if value is None:
        return
    if column in ("type", "also_counts_as"):
        MeetingType(value)
    elif column == "status":
        MeetingStatus(value)
    elif column in ("theme_tags", "guests"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError(column)
    elif column in _TEXT_COLUMNS:
        damage.check_text(value)


def _get(session: Session, meeting_id: int) -> Meeting | None:
    row = session.execute(select(_M).where(_M.c.id == meeting_id)).mappings().first()
    if row is None:
        return None
    for column, value in row.items():
        _check(column, value)
    agenda = tuple(
        AgendaItem(title, summary)
        for title, summary in session.execute(
            select(_AGENDA.c.title, _AGENDA.c.summary)
            .where(_AGENDA.c.meeting_id == meeting_id)
            .order_by(_AGENDA.c.position)
        )
    )
    resolutions = tuple(
        resolution_from(r)
        for r in session.execute(
            select(_RES).where(_RES.c.meeting_id == meeting_id).order_by(_RES.c.position)
        ).mappings()
    )
    stmt = select(*ATTENDANCE_COLUMNS).where(_ATT.c.meeting_id == meeting_id)
    lines = session.connection().execute(stmt.order_by(_ATT.c.position))
    return meeting_from_row(row, agenda, resolutions, attendance_from(lines))


ATTENDANCE_COLUMNS = tuple(
    _ATT.c[name]
    for name in (
        "member_id",
        "presence",
        "reason",
        "note",
        "excluded",
        "exclusion_reason",
        "exclusion_approval",
    )
)


def attendance_from(lines: Iterable) -> tuple[Attendance, ...]:
    """Sign-in lines from rows of ATTENDANCE_COLUMNS (in that order).

    A year's 台账 turns 24,000 lines into Attendance values and a 主题党日 of the whole
    roster 7,000: the frozen dataclass's __init__ sets its seven fields one at a time
    through object.__setattr__, a Python call each, so each value's slots are filled here
    through their descriptors (C calls) instead — the very value Attendance(...) makes (==,
    hash, repr), which the tests check against the constructor; the field names are checked
    against the class at import."""
    presences, reasons = {p.value: p for p in Presence}, {r.value: r for r in LeaveReason}
    new = object.__new__
    s_mid, s_p, s_r, s_note, s_ex, s_why, s_appr = _SLOT_SETTERS
    made = []
    for mid, p, r, note, ex, why, approval in lines:
        line = new(Attendance)
        s_mid(line, mid)
        # A value that is no member raises ValueError in the enum itself: damage.
        s_p(line, presences[p] if p in presences else Presence(p))
        s_r(line, reasons[r] if r in reasons else LeaveReason(r))
        s_note(line, note)
        s_ex(line, bool(ex))
        s_why(line, why)
        s_appr(line, approval)
        made.append(line)
    return tuple(made)


_FIELDS = tuple(f.name for f in dataclass_fields(Attendance))
if tuple(c.name for c in ATTENDANCE_COLUMNS) != _FIELDS:  # pragma: no cover - a new field
    raise ImportError("attendance_from must fill every field of Attendance, in order")
_SLOT_SETTERS = tuple(getattr(Attendance, name).__set__ for name in _FIELDS)


def resolution_from(r) -> Resolution:
    """A resolution from a mapping of its row."""
    return Resolution(kind=ResolutionKind(r["kind"]), **{n: r[n] for n in _RES_FIELDS})


def meeting_from_row(
    row,
    agenda: tuple[AgendaItem, ...],
    resolutions: tuple[Resolution, ...],
    attendance: tuple[Attendance, ...],
) -> Meeting:
    """The record from the mapping of its meeting row (checked with `_check`) and its
    child rows."""
    return Meeting(
        type=MeetingType(row["type"]),
        status=MeetingStatus(row["status"]),
        also_counts_as=MeetingType(row["also_counts_as"]) if row["also_counts_as"] else None,
        theme_tags=tuple(row["theme_tags"]),
        first_topic=FirstTopic(
            row["first_topic"],
            row["first_topic_material"],
            row["first_topic_form"],
            row["first_topic_leader_id"],
            row["first_topic_leader_name"],
        ),
        agenda=agenda,
        resolutions=resolutions,
        attendance=attendance,
        guests=tuple(row["guests"]),
        id=row["id"],
        uid=row["uid"],
        **{name: row[name] for name in _PLAIN},
    )


# --- the list -------------------------------------------------------------------------------
def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _quarter_bounds(year: int, quarter: int | None) -> tuple[date, date]:
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def _conditions(flt: MeetingFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        _M.c.deleted_at.is_not(None) if flt.only_deleted else _M.c.deleted_at.is_(None)
    ]
    if flt.year is not None:
        start, end = _quarter_bounds(flt.year, flt.quarter)
        where.append(_M.c.date.between(start, end))
    if flt.types:
        codes = [t.value for t in flt.types]
        # A 主题党日 that also counts as a 党课 is found under 党课 too.
        where.append(or_(_M.c.type.in_(codes), _M.c.also_counts_as.in_(codes)))
    if flt.statuses:
        where.append(_M.c.status.in_([s.value for s in flt.statuses]))
    if flt.party_group_id is not None:
        where.append(_M.c.party_group_id == flt.party_group_id)
    text = flt.text.strip()[:MAX_SEARCH_TEXT].strip()
    if text:
        like = f"%{_escape_like(text)}%"
        where.append(
            or_(_M.c.topic.like(like, escape="\\"), _M.c.first_topic.like(like, escape="\\"))
        )
    return where


def ids(session: Session, flt: MeetingFilter, sort: MeetingSort) -> list[int]:
    if sort.column not in SORTABLE:
        raise ValueError(f"cannot sort meetings by {sort.column!r}")
    direction = (lambda c: c.desc()) if sort.descending else (lambda c: c.asc())
    keys = [direction(_M.c[sort.column])]
    if sort.column != "date":
        keys.append(direction(_M.c.date))
    stmt = select(_M.c.id).where(*_conditions(flt)).order_by(*keys, direction(_M.c.id))
    return list(session.connection().execute(stmt).scalars())


def count(session: Session, flt: MeetingFilter) -> int:
    return session.execute(select(func.count(_M.c.id)).where(*_conditions(flt))).scalar_one()


def rows(session: Session, meeting_ids: Iterable[int]) -> dict[int, MeetingRow]:
    """The list rows of these meetings, in chunks; missing ids are left out."""
    found: dict[int, MeetingRow] = {}
    for chunk in query.chunked(meeting_ids):
        files = attachment_repo.counts(session, OWNER, chunk)
        stmt = (
            select(
                _M.c.id,
                _M.c.type,
                _M.c.date,
                _M.c.topic,
                _M.c.status,
                func.coalesce(VenueRow.name, _M.c.place),
                func.coalesce(MemberRow.name, ""),
                _M.c.late_record,
                _M.c.also_counts_as,
                _M.c.party_group_id,
                _M.c.deleted_at,
                _M.c.expected_count,
                _M.c.present_count,
                _M.c.leave_count,
                _M.c.absent_count,
            )
            .select_from(_M)
            .outerjoin(VenueRow, VenueRow.id == _M.c.venue_id)
            .outerjoin(MemberRow, MemberRow.id == _M.c.host_id)
            .where(_M.c.id.in_(chunk))
        )
        try:
            for values in session.execute(stmt):
                mid, mtype, day, topic, status, place, host, late, also, group, deleted = values[
                    :11
                ]
                expected, present, leave, absent = values[11:]
                for text in (topic, place, host):
                    damage.check_text(text)
                found[mid] = MeetingRow(
                    mid,
                    MeetingType(mtype),
                    day,
                    topic,
                    MeetingStatus(status),
                    place,
                    host,
                    expected,
                    present,
                    leave,
                    absent,
                    late,
                    files.get(mid, 0),
                    MeetingType(also) if also else None,
                    group,
                    deleted is not None,
                )
        except damage.READ_ERRORS as exc:
            if not damage.may_be_damage(exc):
                raise
            rest = [i for i in chunk if i not in found]
            raise damage.locate(session, _M, rest, list(_M.c), _check, exc, _M.c.topic) from None
    return found
