"""工作台 items, and each reminder at its exact boundary (issue 11 item 1; tests section:
"reminders on crafted data at the exact boundaries").

Sources, one per table: DESIGN.md §2 工作台 and 党章 art.7 (转正 due within 60 days; 预备期 one
year), domain brief §6 (换届提醒 about 6 months before the term ends), domain brief §2.3
("失去联系": no organisational life for more than 6 months).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from dangjian_desktop.domain.branch import CommitteeTerm, TermReminder, TermStatus, term_reminder
from dangjian_desktop.domain.dashboard import (
    DueItem,
    DueKind,
    FileHealth,
    NoLifeLines,
    RecordKind,
    RecordRef,
    RectificationDue,
    Severity,
    dashboard_items,
    health_items,
    probation_items,
    rectification_items,
    term_items,
)
from dangjian_desktop.domain.meeting_calendar import (
    HeldMeeting,
    compliance_calendar,
    due_meetings,
    no_life_since,
)
from dangjian_desktop.domain.meetings import DEFAULT_FREQUENCIES, MeetingStatus, MeetingType
from dangjian_desktop.domain.member_reminders import (
    LostContact,
    LostReason,
    lost_contact,
    probation_due,
)
from dangjian_desktop.domain.people import Member, MemberCategory

TODAY = date(2026, 6, 15)


def probationary(join: date, member_id: int = 1, name: str = "李静") -> Member:
    return Member(name=name, join_date=join, category=MemberCategory.PROBATIONARY, id=member_id)


def one_year_before(day: date) -> date:
    return date(day.year - 1, day.month, day.day)


# --- 转正: DESIGN.md §2 (within 60 days), 党章 art.7 (预备期一年) --------------------------------
@pytest.mark.parametrize(
    ("days_ahead", "listed", "severity"),
    [
        (61, False, None),  # day 61: not yet
        (60, True, Severity.DUE),  # day 60: the first day of the window
        (59, True, Severity.DUE),
        (0, True, Severity.DUE),  # the 预备期 ends today: due, not overdue
        (-1, True, Severity.OVERDUE),  # the day after: overdue until 转正 is recorded
    ],
)
def test_probation_due_at_day_59_60_61_design_2_dangzhang_art7(days_ahead, listed, severity):
    due_day = TODAY + timedelta(days=days_ahead)
    due = probation_due([probationary(one_year_before(due_day))], TODAY)
    assert bool(due) is listed
    if listed:
        assert (due[0].due_date, due[0].days_left) == (due_day, days_ahead)
        [item] = probation_items(due)
        assert item == DueItem(
            DueKind.PROBATION, severity, due_day, RecordRef(RecordKind.MEMBER, member_id=1),
            "李静", days_ahead,
        )  # fmt: skip


# --- 换届提醒: domain brief §6 (about 6 months before the term expires) -------------------------
TERM = CommitteeTerm(election_date=date(2023, 10, 20))  # ends 2026-10-20; T−6 months 2026-04-20


@pytest.mark.parametrize(
    ("today", "status", "severity"),
    [
        (date(2026, 4, 19), TermStatus.ACTIVE, None),  # the day before T−6 months
        (date(2026, 4, 20), TermStatus.DUE_SOON, Severity.DUE),  # exactly T−6 months
        (date(2026, 4, 21), TermStatus.DUE_SOON, Severity.DUE),
        (date(2026, 10, 20), TermStatus.DUE_SOON, Severity.DUE),  # the term's last day
        (date(2026, 10, 21), TermStatus.OVERDUE, Severity.OVERDUE),  # expired
    ],
)
def test_term_reminder_at_end_minus_six_months_brief_6(today, status, severity):
    reminder = term_reminder(TERM, today)
    assert (reminder.status, reminder.ends_on) == (status, date(2026, 10, 20))
    items = term_items(reminder)
    assert [i.severity for i in items] == ([severity] if severity else [])
    if items:
        assert items[0].ref == RecordRef(RecordKind.BRANCH_TERM)
        assert items[0].days_left == (date(2026, 10, 20) - today).days


def test_no_election_date_is_a_notice_to_fill_it_in():
    assert term_items(term_reminder(CommitteeTerm(), TODAY)) == [
        DueItem(DueKind.TERM_UNKNOWN, Severity.NOTICE, None, RecordRef(RecordKind.BRANCH_TERM))
    ]


# --- 6 months without organisational life: domain brief §2.3 ----------------------------------
# TODAY − 6 months = 2025-12-15: "more than 6 months" is a last meeting before that day.
@pytest.mark.parametrize(
    ("last", "flagged"),
    [
        (date(2025, 12, 14), True),  # 6 months and a day
        (date(2025, 12, 15), False),  # exactly 6 months: not "more than"
        (date(2025, 12, 16), False),
        (None, True),  # never attended, in the branch for years
    ],
)
def test_no_life_after_six_months_brief_2_3(last, flagged):
    result = no_life_since({7: last}, {7: date(2020, 1, 1)}, TODAY)
    assert result == ([(7, last)] if flagged else [])


@pytest.mark.parametrize(
    ("arrived", "flagged"),
    [
        (date(2025, 12, 14), True),  # here 6 months and a day, never at a meeting
        (date(2025, 12, 15), False),  # here exactly 6 months: was flagged before the fix
        (date(2025, 12, 16), False),
    ],
)
def test_no_life_counts_from_arrival_for_a_newcomer_brief_2_3(arrived, flagged):
    assert bool(no_life_since({7: None}, {7: arrived}, TODAY)) is flagged


def test_no_life_boundary_clamps_at_a_short_month():
    """31 August − 6 months has no 31 February: the boundary is 28 February."""
    day = date(2026, 8, 31)
    assert no_life_since({7: date(2026, 2, 28)}, {7: date(2020, 1, 1)}, day) == []
    assert no_life_since({7: date(2026, 2, 27)}, {7: date(2020, 1, 1)}, day) != []


# --- 整改, backups, data file -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("due_on", "severity"),
    [
        (TODAY - timedelta(days=1), Severity.OVERDUE),
        (TODAY, Severity.DUE),  # the deadline itself
        (TODAY + timedelta(days=14), Severity.DUE),
        (TODAY + timedelta(days=15), Severity.NOTICE),
        (None, Severity.NOTICE),  # open without a deadline
    ],
)
def test_open_rectification_by_deadline(due_on, severity):
    open_item = RectificationDue(5, venue_id=2, inspection_id=9, item="有党旗", due_on=due_on)
    [item] = rectification_items([open_item], TODAY)
    assert item.severity is severity
    assert item.ref == RecordRef(RecordKind.VENUE, venue_id=2, inspection_id=9, rectification_id=5)
    closed = RectificationDue(6, 2, 9, "有制度", due_on=due_on, closed=True)
    assert rectification_items([closed], TODAY) == []


def test_backup_age_and_data_file_health():
    assert [i.kind for i in health_items(FileHealth(None), TODAY)] == [DueKind.BACKUP]
    assert health_items(FileHealth(TODAY - timedelta(days=7), True), TODAY) == []
    [old] = health_items(FileHealth(TODAY - timedelta(days=8), True), TODAY)
    assert (old.kind, old.severity, old.days_left) == (DueKind.BACKUP, Severity.NOTICE, -1)
    assert health_items(FileHealth(TODAY + timedelta(days=30), True), TODAY) == []  # ship clock
    [bad] = health_items(FileHealth(TODAY, False), TODAY)
    assert (bad.kind, bad.severity) == (DueKind.DATA_FILE, Severity.OVERDUE)


# --- the whole feed -------------------------------------------------------------------------------
def test_dashboard_assembles_every_source_overdue_first():
    """A branch in May with a missed April 支委会, a 转正 due, an expired term, one member
    flagged 失联, one without meetings, an overdue 整改 and no backup."""
    today = date(2026, 5, 15)
    held = [HeldMeeting(1, MeetingType.COMMITTEE, date(2026, 3, 5), MeetingStatus.HELD)]
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES, held, {}, today)
    meetings = due_meetings(rows)
    lost_member = Member(name="王海", is_lost=True, lost_since=date(2025, 10, 1), id=3)
    members = [probationary(date(2025, 6, 1), 1, "李静"), lost_member]
    since = {3: date(2020, 1, 1), 4: date(2020, 1, 1)}
    items = dashboard_items(
        today,
        meetings=meetings,
        probation=probation_due(members, today),
        term=TermReminder(TermStatus.OVERDUE, date(2026, 5, 1), -14),
        lost=lost_contact(members, None, today),
        no_life=no_life_since({3: None, 4: date(2025, 9, 1)}, since, today),
        member_names={4: "赵敏"},
        rectifications=[RectificationDue(5, 2, 9, "有党旗", due_on=date(2026, 5, 1))],
        health=FileHealth(None),
    )  # fmt: skip
    severities = [i.severity for i in items]
    assert severities == sorted(severities, key=["overdue", "due", "notice"].index)
    overdue = [(i.kind, i.due_date) for i in items if i.severity is Severity.OVERDUE]
    assert overdue == [
        (DueKind.MEETING, date(2026, 1, 31)),  # January's 支委会, the earliest date first
        (DueKind.MEETING, date(2026, 1, 31)),  # … and January's 主题党日
        (DueKind.MEETING, date(2026, 2, 28)),
        (DueKind.MEETING, date(2026, 2, 28)),
        (DueKind.NO_LIFE, date(2026, 3, 1)),  # 赵敏: last meeting 2025-09-01
        (DueKind.MEETING, date(2026, 3, 31)),  # March's 主题党日, Q1 党员大会 and 党课
        (DueKind.MEETING, date(2026, 3, 31)),
        (DueKind.MEETING, date(2026, 3, 31)),
        (DueKind.MEETING, date(2026, 4, 30)),
        (DueKind.MEETING, date(2026, 4, 30)),
        (DueKind.RECTIFICATION, date(2026, 5, 1)),
        (DueKind.TERM, date(2026, 5, 1)),
    ]
    due = [(i.kind, i.subject) for i in items if i.severity is Severity.DUE]
    assert (DueKind.PROBATION, "李静") in due and (DueKind.LOST_CONTACT, "王海") in due
    assert (DueKind.BACKUP, "") in due
    # 王海 is flagged 失联 and also has no meetings: listed once, as 失联
    assert [i.kind for i in items if i.ref.member_id == 3] == [DueKind.LOST_CONTACT]
    no_life = next(i for i in items if i.kind is DueKind.NO_LIFE)
    assert no_life.ref == RecordRef(RecordKind.MEMBER, member_id=4) and no_life.subject == "赵敏"


def test_a_meeting_item_points_at_its_calendar_cell():
    today = date(2026, 5, 15)
    rows = compliance_calendar(2026, DEFAULT_FREQUENCIES[1:2], [], {}, today)  # 支委会
    items = dashboard_items(today, meetings=due_meetings(rows))
    may = next(i for i in items if i.severity is Severity.DUE)
    assert may.ref.kind is RecordKind.MEETING_RULE
    assert may.ref.rule.type is MeetingType.COMMITTEE
    assert (may.ref.period_start, may.ref.period_end) == (date(2026, 5, 1), date(2026, 5, 31))
    assert may.days_left == 16


def test_lost_contact_review_is_due_after_six_months_brief_2_3():
    member = Member(name="王海", is_lost=True, lost_since=date(2025, 12, 14), id=3)
    [item] = dashboard_items(TODAY, lost=lost_contact([member], None, TODAY))
    assert (item.severity, item.due_date) == (Severity.DUE, date(2026, 6, 14))
    member = Member(name="王海", is_lost=True, lost_since=date(2025, 12, 15), id=3)
    [item] = dashboard_items(TODAY, lost=lost_contact([member], None, TODAY))
    assert item.severity is Severity.NOTICE
    only_quiet = LostContact(member, LostReason.NO_ACTIVITY, date(2025, 1, 1), False)
    assert dashboard_items(TODAY, lost=[only_quiet]) == []  # said by no_life with meeting data


def test_no_life_lines_remade_for_the_changed_members_only_equal_a_full_remake():
    """NoLifeLines after any sequence of changes (last meetings, stays, names, members
    joining and leaving) holds the lines a fresh one makes, in the same order — ties on the
    limit date and the name included (brief §2.3: more than 6 months)."""
    rng = random.Random(7)
    first, today = date(2021, 1, 4), date(2025, 6, 15)
    days = [date(2024, m, d) for m in (1, 8, 12) for d in (1, 29, 30, 31) if (m, d) != (2, 30)]
    starts = {m: rng.choice([None, date(2020, 1, 1), date(2025, 3, 1)]) for m in range(60)}
    last = {m: rng.choice(days) for m in range(60) if rng.random() < 0.8}
    names = {m: rng.choice(["王海", "李静", "陈刚"]) for m in range(60)}
    kept = NoLifeLines()
    kept.lines(starts, last, names, first, today, None)
    for _ in range(40):
        changed = set(rng.sample(range(70), 5))
        for m in changed:
            roll = rng.random()
            if roll < 0.3:
                last[m] = rng.choice([*days, date(2025, 5, 1)])
            elif roll < 0.5:
                last.pop(m, None)
            elif roll < 0.7:
                names[m] = rng.choice(["王海", "赵敏"])
            elif roll < 0.85:  # leaves the roster
                starts.pop(m, None)
                names.pop(m, None)
            else:  # joins (again)
                starts[m], names[m] = date(2024, 1, 1), "新人"
        fresh = NoLifeLines().lines(starts, last, names, first, today, None)
        assert kept.lines(starts, last, names, first, today, changed) == fresh
