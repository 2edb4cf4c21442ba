"""The 工作台 keeps its roster part and each member's last meeting between refreshes and
learns what changed from the audit log (services/dashboard_cache.py). Whatever the change,
a refresh must say exactly what a service that never cached anything says — and the cheap
ways (a few members, a few meetings) must be the ones taken, or the test proves nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.audit import AuditEntry
from dangjian_desktop.domain.dashboard import DueKind
from dangjian_desktop.domain.meetings import LeaveReason, MeetingStatus, Presence
from dangjian_desktop.domain.people import PartyStatus, StatusChange, Transfer, TransferDirection
from dangjian_desktop.services import dashboard_cache
from dangjian_desktop.services.dashboard_cache import EVERYTHING, Touched, touched_by
from dangjian_desktop.services.dashboard_service import DashboardService
from tests.unit.services.meeting_data import PROFILE, general_meeting, make_branch
from tests.unit.services.member_data import member

DAY = date(2025, 6, 15)  # tests/conftest.py's TODAY
AT = date(2025, 1, 1)


def entry(action: str, kind: str = "", ids: tuple[int, ...] = ()) -> AuditEntry:
    return AuditEntry(1, AT, "tester", action, kind=kind, ids=ids, text="" if kind else "x")


@pytest.mark.parametrize(
    ("entries", "touched"),
    [
        ([], Touched()),
        ([entry("export.roster", "roster")], Touched()),  # an export changes no data
        ([entry("backup.take", "backup")], Touched()),
        ([entry("points.entry.add", "points", (4,))], Touched()),  # nothing cached reads 积分
        ([entry("venues.save_inspection", "venues", (2,))], Touched()),
        ([entry("settings.save", "settings")], Touched()),
        ([entry("member.update", "member", (3,))], Touched(members=frozenset({3}))),
        ([entry("member.import_roster", "member")], Touched(roster=True)),  # ids not said
        ([entry("branch.save_profile", "branch")], Touched(roster=True)),
        (
            [entry("meeting.update", "meeting", (7,)), entry("meeting.hold", "meeting", (8,))],
            Touched(meetings=frozenset({7, 8})),
        ),
        ([entry("meeting.add", "meeting")], EVERYTHING),  # a meeting row without its id
        ([entry("data_file.restore", "data_file")], EVERYTHING),
        ([entry("member.update")], EVERYTHING),  # an old plain-text row
        ([entry("something.new", "newkind", (1,))], EVERYTHING),  # a kind not known here
    ],
)
def test_what_each_audit_row_touches(entries, touched):
    assert touched_by(entries) == touched


def uncached(ws):
    """A 工作台 service that has never read anything: the answer to compare with."""
    fresh = DashboardService(
        lambda: ws.database.engine,
        lambda: DAY,
        ws.note_changes,
        meetings=ws.meetings,
        health=ws.file_health,
    )
    fresh.rectification_source = ws.venues.open_rectifications
    return fresh.items(DAY)


@pytest.fixture
def ledger(workspace, monkeypatch):
    """A branch with two held meetings; the cheap ways are taken however few members the
    branch has (a change concerning 3 of 7 members would otherwise read them all again)."""
    monkeypatch.setattr(dashboard_cache, "REREAD", 0)
    branch = make_branch(workspace)
    first, _ = workspace.meetings.save(general_meeting(branch, date(2024, 10, 10)))
    second, _ = workspace.meetings.save(general_meeting(branch, date(2024, 12, 10)))
    return workspace, branch, first, second


READS: list[str] = []  # full reads by ws.dashboard's cache (the uncached one's are dropped)


def same_as_uncached(ws) -> None:
    mine = ws.dashboard.items(DAY)
    before = len(READS)
    theirs = uncached(ws)
    del READS[before:]
    assert mine == theirs


def count_reads(monkeypatch, part, name: str) -> list[str]:
    original = getattr(dashboard_cache, part).read.__func__

    def read(cls, *args):
        READS.append(name)
        return original(cls, *args)

    monkeypatch.setattr(getattr(dashboard_cache, part), "read", classmethod(read))
    READS.clear()
    return READS


def test_meeting_changes_are_followed_meeting_by_meeting(ledger, monkeypatch):
    ws, branch, first, second = ledger
    same_as_uncached(ws)
    reads = count_reads(monkeypatch, "LastPresent", "last")
    quiet = branch.id("孙丽")
    meeting = ws.meetings.get(second)

    def absent(m, who):
        lines = tuple(
            replace(a, presence=Presence.ABSENT, reason=LeaveReason.OTHER)
            if a.member_id == who
            else a
            for a in m.attendance
        )
        return replace(m, attendance=lines)

    # Her last meeting was the second: marked absent, it falls back to the first one.
    ws.meetings.save(absent(meeting, quiet))
    same_as_uncached(ws)
    [item] = [i for i in ws.dashboard.items(DAY).due if i.ref.member_id == quiet]
    assert item.since == date(2024, 10, 10)
    # Another meeting on the second one's day: marked absent at the second, 王海 keeps
    # the day through the other (and the whole sign-in list of the day is not read again).
    ws.meetings.save(general_meeting(branch, date(2024, 12, 10), topic="临时支部党员大会"))
    same_as_uncached(ws)
    ws.meetings.save(absent(ws.meetings.get(second), branch.id("王海")))
    same_as_uncached(ws)
    [item] = [i for i in ws.dashboard.items(DAY).due if i.ref.member_id == quiet]
    assert item.since == date(2024, 12, 10)  # 孙丽 was at the other one
    # The second meeting moved before the first: the first is everyone's last now.
    ws.meetings.save(replace(ws.meetings.get(second), date=date(2024, 9, 1)))
    same_as_uncached(ws)
    ws.meetings.delete(first)
    same_as_uncached(ws)
    ws.meetings.restore(first)
    same_as_uncached(ws)
    # A planned meeting counts once it is held.
    planned, _ = ws.meetings.save(
        general_meeting(branch, date(2025, 6, 1), status=MeetingStatus.PLANNED)
    )
    same_as_uncached(ws)
    ws.meetings.hold(planned)
    same_as_uncached(ws)
    assert not [i for i in ws.dashboard.items(DAY).due if i.kind is DueKind.NO_LIFE]
    assert reads == [], "a meeting change read every member's last meeting again"


def test_member_changes_read_only_those_members(ledger, monkeypatch):
    ws, branch, _first, _second = ledger
    same_as_uncached(ws)
    reads = count_reads(monkeypatch, "RosterPart", "roster")
    someone = branch.id("刘洋")
    ws.members.update(replace(ws.members.get(someone), name="刘阳"))
    same_as_uncached(ws)
    ws.members.change_status(someone, StatusChange(PartyStatus.SUSPENDED, date(2025, 3, 1)))
    same_as_uncached(ws)
    ws.members.change_status(someone, StatusChange(PartyStatus.NORMAL, date(2025, 4, 1)))
    same_as_uncached(ws)  # back on the roster, a newcomer since April: not flagged
    ws.members.delete(branch.id("赵敏"))
    same_as_uncached(ws)
    ws.members.restore(branch.id("赵敏"))
    same_as_uncached(ws)
    ws.members.transfer_out(
        branch.id("陈刚"),
        Transfer(TransferDirection.OUT, date(2025, 5, 1), to_org="兴海油8轮党支部"),
    )
    same_as_uncached(ws)
    ws.members.add(member("吴新", 120, join_date=date(2020, 7, 1), full_date=date(2021, 7, 1)))
    same_as_uncached(ws)
    assert reads == [], "a change to a few members read the whole roster again"
    ws.branch.save_profile(replace(ws.branch.profile(), full_name="兴海油6轮党支部（新）"))
    same_as_uncached(ws)
    assert reads == ["roster"]


def test_a_restore_drops_everything(ledger, tmp_path):
    ws, branch, _first, second = ledger
    backup = ws.backup_now()
    same_as_uncached(ws)
    ws.meetings.delete(second)
    ws.members.update(replace(ws.members.get(branch.id("王海")), name="王大海"))
    same_as_uncached(ws)
    ws.restore(backup.path)
    same_as_uncached(ws)
    assert ws.members.get(branch.id("王海")).name == "王海"


def test_too_many_rows_since_read_everything_again(ledger, monkeypatch):
    ws, branch, _first, second = ledger
    same_as_uncached(ws)
    monkeypatch.setattr(dashboard_cache, "MAX_ROWS", 1)
    ws.members.update(replace(ws.members.get(branch.id("王海")), phone="13800000000"))
    ws.meetings.delete(second)
    same_as_uncached(ws)


def test_profile_stays_untouched_by_the_cache(workspace):
    """An empty file: nothing is cached that is not there (the first run's 工作台)."""
    assert workspace.dashboard.items(DAY) == uncached(workspace)
    workspace.branch.save_profile(PROFILE)
    assert workspace.dashboard.items(DAY) == uncached(workspace)
