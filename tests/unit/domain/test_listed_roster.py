"""The roster as columns and the quorum counted from ids equal the object-per-member rules
they stand in for (meeting_rules.expected_members and quorum), on every meeting type."""

from __future__ import annotations

import random

import pytest

from dangjian_desktop.domain.meeting_roster import ListedRoster, quorum_of_listed
from dangjian_desktop.domain.meeting_rules import ListedMember, expected_members, quorum
from dangjian_desktop.domain.meetings import Attendance, LeaveReason, MeetingType, Presence

MEMBERS = [
    ListedMember(11, "王海", True, 1, True),
    ListedMember(12, "李静", True, 1, True),
    ListedMember(13, "陈刚", True, 2, False),
    ListedMember(14, "赵敏", False, 1, False),  # 预备党员
    ListedMember(15, "刘洋", True, None, True),  # no 党小组
    ListedMember(16, "孙丽", True, 2, False),
]


@pytest.mark.parametrize("kind", list(MeetingType))
@pytest.mark.parametrize("group", [None, 1, 2, 3])
def test_expected_is_expected_members(kind, group):
    roster = ListedRoster.of(MEMBERS)
    expected = roster.expected(kind, group)
    assert expected.members() == expected_members(kind, MEMBERS, group)
    members = expected.members()
    assert expected.formal_ids == tuple(m.member_id for m in members if m.formal)
    assert expected.committee_ids == tuple(m.member_id for m in members if m.on_committee)
    assert len(expected) == len(members)


def test_columns_round_trip_and_the_pickers_names():
    roster = ListedRoster.of(MEMBERS)
    assert roster.members() == MEMBERS
    assert roster.by_id() == {m.member_id: m for m in MEMBERS}
    assert roster.people() == [(m.member_id, m.name) for m in MEMBERS]
    assert roster.ids == tuple(m.member_id for m in MEMBERS)
    empty = ListedRoster.of([])
    assert (len(empty), empty.members(), empty.expected(MeetingType.GROUP, 1).members()) == (
        0,
        [],
        [],
    )


def _random_line(rng: random.Random, member_id: int) -> Attendance:
    presence = rng.choice(list(Presence))
    excluded = rng.random() < 0.2
    reason = rng.choice(list(LeaveReason)) if presence is not Presence.PRESENT else LeaveReason.NONE
    return Attendance(
        member_id,
        presence,
        reason,
        note=rng.choice(["", "晚到"]),
        excluded=excluded,
        exclusion_reason="在航" if excluded else "",
        exclusion_approval="经同意" if excluded else "",
    )


@pytest.mark.parametrize("seed", range(40))
def test_quorum_of_listed_is_quorum_of_the_whole_list(seed):
    rng = random.Random(seed)
    ids = rng.sample(range(1, 60), rng.randint(0, 30))
    lines, plain = [], []
    for member_id in ids:
        if rng.random() < 0.5:
            plain.append(member_id)
        elif rng.random() < 0.2:
            lines.append(Attendance(member_id))  # a plain line given as a line
        else:
            lines.append(_random_line(rng, member_id))
    # The entitled: some on the list, some left off it (away), some strangers.
    formal = [m for m in range(1, 70) if rng.random() < 0.6]
    committee = [m for m in range(1, 70) if rng.random() < 0.1]
    whole = [*lines, *(Attendance(m) for m in plain)]
    rng.shuffle(whole)
    for kind in MeetingType:
        assert quorum_of_listed(kind, plain, lines, formal, committee) == quorum(
            kind, whole, formal, committee
        ), (seed, kind)
