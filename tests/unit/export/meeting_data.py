"""A ship branch's meetings as the 会议 reports take them, built from values (no database).

The crew of the sample tanker (demo/crew.py): 30 members in 3 党小组, member ids 1–30 in
roster order; 林思远 (5), 梁宇 (18) and 叶振宇 (28) are 预备党员, so 27 正式党员; the
committee is 王建华 (1, 书记), 陈国栋 (2), 单晓峰 (3), 赵振华 (11), 解东升 (15). The 公休党小组
(21–30) is ashore: on leave (公休) unless it came aboard.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from dangjian_desktop.demo.crew import BRANCH_NAME, ROSTER
from dangjian_desktop.domain.meeting_calendar import HeldMeeting, compliance_calendar
from dangjian_desktop.domain.meetings import (
    DEFAULT_FREQUENCIES,
    AgendaItem,
    Attendance,
    FirstTopic,
    LeaveReason,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.export.calendar_report import CalendarReport
from dangjian_desktop.export.ledger_report import LedgerReport
from dangjian_desktop.export.meeting_record import MeetingRecord, MinutesReport
from dangjian_desktop.export.plan_report import PlanReport

UNIT = BRANCH_NAME
ISSUED = date(2026, 6, 30)
NAMES = {i: crew.name for i, crew in enumerate(ROSTER, 1)}
IDS = {name: i for i, name in NAMES.items()}
PROBATIONARY = frozenset({IDS["林思远"], IDS["梁宇"], IDS["叶振宇"]})
FORMAL = frozenset(NAMES) - PROBATIONARY
COMMITTEE = frozenset(IDS[n] for n in ("王建华", "陈国栋", "单晓峰", "赵振华", "解东升"))
POSTS = {1: "书记", 2: "副书记", 3: "组织委员", 11: "纪检委员", 15: "宣传委员"}
GROUPS = {1: "驾驶部党小组", 2: "轮机部党小组", 3: "公休党小组"}
GROUP_OF = {i: 1 + (i - 1) // 10 for i in NAMES}
VENUES = {1: "船员活动室（党员活动阵地）", 2: "公司党员教育基地"}

P, L, A = Presence.PRESENT, Presence.LEAVE, Presence.ABSENT

SPEECH = (
    "　　{name}：这次学习很有收获。我们船长期在外航行，党员分散在各个岗位，"
    "更要把理论学习和安全生产结合起来，在装卸货、锚泊值班这些关键环节发挥党员先锋模范作用。"
    "下一步我将带头做好本岗位工作，主动帮助新上船的同志熟悉设备和规章制度。"
)


def general_attendance() -> tuple[Attendance, ...]:
    """The 党员大会 of 2026-03-12 aboard: the crew present but 宋佳琪 (在航, on the sister
    ship) and 孙立新 (缺席); the 公休党小组 on leave but two who came aboard; 顾春生 left
    out of the count (长期患病卧床)."""
    lines = []
    for i in NAMES:
        if i == IDS["宋佳琪"]:
            lines.append(Attendance(i, L, LeaveReason.AT_SEA, "随兴海油3轮执行运输任务"))
        elif i == IDS["孙立新"]:
            lines.append(Attendance(i, A, note="未请假"))
        elif i == IDS["顾春生"]:
            lines.append(
                Attendance(
                    i,
                    L,
                    LeaveReason.SICK,
                    excluded=True,
                    exclusion_reason="长期患病卧床",
                    exclusion_approval="经公司党委同意、2025年12月支部党员大会决定",
                )
            )
        elif i > 20 and i not in (IDS["董立军"], IDS["韩国平"]):
            lines.append(Attendance(i, L, LeaveReason.SHORE_LEAVE))
        else:
            lines.append(Attendance(i, P))
    return tuple(lines)


def minutes_text(paragraphs: int = 12) -> str:
    speakers = [NAMES[i] for i in (2, 3, 4, 11, 12, 15, 21)]
    parts = [
        "　　王建华同志主持会议并讲话。会议首先集中学习了第一议题，"
        "随后按议程讨论接收预备党员事项。",
        "　　单晓峰同志代表支部委员会报告发展对象张明远同志的培养考察情况："
        "该同志2024年3月递交入党申请书，2024年9月确定为入党积极分子，2025年9月确定为发展对象，经政治审查合格，参加集中培训并结业，"
        "入党介绍人为王建华、单晓峰同志。",
        "",
    ]
    for k in range(paragraphs):
        parts.append(SPEECH.format(name=speakers[k % len(speakers)]))
    parts.append("　　会议进行了无记名投票表决。散会。")
    return "\n".join(parts)


def general_meeting(**changes) -> Meeting:
    meeting = Meeting(
        MeetingType.GENERAL,
        "第一季度支部党员大会：讨论接收预备党员",
        date(2026, 3, 12),
        status=MeetingStatus.ARCHIVED,
        start_time=time(19, 0),
        end_time=time(21, 10),
        venue_id=1,
        place="锚泊舟山港虾峙门锚地",
        host_id=IDS["王建华"],
        recorder_id=IDS["单晓峰"],
        first_topic=FirstTopic(
            "学习习近平总书记关于安全生产的重要论述",
            "《习近平关于安全生产论述摘编》第三部分",
            "集中学习、领学",
            leader_id=IDS["陈国栋"],
        ),
        agenda=(
            AgendaItem("学习第一议题", "陈国栋同志领学，到会党员交流学习体会。"),
            AgendaItem(
                "讨论接收张明远同志为预备党员",
                "支委会报告考察情况，入党介绍人介绍情况，到会党员充分讨论后进行无记名投票。",
            ),
            AgendaItem("调整党小组设置"),
        ),
        minutes=minutes_text(),
        resolutions=(
            Resolution(
                "接收张明远同志为中共预备党员",
                ResolutionKind.ADMISSION,
                "同意接收张明远同志为中共预备党员，报公司党委审批。",
                method="无记名投票",
                yes=17,
                no=0,
                abstain=1,
                written_yes=2,
            ),
            Resolution(
                "公休党小组并入轮机部党小组",
                text="自2026年4月起，公休党小组党员按上船部门分别编入驾驶部、轮机部党小组。",
                method="举手",
                yes=15,
                no=2,
                abstain=1,
            ),
        ),
        follow_ups="张明远同志入党志愿书于3月20日前报公司党委组织部。",
        attendance=general_attendance(),
        guests=("张明远（发展对象）", "周丽（公司党委组织部）"),
        late_record=True,
        recorded_on=date(2026, 3, 20),
        id=1,
    )
    return replace(meeting, **changes)


def committee_meeting() -> Meeting:
    lines = tuple(
        Attendance(i, L, LeaveReason.SHORE_LEAVE) if i == IDS["解东升"] else Attendance(i, P)
        for i in sorted(COMMITTEE)
    )
    return Meeting(
        MeetingType.COMMITTEE,
        "研究发展对象张明远同志入党事宜",
        date(2026, 3, 2),
        status=MeetingStatus.HELD,
        start_time=time(15, 0),
        end_time=time(16, 0),
        venue_id=1,
        host_id=IDS["王建华"],
        recorder_id=IDS["单晓峰"],
        first_topic=FirstTopic("学习《中国共产党发展党员工作细则》", form="领学", leader_id=1),
        minutes="　　会议审查了张明远同志的入党材料，一致同意提交支部党员大会讨论。",
        resolutions=(Resolution("同意将张明远同志提交支部党员大会讨论", method="举手", yes=4),),
        attendance=lines,
        id=2,
    )


def lecture() -> Meeting:
    """A 党课 by a lecturer from outside the branch, ashore."""
    lines = tuple(
        Attendance(i, L, LeaveReason.AT_SEA) if GROUP_OF[i] == 2 else Attendance(i, P)
        for i in NAMES
    )
    return Meeting(
        MeetingType.LECTURE,
        "学习贯彻党的二十届三中全会精神专题党课",
        date(2026, 1, 16),
        status=MeetingStatus.ARCHIVED,
        start_time=time(9, 0),
        end_time=time(11, 0),
        venue_id=2,
        host_id=IDS["王建华"],
        recorder_id=IDS["解东升"],
        lecturer_name="李红梅（公司党委党校副校长）",
        first_topic=FirstTopic("学习《中国共产党纪律处分条例》", form="集中学习"),
        minutes="　　李红梅同志围绕进一步全面深化改革讲授专题党课。",
        attendance=lines,
        id=3,
    )


def theme_day() -> Meeting:
    """A 主题党日 that the 书记's 党课 was held on: it counts for both."""
    lines = tuple(
        Attendance(i, L, LeaveReason.SHORE_LEAVE) if GROUP_OF[i] == 3 else Attendance(i, P)
        for i in NAMES
    )
    return Meeting(
        MeetingType.THEME_DAY,
        "“安全护航、党员先行”主题党日暨书记讲党课",
        date(2026, 2, 6),
        status=MeetingStatus.HELD,
        also_counts_as=MeetingType.LECTURE,
        theme_tags=("党员活动日",),
        venue_id=1,
        host_id=IDS["陈国栋"],
        recorder_id=IDS["解东升"],
        lecturer_id=IDS["王建华"],
        first_topic=FirstTopic("学习习近平总书记关于海洋强国的重要论述", leader_id=1),
        attendance=lines,
        id=4,
    )


def group_meeting(month: int = 2, group: int = 1, meeting_id: int = 5) -> Meeting:
    members = [i for i in NAMES if GROUP_OF[i] == group]
    return Meeting(
        MeetingType.GROUP,
        f"{month}月党小组学习会",
        date(2026, month, 20),
        status=MeetingStatus.HELD,
        party_group_id=group,
        host_id=members[3],
        recorder_id=members[4],
        attendance=tuple(Attendance(i, P) for i in members),
        id=meeting_id,
    )


def planned(kind: MeetingType, day: date, topic: str, meeting_id: int, **kw) -> Meeting:
    return Meeting(kind, topic, day, status=MeetingStatus.PLANNED, id=meeting_id, **kw)


def q2_plan_meetings() -> list[Meeting]:
    return [
        planned(MeetingType.COMMITTEE, date(2026, 4, 3), "研究第二季度党建工作安排", 20,
                host_id=1, venue_id=1),
        planned(MeetingType.THEME_DAY, date(2026, 4, 10), "清明祭英烈主题党日", 21, host_id=2,
                first_topic=FirstTopic("学习习近平总书记关于弘扬英烈精神的重要论述")),
        planned(MeetingType.GENERAL, date(2026, 5, 15), "第二季度支部党员大会", 22, host_id=1,
                venue_id=1),
        planned(MeetingType.LECTURE, date(2026, 6, 12), "廉洁从业专题党课", 23, host_id=1,
                lecturer_id=11),
        replace(committee_meeting(), date=date(2026, 5, 8), status=MeetingStatus.PLANNED, id=24),
    ]  # fmt: skip


def record(meeting: Meeting, **changes) -> MeetingRecord:
    values = dict(
        meeting=meeting,
        names=NAMES,
        formal_ids=_formal_for(meeting),
        committee_ids=COMMITTEE,
        venue_name=VENUES.get(meeting.venue_id, ""),
        group_name=GROUPS.get(meeting.party_group_id, ""),
        posts=POSTS,
    )
    return MeetingRecord(**(values | changes))


def _formal_for(meeting: Meeting) -> frozenset[int]:
    if meeting.type is MeetingType.GROUP and meeting.party_group_id is not None:
        return frozenset(i for i in FORMAL if GROUP_OF[i] == meeting.party_group_id)
    return FORMAL


def q1_meetings() -> list[Meeting]:
    return [
        general_meeting(),
        committee_meeting(),
        lecture(),
        theme_day(),
        group_meeting(2, 1, 5),
        group_meeting(2, 2, 6),
        group_meeting(3, 1, 7),
    ]


def ledger(quarter: int | None = 1, meetings: list[Meeting] | None = None) -> LedgerReport:
    return LedgerReport(
        unit_name=UNIT,
        issued_on=ISSUED,
        year=2026,
        quarter=quarter,
        records=[record(m) for m in (q1_meetings() if meetings is None else meetings)],
        prepared_by="单晓峰",
    )


def minutes(meeting: Meeting | None = None, **changes) -> MinutesReport:
    values = dict(
        record=record(meeting or general_meeting()),
        unit_name=UNIT,
        issued_on=ISSUED,
        attachments=("签到表.jpg", "张明远入党志愿书（扫描件）.pdf", "会议现场照片.jpg"),
    )
    return MinutesReport(**(values | changes))


def held(meetings: list[Meeting]) -> list[HeldMeeting]:
    return [
        HeldMeeting(m.id or 0, m.type, m.date, m.status, m.also_counts_as, m.party_group_id)
        for m in meetings
    ]


def calendar(today: date = ISSUED, meetings: list[Meeting] | None = None) -> CalendarReport:
    meetings = q1_meetings() + q2_plan_meetings() if meetings is None else meetings
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, held(meetings), GROUPS, today)
    return CalendarReport(UNIT, ISSUED, 2026, rows, as_of=today, prepared_by="单晓峰")


def plan(quarter: int = 2, today: date = date(2026, 3, 28)) -> PlanReport:
    meetings = q1_meetings() + q2_plan_meetings()
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, held(meetings), GROUPS, today)
    return PlanReport(
        unit_name=UNIT,
        issued_on=today,
        year=2026,
        quarter=quarter,
        records=[record(m) for m in meetings],
        calendar=rows,
        prepared_by="单晓峰",
    )
