"""Write the fixture data file of the current schema: tests/migrations/fixtures/<rev>.sqlite.

Run once per released schema revision, from the repository root, with the code of that
release:  PYTHONPATH=. python3 tests/migrations/make_fixture.py
Never regenerate an existing fixture: it stands for files users already have.
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


def main() -> int:
    target = FIXTURES / f"{head_revision()}.sqlite"
    if target.exists():
        print(f"{target} exists; fixtures of released schemas are never regenerated")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "data.sqlite", today=lambda: date(2025, 6, 15))
        try:
            ws.branch.save_profile(PROFILE)
            # A single self-contained file (journal_mode=DELETE), like a backup.
            copy_database(ws.path, target)
        finally:
            ws.close(final_backup=False)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
