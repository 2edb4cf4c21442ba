"""The compliance calendar and attendance figures (domain brief §1.1 frequencies, §2.3)."""

from __future__ import annotations

from datetime import date

from dangjian_desktop.domain.meeting_calendar import (
    CellState,
    HeldMeeting,
    compliance_calendar,
    due_meetings,
    no_life_since,
    period_bounds,
)
from dangjian_desktop.domain.meetings import (
    DEFAULT_FREQUENCIES,
    FrequencyRule,
    MeetingStatus,
    MeetingType,
    Period,
)

HELD = MeetingStatus.HELD
TODAY = date(2026, 5, 15)
GROUPS = {10: "驾驶部党小组", 20: "轮机部党小组"}


def row_of(rows, meeting_type, group_id=None):
    [row] = [r for r in rows if r.rule.type is meeting_type and r.party_group_id == group_id]
    return row


def states(row):
    return [c.state for c in row.cells]


def test_period_bounds_cover_the_year():
    quarters = period_bounds(Period.QUARTER, 2026)
    assert [(i, s, e) for i, s, e in quarters][1] == (2, date(2026, 4, 1), date(2026, 6, 30))
    assert period_bounds(Period.MONTH, 2024)[1][2] == date(2024, 2, 29)
    assert period_bounds(Period.YEAR, 2026) == [(1, date(2026, 1, 1), date(2026, 12, 31))]


def test_default_frequencies_follow_the_regulations():
    """条例第十一条 党员大会 quarterly, 第十二条 支委会 monthly, 第十三条 党小组会 monthly per
    group, 第十七条 主题党日 monthly; 党课 quarterly (local, configurable); 组织生活会 and 民主评议
    yearly."""
    table = {(r.type, r.period, r.count, r.per_group) for r in DEFAULT_FREQUENCIES}
    assert table == {
        (MeetingType.GENERAL, Period.QUARTER, 1, False),
        (MeetingType.COMMITTEE, Period.MONTH, 1, False),
        (MeetingType.GROUP, Period.MONTH, 1, True),
        (MeetingType.THEME_DAY, Period.MONTH, 1, False),
        (MeetingType.LECTURE, Period.QUARTER, 1, False),
        (MeetingType.LIFE_MEETING, Period.YEAR, 1, False),
        (MeetingType.APPRAISAL, Period.YEAR, 1, False),
    }


def test_gaps_done_due_and_upcoming():
    meetings = [
        HeldMeeting(1, MeetingType.GENERAL, date(2026, 3, 20), HELD),
        HeldMeeting(2, MeetingType.GENERAL, date(2026, 7, 2), MeetingStatus.PLANNED),
    ]
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, meetings, GROUPS, TODAY)
    general = row_of(rows, MeetingType.GENERAL)
    assert states(general) == [
        CellState.DONE,
        CellState.DUE,
        CellState.UPCOMING,
        CellState.UPCOMING,
    ]
    assert general.cells[0].held == (1,) and general.cells[2].planned == (2,)
    committee = row_of(rows, MeetingType.COMMITTEE)
    assert states(committee)[:5] == [CellState.MISSING] * 4 + [CellState.DUE]
    assert committee.missing == 4


def test_a_theme_day_that_is_also_a_lecture_counts_for_both():
    """三会一课 may be held on the 主题党日 (条例第十七条); one record fills both cells."""
    day = HeldMeeting(
        7, MeetingType.THEME_DAY, date(2026, 2, 6), HELD, also_counts_as=MeetingType.LECTURE
    )
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, [day], GROUPS, TODAY)
    assert row_of(rows, MeetingType.THEME_DAY).cells[1].held == (7,)
    assert row_of(rows, MeetingType.LECTURE).cells[0].held == (7,)
    assert row_of(rows, MeetingType.GENERAL).cells[0].held == ()


def test_group_meetings_are_required_of_each_group():
    meetings = [HeldMeeting(3, MeetingType.GROUP, date(2026, 1, 9), HELD, party_group_id=10)]
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, meetings, GROUPS, TODAY)
    assert row_of(rows, MeetingType.GROUP, 10).cells[0].state is CellState.DONE
    assert row_of(rows, MeetingType.GROUP, 20).cells[0].state is CellState.MISSING
    assert row_of(rows, MeetingType.GROUP, 10).group_name == "驾驶部党小组"


def test_no_groups_no_group_rows():
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, [], {}, TODAY)
    assert not [r for r in rows if r.rule.type is MeetingType.GROUP]


def test_a_rule_asking_for_two_is_done_only_with_two():
    rule = FrequencyRule(MeetingType.LECTURE, Period.YEAR, count=2)
    one = [HeldMeeting(1, MeetingType.LECTURE, date(2026, 1, 9), HELD)]
    [row] = compliance_calendar(2026, [rule], one, {}, TODAY)
    assert row.cells[0].state is CellState.DUE
    two = [*one, HeldMeeting(2, MeetingType.LECTURE, date(2026, 3, 9), MeetingStatus.ARCHIVED)]
    [row] = compliance_calendar(2026, [rule], two, {}, TODAY)
    assert row.cells[0].state is CellState.DONE


def test_meetings_of_other_years_do_not_count():
    old = [HeldMeeting(1, MeetingType.APPRAISAL, date(2025, 12, 30), HELD)]
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, old, {}, TODAY)
    assert row_of(rows, MeetingType.APPRAISAL).cells[0].held == ()


def test_due_meetings_put_overdue_first():
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, [], {}, TODAY)
    due = due_meetings(rows)
    assert due[0].overdue and due[0].end == date(2026, 1, 31)
    assert not due[-1].overdue
    assert {d.rule.type for d in due if not d.overdue} >= {
        MeetingType.GENERAL,
        MeetingType.APPRAISAL,
    }


def test_no_organisational_life_for_six_months():
    """Domain brief §2.3: 失去联系 counts from the last 组织生活; newcomers are not flagged."""
    last = {1: date(2026, 1, 10), 2: date(2025, 10, 1), 3: None, 4: None}
    since = {1: date(2020, 1, 1), 2: date(2020, 1, 1), 3: date(2020, 1, 1), 4: date(2026, 3, 1)}
    assert no_life_since(last, since, TODAY) == [(3, None), (2, date(2025, 10, 1))]
