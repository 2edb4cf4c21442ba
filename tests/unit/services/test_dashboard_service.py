"""ws.dashboard.items(today) on crafted data in a real data file, at the exact boundaries:
转正 due at day 60 not 61 (DESIGN.md §2, 党章 art.7), 换届提醒 from term end − 6 months
(domain brief §6), no organisational life for MORE than 6 months (brief §2.3); and the
year's figures and chart series read from the meeting records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dangjian_desktop.domain.branch import CommitteeTerm
from dangjian_desktop.domain.dashboard import DueKind, RectificationDue, Severity
from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.people import MemberCategory
from tests.unit.services.meeting_data import PROFILE, general_meeting, make_branch
from tests.unit.services.member_data import member

TODAY = date(2025, 6, 15)


def kinds(items, kind):
    return [i for i in items.due if i.kind is kind]


@pytest.mark.parametrize(
    ("days_ahead", "listed", "severity"),
    [(61, False, None), (60, True, Severity.DUE), (59, True, Severity.DUE),
     (-1, True, Severity.OVERDUE)],
)  # fmt: skip
def test_probation_due_at_day_59_60_61(workspace, days_ahead, listed, severity):
    end = TODAY + timedelta(days=days_ahead)
    joined = date(end.year - 1, end.month, end.day)
    record = member(
        "周新", 107, join_date=joined, full_date=None, category=MemberCategory.PROBATIONARY
    )
    member_id, _ = workspace.members.add(record)
    found = kinds(workspace.dashboard.items(TODAY), DueKind.PROBATION)
    assert bool(found) is listed
    if listed:
        assert (found[0].severity, found[0].due_date) == (severity, end)
        assert found[0].ref.member_id == member_id


@pytest.mark.parametrize(
    ("shift", "severity"),
    [(-1, None), (0, Severity.DUE), (1, Severity.DUE)],  # days after term end − 6 months
)
def test_term_reminder_from_term_end_minus_six_months(workspace, shift, severity):
    election = date(2022, 12, 15)  # 3-year term ends 2025-12-15; − 6 months = 2025-06-15
    workspace.branch.save_profile(replace(PROFILE, term=CommitteeTerm(1, election, 3)))
    today = add_months(date(2025, 12, 15), -6) + timedelta(days=shift)
    found = kinds(workspace.dashboard.items(today), DueKind.TERM)
    assert [i.severity for i in found] == ([severity] if severity else [])


def test_an_expired_term_is_overdue(workspace):
    workspace.branch.save_profile(replace(PROFILE, term=CommitteeTerm(1, date(2022, 6, 1), 3)))
    [item] = kinds(workspace.dashboard.items(TODAY), DueKind.TERM)
    assert item.severity is Severity.OVERDUE and item.due_date == date(2025, 6, 1)


@pytest.mark.parametrize(("extra_days", "flagged"), [(0, False), (1, True)])
def test_no_organisational_life_for_more_than_six_months(workspace, extra_days, flagged):
    branch = make_branch(workspace)
    held = date(2024, 11, 20)
    absent = branch.id("孙丽")
    attendance = tuple(a for a in general_meeting(branch, held).attendance if a.member_id != absent)
    workspace.meetings.save(general_meeting(branch, held, attendance=attendance))
    later = date(2024, 12, 10)  # everyone but 孙丽 again; her last meeting stays unknown
    workspace.meetings.save(general_meeting(branch, later, attendance=attendance))
    day = add_months(later, 6) + timedelta(days=extra_days)
    found = {i.ref.member_id for i in kinds(workspace.dashboard.items(day), DueKind.NO_LIFE)}
    # 孙丽: nothing on record since the ledger began on 2024-11-20: flagged long before;
    # the others: flagged only past 6 months after 2024-12-10.
    assert absent in found
    assert (branch.id("王海") in found) is flagged


def test_year_figures_and_chart_series_from_the_records(workspace):
    branch = make_branch(workspace)
    meeting = general_meeting(branch, date(2025, 5, 20))
    workspace.meetings.save(meeting)
    items = workspace.dashboard.items(TODAY)
    may = items.charts.months[4]
    assert may.month == 5 and may.expected == len(meeting.attendance) == may.present
    assert may.attendance_rate == 1.0
    assert items.figures.attendance_rate == 1.0
    assert items.figures.members == 7 and items.figures.probationary == 1
    assert sum(n for _k, n in items.charts.age_bands) == 7
    # the quarterly 党员大会 of Q2 is required in June and held by the May meeting
    assert items.charts.months[5].held >= 1
    assert items.figures.meetings_held <= items.figures.meetings_required


def test_meeting_items_are_what_ws_meetings_due_says(workspace):
    make_branch(workspace)
    items = workspace.dashboard.items(TODAY)
    due = workspace.meetings.due(TODAY)
    got = [(i.ref.rule, i.ref.period_start) for i in kinds(items, DueKind.MEETING)]
    assert sorted(got, key=str) == sorted(((d.rule, d.start) for d in due), key=str)
    assert got


def test_open_rectifications_come_through_the_hook(workspace):
    open_item = RectificationDue(1, 2, 3, "有台账", due_on=TODAY - timedelta(days=1))
    workspace.dashboard.rectification_source = lambda today: [open_item]
    [item] = kinds(workspace.dashboard.items(TODAY), DueKind.RECTIFICATION)
    assert item.severity is Severity.OVERDUE and item.ref.rectification_id == 1


def test_backup_and_data_file_health(workspace):
    assert kinds(workspace.dashboard.items(TODAY), DueKind.BACKUP)  # no backup yet
    workspace.backup_now()
    workspace.integrity_check()
    items = workspace.dashboard.items(workspace.last_backup.date())
    assert not kinds(items, DueKind.BACKUP) and not kinds(items, DueKind.DATA_FILE)
