"""工作台 (`ws.dashboard`): today's due and overdue items, the year's counts and the chart
series, as plain values (domain/dashboard.py, domain/dashboard_figures.py). The GUI renders
them; nothing here draws.

The reminders come from the rules' owners: member_reminders over the candidates that
ws.members.reminders reads (预备党员 转正, flagged 失联), the rule of
ws.meetings.no_life_members (6 months without organisational life), the
committee term with the 换届提醒 setting; the
compliance calendar is read once for both the meetings due (meeting_calendar.due_meetings,
what ws.meetings.due answers) and the year's figures. Open 整改 come from the 阵地 module
through `rectification_source` (None until it lands:
`ws.dashboard.rectification_source = ws.venues.open_rectifications`).

What takes long on a big file — the roster part and each member's last meeting — is kept
between refreshes and brought up to date from the audit log (dashboard_cache.py); the
no-life lines are remade only for members whose last meeting or name changed (NoLifeLines).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from dangjian_desktop import settings
from dangjian_desktop.domain import member_reminders
from dangjian_desktop.domain.branch import term_reminder
from dangjian_desktop.domain.dashboard import (
    DueItem,
    FileHealth,
    Keyed,
    NoLifeLines,
    RectificationDue,
    dashboard_items,
)
from dangjian_desktop.domain.dashboard_figures import (
    ChartSeries,
    YearFigures,
    age_band_counts,
    month_points,
    year_figures,
)
from dangjian_desktop.domain.meeting_calendar import compliance_calendar, due_meetings
from dangjian_desktop.domain.member_reminders import DEFAULT_LOST_CONTACT_MONTHS
from dangjian_desktop.services.dashboard_cache import DashboardCache, Parts, RosterPart
from dangjian_desktop.services.meeting_service import MeetingService
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.settings_service import stored_value
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.storage import (
    branch_repo,
    meeting_catalogue_repo,
    meeting_figures_repo,
    member_repo,
    report_repo,
)

# today → the open 整改 items of venue inspections.
RectificationSource = Callable[[date], Iterable[RectificationDue]]


@dataclass(frozen=True)
class DashboardItems:
    """Everything the 工作台 shows on `today`."""

    today: date
    due: tuple[DueItem, ...]  # overdue first, then by date (domain.dashboard)
    figures: YearFigures
    charts: ChartSeries


class DashboardService(Service):
    rectification_source: RectificationSource | None = None

    def __init__(
        self,
        engine,
        today,
        on_write,
        *,
        meetings: MeetingService,
        health: Callable[[], FileHealth],
    ) -> None:
        super().__init__(engine, today, on_write)
        self._meetings = meetings
        self._health = health
        self._cache = DashboardCache()
        self._no_life_lines = NoLifeLines()
        self._lock = threading.Lock()

    def items(self, today: date | None = None) -> DashboardItems:
        with self._lock:  # the parts and the lines made of them change together
            try:
                return self._items(today or self._today())
            except BaseException:
                # The changes the cache handed over may not have reached the lines.
                self._no_life_lines = NoLifeLines()
                raise

    def _items(self, today: date) -> DashboardItems:
        year = today.year
        start, end = date(year, 1, 1), date(year, 12, 31)
        engine = self._engine()
        with read_session(engine) as s:
            # The roster part and each member's last meeting are kept between refreshes
            # and brought up to date from the audit log (dashboard_cache.py).
            parts = self._cache.read(s, engine)
            first = meeting_figures_repo.first_held(s)
            rules = meeting_catalogue_repo.frequencies(s)
            held = meeting_figures_repo.held_meetings(s, start, end)
            groups = member_repo.group_names(s)
            attendance = report_repo.attendance_by_month(s, start, today)
            term = branch_repo.load_profile(s).term
            lead = int(stored_value(s, settings.TERM_REMINDER_MONTHS))
        rows = compliance_calendar(year, rules, held, groups, today)
        part = parts.roster
        candidates = part.candidates_by_id()
        # ws.members.reminders less its NO_ACTIVITY part, which no_life says with names.
        probation = member_reminders.probation_due(candidates, today)
        lost = member_reminders.lost_contact(candidates, None, today)
        lines = self._no_life(parts, first, today)
        source = self.rectification_source
        due = dashboard_items(
            today,
            meetings=due_meetings(rows),
            probation=probation,
            term=term_reminder(term, today, lead),
            lost=lost,
            lost_months=DEFAULT_LOST_CONTACT_MONTHS,
            no_life_lines=lines,
            rectifications=source(today) if source is not None else (),
            health=self._health(),
        )
        points = month_points(rows, attendance)
        roster = part.categories.values()
        bands = self._cache.derived.get(("age_bands", today))
        if bands is None:  # the same until the roster or the day changes
            bands = age_band_counts((b for *_x, b in roster), today)
            self._cache.derived[("age_bands", today)] = bands
        return DashboardItems(
            today=today,
            due=tuple(due),
            figures=year_figures(year, today, rows, points, self._categories(part)),
            charts=ChartSeries(year, points, bands),
        )

    def _categories(self, part: RosterPart) -> list[tuple[str, date | None]]:
        """(category, 转正日期) of the roster, the same until the roster changes."""
        found = self._cache.derived.get("categories")
        if found is None:
            found = self._cache.derived["categories"] = [
                (c, f) for c, f, _b in part.categories.values()
            ]
        return found

    def _no_life(self, parts: Parts, first: date | None, today: date) -> list[Keyed]:
        """The no-life lines (6 months without organisational life), remade only for the
        members whose data changed since the last refresh."""
        if first is None:  # no meeting held on record: nothing is known
            return []
        roster = parts.roster
        return self._no_life_lines.lines(
            roster.starts, parts.last, roster.names, first, today, parts.changed
        )
