"""The branch profile rules (domain brief §6).

Sources named in the tests: 条例 Art.21 (enterprise branches 一般每届3年), 党章 Art.31 (a
grassroots committee serves 3–5 years), 换届提醒 "about 6 months before the term expires".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dangjian_desktop import settings
from dangjian_desktop.domain.branch import (
    DEFAULT_TERM_REMINDER_MONTHS,
    DEFAULT_TERM_YEARS,
    TERM_YEARS_MAX,
    TERM_YEARS_MIN,
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    PartyGroup,
    TermReminder,
    TermStatus,
    Venue,
    normalize_profile,
    term_reminder,
    validate_profile,
)
from dangjian_desktop.domain.errors import FieldError, ValidationError

TODAY = date(2025, 6, 15)
TOMORROW = TODAY + timedelta(days=1)

VALID = BranchProfile(
    full_name="中燃油运船舶第一党支部",
    code="CY-001",
    parent_committee="中燃油运公司党委",
    founded_on=date(2012, 7, 1),
    term=CommitteeTerm(ordinal=4, election_date=date(2023, 3, 20)),
    committee=(
        CommitteeMember("王海", CommitteePost.SECRETARY, date(2023, 3, 20)),
        CommitteeMember("赵敏", CommitteePost.DEPUTY_SECRETARY),
        CommitteeMember("李静", CommitteePost.ORGANIZATION),
    ),
    groups=(PartyGroup("甲板党小组", "张伟"), PartyGroup("轮机党小组", "刘洋")),
    venues=(Venue("船舶党员活动室", "远洋一号 三层", 24.5),),
)


def codes(profile: BranchProfile) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_profile(profile, TODAY)}


def test_valid_profile_has_no_errors():
    assert validate_profile(VALID, TODAY) == []


# --- the term: 条例 Art.21 and 党章 Art.31 ------------------------------------------------------
def test_default_term_is_three_years_tiaoli_art21():
    """条例 Art.21: branches of enterprises (not village/community) 一般每届3年."""
    assert DEFAULT_TERM_YEARS == 3
    assert CommitteeTerm().term_years == 3
    assert CommitteeTerm(election_date=date(2023, 4, 10)).ends_on == date(2026, 4, 10)
    assert settings.COMMITTEE_TERM_YEARS.default == 3


@pytest.mark.parametrize("years", [3, 4, 5])
def test_term_of_three_to_five_years_accepted_dangzhang_art31(years):
    """党章 Art.31: a grassroots committee serves 3 to 5 years."""
    profile = replace(VALID, term=replace(VALID.term, term_years=years))
    assert validate_profile(profile, TODAY) == []
    assert profile.term.ends_on == date(2023 + years, 3, 20)


@pytest.mark.parametrize("years", [2, 6, 0, -3])
def test_term_outside_three_to_five_years_refused_dangzhang_art31(years):
    profile = replace(VALID, term=replace(VALID.term, term_years=years))
    errors = validate_profile(profile, TODAY)
    assert errors == [FieldError("term.term_years", "out_of_range", (("min", 3), ("max", 5)))]
    assert (errors[0].param("min"), errors[0].param("max")) == (3, 5)


def test_term_setting_bounds_follow_dangzhang_art31():
    """The user may change the default term only within 党章 Art.31's 3–5 years."""
    assert (TERM_YEARS_MIN, TERM_YEARS_MAX) == (3, 5)
    years = settings.COMMITTEE_TERM_YEARS
    assert (years.minimum, years.maximum) == (TERM_YEARS_MIN, TERM_YEARS_MAX)


def test_term_ends_on_28_february_for_a_29_february_election():
    assert CommitteeTerm(election_date=date(2024, 2, 29)).ends_on == date(2027, 2, 28)
    assert CommitteeTerm(election_date=date(2024, 2, 29), term_years=4).ends_on == date(2028, 2, 29)


def test_term_without_election_date_has_no_end():
    assert CommitteeTerm().ends_on is None
    assert CommitteeTerm(ordinal=2, term_years=5).ends_on is None


@pytest.mark.parametrize(("ordinal", "ok"), [(1, True), (12, True), (0, False), (-1, False)])
def test_term_ordinal_starts_at_one(ordinal, ok):
    profile = replace(VALID, term=replace(VALID.term, ordinal=ordinal))
    assert (codes(profile) == set()) is ok
    if not ok:
        assert codes(profile) == {("term.ordinal", "out_of_range")}


# --- 换届提醒: about 6 months before the term expires (domain brief §6) ------------------------
TERM = CommitteeTerm(election_date=date(2023, 4, 10))  # ends 2026-04-10


def test_reminder_default_lead_is_six_months():
    assert DEFAULT_TERM_REMINDER_MONTHS == 6
    assert settings.TERM_REMINDER_MONTHS.default == 6


@pytest.mark.parametrize(
    ("today", "status", "days_left"),
    [
        (date(2023, 4, 10), TermStatus.ACTIVE, 1096),  # election day
        (date(2025, 10, 9), TermStatus.ACTIVE, 183),  # the day before the reminder
        (date(2025, 10, 10), TermStatus.DUE_SOON, 182),  # exactly ends_on minus 6 months
        (date(2026, 4, 10), TermStatus.DUE_SOON, 0),  # the last day of the term
        (date(2026, 4, 11), TermStatus.OVERDUE, -1),  # the day after ends_on
        (date(2027, 1, 1), TermStatus.OVERDUE, -266),
    ],
)
def test_huanjie_reminder_six_months_before_the_term_ends(today, status, days_left):
    assert term_reminder(TERM, today) == TermReminder(status, date(2026, 4, 10), days_left)


def test_reminder_start_clamps_to_the_end_of_a_short_month():
    """Term ends 31 Aug; six months earlier there is no 31 Feb: the reminder starts 28 Feb."""
    term = CommitteeTerm(election_date=date(2023, 8, 31))
    assert term.ends_on == date(2026, 8, 31)
    assert term_reminder(term, date(2026, 2, 27)).status is TermStatus.ACTIVE
    assert term_reminder(term, date(2026, 2, 28)).status is TermStatus.DUE_SOON


def test_reminder_lead_is_configurable():
    assert term_reminder(TERM, date(2026, 1, 9), lead_months=3).status is TermStatus.ACTIVE
    assert term_reminder(TERM, date(2026, 1, 10), lead_months=3).status is TermStatus.DUE_SOON
    assert term_reminder(TERM, date(2025, 4, 10), lead_months=12).status is TermStatus.DUE_SOON


def test_reminder_follows_a_five_year_term():
    term = replace(TERM, term_years=5)
    assert term_reminder(term, date(2027, 10, 10)) == TermReminder(
        TermStatus.DUE_SOON, date(2028, 4, 10), 183
    )


def test_reminder_unknown_without_election_date():
    assert term_reminder(CommitteeTerm(), TODAY) == TermReminder(TermStatus.UNKNOWN)


# --- names and text ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_full_name_required(name):
    assert codes(replace(VALID, full_name=name)) == {("full_name", "required")}


def test_full_name_limit_is_100_characters():
    assert codes(replace(VALID, full_name="党" * 100)) == set()
    errors = validate_profile(replace(VALID, full_name="党" * 101), TODAY)
    assert errors == [FieldError("full_name", "too_long", (("max", 100),))]


def test_code_and_parent_limits():
    assert codes(replace(VALID, code="x" * 51, parent_committee="委" * 101)) == {
        ("code", "too_long"),
        ("parent_committee", "too_long"),
    }


def test_all_problems_are_reported_at_once():
    profile = replace(
        VALID,
        full_name="",
        founded_on=TOMORROW,
        term=CommitteeTerm(election_date=TOMORROW, term_years=6),
    )
    assert codes(profile) == {
        ("full_name", "required"),
        ("founded_on", "in_future"),
        ("term.term_years", "out_of_range"),
        ("term.election_date", "in_future"),
    }


# --- dates ------------------------------------------------------------------------------------
def test_future_dates_refused():
    profile = replace(
        VALID,
        founded_on=TOMORROW,
        term=replace(VALID.term, election_date=TOMORROW),
        committee=(CommitteeMember("王海", CommitteePost.SECRETARY, TOMORROW),),
    )
    assert codes(profile) == {
        ("founded_on", "in_future"),
        ("term.election_date", "in_future"),
        ("committee.0.started_on", "in_future"),
    }


def test_today_is_not_the_future():
    profile = replace(
        VALID,
        founded_on=TODAY,
        term=replace(VALID.term, election_date=TODAY),
        committee=(CommitteeMember("王海", CommitteePost.SECRETARY, TODAY),),
    )
    assert validate_profile(profile, TODAY) == []


def test_election_before_founding_refused():
    profile = replace(VALID, founded_on=date(2020, 1, 1))
    profile = replace(profile, term=replace(profile.term, election_date=date(2019, 12, 31)))
    assert codes(profile) == {("term.election_date", "before_founding")}
    profile = replace(profile, term=replace(profile.term, election_date=date(2020, 1, 1)))
    assert codes(profile) == set()


# --- committee --------------------------------------------------------------------------------
def test_second_secretary_refused():
    """One 书记 per branch; a 副书记 is a different post and allowed."""
    committee = (
        CommitteeMember("王海", CommitteePost.SECRETARY),
        CommitteeMember("赵敏", CommitteePost.DEPUTY_SECRETARY),
        CommitteeMember("李静", CommitteePost.SECRETARY),
        CommitteeMember("陈刚", CommitteePost.SECRETARY),
    )
    assert codes(replace(VALID, committee=committee)) == {
        ("committee.2.post", "second_secretary"),
        ("committee.3.post", "second_secretary"),
    }


def test_committee_without_secretary_is_allowed():
    """A vacancy is a fact to record (补选 follows), not an input error."""
    committee = (CommitteeMember("李静", CommitteePost.ORGANIZATION),)
    assert codes(replace(VALID, committee=committee)) == set()


def test_committee_member_name_required():
    committee = (*VALID.committee, CommitteeMember(" ", CommitteePost.PROPAGANDA))
    assert codes(replace(VALID, committee=committee)) == {("committee.3.name", "required")}


# --- 党小组 and venues ---------------------------------------------------------------------------
def test_duplicate_party_group_names_refused():
    groups = (PartyGroup("甲板党小组"), PartyGroup("轮机党小组"), PartyGroup(" 甲板党小组 "))
    assert codes(replace(VALID, groups=groups)) == {("groups.2.name", "duplicate")}


def test_party_group_name_required_and_limits():
    groups = (PartyGroup(""), PartyGroup("a", leader="x" * 101, note="n" * 2001))
    assert codes(replace(VALID, groups=groups)) == {
        ("groups.0.name", "required"),
        ("groups.1.leader", "too_long"),
        ("groups.1.note", "too_long"),
    }


def test_no_groups_and_no_venues_are_fine():
    assert codes(replace(VALID, groups=(), venues=(), committee=())) == set()


def test_duplicate_venue_names_refused():
    venues = (Venue("党员活动室"), Venue("党员活动室"))
    assert codes(replace(VALID, venues=venues)) == {("venues.1.name", "duplicate")}


@pytest.mark.parametrize(
    ("area", "ok"),
    [(None, True), (0.5, True), (999_999.0, True), (0, False), (-5, False), (1e6, False)],
)
def test_venue_area(area, ok):
    venues = (Venue("党员活动室", area_m2=area),)
    assert codes(replace(VALID, venues=venues)) == (
        set() if ok else {("venues.0.area_m2", "out_of_range")}
    )


def test_empty_profile_needs_a_name():
    assert BranchProfile().is_empty
    assert codes(BranchProfile()) == {("full_name", "required")}


def test_validation_error_carries_the_field_errors():
    errors = validate_profile(replace(VALID, full_name=""), TODAY)
    exc = ValidationError(errors)
    assert exc.errors == (FieldError("full_name", "required"),)
    assert str(exc) == "full_name:required"


# --- text as stored (issue 7 item 2) and dates at the calendar's end (item 10) ---------------
def test_normalize_profile_cleans_every_text_field():
    dirty = "甲\x0b乙\x00\r\n丙"
    profile = BranchProfile(
        full_name=dirty,
        code=dirty,
        parent_committee=dirty,
        committee=(CommitteeMember(dirty, CommitteePost.SECRETARY),),
        groups=(PartyGroup(dirty, dirty, dirty),),
        venues=(Venue(dirty, dirty, None, dirty),),
    )
    clean = normalize_profile(profile)
    one_line, lines = "甲 乙 丙", "甲\n乙\n丙"
    assert (clean.full_name, clean.code, clean.parent_committee) == (one_line,) * 3
    assert clean.committee[0].name == one_line
    assert (clean.groups[0].name, clean.groups[0].leader, clean.groups[0].note) == (
        one_line,
        one_line,
        lines,  # notes keep their lines
    )
    assert (clean.venues[0].name, clean.venues[0].address, clean.venues[0].note) == (
        one_line,
        one_line,
        lines,
    )


def test_normalize_profile_keeps_a_clean_profile_as_it_is():
    assert normalize_profile(VALID) == VALID


def test_term_ending_beyond_the_calendar_has_no_end_date_and_the_election_date_is_refused():
    term = CommitteeTerm(election_date=date(9998, 6, 1), term_years=3)
    assert term.ends_on is None  # the 支部信息 tab shows "not computed", not 内部错误
    assert codes(replace(VALID, term=term)) == {("term.election_date", "in_future")}
