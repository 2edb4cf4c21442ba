"""The sample branch's 三会一课: two years of meetings on board and at the crew base, written
through ws.meetings like the window writes them (issue 8 B.10).

What a newcomer should find: the required meetings mostly held, with a couple missing so the
compliance calendar shows gaps (one 支委会, one 公休党小组会); sign-in lists with the leave a
tanker's crew really takes (在航 watches, the 公休 watch ashore, a member in training, the
失联 one absent); a 党员大会 admitting a 预备党员 with written opinions from members ashore;
the monthly 支委会 and 党小组会; 主题党日 tagged with the branch's day types, every third one
also counted as the quarter's 党课; 组织生活会 and 民主评议 each December; a few 补记 written
after a voyage; one quarter archived; and the coming weeks planned.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, time, timedelta

from dangjian_desktop.demo import crew
from dangjian_desktop.demo.roster import StepContext
from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.meetings import (
    AgendaItem,
    Attendance,
    FirstTopic,
    LeaveReason,
    Meeting,
    MeetingFilter,
    MeetingSort,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.domain.people import PartyPost

MONTHS = 24
SKIPPED_COMMITTEE = 10  # months ago: the 支委会 of that month was not held (a gap)
SKIPPED_LEAVE_GROUP = 7  # the 公休党小组会 of that month was not held
LATE_MONTHS = (9, 8)  # a voyage without a clerk: those 党小组会 were written up afterwards
ARCHIVED_QUARTER_AGO = 2  # the quarter before last is bound and archived
LOST_MONTHS_AGO = 7  # as in roster.py: absent since
TRAINING_MONTHS_AGO = 3  # the 流动党员 has been at the training centre since

T = MeetingType
FIRST_TOPICS = (
    "学习习近平总书记关于安全生产的重要论述",
    "学习《中国共产党支部工作条例（试行）》",
    "学习习近平新时代中国特色社会主义思想专题摘编",
    "学习党的二十大报告",
    "学习《中国共产党纪律处分条例》",
    "学习习近平总书记关于海洋强国建设的重要论述",
)
THEME_DAYS = (
    ("重温入党誓词", "党员活动日"),
    ("“安全护航”志愿服务", "联系点群众日"),
    ("为困难船员家庭送温暖", "扶贫济困日"),
    ("学习身边榜样", "党员活动日"),
)
LECTURES = ("发扬“海上铁军”精神，做合格共产党员", "从党史中汲取安全生产的智慧")


def meetings(ctx: StepContext) -> None:
    """Two years of meetings before `today`, an archived quarter, and the coming weeks."""
    ws, today = ctx.ws, ctx.today
    # The committee was saved before the crew was on the roster: link the seats now.
    ws.branch.save_profile(ws.branch.profile())
    writer = _Writer(ctx)
    start = add_months(date(today.year, today.month, 1), -MONTHS)
    for ago in range(MONTHS, -1, -1):
        month = add_months(start, MONTHS - ago)
        writer.month(month, ago)
    writer.admission()
    _archive_quarter(ctx)
    _plan_coming_weeks(ctx, writer)


class _Writer:
    def __init__(self, ctx: StepContext) -> None:
        self.ctx = ctx
        self.ws = ctx.ws
        self.today = ctx.today
        self.rng = ctx.rng
        self.ids = ctx.member_ids
        self.groups = ctx.group_ids
        profile = ctx.ws.branch.profile()
        self.venue_ship, self.venue_base = (v.id for v in profile.venues)
        self.secretary = self.ids[_holder(PartyPost.SECRETARY)]
        self.organiser = self.ids[_holder(PartyPost.ORGANIZATION)]
        self.leave_group = {c.name for c in crew.ROSTER if c.group == crew.LEAVE}
        self.lost_since = add_months(self.today, -LOST_MONTHS_AGO)
        self.training_since = add_months(self.today, -TRAINING_MONTHS_AGO)

    # --- one month ------------------------------------------------------------------------
    def month(self, first: date, ago: int) -> None:
        n = first.year * 12 + first.month
        topic = FIRST_TOPICS[n % len(FIRST_TOPICS)]
        if ago != SKIPPED_COMMITTEE:
            self.committee(first.replace(day=3), topic)
        self.theme_day(first.replace(day=6), n, topic)
        for group in (crew.DECK, crew.ENGINE, crew.LEAVE):
            if group == crew.LEAVE and ago == SKIPPED_LEAVE_GROUP:
                continue
            day = first.replace(day=15 if group == crew.LEAVE else 12)
            self.group(day, group, topic, late=ago in LATE_MONTHS and group != crew.LEAVE)
        if first.month % 3 == 2 and not self._admission_quarter(first):
            self.general(first.replace(day=20), topic)
        if first.month == 6:
            self.lecture(first.replace(day=26), LECTURES[first.year % 2])
        if first.month == 12:
            self.life_meeting(first.replace(day=22))

    def _admission_quarter(self, first: date) -> bool:
        joined = self.ctx.members[crew.PROBATION_NEW].join_date
        return (joined.year, (joined.month - 1) // 3) == (first.year, (first.month - 1) // 3)

    # --- the meetings ---------------------------------------------------------------------
    def committee(self, day: date, topic: str) -> None:
        committee = self._committee_ids()
        attendance = tuple(a for a in self._sign_in(day, T.GENERAL) if a.member_id in committee)
        self.save(
            Meeting(
                T.COMMITTEE,
                f"{day.month}月支委会：研究本月党建工作和安全生产",
                day,
                venue_id=self.venue_ship,
                start_time=time(19, 0),
                end_time=time(20, 0),
                first_topic=FirstTopic(topic, form="集中学习", leader_id=self.secretary),
                agenda=(
                    AgendaItem("传达上级党委会议精神"),
                    AgendaItem("研究本月主题党日安排", "确定主题、分工和时间"),
                ),
                minutes=f"{day:%Y年%m月%d日}支委会。书记传达公司党委会议精神，"
                "支委逐项研究本月工作，明确分工。",
                attendance=attendance,
            )
        )

    def theme_day(self, day: date, n: int, topic: str) -> None:
        title, tag = THEME_DAYS[n % len(THEME_DAYS)]
        if day.month == 7:
            title, tag = "庆祝建党纪念日，重温入党誓词", "党的生日"
        lecture = day.month % 3 == 2  # the quarter's 党课 is given on this 党日
        self.save(
            Meeting(
                T.THEME_DAY,
                f"{day.month}月主题党日：{title}",
                day,
                also_counts_as=T.LECTURE if lecture else None,
                theme_tags=(tag,),
                venue_id=self.venue_ship,
                lecturer_id=self.secretary if lecture else None,
                first_topic=FirstTopic(topic, form="领学", leader_id=self.secretary),
                agenda=(AgendaItem(title),)
                + ((AgendaItem("党课：" + LECTURES[n % 2], "书记讲授"),) if lecture else ()),
                minutes=f"全体在船党员参加。{title}。",
                attendance=self._sign_in(day, T.THEME_DAY),
            )
        )

    def group(self, day: date, group: str, topic: str, late: bool) -> None:
        gid = self.groups[group]
        ashore = group == crew.LEAVE
        attendance = self._sign_in(day, T.GROUP, gid, ashore=ashore)
        leader = self.ids[_group_leader(group)]
        if leader not in {a.member_id for a in attendance}:  # seconded ashore that month
            leader = next(a.member_id for a in attendance if a.presence is Presence.PRESENT)
        self.save(
            Meeting(
                T.GROUP,
                f"{group}{day.month}月组会",
                day,
                party_group_id=gid,
                venue_id=self.venue_base if ashore else self.venue_ship,
                host_id=leader,
                recorder_id=leader,
                first_topic=FirstTopic(topic, form="自学交流"),
                agenda=(AgendaItem("交流学习体会"), AgendaItem("讨论本岗位安全隐患")),
                minutes="组长主持，党员逐一发言。",
                attendance=attendance,
                late_record=late,
                recorded_on=day + timedelta(days=12) if late else None,
            )
        )

    def general(self, day: date, topic: str, resolutions=(), attendance=None) -> int | None:
        quarter = (day.month - 1) // 3 + 1
        return self.save(
            Meeting(
                T.GENERAL,
                f"{day.year}年第{quarter}季度支部党员大会",
                day,
                venue_id=self.venue_ship,
                start_time=time(19, 30),
                end_time=time(21, 0),
                first_topic=FirstTopic(topic, "学习材料汇编", "集中学习", self.secretary),
                agenda=(AgendaItem("书记通报本季度支部工作"), AgendaItem("党员发言")),
                minutes="应到、实到人数见签到名单。书记通报本季度工作，党员逐一发言。",
                resolutions=resolutions,
                attendance=attendance or self._sign_in(day, T.GENERAL),
            )
        )

    def lecture(self, day: date, title: str) -> None:
        self.save(
            Meeting(
                T.LECTURE,
                f"书记讲党课：{title}",
                day,
                venue_id=self.venue_ship,
                lecturer_id=self.secretary,
                first_topic=FirstTopic(FIRST_TOPICS[0], form="领学", leader_id=self.secretary),
                minutes="书记讲授党课，党员交流体会。",
                attendance=self._sign_in(day, T.LECTURE),
            )
        )

    def life_meeting(self, day: date) -> None:
        for kind, title in (
            (T.LIFE_MEETING, f"{day.year}年度组织生活会"),
            (T.APPRAISAL, f"{day.year}年度民主评议党员"),
        ):
            self.save(
                Meeting(
                    kind,
                    title,
                    day,
                    venue_id=self.venue_ship,
                    agenda=(AgendaItem("个人对照检查"), AgendaItem("开展批评和自我批评")),
                    minutes="会前开展谈心谈话、征求意见；会上党员逐一对照检查。",
                    attendance=self._sign_in(day, kind),
                )
            )

    def admission(self) -> None:
        """The 党员大会 that admitted the newest 预备党员 (on their 入党日期): everyone
        present votes yes; two members ashore sent written opinions beforehand."""
        applicant = self.ctx.members[crew.PROBATION_NEW]
        day = applicant.join_date
        attendance = tuple(
            a for a in self._sign_in(day, T.GENERAL) if a.member_id != self.ids[applicant.name]
        )
        listed = {m.member_id: m for m in self.ws.meetings.roster_on(day)}
        formal_present = sum(
            a.presence is Presence.PRESENT and listed[a.member_id].formal for a in attendance
        )
        vote = Resolution(
            f"接收{applicant.name}同志为中共预备党员",
            ResolutionKind.ADMISSION,
            text=f"同意接收{applicant.name}同志为中共预备党员，报上级党委审批。",
            method="举手表决",
            yes=formal_present,
            written_yes=2,
        )
        self.general(day, FIRST_TOPICS[1], (vote,), attendance)

    # --- helpers --------------------------------------------------------------------------
    def save(self, meeting: Meeting) -> int | None:
        if meeting.date > self.today:  # the rest of this month is still to come
            return None
        meeting = replace(
            meeting,
            status=MeetingStatus.HELD,
            host_id=meeting.host_id or self.secretary,
            recorder_id=meeting.recorder_id or self.organiser,
            uid=self.new_uid(),
        )
        meeting_id, _ = self.ws.meetings.save(meeting)
        return meeting_id

    def new_uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _committee_ids(self) -> set[int]:
        return {s.member_id for s in self.ws.branch.profile().committee if s.member_id}

    def _sign_in(
        self, day: date, kind: MeetingType, gid: int | None = None, ashore: bool = False
    ) -> tuple[Attendance, ...]:
        """Everyone expected, present, then the exceptions of life on a tanker."""
        names = {v: k for k, v in self.ids.items()}
        lines = []
        for line in self.ws.meetings.draft(kind, day, gid).attendance:
            name = names[line.member_id]
            lines.append(self._exception(line, name, day, ashore))
        return tuple(lines)

    def _exception(self, line: Attendance, name: str, day: date, ashore: bool) -> Attendance:
        if name == crew.LOST and day >= self.lost_since:
            return replace(line, presence=Presence.ABSENT, note="公休后失去联系")
        if name == crew.MOBILE and day >= self.training_since:
            return replace(
                line, presence=Presence.LEAVE, reason=LeaveReason.OTHER, note="在培训中心参加培训"
            )
        if name in self.leave_group and not ashore:
            return replace(line, presence=Presence.LEAVE, reason=LeaveReason.SHORE_LEAVE)
        draw = self.rng.random()
        if draw < 0.06 and not ashore:
            return replace(
                line, presence=Presence.LEAVE, reason=LeaveReason.AT_SEA, note="在航值班"
            )
        if draw < 0.08:
            return replace(line, presence=Presence.LEAVE, reason=LeaveReason.SICK)
        return line


def _holder(post: PartyPost) -> str:
    return next(c.name for c in crew.ROSTER if c.party_post is post)


def _group_leader(group: str) -> str:
    return next(
        c.name for c in crew.ROSTER if c.group == group and c.party_post is PartyPost.GROUP_LEADER
    )


def _archive_quarter(ctx: StepContext) -> None:
    """The quarter before last: bound into the 三会一课记录本 and archived."""
    quarter_start = date(ctx.today.year, (ctx.today.month - 1) // 3 * 3 + 1, 1)
    first = add_months(quarter_start, -3 * ARCHIVED_QUARTER_AGO)
    year, quarter = first.year, (first.month - 1) // 3 + 1
    flt = MeetingFilter(year=year, quarter=quarter)
    for meeting_id in ctx.ws.meetings.ids(flt, MeetingSort(descending=False)):
        ctx.ws.meetings.archive(meeting_id)


def _plan_coming_weeks(ctx: StepContext, writer: _Writer) -> None:
    """Next month's 主题党日 and the 党员大会 that will discuss the 转正 falling due."""
    today = ctx.today
    next_month = add_months(date(today.year, today.month, 1), 1)
    due = ctx.members[crew.PROBATION_DUE]
    vote_day = today + timedelta(days=30)
    planned = [
        Meeting(
            T.THEME_DAY,
            f"{next_month.month}月主题党日：重温入党誓词",
            next_month.replace(day=6),
            theme_tags=("党员活动日",),
            venue_id=writer.venue_ship,
            host_id=writer.secretary,
        ),
        Meeting(
            T.GENERAL,
            f"讨论{due.name}同志预备党员转正",
            vote_day,
            venue_id=writer.venue_ship,
            host_id=writer.secretary,
            recorder_id=writer.organiser,
            resolutions=(
                Resolution(f"{due.name}同志按期转为正式党员", ResolutionKind.FULL_MEMBERSHIP),
            ),
        ),
    ]
    ctx.ws.meetings.plan([replace(m, uid=writer.new_uid()) for m in planned])
