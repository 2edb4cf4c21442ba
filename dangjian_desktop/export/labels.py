"""Every heading and displayed enum value of the reports, in one place.

The GUI shows the same enum words (gui/labels.py re-exports them). Column lists live with
their report (roster_columns.py); the words around the table — titles, subtitles, page
notes, signature lines — live here.
"""

from __future__ import annotations

from datetime import date

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
MOBILE = "流动"
LOST = "失联"
NEITHER = "否"


def roster_title(unit_name: str) -> str:
    return ROSTER_TITLE.format(unit=unit_name).strip()


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
