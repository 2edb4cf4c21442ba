"""花名册 import rules: header recognition and every cell form real rosters hold."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import MemberCategory, PartyPost, Sex
from dangjian_desktop.domain.roster_import_rules import (
    HEADER_SYNONYMS,
    MOBILE_OR_LOST,
    PARTY_GROUP,
    CellError,
    clean_text,
    field_for_header,
    find_header_row,
    header_labels,
    normalize_header,
    parse_bool,
    parse_category,
    parse_date,
    parse_ethnicity,
    parse_id_cell,
    parse_mobile_or_lost,
    parse_party_post,
    parse_row,
    parse_sex,
    propose_fields,
)


def make_id(region: str = "110105", birth: str = "19850312", seq: str = "123") -> str:
    first17 = region + birth + seq
    return first17 + check_char(first17)


GOOD_ID = make_id()


def code_of(fn, value) -> str:
    with pytest.raises(CellError) as info:
        fn(value)
    return info.value.code


# --- headers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("姓名", "name"),
        ("名字", "name"),
        ("党员姓名", "name"),
        ("姓  名", "name"),
        ("姓\u3000名", "name"),
        ("*姓名", "name"),
        ("姓名(必填)", "name"),
        ("姓名（必填）", "name"),
        ("身份证号", "id_number"),
        ("公民身份号码\n（18位）", "id_number"),
        ("身份证号码", "id_number"),
        ("入党时间", "join_date"),
        ("入党日期", "join_date"),
        ("转正日期", "full_date"),
        ("出生年月\n(年.月)", "birth_date"),
        ("文化程度", "education"),
        ("类别", "category"),
        ("工作单位及职务", "work_unit"),
        ("岗位", "job_post"),
        ("所在党小组", PARTY_GROUP),
        ("手机", "phone"),
        ("是否流动/失联", MOBILE_OR_LOST),
        ("备注", "note"),
        ("ＰＨＯＮＥ", None),
        ("序号", None),
        ("某某党支部党员花名册", None),
        (None, None),
    ],
)
def test_header_spellings_map_to_fields(text, field):
    assert field_for_header(text) == field


def test_synonyms_do_not_clash():
    spellings = [normalize_header(s) for group in HEADER_SYNONYMS.values() for s in group]
    assert len(spellings) == len(set(spellings))


def test_header_found_below_title_rows():
    rows = [
        ["某某船舶党支部党员花名册", None, None, None],  # merged A1:H1: only A1 has a value
        ["填报单位：远洋一号", None, None, "2025年6月"],
        ["序号", "姓 名", "性别", "身份证号码(必填)"],
        [1, "张三", "男", GOOD_ID],
    ]
    assert find_header_row(rows) == 2


def test_no_header_in_first_six_rows():
    rows = [["花名册"], [None], ["张三", "男"], *[["x"]] * 3, ["姓名", "性别", "民族"]]
    assert find_header_row(rows) is None
    assert find_header_row([]) is None


def test_a_single_known_word_is_not_a_header():
    assert find_header_row([["备注：以下为在册党员"], ["姓名", "性别"]]) == 1


def test_two_row_header_takes_vertically_merged_names_from_above():
    rows = [
        ["姓名", "性别", "党内信息", None],
        [None, None, "入党时间", "转正时间"],
    ]
    assert find_header_row(rows) == 0  # more names on row 1 …
    labels = header_labels(rows, 1)  # … but the user may pick row 2
    assert propose_fields(labels) == {0: "name", 1: "sex", 2: "join_date", 3: "full_date"}


def test_a_field_claimed_twice_keeps_its_first_column():
    assert propose_fields(["姓名", "单位", "工作单位", "年龄"]) == {
        0: "name",
        1: "work_unit",
        2: None,
        3: None,
    }


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


# --- one row ---------------------------------------------------------------------------------
def test_parse_row_collects_values_and_errors():
    parsed = parse_row(
        {
            "name": "张\u3000三",
            "sex": "男",
            "id_number": GOOD_ID,
            "join_date": "2010.07",
            "full_date": "不详",
            PARTY_GROUP: "甲板党小组",
            "phone": 13812345678,
        },
        groups={"甲板党小组": 7},
    )
    assert parsed.values["name"] == "张三"
    assert parsed.values["party_group_id"] == 7
    assert parsed.values["phone"] == "13812345678"
    assert parsed.values["join_date"] == date(2010, 7, 1)
    assert [(f, e.code) for f, e in parsed.errors] == [("full_date", "bad_date")]
    assert parsed.group_name == ""


def test_unknown_group_is_reported_not_refused():
    parsed = parse_row({"name": "李四", PARTY_GROUP: "轮机组"}, groups={"甲板党小组": 7})
    assert parsed.values["party_group_id"] is None
    assert parsed.group_name == "轮机组"
    assert parsed.errors == ()
