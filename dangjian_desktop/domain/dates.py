"""Calendar arithmetic used by the rules."""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date


class DateOutOfRange(ValueError):
    """The shifted day would lie outside the calendar (years 1–9999): a 入党日期 typed as
    9999 plus the 预备期. Callers that validate turn it into a FieldError."""


def add_months(day: date, months: int) -> date:
    """Same day of month `months` later; clamps to the month's last day (31 Jan + 1 → 28/29 Feb).
    Raises DateOutOfRange past year 9999 or before year 1."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not MINYEAR <= year <= MAXYEAR:
        raise DateOutOfRange(f"{day.isoformat()} {months:+d} months")
    if day.day <= 28:  # every month has it (and monthrange is slow: a roster import calls this)
        return date(year, month, day.day)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def try_add_months(day: date, months: int) -> date | None:
    """add_months, or None when the day would lie outside the calendar."""
    try:
        return add_months(day, months)
    except DateOutOfRange:
        return None


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)
