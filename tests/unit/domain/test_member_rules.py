"""Rules for one member record (domain brief §2.2, §3.2).

Sources named in the tests: 党章 Art.1 (年满十八岁), 党章 Art.7 (预备期为一年; 可以延长但不能超过
一年; 预备党员没有选举权和被选举权), domain brief §3.2 (extension ≥ 6 months and ≤ 1 year),
GB 11643-1999 (公民身份号码), brief §2.3 ("失联" needs a date).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dangjian_desktop.domain import member_reminders
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.id_number import ID_ERROR_CODES
from dangjian_desktop.domain.member_rules import (
    DUPLICATE,
    ERROR_CODES,
    TEXT_LIMITS,
    expected_full_date,
    is_valid_phone,
    normalize_member,
    probation_end,
    validate_member,
)
from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    PartyPost,
    Sex,
)

TODAY = date(2025, 6, 15)
TOMORROW = TODAY + timedelta(days=1)

# 330106199003071236: male, born 1990-03-07 (valid GB 11643 number computed for these tests).
VALID = Member(
    name="王海",
    sex=Sex.MALE,
    birth_date=date(1990, 3, 7),
    id_number="330106199003071236",
    phone="13800138000",
    join_date=date(2015, 7, 1),
    full_date=date(2016, 7, 1),
    category=MemberCategory.FORMAL,
)
PROBATIONARY = replace(
    VALID,
    name="李静",
    sex=Sex.FEMALE,
    birth_date=date(2000, 2, 29),
    id_number="330106200002294564",
    join_date=date(2024, 11, 20),
    full_date=None,
    category=MemberCategory.PROBATIONARY,
)


def codes(member: Member, today: date = TODAY) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_member(member, today)}


def test_valid_members_have_no_errors():
    assert validate_member(VALID, TODAY) == []
    assert validate_member(PROBATIONARY, TODAY) == []


def test_minimal_member_needs_name_id_join_date_and_full_date():
    assert codes(Member(name="")) == {
        ("name", "required"),
        ("id_number", "required"),
        ("join_date", "required"),
        ("full_date", "required"),
    }


def test_field_names_are_member_attributes():
    wrong = Member(
        name="张3",
        sex=Sex.FEMALE,
        birth_date=TOMORROW,
        id_number="330106199003071237",
        phone="12345",
        join_date=TOMORROW,
        full_date=TOMORROW,
        probation_extension_months=3,
        is_lost=True,
        note="x" * 3000,
    )
    fields = {e.field for e in validate_member(wrong, TODAY)}
    assert fields <= set(Member.__dataclass_fields__)
    assert len(fields) >= 8


def test_every_code_used_is_described():
    assert DUPLICATE == "duplicate_id"
    assert set(ID_ERROR_CODES) <= set(ERROR_CODES)
    assert all(ERROR_CODES.values())


# --- name --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("  ", "required"),
        ("王" * 51, "too_long"),
        ("张三2", "has_digits"),
        ("张三２", "has_digits"),  # full-width digit
    ],
)
def test_name_rules(name, code):
    assert codes(replace(VALID, name=name)) == {("name", code)}


@pytest.mark.parametrize("name", ["欧阳明", "买买提·艾力", "王" * 50, "John Smith"])
def test_name_accepted(name):
    assert codes(replace(VALID, name=name)) == set()


# --- ID number: GB 11643-1999 -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("330106199003071237", "bad_checksum"),
        ("330106199002301235", "bad_birth_date"),
        ("33010619900307123", "bad_length"),
        ("33010619900307123A", "bad_chars"),
        ("990106199003071236", "bad_region"),
    ],
)
def test_invalid_id_number_gb11643(number, code):
    assert ("id_number", code) in codes(replace(VALID, id_number=number))


def test_old_15_digit_number_refused_with_a_suggested_18_digit_number_gb11643():
    errors = validate_member(replace(VALID, id_number="330106900307123", birth_date=None), TODAY)
    assert errors == [
        FieldError("id_number", "old_15_digit", (("suggestion", "330106199003071236"),))
    ]


def test_id_number_is_checked_after_normalising():
    member = replace(VALID, id_number=" ３３０１０６１９９００３０７１２３６ ")
    assert validate_member(member, TODAY) == []
    assert normalize_member(member).id_number == "330106199003071236"


def test_id_number_born_after_today_is_refused():
    assert ("id_number", "bad_birth_date") in codes(VALID, today=date(1990, 3, 6))


def test_birth_date_must_agree_with_the_id_gb11643():
    errors = validate_member(replace(VALID, birth_date=date(1990, 3, 8)), TODAY)
    assert errors == [FieldError("birth_date", "birth_mismatch", (("expected", date(1990, 3, 7)),))]


def test_sex_must_agree_with_the_17th_digit_gb11643():
    """GB 11643-1999: the sequence code is odd for men, even for women."""
    errors = validate_member(replace(VALID, sex=Sex.FEMALE), TODAY)
    assert errors == [FieldError("sex", "sex_mismatch", (("expected", Sex.MALE),))]


def test_birth_date_and_sex_may_stay_empty():
    assert codes(replace(VALID, birth_date=None, sex=None)) == set()


def test_birth_date_not_in_future():
    assert ("birth_date", "in_future") in codes(replace(VALID, birth_date=TOMORROW))


# --- 入党日期: 党章 Art.1 -----------------------------------------------------------------------
def test_join_on_18th_birthday_accepted_dangzhang_art1():
    """党章 Art.1: 年满十八岁 — the 18th birthday itself is old enough."""
    member = replace(VALID, join_date=date(2008, 3, 7), full_date=date(2009, 3, 7))
    assert codes(member) == set()


def test_join_a_day_before_18th_birthday_refused_dangzhang_art1():
    member = replace(VALID, join_date=date(2008, 3, 6), full_date=date(2009, 3, 6))
    errors = validate_member(member, TODAY)
    assert errors == [FieldError("join_date", "too_young", (("min_age", 18),))]


def test_age_taken_from_the_id_when_birth_date_empty_dangzhang_art1():
    member = replace(VALID, birth_date=None, join_date=date(2008, 3, 6), full_date=date(2009, 3, 6))
    assert codes(member) == {("join_date", "too_young")}


def test_leap_day_birth_is_18_on_28_february_dangzhang_art1():
    member = replace(PROBATIONARY, join_date=date(2018, 2, 28))  # born 2000-02-29
    assert ("join_date", "too_young") not in codes(member)
    member = replace(PROBATIONARY, join_date=date(2018, 2, 27))
    assert ("join_date", "too_young") in codes(member)


def test_join_date_not_in_future_nor_before_birth():
    assert ("join_date", "in_future") in codes(replace(PROBATIONARY, join_date=TOMORROW))
    member = replace(VALID, join_date=date(1989, 1, 1), full_date=date(1990, 1, 1))
    assert ("join_date", "before_birth") in codes(member)


def test_work_start_date_not_in_future_nor_before_birth():
    assert codes(replace(VALID, work_start_date=TOMORROW)) == {("work_start_date", "in_future")}
    member = replace(VALID, work_start_date=date(1980, 1, 1))
    assert codes(member) == {("work_start_date", "before_birth")}


# --- 转正日期 and 预备期: 党章 Art.7, brief §3.2 ---------------------------------------------
def test_probation_is_one_year_from_the_branch_meeting_dangzhang_art7():
    """党章 Art.7: 预备期为一年, counted from the day the 支部大会 passes the applicant."""
    assert expected_full_date(date(2015, 7, 1)) == date(2016, 7, 1)
    assert expected_full_date(date(2024, 2, 29)) == date(2025, 2, 28)
    assert probation_end(PROBATIONARY) == date(2025, 11, 20)
    assert probation_end(replace(PROBATIONARY, join_date=None)) is None


def test_extended_probation_ends_after_the_extension_dangzhang_art7():
    assert expected_full_date(date(2015, 7, 1), 6) == date(2017, 1, 1)
    assert expected_full_date(date(2015, 7, 1), 12) == date(2017, 7, 1)
    assert expected_full_date(date(2024, 2, 29), 6) == date(2025, 8, 29)
    assert probation_end(replace(PROBATIONARY, probation_extension_months=6)) == date(2026, 5, 20)


def test_formal_member_full_date_must_be_join_plus_one_year_dangzhang_art7():
    member = replace(VALID, full_date=date(2016, 6, 30))
    errors = validate_member(member, TODAY)
    assert errors == [
        FieldError("full_date", "full_date_mismatch", (("expected", date(2016, 7, 1)),))
    ]


@pytest.mark.parametrize("months", [6, 9, 12])
def test_formal_member_with_recorded_extension_dangzhang_art7(months):
    """党章 Art.7 allows one extension ≤ 1 year; brief §3.2: ≥ 6 months."""
    full = expected_full_date(VALID.join_date, months)
    member = replace(VALID, full_date=full, probation_extension_months=months)
    assert codes(member) == set()
    # the same 转正 date without the extension recorded is a mismatch
    assert codes(replace(member, probation_extension_months=0)) == {
        ("full_date", "full_date_mismatch")
    }


@pytest.mark.parametrize("months", [1, 5, 13, 24, -6])
def test_extension_outside_six_to_twelve_months_refused_dangzhang_art7(months):
    member = replace(PROBATIONARY, probation_extension_months=months)
    errors = validate_member(member, TODAY)
    assert errors == [
        FieldError(
            "probation_extension_months", "extension_out_of_range", (("min", 6), ("max", 12))
        )
    ]


def test_formal_member_needs_a_full_date_not_in_future():
    assert codes(replace(VALID, full_date=None)) == {("full_date", "required")}
    member = replace(VALID, join_date=date(2024, 6, 16), full_date=date(2025, 6, 16))
    assert codes(member) == {("full_date", "in_future")}


def test_probationary_member_has_no_full_date_yet():
    """The planned date is computed by probation_end(); a stored 转正日期 means formal."""
    member = replace(PROBATIONARY, full_date=date(2025, 11, 20))
    assert codes(member) == {("full_date", "full_date_while_probationary")}


@pytest.mark.parametrize(
    "post", [PartyPost.SECRETARY, PartyPost.ORGANIZATION, PartyPost.DISCIPLINE]
)
def test_probationary_member_holds_no_elected_post_dangzhang_art7(post):
    """党章 Art.7: 预备党员 have no 选举权 and no 被选举权."""
    assert codes(replace(PROBATIONARY, party_post=post)) == {("party_post", "probationary_post")}
    assert codes(replace(VALID, party_post=post)) == set()


def test_probationary_member_may_be_group_member_without_post():
    assert codes(replace(PROBATIONARY, party_post=PartyPost.NONE)) == set()


# --- phone --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",
        "19912345678",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "0571-87654321",
        "(0571)87654321",
        "（0571）87654321",
        "0571 87654321",
        "010-62345678",
        "87654321",
        "87654321-123",
        "0571-87654321转123",
        "13800138000/0571-87654321",
        "13800138000、13900139000",
        "+870 776 123 456",  # Inmarsat, a ship's satellite phone
    ],
)
def test_phone_accepted(phone):
    assert is_valid_phone(phone)
    assert codes(replace(VALID, phone=phone)) == set()


@pytest.mark.parametrize(
    "phone",
    [
        "12345678901",  # mobile numbers start 13–19
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "12345",
        "0571-12345678",  # local numbers do not start with 0 or 1
        "abc",
        "13800138000/",
        "/",
        "+86 12345",
    ],
)
def test_bad_phone_refused(phone):
    assert codes(replace(VALID, phone=phone)) == {("phone", "bad_phone")}


def test_phone_may_be_empty_but_not_too_long():
    assert codes(replace(VALID, phone="")) == set()
    assert codes(replace(VALID, phone="1" * 51)) == {("phone", "too_long")}


# --- 失联, 流动党员 and text lengths -------------------------------------------------------------
def test_lost_member_needs_a_date_not_in_future_brief_2_3():
    """Brief §2.3: 失联 > 6 months leads to 停止党籍, so the date it started is needed."""
    assert codes(replace(VALID, is_lost=True)) == {("lost_since", "required")}
    assert codes(replace(VALID, is_lost=True, lost_since=TOMORROW)) == {("lost_since", "in_future")}
    assert codes(replace(VALID, is_lost=True, lost_since=date(2024, 12, 1))) == set()


def test_mobile_member_destination_is_optional():
    assert codes(replace(VALID, is_mobile=True)) == set()
    assert codes(replace(VALID, is_mobile=True, mobile_destination="上海")) == set()


@pytest.mark.parametrize(("field", "limit"), sorted(TEXT_LIMITS.items()))
def test_text_length_limits(field, limit):
    assert codes(replace(VALID, **{field: "字" * limit})) == set()
    errors = validate_member(replace(VALID, **{field: "字" * (limit + 1)}), TODAY)
    assert errors == [FieldError(field, "too_long", (("max", limit),))]


def test_normalize_member_trims_name_and_phone():
    member = normalize_member(replace(VALID, name=" 王海 ", phone=" 13800138000 "))
    assert (member.name, member.phone) == ("王海", "13800138000")


# --- normalisation (issue 7 item 2) -------------------------------------------------------------
STR_FIELDS = sorted(name for name, f in Member.__dataclass_fields__.items() if f.type == "str")


@pytest.mark.parametrize("field", STR_FIELDS)
def test_normalize_member_cleans_every_text_field(field):
    cleaned = getattr(normalize_member(replace(VALID, **{field: "甲\x0b乙\x00丙\r\n丁"})), field)
    if field == "note":  # 备注 keeps its lines: Word's manual line break is one
        assert cleaned == "甲\n乙丙\n丁"
    elif field == "id_number":  # white space never belongs in an ID number
        assert cleaned == "甲乙丙丁"
    else:
        assert cleaned == "甲 乙丙 丁"


def test_normalize_member_keeps_ordinary_text_and_the_record_itself():
    member = replace(VALID, address="浙江省宁波市　海曙区（全角空格）", note="第一行\n第二行")
    assert normalize_member(member) == member
    clean = replace(VALID, address="浙江省宁波市")
    assert normalize_member(clean) is clean  # the roster import normalises 10,000 of these


def test_normalize_member_leaves_a_missing_text_value_to_the_storage_default():
    member = replace(VALID, note=None, address="宁\x07波")
    assert (normalize_member(member).note, normalize_member(member).address) == (None, "宁波")


# --- dates at the edge of the calendar (issue 7 item 10) --------------------------------------
def test_join_date_in_the_last_year_of_the_calendar_is_a_field_error_not_an_overflow():
    member = replace(VALID, join_date=date(9999, 6, 1))
    assert codes(member) == {("join_date", "in_future")}
    assert expected_full_date(date(9999, 6, 1)) is None  # the form's suggestion stays empty
    assert expected_full_date(date(9998, 12, 31), 12) is None


def test_full_date_beyond_the_calendar_is_a_typed_error_even_when_today_is_late():
    late = date(9999, 12, 31)
    member = replace(VALID, join_date=date(9999, 6, 1), full_date=date(9999, 7, 1))
    assert ("join_date", "date_out_of_range") in codes(member, today=late)


def test_reminders_skip_a_probation_that_ends_beyond_the_calendar():
    member = replace(PROBATIONARY, id=1, join_date=date(9999, 6, 1))
    assert probation_end(member) is None
    due = member_reminders.probation_due([member, replace(PROBATIONARY, id=2)], TODAY, 365)
    assert [d.member.id for d in due] == [2]
