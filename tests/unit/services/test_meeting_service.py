"""会议 through the service on a file opened through the real open path: who is on the roster
on the meeting date, the life cycle and its locks, votes and dates the rules refuse, and
nothing written by a refused call (every table compared before and after)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.errors import NotFoundError, ValidationError
from dangjian_desktop.domain.meetings import (
    AgendaItem,
    Attendance,
    LeaveReason,
    Meeting,
    MeetingFilter,
    MeetingSort,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.domain.people import MemberCategory
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services.meeting_service import MeetingArchivedError, MeetingDeletedError
from tests.unit.services.meeting_data import Branch, general_meeting, make_branch
from tests.unit.services.member_data import member, out_letter, snapshot, table

CHANGED = Changes(meetings=True)
PROBATIONARY = MemberCategory.PROBATIONARY


@pytest.fixture
def branch(workspace) -> Branch:
    return make_branch(workspace)


def leaving(day: date):
    return out_letter(transfer_date=day, valid_until=date(day.year, day.month + 1, 1))


def codes(exc: pytest.ExceptionInfo) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in exc.value.errors}


def names(ws: Workspace, day: date, *args) -> list[str]:
    return sorted(m.name for m in ws.meetings.roster_on(day, *args))


# --- the roster on the meeting date -------------------------------------------------------
def test_roster_on_a_date_follows_the_status_history(workspace, branch):
    """Transferred out before the date: not on it; joined after it: not on it either."""
    workspace.members.transfer_out(branch.id("孙丽"), leaving(date(2025, 3, 1)))
    _late, _ = workspace.members.add(
        member("吴新", 120, join_date=date(2025, 5, 1), full_date=None, category=PROBATIONARY)
    )
    before, between, after = date(2025, 2, 1), date(2025, 4, 1), date(2025, 5, 10)
    assert "孙丽" in names(workspace, before) and "孙丽" not in names(workspace, between)
    assert "吴新" not in names(workspace, between) and "吴新" in names(workspace, after)
    assert "周新" not in names(workspace, date(2024, 12, 1))  # 预备党员 since 2025-01-10


def test_listed_roster_is_roster_on_for_every_type_and_group(workspace, branch):
    """The meeting form's one read (the roster as columns) lists what roster_on lists:
    whole, and as the sign-in list of each type and 党小组, before and after a transfer."""
    workspace.members.transfer_out(branch.id("孙丽"), leaving(date(2025, 3, 1)))
    for day in (date(2024, 2, 1), date(2025, 2, 1), date(2025, 4, 1)):
        roster = workspace.meetings.listed_roster(day)
        assert roster.members() == workspace.meetings.roster_on(day)
        assert roster.people() == workspace.meetings.people_on(day)
        for kind in MeetingType:
            for group in (None, *branch.groups):
                assert roster.expected(kind, group).members() == workspace.meetings.roster_on(
                    day, kind, group
                ), (day, kind, group)


def test_a_member_received_by_transfer_file_is_on_the_roster_from_arrival_only(
    workspace, branch, tmp_path
):
    """Ship A's history travels in the file (NORMAL since 2015 there); at ship B the member
    must not look present at meetings before they arrived."""
    ship_a = Workspace.open(tmp_path / "a.sqlite", today=lambda: date(2025, 6, 15))
    try:
        qian = member("钱多", 130, join_date=date(2015, 7, 1), full_date=date(2016, 7, 1))
        mid, _ = ship_a.members.add(qian)
        ship_a.members.transfer_out(mid, leaving(date(2025, 5, 30)))
        ship_a.members.export_transfer_file(mid, tmp_path / "qian.djzj")
    finally:
        ship_a.close(final_backup=False)
    received = workspace.members.import_transfer_file(tmp_path / "qian.djzj", date(2025, 6, 2))
    history = workspace.members.history(received.member_id).statuses
    assert history[0].changed_on == date(2015, 7, 1)  # ship A's rows are kept …
    assert "钱多" not in names(workspace, date(2024, 1, 10))  # … but say nothing here
    assert "钱多" not in names(workspace, date(2025, 6, 1))
    assert "钱多" in names(workspace, date(2025, 6, 10))
    attendance = (Attendance(received.member_id),)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(general_meeting(branch, date(2025, 5, 20), attendance=attendance))
    assert ("attendance.0", "not_in_branch") in codes(refused)


def test_a_group_meeting_offers_the_group_and_a_committee_meeting_the_committee(workspace, branch):
    day = date(2025, 5, 20)
    deck = names(workspace, day, MeetingType.GROUP, branch.groups[0])
    assert deck == sorted(["王海", "李静", "赵敏", "周新"])
    assert names(workspace, day, MeetingType.COMMITTEE) == sorted(["王海", "李静", "陈刚"])
    draft = workspace.meetings.draft(MeetingType.GROUP, day, branch.groups[0])
    assert {a.presence for a in draft.attendance} == {Presence.PRESENT}
    assert len(draft.attendance) == 4
    # For the form, which lists those expected itself: the same start, no list read.
    bare = workspace.meetings.draft(MeetingType.GROUP, day, branch.groups[0], sign_in=False)
    assert bare == replace(draft, attendance=())


# --- refusals, nothing half-saved ---------------------------------------------------------
def test_attendance_for_someone_not_in_the_branch_is_refused_and_nothing_written(workspace, branch):
    workspace.members.transfer_out(branch.id("孙丽"), leaving(date(2025, 3, 1)))
    meeting = general_meeting(branch, date(2025, 5, 20))
    gone = (*meeting.attendance, Attendance(branch.id("孙丽")))
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(replace(meeting, attendance=gone), attachments_added=())
    assert codes(refused) == {(f"attendance.{len(gone) - 1}", "not_in_branch")}
    assert snapshot(workspace) == before


def test_more_votes_than_members_present_is_refused(workspace, branch):
    day = date(2025, 5, 20)
    meeting = general_meeting(branch, day)
    away = {branch.id("刘洋"), branch.id("孙丽")}
    attendance = tuple(
        replace(a, presence=Presence.LEAVE, reason=LeaveReason.AT_SEA) if a.member_id in away else a
        for a in meeting.attendance
    )
    # 7 on the list, 5 present, of them 4 正式党员 (周新 is 预备, no vote): 6 votes cannot
    # have been cast, nor 5.
    vote = Resolution("同意周新同志转为正式党员", ResolutionKind.GENERAL, yes=6)
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(replace(meeting, attendance=attendance, resolutions=(vote,)))
    assert ("resolutions.0.yes", "votes_exceed_present") in codes(refused)
    assert snapshot(workspace) == before
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(
            replace(meeting, attendance=attendance, resolutions=(replace(vote, yes=5),))
        )
    assert ("resolutions.0.yes", "votes_exceed_present") in codes(refused)
    fine = replace(vote, yes=4)
    mid, _ = workspace.meetings.save(replace(meeting, attendance=attendance, resolutions=(fine,)))
    report = workspace.meetings.quorum_report(mid)
    assert (report.head.expected, report.head.present, report.head.on_leave) == (7, 5, 2)
    # 6 正式党员 entitled: 4 present are a quorum (4 × 2 > 6); 4 yes of 6 passes.
    assert (report.quorum.entitled, report.quorum.present) == (6, 4)
    assert report.quorum.quorate and report.outcomes[0].passed


def test_a_meeting_in_the_future_cannot_be_marked_held(workspace, branch):
    future = date(2025, 6, 20)  # today is 2025-06-15
    planned = Meeting(MeetingType.COMMITTEE, "六月支委会", future, host_id=branch.id("王海"))
    mid, changes = workspace.meetings.save(planned)
    assert changes == CHANGED
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.hold(mid)
    assert codes(refused) == {("date", "held_in_future")}
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(replace(planned, id=mid, status=MeetingStatus.HELD))
    assert ("date", "held_in_future") in codes(refused)
    assert snapshot(workspace) == before


def test_a_minutes_paste_of_600000_characters_is_refused_at_the_field(workspace, branch):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(general_meeting(branch, minutes="会" * 600_000))
    assert ("minutes", "too_long") in codes(refused)
    assert snapshot(workspace) == before


def test_dates_out_of_order_are_refused(workspace, branch):
    late = general_meeting(branch, late_record=True, recorded_on=date(2025, 5, 1))
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(late)
    assert ("recorded_on", "before_meeting") in codes(refused)


# --- the life cycle -----------------------------------------------------------------------
def test_life_cycle_locks_the_archived_record_and_reopening_is_audited(workspace, branch):
    mid, _ = workspace.meetings.save(general_meeting(branch))
    assert workspace.meetings.archive(mid) == CHANGED
    stored = workspace.meetings.get(mid)
    assert stored.status is MeetingStatus.ARCHIVED
    before = snapshot(workspace)
    for write in (
        lambda: workspace.meetings.save(replace(stored, topic="改过的议题")),
        lambda: workspace.meetings.hold(mid),
        lambda: workspace.meetings.archive(mid),
        lambda: workspace.meetings.delete(mid),
    ):
        with pytest.raises(MeetingArchivedError):
            write()
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.reopen(mid, "   ")
    assert codes(refused) == {("reason", "reason_required")}
    assert snapshot(workspace) == before

    workspace.meetings.reopen(mid, "补充会议决议的表决情况")
    [(_action, detail)] = table(
        workspace, "SELECT action, detail FROM audit_log WHERE action = 'meeting.reopen'"
    )
    assert json.loads(detail) == {
        "v": 1,
        "kind": "meeting",
        "ids": [mid],
        "reason": "补充会议决议的表决情况",
    }
    assert workspace.meetings.get(mid).status is MeetingStatus.HELD
    workspace.meetings.save(replace(workspace.meetings.get(mid), topic="改过的议题"))
    assert workspace.meetings.get(mid).topic == "改过的议题"


def test_a_planned_record_cannot_be_archived(workspace, branch):
    mid, _ = workspace.meetings.save(general_meeting(branch, status=MeetingStatus.PLANNED))
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.archive(mid)
    assert ("status", "not_held") in codes(refused)


def test_delete_and_restore(workspace, branch):
    mid, _ = workspace.meetings.save(general_meeting(branch))
    workspace.meetings.delete(mid)
    assert workspace.meetings.ids(MeetingFilter(), MeetingSort()) == []
    assert workspace.meetings.ids(MeetingFilter(only_deleted=True), MeetingSort()) == [mid]
    with pytest.raises(MeetingDeletedError):
        workspace.meetings.hold(mid)
    workspace.meetings.restore(mid)
    assert workspace.meetings.ids(MeetingFilter(), MeetingSort()) == [mid]
    with pytest.raises(NotFoundError):
        workspace.meetings.get(mid + 100)


def test_plan_a_quarter_in_one_transaction(workspace, branch):
    months = (date(2025, 7, 4), date(2025, 8, 1), date(2025, 9, 5))
    plans = [Meeting(MeetingType.THEME_DAY, f"{d.month}月主题党日", d) for d in months]
    audit = len(table(workspace, "SELECT id FROM audit_log"))
    ids, changes = workspace.meetings.plan(plans)
    assert changes == CHANGED and len(ids) == 3
    assert len(table(workspace, "SELECT id FROM audit_log")) == audit + 1
    rows = workspace.meetings.rows(ids)
    assert {rows[i].status for i in ids} == {MeetingStatus.PLANNED}
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.plan([*plans, replace(plans[0], topic="")])
    assert codes(refused) == {("meetings.3.topic", "required")}
    assert snapshot(workspace) == before


def test_save_round_trip_keeps_every_field(workspace, branch):
    meeting = general_meeting(
        branch,
        agenda=(AgendaItem("学习党章", "逐条学习"), AgendaItem("讨论转正")),
        minutes="第一行\n\n  第二行缩进保留  ",
        guests=("公司党委组织部 张三",),
        theme_tags=(),
        follow_ups="下次会议前完成整改",
    )
    mid, _ = workspace.meetings.save(meeting)
    stored = workspace.meetings.get(mid)
    assert replace(stored, id=None, uid="") == meeting
    row = workspace.meetings.rows([mid])[mid]
    assert (row.place, row.host_name, row.expected, row.present) == ("船舶党员活动室", "王海", 7, 7)


def test_the_list_filters_and_sorts_in_sql(workspace, branch):
    a, _ = workspace.meetings.save(general_meeting(branch, date(2025, 2, 10), topic="一季度大会"))
    b, _ = workspace.meetings.save(general_meeting(branch, date(2025, 5, 10), topic="二季度大会"))
    day = Meeting(
        MeetingType.THEME_DAY,
        "主题党日暨党课",
        date(2025, 4, 3),
        MeetingStatus.HELD,
        also_counts_as=MeetingType.LECTURE,
    )
    c, _ = workspace.meetings.save(day)
    ids = workspace.meetings.ids
    assert ids(MeetingFilter(), MeetingSort()) == [b, c, a]
    assert ids(MeetingFilter(year=2025, quarter=2), MeetingSort(descending=False)) == [c, b]
    assert ids(MeetingFilter(types=(MeetingType.LECTURE,)), MeetingSort()) == [c]
    assert ids(MeetingFilter(text="季度"), MeetingSort()) == [b, a]


def test_every_write_returns_the_meetings_change(workspace, branch):
    """…and the 积分 change when the attendance's derived entries came or went."""
    scores = CHANGED | Changes(scores=True)
    mid, changes = workspace.meetings.save(general_meeting(branch))
    assert changes == scores
    assert workspace.meetings.save(workspace.meetings.get(mid))[1] == CHANGED  # nothing new
    assert workspace.meetings.archive(mid) == CHANGED
    assert workspace.meetings.reopen(mid, "更正") == CHANGED
    assert workspace.meetings.delete(mid) == scores
    assert workspace.meetings.restore(mid) == scores


def test_a_given_uid_already_in_the_file_is_replaced_not_an_integrity_error(workspace, branch):
    first, _ = workspace.meetings.save(general_meeting(branch))
    uid = workspace.meetings.get(first).uid
    second, _ = workspace.meetings.save(general_meeting(branch, topic="另一次", uid=uid))
    assert workspace.meetings.get(second).uid not in ("", uid)
    kept, _ = workspace.meetings.save(
        general_meeting(branch, topic="第三次", uid="00000000-0000-4000-8000-000000000001")
    )
    assert workspace.meetings.get(kept).uid == "00000000-0000-4000-8000-000000000001"
