"""The roster on a date is found in SQL (member_history_repo.in_branch_ids, in_branch_where
and meeting_roster_repo.listed_roster) for speed; it must say exactly what the domain rules
say (meeting_rules.in_branch_on over the rows recorded here, formal_on), day by day, for
histories of every shape."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    PartyGroup,
)
from dangjian_desktop.domain.meeting_rules import formal_on, in_branch_on
from dangjian_desktop.domain.meetings import MeetingType
from dangjian_desktop.domain.people import PartyStatus, StatusChange
from dangjian_desktop.services.meeting_common import voters_on
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import meeting_roster_repo, member_history_repo, member_repo
from dangjian_desktop.storage.tables import MemberRow
from tests.unit.services.member_data import member

N, OUT, SUSP = PartyStatus.NORMAL, PartyStatus.TRANSFERRED_OUT, PartyStatus.SUSPENDED
HISTORIES = [
    [(N, date(2020, 1, 1))],
    [(N, date(2020, 1, 1)), (OUT, date(2022, 5, 1))],
    [(N, date(2020, 1, 1)), (OUT, date(2022, 5, 1)), (N, date(2023, 2, 1))],
    [(N, date(2021, 3, 1)), (SUSP, date(2021, 3, 1))],  # two rows on one day: the later wins
    [(SUSP, date(2021, 3, 1)), (N, date(2021, 3, 1))],
    [(N, date(2024, 6, 1))],  # joined late
    [(N, date(2022, 1, 1)), (OUT, date(2021, 1, 1))],  # recorded out of date order
    [],  # no row recorded here
]
FROM_FILE = [(N, date(2015, 1, 1))]  # another branch's history, merged from a file


def test_sql_roster_equals_the_domain_rule_on_every_day(workspace):
    engine = workspace.database.engine
    with write_session(engine, "test") as s:
        ids = []
        for i, history in enumerate([*HISTORIES, FROM_FILE]):
            mid = member_repo.insert_member(s, member(f"甲{i}", 200 + i))
            for status, day in history:
                origin = member_history_repo.FROM_FILE if history is FROM_FILE else "here"
                member_history_repo.add_status(s, mid, StatusChange(status, day), origin)
            ids.append(mid)
    days = [date(2019, 12, 31) + timedelta(days=d) for d in range(0, 1900, 29)]
    days += [d for h in HISTORIES for _, d in h] + [
        d - timedelta(days=1) for h in HISTORIES for _, d in h
    ]
    with read_session(engine) as s:
        here = member_history_repo.statuses_here(s)
        for day in days:
            expected = {m for m in ids if in_branch_on(here.get(m, ()), day)}
            assert member_history_repo.in_branch_ids(s, day) == expected, day
            assert member_history_repo.in_branch_ids(s, day, ids[:3]) == expected & set(ids[:3])
            assert ids[-1] not in expected  # the file's rows never count here


NAMES = ["王海", "李静", "陈刚", "赵敏", "刘洋", "孙丽", "周新", "吴军", "冯涛"]


def _full_date(i: int) -> date | None:
    return None if i % 3 == 2 else date(2020 + i % 5, 7, 1)


def _branch_of_histories(workspace) -> tuple[list[int], int, dict[int, date | None]]:
    """The HISTORIES' members (names out of pinyin order, 转正 dates spread), one more in
    the 回收站, and a committee whose seats begin on different days: (ids in insertion
    order, the deleted one's id, the seats' 任职日期 by member)."""
    engine = workspace.database.engine
    term = CommitteeTerm(ordinal=1, election_date=date(2021, 1, 1), term_years=5)
    groups = (PartyGroup("驾驶部党小组"), PartyGroup("轮机部党小组"))
    profile = BranchProfile(full_name="兴海油6轮党支部", term=term, groups=groups)
    workspace.branch.save_profile(profile)
    group_ids = [g.id for g in workspace.branch.profile().groups]
    with write_session(engine, "test") as s:
        ids = []
        for i, history in enumerate([*HISTORIES, FROM_FILE]):
            record = member(
                NAMES[i], 300 + i, full_date=_full_date(i), party_group_id=group_ids[i % 2]
            )
            mid = member_repo.insert_member(s, record)
            for status, day in history:
                origin = member_history_repo.FROM_FILE if history is FROM_FILE else "here"
                member_history_repo.add_status(s, mid, StatusChange(status, day), origin)
            ids.append(mid)
        deleted = member_repo.insert_member(s, member("郑重", 399))
        member_history_repo.add_status(s, deleted, StatusChange(N, date(2020, 1, 1)))
        member_repo.set_deleted(s, deleted, datetime.now(UTC))
    # 任职日期 None: not recorded, on the committee whenever listed.
    seats = {ids[0]: date(2021, 1, 1), ids[2]: None, ids[5]: date(2024, 9, 1)}
    committee = tuple(
        CommitteeMember(NAMES[ids.index(mid)], post, since, member_id=mid)
        for (mid, since), post in zip(seats.items(), CommitteePost, strict=False)
    )
    workspace.branch.save_profile(replace(workspace.branch.profile(), committee=committee))
    return ids, deleted, seats


def _days() -> list[date]:
    days = [date(2019, 12, 31) + timedelta(days=d) for d in range(0, 1900, 29)]
    return days + [d for h in HISTORIES for _, d in h] + [date(2024, 9, 1), date(2024, 8, 31)]


def test_listed_roster_says_what_the_rules_say_on_every_day(workspace):
    """The whole roster in one query (member_history_repo.in_branch_where) equals the
    members in_branch_ids finds, fetched by id (listed_roster's other path), and the domain
    rules, day by day: who, in roster order, 正式 then or not, on the committee or not."""
    ids, deleted, seats = _branch_of_histories(workspace)
    sort_key = {m: member_repo.name_columns(NAMES[i])["name_sort"] for i, m in enumerate(ids)}
    sizes = set()
    with read_session(workspace.database.engine) as s:
        here = member_history_repo.statuses_here(s)
        for day in _days():
            whole = meeting_roster_repo.listed_roster(s, day)
            assert (
                whole.members()
                == meeting_roster_repo.listed_roster(s, day, [*ids, deleted]).members()
            ), day
            listed = [m for m in ids if in_branch_on(here.get(m, ()), day)]
            listed.sort(key=lambda m: (sort_key[m], NAMES[ids.index(m)], m))
            assert list(whole.ids) == listed, day
            assert whole.names == tuple(NAMES[ids.index(m)] for m in listed)
            assert whole.formal == tuple(formal_on(_full_date(ids.index(m)), day) for m in listed)
            assert whole.on_committee == tuple(
                m in seats and (seats[m] is None or seats[m] <= day) for m in listed
            ), day
            sizes.add(len(whole))
    assert len(sizes) > 3  # the roster grew and shrank over the days


def test_in_branch_where_is_in_branch_ids(workspace):
    _branch_of_histories(workspace)
    with read_session(workspace.database.engine) as s:
        for day in _days():
            where = member_history_repo.in_branch_where(MemberRow.id, day)
            found = set(s.connection().execute(select(MemberRow.id).where(where)).scalars())
            assert found == member_history_repo.in_branch_ids(s, day), day


def test_voters_on_are_the_listed_rosters_voters_on_every_day(workspace):
    """quorum_report's ids-only read (voters_on, the whole roster's 正式党员 tested in SQL)
    names the 正式党员 and the committee the sign-in list's roster holds, for every type
    and 党小组, day by day."""
    _branch_of_histories(workspace)
    groups = [g.id for g in workspace.branch.profile().groups]
    seen = set()
    with read_session(workspace.database.engine) as s:
        for day in _days():
            roster = meeting_roster_repo.listed_roster(s, day)
            for kind in MeetingType:
                for group in (None, *groups):
                    formal, committee = voters_on(s, day, kind, group)
                    pool = roster.expected(kind, group) if kind is MeetingType.GROUP else roster
                    assert (sorted(formal), sorted(committee)) == (
                        sorted(pool.formal_ids),
                        sorted(pool.committee_ids),
                    ), (day, kind, group)
                    seen.add((len(formal), len(committee)))
    assert len(seen) > 4
