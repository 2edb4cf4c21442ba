"""Sign-in lines read from rows are the very values the constructor makes: equal, with the
same hash and repr, still frozen; a stored value that is no presence or reason is damage."""

from __future__ import annotations

import dataclasses

import pytest

from dangjian_desktop.domain.meetings import Attendance, LeaveReason, Presence
from dangjian_desktop.storage.meeting_repo import attendance_from

ROWS = [
    (7, "present", "", "", 0, "", ""),
    (8, "leave", "at_sea", "随兴海油3轮执行运输任务", 0, "", ""),
    (9, "absent", "", "未请假", False, "", ""),
    (10, "leave", "sick", "", 1, "长期病休", "公司党委同意"),
]


def constructed(row) -> Attendance:
    mid, presence, reason, note, excluded, why, approval = row
    return Attendance(
        mid, Presence(presence), LeaveReason(reason), note, bool(excluded), why, approval
    )


def test_lines_from_rows_equal_the_constructed_values():
    lines = attendance_from(ROWS)
    expected = [constructed(row) for row in ROWS]
    assert list(lines) == expected
    assert [hash(a) for a in lines] == [hash(a) for a in expected]
    assert [repr(a) for a in lines] == [repr(a) for a in expected]
    assert [dataclasses.astuple(a) for a in lines] == [dataclasses.astuple(a) for a in expected]
    assert all(type(a.excluded) is bool for a in lines)


def test_lines_from_rows_stay_frozen():
    line = attendance_from(ROWS[:1])[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.presence = Presence.ABSENT  # type: ignore[misc]
    assert dataclasses.replace(line, presence=Presence.ABSENT).presence is Presence.ABSENT


@pytest.mark.parametrize("bad", [(1, "gone", "", "", 0, "", ""), (1, "leave", "??", "", 0, "", "")])
def test_a_stored_value_that_is_no_member_of_its_enum_is_damage(bad):
    with pytest.raises(ValueError):
        attendance_from([bad])
