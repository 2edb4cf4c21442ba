"""Every heading and displayed enum value of the reports, in one place.

The GUI shows the same enum words (gui/labels.py re-exports them). Column lists live with
their report (roster_columns.py); the words around the table — titles, subtitles, page
notes, signature lines — live here.
"""

from __future__ import annotations

from datetime import date

from dangjian_desktop.domain.branch import CommitteePost
from dangjian_desktop.domain.meeting_calendar import CellState
from dangjian_desktop.domain.meetings import (
    LeaveReason,
    MeetingStatus,
    MeetingType,
    Period,
    Presence,
    ResolutionKind,
)
from dangjian_desktop.domain.people import MemberCategory, PartyPost, PartyStatus, Sex
from dangjian_desktop.domain.statistics import AGE_BANDS, JOIN_PERIODS, UNKNOWN

# --- report headings --------------------------------------------------------------------
ROSTER_TITLE = "{unit} 党员花名册"
ROSTER_SHEET = "党员花名册"
ISSUED_ON = "制表日期：{date}"
MEMBER_COUNT = "共 {count} 人"
PAGE_OF = "第 {page} 页 共 {pages} 页"
# Excel header/footer codes: &P = page number, &N = number of pages.
XLSX_PAGE_FOOTER = "第 &P 页 共 &N 页"
SIGNATURE_LINE = "制表人：{prepared_by}　　　　审核人：{reviewer}"
BLANK_SIGNATURE = "________"
UNNAMED_UNIT = "（未填写支部名称）"

# What a report holds of the personal numbers: every page header says it (DESIGN.md §3).
ID_MIDDLE_HIDDEN = "已隐去身份证号中间8位"
# When the report prints the birth date as well, only the last 4 characters stay.
ID_HEAD_HIDDEN = "已隐去身份证号前14位"
PHONE_HIDDEN = "已隐去电话号码中间4位"
FULL_IDS = "含完整身份证号"
FULL_PHONES = "含完整电话号码"
KEEP_SAFE = "请妥善保管"
# A filtered roster says what it holds, under the title.
FILTER = "筛选条件：{words}"
FILTER_TEXT = "搜索“{text}”"
FILTER_GROUP = "党小组“{name}”"
FILTER_NO_GROUP = "党小组（已删除）"
FILTER_STATUS = "党籍状态“{status}”"
FILTER_ALL_STATUSES = "含全部党籍状态"
FILTER_DELETED = "回收站中的党员"
FILTER_WITH_DELETED = "含回收站中的党员"

# --- enum values as shown ---------------------------------------------------------------
SEX = {Sex.MALE: "男", Sex.FEMALE: "女"}
MEMBER_CATEGORY = {MemberCategory.FORMAL: "正式党员", MemberCategory.PROBATIONARY: "预备党员"}
PARTY_POST = {
    PartyPost.NONE: "",
    PartyPost.SECRETARY: "书记",
    PartyPost.DEPUTY_SECRETARY: "副书记",
    PartyPost.ORGANIZATION: "组织委员",
    PartyPost.PROPAGANDA: "宣传委员",
    PartyPost.DISCIPLINE: "纪检委员",
    PartyPost.GROUP_LEADER: "党小组长",
}
PARTY_STATUS = {
    PartyStatus.NORMAL: "正常",
    PartyStatus.SUSPENDED: "停止党籍",
    PartyStatus.EXPELLED: "出党",
    PartyStatus.DECEASED: "去世",
    PartyStatus.TRANSFERRED_OUT: "已转出",
}
# A committee seat's post, after a name in the minutes: 王建华（书记）.
COMMITTEE_POST = {
    CommitteePost.SECRETARY: "书记",
    CommitteePost.DEPUTY_SECRETARY: "副书记",
    CommitteePost.ORGANIZATION: "组织委员",
    CommitteePost.PROPAGANDA: "宣传委员",
    CommitteePost.DISCIPLINE: "纪检委员",
    CommitteePost.MEMBER: "委员",
}
MOBILE = "流动"
LOST = "失联"
NEITHER = "否"


# --- 会议 (三会一课): enum values as shown --------------------------------------------------
MEETING_TYPE = {
    MeetingType.GENERAL: "支部党员大会",
    MeetingType.COMMITTEE: "支委会",
    MeetingType.GROUP: "党小组会",
    MeetingType.LECTURE: "党课",
    MeetingType.THEME_DAY: "主题党日",
    MeetingType.LIFE_MEETING: "组织生活会",
    MeetingType.APPRAISAL: "民主评议党员",
    MeetingType.TALK: "谈心谈话",
    MeetingType.OTHER: "其他",
}
MEETING_STATUS = {
    MeetingStatus.PLANNED: "计划",
    MeetingStatus.HELD: "已召开",
    MeetingStatus.ARCHIVED: "已归档",
}
PRESENCE = {Presence.PRESENT: "出席", Presence.LEAVE: "请假", Presence.ABSENT: "缺席"}
LEAVE_REASON = {
    LeaveReason.NONE: "",
    LeaveReason.AT_SEA: "在航",
    LeaveReason.SHORE_LEAVE: "公休",
    LeaveReason.SICK: "病假",
    LeaveReason.PERSONAL: "事假",
    LeaveReason.OTHER: "其他",
}
RESOLUTION_KIND = {
    ResolutionKind.GENERAL: "一般事项",
    ResolutionKind.ADMISSION: "接收预备党员",
    ResolutionKind.FULL_MEMBERSHIP: "预备党员转正",
    ResolutionKind.EXTEND_PROBATION: "延长预备期",
    ResolutionKind.DISCIPLINE: "处分/处置",
    ResolutionKind.OTHER: "其他",
}
# "每季度1次", as the frequency table and the compliance calendar say it.
FREQUENCY = {
    Period.MONTH: "每月{count}次",
    Period.QUARTER: "每季度{count}次",
    Period.YEAR: "每年{count}次",
}
# The title of one meeting's record (会议记录), after the unit name.
MINUTES_KIND = {
    MeetingType.GENERAL: "支部党员大会会议记录",
    MeetingType.COMMITTEE: "支部委员会会议记录",
    MeetingType.GROUP: "党小组会会议记录",
    MeetingType.LECTURE: "党课记录",
    MeetingType.THEME_DAY: "主题党日活动记录",
    MeetingType.LIFE_MEETING: "组织生活会会议记录",
    MeetingType.APPRAISAL: "民主评议党员会议记录",
    MeetingType.TALK: "谈心谈话记录",
    MeetingType.OTHER: "会议记录",
}
ALSO_COUNTS_AS = "{type}（兼{other}）"  # 主题党日（兼党课）
IN_GROUP = "{type}（{group}）"  # 党小组会（驾驶部党小组）
NAME_LIST_SEP = "、"
NAME_WITH_REASON = "{name}（{reason}）"  # 林思远（在航）
REASON_GROUP = "{reason}：{names}"  # 公休：许文杰、罗丹丹
REASON_GROUP_SEP = "；"
NO_REASON = "未说明原因"
NAME_WITH_POST = "{name}（{post}）"  # 王建华（书记）

# --- 会议 reports: headings ---------------------------------------------------------------
LEDGER_TITLE = "{unit} 三会一课台账"
LEDGER_SHEET = "三会一课台账"
PLAN_TITLE = "{unit} 三会一课计划报备表"
PLAN_SHEET = "计划报备表"
CALENDAR_TITLE = "{unit} {year}年三会一课落实情况"
CALENDAR_SHEET = "年度落实情况"
YEAR_PERIOD = "{year}年度"
QUARTER_PERIOD = "{year}年第{quarter}季度"
QUARTER_WORDS = ("一", "二", "三", "四")
MEETING_COUNT = "共 {count} 次会议"
PLAN_COUNTS = "已列计划 {planned} 次，已召开 {held} 次，尚未安排 {gaps} 项"
AS_OF = "统计截至{date}"
PRINTED_ON = "打印日期：{date}"
PLAN_SIGNATURE = "填报人：{prepared_by}　　　　支部书记（签字）：{blank}　　　　报备日期：{blank}"

# 计划报备表: a required meeting of the quarter that no record covers yet.
NOT_SCHEDULED = "尚未安排"
OVERDUE = "未召开（已过期）"
PLAN_REQUIRED = "按规定{frequency}"
PLAN_LECTURER = "主讲 {name}"
WITHIN_MONTH = "{month}月内"
WITHIN_QUARTER = "第{quarter}季度内"
WITHIN_YEAR = "{year}年内"

# The compliance calendar's marks and legend (√ and × as on paper forms; the shipped font
# has no ✗).
MARK_DONE = "√"
MARK_MISSING = "×"
MARK_PLANNED = "计划"
MARK_DUE = "待开"
MARK_NOT_APPLICABLE = "/"
MARK_PARTIAL = "{held}/{required}"
CALENDAR_LEGEND = (
    "说明：√ 已召开；× 期限已过未召开；计划 已列入计划；待开 本期进行中、尚未召开；"
    "空白 尚未到期；/ 不按此周期统计；“1/2” 为已开次数/应开次数。"
    "主题党日同时作为党课等召开的，两项都计。"
)
CELL_MARK = {
    CellState.DONE: MARK_DONE,
    CellState.MISSING: MARK_MISSING,
    CellState.DUE: MARK_DUE,
    CellState.UPCOMING: "",
}
# --- 会议记录 (the minutes of one meeting) -------------------------------------------------
MINUTES_TOPIC = "会议主题"
MINUTES_TIME = "时间"
MINUTES_PLACE = "地点"
MINUTES_HOST = "主持人"
MINUTES_RECORDER = "记录人"
MINUTES_LECTURER = "主讲人"
MINUTES_GROUP = "党小组"
MINUTES_EXPECTED = "应到人数"
MINUTES_PRESENT = "实到人数"
MINUTES_ON_LEAVE = "请假人数"
MINUTES_ABSENT = "缺席人数"
MINUTES_PRESENT_NAMES = "出席人员"
# Labels of the header block break where a word ends ("\n"), not where the column does.
MINUTES_LEAVE_NAMES = "请假人员\n及原因"
MINUTES_ABSENT_NAMES = "缺席人员\n及原因"
MINUTES_GUESTS = "列席人员"
MINUTES_EXCLUDED = "不计入\n应到人数"
MINUTES_THEME_TAGS = "党日类型"
MINUTES_LATE = "补记"
PEOPLE = "{count} 人"
NONE_WORD = "无"
NOT_FILLED = "（未填写）"
LATE_RECORD = "本记录为会后补记，补记日期：{date}。"
TIME_SPAN = "{start}—{end}"
SECTION_FIRST_TOPIC = "第一议题"
SECTION_AGENDA = "会议议程"
SECTION_MINUTES = "会议记录"
SECTION_RESOLUTIONS = "决议及表决情况"
SECTION_FOLLOW_UPS = "遗留问题"
SECTION_ATTACHMENTS = "附件"
SECTION_HEADING = "{number}、{title}"
CHINESE_NUMERALS = "一二三四五六七八九十"
STUDY_TOPIC = "学习主题："
STUDY_MATERIAL = "学习材料："
STUDY_FORM = "学习形式："
STUDY_LEADER = "领学人："
STUDY_PARTICIPANTS = "参加人员：出席会议的全体人员（共 {count} 人）"
AGENDA_ITEM = "{number}. {title}"
RESOLUTION_HEADING = "（{number}）{title}〔{kind}〕"
RESOLUTION_TEXT = "决议内容："
VOTE_METHOD = "表决方式：{method}"
VOTE_RESULT = "表决结果：{counts}"
ATTACHMENT_ITEM = "{number}. {name}"
SIGN_HOST = "主持人（签字）：____________"
SIGN_RECORDER = "记录人（签字）：____________"
SIGN_DATE = "日期：________年____月____日"


def chinese_number(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 (section numbers of a record; never more than 20)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    return "十" + CHINESE_NUMERALS[n - 11] if n < 20 else str(n)


# --- quorum and votes in words a secretary understands (条例第十一、十二条) ----------------
# The GUI shows the same sentences beside the record (export/vote_words.py builds them).
POOL_MEMBERS = "有表决权的正式党员 {entitled} 人"
POOL_COMMITTEE = "支部委员 {entitled} 人"
POOL_EXCLUDED = "（另有 {excluded} 人经批准不计入应到人数）"
QUORUM_OK = "{pool}，到会 {present} 人，超过半数，可以表决。"
QUORUM_NOT = "{pool}，到会 {present} 人，未超过半数（至少需到会 {needed} 人），不能进行表决。"
QUORUM_COMMITTEE_OK = "{pool}，到会 {present} 人，超过半数，会议有效。"
QUORUM_COMMITTEE_NOT = (
    "{pool}，到会 {present} 人，未超过半数（至少需到会 {needed} 人），不能作出决定。"
)
QUORUM_NOBODY = "本次会议没有有表决权的正式党员，不能进行表决。"
BASE_MEMBERS = "应到会有表决权党员"
BASE_COMMITTEE = "支部委员"
VOTE_COUNTS = "赞成 {yes}、反对 {no}、弃权 {abstain}"
VOTE_COUNTS_WRITTEN = "（含书面意见 {written} 份）"
VOTE_PASSED = "赞成 {yes} 票，超过{base} {entitled} 人的半数，决议通过。"
# The trap of 条例第十一条: a majority of those present is not enough.
VOTE_MAJORITY_OF_PRESENT_ONLY = (
    "赞成 {yes} 票，虽超过到会 {present} 人的半数，但未超过{base} {entitled} 人的半数"
    "（至少需 {needed} 票），决议未通过。"
)
VOTE_TOO_FEW = "赞成 {yes} 票，未超过{base} {entitled} 人的半数（至少需 {needed} 票），决议未通过。"
VOTE_NO_QUORUM = "到会人数未超过半数，本项不能表决，决议未通过。"
VOTE_NOT_TAKEN = "本项未经表决，作为会议决定记录。"
WRITTEN_COUNTED = (
    "因故不能到会的党员会前提交书面意见 {written} 份"
    "（赞成 {yes}、反对 {no}、弃权 {abstain}），按规定计入票数。"
)
WRITTEN_NOT_COUNTED = (
    "书面意见 {written} 份不计入本项票数"
    "（书面意见只在接收预备党员、预备党员转正、延长预备期表决时计入）。"
)
# The short result in a ledger cell.
RESULT_PASSED = "通过"
RESULT_FAILED = "未通过（赞成票未超过应到会有表决权党员半数）"
RESULT_FAILED_COMMITTEE = "未通过（赞成票未超过支部委员半数）"
RESULT_NO_QUORUM = "未通过（到会未过半数，不能表决）"
RESULT_NOT_VOTED = "未表决（会议决定）"
RESULT_LINE = "{title}：{counts}，{result}"
RESULT_LINE_NOT_VOTED = "{title}：{result}"

CALENDAR_QUARTER = "{quarter}季度"  # column heading: 一季度
CALENDAR_MONTH = "{month}月"
CALENDAR_YEAR = "全年"


def roster_title(unit_name: str) -> str:
    return ROSTER_TITLE.format(unit=unit_name).strip()


def period_words(year: int, quarter: int | None = None) -> str:
    """2026年度, or 2026年第三季度."""
    if quarter is None:
        return YEAR_PERIOD.format(year=year)
    return QUARTER_PERIOD.format(year=year, quarter=QUARTER_WORDS[quarter - 1])


def long_date(day: date) -> str:
    """2026-11-26 → 2026年11月26日 (no zero padding, as dates are written by hand)."""
    return f"{day.year}年{day.month}月{day.day}日"


def signature_line(prepared_by: str = "") -> str:
    return SIGNATURE_LINE.format(
        prepared_by=prepared_by or BLANK_SIGNATURE, reviewer=BLANK_SIGNATURE
    )


def privacy_note(*, full_ids: bool, full_phones: bool, id_tail_only: bool) -> str:
    """What the page header says about ID and phone numbers, e.g.
    "已隐去身份证号前14位；已隐去电话号码中间4位", or with full numbers
    "含完整身份证号；含完整电话号码，请妥善保管"."""
    ids = FULL_IDS if full_ids else ID_HEAD_HIDDEN if id_tail_only else ID_MIDDLE_HIDDEN
    phones = FULL_PHONES if full_phones else PHONE_HIDDEN
    note = f"{ids}；{phones}"
    return f"{note}，{KEEP_SAFE}" if full_ids or full_phones else note


# --- 党员队伍统计 and 上报材料 (domain/statistics.py, domain/period.py keys) ------------------
STATISTICS_TITLE = "{unit} 党员队伍统计"
STATISTICS_AS_OF = "统计截至：{date}"
STATISTICS_BREAKDOWNS = {
    "category": "党员类别",
    "sex": "性别",
    "ethnicity": "民族",
    "minorities": "少数民族党员",
    "education": "学历",
    "age": "年龄",
    "join_period": "入党时间",
    "occupation": "职业（人员类别）",
    "grades": "民主评议党员",
}
STATISTICS_CELLS = {
    "formal": "正式党员",
    "probationary": "预备党员",
    "female": "女",
    "male": "男",
    "han": "汉族",
    "minority": "少数民族",
    "postgraduate": "研究生",
    "bachelor": "大学本科",
    "college": "大学专科",
    "secondary": "中专、高中、中技",
    "junior_or_below": "初中及以下",
    "other": "其他（未能归类）",
    "unknown": "未填写",
}
NOT_APPRAISED = "未评议"  # the unknown cell of the 民主评议 breakdown
COLLEGE_OR_ABOVE = "大专及以上"
YEAR_COUNTS = {
    "developed": "发展党员",
    "developed_female": "其中：女",
    "developed_college": "其中：大专及以上",
    "developed_35_and_under": "其中：35岁及以下",
    "full_membership": "预备党员转正",
    "extended": "延长预备期",
    "probation_cancelled": "取消预备党员资格",
    "left_party": "出党",
    "suspended": "停止党籍",
    "deceased": "去世",
    "transferred_in": "组织关系转入",
    "transferred_out": "组织关系转出",
    "temporary_in": "临时组织关系转入",
    "temporary_out": "临时组织关系转出",
}
_QUARTERS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def age_band_label(low: int | None, high: int | None) -> str:
    """The 统计公报's words: 30岁及以下, 31至35岁, 61岁及以上."""
    if low is None:
        return f"{high}岁及以下"
    if high is None:
        return f"{low}岁及以上"
    return f"{low}至{high}岁"


def statistics_cell(breakdown: str, key: str) -> str:
    """The heading of one cell: a fixed key, an age band, a 入党时间 period, or the value
    itself (职业, 民族 and 民主评议 cells are the recorded words)."""
    if breakdown == "grades" and key == UNKNOWN:
        return NOT_APPRAISED
    if breakdown == "age":
        band = next((b for b in AGE_BANDS if b.key == key), None)
        if band is not None:
            return age_band_label(band.low, band.high)
    if breakdown == "join_period":
        period = next((p for p in JOIN_PERIODS if p.key == key), None)
        if period is not None:
            return period.label
    return STATISTICS_CELLS.get(key, key)


def period_label(year: int, quarter: int | None) -> str:
    """2026Q3 → 2026年第三季度; 2026 → 2026年度."""
    return f"{year}年{_QUARTERS[quarter]}" if quarter else f"{year}年度"


STATISTICS_SHEET = "党员队伍统计"
STATISTICS_COLUMNS = {"section": "项目", "item": "分类", "count": "人数", "share": "占比"}
STATISTICS_TOTAL = "党员总数"
STATISTICS_COLLEGE = "其中：大专及以上"
STATISTICS_YEAR_SECTION = "{year}年党员变动情况"
