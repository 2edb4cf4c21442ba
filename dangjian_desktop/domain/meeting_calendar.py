"""The compliance calendar (年度落实情况) and attendance figures, from the meetings held.

The frequency table is data (meetings.DEFAULT_FREQUENCIES, editable): for each required meeting
and each month/quarter/year of the year, whether it was held. A 主题党日 that also counts as
another type (三会一课 may be held on the 党日, domain brief §1.1, 条例第十七条) fills both.
Only 已召开 and 已归档 records count; planned ones are shown as planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.meetings import FrequencyRule, MeetingStatus, MeetingType, Period

# 失去联系 in the 排查 forms: no organisational life for more than 6 months (brief §2.3).
NO_LIFE_MONTHS = 6


@dataclass(frozen=True)
class HeldMeeting:
    """What the calendar needs of a meeting record."""

    id: int
    type: MeetingType
    date: date
    status: MeetingStatus
    also_counts_as: MeetingType | None = None
    party_group_id: int | None = None

    def counts_as(self, meeting_type: MeetingType) -> bool:
        return self.type is meeting_type or self.also_counts_as is meeting_type


class CellState(StrEnum):
    DONE = "done"  # held as often as required
    MISSING = "missing"  # the period is over and it was not
    DUE = "due"  # the period is running and it is not held yet
    UPCOMING = "upcoming"  # the period has not begun


@dataclass(frozen=True)
class CalendarCell:
    index: int  # month 1–12, quarter 1–4, or 1 for the year
    start: date
    end: date  # inclusive
    required: int
    held: tuple[int, ...]  # ids of the meetings that count
    planned: tuple[int, ...]
    state: CellState


@dataclass(frozen=True)
class CalendarRow:
    rule: FrequencyRule
    party_group_id: int | None
    group_name: str
    cells: tuple[CalendarCell, ...]

    @property
    def missing(self) -> int:
        return sum(c.state is CellState.MISSING for c in self.cells)


def period_bounds(period: Period, year: int) -> list[tuple[int, date, date]]:
    """(index, first day, last day) of each month, quarter or the year itself."""
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[period]
    bounds = []
    for index, month in enumerate(range(1, 13, months), start=1):
        start = date(year, month, 1)
        nxt = add_months(start, months)
        bounds.append((index, start, date.fromordinal(nxt.toordinal() - 1)))
    return bounds


def _state(required: int, held: int, start: date, end: date, today: date) -> CellState:
    if held >= required:
        return CellState.DONE
    if end < today:
        return CellState.MISSING
    if start <= today:
        return CellState.DUE
    return CellState.UPCOMING


def compliance_calendar(
    year: int,
    rules: Sequence[FrequencyRule],
    meetings: Iterable[HeldMeeting],
    groups: Mapping[int, str],
    today: date,
) -> list[CalendarRow]:
    """One row per rule (per 党小组 for per-group rules), one cell per period of `year`."""
    in_year = [m for m in meetings if m.date.year == year]
    rows = []
    for rule in rules:
        targets: list[tuple[int | None, str]]
        targets = list(groups.items()) if rule.per_group else [(None, "")]
        for group_id, group_name in targets:
            cells = []
            for index, start, end in period_bounds(rule.period, year):
                matching = [
                    m
                    for m in in_year
                    if m.counts_as(rule.type)
                    and start <= m.date <= end
                    and (group_id is None or m.party_group_id == group_id)
                ]
                held = tuple(m.id for m in matching if m.status is not MeetingStatus.PLANNED)
                planned = tuple(m.id for m in matching if m.status is MeetingStatus.PLANNED)
                state = _state(rule.count, len(held), start, end, today)
                cells.append(CalendarCell(index, start, end, rule.count, held, planned, state))
            rows.append(CalendarRow(rule, group_id, group_name, tuple(cells)))
    return rows


@dataclass(frozen=True)
class DueMeeting:
    """For the 工作台: a required meeting of the running period not yet held, or one of an
    ended period of this year that was missed."""

    rule: FrequencyRule
    party_group_id: int | None
    group_name: str
    start: date
    end: date
    overdue: bool


def due_meetings(rows: Iterable[CalendarRow]) -> list[DueMeeting]:
    due = []
    for row in rows:
        for cell in row.cells:
            if cell.state in (CellState.DUE, CellState.MISSING):
                due.append(
                    DueMeeting(
                        row.rule,
                        row.party_group_id,
                        row.group_name,
                        cell.start,
                        cell.end,
                        cell.state is CellState.MISSING,
                    )
                )
    return sorted(due, key=lambda d: (not d.overdue, d.end, d.rule.type, d.group_name))


# --- attendance figures ------------------------------------------------------------------
@dataclass(frozen=True)
class AttendanceFigures:
    """One member over a period: meetings where they were expected, and how they answered."""

    member_id: int
    expected: int
    present: int
    on_leave: int
    absent: int

    @property
    def rate(self) -> float | None:
        """出席率 over the meetings where the member was expected; None when there were none."""
        return self.present / self.expected if self.expected else None


def no_life_since(
    last_present: Mapping[int, date | None],
    in_branch_since: Mapping[int, date],
    today: date,
    months: int = NO_LIFE_MONTHS,
) -> list[tuple[int, date | None]]:
    """Members with no organisational life for more than `months` (brief §2.3 "失去联系":
    more than 6 months, counted from the last meeting they attended): (member id, last
    attended or None). The count starts at the later of the last meeting and the day the
    member came to the branch, so a newcomer is not flagged for meetings before arriving —
    and one here exactly `months` without a meeting is not flagged yet, like one whose last
    meeting was exactly `months` ago (both are "6 months", not "more than 6")."""
    cutoff = add_months(today, -months)
    flagged = []
    for member_id, since in in_branch_since.items():
        last = last_present.get(member_id)
        start = since if last is None or last < since else last
        if start < cutoff:
            flagged.append((member_id, last))
    return sorted(flagged, key=lambda item: (item[1] or date.min, item[0]))


# --- the catalogues ------------------------------------------------------------------------
COUNT_MIN, COUNT_MAX = 1, 31  # meetings per period: at most one a day of a month
NOTE_MAX = 200
TAG_MAX = 50
TAGS_MAX = 30

# Codes of validate_frequencies and validate_theme_tags (messages.py words them).
ERROR_CODES: dict[str, str] = {
    "out_of_range": "a number outside its range (params min, max)",
    "duplicate_rule": "a second rule for the same meeting type and period",
    "per_group_only_group": "only 党小组会 are required of each 党小组",
    "required": "required field is empty",
    "too_long": "text longer than the limit (param max)",
    "too_many": "more entries than allowed (param max)",
    "duplicate": "two entries have the same name",
}


def validate_frequencies(rules: Sequence[FrequencyRule]) -> list[FieldError]:
    """The frequency table as the user edits it: counts 1–31, one rule per type and
    period, per-group only for 党小组会, notes of reasonable length."""
    errors: list[FieldError] = []
    seen: set[tuple[MeetingType, Period]] = set()
    for i, rule in enumerate(rules):
        if not COUNT_MIN <= rule.count <= COUNT_MAX:
            errors.append(
                FieldError(
                    f"rules.{i}.count", "out_of_range", (("min", COUNT_MIN), ("max", COUNT_MAX))
                )
            )
        key = (rule.type, rule.period)
        if key in seen:
            errors.append(FieldError(f"rules.{i}.period", "duplicate_rule"))
        seen.add(key)
        if rule.per_group and rule.type is not MeetingType.GROUP:
            errors.append(FieldError(f"rules.{i}.per_group", "per_group_only_group"))
        if len(rule.note) > NOTE_MAX:
            errors.append(FieldError(f"rules.{i}.note", "too_long", (("max", NOTE_MAX),)))
    return errors


def validate_theme_tags(names: Sequence[str]) -> list[FieldError]:
    errors: list[FieldError] = []
    if len(names) > TAGS_MAX:
        errors.append(FieldError("tags", "too_many", (("max", TAGS_MAX),)))
    seen: set[str] = set()
    for i, name in enumerate(names):
        if not name.strip():
            errors.append(FieldError(f"tags.{i}", "required"))
        elif len(name) > TAG_MAX:
            errors.append(FieldError(f"tags.{i}", "too_long", (("max", TAG_MAX),)))
        elif name.strip() in seen:
            errors.append(FieldError(f"tags.{i}", "duplicate"))
        seen.add(name.strip())
    return errors
