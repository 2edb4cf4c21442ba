"""工作台 (`ws.dashboard`): today's due and overdue items, the year's counts and the chart
series, as plain values (domain/dashboard.py, domain/dashboard_figures.py). The GUI renders
them; nothing here draws.

The reminders come from the rules' owners: member_reminders over the candidates that
ws.members.reminders reads (预备党员 转正, flagged 失联), the rule of
ws.meetings.no_life_members (6 months without organisational life: no_life_flagged), the
committee term with the 换届提醒 setting; the
compliance calendar is read once for both the meetings due (meeting_calendar.due_meetings,
what ws.meetings.due answers) and the year's figures. Open 整改 come from the 阵地 module
through `rectification_source` (None until it lands:
`ws.dashboard.rectification_source = ws.venues.open_rectifications`).

What takes long on a big file — the roster part and each member's last meeting — is kept
between refreshes and brought up to date from the audit log (dashboard_cache.py); the
no-life lines are remade only for members whose last meeting or name changed (NoLifeMemo).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dangjian_desktop import settings
from dangjian_desktop.domain import member_reminders
from dangjian_desktop.domain.branch import term_reminder
from dangjian_desktop.domain.dashboard import (
    DueItem,
    FileHealth,
    NoLifeMemo,
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
from dangjian_desktop.services.dashboard_cache import DashboardCache, RosterPart
from dangjian_desktop.services.meeting_calendar_service import no_life_flagged
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
        self._no_life_memo = NoLifeMemo()
        self._flagged: tuple[object, list[tuple[int, date | None]]] = (None, [])

    def items(self, today: date | None = None) -> DashboardItems:
        today = today or self._today()
        year = today.year
        start, end = date(year, 1, 1), date(year, 12, 31)
        engine = self._engine()
        with read_session(engine) as s:
            # The roster part and each member's last meeting are kept between refreshes
            # and brought up to date from the audit log (dashboard_cache.py).
            part, last = self._cache.read(s, engine)
            first = meeting_figures_repo.first_held(s)
            rules = meeting_catalogue_repo.frequencies(s)
            held = meeting_figures_repo.held_meetings(s, start, end)
            groups = member_repo.group_names(s)
            attendance = report_repo.attendance_by_month(s, start, today)
            term = branch_repo.load_profile(s).term
            lead = int(stored_value(s, settings.TERM_REMINDER_MONTHS))
        rows = compliance_calendar(year, rules, held, groups, today)
        candidates = part.candidates_by_id()
        # ws.members.reminders less its NO_ACTIVITY part, which no_life says with names.
        probation = member_reminders.probation_due(candidates, today)
        lost = member_reminders.lost_contact(candidates, None, today)
        quiet, names = self._no_life(part, last, first, today)
        source = self.rectification_source
        due = dashboard_items(
            today,
            meetings=due_meetings(rows),
            probation=probation,
            term=term_reminder(term, today, lead),
            lost=lost,
            lost_months=DEFAULT_LOST_CONTACT_MONTHS,
            no_life=quiet,
            member_names=names,
            rectifications=source(today) if source is not None else (),
            health=self._health(),
            make_no_life=self._no_life_memo,
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
            figures=year_figures(year, today, rows, points, [(c, f) for c, f, _b in roster]),
            charts=ChartSeries(year, points, bands),
        )

    def _no_life(
        self, part: RosterPart, last: Mapping[int, date], first: date | None, today: date
    ) -> tuple[list[tuple[int, date | None]], Mapping[int, str]]:
        """(member, last meeting) of those on the roster without organisational life for 6
        months, longest first, and their names; worked out again only when a part, the
        first meeting on record or the day changed."""
        if first is None:  # no meeting held on record: nothing is known
            return [], {}
        key = (self._cache.version, first, today)
        if self._flagged[0] != key:
            flagged = no_life_flagged(first, part.starts, last, today)
            self._flagged = (key, [(m, day) for m, day in flagged if m in part.names])
        return self._flagged[1], part.names
