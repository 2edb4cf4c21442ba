"""The compliance calendar, the 工作台's meeting reminders, attendance figures and the two
meeting catalogues (frequency table, 主题党日 day types). Reached through `ws.meetings`
(which delegates here) or as `ws.meetings.calendars`.

The calendar reads only what it needs (type, date, status of a year's records, one
indexed range query) and the frequency table, and leaves the rest to the pure
domain.meeting_calendar.compliance_calendar.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from dangjian_desktop.domain.audit import SETTINGS, AuditRecord
from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.domain.meeting_calendar import (
    AttendanceFigures,
    CalendarRow,
    DueMeeting,
    compliance_calendar,
    due_meetings,
    no_life_since,
    validate_frequencies,
    validate_theme_tags,
)
from dangjian_desktop.domain.meetings import FrequencyRule
from dangjian_desktop.domain.text import clean_text
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.meeting_common import CHANGED, stay_starts
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import meeting_catalogue_repo, meeting_figures_repo, member_repo


@dataclass(frozen=True)
class NoLife:
    """A member on the roster with no organisational life for 6 months (brief §2.3)."""

    member_id: int
    name: str
    last_present: date | None  # the last held meeting attended; None: none on record


def no_life_flagged(
    first: date,
    starts: Mapping[int, date | None],
    last: Mapping[int, date],
    today: date,
) -> list[tuple[int, date | None]]:
    """no_life_since for the members of `starts` (member → start of the present stay),
    counted from the later of their last meeting, their arrival and the first held meeting
    on record (`first`): (member, last meeting or None), longest first."""
    since = {mid: max(first, start or first) for mid, start in starts.items()}
    return no_life_since({m: last.get(m) for m in since}, since, today)


class MeetingCalendarService(Service):
    def calendar(self, year: int) -> list[CalendarRow]:
        """One row per frequency rule (per 党小组 for per-group rules), one cell per
        month/quarter/year: done, missing, due or upcoming, with the ids that count."""
        with read_session(self._engine()) as s:
            rules = meeting_catalogue_repo.frequencies(s)
            meetings = meeting_figures_repo.held_meetings(s, date(year, 1, 1), date(year, 12, 31))
            groups = member_repo.group_names(s)
        return compliance_calendar(year, rules, meetings, groups, self._today())

    def due(self, today: date | None = None) -> list[DueMeeting]:
        """For the 工作台: required meetings of the running month/quarter/year not held
        yet, and the ones of this year's ended periods that were missed (overdue first)."""
        today = today or self._today()
        with read_session(self._engine()) as s:
            rules = meeting_catalogue_repo.frequencies(s)
            meetings = meeting_figures_repo.held_meetings(
                s, date(today.year, 1, 1), date(today.year, 12, 31)
            )
            groups = member_repo.group_names(s)
        rows = compliance_calendar(today.year, rules, meetings, groups, today)
        return due_meetings(rows)

    def attendance_figures(
        self, period_start: date, period_end: date, member_ids: Sequence[int] | None = None
    ) -> dict[int, AttendanceFigures]:
        """Per member over the held meetings of the period (both days included): on the
        sign-in list (exclusions left out), present, on leave, absent. Members never on a
        list in the period are left out."""
        with read_session(self._engine()) as s:
            return meeting_figures_repo.attendance_figures(s, period_start, period_end, member_ids)

    def no_life_members(self, today: date | None = None) -> list[NoLife]:
        """Members on the roster with no organisational life for 6 months (counted from
        the last held meeting they attended; newcomers from their arrival; nothing before
        the first held meeting on record), longest first. The same rule feeds
        ws.members.reminders().lost_contact (reason NO_ACTIVITY) for the 工作台."""
        today = today or self._today()
        with read_session(self._engine()) as s:
            first = meeting_figures_repo.first_held(s)
            if first is None:  # no meeting held on record: nothing is known
                return []
            # Only what the rule needs, by light queries (issue 11: ≤ 100 ms for the
            # 工作台 on 774,000 sign-in lines): the roster's names, the stays, and the
            # last meeting of those on the roster, newest meetings first.
            names = member_repo.roster_names(s)
            starts = stay_starts(s)
            last = meeting_figures_repo.last_present_of(s, starts)
        flagged = no_life_flagged(first, starts, last, today)
        return [NoLife(m, names[m], day) for m, day in flagged if m in names]

    # --- catalogues ---------------------------------------------------------------------
    def frequencies(self) -> list[FrequencyRule]:
        with read_session(self._engine()) as s:
            return meeting_catalogue_repo.frequencies(s)

    def set_frequencies(self, rules: Sequence[FrequencyRule]) -> Changes:
        """Replace the frequency table (validate_frequencies: counts 1–31, one rule per
        type and period, per-group only for 党小组会)."""
        rules = [replace(r, note=clean_text(r.note).strip()) for r in rules]
        errors = validate_frequencies(rules)
        if errors:
            raise ValidationError(errors)
        audit = AuditRecord(SETTINGS, fields=["meeting_frequencies"], details={"count": len(rules)})
        with write_session(self._engine(), "meeting.set_frequencies", audit=audit) as s:
            meeting_catalogue_repo.set_frequencies(s, rules)
        return self._report(CHANGED | Changes(settings=True))

    def theme_tags(self) -> list[str]:
        with read_session(self._engine()) as s:
            return meeting_catalogue_repo.theme_tags(s)

    def set_theme_tags(self, names: Sequence[str]) -> Changes:
        """Replace the 主题党日 day types. Records keep the tags they were given."""
        names = [clean_text(n).strip() for n in names]
        errors = validate_theme_tags(names)
        if errors:
            raise ValidationError(errors)
        audit = AuditRecord(SETTINGS, fields=["theme_day_tags"], details={"count": len(names)})
        with write_session(self._engine(), "meeting.set_theme_tags", audit=audit) as s:
            meeting_catalogue_repo.set_theme_tags(s, names)
        return self._report(CHANGED | Changes(settings=True))
