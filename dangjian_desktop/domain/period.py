"""The reporting period of a 上报材料 package: a quarter or a calendar year (issue 11 item 4,
DESIGN.md §6 `dangjian report --period 2026Q3`).

The text is typed on a command line or picked in a dialog: "2026Q3", "2026q3", "2026-Q3",
"2026 Q3" or "2026" (full-width digits and letters are read like ASCII ones). Anything else
is a PeriodError the messages module words; a two-digit year ("26Q1") is refused rather
than guessed, because a package for the wrong century is worse than a question.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import ClassVar, NamedTuple

from dangjian_desktop.domain.dates import MAX_YEAR, MIN_YEAR
from dangjian_desktop.domain.errors import AppError

_YEAR = re.compile(r"([0-9]+)", re.ASCII)
_QUARTER = re.compile(r"([0-9]+)\s*-?\s*Q\s*([0-9]+)", re.ASCII)


class PeriodError(AppError):
    """The text is not a period this program reports on; `text` is what was typed."""

    area: ClassVar[str] = "period"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "empty": "no period given",
        "not_a_period": "neither a year nor a year and quarter (param text)",
        "no_such_quarter": "a quarter other than 1–4 (params text, quarter)",
        "short_year": "a year of two digits, which could be any century (param text)",
        "year_out_of_range": "a year outside MIN_YEAR–MAX_YEAR (params text, min, max)",
    }


class ReportPeriod(NamedTuple):
    """First and last day (inclusive) and the canonical label: "2026Q3" or "2026"."""

    start: date
    end: date
    label: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def quarter(self) -> int | None:
        return int(self.label[-1]) if "Q" in self.label else None

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def year_period(year: int) -> ReportPeriod:
    return ReportPeriod(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


def quarter_period(year: int, quarter: int) -> ReportPeriod:
    first = 3 * (quarter - 1) + 1
    start = date(year, first, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, first + 3, 1)
    return ReportPeriod(start, date.fromordinal(end.toordinal() - 1), f"{year:04d}Q{quarter}")


def parse_period(text: str) -> ReportPeriod:
    """ "2026Q3" → (2026-07-01, 2026-09-30, "2026Q3"); "2026" → the calendar year.

    Raises PeriodError: "empty", "not_a_period", "no_such_quarter" (2026Q5),
    "short_year" (26Q1) or "year_out_of_range"."""
    clean = unicodedata.normalize("NFKC", text or "").strip().upper()
    if not clean:
        raise PeriodError("empty")
    params = {"text": text.strip()}
    year_only = _YEAR.fullmatch(clean)
    quarter = _QUARTER.fullmatch(clean)
    if year_only is None and quarter is None:
        raise PeriodError("not_a_period", params)
    digits = (year_only or quarter).group(1)
    if len(digits) <= 2:
        raise PeriodError("short_year", params)
    year = int(digits)
    if len(digits) != 4 or not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError("year_out_of_range", {**params, "min": MIN_YEAR, "max": MAX_YEAR})
    if quarter is None:
        return year_period(year)
    number = int(quarter.group(2))
    if not 1 <= number <= 4:
        raise PeriodError("no_such_quarter", {**params, "quarter": number})
    return quarter_period(year, number)
