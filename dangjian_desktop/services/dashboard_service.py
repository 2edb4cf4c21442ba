"""工作台 (`ws.dashboard`): today's due and overdue items, the year's counts and the chart
series, as plain values (domain/dashboard.py, domain/dashboard_figures.py). The GUI renders
them; nothing here draws.

The reminders come from the rules' owners: member_reminders over the candidates that
ws.members.reminders reads (预备党员 转正, flagged 失联), ws.meetings.no_life_members (6
months without organisational life), the committee term with the 换届提醒 setting; the
compliance calendar is read once for both the meetings due (meeting_calendar.due_meetings,
what ws.meetings.due answers) and the year's figures. Open 整改 come from the 阵地 module
through `rectification_source` (None until it lands:
`ws.dashboard.rectification_source = ws.venues.open_rectifications`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from dangjian_desktop import settings
from dangjian_desktop.domain import member_reminders
from dangjian_desktop.domain.branch import term_reminder
from dangjian_desktop.domain.dashboard import (
    DueItem,
    FileHealth,
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

    def items(self, today: date | None = None) -> DashboardItems:
        today = today or self._today()
        year = today.year
        start, end = date(year, 1, 1), date(year, 12, 31)
        with read_session(self._engine()) as s:
            rules = meeting_catalogue_repo.frequencies(s)
            held = meeting_figures_repo.held_meetings(s, start, end)
            groups = member_repo.group_names(s)
            attendance = report_repo.attendance_by_month(s, start, today)
            roster = report_repo.roster_categories(s)
            term = branch_repo.load_profile(s).term
            lead = int(stored_value(s, settings.TERM_REMINDER_MONTHS))
            # ws.members.reminders less its NO_ACTIVITY part, which no_life_members says
            # with names (and which would read every quiet member's whole row again).
            candidates = member_repo.reminder_candidate_ids(s)
            members = sorted(
                member_repo.rows(s, candidates, skip_damaged=True).values(), key=lambda m: m.id
            )
        rows = compliance_calendar(year, rules, held, groups, today)
        probation = member_reminders.probation_due(members, today)
        lost = member_reminders.lost_contact(members, None, today)
        no_life = self._meetings.no_life_members(today)
        source = self.rectification_source
        due = dashboard_items(
            today,
            meetings=due_meetings(rows),
            probation=probation,
            term=term_reminder(term, today, lead),
            lost=lost,
            lost_months=DEFAULT_LOST_CONTACT_MONTHS,
            no_life=[(n.member_id, n.last_present) for n in no_life],
            member_names={n.member_id: n.name for n in no_life},
            rectifications=source(today) if source is not None else (),
            health=self._health(),
        )
        points = month_points(rows, attendance)
        return DashboardItems(
            today=today,
            due=tuple(due),
            figures=year_figures(year, today, rows, points, [(c, f) for c, f, _b in roster]),
            charts=ChartSeries(year, points, age_band_counts((b for *_x, b in roster), today)),
        )
