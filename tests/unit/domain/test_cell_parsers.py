"""Cell parsers: every form a roster's dates, ID numbers and small lists take."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dangjian_desktop.domain.cell_parsers import (
    CellError,
    clean_text,
    is_category_word,
    looks_like_id,
    parse_bool,
    parse_category,
    parse_date,
    parse_ethnicity,
    parse_id_cell,
    parse_mobile_or_lost,
    parse_party_post,
    parse_sex,
)
from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import MemberCategory, PartyPost, Sex


def make_id(region: str = "110105", birth: str = "19850312", seq: str = "123") -> str:
    first17 = region + birth + seq
    return first17 + check_char(first17)


GOOD_ID = make_id()


def code_of(fn, value) -> str:
    with pytest.raises(CellError) as info:
        fn(value)
    return info.value.code


# --- dates -----------------------------------------------------------------------------------
JULY_1 = date(2001, 7, 1)


@pytest.mark.parametrize(
    "value",
    [
        datetime(2001, 7, 1, 0, 0),
        date(2001, 7, 1),
        37073,  # Excel serial number, 1900 system
        37073.0,
        37073.75,  # with a time of day
        "2001.07",
        "2001.7",
        2001.07,  # typed into a number cell
        "2001.7.1",
        "2001.07.01",
        "2001-7-1",
        "2001-07-01 00:00:00",
        "2001/07/01",
        "2001年7月1日",
        "2001年07月01号",
        "2001年7月",
        "2001 年 7 月 1 日",
        "20010701",
        20010701,
        "200107",
        "２００１．０７",
        "２００１年７月１日",
        "\u30002001.07\u00a0",
    ],
)
def test_date_forms(value):
    assert parse_date(value) == JULY_1


def test_year_month_numbers_and_text():
    assert parse_date(2001.12) == date(2001, 12, 1)
    assert parse_date(2001.2) == date(2001, 2, 1)  # 2001.20 cannot be a month
    assert parse_date("2001.1") == date(2001, 1, 1)  # typed as text: January
    assert parse_date("2001.10") == date(2001, 10, 1)


def test_serial_numbers_across_excels_fake_leap_day():
    assert parse_date(61) == date(1900, 3, 1)
    assert parse_date(45658) == date(2025, 1, 1)


@pytest.mark.parametrize("value", [None, "", "  ", "\u3000"])
def test_empty_dates(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "不详",
        "2001-02-30",
        "2001.13",
        "01.07.01",
        "1850.01",
        "2001",
        2001,  # a year alone, not serial 2001 (1905)
        5,  # serial before 1900-03-01
        999999,
        2001.123,
        True,
        "2001年7月1日 上午",
    ],
)
def test_bad_dates(value):
    assert code_of(parse_date, value) == "bad_date"


def test_number_2001_1_is_ambiguous():
    # Excel shows 2001.10 typed in a number cell as 2001.1: January or October?
    assert code_of(parse_date, 2001.1) == "ambiguous_month"


# --- ID numbers ------------------------------------------------------------------------------
def test_id_as_text_is_normalised():
    x_id = make_id(seq="006")
    assert parse_id_cell(GOOD_ID) == GOOD_ID
    assert parse_id_cell(f" {GOOD_ID}\u3000") == GOOD_ID
    assert parse_id_cell(
        GOOD_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    ) == (GOOD_ID)
    assert parse_id_cell("'" + GOOD_ID) == GOOD_ID
    assert parse_id_cell(x_id.lower()) == x_id
    assert parse_id_cell(None) == ""
    assert parse_id_cell("") == ""


def test_id_typed_into_a_number_cell_lost_its_last_digits():
    # Excel keeps 15 significant digits: 110105198503121234 is stored as 1.10105198503121E+17
    as_excel_stores_it = float(GOOD_ID[:15] + "000")
    assert code_of(parse_id_cell, as_excel_stores_it) == "id_precision_lost"
    assert code_of(parse_id_cell, float(GOOD_ID)) == "id_precision_lost"  # any 18-digit float
    assert code_of(parse_id_cell, int(GOOD_ID[:15] + "000")) == "id_precision_lost"
    assert code_of(parse_id_cell, "1.10105E+17") == "id_precision_lost"
    assert code_of(parse_id_cell, 1101051985031212) == "id_precision_lost"  # 16 digits


def test_exact_integer_id_written_by_a_program_is_kept():
    assert parse_id_cell(int(GOOD_ID)) == GOOD_ID
    assert parse_id_cell(110105850312123) == "110105850312123"  # old 15-digit number


@pytest.mark.parametrize("value", ["12345", "11010519850312123Y", "身份证", 12345])
def test_bad_id_format(value):
    assert code_of(parse_id_cell, value) == "bad_id_format"


# --- small enumerations ----------------------------------------------------------------------
def test_sex_category_post_bool():
    assert parse_sex("男") is Sex.MALE
    assert parse_sex(" 女 ") is Sex.FEMALE
    assert parse_sex("M") is Sex.MALE
    assert parse_sex(None) is None
    assert code_of(parse_sex, "未知") == "bad_sex"
    assert parse_category("正式党员") is MemberCategory.FORMAL
    assert parse_category("预备") is MemberCategory.PROBATIONARY
    assert parse_category("") is MemberCategory.FORMAL
    assert code_of(parse_category, "群众") == "bad_category"
    assert parse_party_post("支部书记") is PartyPost.SECRETARY
    assert parse_party_post(None) is PartyPost.NONE
    assert code_of(parse_party_post, "队长") == "bad_party_post"
    assert parse_bool("是") is True
    assert parse_bool("否") is False
    assert parse_bool(None) is False
    assert code_of(parse_bool, "也许") == "bad_bool"
    assert parse_mobile_or_lost("流动党员") == (True, False)
    assert parse_mobile_or_lost("失联") == (False, True)
    assert parse_mobile_or_lost("否") == (False, False)
    assert parse_ethnicity("汉") == "汉族"
    assert parse_ethnicity("蒙古族") == "蒙古族"


def test_clean_text():
    assert clean_text(13812345678.0) == "13812345678"
    assert clean_text("  远洋\u3000一号\u00a0 ") == "远洋 一号"
    assert clean_text("ＡＢＣ１２３") == "ABC123"
    assert clean_text(None) == ""


def test_clean_text_drops_control_characters():
    assert clean_text("张\x00三\x1f") == "张三"
    assert clean_text("远洋\t一号\r\n") == "远洋 一号"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("正式党员", True),
        ("预备党员", True),
        ("中共党员", True),
        ("中共预备党员", True),
        (" 正式 ", True),
        ("预备", True),
        ("党员", False),  # too vague to find the column by
        ("群众", False),
        ("企事业单位专业技术人员", False),
        (None, False),
        (1, False),
    ],
)
def test_category_words(value, expected):
    assert is_category_word(value) is expected


def test_what_looks_like_an_id():
    assert looks_like_id(GOOD_ID)
    assert looks_like_id(float(GOOD_ID[:15] + "000"))  # rounded by Excel: still the column
    assert looks_like_id("1.10105E+17")
    assert not looks_like_id(13812345678)
    assert not looks_like_id("张三")
    assert not looks_like_id("2001.07")
