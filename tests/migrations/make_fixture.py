"""Write the fixture data file of the current schema: tests/migrations/fixtures/<rev>.sqlite.

Run once per released schema revision, from the repository root, with the code of that
release:  PYTHONPATH=. python3 tests/migrations/make_fixture.py
(this script may be newer than the release: PYTHONPATH=<checkout of the release> runs it
on that release's code). Never regenerate an existing fixture: it stands for files users
already have. Each release's fixture holds what that release could store: the branch
profile since 0001, members (with history and one in the 回收站) since 0002.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    PartyGroup,
    Venue,
)
from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.services import Workspace
from dangjian_desktop.storage.backup import copy_database
from dangjian_desktop.storage.migrate import head_revision

FIXTURES = Path(__file__).with_name("fixtures")

PROFILE = BranchProfile(
    full_name="中燃油运船舶第一党支部",
    code="CY-001",
    parent_committee="中燃油运公司党委",
    founded_on=date(2012, 7, 1),
    term=CommitteeTerm(ordinal=4, election_date=date(2023, 3, 20), term_years=3),
    committee=(
        CommitteeMember("王海", CommitteePost.SECRETARY, date(2023, 3, 20)),
        CommitteeMember("李静", CommitteePost.ORGANIZATION, date(2023, 3, 20)),
        CommitteeMember("陈刚", CommitteePost.PROPAGANDA),
    ),
    groups=(PartyGroup("甲板党小组", "张伟"), PartyGroup("轮机党小组", "刘洋", "含机舱")),
    venues=(Venue("船舶党员活动室", "远洋一号 三层", 24.5),),
)

# Members of the 0002 fixture (name, birth date, sex): the names whose order changed when
# the roster began to sort by full pinyin (0003), and polyphonic surnames.
MEMBERS = [
    ("王建国", date(1975, 3, 8), "male"),
    ("吴涛", date(1980, 11, 2), "male"),
    ("王五", date(1978, 6, 30), "male"),
    ("赵六", date(1982, 1, 15), "female"),
    ("张三丰", date(1970, 9, 9), "male"),
    ("单田芳", date(1968, 12, 1), "male"),
    ("曾国藩", date(1972, 5, 20), "male"),
    ("连军", date(1985, 7, 7), "male"),
    ("李娜", date(1990, 2, 28), "female"),
]
DELETED = "吴涛"  # in the 回收站
SUSPENDED = "赵六"  # 停止党籍 since 2024-03-01, with its history row


def write_members(ws) -> None:
    from dangjian_desktop.domain.people import Member, PartyStatus, Sex, StatusChange

    for serial, (name, birth, sex) in enumerate(MEMBERS, 1):
        seq = serial * 2 + (1 if sex == "male" else 0)  # 17th digit odd = male
        first17 = f"110105{birth:%Y%m%d}{seq:03d}"
        join = date(birth.year + 25, 7, 1)
        member = Member(
            name,
            sex=Sex(sex),
            birth_date=birth,
            id_number=first17 + check_char(first17),
            join_date=join,
            full_date=date(join.year + 1, 7, 1),
            phone=f"1380000{serial:04d}",
        )
        member_id, _ = ws.members.add(member)
        if name == SUSPENDED:
            ws.members.change_status(
                member_id, StatusChange(PartyStatus.SUSPENDED, date(2024, 3, 1), "停止党籍")
            )
        if name == DELETED:
            ws.members.delete(member_id)


def main() -> int:
    target = FIXTURES / f"{head_revision()}.sqlite"
    if target.exists():
        print(f"{target} exists; fixtures of released schemas are never regenerated")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "data.sqlite", today=lambda: date(2025, 6, 15))
        try:
            ws.branch.save_profile(PROFILE)
            if hasattr(ws, "members"):  # since 0002
                write_members(ws)
            # A single self-contained file (journal_mode=DELETE), like a backup.
            copy_database(ws.path, target)
        finally:
            ws.close(final_backup=False)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
