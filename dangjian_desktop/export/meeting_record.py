"""A meeting as the 会议 reports take it: the domain value plus the names it refers to.

Plain values, no database (the export service builds them inside one read snapshot). A
`MeetingRecord` is one `Meeting` with
- `names`: member id → name for everyone the record refers to (host, recorder, lecturer,
  领学人, every line of the sign-in list); one mapping may be shared by all records of a
  report;
- `formal_ids`: the 正式党员 EXPECTED at this meeting on its date — for a 党小组会 those of
  the group, else those of the branch (meeting_rules.expected_members, then `formal`), the
  very set `validate_meeting` uses; `committee_ids`: the 支委 on that date (支委会 quorum);
- `venue_name` / `group_name`: the names of `venue_id` / `party_group_id`;
- `posts`: optional member id → post word (书记, 组织委员) shown after a name in the minutes;
- `listed`: None when `meeting.attendance` is the whole sign-in list; else the number of
  lines on the list, of which `meeting.attendance` holds only those not plainly present
  (away or excluded) — what the 台账 reads of a meeting without resolutions. Such a record
  has its head count and its lists of those away, not its quorum or its names present.

Head count, quorum and every resolution's outcome are COMPUTED here from those values by the
domain functions (head_count, quorum, vote_outcome), never handed in: so a report cannot
disagree with the rules, and the service has nothing to compute but the two id sets.

The wording of a record's cells (type, place, people, attendance lists) lives here too, so
the ledger, the plan and the minutes say a meeting the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from functools import cached_property

from dangjian_desktop.domain.meeting_rules import (
    HeadCount,
    Quorum,
    VoteOutcome,
    head_count,
    head_count_of_listed,
    quorum,
    vote_outcome,
)
from dangjian_desktop.domain.meetings import Attendance, Meeting, MeetingType, Presence
from dangjian_desktop.export import labels

UNKNOWN_NAME = "（姓名缺失）"


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting and the names it needs; see the module docstring for each field."""

    meeting: Meeting
    names: Mapping[int, str] = field(default_factory=dict)
    formal_ids: Collection[int] = ()
    committee_ids: Collection[int] = ()
    venue_name: str = ""
    group_name: str = ""
    posts: Mapping[int, str] = field(default_factory=dict)
    listed: int | None = None

    # --- computed by the domain rules -----------------------------------------------------
    @cached_property
    def head_count(self) -> HeadCount:
        if self.listed is not None:
            return head_count_of_listed(self.listed, self.meeting.attendance)
        return head_count(self.meeting.attendance)

    def _whole_list(self, what: str) -> None:
        if self.listed is not None:
            raise ValueError(f"{what} needs the whole sign-in list, only those away were read")

    @cached_property
    def quorum(self) -> Quorum:
        self._whole_list("the quorum")
        m = self.meeting
        return quorum(m.type, m.attendance, self.formal_ids, self.committee_ids)

    @cached_property
    def outcomes(self) -> tuple[VoteOutcome, ...]:
        q = self.quorum
        return tuple(vote_outcome(res, q) for res in self.meeting.resolutions)

    @property
    def excluded_entitled(self) -> int:
        """Members with voting rights left out of the count with approval (不计入应到人数)."""
        pool = set(self.formal_ids)
        return sum(a.excluded and a.member_id in pool for a in self.meeting.attendance)

    @property
    def sort_key(self) -> tuple[date, time, int]:
        m = self.meeting
        return (m.date, m.start_time or time.min, m.id or 0)

    # --- names ----------------------------------------------------------------------------
    def name(self, member_id: int | None) -> str:
        if member_id is None:
            return ""
        return self.names.get(member_id, UNKNOWN_NAME)

    def name_with_post(self, member_id: int | None) -> str:
        """王建华（书记）, or the bare name when no post is known."""
        name = self.name(member_id)
        post = self.posts.get(member_id, "") if member_id is not None else ""
        return labels.NAME_WITH_POST.format(name=name, post=post) if name and post else name

    @property
    def host(self) -> str:
        return self.name(self.meeting.host_id)

    @property
    def recorder(self) -> str:
        return self.name(self.meeting.recorder_id)

    @property
    def lecturer(self) -> str:
        """主讲人: a member, or a lecturer from outside the branch by name."""
        m = self.meeting
        return self.name(m.lecturer_id) if m.lecturer_id is not None else m.lecturer_name.strip()

    @property
    def lecturer_with_post(self) -> str:
        m = self.meeting
        return self.name_with_post(m.lecturer_id) if m.lecturer_id is not None else self.lecturer

    @property
    def is_lecture(self) -> bool:
        m = self.meeting
        return MeetingType.LECTURE in (m.type, m.also_counts_as)

    @property
    def study_leader(self) -> str:
        """第一议题 领学人: a member or a name."""
        ft = self.meeting.first_topic
        return self.name(ft.leader_id) if ft.leader_id is not None else ft.leader_name.strip()

    # --- cells ------------------------------------------------------------------------------
    @property
    def type_words(self) -> str:
        """支部党员大会; 主题党日（兼党课）; 党小组会（驾驶部党小组）."""
        m = self.meeting
        words = labels.MEETING_TYPE[m.type]
        if m.also_counts_as is not None:
            other = labels.MEETING_TYPE[m.also_counts_as]
            words = labels.ALSO_COUNTS_AS.format(type=words, other=other)
        if m.type is MeetingType.GROUP and self.group_name:
            words = labels.IN_GROUP.format(type=words, group=self.group_name)
        return words

    @property
    def place(self) -> str:
        """The venue's name, the free-text place, or both when they differ."""
        venue, place = self.venue_name.strip(), self.meeting.place.strip()
        if venue and place and place != venue:
            return f"{venue}（{place}）"
        return venue or place

    @property
    def first_topic_words(self) -> str:
        """学习《…》（集中学习，领学人 王建华）."""
        ft = self.meeting.first_topic
        details = [ft.form.strip()]
        leader = self.study_leader
        if leader:
            details.append(f"领学人 {leader}")
        extra = "，".join(d for d in details if d)
        topic = ft.topic.strip()
        return f"{topic}（{extra}）" if extra and topic else topic or extra

    @cached_property
    def _away(self) -> dict[Presence, list[Attendance]]:
        """The lines of those on leave and absent, in one pass over the sign-in list (a
        党员大会 may list hundreds, and the ledger asks for both lists of every meeting);
        approved exclusions are listed apart. Presences compared by identity, from locals:
        a year's 台账 sorts 24,000 lines here."""
        leave: list[Attendance] = []
        absent: list[Attendance] = []
        on_leave, away = Presence.LEAVE, Presence.ABSENT
        for line in self.meeting.attendance:
            if line.excluded:
                continue
            presence = line.presence
            if presence is on_leave:
                leave.append(line)
            elif presence is away:
                absent.append(line)
        return {Presence.LEAVE: leave, Presence.ABSENT: absent}

    def _by_reason(self, presence: Presence) -> str:
        """The members away, grouped by reason in the order reasons first occur:
        "公休：许文杰、罗丹丹；在航：宋佳琪（随兴海油3轮执行运输任务）" — a free-text note
        stays with its member. Without any reason: the bare names."""
        groups: dict[str, list[str]] = {}  # by the reason's word
        name_of, words = self.names.get, labels.LEAVE_REASON
        for line in self._away[presence]:
            name = name_of(line.member_id, UNKNOWN_NAME)
            if line.note:
                note = line.note.strip()
                if note:
                    name = labels.NAME_WITH_REASON.format(name=name, reason=note)
            groups.setdefault(words[line.reason], []).append(name)
        if list(groups) == [""]:
            return labels.NAME_LIST_SEP.join(groups[""])
        return labels.REASON_GROUP_SEP.join(
            labels.REASON_GROUP.format(
                reason=reason or labels.NO_REASON, names=labels.NAME_LIST_SEP.join(names)
            )
            for reason, names in groups.items()
        )

    @property
    def present_names(self) -> str:
        self._whole_list("the names present")
        present = Presence.PRESENT
        return labels.NAME_LIST_SEP.join(
            self.name(a.member_id)
            for a in self.meeting.attendance
            if a.presence is present and not a.excluded
        )

    @property
    def leave_names(self) -> str:
        """公休：许文杰、罗丹丹；在航：宋佳琪（随兴海油3轮执行运输任务）."""
        return self._by_reason(Presence.LEAVE)

    @property
    def absent_names(self) -> str:
        return self._by_reason(Presence.ABSENT)

    @property
    def excluded_names(self) -> str:
        """潘明（长期病休；公司党委同意）: 不计入应到人数, with the reason and the approval."""
        parts = []
        for a in self.meeting.attendance:
            if a.excluded:
                why = "；".join(
                    p for p in (a.exclusion_reason.strip(), a.exclusion_approval.strip()) if p
                )
                name = self.name(a.member_id)
                parts.append(labels.NAME_WITH_REASON.format(name=name, reason=why) if why else name)
        return labels.NAME_LIST_SEP.join(parts)

    @property
    def guest_names(self) -> str:
        return labels.NAME_LIST_SEP.join(g.strip() for g in self.meeting.guests if g.strip())


def sorted_records(records: Collection[MeetingRecord]) -> list[MeetingRecord]:
    """In the order of a ledger: by date, then start time, then id."""
    return sorted(records, key=lambda r: r.sort_key)


def in_period(day: date, year: int, quarter: int | None) -> bool:
    if day.year != year:
        return False
    return quarter is None or (day.month - 1) // 3 + 1 == quarter


def check_period(year: int, quarter: int | None) -> None:
    if quarter is not None and not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1–4, not {quarter!r}")
    if not 1 <= year <= 9999:
        raise ValueError(f"year out of range: {year!r}")


@dataclass(frozen=True)
class MinutesReport:
    """The 会议记录 of one meeting, as the minutes writer (minutes_pdf.py) prints it.

    `attachments`: the names of its attached files (scans of the sign-in sheet, photos),
    listed by name only. `issued_on` is the printing date in the page header."""

    record: MeetingRecord
    unit_name: str
    issued_on: date
    attachments: Sequence[str] = ()
    prepared_by: str = ""
