"""The rules of a meeting record: who belongs on its sign-in list, the head counts, quorum,
votes, and what a record must hold before it is 已召开 or 已归档. Pure functions; the
service hands in the members as they stood on the meeting date.

Sources (domain brief §1.2, 《中国共产党支部工作条例（试行）》):
- 条例第十一条 (支部党员大会): a vote may proceed only if more than half of the members with
  voting rights attend; it passes if 赞成 exceeds half of those entitled to attend
  (应到会有表决权的党员), not half of those present.
- 条例第十二条 (支委会): 须有半数以上委员到会方可进行.
- 党章第七条: only 正式党员 have 表决权; 预备党员 do not.
- 组织工作问答 (practice): written opinions handed in beforehand count in admission and 转正
  votes; five groups may be left out of the 应到 count with the higher organisation's consent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.meetings import (
    WRITTEN_OPINION_KINDS,
    Attendance,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
)
from dangjian_desktop.domain.people import PartyStatus, StatusChange

TOPIC_MAX = 200
TEXT_MAX = 20_000  # agenda summaries, resolutions, 遗留问题
MINUTES_MAX = 200_000  # minutes kept exactly; a 600,000-character paste is refused
NAME_MAX = 50
GUESTS_MAX = 100


# --- who was in the branch on a date ------------------------------------------------------
def status_on(changes: Iterable[StatusChange], day: date) -> PartyStatus | None:
    """The 党籍状态 on `day` from the dated history kept here; None before the first row
    (the member had not joined this branch yet)."""
    current: tuple[date, int, PartyStatus] | None = None
    for index, change in enumerate(changes):
        if change.changed_on <= day:
            key = (change.changed_on, index, change.status)
            if current is None or key[:2] >= current[:2]:
                current = key
    return None if current is None else current[2]


def in_branch_on(changes: Iterable[StatusChange], day: date) -> bool:
    """On the roster of this branch on `day`: status 正常 then. Transferred out, suspended,
    expelled or deceased before it, or joined (added or transferred in) after it: not.

    `changes` must be the rows recorded in this branch's file only: rows merged from
    another branch's transfer file tell where the member was on that branch's roster, and
    would make a member received from ship A look present at ship B's meetings of years
    before (storage: member_history_repo.statuses_here)."""
    return status_on(changes, day) is PartyStatus.NORMAL


def formal_on(full_date: date | None, day: date) -> bool:
    """正式党员 on `day`: the 预备期 had ended (转正日期 on or before it). 党章第七条: only they
    vote."""
    return full_date is not None and full_date <= day


@dataclass(frozen=True)
class ListedMember:
    """A member as they stood on the meeting date, for the sign-in list."""

    member_id: int
    name: str
    formal: bool
    party_group_id: int | None = None
    on_committee: bool = False


def expected_members(
    meeting_type: MeetingType,
    members: Sequence[ListedMember],
    party_group_id: int | None = None,
) -> list[ListedMember]:
    """Whom the sign-in list offers: the 党小组 for a 党小组会, the committee for a 支委会,
    else everyone in the branch on that date."""
    if meeting_type is MeetingType.GROUP and party_group_id is not None:
        return [m for m in members if m.party_group_id == party_group_id]
    if meeting_type is MeetingType.COMMITTEE:
        return [m for m in members if m.on_committee]
    return list(members)


# --- head counts and quorum --------------------------------------------------------------
@dataclass(frozen=True)
class HeadCount:
    """应到/实到/请假/缺席, computed, never typed (DESIGN.md §2 会议)."""

    expected: int  # 应到: on the list, less approved exclusions
    present: int  # 实到
    on_leave: int  # 请假
    absent: int  # 缺席
    excluded: int  # 不计入应到人数


def head_count(attendance: Sequence[Attendance]) -> HeadCount:
    # One pass: a 党员大会 may list hundreds, and a year's 台账 counts 24,000 lines away —
    # the members compared by identity from locals, each line's presence read once.
    present = on_leave = absent = excluded = 0
    here, leave, away = Presence.PRESENT, Presence.LEAVE, Presence.ABSENT
    for a in attendance:
        if a.excluded:
            excluded += 1
            continue
        presence = a.presence
        if presence is here:
            present += 1
        elif presence is leave:
            on_leave += 1
        elif presence is away:
            absent += 1
    return HeadCount(
        expected=len(attendance) - excluded,
        present=present,
        on_leave=on_leave,
        absent=absent,
        excluded=excluded,
    )


def head_count_of_listed(listed: int, not_present: Sequence[Attendance]) -> HeadCount:
    """The head count of a sign-in list of `listed` lines from only its lines not plainly
    present (`not_present`: every line away or excluded): the others are 出席, so they count
    without being read (the 台账 reads a year's lists so). Equals `head_count` of the whole
    list."""
    counted = head_count(not_present)
    if counted.present:
        raise ValueError("a line present and not excluded is among the lines not present")
    return HeadCount(
        expected=listed - counted.excluded,
        present=listed - len(not_present),
        on_leave=counted.on_leave,
        absent=counted.absent,
        excluded=counted.excluded,
    )


@dataclass(frozen=True)
class Quorum:
    """Whether the meeting could decide: `entitled` are those whose presence counts
    (正式党员 less exclusions; for a 支委会, the committee), `present` those of them there."""

    entitled: int
    present: int
    absent: int  # entitled but not there (their written opinions may count)
    committee: bool = False

    @property
    def needed(self) -> int:
        """The fewest present for a quorum: more than half."""
        return self.entitled // 2 + 1

    @property
    def quorate(self) -> bool:
        return self.entitled > 0 and self.present * 2 > self.entitled


def quorum(
    meeting_type: MeetingType,
    attendance: Sequence[Attendance],
    formal_ids: Iterable[int],
    committee_ids: Iterable[int] = (),
) -> Quorum:
    """条例第十一条 for a 党员大会 (and any vote elsewhere): entitled = the 正式党员 expected
    at the meeting (`formal_ids`, whether or not the sign-in list names them: left off the
    list is away) less approved exclusions; quorate when more than half of them attend.
    条例第十二条 for a 支委会: more than half of the committee present."""
    committee = meeting_type is MeetingType.COMMITTEE
    pool = set(committee_ids if committee else formal_ids)
    excluded = {a.member_id for a in attendance if a.excluded}
    entitled = len(pool - excluded)
    present = sum(
        a.presence is Presence.PRESENT and a.member_id in pool and not a.excluded
        for a in attendance
    )
    return Quorum(entitled, present, entitled - present, committee)


# --- votes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class VoteOutcome:
    """A resolution's result and why, for the record and its wording in the GUI.

    `reason` is one of: "not_voted" (agreed without a vote), "no_quorum", "passed",
    "too_few_yes" (yes votes do not exceed half of those entitled)."""

    passed: bool | None  # None: no vote was taken
    reason: str
    yes: int  # the yes votes that count, written opinions included where they may
    entitled: int
    needed: int  # the fewest yes votes that pass it
    written_counted: bool


def counts_written_opinions(resolution: Resolution) -> bool:
    return resolution.kind in WRITTEN_OPINION_KINDS


def vote_outcome(resolution: Resolution, q: Quorum) -> VoteOutcome:
    """条例第十一条: passes when 赞成 × 2 > those entitled — of the whole entitled count, not
    of those present. Written opinions count only for admission/转正/延长预备期."""
    written = counts_written_opinions(resolution)
    yes = resolution.yes + (resolution.written_yes if written else 0)
    needed = q.entitled // 2 + 1
    if not resolution.voted:
        return VoteOutcome(None, "not_voted", yes, q.entitled, needed, written)
    if not q.quorate:
        return VoteOutcome(False, "no_quorum", yes, q.entitled, needed, written)
    if yes * 2 > q.entitled:
        return VoteOutcome(True, "passed", yes, q.entitled, needed, written)
    return VoteOutcome(False, "too_few_yes", yes, q.entitled, needed, written)


def vote_errors(index: int, resolution: Resolution, q: Quorum) -> list[FieldError]:
    """Counts that cannot be true: more votes than those present, written opinions from
    more members than were away, written opinions on an item where they do not count."""
    path = f"resolutions.{index}"
    errors: list[FieldError] = []
    counts = (
        resolution.yes,
        resolution.no,
        resolution.abstain,
        resolution.written_yes,
        resolution.written_no,
        resolution.written_abstain,
    )
    if any(c < 0 for c in counts):
        return [FieldError(f"{path}.yes", "negative_count")]
    if not resolution.voted:
        if any(counts):
            errors.append(FieldError(f"{path}.voted", "counts_without_vote"))
        return errors
    cast = resolution.yes + resolution.no + resolution.abstain
    if cast > q.present:
        errors.append(
            FieldError(
                f"{path}.yes", "votes_exceed_present", (("cast", cast), ("present", q.present))
            )
        )
    written = resolution.written_yes + resolution.written_no + resolution.written_abstain
    if written and not counts_written_opinions(resolution):
        errors.append(FieldError(f"{path}.written_yes", "written_not_counted"))
    elif written > q.absent:
        errors.append(
            FieldError(
                f"{path}.written_yes",
                "written_exceed_absent",
                (("written", written), ("absent", q.absent)),
            )
        )
    return errors


# --- the record ---------------------------------------------------------------------------
def _length_errors(meeting: Meeting) -> list[FieldError]:
    errors = []
    if len(meeting.topic) > TOPIC_MAX:
        errors.append(FieldError("topic", "too_long", (("max", TOPIC_MAX),)))
    if len(meeting.minutes) > MINUTES_MAX:
        errors.append(FieldError("minutes", "too_long", (("max", MINUTES_MAX),)))
    for name in ("follow_ups", "place", "lecturer_name"):
        limit = NAME_MAX if name == "lecturer_name" else TEXT_MAX
        if len(getattr(meeting, name)) > limit:
            errors.append(FieldError(name, "too_long", (("max", limit),)))
    ft = meeting.first_topic
    for name in ("topic", "material", "form", "leader_name"):
        limit = TOPIC_MAX if name != "material" else TEXT_MAX
        if len(getattr(ft, name)) > limit:
            errors.append(FieldError(f"first_topic.{name}", "too_long", (("max", limit),)))
    for i, item in enumerate(meeting.agenda):
        if not item.title.strip():
            errors.append(FieldError(f"agenda.{i}.title", "required"))
        elif len(item.title) > TOPIC_MAX:
            errors.append(FieldError(f"agenda.{i}.title", "too_long", (("max", TOPIC_MAX),)))
        if len(item.summary) > TEXT_MAX:
            errors.append(FieldError(f"agenda.{i}.summary", "too_long", (("max", TEXT_MAX),)))
    for i, res in enumerate(meeting.resolutions):
        if not res.title.strip():
            errors.append(FieldError(f"resolutions.{i}.title", "required"))
        elif len(res.title) > TOPIC_MAX:
            errors.append(FieldError(f"resolutions.{i}.title", "too_long", (("max", TOPIC_MAX),)))
        if len(res.text) > TEXT_MAX:
            errors.append(FieldError(f"resolutions.{i}.text", "too_long", (("max", TEXT_MAX),)))
    if len(meeting.guests) > GUESTS_MAX:
        errors.append(FieldError("guests", "too_many", (("max", GUESTS_MAX),)))
    for i, guest in enumerate(meeting.guests):
        if len(guest) > NAME_MAX:
            errors.append(FieldError(f"guests.{i}", "too_long", (("max", NAME_MAX),)))
    return errors


def validate_meeting(
    meeting: Meeting,
    today: date,
    listed: Mapping[int, ListedMember],
    committee_ids: Iterable[int] = (),
) -> list[FieldError]:
    """Everything wrong with a record, as field errors (nothing is saved while any remain).

    `listed` are the members in the branch on the meeting date (in_branch_on), by id: the
    sign-in list, host, recorder, lecturer and 领学人 must come from them."""
    errors: list[FieldError] = []
    if not meeting.topic.strip():
        errors.append(FieldError("topic", "required"))
    errors += _length_errors(meeting)
    if meeting.status is not MeetingStatus.PLANNED and meeting.date > today:
        errors.append(FieldError("date", "held_in_future"))
    if meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
        errors.append(FieldError("end_time", "end_before_start"))
    if meeting.type is MeetingType.GROUP and meeting.party_group_id is None:
        errors.append(FieldError("party_group_id", "required"))
    if meeting.also_counts_as is not None and (
        meeting.type is not MeetingType.THEME_DAY or meeting.also_counts_as is MeetingType.THEME_DAY
    ):
        errors.append(FieldError("also_counts_as", "only_theme_day"))
    if meeting.late_record:
        if meeting.recorded_on is None:
            errors.append(FieldError("recorded_on", "required"))
        elif meeting.recorded_on < meeting.date:
            errors.append(FieldError("recorded_on", "before_meeting"))
        elif meeting.recorded_on > today:
            errors.append(FieldError("recorded_on", "in_future"))
    for name in ("host_id", "recorder_id", "lecturer_id"):
        person = getattr(meeting, name)
        if person is not None and person not in listed:
            errors.append(FieldError(name, "not_in_branch", (("date", meeting.date),)))
    leader = meeting.first_topic.leader_id
    if leader is not None and leader not in listed:
        errors.append(
            FieldError("first_topic.leader_id", "not_in_branch", (("date", meeting.date),))
        )
    seen: set[int] = set()
    for i, line in enumerate(meeting.attendance):
        path = f"attendance.{i}"
        if line.member_id in seen:
            errors.append(FieldError(path, "duplicate_attendee"))
        seen.add(line.member_id)
        if line.member_id not in listed:
            errors.append(FieldError(path, "not_in_branch", (("date", meeting.date),)))
        if line.excluded:
            if line.presence is Presence.PRESENT:
                errors.append(FieldError(f"{path}.excluded", "excluded_present"))
            if not line.exclusion_reason.strip():
                errors.append(FieldError(f"{path}.exclusion_reason", "required"))
            if not line.exclusion_approval.strip():
                errors.append(FieldError(f"{path}.exclusion_approval", "required"))
        if len(line.note) > TOPIC_MAX:
            errors.append(FieldError(f"{path}.note", "too_long", (("max", TOPIC_MAX),)))
    if meeting.status is not MeetingStatus.PLANNED and meeting.resolutions:
        expected = expected_members(meeting.type, list(listed.values()), meeting.party_group_id)
        formal = [m.member_id for m in expected if m.formal]
        q = quorum(meeting.type, meeting.attendance, formal, committee_ids)
        for i, res in enumerate(meeting.resolutions):
            errors += vote_errors(i, res, q)
    return errors


def held_errors(meeting: Meeting) -> list[FieldError]:
    """What a record needs before it can be archived (会后有档案): it was held, someone
    recorded it, and the sign-in list is there."""
    errors = []
    if meeting.status is MeetingStatus.PLANNED:
        errors.append(FieldError("status", "not_held"))
    if meeting.host_id is None:
        errors.append(FieldError("host_id", "required"))
    if meeting.recorder_id is None:
        errors.append(FieldError("recorder_id", "required"))
    if not meeting.attendance and meeting.type is not MeetingType.TALK:
        errors.append(FieldError("attendance", "required"))
    return errors


# The codes validate_meeting, vote_errors and held_errors raise, with what each means and
# the parameters it carries (messages.py words every one; tests/unit/test_messages.py
# renders them all).
ERROR_CODES: dict[str, str] = {
    "required": "required field is empty",
    "too_long": "text longer than the limit (param max)",
    "too_many": "more entries than allowed (param max)",
    "held_in_future": "a meeting dated after today cannot be 已召开",
    "end_before_start": "the end time is not after the start time",
    "only_theme_day": "only a 主题党日 may also count as another type",
    "before_meeting": "a 补记 written before the meeting",
    "in_future": "date lies after today",
    "not_in_branch": "not on the branch's roster on the meeting date (param date)",
    "duplicate_attendee": "a member twice on the sign-in list",
    "excluded_present": "a member present cannot be left out of 应到",
    "negative_count": "a vote count below zero",
    "counts_without_vote": "vote counts for an item agreed without a vote",
    "votes_exceed_present": "more votes than voting members present (params cast, present)",
    "written_not_counted": "written opinions on an item where they do not count",
    "written_exceed_absent": "more written opinions than voting members away "
    "(params written, absent)",
    "not_held": "a planned meeting cannot be archived",
}
