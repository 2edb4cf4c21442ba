"""The 工作台's 6-month reminder reads the newest meetings first and asks the member index
for the rest (meeting_figures_repo.last_present_of, issue 11's ≤ 100 ms): whichever way a
member is settled, the answer is last_present's, and people_on is roster_on's names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.meetings import MeetingStatus, Presence
from dangjian_desktop.services.meeting_common import stay_starts
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.storage import meeting_figures_repo
from tests.unit.services.meeting_data import general_meeting, make_branch

DAYS = [date(2024, m, 10) for m in (1, 3, 5, 7, 9, 11)]


@pytest.fixture
def ledger(workspace):
    """Six held meetings and a planned one (which never counts); each member misses a
    different set of them."""
    branch = make_branch(workspace)
    for i, day in enumerate(DAYS):
        m = general_meeting(branch, day)
        lines = tuple(
            replace(a, presence=Presence.ABSENT) if (a.member_id + i) % (2 + i % 3) == 0 else a
            for a in m.attendance
        )
        workspace.meetings.save(replace(m, attendance=lines))
    planned = general_meeting(branch, date(2026, 1, 5), status=MeetingStatus.PLANNED)
    workspace.meetings.save(planned)
    return workspace, branch


def _answers(ws):
    with read_session(ws._db.engine) as s:
        everyone = meeting_figures_repo.last_present(s)
        roster = stay_starts(s)
        return everyone, roster, meeting_figures_repo.last_present_of(s, roster)


@pytest.mark.parametrize("batch_lines", [1, 3, 10, 1_000_000])
def test_last_present_of_equals_last_present_for_every_batch_size(ledger, monkeypatch, batch_lines):
    ws, _branch = ledger
    monkeypatch.setattr(meeting_figures_repo, "BATCH_LINES", batch_lines)
    everyone, roster, fast = _answers(ws)
    assert fast == {m: d for m, d in everyone.items() if m in roster}
    assert len(set(fast.values())) > 1  # the crafted ledger has different last dates


def test_no_life_members_unchanged_by_the_fast_path(ledger, monkeypatch):
    ws, _branch = ledger
    slow = ws.meetings.no_life_members(date(2025, 6, 1))
    for batch_lines in (1, 4, 1_000_000):
        monkeypatch.setattr(meeting_figures_repo, "BATCH_LINES", batch_lines)
        assert ws.meetings.no_life_members(date(2025, 6, 1)) == slow
    assert slow  # everyone: the last meeting was 2024-11-10
    assert [n.last_present for n in slow] == sorted(
        (n.last_present for n in slow), key=lambda d: d or date.min
    )


def test_people_on_is_roster_on_names_in_roster_order(ledger):
    ws, _branch = ledger
    for day in (date(2023, 1, 1), DAYS[2], date(2026, 1, 5)):
        assert ws.meetings.people_on(day) == [
            (m.member_id, m.name) for m in ws.meetings.roster_on(day)
        ]
