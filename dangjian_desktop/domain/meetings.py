"""会议: 三会一课 and other organisational life, as value types. No Qt, no SQL.

What a record holds follows the domain brief §1.3 (meeting record content, 第一议题, the
suggested record schema); the life cycle 计划 → 已召开 → 已归档 follows DESIGN.md §2 会议
(会前有计划、会中有记录、会后有档案). People are referred to by member id (the committee rows
of the branch profile are rewritten on every save, code review §3 decision 2); a lecturer or
guest from outside the branch is a plain name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time
from enum import StrEnum

from dangjian_desktop.domain.text import clean_text


class MeetingType(StrEnum):
    """The meeting types of DESIGN.md §2 and the domain brief §1.1."""

    GENERAL = "general"  # 支部党员大会
    COMMITTEE = "committee"  # 支部委员会会议 (支委会)
    GROUP = "group"  # 党小组会
    LECTURE = "lecture"  # 党课
    THEME_DAY = "theme_day"  # 主题党日
    LIFE_MEETING = "life_meeting"  # 组织生活会
    APPRAISAL = "appraisal"  # 民主评议党员
    TALK = "talk"  # 谈心谈话
    OTHER = "other"  # 其他


class MeetingStatus(StrEnum):
    PLANNED = "planned"  # 计划
    HELD = "held"  # 已召开
    ARCHIVED = "archived"  # 已归档: read-only until reopened with a reason


class Presence(StrEnum):
    PRESENT = "present"  # 出席
    LEAVE = "leave"  # 请假
    ABSENT = "absent"  # 缺席


class LeaveReason(StrEnum):
    """Why a member was away (domain brief §1.3: 请假/在航/公休/病假/…)."""

    NONE = ""
    AT_SEA = "at_sea"  # 在航
    SHORE_LEAVE = "shore_leave"  # 公休
    SICK = "sick"  # 病假
    PERSONAL = "personal"  # 事假
    OTHER = "other"  # 其他


class ResolutionKind(StrEnum):
    """What a vote decides. Written opinions count only for the three membership items
    (domain brief §1.2: admission and 转正 votes; 延长预备期 is decided the same way)."""

    GENERAL = "general"  # 一般事项
    ADMISSION = "admission"  # 接收预备党员
    FULL_MEMBERSHIP = "full_membership"  # 预备党员转正
    EXTEND_PROBATION = "extend_probation"  # 延长预备期
    DISCIPLINE = "discipline"  # 处分/处置
    OTHER = "other"  # 其他


WRITTEN_OPINION_KINDS = frozenset(
    {ResolutionKind.ADMISSION, ResolutionKind.FULL_MEMBERSHIP, ResolutionKind.EXTEND_PROBATION}
)


@dataclass(frozen=True)
class FirstTopic:
    """第一议题 (domain brief §1.3): studied first, recorded with topic, material, form and
    who led the study."""

    topic: str = ""
    material: str = ""
    form: str = ""  # 集中学习 / 领学 / 研讨 …
    leader_id: int | None = None  # 领学人 (a member)
    leader_name: str = ""  # … or a name from outside the branch

    def is_empty(self) -> bool:
        return not (self.topic or self.material or self.form or self.leader_id or self.leader_name)


@dataclass(frozen=True)
class AgendaItem:
    title: str
    summary: str = ""  # 讨论情况/发言摘要


@dataclass(frozen=True)
class Resolution:
    """One decision, with its vote when one was taken (domain brief §1.2).

    `yes`/`no`/`abstain` are the votes cast by those present. `written_*` are written
    opinions handed in beforehand by members who could not attend; they count only for the
    kinds in WRITTEN_OPINION_KINDS."""

    title: str
    kind: ResolutionKind = ResolutionKind.GENERAL
    text: str = ""  # 决议内容
    voted: bool = True  # False: agreed without a vote (recorded as 决定)
    method: str = ""  # 表决方式: 举手 / 无记名投票 …
    yes: int = 0
    no: int = 0
    abstain: int = 0
    written_yes: int = 0
    written_no: int = 0
    written_abstain: int = 0


@dataclass(frozen=True, slots=True)
class Attendance:
    """One member's line of the sign-in list. `excluded` is 不计入应到人数 (domain brief §1.2:
    five groups may be left out with the higher organisation's consent and a 党员大会
    decision), which needs a reason and the approval note.

    Slotted: a 5-year file holds 770,000 lines, a year's 台账 reads 24,000 of them, and a
    value without an attribute dict takes 96 bytes, not 336, and is quicker to read."""

    member_id: int
    presence: Presence = Presence.PRESENT
    reason: LeaveReason = LeaveReason.NONE
    note: str = ""  # free text: the reason in the member's words, 缺席原因
    excluded: bool = False
    exclusion_reason: str = ""
    exclusion_approval: str = ""


@dataclass(frozen=True)
class Meeting:
    type: MeetingType
    topic: str
    date: date
    status: MeetingStatus = MeetingStatus.PLANNED
    also_counts_as: MeetingType | None = None  # a 主题党日 held as, e.g., a 党课 too
    theme_tags: tuple[str, ...] = ()  # the branch's own 党日 day types (data)
    party_group_id: int | None = None  # which 党小组 (党小组会)
    start_time: time | None = None
    end_time: time | None = None
    venue_id: int | None = None  # a venue of the branch profile …
    place: str = ""  # … or free text (a depot's meeting room, a video call)
    host_id: int | None = None  # 主持人
    recorder_id: int | None = None  # 记录人
    lecturer_id: int | None = None  # 主讲人 (党课)
    lecturer_name: str = ""  # a lecturer from outside the branch
    first_topic: FirstTopic = field(default_factory=FirstTopic)
    agenda: tuple[AgendaItem, ...] = ()
    minutes: str = ""  # kept exactly as typed or pasted
    resolutions: tuple[Resolution, ...] = ()
    follow_ups: str = ""  # 遗留问题
    attendance: tuple[Attendance, ...] = ()
    guests: tuple[str, ...] = ()  # 列席, by name
    late_record: bool = False  # 补记: written after the event (ships write after the voyage)
    recorded_on: date | None = None  # the date a 补记 was written
    id: int | None = None
    uid: str = ""


@dataclass(frozen=True)
class MeetingFilter:
    """What the meetings list shows. Empty fields do not filter."""

    year: int | None = None
    quarter: int | None = None  # 1–4, with year
    types: tuple[MeetingType, ...] = ()
    statuses: tuple[MeetingStatus, ...] = ()
    party_group_id: int | None = None
    text: str = ""  # topic or 第一议题
    only_deleted: bool = False  # the 回收站 instead of the list


@dataclass(frozen=True)
class MeetingSort:
    column: str = "date"  # date, type, topic or status; ties broken by id
    descending: bool = True


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings list and the 三会一课台账: the record's head, names
    resolved, head counts computed from the sign-in list (never typed)."""

    id: int
    type: MeetingType
    date: date
    topic: str
    status: MeetingStatus
    place: str  # the venue's name (retired venues too) or the free text
    host_name: str
    expected: int  # 应到 (exclusions left out)
    present: int  # 实到
    on_leave: int  # 请假
    absent: int  # 缺席
    late_record: bool  # 补记
    attachments: int
    also_counts_as: MeetingType | None = None
    party_group_id: int | None = None
    deleted: bool = False


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class FrequencyRule:
    """One line of the frequency table (rules are data, STYLE.md §6): `count` meetings of
    `type` per `period`; `per_group` asks it of every 党小组 (党小组会)."""

    type: MeetingType
    period: Period
    count: int = 1
    per_group: bool = False
    note: str = ""  # the source or local rule, shown in the settings


# The shipped defaults (domain brief §1.1, 条例 ch.4). 党课 quarterly is a local rule book
# (UNCONFIRMED in the brief): it is data the user can change, like all of these.
DEFAULT_FREQUENCIES: tuple[FrequencyRule, ...] = (
    FrequencyRule(MeetingType.GENERAL, Period.QUARTER, 1, note="条例第十一条：一般每季度召开1次"),
    FrequencyRule(MeetingType.COMMITTEE, Period.MONTH, 1, note="条例第十二条：一般每月召开1次"),
    FrequencyRule(
        MeetingType.GROUP, Period.MONTH, 1, per_group=True, note="条例第十三条：一般每月召开1次"
    ),
    FrequencyRule(MeetingType.THEME_DAY, Period.MONTH, 1, note="条例第十七条：每月相对固定1天"),
    FrequencyRule(MeetingType.LECTURE, Period.QUARTER, 1, note="地方规定：每季度至少1次（可改）"),
    FrequencyRule(MeetingType.LIFE_MEETING, Period.YEAR, 1, note="每年至少召开1次，一般在第四季度"),
    FrequencyRule(MeetingType.APPRAISAL, Period.YEAR, 1, note="民主评议党员一般每年开展1次"),
)

# The branch's own 主题党日 day types (data; the default is the "四日" of many units).
DEFAULT_THEME_DAY_TAGS: tuple[str, ...] = ("党的生日", "党员活动日", "扶贫济困日", "联系点群众日")


def normalize_meeting(meeting: Meeting) -> Meeting:
    """The record as stored: no control characters in any text (domain.text); line breaks
    kept where a field has lines (minutes, summaries, resolutions, 遗留问题, material).
    Nothing is trimmed inside the minutes: they are kept as pasted."""
    ft = meeting.first_topic
    return replace(
        meeting,
        topic=clean_text(meeting.topic).strip(),
        place=clean_text(meeting.place).strip(),
        lecturer_name=clean_text(meeting.lecturer_name).strip(),
        theme_tags=tuple(dict.fromkeys(clean_text(t).strip() for t in meeting.theme_tags if t)),
        first_topic=replace(
            ft,
            topic=clean_text(ft.topic).strip(),
            material=clean_text(ft.material, multiline=True),
            form=clean_text(ft.form).strip(),
            leader_name=clean_text(ft.leader_name).strip(),
        ),
        agenda=tuple(
            replace(
                a, title=clean_text(a.title).strip(), summary=clean_text(a.summary, multiline=True)
            )
            for a in meeting.agenda
        ),
        minutes=clean_text(meeting.minutes, multiline=True),
        resolutions=tuple(
            replace(
                r,
                title=clean_text(r.title).strip(),
                text=clean_text(r.text, multiline=True),
                method=clean_text(r.method).strip(),
            )
            for r in meeting.resolutions
        ),
        follow_ups=clean_text(meeting.follow_ups, multiline=True),
        attendance=tuple(
            replace(
                a,
                note=clean_text(a.note).strip(),
                exclusion_reason=clean_text(a.exclusion_reason).strip(),
                exclusion_approval=clean_text(a.exclusion_approval).strip(),
            )
            for a in meeting.attendance
        ),
        guests=tuple(g for g in (clean_text(g).strip() for g in meeting.guests) if g),
    )
