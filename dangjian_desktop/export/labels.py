"""Every heading, column title and displayed enum value of the reports, in one place.

The 花名册 columns follow the domain brief §8.1, which is a synthesis and UNCONFIRMED as a
template: higher committees use their own. So the columns are data — title, value getter,
width, date format — and a unit's column profile can later replace `ROSTER_COLUMNS` without
touching the writers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.masking import mask_id, mask_phone
from dangjian_desktop.domain.people import Member, MemberCategory, PartyPost, PartyStatus, Sex
from dangjian_desktop.export.roster_report import RosterReport

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
ID_MASKED_NOTE = "身份证号已脱敏"

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


# --- the roster columns -----------------------------------------------------------------
Value = str | int | date | None
Getter = Callable[[int, Member, RosterReport], Value]


@dataclass(frozen=True, slots=True)
class RosterColumn:
    """One column: its title, how to get the value, and how wide and in which format.

    `value(index, member, report)` returns a str, an int (序号) or a date (None = empty).
    `xlsx_format` / `pdf_format` are the Excel number format and the strftime pattern of a
    date column; `text` marks numbers that must stay text (ID, phone: never a number).
    `width` is in Excel character units; the PDF scales the widths to the page. `wrap`
    lets long text run onto several lines.
    """

    title: str
    value: Getter
    width: float
    xlsx_format: str = ""
    pdf_format: str = ""
    text: bool = False
    wrap: bool = False


def _yes_no_mobile_lost(m: Member) -> str:
    parts = [label for flag, label in ((m.is_mobile, MOBILE), (m.is_lost, LOST)) if flag]
    return "、".join(parts) or NEITHER


def _work(m: Member) -> str:
    return " ".join(part for part in (m.work_unit.strip(), m.job_post.strip()) if part)


def _id(m: Member, r: RosterReport) -> str:
    return m.id_number if r.full_ids else mask_id(m.id_number)


def _phone(m: Member, r: RosterReport) -> str:
    return mask_phone(m.phone) if r.mask_phones else m.phone


def _group(m: Member, r: RosterReport) -> str:
    return "" if m.party_group_id is None else r.group_names.get(m.party_group_id, "")


MONTH_XLSX, MONTH_PDF = "yyyy.mm", "%Y.%m"
DAY_XLSX, DAY_PDF = "yyyy.mm.dd", "%Y.%m.%d"

ROSTER_COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("序号", lambda i, m, r: i, 5.5),
    RosterColumn("姓名", lambda i, m, r: m.name, 9, wrap=True),
    RosterColumn("性别", lambda i, m, r: SEX.get(m.sex, "") if m.sex else "", 5),
    RosterColumn("民族", lambda i, m, r: m.ethnicity, 7),
    RosterColumn("出生年月", lambda i, m, r: m.birth_date, 8.5, MONTH_XLSX, MONTH_PDF),
    RosterColumn("籍贯", lambda i, m, r: m.native_place, 10, wrap=True),
    RosterColumn("学历", lambda i, m, r: m.education, 8, wrap=True),
    RosterColumn("身份证号", lambda i, m, r: _id(m, r), 22, text=True),
    RosterColumn("参加工作时间", lambda i, m, r: m.work_start_date, 8.5, MONTH_XLSX, MONTH_PDF),
    RosterColumn("入党时间", lambda i, m, r: m.join_date, 11.5, DAY_XLSX, DAY_PDF),
    RosterColumn("转正时间", lambda i, m, r: m.full_date, 11.5, DAY_XLSX, DAY_PDF),
    RosterColumn("党员类别", lambda i, m, r: MEMBER_CATEGORY.get(m.category, ""), 9),
    RosterColumn("人员类别", lambda i, m, r: m.person_category, 10, wrap=True),
    RosterColumn("工作单位及职务", lambda i, m, r: _work(m), 20, wrap=True),
    RosterColumn("党内职务", lambda i, m, r: PARTY_POST.get(m.party_post, ""), 9),
    RosterColumn("所在党小组", lambda i, m, r: _group(m, r), 12, wrap=True),
    RosterColumn("联系电话", lambda i, m, r: _phone(m, r), 14, text=True),
    RosterColumn("是否流动/失联", lambda i, m, r: _yes_no_mobile_lost(m), 9),
    RosterColumn("备注", lambda i, m, r: m.note, 14, wrap=True),
)
