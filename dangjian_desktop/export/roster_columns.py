"""The columns of the 党员花名册.

They follow the domain brief §8.1, which is a synthesis and UNCONFIRMED as a template:
higher committees use their own. So the columns are data — a key, title, value getter,
width, date format — and a unit's column profile is a list of keys (`ROSTER_KEYS` is the
default) that changes no writer. Masking follows the profile: a profile that prints the
birth date masks more of the ID number (domain/masking.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from dangjian_desktop.domain.masking import mask_id, mask_phone
from dangjian_desktop.domain.people import Member
from dangjian_desktop.export.labels import LOST, MEMBER_CATEGORY, MOBILE, NEITHER, PARTY_POST, SEX
from dangjian_desktop.export.table_report import ReportColumn

if TYPE_CHECKING:  # roster_report builds its table from these columns
    from dangjian_desktop.export.roster_report import RosterReport

MONTH_XLSX, MONTH_PDF = "yyyy.mm", "%Y.%m"
DAY_XLSX, DAY_PDF = "yyyy.mm.dd", "%Y.%m.%d"
# Samples of the widest values that must stay on one line in the PDF.
WIDEST_DAY = "2000.00.00"
WIDEST_PHONE = "0571-87654321"
WIDEST_ID = "11010519900307123X"
# Most names have 2-4 characters and most 党小组 names 6 (甲板部党小组): these stay whole,
# longer ones wrap.
WIDEST_NAME = "欧阳明珠"
WIDEST_GROUP = "甲板部党小组"

# Columns that print the birth date, or enough of it: beside them an ID number keeps only
# its last 4 characters.
BIRTH_KEYS = frozenset({"birth_date"})

ROSTER_KEYS: tuple[str, ...] = (
    "index",
    "name",
    "sex",
    "ethnicity",
    "birth_date",
    "native_place",
    "education",
    "id_number",
    "work_start_date",
    "join_date",
    "full_date",
    "category",
    "person_category",
    "work",
    "party_post",
    "party_group",
    "phone",
    "mobile_or_lost",
    "note",
)


def id_tail_only(keys: Sequence[str]) -> bool:
    """Whether these columns print the birth date, so that IDs keep only their last 4."""
    return not BIRTH_KEYS.isdisjoint(keys)


def _mobile_or_lost(m: Member) -> str:
    parts = [label for flag, label in ((m.is_mobile, MOBILE), (m.is_lost, LOST)) if flag]
    return "、".join(parts) or NEITHER


def _work(m: Member) -> str:
    return " ".join(part for part in (m.work_unit.strip(), m.job_post.strip()) if part)


Getter = Callable[[int, Member], str | int | date | None]


def _getters(report: RosterReport, tail_only: bool) -> dict[str, Getter]:
    groups = report.group_names
    if report.full_ids:
        id_number: Getter = lambda i, m: m.id_number  # noqa: E731
    else:
        id_number = lambda i, m: mask_id(m.id_number, tail_only=tail_only)  # noqa: E731
    if report.full_phones:
        phone: Getter = lambda i, m: m.phone  # noqa: E731
    else:
        phone = lambda i, m: mask_phone(m.phone)  # noqa: E731
    return {
        "index": lambda i, m: i,
        "name": lambda i, m: m.name,
        "sex": lambda i, m: SEX.get(m.sex, "") if m.sex else "",
        "ethnicity": lambda i, m: m.ethnicity,
        "birth_date": lambda i, m: m.birth_date,
        "native_place": lambda i, m: m.native_place,
        "education": lambda i, m: m.education,
        "id_number": id_number,
        "work_start_date": lambda i, m: m.work_start_date,
        "join_date": lambda i, m: m.join_date,
        "full_date": lambda i, m: m.full_date,
        "category": lambda i, m: MEMBER_CATEGORY.get(m.category, ""),
        "person_category": lambda i, m: m.person_category,
        "work": lambda i, m: _work(m),
        "party_post": lambda i, m: PARTY_POST.get(m.party_post, ""),
        "party_group": lambda i, m: (
            "" if m.party_group_id is None else groups.get(m.party_group_id, "")
        ),
        "phone": phone,
        "mobile_or_lost": lambda i, m: _mobile_or_lost(m),
        "note": lambda i, m: m.note,
    }


# key: (title, width in Excel units, options). Widths are the .xlsx's; the PDF shares the
# page out by them, never narrower than the heading or `one_line` needs.
_SPECS: dict[str, tuple[str, float, dict]] = {
    "index": ("序号", 5.5, {"one_line": "10000"}),
    "name": ("姓名", 9, {"wrap": True, "one_line": WIDEST_NAME}),
    "sex": ("性别", 5, {}),
    "ethnicity": ("民族", 7, {"one_line": "维吾尔族"}),
    "birth_date": ("出生年月", 8.5, {"xlsx_format": MONTH_XLSX, "pdf_format": MONTH_PDF}),
    "native_place": ("籍贯", 10, {"wrap": True, "one_line": "浙江宁波"}),
    "education": ("学历", 8, {"wrap": True, "one_line": "大学本科"}),
    "id_number": ("身份证号", 22, {"one_line": WIDEST_ID}),
    "work_start_date": (
        "参加工作时间",
        8.5,
        {
            "xlsx_format": MONTH_XLSX,
            "pdf_format": MONTH_PDF,
            "heading_lines": ("参加工作", "时间"),
        },
    ),
    "join_date": (
        "入党时间",
        11.5,
        {"xlsx_format": DAY_XLSX, "pdf_format": DAY_PDF, "one_line": WIDEST_DAY},
    ),
    "full_date": (
        "转正时间",
        11.5,
        {"xlsx_format": DAY_XLSX, "pdf_format": DAY_PDF, "one_line": WIDEST_DAY},
    ),
    "category": ("党员类别", 9, {}),
    "person_category": ("人员类别", 10, {"wrap": True}),
    "work": ("工作单位及职务", 20, {"wrap": True, "heading_lines": ("工作单位", "及职务")}),
    "party_post": ("党内职务", 9, {}),
    "party_group": (
        "所在党小组",
        12,
        {"wrap": True, "heading_lines": ("所在", "党小组"), "one_line": WIDEST_GROUP},
    ),
    "phone": ("联系电话", 14, {"one_line": WIDEST_PHONE}),
    "mobile_or_lost": ("是否流动/失联", 9, {"heading_lines": ("是否流动/", "失联")}),
    "note": ("备注", 14, {"wrap": True}),
}


def roster_columns(
    report: RosterReport, keys: Sequence[str] = ROSTER_KEYS
) -> tuple[ReportColumn[Member], ...]:
    """The columns `keys` name, with getters bound to this report's masking and groups."""
    unknown = [key for key in keys if key not in _SPECS]
    if unknown:
        raise ValueError(f"unknown roster columns {unknown}")
    getters = _getters(report, id_tail_only(keys))
    columns = []
    for key in keys:
        title, width, options = _SPECS[key]
        columns.append(ReportColumn(title, getters[key], width, key=key, **options))
    return tuple(columns)
