"""A small ship branch with members, groups, a committee and a venue, for the meeting
service tests (no Qt). Today is tests/conftest.py's TODAY (2025-06-15)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    PartyGroup,
    Venue,
)
from dangjian_desktop.domain.meetings import Attendance, Meeting, MeetingStatus, MeetingType
from dangjian_desktop.domain.people import MemberCategory
from dangjian_desktop.services import Workspace
from tests.unit.services.member_data import member

PROFILE = BranchProfile(
    full_name="兴海油6轮党支部",
    founded_on=date(2010, 1, 1),
    term=CommitteeTerm(ordinal=3, election_date=date(2024, 3, 1), term_years=3),
    groups=(PartyGroup("驾驶部党小组"), PartyGroup("轮机部党小组")),
    venues=(Venue("船舶党员活动室"), Venue("船员基地活动室")),
)
# name, seq (ID number), group index, joined; the first three hold the committee seats.
PEOPLE = (
    ("王海", 101, 0, date(2008, 7, 1)),
    ("李静", 102, 0, date(2009, 7, 1)),
    ("陈刚", 103, 1, date(2010, 7, 1)),
    ("赵敏", 104, 0, date(2011, 7, 1)),
    ("刘洋", 105, 1, date(2012, 7, 1)),
    ("孙丽", 106, 1, date(2013, 7, 1)),
)
SEATS = (CommitteePost.SECRETARY, CommitteePost.ORGANIZATION, CommitteePost.PROPAGANDA)


@dataclass
class Branch:
    ws: Workspace
    ids: dict[str, int] = field(default_factory=dict)
    groups: list[int] = field(default_factory=list)
    venues: list[int] = field(default_factory=list)

    def id(self, name: str) -> int:
        return self.ids[name]


def make_branch(ws: Workspace) -> Branch:
    ws.branch.save_profile(PROFILE)
    profile = ws.branch.profile()
    branch = Branch(
        ws, groups=[g.id for g in profile.groups], venues=[v.id for v in profile.venues]
    )
    for name, seq, group, joined in PEOPLE:
        record = member(
            name,
            seq,
            join_date=joined,
            full_date=date(joined.year + 1, 7, 1),
            party_group_id=branch.groups[group],
        )
        branch.ids[name], _ = ws.members.add(record)
    # A 预备党员 of 2025: on the roster, but no vote.
    probationary = member(
        "周新",
        107,
        join_date=date(2025, 1, 10),
        full_date=None,
        category=MemberCategory.PROBATIONARY,
        party_group_id=branch.groups[0],
    )
    branch.ids["周新"], _ = ws.members.add(probationary)
    committee = tuple(
        CommitteeMember(name, post, date(2024, 3, 1))
        for (name, *_), post in zip(PEOPLE, SEATS, strict=False)
    )
    ws.branch.save_profile(BranchProfile(**{**vars(ws.branch.profile()), "committee": committee}))
    return branch


def everyone(branch: Branch, day: date, **present_changes) -> tuple[Attendance, ...]:
    return tuple(Attendance(m.member_id) for m in branch.ws.meetings.roster_on(day))


def general_meeting(branch: Branch, day: date = date(2025, 5, 20), **changes) -> Meeting:
    values = {
        "type": MeetingType.GENERAL,
        "topic": "第二季度支部党员大会",
        "date": day,
        "status": MeetingStatus.HELD,
        "venue_id": branch.venues[0],
        "host_id": branch.id("王海"),
        "recorder_id": branch.id("李静"),
        "attendance": everyone(branch, day),
    }
    values.update(changes)
    return Meeting(**values)
