"""The sample branch (dangjian_desktop.demo): realistic, within every rule, deterministic,
and written completely or not at all."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.demo import build, build_demo, crew
from dangjian_desktop.domain.branch import CommitteePost, TermStatus, validate_profile
from dangjian_desktop.domain.id_number import parse_id
from dangjian_desktop.domain.member_rules import validate_member
from dangjian_desktop.domain.people import (
    MemberCategory,
    MemberFilter,
    MemberSort,
    PartyPost,
    PartyStatus,
    TransferDirection,
)
from dangjian_desktop.services import Workspace
from dangjian_desktop.storage.engine import readonly_uri
from dangjian_desktop.storage.errors import FileInUseError
from tests.conftest import TODAY

# Written by the storage layer from the wall clock on every write; everything else must match.
CLOCK_COLUMNS = {
    "at",
    "created_at",
    "updated_at",
    "deleted_at",
    "recorded_at",
    "archived_at",
    "added_at",
    "retired_at",
}
# GB/T 2260 province codes of the coastal provinces (and Shanghai, Tianjin).
COASTAL = {"12", "13", "21", "31", "32", "33", "35", "37", "44", "45", "46"}
EVERYONE = MemberFilter(statuses=(), include_deleted=True)


def open_sample(path: Path, today: date = TODAY) -> Workspace:
    return Workspace.open(path, today=lambda: today)


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "示例.sqlite"
    build_demo(path, today=TODAY)
    return path


@pytest.fixture
def sample(sample_path) -> Iterator[Workspace]:
    ws = open_sample(sample_path)
    yield ws
    ws.close(final_backup=False)


def everyone(ws: Workspace) -> dict[str, object]:
    members = ws.members.rows(ws.members.ids(EVERYONE, MemberSort()))
    return {m.name: m for m in members.values()}


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table; wall-clock timestamps reduced to "set or not"."""
    conn = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        result = {}
        for table in sorted(tables):
            cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            names = [d[0] for d in cursor.description]
            result[table] = [
                tuple(
                    (value is not None) if name in CLOCK_COLUMNS else value
                    for name, value in zip(names, row, strict=True)
                )
                for row in cursor
            ]
        return result
    finally:
        conn.close()


# --- deterministic ------------------------------------------------------------------------------


def test_the_same_today_gives_the_same_rows(tmp_path, sample_path):
    again = build_demo(tmp_path / "again.sqlite", today=TODAY).path
    first, second = dump(sample_path), dump(again)
    assert len(first["member"]) == 32 and len(first["member_transfer"]) == 4
    assert first == second


def test_a_step_added_later_leaves_the_other_steps_rows_as_they_were(
    tmp_path, sample_path, monkeypatch
):
    """Meetings, points and venue checks will each add a step; each step draws from its own
    generator, so the roster of the sample does not change when they do."""

    def meetings(ctx):
        ctx.rng.random()  # draws that would shift a shared generator

    first, *rest = build.STEPS
    monkeypatch.setattr(build, "STEPS", (first, meetings, *rest))
    extended = build_demo(tmp_path / "extended.sqlite", today=TODAY).path
    assert dump(extended) == dump(sample_path)


def test_dates_follow_today_not_the_clock(tmp_path, sample_path):
    later = build_demo(tmp_path / "later.sqlite", today=date(2031, 3, 1)).path
    assert dump(later)["member"] != dump(sample_path)["member"]


# --- within every rule --------------------------------------------------------------------------


def test_every_record_passes_the_rules_the_window_applies(sample):
    members = everyone(sample)
    assert len(members) == 32
    for member in members.values():
        assert validate_member(member, TODAY) == [], member.name
        info = parse_id(member.id_number, TODAY)
        assert info.region_code[:2] in COASTAL, member.name
        assert member.native_place == crew.REGIONS[info.region_code]
    assert len({m.id_number for m in members.values()}) == 32
    assert validate_profile(sample.branch.profile(), TODAY) == []


def test_counts_per_group_category_and_status(sample):
    count = sample.members.count
    groups = {g.name: g.id for g in sample.branch.profile().groups}
    assert {name: count(MemberFilter(party_group_id=gid)) for name, gid in groups.items()} == {
        "驾驶部党小组": 10,
        "轮机部党小组": 10,
        "公休党小组": 10,
    }
    assert count(MemberFilter()) == 30
    assert count(MemberFilter(category=MemberCategory.PROBATIONARY)) == 3
    assert count(MemberFilter(category=MemberCategory.FORMAL)) == 27
    assert count(MemberFilter(statuses=(PartyStatus.TRANSFERRED_OUT,))) == 1
    assert count(MemberFilter(statuses=(), only_deleted=True)) == 1
    active = [m for m in everyone(sample).values() if m.status is PartyStatus.NORMAL]
    assert [m.name for m in active if m.is_mobile] == [crew.MOBILE]
    assert [m.name for m in active if m.is_lost] == [crew.LOST]


def test_committee_of_five_are_formal_members_holding_those_posts(sample):
    profile = sample.branch.profile()
    members = everyone(sample)
    assert [c.post for c in profile.committee] == [
        CommitteePost.SECRETARY,
        CommitteePost.DEPUTY_SECRETARY,
        CommitteePost.ORGANIZATION,
        CommitteePost.PROPAGANDA,
        CommitteePost.DISCIPLINE,
    ]
    for seat in profile.committee:
        member = members[seat.name]
        assert member.category is MemberCategory.FORMAL
        assert member.party_post.value == seat.post.value
        assert seat.started_on == profile.term.election_date
    assert members[profile.committee[0].name].job_post == "政委"  # the 船舶政委 is 书记
    for group in profile.groups:
        leader = members[group.leader]
        assert leader.party_group_id == group.id and leader.party_post is PartyPost.GROUP_LEADER


def test_polyphonic_surnames_are_found_by_their_surname_reading(sample):
    def found(text):
        ids = sample.members.ids(MemberFilter(text=text), MemberSort())
        return [m.name for m in sample.members.rows(ids).values()]

    assert found("sxf") == ["单晓峰"]  # 单 is shan as a surname
    assert found("zht") == ["曾海涛"]  # 曾 zeng


# --- what the 工作台 shows ----------------------------------------------------------------------


# Month ends and a leap day: add_months clamps there, and the sample must still hold.
@pytest.mark.parametrize("today", [TODAY, date(2025, 12, 31), date(2026, 3, 31), date(2028, 2, 29)])
def test_one_probation_due_one_lost_member_and_no_term_reminder(tmp_path, today):
    path = build_demo(tmp_path / "d.sqlite", today=today).path
    ws = open_sample(path, today)
    try:
        reminders = ws.members.reminders()
        due = [(d.member.name, d.days_left) for d in reminders.probation_due]
        assert len(due) == 1 and due[0][0] == crew.PROBATION_DUE
        assert 0 <= due[0][1] <= 60
        lost = reminders.lost_contact
        assert [(c.member.name, c.review_due) for c in lost] == [(crew.LOST, True)]
        assert ws.branch.term_reminder().status is TermStatus.ACTIVE
    finally:
        ws.close(final_backup=False)


def test_transfers_of_crew_rotation_are_in_the_history(sample):
    ids = {m.name: m.id for m in everyone(sample).values()}

    def record(name):
        history = sample.members.history(ids[name])
        return (
            [s.status for s in history.statuses],
            [t.direction for t in history.transfers],
        )

    normal, out = PartyStatus.NORMAL, PartyStatus.TRANSFERRED_OUT
    assert record(crew.ROTATED_OUT.name) == ([normal, out], [TransferDirection.OUT])
    assert record(crew.ROTATED_IN) == ([normal], [TransferDirection.IN])
    # Seconded ashore and back: one record, the whole story in it.
    assert record(crew.SECONDED) == (
        [normal, out, normal],
        [TransferDirection.OUT, TransferDirection.IN],
    )
    assert sample.members.history(ids[crew.MISTAKEN.name]).deleted


# --- written completely or not at all -----------------------------------------------------------


def test_an_existing_file_is_refused_and_left_as_it_was(tmp_path):
    target = tmp_path / "台账.sqlite"
    target.write_bytes(b"real ledger")
    with pytest.raises(FileExistsError):
        build_demo(target, today=TODAY)
    assert target.read_bytes() == b"real ledger"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.sqlite"]


def test_overwrite_replaces_the_file_and_drops_its_stale_journal(tmp_path):
    target = tmp_path / "old.sqlite"
    target.write_bytes(b"old")
    stale = Path(f"{target}-wal")
    stale.write_bytes(b"a journal SQLite would replay into the new file")
    build_demo(target, today=TODAY, overwrite=True)
    assert not stale.exists()
    ws = open_sample(target)
    try:
        assert ws.members.count(MemberFilter()) == 30
    finally:
        ws.close(final_backup=False)


def test_overwrite_is_refused_while_a_window_has_the_file_open(tmp_path, sample_path):
    target = tmp_path / "open.sqlite"
    target.write_bytes(sample_path.read_bytes())
    before = target.read_bytes()
    ws = open_sample(target)
    try:
        with pytest.raises(FileInUseError):
            build_demo(target, today=TODAY, overwrite=True)
    finally:
        ws.close(final_backup=False)
    assert target.read_bytes() == before


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_a_failure_half_way_leaves_no_file_and_no_temporary_folder(tmp_path, monkeypatch, error):
    def fail(_ctx):
        raise error("stopped")

    monkeypatch.setattr(build, "STEPS", (*build.STEPS[:2], fail))
    with pytest.raises(error):
        build_demo(tmp_path / "half.sqlite", today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_the_new_file_stands_alone_in_its_folder(tmp_path):
    """No -wal, -shm, lock or temporary folder beside it: the journal is in the file. Its
    attachment folder (the 阵地 photos) is beside it, as the app keeps it."""
    build_demo(tmp_path / "示例.sqlite", today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["attachments", "示例.sqlite"]
    assert [p.name for p in (tmp_path / "attachments").iterdir()] == ["示例"]


# --- meetings -----------------------------------------------------------------------------------


def test_two_years_of_meetings_with_gaps_votes_late_records_and_an_archived_quarter(sample):
    from dangjian_desktop.domain.meeting_calendar import CellState
    from dangjian_desktop.domain.meetings import (
        MeetingFilter,
        MeetingSort,
        MeetingStatus,
        MeetingType,
        ResolutionKind,
    )

    meetings = sample.meetings
    ids = meetings.ids(MeetingFilter(), MeetingSort())
    rows = meetings.rows(ids)
    assert 120 <= len(rows) <= 160
    statuses = {s: sum(r.status is s for r in rows.values()) for s in MeetingStatus}
    assert statuses[MeetingStatus.PLANNED] == 2 and statuses[MeetingStatus.ARCHIVED] > 10
    assert all(r.date > TODAY for r in rows.values() if r.status is MeetingStatus.PLANNED)
    assert sum(r.late_record for r in rows.values()) >= 2
    assert any(r.also_counts_as is MeetingType.LECTURE for r in rows.values())
    last_year = meetings.calendar(TODAY.year - 1)
    missing = [(r.rule.type, r.group_name) for r in last_year for _ in range(r.missing)]
    assert 1 <= len(missing) <= 3
    assert not [r for r in last_year if r.rule.type is MeetingType.GENERAL and r.missing]
    # The admission: quorate, passed, written opinions counted.
    [admission] = [
        i
        for i in ids
        if rows[i].status is not MeetingStatus.PLANNED
        and any(r.kind is ResolutionKind.ADMISSION for r in meetings.get(i).resolutions)
    ]
    report = meetings.quorum_report(admission)
    assert report.quorum.quorate and report.outcomes[0].passed
    assert report.outcomes[0].written_counted
    # Leave as a tanker's crew takes it: 公休 and 在航.
    leave = [a.reason.value for i in ids[:40] for a in meetings.get(i).attendance if a.reason]
    assert {"shore_leave", "at_sea"} <= set(leave)
    # Every held record names its host and recorder (it could be archived).
    for meeting_id in ids[:30]:
        meeting = meetings.get(meeting_id)
        assert meeting.status is MeetingStatus.PLANNED or (meeting.host_id and meeting.recorder_id)
    assert {c.state for r in meetings.calendar(TODAY.year) for c in r.cells} >= {
        CellState.DONE,
        CellState.UPCOMING,
    }


def test_the_sample_has_a_year_of_points_typed_and_derived(sample):
    """Issue 9 item 8: a scheme, typed and derived entries, 三评 and 民主评议 grades."""
    from dangjian_desktop.domain.points import EntryFilter, Grade, PeriodKey

    year = PeriodKey(TODAY.year)
    last = PeriodKey(TODAY.year - 1)
    points = sample.points
    assert points.count(EntryFilter(period=year, derived=True)) > 100
    assert points.count(EntryFilter(period=year, derived=False)) > 50
    assert points.count(EntryFilter(period=last, derived=False)) > 50
    report = points.totals(last)
    assert any(t.capped for t in report.totals)  # a cap shows in a statement
    assert any(t.evaluation for t in report.totals)
    sheet = points.appraisal(TODAY.year - 1)
    excellent = sum(g.grade is Grade.EXCELLENT for g in sheet.grades.values())
    assert 0 < excellent * 3 <= len(sheet.grades)
    assert not [w for w in sheet.warnings if w.code == "excellent_over_third"]
    [overridden] = [
        row
        for row in points.rows(points.ids(EntryFilter(period=year, rule_code="V02"))).values()
        if row.override_reason
    ]
    assert overridden.evidence_id is not None


def test_the_sample_makes_a_full_report_package(tmp_path, sample_path):
    """`dangjian demo` data gives a 上报材料 with every part filled (issue 11 item 8)."""
    import json
    import shutil
    import zipfile

    copy = tmp_path / "副本.sqlite"
    shutil.copy(sample_path, copy)
    ws = open_sample(copy)
    try:
        result = ws.reports.package(tmp_path, str(TODAY.year))
        assert ws.reports.verify(result.path).ok
    finally:
        ws.close(final_backup=False)
    with zipfile.ZipFile(result.path) as z:
        data = json.loads(z.read("data/report_data.json"))
    sections = data["sections"]
    assert len(sections["members"]["rows"]) >= 30
    assert len(sections["meetings"]["rows"]) >= 20
    assert sections["statistics"]["total"] >= 30
    assert data["branch"]["name"]
