"""ws.points.regenerate (issue 9): progress reported, Cancel leaves the data as it was (one
transaction), and a year already in step writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import Changes, point_sync
from tests.unit.services.meeting_data import general_meeting, make_branch
from tests.unit.services.member_data import table

DERIVED = "SELECT id, meeting_id, member_id, rule_code, date, points FROM point_entry ORDER BY id"


@pytest.fixture
def branch(workspace):
    branch = make_branch(workspace)
    ws = branch.ws
    ws.meetings.save(general_meeting(branch))
    ws.meetings.save(general_meeting(branch, date(2025, 2, 20), topic="第一季度"))
    # Out of step, as after a repair by hand: the derived entries of the year are gone.
    with ws.database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM point_entry WHERE derived")
    return branch


def audit_count(ws) -> int:
    return table(ws, "SELECT count(*) FROM audit_log WHERE action = 'points.regenerate'")[0][0]


def test_regenerating_reports_progress_to_the_end(branch):
    calls: list[tuple[int, int]] = []
    result, changes = branch.ws.points.regenerate(2025, lambda d, t: calls.append((d, t)) or True)
    assert result.added == 14 and changes.scores
    assert len(calls) >= 3 and calls[0][0] == 0
    done, total = calls[-1]
    assert done == total > 0
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)  # never backwards


@pytest.mark.parametrize("stop_at", [1, 2, 3])
def test_cancel_leaves_the_data_unchanged(branch, stop_at):
    ws = branch.ws
    before, audits = table(ws, DERIVED), audit_count(ws)
    point_sync.WRITE_CHUNK, chunk = 5, point_sync.WRITE_CHUNK  # several writes, cancel between
    calls = []

    def progress(done, total):
        calls.append(done)
        return len(calls) < stop_at

    try:
        with pytest.raises(Cancelled):
            ws.points.regenerate(2025, progress)
    finally:
        point_sync.WRITE_CHUNK = chunk
    assert table(ws, DERIVED) == before
    assert audit_count(ws) == audits  # not even the audit row
    result, _ = ws.points.regenerate(2025)  # and the next run does all of it
    assert result.added == 14


def test_a_rerun_in_step_writes_nothing(branch, monkeypatch):
    ws = branch.ws
    ws.points.regenerate(2025)
    before = table(ws, DERIVED)
    writes = []
    for name in ("insert_many", "delete_entries", "move_entries", "update_entry"):
        real = getattr(point_sync.point_repo, name)

        def spy(s, rows, *args, _real=real, _name=name):
            if rows:
                writes.append(_name)
            return _real(s, rows, *args)

        monkeypatch.setattr(point_sync.point_repo, name, spy)
    result, changes = ws.points.regenerate(2025)
    assert not result and writes == []
    assert changes == Changes()  # nothing for the views to read again
    assert table(ws, DERIVED) == before


def test_a_moved_meeting_moves_its_entries_on_regeneration(branch):
    ws = branch.ws
    ws.points.regenerate(2025)
    points_before = {r[0]: r[5] for r in table(ws, DERIVED)}
    with ws.database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE point_entry SET date = '2025-01-01' WHERE derived")
    result, _ = ws.points.regenerate(2025)
    assert (result.added, result.removed, result.moved) == (0, 0, 14)
    rows = table(ws, DERIVED)
    assert {r[0]: r[5] for r in rows} == points_before  # same rows, same points
    assert {str(r[4]) for r in rows} == {"2025-05-20", "2025-02-20"}
