"""Calendar arithmetic behind term ends and reminders."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.domain.dates import DateTextError, add_months, add_years, parse_date_text


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 15), 1, date(2025, 2, 15)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),  # clamps to the month's last day
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 11, 30), 2, date(2026, 1, 30)),  # across the new year
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2026, 8, 31), -6, date(2026, 2, 28)),
        (date(2025, 6, 15), -13, date(2024, 5, 15)),
        (date(2025, 6, 15), 0, date(2025, 6, 15)),
        (date(2025, 6, 15), 24, date(2027, 6, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2023, 4, 10), 3, date(2026, 4, 10)),
        (date(2023, 4, 10), -1, date(2022, 4, 10)),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    ("day", "months"), [(date(9999, 6, 1), 12), (date(9999, 12, 31), 1), (date(1, 1, 1), -1)]
)
def test_shifting_past_the_calendar_is_a_typed_error(day, months):
    from dangjian_desktop.domain.dates import DateOutOfRange

    with pytest.raises(DateOutOfRange):
        add_months(day, months)
    with pytest.raises(ValueError):  # still a ValueError for callers that catch that
        add_years(day, months // 12 or (1 if months > 0 else -1))


def test_the_last_month_of_the_calendar_is_reachable():
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)


def test_try_add_months_gives_none_past_the_calendar():
    from dangjian_desktop.domain.dates import try_add_months

    assert try_add_months(date(9999, 6, 1), 12) is None
    assert try_add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-12-05", date(2023, 12, 5)),
        ("2023-12-5", date(2023, 12, 5)),
        ("20231205", date(2023, 12, 5)),
        ("2023.12.5", date(2023, 12, 5)),
        ("2023.12.05", date(2023, 12, 5)),
        ("2023/12/5", date(2023, 12, 5)),
        ("2023 12 5", date(2023, 12, 5)),
        ("2023年12月5日", date(2023, 12, 5)),
        ("2023年12月5号", date(2023, 12, 5)),
        ("2023年12月5", date(2023, 12, 5)),
        ("2023 年 12 月 5 日", date(2023, 12, 5)),
        ("  2023-12-05  ", date(2023, 12, 5)),
        ("\t2023-12-05\u3000", date(2023, 12, 5)),  # an ideographic space from an IME
        ("２０２３－１２－０５", date(2023, 12, 5)),  # full-width digits and hyphen
        ("２０２３年１２月５日", date(2023, 12, 5)),
        ("２０２３．１２．５", date(2023, 12, 5)),
        ("2023。12。5", date(2023, 12, 5)),  # the "." key in Chinese punctuation mode
        ("2024-02-29", date(2024, 2, 29)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2100-12-31", date(2100, 12, 31)),
        ("", None),
        ("   ", None),
        ("\u3000", None),
    ],
)
def test_parse_date_text_accepts_the_forms_people_type(text, expected):
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "last_day"),
    [
        ("2023-02-30", "no_such_day", 28),
        ("2023年2月29日", "no_such_day", 28),  # not a leap year
        ("20230431", "no_such_day", 30),
        ("2023-12-00", "no_such_day", 31),
        ("2023-13-01", "no_such_month", None),
        ("2023-00-10", "no_such_month", None),
        ("1899-12-31", "year_out_of_range", None),
        ("2101-01-01", "year_out_of_range", None),
        ("0023-12-05", "year_out_of_range", None),
        ("2023-12", "missing_day", None),
        ("2023年12月", "missing_day", None),
        ("2023", "not_a_date", None),
        ("23-12-05", "not_a_date", None),  # two-digit years are not guessed
        ("2023-12-05-01", "not_a_date", None),
        ("202312051", "not_a_date", None),
        ("abc", "not_a_date", None),
        ("12/05/2023", "not_a_date", None),  # day-first or month-first: never guessed
        ("٢٠٢٣-١٢-٠٥", "not_a_date", None),  # digits of another script are not ours
    ],
)
def test_parse_date_text_says_why_a_text_is_not_a_date(text, code, last_day):
    with pytest.raises(DateTextError) as caught:
        parse_date_text(text)
    assert caught.value.code == code
    assert caught.value.last_day == last_day


def test_a_day_that_does_not_exist_keeps_its_parts_for_the_message():
    with pytest.raises(DateTextError) as caught:
        parse_date_text("2023-02-30")
    error = caught.value
    assert (error.year, error.month, error.day, error.last_day) == (2023, 2, 30, 28)
