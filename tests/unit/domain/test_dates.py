"""Calendar arithmetic behind term ends and reminders."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.domain.dates import add_months, add_years


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
