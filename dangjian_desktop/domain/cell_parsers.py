"""Spreadsheet cells to field values. Pure: no openpyxl, no SQL.

Everything here takes a plain cell value (str, int, float, date, datetime, None — what a
spreadsheet reader returns) and either returns a clean value or raises `CellError(code)`.
Real rosters hold dates typed every way Excel allows, ID numbers that Excel turned into
numbers, full-width digits and stray spaces; any future .xlsx import (meetings, points)
reuses these parsers.

CellError codes (messages.py words them):
  bad_date            not a date in any accepted form, or outside 1900–2100
  ambiguous_month     a number like 2001.1: January or October? (Excel drops the 0 of 2001.10)
  id_precision_lost   an 18-digit ID stored as a number: Excel keeps 15 significant digits,
                      so the last digits are gone (…000); fix: set the column to 文本 and
                      retype the number, or type it with a leading apostrophe
  bad_id_format       not 15 or 18 characters of digits (last may be X)
  bad_sex, bad_category, bad_party_post, bad_bool, bad_number   not a value of that list
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from dangjian_desktop.domain.dates import MAX_YEAR, MIN_YEAR
from dangjian_desktop.domain.id_number import check_char, normalize_id
from dangjian_desktop.domain.people import MemberCategory, PartyPost, Sex


class CellError(ValueError):
    """A cell value that cannot become the field's value. `code` is listed above."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = tuple(params.items())


# --- text ------------------------------------------------------------------------------------
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# C0/C1 control characters other than the whitespace above: invisible in Excel, they make
# two equal names differ and break the XML of our own exports.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def clean_text(value: object) -> str:
    """A cell as trimmed text: full-width letters/digits to half-width, NBSP and U+3000 to
    spaces, runs of spaces collapsed, control characters dropped; whole numbers without
    ".0"; dates as ISO."""
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
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if _SPACES.search(text):
        text = _SPACES.sub(" ", text).strip()
    return text


def _key(value: object) -> str:
    return clean_text(value).replace(" ", "").lower()


# --- dates -----------------------------------------------------------------------------------
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


def looks_like_id(value: object) -> bool:
    """An ID number, or a number that was one before Excel rounded it (for finding the
    column by its values)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return 1e14 <= abs(value) < 1e18
    if not isinstance(value, str):
        return False
    try:
        return bool(parse_id_cell(value))
    except CellError as exc:
        return exc.code == "id_precision_lost"


# --- small enumerations ------------------------------------------------------------------------
_SEX = {"男": Sex.MALE, "男性": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE}
_SEX |= {"女": Sex.FEMALE, "女性": Sex.FEMALE, "f": Sex.FEMALE, "female": Sex.FEMALE}
# The words rosters use for 正式/预备, under whatever header (党员类别, 政治面貌, 人员类别…).
CATEGORY_WORDS = {
    "正式党员": MemberCategory.FORMAL,
    "正式": MemberCategory.FORMAL,
    "中共党员": MemberCategory.FORMAL,
    "中共正式党员": MemberCategory.FORMAL,
    "预备党员": MemberCategory.PROBATIONARY,
    "预备": MemberCategory.PROBATIONARY,
    "中共预备党员": MemberCategory.PROBATIONARY,
}
# Accepted in a column already known to be 党员类别, but too vague to find that column by.
_CATEGORY = CATEGORY_WORDS | {"党员": MemberCategory.FORMAL}
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


def is_category_word(value: object) -> bool:
    """正式党员/预备党员, 中共党员/中共预备党员, 正式/预备 (after cleaning)."""
    return isinstance(value, str) and len(value) <= 12 and _key(value) in CATEGORY_WORDS


def is_sex_word(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 8 and _key(value) in _SEX


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
