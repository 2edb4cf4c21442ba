"""The roster on a date is found in SQL (member_history_repo.in_branch_ids) for speed; it
must say exactly what the domain rule says (meeting_rules.in_branch_on over the rows
recorded here), day by day, for histories of every shape."""

from __future__ import annotations

from datetime import date, timedelta

from dangjian_desktop.domain.meeting_rules import in_branch_on
from dangjian_desktop.domain.people import PartyStatus, StatusChange
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import member_history_repo, member_repo
from tests.unit.services.member_data import member

N, OUT, SUSP = PartyStatus.NORMAL, PartyStatus.TRANSFERRED_OUT, PartyStatus.SUSPENDED
HISTORIES = [
    [(N, date(2020, 1, 1))],
    [(N, date(2020, 1, 1)), (OUT, date(2022, 5, 1))],
    [(N, date(2020, 1, 1)), (OUT, date(2022, 5, 1)), (N, date(2023, 2, 1))],
    [(N, date(2021, 3, 1)), (SUSP, date(2021, 3, 1))],  # two rows on one day: the later wins
    [(SUSP, date(2021, 3, 1)), (N, date(2021, 3, 1))],
    [(N, date(2024, 6, 1))],  # joined late
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
