"""The 会议 reports' values, read with a session the caller holds: `ws.exports` calls these
inside its one read snapshot, and the 上报 package will call them inside its own, beside
the roster and the other tabs' reports, so every part of a package shows one state.

- `build_ledger`: 三会一课台账 of a year or a quarter (records held or archived);
- `build_minutes`: 会议记录 of one meeting (with its attachments' names);
- `build_plan`: 三会一课计划报备表 of a quarter (records of any status + the calendar's gaps);
- `build_calendar`: 年度落实情况 of a year.

A `MeetingRecord` needs the names it refers to, the venue and group names and — for the
quorum — the 正式党员 expected on the meeting's date and the committee then (voters_on, the
very sets the meeting service checks a save against). Those two sets cost a roster-on-date
query each, so they are found only for records whose quorum is printed (a ledger prints it
for meetings with resolutions; minutes always), once per (date, type, group).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from dangjian_desktop.domain.dates import REPORT_MAX_YEAR as MAX_YEAR
from dangjian_desktop.domain.dates import REPORT_MIN_YEAR as MIN_YEAR
from dangjian_desktop.domain.errors import NotFoundError
from dangjian_desktop.domain.meeting_calendar import CalendarRow, compliance_calendar
from dangjian_desktop.domain.meetings import (
    Meeting,
    MeetingFilter,
    MeetingSort,
    MeetingStatus,
    MeetingType,
)
from dangjian_desktop.export import labels
from dangjian_desktop.export.calendar_report import CalendarReport
from dangjian_desktop.export.errors import ExportRequestError
from dangjian_desktop.export.ledger_report import LedgerReport
from dangjian_desktop.export.meeting_record import MeetingRecord, MinutesReport
from dangjian_desktop.export.plan_report import PlanReport
from dangjian_desktop.services.meeting_common import MeetingDeletedError, voters_on
from dangjian_desktop.storage import (
    attachment_repo,
    branch_repo,
    meeting_catalogue_repo,
    meeting_figures_repo,
    meeting_repo,
    meeting_report_repo,
    member_repo,
)

_HELD = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)


def check_period(year: int, quarter: int | None = None, *, quarter_needed: bool = False) -> None:
    """ExportRequestError (worded) for a year or quarter no report can be made for."""
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ExportRequestError("bad_year", {"year": year, "min": MIN_YEAR, "max": MAX_YEAR})
    if quarter is None and quarter_needed:
        raise ExportRequestError("quarter_needed")
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ExportRequestError("bad_quarter", {"quarter": quarter})


def period_bounds(year: int, quarter: int | None) -> tuple[date, date]:
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def unit_name(session: Session) -> str:
    return branch_repo.load_profile(session).full_name.strip() or labels.UNNAMED_UNIT


class _Records:
    """Turns stored meetings into MeetingRecords, sharing the names among them and the
    voter sets among meetings of one date, type and group."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self.names = meeting_report_repo.member_names(session)
        self.venues = branch_repo.venue_names(session)
        self.groups = member_repo.group_names(session)
        self._voters: dict[tuple, tuple[frozenset[int], frozenset[int]]] = {}

    def voters(self, m: Meeting) -> tuple[frozenset[int], frozenset[int]]:
        group = m.party_group_id if m.type is MeetingType.GROUP else None
        key = (m.date, m.type is MeetingType.GROUP, group)
        if key not in self._voters:
            formal, committee = voters_on(self.s, m.date, m.type, m.party_group_id)
            self._voters[key] = (frozenset(formal), frozenset(committee))
        return self._voters[key]

    def record(
        self,
        m: Meeting,
        *,
        quorum: bool,
        posts: dict[int, str] | None = None,
        listed: int | None = None,
    ):
        formal, committee = self.voters(m) if quorum else (frozenset(), frozenset())
        return MeetingRecord(
            m,
            self.names,
            formal_ids=formal,
            committee_ids=committee,
            venue_name=self.venues.get(m.venue_id, "") if m.venue_id is not None else "",
            group_name=self.groups.get(m.party_group_id, "") if m.party_group_id else "",
            posts=posts or {},
            listed=listed,
        )


def build_ledger(
    s: Session,
    year: int,
    quarter: int | None,
    *,
    issued_on: date,
    prepared_by: str = "",
) -> LedgerReport:
    """The 台账 of the period: every record held or archived then (planned ones belong in
    the 计划报备表), quorum and votes for those with resolutions. Of the other records'
    sign-in lists only the length and the lines away are read (the ledger prints no more)."""
    check_period(year, quarter)
    start, end = period_bounds(year, quarter)
    meetings = meeting_report_repo.ledger_records_between(s, start, end, _HELD)
    records = _Records(s)
    return LedgerReport(
        unit_name=unit_name(s),
        issued_on=issued_on,
        year=year,
        quarter=quarter,
        records=[
            records.record(m, quorum=bool(m.resolutions), listed=listed) for m, listed in meetings
        ],
        prepared_by=prepared_by.strip(),
    )


def posts_on(s: Session, day: date) -> dict[int, str]:
    """Member id → committee post word for the seats of the current committee held on
    `day` (a seat taken later is not shown on an earlier record)."""
    posts = {}
    for seat in branch_repo.load_profile(s).committee:
        if seat.member_id is None or (seat.started_on is not None and seat.started_on > day):
            continue
        posts.setdefault(seat.member_id, labels.COMMITTEE_POST[seat.post])
    return posts


def build_minutes(
    s: Session, meeting_id: int, *, issued_on: date, prepared_by: str = ""
) -> MinutesReport:
    """The 会议记录 of one meeting held or archived; NotFoundError when there is none,
    MeetingDeletedError for one in the 回收站, ExportRequestError "minutes_planned" for one
    not held yet (its quorum would read "到会 0 人，不能表决")."""
    found = meeting_repo.state(s, meeting_id)
    if found is None:
        raise NotFoundError("meeting", meeting_id)
    if found[1]:
        raise MeetingDeletedError(meeting_id)
    if found[0] is MeetingStatus.PLANNED:
        raise ExportRequestError("minutes_planned", {"meeting_id": meeting_id})
    meeting = meeting_repo.get(s, meeting_id)
    if meeting is None:  # pragma: no cover - state() just found it in this snapshot
        raise NotFoundError("meeting", meeting_id)
    record = _Records(s).record(meeting, quorum=True, posts=posts_on(s, meeting.date))
    files = attachment_repo.of_owner(s, meeting_repo.OWNER, meeting_id)
    return MinutesReport(
        record,
        unit_name(s),
        issued_on,
        attachments=tuple(f.file_name for f in files),
        prepared_by=prepared_by.strip(),
    )


def _calendar_rows(s: Session, year: int, today: date) -> list[CalendarRow]:
    rules = meeting_catalogue_repo.frequencies(s)
    held = meeting_figures_repo.held_meetings(s, date(year, 1, 1), date(year, 12, 31))
    return compliance_calendar(year, rules, held, member_repo.group_names(s), today)


def build_plan(
    s: Session,
    year: int,
    quarter: int,
    *,
    issued_on: date,
    today: date,
    prepared_by: str = "",
) -> PlanReport:
    """The plan of the quarter: its records of every status, and the required meetings
    no record covers yet (as of `today`)."""
    check_period(year, quarter, quarter_needed=True)
    start, end = period_bounds(year, quarter)
    meetings = meeting_report_repo.records_between(s, start, end)
    records = _Records(s)
    return PlanReport(
        unit_name=unit_name(s),
        issued_on=issued_on,
        year=year,
        quarter=quarter,
        records=[records.record(m, quorum=False) for m in meetings],
        calendar=_calendar_rows(s, year, today),
        prepared_by=prepared_by.strip(),
    )


def build_calendar(
    s: Session, year: int, *, issued_on: date, today: date, prepared_by: str = ""
) -> CalendarReport:
    check_period(year)
    return CalendarReport(
        unit_name(s),
        issued_on,
        year,
        _calendar_rows(s, year, today),
        as_of=today,
        prepared_by=prepared_by.strip(),
    )


def meeting_choices(s: Session, year: int) -> list[tuple[int, str]]:
    """(id, "2026.03.12 支部党员大会 主题") of the year's records held or archived (those
    with minutes), by date, for a chooser."""
    flt = MeetingFilter(year=year, statuses=_HELD)
    ids = meeting_repo.ids(s, flt, MeetingSort("date", descending=False))
    rows = meeting_repo.rows(s, ids)
    return [
        (i, f"{rows[i].date:%Y.%m.%d} {labels.MEETING_TYPE[rows[i].type]} {rows[i].topic}")
        for i in ids
        if i in rows
    ]
