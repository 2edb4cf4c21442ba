"""会议: 三会一课 records through their life cycle 计划 → 已召开 → 已归档 (`ws.meetings`).

Every write is one transaction (write_session: one audit row) and returns
Changes(meetings=True); every read is one read transaction. Input that breaks a rule raises
domain ValidationError (FieldErrors with dotted fields, e.g. "resolutions.0.yes") and
nothing is written; a write to an archived record raises MeetingArchivedError, to a deleted
one MeetingDeletedError, to a missing one NotFoundError.

Who may be on a record is decided by the roster on the meeting's date, from the status
history recorded in this file (meeting_common.listed_on). The compliance calendar, the
工作台 reminders, attendance figures and the catalogues are in meeting_calendar_service.py;
this service delegates to it, so the GUI needs only `ws.meetings`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain.attachments import MAX_PER_RECORD, Attachment, NewAttachment
from dangjian_desktop.domain.audit import MEETING, AuditRecord, changed_fields
from dangjian_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from dangjian_desktop.domain.meeting_calendar import AttendanceFigures, CalendarRow, DueMeeting
from dangjian_desktop.domain.meeting_roster import ListedRoster
from dangjian_desktop.domain.meeting_rules import (
    HeadCount,
    ListedMember,
    Quorum,
    VoteOutcome,
    expected_members,
    head_count,
    held_errors,
    quorum,
    validate_meeting,
    vote_outcome,
)
from dangjian_desktop.domain.meetings import (
    Attendance,
    FrequencyRule,
    Meeting,
    MeetingFilter,
    MeetingRow,
    MeetingSort,
    MeetingStatus,
    MeetingType,
    normalize_meeting,
)
from dangjian_desktop.services.attachment_service import AttachmentService, StoredFile
from dangjian_desktop.services.bulk_read import collector_paused
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.meeting_calendar_service import MeetingCalendarService, NoLife
from dangjian_desktop.services.meeting_common import (
    CHANGED,
    MeetingArchivedError,
    MeetingDeletedError,
    group_member_ids,
    listed_on,
    people_on,
    voters_on,
)
from dangjian_desktop.services.point_sync import sync_meetings
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import (
    attachment_repo,
    branch_repo,
    meeting_repo,
    meeting_roster_repo,
    member_repo,
)

__all__ = ["MeetingArchivedError", "MeetingDeletedError", "MeetingService", "QuorumReport"]


@dataclass(frozen=True)
class QuorumReport:
    """What the record says at once (issue 8 B.3): the head counts, whether the meeting
    could decide, and each resolution's result with its reason; the GUI words them."""

    head: HeadCount
    quorum: Quorum
    outcomes: tuple[VoteOutcome, ...]


class MeetingService(Service):
    def __init__(
        self,
        engine: Callable[[], Engine],
        today: Callable[[], date],
        on_write: Callable[[Changes], None],
        attachments: AttachmentService,
    ) -> None:
        super().__init__(engine, today, on_write)
        self._attachments = attachments
        self.calendars = MeetingCalendarService(engine, today, on_write)

    # --- the list -------------------------------------------------------------------------
    def ids(self, flt: MeetingFilter, sort: MeetingSort) -> list[int]:
        """Ids of the records the filter shows, in order (SQL: the list is lazy)."""
        with read_session(self._engine()) as s:
            return meeting_repo.ids(s, flt, sort)

    def rows(self, ids: Sequence[int]) -> dict[int, MeetingRow]:
        """List rows by id (missing ids left out), head counts computed."""
        with read_session(self._engine()) as s:
            return meeting_repo.rows(s, ids)

    def count(self, flt: MeetingFilter) -> int:
        with read_session(self._engine()) as s:
            return meeting_repo.count(s, flt)

    # --- one record -----------------------------------------------------------------------
    def get(self, meeting_id: int) -> Meeting:
        """The whole record (NotFoundError when there is none; deleted ones too)."""
        with read_session(self._engine()) as s:
            return _load(s, meeting_id)

    def attachments(self, meeting_id: int) -> list[Attachment]:
        return self._attachments.of(meeting_repo.OWNER, meeting_id)

    def venue_names(self) -> dict[int, str]:
        """Every venue's name by id, retired ones too (a record keeps showing its venue;
        the form offers the profile's active venues: ws.branch.profile().venues)."""
        with read_session(self._engine()) as s:
            return branch_repo.venue_names(s)

    def roster_on(
        self, day: date, meeting_type: MeetingType | None = None, party_group_id: int | None = None
    ) -> list[ListedMember]:
        """Who the sign-in list offers for a meeting of this type on `day`: members on the
        roster then (history recorded here; transfers in and out decide), 正式 then or not,
        on the committee or not; the 党小组 for a 党小组会, the committee for a 支委会, else
        everyone. Without a type: everyone on the roster that day."""
        with read_session(self._engine()) as s:
            listed = _listed(s, day, meeting_type, party_group_id)
        if meeting_type is None:
            return list(listed.values())
        return expected_members(meeting_type, list(listed.values()), party_group_id)

    def venue_choices(self) -> tuple[dict[int, str], list[tuple[int, str]]]:
        """What the form's 地点 needs, from one read: venue_names() (a record keeps showing
        its retired venue) and (id, name) of the profile's active venues in its order (those
        offered), without reading the whole profile."""
        with read_session(self._engine()) as s:
            return branch_repo.venue_names(s), branch_repo.active_venues(s)

    def listed_roster(self, day: date) -> ListedRoster:
        """Everyone on the roster on `day` as columns, from one read and without an object
        per member (issue 8: the meeting form on a 10,000-member roster): the members
        roster_on(day) lists, in that order. `.expected(type, group)` is the sign-in list
        roster_on(day, type, group) gives; `.ids` and `.names` are the form's pickers."""
        with read_session(self._engine()) as s, collector_paused():
            return meeting_roster_repo.listed_roster(s, day)

    def roster_and_people(
        self, day: date, meeting_type: MeetingType, party_group_id: int | None = None
    ) -> tuple[list[ListedMember], list[tuple[int, str]]]:
        """roster_on(day, type, group) for the sign-in list and people_on(day) for the
        pickers, from one read (listed_roster)."""
        roster = self.listed_roster(day)
        return roster.expected(meeting_type, party_group_id).members(), roster.people()

    def people_on(self, day: date) -> list[tuple[int, str]]:
        """(member id, name) of everyone on the roster on `day`, in roster order: the
        members roster_on(day) lists, as the form's host/recorder/lecturer pickers need
        them (one light read instead of the whole roster's 正式 and committee facts)."""
        with read_session(self._engine()) as s:
            return people_on(s, day)

    def draft(
        self,
        meeting_type: MeetingType,
        day: date,
        party_group_id: int | None = None,
        *,
        sign_in: bool = True,
    ) -> Meeting:
        """A new record's start: everyone expected on the sign-in list, 出席 ("mark all
        present, then the exceptions"). Not saved. sign_in=False: the list left empty and
        nothing read, for the meeting form, which lists those expected from its own read
        of the roster (listed_roster), each 出席 until marked."""
        lines: tuple[Attendance, ...] = ()
        if sign_in:
            expected = self.roster_on(day, meeting_type, party_group_id)
            lines = tuple(Attendance(m.member_id) for m in expected)
        return Meeting(meeting_type, "", day, party_group_id=party_group_id, attendance=lines)

    def quorum_report(self, meeting: Meeting | int) -> QuorumReport:
        """Head counts, quorum and each resolution's outcome, as of the meeting's date."""
        with read_session(self._engine()) as s:
            if isinstance(meeting, int):
                meeting = _load(s, meeting)
            formal, committee = voters_on(s, meeting.date, meeting.type, meeting.party_group_id)
        q = quorum(meeting.type, meeting.attendance, formal, committee)
        outcomes = tuple(vote_outcome(r, q) for r in meeting.resolutions)
        return QuorumReport(head_count(meeting.attendance), q, outcomes)

    # --- writing --------------------------------------------------------------------------
    def save(
        self,
        meeting: Meeting,
        attachments_added: Sequence[NewAttachment] = (),
        attachments_removed: Sequence[int] = (),
    ) -> tuple[int, Changes]:
        """Add (id None) or update a record with its agenda, resolutions, sign-in list and
        attachment rows, in one transaction. Status 计划 or 已召开 (已归档 only through
        archive). Checked by validate_meeting on the roster of the meeting date; picked
        files by attachment_files.prepare ("attachments.N" errors). The files are written
        to the attachment folder before the transaction (an orphan on a crash, collected
        later); removed attachments lose their row, their file stays for the backups."""
        meeting = normalize_meeting(meeting)
        prepared = self._attachments.prepare_all(attachments_added)
        if prepared:
            # Check the record first, so a refused save does not write 20 MB of files.
            with read_session(self._engine()) as s:
                self._check(s, meeting, len(prepared), attachments_removed)
        stored = self._attachments.store_all(prepared)
        action = "meeting.add" if meeting.id is None else "meeting.update"
        audit = AuditRecord(MEETING)
        with write_session(self._engine(), action, audit=audit) as s:
            self._check(s, meeting, len(stored), attachments_removed)
            if meeting.id is not None:
                before = meeting_repo.get(s, meeting.id)
                if before is not None:
                    audit.fields = changed_fields(before, meeting, ignore=("id", "uid"))
            if stored or attachments_removed:
                audit.fields = [*audit.fields, "attachments"]
            meeting_id = self._write(s, meeting, stored, attachments_removed)
            audit.ids.append(meeting_id)
            synced = sync_meetings(s, [meeting_id])  # derived 积分, same transaction
        return meeting_id, self._report(_changed(synced))

    def plan(self, meetings: Sequence[Meeting]) -> tuple[list[int], Changes]:
        """Plan several meetings (a quarter's) in one action and one transaction; each is
        saved as 计划. Errors name the meeting: "meetings.2.topic"."""
        planned = [
            normalize_meeting(replace(m, id=None, status=MeetingStatus.PLANNED)) for m in meetings
        ]
        audit = AuditRecord(MEETING)
        with write_session(self._engine(), "meeting.plan", audit=audit) as s:
            errors: list[FieldError] = []
            for i, meeting in enumerate(planned):
                try:
                    self._check(s, meeting, 0, ())
                except ValidationError as exc:
                    errors += [replace(e, field=f"meetings.{i}.{e.field}") for e in exc.errors]
            if errors:
                raise ValidationError(errors)
            ids = [self._write(s, m, [], ()) for m in planned]
            audit.ids.extend(ids)
        return ids, self._report(CHANGED)

    def hold(self, meeting_id: int) -> Changes:
        """计划 → 已召开. Refused for a meeting dated in the future ("date"/held_in_future)
        and for a record the rules refuse as held (votes against those present …)."""
        with write_session(
            self._engine(), "meeting.hold", audit=AuditRecord(MEETING, ids=[meeting_id])
        ) as s:
            meeting = _writable(s, meeting_id)
            held = replace(meeting, status=MeetingStatus.HELD)
            self._check(s, held, 0, ())
            meeting_repo.set_status(s, meeting_id, MeetingStatus.HELD, None)
            synced = sync_meetings(s, [meeting_id])
        return self._report(_changed(synced))

    def archive(self, meeting_id: int) -> Changes:
        """已召开 → 已归档: read-only from now on. The record must be complete
        (held_errors: held, host, recorder, sign-in list)."""
        with write_session(
            self._engine(), "meeting.archive", audit=AuditRecord(MEETING, ids=[meeting_id])
        ) as s:
            meeting = _writable(s, meeting_id)
            errors = held_errors(meeting)
            if errors:
                raise ValidationError(errors)
            meeting_repo.set_status(s, meeting_id, MeetingStatus.ARCHIVED, datetime.now(UTC))
        return self._report(CHANGED)

    def reopen(self, meeting_id: int, reason: str) -> Changes:
        """已归档 → 已召开, with the reason in the audit log (action "meeting.reopen", the
        meeting's id and the reason). A blank reason: FieldError("reason", "reason_required")."""
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError([FieldError("reason", "reason_required")])
        if len(reason) > 200:
            raise ValidationError([FieldError("reason", "too_long", (("max", 200),))])
        audit = AuditRecord(MEETING, ids=[meeting_id], details={"reason": reason})
        with write_session(self._engine(), "meeting.reopen", audit=audit) as s:
            status = _state(s, meeting_id)
            if status is not MeetingStatus.ARCHIVED:
                raise ValidationError([FieldError("status", "not_archived")])
            meeting_repo.set_status(s, meeting_id, MeetingStatus.HELD, None)
        return self._report(CHANGED)

    def delete(self, meeting_id: int) -> Changes:
        """Soft delete (回收站); an archived record cannot be deleted (reopen it first)."""
        with write_session(
            self._engine(), "meeting.delete", audit=AuditRecord(MEETING, ids=[meeting_id])
        ) as s:
            _writable(s, meeting_id)
            meeting_repo.set_deleted(s, meeting_id, datetime.now(UTC))
            synced = sync_meetings(s, [meeting_id])  # its derived 积分 go with it
        return self._report(_changed(synced))

    def restore(self, meeting_id: int) -> Changes:
        with write_session(
            self._engine(), "meeting.restore", audit=AuditRecord(MEETING, ids=[meeting_id])
        ) as s:
            _state(s, meeting_id, allow_deleted=True)
            meeting_repo.set_deleted(s, meeting_id, None)
            synced = sync_meetings(s, [meeting_id])
        return self._report(_changed(synced))

    # --- the calendar and the catalogues (meeting_calendar_service.py) --------------------
    def calendar(self, year: int) -> list[CalendarRow]:
        return self.calendars.calendar(year)

    def due(self, today: date | None = None) -> list[DueMeeting]:
        return self.calendars.due(today)

    def attendance_figures(
        self, period_start: date, period_end: date, member_ids: Sequence[int] | None = None
    ) -> dict[int, AttendanceFigures]:
        return self.calendars.attendance_figures(period_start, period_end, member_ids)

    def no_life_members(self, today: date | None = None) -> list[NoLife]:
        return self.calendars.no_life_members(today)

    def frequencies(self) -> list[FrequencyRule]:
        return self.calendars.frequencies()

    def set_frequencies(self, rules: Sequence[FrequencyRule]) -> Changes:
        return self.calendars.set_frequencies(rules)

    def theme_tags(self) -> list[str]:
        return self.calendars.theme_tags()

    def set_theme_tags(self, names: Sequence[str]) -> Changes:
        return self.calendars.set_theme_tags(names)

    # --- helpers --------------------------------------------------------------------------
    def _check(self, s: Session, meeting: Meeting, adding: int, removing: Sequence[int]) -> None:
        """Every rule a save must meet, inside the caller's transaction."""
        stored: Meeting | None = None
        if meeting.id is not None:
            stored = _writable(s, meeting.id)
        errors: list[FieldError] = []
        if meeting.status is MeetingStatus.ARCHIVED and (
            stored is None or stored.status is not MeetingStatus.ARCHIVED
        ):
            errors.append(FieldError("status", "use_archive"))
        listed = _listed(s, meeting.date, meeting.type, meeting.party_group_id, meeting)
        committee = [m.member_id for m in listed.values() if m.on_committee]
        errors += validate_meeting(meeting, self._today(), listed, committee)
        errors += _reference_errors(s, meeting, stored)
        if adding or removing:
            current = {a.id for a in attachment_repo.of_owner(s, meeting_repo.OWNER, meeting.id)}
            if meeting.id is None:
                current = set()
            for i, attachment_id in enumerate(removing):
                if attachment_id not in current:
                    errors.append(FieldError(f"attachments_removed.{i}", "attachment_not_found"))
            total = len(current - set(removing)) + adding
            if total > MAX_PER_RECORD:
                errors.append(
                    FieldError("attachments", "attachment_too_many", (("max", MAX_PER_RECORD),))
                )
        if errors:
            raise ValidationError(errors)

    def _write(
        self, s: Session, meeting: Meeting, stored: list[StoredFile], removed: Sequence[int]
    ) -> int:
        if meeting.id is None:
            meeting_id = meeting_repo.insert_meeting(s, meeting)
        else:
            meeting_id = meeting.id
            meeting_repo.update_meeting(s, meeting_id, meeting)
        attachment_repo.remove(s, meeting_repo.OWNER, meeting_id, list(removed))
        attachment_repo.add(s, meeting_repo.OWNER, meeting_id, stored)
        return meeting_id


# --- module helpers -----------------------------------------------------------------------
def _changed(synced: object) -> Changes:
    """Meetings changed; 积分 too when derived entries were added, moved or removed."""
    return CHANGED | Changes(scores=True) if synced else CHANGED


def _load(s: Session, meeting_id: int) -> Meeting:
    meeting = meeting_repo.get(s, meeting_id)
    if meeting is None:
        raise NotFoundError(f"meeting {meeting_id}")
    return meeting


def _state(s: Session, meeting_id: int, allow_deleted: bool = False) -> MeetingStatus:
    found = meeting_repo.state(s, meeting_id)
    if found is None:
        raise NotFoundError(f"meeting {meeting_id}")
    status, deleted = found
    if deleted and not allow_deleted:
        raise MeetingDeletedError(meeting_id)
    return status


def _writable(s: Session, meeting_id: int) -> Meeting:
    """The stored record, when it may be changed: not deleted, not archived."""
    if _state(s, meeting_id) is MeetingStatus.ARCHIVED:
        raise MeetingArchivedError(meeting_id)
    return _load(s, meeting_id)


def _listed(
    s: Session,
    day: date,
    meeting_type: MeetingType | None,
    party_group_id: int | None,
    meeting: Meeting | None = None,
) -> dict[int, ListedMember]:
    """The roster on `day` a record needs: for a 党小组会 only its group and the people
    the record names (the rules look no further), else everyone."""
    if meeting_type is not MeetingType.GROUP or party_group_id is None:
        return listed_on(s, day)
    wanted = group_member_ids(s, party_group_id)
    if meeting is not None:
        ft = meeting.first_topic
        wanted += [a.member_id for a in meeting.attendance]
        people = (meeting.host_id, meeting.recorder_id, meeting.lecturer_id, ft.leader_id)
        wanted += [p for p in people if p is not None]
    return listed_on(s, day, wanted)


def _reference_errors(s: Session, meeting: Meeting, stored: Meeting | None) -> list[FieldError]:
    """The venue and 党小组 must be this file's; a retired venue only where the record
    already had it."""
    errors = []
    if meeting.venue_id is not None:
        names = branch_repo.venue_names(s)
        active = branch_repo.active_venue_ids(s)
        if meeting.venue_id not in names:
            errors.append(FieldError("venue_id", "no_such_venue"))
        elif meeting.venue_id not in active and (
            stored is None or stored.venue_id != meeting.venue_id
        ):
            errors.append(FieldError("venue_id", "venue_retired"))
    if meeting.party_group_id is not None and meeting.party_group_id not in member_repo.group_names(
        s
    ):
        errors.append(FieldError("party_group_id", "no_such_group"))
    return errors
