"""工作台 figures for the year and the series its charts draw, as plain data (issue 11 item
1): meetings held vs required, the attendance rate, members by category and by age band.
Pure functions over what the services read; the charts (and the PDF's reportlab drawings)
take these values and nothing else, so a chart is drawn from data, never a picture file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.meeting_calendar import CalendarRow
from dangjian_desktop.domain.people import MemberCategory
from dangjian_desktop.domain.statistics import AGE_BANDS, UNKNOWN, AgeBand

MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class MonthPoint:
    month: int  # 1–12
    required: int  # meetings the calendar asks for in periods ending this month
    held: int  # of them, held (never more than required)
    expected: int  # lines on the sign-in lists of the month's held meetings
    present: int  # of them, 出席

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.expected if self.expected else None


@dataclass(frozen=True)
class YearFigures:
    """The year's counts of the 工作台."""

    year: int
    meetings_required: int  # in periods ended by today (a future month is not owed yet)
    meetings_held: int  # of those required, held
    meetings_required_year: int  # the whole year's requirement
    attendance_expected: int
    attendance_present: int
    formal: int
    probationary: int

    @property
    def attendance_rate(self) -> float | None:
        if not self.attendance_expected:
            return None
        return self.attendance_present / self.attendance_expected

    @property
    def members(self) -> int:
        return self.formal + self.probationary


@dataclass(frozen=True)
class ChartSeries:
    """What the charts draw: one point per month, and members per age band (keys of
    statistics.AGE_BANDS, then "unknown" for a missing birth date)."""

    year: int
    months: tuple[MonthPoint, ...]
    age_bands: tuple[tuple[str, int], ...]


def month_points(
    rows: Iterable[CalendarRow], attendance: Mapping[int, tuple[int, int]]
) -> tuple[MonthPoint, ...]:
    """A calendar cell belongs to the month it ends in (a quarterly 党员大会 to March, June
    …, the yearly 组织生活会 to December); `attendance` is month → (expected, present)."""
    required = dict.fromkeys(MONTHS, 0)
    held = dict.fromkeys(MONTHS, 0)
    for row in rows:
        for cell in row.cells:
            required[cell.end.month] += cell.required
            held[cell.end.month] += min(len(cell.held), cell.required)
    return tuple(MonthPoint(m, required[m], held[m], *attendance.get(m, (0, 0))) for m in MONTHS)


def age_band_counts(
    births: Iterable[date | None], day: date, bands: Sequence[AgeBand] = AGE_BANDS
) -> tuple[tuple[str, int], ...]:
    """Members per age band on `day` (statistics.age_on; bands do not overlap), then
    "unknown": no birth date, one after the day, or an age no band holds. By bisection
    over the sorted dates — a member is `age` or older exactly when born on or before the
    day `age` years back — so 10,000 members cost one sort, not 10,000 age computations."""
    births = list(births)
    known = sorted(b for b in births if b is not None)
    born = bisect_right(known, day)  # the rest were born after the day

    def at_least(age: int | None) -> int:
        return born if age is None else bisect_right(known, years_back(day, age), 0, born)

    counts = [
        (b.key, at_least(b.low) - (at_least(b.high + 1) if b.high is not None else 0))
        for b in bands
    ]
    return (*counts, (UNKNOWN, len(births) - sum(n for _k, n in counts)))


def years_back(day: date, years: int) -> date:
    """The last birth date of someone `years` old on `day` (age_on): the same day `years`
    back, or 28 February for a 29 February in a common year (born on 1 March, the year is
    not full yet)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def year_figures(
    year: int,
    today: date,
    rows: Sequence[CalendarRow],
    points: Sequence[MonthPoint],
    roster: Iterable[tuple[str, date | None]],
) -> YearFigures:
    """`roster` is (category code, 转正日期) of each member on the roster today: 正式 by
    the 转正日期 when there is one (statistics.category_on)."""
    owed = [c for r in rows for c in r.cells if c.end < today or c.end.year < today.year]
    formal = probationary = 0
    for category, full_date in roster:
        if full_date is not None:
            is_formal = full_date <= today
        else:
            is_formal = category == MemberCategory.FORMAL.value
        formal += is_formal
        probationary += not is_formal
    return YearFigures(
        year=year,
        meetings_required=sum(c.required for c in owed),
        meetings_held=sum(min(len(c.held), c.required) for c in owed),
        meetings_required_year=sum(p.required for p in points),
        attendance_expected=sum(p.expected for p in points),
        attendance_present=sum(p.present for p in points),
        formal=formal,
        probationary=probationary,
    )
