"""Calendar arithmetic used by the rules, and reading a date a person typed."""

from __future__ import annotations

import calendar
import re
import unicodedata
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


# --- dates typed by a person -----------------------------------------------------------------
# The same bounds as the roster import: a date field never offers 1900 as "empty" again, and a
# year outside these is a typing slip (0023, 20233), not a date of this ledger.
MIN_YEAR, MAX_YEAR = 1900, 2100
# The years a report (ledger, plan, totals, 上报 package) may cover: 建党 to a year no ledger
# will reach. Services check them; the CLI and the dialogs offer the same range.
REPORT_MIN_YEAR, REPORT_MAX_YEAR = 1921, 2099

# After NFKC (full-width digits and ．／－ become ASCII, the ideographic space a space), what a
# Chinese input method still types instead of the ASCII separators.
_SEPARATOR_MAP = str.maketrans({"。": ".", "、": ".", "–": "-", "—": "-", "―": "-"})
_DIGITS8 = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII)
_SEPARATED = re.compile(r"([0-9]{4})\s*[-./\s]\s*([0-9]{1,2})\s*[-./\s]\s*([0-9]{1,2})", re.ASCII)
_CHINESE = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?", re.ASCII)
_MONTH_ONLY = re.compile(r"([0-9]{4})\s*(?:[-./]|年)\s*([0-9]{1,2})\s*月?", re.ASCII)


class DateTextError(ValueError):
    """Why a typed text is not a date; the GUI words it.

    code: "not_a_date" (no accepted form), "missing_day" (2023-12 or 2023年12月: a year and a
    month only), "no_such_month" (2023-13-01), "no_such_day" (2023-02-30; `last_day` is the
    month's last day), "year_out_of_range" (outside MIN_YEAR–MAX_YEAR)."""

    def __init__(
        self, code: str, year: int | None = None, month: int | None = None, day: int | None = None
    ) -> None:
        super().__init__(code)
        self.code = code
        self.year, self.month, self.day = year, month, day

    @property
    def last_day(self) -> int | None:
        if self.code != "no_such_day" or self.year is None or self.month is None:
            return None
        return calendar.monthrange(self.year, self.month)[1]


def normalize_date_text(text: str) -> str:
    """Full-width digits and separators to ASCII, outer spaces removed."""
    return unicodedata.normalize("NFKC", text).translate(_SEPARATOR_MAP).strip()


def parse_date_text(text: str) -> date | None:
    """A date typed into a form; None for an empty (or blank) text.

    Accepted: 2023-12-05, 2023-12-5, 20231205, 2023.12.5, 2023/12/5, 2023 12 5,
    2023年12月5日 (or 号, or no 日), with spaces anywhere between the parts and full-width
    digits. Anything else raises DateTextError."""
    clean = normalize_date_text(text)
    if not clean:
        return None
    match = _DIGITS8.fullmatch(clean) or _SEPARATED.fullmatch(clean) or _CHINESE.fullmatch(clean)
    if match is None:
        month_only = _MONTH_ONLY.fullmatch(clean)
        if month_only is not None:
            raise DateTextError("missing_day", int(month_only[1]), int(month_only[2]))
        raise DateTextError("not_a_date")
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateTextError("year_out_of_range", year, month, day)
    if not 1 <= month <= 12:
        raise DateTextError("no_such_month", year, month, day)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateTextError("no_such_day", year, month, day) from None
