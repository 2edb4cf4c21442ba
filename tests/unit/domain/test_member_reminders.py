"""工作台 member reminders.

Sources named in the tests: DESIGN.md §2 (转正 due within 60 days), 党章 Art.7 (预备期为一年;
extension), domain brief §2.3 ("失去联系" = no 组织生活 and no 党费 for more than 6 months;
失联 > 6 months → 停止党籍 to be considered).
"""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.domain.member_reminders import (
    DEFAULT_LOST_CONTACT_MONTHS,
    DEFAULT_PROBATION_WITHIN_DAYS,
    LostContact,
    LostReason,
    ProbationDue,
    lost_contact,
    probation_due,
)
from dangjian_desktop.domain.people import Member, MemberCategory, PartyStatus

TODAY = date(2025, 6, 15)


def probationary(name: str, join: date | None, extension: int = 0, **kw) -> Member:
    return Member(
        name=name,
        join_date=join,
        category=MemberCategory.PROBATIONARY,
        probation_extension_months=extension,
        **kw,
    )


# --- 转正 due: DESIGN.md §2, 党章 Art.7 ---------------------------------------------------------
def test_default_window_is_60_days_design_2():
    assert DEFAULT_PROBATION_WITHIN_DAYS == 60


@pytest.mark.parametrize(
    ("join", "listed", "days_left"),
    [
        (date(2024, 8, 14), True, 60),  # due 2025-08-14: exactly 60 days ahead
        (date(2024, 8, 15), False, None),  # 61 days ahead
        (date(2024, 6, 15), True, 0),  # due today
        (date(2024, 1, 10), True, -156),  # overdue: still listed until 转正 is recorded
        (date(2025, 1, 1), False, None),
    ],
)
def test_probation_due_one_year_after_joining_dangzhang_art7(join, listed, days_left):
    result = probation_due([probationary("李静", join)], TODAY)
    assert bool(result) is listed
    if listed:
        _member, due_date, left = result[0]
        assert (due_date, left) == (date(join.year + 1, join.month, join.day), days_left)


def test_extension_moves_the_due_date_dangzhang_art7():
    member = probationary("李静", date(2024, 6, 15), extension=6)
    assert probation_due([member], TODAY) == []
    assert probation_due([member], date(2025, 11, 1)) == [
        ProbationDue(member, date(2025, 12, 15), 44)
    ]


def test_window_is_a_parameter():
    member = probationary("李静", date(2024, 9, 1))  # due in 78 days
    assert probation_due([member], TODAY) == []
    assert probation_due([member], TODAY, within_days=90)[0].days_left == 78


def test_only_active_probationary_members_with_a_join_date():
    due = date(2024, 7, 1)
    members = [
        Member(name="正式", join_date=due, category=MemberCategory.FORMAL),
        probationary("停止", due, status=PartyStatus.SUSPENDED),
        probationary("转出", due, status=PartyStatus.TRANSFERRED_OUT),
        probationary("无日期", None),
        probationary("在册", due),
    ]
    assert [item.member.name for item in probation_due(members, TODAY)] == ["在册"]


def test_soonest_first():
    members = [
        probationary("乙", date(2024, 8, 1)),
        probationary("甲", date(2024, 5, 1)),
        probationary("丙", date(2024, 7, 1)),
    ]
    assert [item.member.name for item in probation_due(members, TODAY)] == ["甲", "丙", "乙"]


# --- 失联: brief §2.3 ---------------------------------------------------------------------------
def test_default_window_is_six_months_brief_2_3():
    assert DEFAULT_LOST_CONTACT_MONTHS == 6


def test_without_meeting_data_only_the_flag_counts_brief_2_3():
    flagged = Member(name="甲", is_lost=True, lost_since=date(2025, 3, 1), id=1)
    quiet = Member(name="乙", id=2)
    assert lost_contact([flagged, quiet], None, TODAY) == [
        LostContact(flagged, LostReason.FLAGGED, date(2025, 3, 1), False)
    ]


@pytest.mark.parametrize(
    ("last", "listed"),
    [
        (date(2024, 12, 14), True),  # more than 6 months ago
        (date(2024, 12, 15), False),  # exactly 6 months: not yet "more than"
        (date(2025, 5, 1), False),
        (None, False),  # nothing known
    ],
)
def test_no_activity_for_more_than_six_months_brief_2_3(last, listed):
    member = Member(name="乙", id=2)
    result = lost_contact([member], {2: last}, TODAY)
    expected = [LostContact(member, LostReason.NO_ACTIVITY, last, False)] if listed else []
    assert result == expected


def test_member_missing_from_the_activity_map_is_not_flagged():
    assert lost_contact([Member(name="乙", id=2), Member(name="丙")], {}, TODAY) == []


@pytest.mark.parametrize(
    ("lost_since", "review"),
    [
        (date(2024, 12, 14), True),  # 失联 more than 6 months: consider 停止党籍
        (date(2024, 12, 15), False),
        (None, False),
    ],
)
def test_flag_longer_than_six_months_asks_for_review_brief_2_3(lost_since, review):
    member = Member(name="甲", is_lost=True, lost_since=lost_since, id=1)
    assert lost_contact([member], {1: date(2025, 6, 1)}, TODAY) == [
        LostContact(member, LostReason.FLAGGED, lost_since, review)
    ]


def test_months_is_a_parameter():
    member = Member(name="乙", id=2)
    assert lost_contact([member], {2: date(2025, 3, 1)}, TODAY) == []
    assert len(lost_contact([member], {2: date(2025, 3, 1)}, TODAY, months=3)) == 1


def test_only_active_members_longest_first_unknown_last():
    members = [
        Member(name="去世", is_lost=True, lost_since=date(2020, 1, 1), status=PartyStatus.DECEASED),
        Member(name="乙", id=2),
        Member(name="丙", is_lost=True),
        Member(name="甲", is_lost=True, lost_since=date(2023, 1, 1)),
    ]
    result = lost_contact(members, {2: date(2024, 1, 1)}, TODAY)
    assert [item.member.name for item in result] == ["甲", "乙", "丙"]
