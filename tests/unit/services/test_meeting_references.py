"""What meetings point at keeps its identity (code review §3): a venue with meetings is
retired, not deleted; committee seats stay linked to their members across profile saves;
the calendar and the catalogues come from the tables seeded by the migration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.branch import Venue
from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.domain.meeting_calendar import CellState
from dangjian_desktop.domain.meetings import (
    DEFAULT_FREQUENCIES,
    DEFAULT_THEME_DAY_TAGS,
    FrequencyRule,
    Meeting,
    MeetingStatus,
    MeetingType,
    Period,
)
from dangjian_desktop.services import Changes
from tests.unit.services.meeting_data import Branch, general_meeting, make_branch
from tests.unit.services.member_data import snapshot, table

HELD = MeetingStatus.HELD


@pytest.fixture
def branch(workspace) -> Branch:
    return make_branch(workspace)


# --- venues -------------------------------------------------------------------------------
def test_a_venue_with_meetings_is_retired_not_deleted(workspace, branch):
    used, _unused = branch.venues
    mid, _ = workspace.meetings.save(general_meeting(branch, venue_id=used))
    profile = workspace.branch.profile()
    workspace.branch.save_profile(replace(profile, venues=()))
    assert workspace.branch.profile().venues == ()
    rows = table(workspace, "SELECT id, retired_at IS NOT NULL FROM venue ORDER BY id")
    assert rows == [(used, 1)]  # the unused one is gone, the used one kept and retired
    assert workspace.meetings.rows([mid])[mid].place == "船舶党员活动室"
    assert workspace.meetings.get(mid).venue_id == used
    # The record keeps its retired venue on a later save; a new record may not choose it.
    workspace.meetings.save(replace(workspace.meetings.get(mid), topic="改议题"))
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(general_meeting(branch, venue_id=used))
    assert [(e.field, e.code) for e in refused.value.errors] == [("venue_id", "venue_retired")]


def test_a_retired_venue_added_again_by_name_comes_back_with_its_id(workspace, branch):
    used = branch.venues[0]
    workspace.meetings.save(general_meeting(branch, venue_id=used))
    profile = workspace.branch.profile()
    workspace.branch.save_profile(replace(profile, venues=profile.venues[1:]))
    workspace.branch.save_profile(
        replace(profile, venues=(*profile.venues[1:], Venue("船舶党员活动室", "三层")))
    )
    venues = workspace.branch.profile().venues
    assert [(v.name, v.id) for v in venues][-1] == ("船舶党员活动室", used)


def test_an_active_venue_renamed_to_a_retired_ones_name_does_not_collide(workspace, branch):
    used, other = branch.venues
    workspace.meetings.save(general_meeting(branch, venue_id=used))
    profile = workspace.branch.profile()
    workspace.branch.save_profile(replace(profile, venues=profile.venues[1:]))
    renamed = replace(workspace.branch.profile().venues[0], name="船舶党员活动室")
    workspace.branch.save_profile(replace(profile, venues=(renamed,)))
    assert [(v.name, v.id) for v in workspace.branch.profile().venues] == [
        ("船舶党员活动室", other)
    ]
    assert workspace.meetings.venue_names()[used].startswith("船舶党员活动室（已停用")


def test_the_forms_venue_choices_are_the_profiles_venues_and_every_name(workspace, branch):
    used, other = branch.venues
    workspace.meetings.save(general_meeting(branch, venue_id=used))

    def choices_match() -> None:
        names, active = workspace.meetings.venue_choices()
        assert names == workspace.meetings.venue_names()
        assert active == [(v.id, v.name) for v in workspace.branch.profile().venues]

    choices_match()
    profile = workspace.branch.profile()
    reordered = (*profile.venues[::-1], Venue("船员基地会议室"))
    workspace.branch.save_profile(replace(profile, venues=reordered))
    choices_match()
    workspace.branch.save_profile(replace(profile, venues=profile.venues[1:]))  # retires one
    choices_match()
    assert [vid for vid, _name in workspace.meetings.venue_choices()[1]] == [other]


# --- committee seats ----------------------------------------------------------------------
def test_committee_member_ids_survive_a_profile_save(workspace, branch):
    seats = workspace.branch.profile().committee
    linked = {s.name: s.member_id for s in seats}
    assert linked == {
        "王海": branch.id("王海"),
        "李静": branch.id("李静"),
        "陈刚": branch.id("陈刚"),
    }
    # The 支部信息 view builds new seats from its table (no member_id): names find them.
    bare = tuple(replace(s, id=None, member_id=None) for s in seats)
    workspace.branch.save_profile(replace(workspace.branch.profile(), committee=bare))
    again = workspace.branch.profile().committee
    assert {s.name: s.member_id for s in again} == linked
    # An explicit id wins over the name; an unknown one is refused.
    chosen = (replace(again[0], member_id=branch.id("赵敏")), *again[1:])
    workspace.branch.save_profile(replace(workspace.branch.profile(), committee=chosen))
    assert workspace.branch.profile().committee[0].member_id == branch.id("赵敏")
    before = snapshot(workspace)
    wrong = (replace(again[0], member_id=9999), *again[1:])
    with pytest.raises(ValidationError) as refused:
        workspace.branch.save_profile(replace(workspace.branch.profile(), committee=wrong))
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("committee.0.member_id", "no_such_member")
    ]
    assert snapshot(workspace) == before
    assert names_on_committee(workspace, date(2025, 5, 1)) == {"赵敏", "李静", "陈刚"}


def names_on_committee(workspace, day: date) -> set[str]:
    return {m.name for m in workspace.meetings.roster_on(day, MeetingType.COMMITTEE)}


def test_a_name_two_members_share_links_no_one(workspace, branch):
    from tests.unit.services.member_data import member

    workspace.members.add(
        member("王海", 150, join_date=date(2015, 7, 1), full_date=date(2016, 7, 1))
    )
    seats = tuple(replace(s, member_id=None) for s in workspace.branch.profile().committee)
    workspace.branch.save_profile(replace(workspace.branch.profile(), committee=seats))
    assert {s.name: s.member_id for s in workspace.branch.profile().committee}["王海"] is None


def test_a_committee_meeting_needs_half_the_committee(workspace, branch):
    day = date(2025, 5, 6)
    draft = workspace.meetings.draft(MeetingType.COMMITTEE, day)
    from dangjian_desktop.domain.meetings import Presence

    one_there = tuple(
        a if a.member_id == branch.id("王海") else replace(a, presence=Presence.ABSENT)
        for a in draft.attendance
    )
    meeting = replace(draft, topic="五月支委会", status=HELD, attendance=one_there)
    report = workspace.meetings.quorum_report(meeting)
    assert (report.quorum.entitled, report.quorum.present, report.quorum.quorate) == (3, 1, False)


# --- the calendar -------------------------------------------------------------------------
def test_the_calendar_shows_gaps_and_a_theme_day_counts_for_two_types(workspace, branch):
    def held(kind, day, **extra):
        workspace.meetings.save(Meeting(kind, f"{kind.value} {day}", day, HELD, **extra))

    held(MeetingType.GENERAL, date(2025, 3, 20))  # Q1 held, Q2 not (yet: June is running)
    held(MeetingType.THEME_DAY, date(2025, 2, 7), also_counts_as=MeetingType.LECTURE)
    for month in (1, 2, 4, 5):  # 支委会 missed in March
        held(MeetingType.COMMITTEE, date(2025, month, 8))
    workspace.meetings.save(
        Meeting(
            MeetingType.GROUP,
            "一月党小组会",
            date(2025, 1, 9),
            HELD,
            party_group_id=branch.groups[0],
        )
    )
    rows = workspace.meetings.calendar(2025)

    def row(kind, group=None):
        return next(r for r in rows if r.rule.type is kind and r.party_group_id == group)

    def states(r):
        return [c.state for c in r.cells]

    assert states(row(MeetingType.GENERAL))[:2] == [CellState.DONE, CellState.DUE]
    assert states(row(MeetingType.COMMITTEE))[:6] == [
        CellState.DONE,
        CellState.DONE,
        CellState.MISSING,
        CellState.DONE,
        CellState.DONE,
        CellState.DUE,
    ]
    assert states(row(MeetingType.LECTURE))[0] is CellState.DONE  # the 主题党日 in February
    assert states(row(MeetingType.THEME_DAY))[1] is CellState.DONE
    assert row(MeetingType.GROUP, branch.groups[0]).cells[0].state is CellState.DONE
    assert row(MeetingType.GROUP, branch.groups[1]).cells[0].state is CellState.MISSING
    due = workspace.meetings.due()
    assert any(d.overdue and d.rule.type is MeetingType.COMMITTEE for d in due)
    assert not any(d.rule.type is MeetingType.GENERAL and d.overdue for d in due)


def test_catalogues_are_seeded_and_editable(workspace):
    assert workspace.meetings.frequencies() == list(DEFAULT_FREQUENCIES)
    assert workspace.meetings.theme_tags() == list(DEFAULT_THEME_DAY_TAGS)
    rules = [FrequencyRule(MeetingType.LECTURE, Period.MONTH, 1, note="本公司：每月")]
    assert workspace.meetings.set_frequencies(rules) == Changes(meetings=True, settings=True)
    assert workspace.meetings.frequencies() == rules
    assert [r.rule for r in workspace.meetings.calendar(2025)] == rules
    bad = [
        FrequencyRule(MeetingType.LECTURE, Period.MONTH, 0),
        FrequencyRule(MeetingType.LECTURE, Period.MONTH, 1),
        FrequencyRule(MeetingType.COMMITTEE, Period.MONTH, 1, per_group=True),
    ]
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.set_frequencies(bad)
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("rules.0.count", "out_of_range"),
        ("rules.1.period", "duplicate_rule"),
        ("rules.2.per_group", "per_group_only_group"),
    }
    workspace.meetings.set_theme_tags(["党的生日", " 志愿服务日 "])
    assert workspace.meetings.theme_tags() == ["党的生日", "志愿服务日"]
    with pytest.raises(ValidationError):
        workspace.meetings.set_theme_tags(["甲", "甲"])


# --- attendance figures and the 工作台 ------------------------------------------------------
def test_attendance_figures_and_no_life_for_six_months(workspace, branch):
    from dangjian_desktop.domain.meetings import LeaveReason, Presence

    old = general_meeting(branch, date(2024, 10, 10))
    away = branch.id("刘洋")
    attendance = tuple(
        replace(a, presence=Presence.LEAVE, reason=LeaveReason.AT_SEA) if a.member_id == away else a
        for a in old.attendance
    )
    workspace.meetings.save(replace(old, attendance=attendance))
    recent = general_meeting(branch, date(2025, 5, 20))
    attendance = tuple(
        replace(a, presence=Presence.ABSENT) if a.member_id == away else a
        for a in recent.attendance
    )
    workspace.meetings.save(replace(recent, attendance=attendance))
    figures = workspace.meetings.attendance_figures(date(2024, 1, 1), date(2025, 12, 31))
    f = figures[away]
    assert (f.expected, f.present, f.on_leave, f.absent) == (2, 0, 1, 1)
    assert figures[branch.id("王海")].rate == 1.0
    [no_life] = workspace.meetings.no_life_members()
    assert (no_life.name, no_life.last_present) == ("刘洋", None)
    reminders = workspace.members.reminders()
    assert [c.member.name for c in reminders.lost_contact] == ["刘洋"]


def test_no_meeting_data_no_no_life_reminder(workspace, branch):
    assert workspace.meetings.no_life_members() == []
    assert workspace.members.reminders().lost_contact == ()
