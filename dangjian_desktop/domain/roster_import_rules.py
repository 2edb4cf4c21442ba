"""党员花名册 import: header recognition and cell parsing. Pure: no openpyxl, no SQL.

Real rosters have a title row and merged cells above the header, the header on any of rows
1–6, column names that vary from unit to unit, dates typed every way Excel allows and ID
numbers that Excel turned into numbers. Everything here takes plain cell values (str, int,
float, date, datetime, None — what a spreadsheet reader returns) and either returns a clean
value or raises `CellError(code)`; the service collects the codes per row for the preview.

CellError codes (the GUI words them):
  bad_date            not a date in any accepted form, or outside 1900–2100
  ambiguous_month     a number like 2001.1: January or October? (Excel drops the 0 of 2001.10)
  id_precision_lost   an 18-digit ID stored as a number: Excel keeps 15 significant digits,
                      so the last digits are gone (…000); fix: set the column to 文本 and
                      retype the number, or type it with a leading apostrophe
  bad_id_format       not 15 or 18 characters of digits (last may be X)
  bad_sex, bad_category, bad_party_post, bad_bool, bad_number   not a value of that list
Lengths, checksums, date order and the other record rules are member_rules.validate_member's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dangjian_desktop.domain.id_number import check_char, normalize_id
from dangjian_desktop.domain.people import MemberCategory, PartyPost, Sex

# Pseudo-fields: a column that fills Member fields indirectly.
PARTY_GROUP = "party_group"  # 党小组 name → party_group_id (resolved against the branch)
MOBILE_OR_LOST = "mobile_or_lost"  # one column "是否流动/失联": 流动 / 失联 / 否

# Member field (or pseudo-field) → the header spellings seen in real rosters. Data, not
# branches: a new spelling is one more string here. Compared after `normalize_header`.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "党员姓名", "姓名名字"),
    "sex": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生年月", "出生日期", "出生年月日", "出生时间", "生日"),
    "native_place": ("籍贯", "出生地", "籍贯出生地"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "公民身份证号码",
        "公民身份证号",
        "身份证",
        "证件号码",
    ),
    "education": ("学历", "文化程度", "最高学历", "全日制学历"),
    "degree": ("学位", "最高学位"),
    "school": ("毕业院校", "毕业学校"),
    "major": ("专业", "所学专业"),
    "work_start_date": ("参加工作时间", "参加工作日期", "参工时间", "工作时间"),
    "join_date": ("入党时间", "入党日期", "入党年月", "加入党组织日期"),
    "full_date": ("转正时间", "转正日期", "转正年月", "成为正式党员日期"),
    "category": ("党员类别", "类别", "党员类型", "正式预备", "党员身份"),
    "person_category": ("人员类别", "职业", "人员类别职业", "党员职业"),
    "work_unit": ("工作单位及职务", "工作单位", "单位", "所在单位", "工作单位船名", "部门"),
    "job_post": ("职务", "岗位", "职务岗位", "行政职务", "现任职务"),
    "tech_title": ("技术职称", "职称"),
    "party_post": ("党内职务",),
    PARTY_GROUP: ("所在党小组", "党小组", "所属党小组"),
    "phone": ("联系电话", "手机", "电话", "手机号", "手机号码", "联系方式"),
    "address": ("家庭住址", "住址", "现住址"),
    "introducers": ("入党介绍人", "介绍人"),
    "is_mobile": ("是否流动党员", "流动党员"),
    "is_lost": ("是否失联", "失联党员", "是否失联党员"),
    MOBILE_OR_LOST: ("是否流动失联", "流动失联"),
    "note": ("备注", "说明"),
}
# Known columns that the import does not keep (counted when looking for the header row).
IGNORED_HEADERS = ("序号", "编号", "年龄", "党龄", "工龄", "照片")

_HEADER_TO_FIELD = {
    spelling: field for field, spellings in HEADER_SYNONYMS.items() for spelling in spellings
}
HEADER_SCAN_ROWS = 6  # the header is on one of the first six rows
MIN_HEADER_MATCHES = 2  # fewer recognised names than this is a title or data row

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# "(必填)", "（年.月）", "【18位】" at the end; "*" required markers anywhere.
_BRACKETED = re.compile(r"[(\[【<《][^)\]】>》]*[)\]】>》]")
_MARKS = re.compile(r"[*:：/、]")


class CellError(ValueError):
    """A cell value that cannot become the field's value. `code` is listed above."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = tuple(params.items())


# --- text ------------------------------------------------------------------------------------
def clean_text(value: object) -> str:
    """A cell as trimmed text: full-width letters/digits to half-width, NBSP and U+3000 to
    spaces, runs of spaces collapsed; whole numbers without ".0"; dates as ISO."""
    if type(value) is str:  # most cells: skip the checks for the other types
        text = value
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "是" if value else "否"
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value.isoformat()
        text = str(value)
    if not unicodedata.is_normalized("NFKC", text):  # cheap check: most cells are clean
        text = unicodedata.normalize("NFKC", text)
    if _SPACES.search(text):
        text = _SPACES.sub(" ", text).strip()
    return text


def normalize_header(value: object) -> str:
    """Header text reduced to compare with HEADER_SYNONYMS: no spaces or newlines, no
    bracketed suffixes such as (必填), no * markers, half-width."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    text = _SPACES.sub("", text)
    text = _BRACKETED.sub("", text)
    return _MARKS.sub("", text).lower()


def field_for_header(value: object) -> str | None:
    return _HEADER_TO_FIELD.get(normalize_header(value))


def _is_known_header(value: object) -> bool:
    text = normalize_header(value)
    return text in _HEADER_TO_FIELD or text in IGNORED_HEADERS


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
    """Index (0-based, into `rows`) of the header among the first six rows: the row with
    the most recognised column names, at least two. Title rows ("XX党支部党员花名册") and
    merged group captions match nothing, so they are skipped. None: no header found."""
    best, best_score = None, MIN_HEADER_MATCHES - 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = sum(1 for cell in row if _is_known_header(cell))
        if score > best_score:
            best, best_score = index, score
    return best


def header_labels(rows: Sequence[Sequence[object]], index: int) -> list[str]:
    """The header row's texts. A two-row header has cells merged vertically (姓名 spans
    rows 3–4 while row 4 holds 入党时间 under a caption 党内信息): an empty header cell takes
    the recognised name from the row above."""
    row = list(rows[index])
    above = list(rows[index - 1]) if index > 0 else []
    width = max(len(row), len(above))
    labels = []
    for col in range(width):
        text = clean_text(row[col]) if col < len(row) else ""
        if not text and col < len(above) and _is_known_header(above[col]):
            text = clean_text(above[col])
        labels.append(text)
    return labels


def propose_fields(labels: Sequence[str]) -> dict[int, str | None]:
    """Column index → field (None = ignore). A field claimed twice keeps its first column."""
    mapping: dict[int, str | None] = {}
    taken: set[str] = set()
    for col, label in enumerate(labels):
        field = field_for_header(label)
        if field in taken:
            field = None
        if field:
            taken.add(field)
        mapping[col] = field
    return mapping


# --- dates -----------------------------------------------------------------------------------
MIN_YEAR, MAX_YEAR = 1900, 2100
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 past Excel's fake 1900-02-29
_MIN_SERIAL = (date(MIN_YEAR, 3, 1) - _EXCEL_EPOCH).days
_MAX_SERIAL = (date(MAX_YEAR, 12, 31) - _EXCEL_EPOCH).days
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*(?:[.\-/月]\s*(?:(\d{1,2})\s*[日号]?)?)?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)


def _make_date(year: int, month: int, day: int) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError("bad_date")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError("bad_date") from None


def _digits_date(digits: str) -> date:
    if len(digits) == 8:  # 20010701
        return _make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 6:  # 200107 → 1 July 2001
        return _make_date(int(digits[:4]), int(digits[4:]), 1)
    raise CellError("bad_date")


def _number_date(value: float) -> date:
    if isinstance(value, float) and not value.is_integer():
        whole = int(value)
        if MIN_YEAR <= whole <= MAX_YEAR:
            # 2001.07 typed into a number cell: year.month. Excel stores 2001.10 as
            # 2001.1, indistinguishable from 2001.1 meaning January.
            fraction = f"{value:.2f}".split(".")[1]
            if round(value, 2) != value:
                raise CellError("bad_date")
            if fraction == "10":
                raise CellError("ambiguous_month")
            month = int(fraction) if fraction[1] != "0" else int(fraction[0])
            return _make_date(whole, month, 1)
        value = whole  # a serial date with a time of day
    number = int(value)
    digits = str(number)
    if MIN_YEAR <= number <= MAX_YEAR:  # a year alone, not serial 2001 = 1905-06-23
        raise CellError("bad_date")
    if len(digits) in (6, 8):
        return _digits_date(digits)
    if _MIN_SERIAL <= number <= _MAX_SERIAL:
        return _EXCEL_EPOCH + timedelta(days=number)
    raise CellError("bad_date")


def parse_date(value: object) -> date | None:
    """A date from any cell a roster holds; None for an empty cell.

    Accepted: date/datetime; Excel serial numbers (1900 date system); numbers and text
    "2001.07" (year.month → the 1st of the month: rosters record 出生年月 and 入党时间 to
    the month), "2001.7.1", "2001-7-1", "2001/07/01", "2001年7月1日", "2001年7月",
    "20010701", "200107"; full-width digits. Anything else: CellError("bad_date")."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _make_date(value.year, value.month, value.day)
    if isinstance(value, date):
        return _make_date(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise CellError("bad_date")
    if isinstance(value, int | float):
        return _number_date(value)
    text = clean_text(value)
    if not text:
        return None
    if text.isdigit():
        return _digits_date(text)
    match = _DATE_TEXT.fullmatch(text)
    if match is None:
        raise CellError("bad_date")
    year, month, day = match.groups()
    return _make_date(int(year), int(month), int(day) if day else 1)


# --- ID numbers ------------------------------------------------------------------------------
_ID_SHAPE = re.compile(r"\d{17}[\dX]|\d{15}")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+")


def _number_id(value: float) -> str:
    if isinstance(value, float):
        # A double holds 15–16 significant digits: a 16+-digit ID in one is already rounded.
        if not value.is_integer() or abs(value) >= 1e15:
            raise CellError("id_precision_lost")
        value = int(value)
    digits = str(value)
    if len(digits) == 18:
        # An exact integer written by a program is fine; Excel's rounding leaves …000.
        if check_char(digits[:17]) != digits[17] and digits.endswith("000"):
            raise CellError("id_precision_lost")
        return digits
    if len(digits) in (16, 17):
        raise CellError("id_precision_lost")
    if len(digits) == 15:
        return digits
    raise CellError("bad_id_format")


def parse_id_cell(value: object) -> str:
    """A 公民身份号码 cell as 18 (or old-style 15) upper-case characters; "" when empty.
    Numbers that lost digits in Excel raise CellError("id_precision_lost")."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return _number_id(value)
    text = normalize_id(clean_text(value)).replace("-", "").lstrip("'‘’").upper()
    if not text:
        return ""
    if _SCIENTIFIC.fullmatch(text):  # "1.10105E+17": a number pasted back as text
        raise CellError("id_precision_lost")
    if not _ID_SHAPE.fullmatch(text):
        raise CellError("bad_id_format")
    return text


# --- small enumerations ------------------------------------------------------------------------
_SEX = {"男": Sex.MALE, "男性": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE}
_SEX |= {"女": Sex.FEMALE, "女性": Sex.FEMALE, "f": Sex.FEMALE, "female": Sex.FEMALE}
_CATEGORY = {
    "正式党员": MemberCategory.FORMAL,
    "正式": MemberCategory.FORMAL,
    "中共党员": MemberCategory.FORMAL,
    "党员": MemberCategory.FORMAL,
    "预备党员": MemberCategory.PROBATIONARY,
    "预备": MemberCategory.PROBATIONARY,
    "中共预备党员": MemberCategory.PROBATIONARY,
}
_PARTY_POST = {
    "": PartyPost.NONE,
    "无": PartyPost.NONE,
    "书记": PartyPost.SECRETARY,
    "支部书记": PartyPost.SECRETARY,
    "党支部书记": PartyPost.SECRETARY,
    "副书记": PartyPost.DEPUTY_SECRETARY,
    "支部副书记": PartyPost.DEPUTY_SECRETARY,
    "党支部副书记": PartyPost.DEPUTY_SECRETARY,
    "组织委员": PartyPost.ORGANIZATION,
    "宣传委员": PartyPost.PROPAGANDA,
    "纪检委员": PartyPost.DISCIPLINE,
    "纪律检查委员": PartyPost.DISCIPLINE,
    "党小组长": PartyPost.GROUP_LEADER,
    "党小组组长": PartyPost.GROUP_LEADER,
    "小组长": PartyPost.GROUP_LEADER,
}
_YES = {"是", "√", "✓", "y", "yes", "true", "1", "有"}
_NO = {"", "否", "×", "x", "n", "no", "false", "0", "无", "-", "—", "/"}


def _key(value: object) -> str:
    return clean_text(value).replace(" ", "").lower()


def parse_sex(value: object) -> Sex | None:
    key = _key(value)
    if not key:
        return None
    if key not in _SEX:
        raise CellError("bad_sex")
    return _SEX[key]


def parse_category(value: object) -> MemberCategory:
    """正式/预备; an empty cell is 正式 (most rosters list only the 预备 ones)."""
    key = _key(value)
    if not key:
        return MemberCategory.FORMAL
    if key not in _CATEGORY:
        raise CellError("bad_category")
    return _CATEGORY[key]


def parse_party_post(value: object) -> PartyPost:
    key = _key(value)
    if key not in _PARTY_POST:
        raise CellError("bad_party_post")
    return _PARTY_POST[key]


def parse_bool(value: object) -> bool:
    key = _key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError("bad_bool")


def parse_mobile_or_lost(value: object) -> tuple[bool, bool]:
    """(is_mobile, is_lost) from one column 是否流动/失联."""
    key = _key(value)
    mobile, lost = "流动" in key, "失联" in key
    if mobile or lost:
        return mobile, lost
    if key in _NO:
        return False, False
    raise CellError("bad_bool")


def parse_int(value: object) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        return int(value)
    text = _key(value).removesuffix("个月")
    if not text:
        return 0
    if not text.isdigit():
        raise CellError("bad_number")
    return int(text)


def parse_ethnicity(value: object) -> str:
    """ "汉" → "汉族": the record keeps the full name."""
    text = clean_text(value).replace(" ", "")
    if text and not text.endswith("族") and text not in ("其他", "未识别"):
        text += "族"
    return text


# --- one row -----------------------------------------------------------------------------------
DATE_FIELDS = frozenset({"birth_date", "work_start_date", "join_date", "full_date"})
BOOL_FIELDS = frozenset({"is_mobile", "is_lost", "is_leader_cadre", "in_difficulty"})
_PARSERS = {
    "id_number": parse_id_cell,
    "sex": parse_sex,
    "category": parse_category,
    "party_post": parse_party_post,
    "ethnicity": parse_ethnicity,
    "probation_extension_months": parse_int,
}
IMPORTABLE_FIELDS = frozenset(HEADER_SYNONYMS)


@dataclass(frozen=True)
class ParsedRow:
    values: dict[str, object]  # Member field → value, only the fields the row filled
    errors: tuple[tuple[str, CellError], ...]  # (field, error)
    group_name: str = ""  # the 党小组 as written, when it matched no group of the branch


def parse_row(cells: Mapping[str, object], groups: Mapping[str, int] | None = None) -> ParsedRow:
    """Field → raw cell value, to Member field values plus per-field errors.
    `groups`: the branch's 党小组 names → ids; an unknown name is left out (and reported
    in `group_name`), it does not refuse the row."""
    values: dict[str, object] = {}
    errors: list[tuple[str, CellError]] = []
    unknown_group = ""
    for field, raw in cells.items():
        try:
            if field in DATE_FIELDS:
                values[field] = parse_date(raw)
            elif field in BOOL_FIELDS:
                values[field] = parse_bool(raw)
            elif field == MOBILE_OR_LOST:
                values["is_mobile"], values["is_lost"] = parse_mobile_or_lost(raw)
            elif field == PARTY_GROUP:
                name = clean_text(raw)
                group_id = (groups or {}).get(name.replace(" ", "")) if name else None
                values["party_group_id"] = group_id
                if name and group_id is None:
                    unknown_group = name
            elif field in _PARSERS:
                values[field] = _PARSERS[field](raw)
            else:
                text = clean_text(raw)
                if field == "name":
                    text = text.replace(" ", "")  # "张  三": spaces that align 2-char names
                values[field] = text
        except CellError as exc:
            errors.append((field, exc))
    return ParsedRow(values, tuple(errors), unknown_group)
