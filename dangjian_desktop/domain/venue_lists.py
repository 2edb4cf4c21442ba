"""What the 阵地 lists show and how they are chosen: filters and list rows of inspections
and rectifications, and a venue's summary. Value types only (no Qt, no SQL); the repository
fills them, the GUI's id-list models read them (`ws.venues.inspection_list` …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from dangjian_desktop.domain.venues import RectificationStatus


@dataclass(frozen=True)
class InspectionFilter:
    venue_id: int | None = None  # None: every venue
    year: int | None = None  # by the inspection date


class RectificationShow(StrEnum):
    """The rectification list's filter (issue 10 item 5)."""

    ALL = "all"
    OPEN = "open"  # not closed, overdue ones included
    OVERDUE = "overdue"  # not closed and past the due day (as of the filter's `today`)
    CLOSED = "closed"


@dataclass(frozen=True)
class RectificationFilter:
    show: RectificationShow = RectificationShow.ALL
    venue_id: int | None = None
    inspection_id: int | None = None
    # The day "overdue" is judged on; None: the service's today.
    today: date | None = None


# Sort columns the repository knows (Sort.column).
INSPECTION_SORTS = ("inspected_on", "venue", "score")
RECTIFICATION_SORTS = ("due_on", "opened_on", "venue", "item", "owner", "closed_on")


@dataclass(frozen=True)
class InspectionListRow:
    id: int
    venue_id: int
    venue_name: str
    inspected_on: date
    inspectors: str  # names joined with "、"
    earned: int
    possible: int
    passed: int
    failed: int
    not_applicable: int
    open_rectifications: int  # of those this inspection opened, not closed now
    photos: int

    @property
    def score(self) -> float | None:
        return None if self.possible == 0 else 100 * self.earned / self.possible


@dataclass(frozen=True)
class RectificationListRow:
    id: int
    venue_id: int
    venue_name: str
    inspection_id: int
    group_name: str
    item_text: str
    finding: str
    opened_on: date
    due_on: date
    owner_id: int | None
    owner_name: str
    action: str
    closed_on: date | None
    status: RectificationStatus  # as of the filter's day
    days_overdue: int


@dataclass(frozen=True)
class VenueSummary:
    """One venue of the 阵地 tab's list: retired ones too (with their history)."""

    venue_id: int
    name: str
    address: str
    note: str
    retired_at: datetime | None
    inspections: int
    last_inspection_id: int | None
    last_inspected_on: date | None
    last_earned: int
    last_possible: int
    open_rectifications: int
    overdue_rectifications: int

    @property
    def last_score(self) -> float | None:
        if self.last_inspection_id is None or self.last_possible == 0:
            return None
        return 100 * self.last_earned / self.last_possible


@dataclass(frozen=True)
class OverdueRectification:
    """One line for 工作台: what is overdue, where, since when, whose."""

    id: int
    venue_name: str
    item_text: str
    due_on: date
    days_overdue: int
    owner_name: str
