"""The 工作台's members by age band (issue 11 item 1; the 统计公报 bands of
domain/statistics.py) counted by bisection: the same counts as working out every member's
age with statistics.age_on, on the birthday, the day before and 29 February."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from dangjian_desktop.domain.dashboard_figures import age_band_counts, years_back
from dangjian_desktop.domain.statistics import AGE_BANDS, UNKNOWN, age_on


def counted_one_by_one(births, day):
    counts = {b.key: 0 for b in AGE_BANDS}
    unknown = 0
    for birth in births:
        if birth is None or birth > day:
            unknown += 1
            continue
        key = next((b.key for b in AGE_BANDS if b.holds(age_on(birth, day))), None)
        if key is None:
            unknown += 1
        else:
            counts[key] += 1
    return (*counts.items(), (UNKNOWN, unknown))


DAYS = [date(2024, 2, 29), date(2025, 2, 28), date(2025, 3, 1), date(2026, 12, 31)]


@pytest.mark.parametrize("day", DAYS)
def test_bisection_counts_what_age_on_counts(day):
    rng = random.Random(day.toordinal())
    births = [date(1940, 1, 1) + timedelta(days=rng.randrange(31_000)) for _ in range(3_000)]
    # The edges: born on the day 30/31/60/61 years back, the day after, 29 February.
    for years in (30, 31, 35, 36, 60, 61):
        edge = years_back(day, years)
        births += [edge, edge + timedelta(days=1), edge - timedelta(days=1)]
    births += [date(1964, 2, 29), date(1996, 2, 29), date(1995, 3, 1), None, day + timedelta(1)]
    assert age_band_counts(births, day) == counted_one_by_one(births, day)


def test_a_birthday_on_29_february_is_full_on_1_march_in_a_common_year():
    born = date(1964, 2, 29)
    assert dict(age_band_counts([born], date(2025, 2, 28)))["56_60"] == 1  # still 60
    assert dict(age_band_counts([born], date(2025, 3, 1)))["61_and_over"] == 1
    assert years_back(date(2024, 2, 29), 61) == date(1963, 2, 28)
