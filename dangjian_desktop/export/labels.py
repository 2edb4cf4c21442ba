"""Every heading and displayed enum value of the reports, in one place.

The GUI shows the same enum words (gui/labels.py re-exports them). Column lists live with
their report (roster_columns.py); the words around the table — titles, subtitles, page
notes, signature lines — live here.
"""

from __future__ import annotations

from datetime import date

from dangjian_desktop.domain.people import MemberCategory, PartyPost, PartyStatus, Sex

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
