"""公民身份号码 rules: GB 11643-1999 (structure, birth date, sex) and ISO 7064 MOD 11-2.

Examples: 11010519491231002X is the standard's own example (female, born 1949-12-31);
440524188001010014 is the other published example (male, born 1880-01-01). The other valid
numbers below were computed by hand from the published weights and are fixed literals here.
"""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.domain.id_number import (
    BAD_BIRTH_DATE,
    BAD_CHARS,
    BAD_CHECKSUM,
    BAD_LENGTH,
    BAD_REGION,
    EMPTY,
    ID_ERROR_CODES,
    OLD_15_DIGIT,
    IdInfo,
    IdNumberError,
    check_char,
    compose_id,
    id_error,
    normalize_id,
    parse_id,
    upgrade_15,
)
from dangjian_desktop.domain.people import Sex

STANDARD_EXAMPLE = "11010519491231002X"
PUBLISHED_EXAMPLE = "440524188001010014"


# --- normalize_id -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11010519491231002x", STANDARD_EXAMPLE),  # lower x → X
        (" 110105 19491231 002X ", STANDARD_EXAMPLE),  # spaces anywhere
        ("110105\u300019491231002X", STANDARD_EXAMPLE),  # full-width space
        ("\u00a011010519491231002X\t\n", STANDARD_EXAMPLE),  # NBSP, tab, newline
        ("11010519491231002X\u200b", STANDARD_EXAMPLE),  # zero-width space pasted from web
        ("１１０１０５１９４９１２３１００２Ｘ", STANDARD_EXAMPLE),  # full-width digits and Ｘ
        ("11010519491231002ｘ", STANDARD_EXAMPLE),  # full-width lower ｘ
        ("", ""),
        ("  ", ""),
    ],
)
def test_normalize_id(text, expected):
    assert normalize_id(text) == expected


def test_normalize_id_keeps_other_characters_for_the_checker():
    assert normalize_id("1101-0519") == "1101-0519"


# --- valid numbers: GB 11643-1999 examples ------------------------------------------------------
def test_standard_example_is_a_woman_born_1949_12_31_gb11643():
    """GB 11643-1999 §8 example: 17th digit 2 is even → female; check char X (value 10)."""
    info = parse_id(STANDARD_EXAMPLE)
    assert info == IdInfo(
        number=STANDARD_EXAMPLE, region_code="110105", birth_date=date(1949, 12, 31), sex=Sex.FEMALE
    )


def test_published_example_is_a_man_born_1880_01_01_gb11643():
    info = parse_id(PUBLISHED_EXAMPLE)
    assert (info.region_code, info.birth_date, info.sex) == ("440524", date(1880, 1, 1), Sex.MALE)


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("330106199003071236", date(1990, 3, 7), Sex.MALE),  # 17th digit 3
        ("330106200002294564", date(2000, 2, 29), Sex.FEMALE),  # leap day; 17th digit 6
        ("330106198501150004", date(1985, 1, 15), Sex.FEMALE),  # 17th digit 0 counts as even
        ("110101199003077010", date(1990, 3, 7), Sex.MALE),  # check char 0
        ("51010720060815008X", date(2006, 8, 15), Sex.FEMALE),
    ],
)
def test_valid_numbers_give_birth_date_and_sex_gb11643(number, birth, sex):
    info = parse_id(number)
    assert (info.birth_date, info.sex, info.number) == (birth, sex, number)
    assert id_error(number) is None


def test_parse_id_normalizes_its_input():
    assert parse_id(" １１０１０５１９４９１２３１００２ｘ").number == STANDARD_EXAMPLE


# --- ISO 7064 MOD 11-2 check character ----------------------------------------------------------
@pytest.mark.parametrize(
    ("first17", "char"),
    [
        ("11010519491231002", "X"),
        ("44052418800101001", "4"),
        ("11010119900307701", "0"),
        ("11010119900307561", "3"),
    ],
)
def test_check_char_iso7064_mod11_2(first17, char):
    """Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; remainders map to 1 0 X 9 8 7 6 5 4 3 2."""
    assert check_char(first17) == char


def test_check_char_refuses_wrong_input():
    with pytest.raises(ValueError):
        check_char("1101051949123100")
    with pytest.raises(ValueError):
        check_char("1101051949123100A")


def test_compose_id_gives_the_standards_example_and_a_number_parse_id_reads_back():
    assert compose_id("110105", date(1949, 12, 31), 2) == STANDARD_EXAMPLE
    info = parse_id(compose_id("330921", date(1972, 6, 25), 803))
    assert (info.region_code, info.birth_date, info.sex) == ("330921", date(1972, 6, 25), Sex.MALE)


# --- invalid numbers ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("", EMPTY),
        ("   ", EMPTY),
        ("110105491231002", OLD_15_DIGIT),  # the 15-digit number GB 11643-1999 replaced
        ("11010519491231002", BAD_LENGTH),  # 17
        ("11010519491231002X1", BAD_LENGTH),  # 19
        ("1101051949123100", BAD_LENGTH),  # 16
        ("1101051949123100AX", BAD_CHARS),
        ("X10105194912310021", BAD_CHARS),  # X only allowed as the check character
        ("11010519491231002Y", BAD_CHARS),
        ("110105-1949123100", BAD_CHARS),
        ("11010519491231003X", BAD_CHECKSUM),  # one digit changed
        ("110105194912310029", BAD_CHECKSUM),  # check char changed
        ("440524188001010015", BAD_CHECKSUM),
        ("330106199003071263", BAD_CHECKSUM),  # two digits swapped
        ("330106199002301235", BAD_BIRTH_DATE),  # 30 February
        ("330106199013011235", BAD_BIRTH_DATE),  # month 13
        ("330106199000001235", BAD_BIRTH_DATE),
        ("330106210002291235", BAD_BIRTH_DATE),  # 29 February 2100 (not a leap year)
        ("330106170001011235", BAD_BIRTH_DATE),  # before 1800
        ("000106199003071236", BAD_REGION),  # no province 00
        ("990106199003071236", BAD_REGION),
    ],
)
def test_invalid_numbers_refused_with_a_code(number, code):
    with pytest.raises(IdNumberError) as caught:
        parse_id(number)
    assert caught.value.code == code
    assert id_error(number) == code
    assert code in ID_ERROR_CODES


def test_birth_date_after_today_is_refused_when_today_given():
    assert id_error("330106199003071236", today=date(1990, 3, 6)) == BAD_BIRTH_DATE
    assert id_error("330106199003071236", today=date(1990, 3, 7)) is None


def test_id_number_error_is_a_value_error_with_the_number():
    with pytest.raises(ValueError, match="bad_checksum"):
        parse_id("440524188001010015")


# --- 15-digit numbers ---------------------------------------------------------------------------
def test_upgrade_15_inserts_century_and_computes_check_char_gb11643():
    """GB 11643-1999 replaced the 15-digit number: insert "19" before YYMMDD, append the check."""
    assert upgrade_15("110105491231002") == STANDARD_EXAMPLE
    assert parse_id(upgrade_15(" 110105491231002 ")).birth_date == date(1949, 12, 31)


@pytest.mark.parametrize("text", ["11010549123100", "11010549123100X", STANDARD_EXAMPLE])
def test_upgrade_15_refuses_anything_but_15_digits(text):
    with pytest.raises(IdNumberError):
        upgrade_15(text)
