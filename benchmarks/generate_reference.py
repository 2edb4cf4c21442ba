"""Write the reference data file of DESIGN.md §5, deterministically from a seed.

    python -m benchmarks.generate_reference --out benchmarks/out/reference.sqlite --seed 1

The file is created through the real open path (Workspace.open: lock, migrate to head) and
written through the services, so it has exactly the schema and rows the app makes. Each kind
of data has its own function; a kind whose table does not exist yet in the schema is
reported as not generated, so the output says plainly how much of §5 the file holds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import inspect

from dangjian_desktop import settings
from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    OrgType,
    PartyGroup,
    Venue,
)
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.unit_of_work import write_session
from dangjian_desktop.storage import settings_repo

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "reference.sqlite"
DEFAULT_SEED = 20261126
# Every date derives from this day, never from the clock, so a seed always gives the same file.
ANCHOR = date(2026, 11, 26)

# DESIGN.md §5 sizes.
MEMBERS = 10_000
MEETINGS = 2_000  # five years of 三会一课, each with attendance
POINT_ENTRIES = 200_000
PARTY_GROUPS = 40
VENUES = 20

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红海波宁鹏飞斌俊浩宇晨"
    "欣怡子涵思远文博立新卫东建华振华玉兰凤英德胜永强金龙春生晓明丹丹佳琪一鸣天佑"
)
NUMERALS = "零一二三四五六七八九十"
PORTS = ("舟山", "宁波", "上海", "南通", "连云港", "青岛", "大连", "厦门", "广州", "湛江")


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十二, 二十, 三十五), as in 油库十二组."""
    if n < 11:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens]) + "十" + (NUMERALS[ones] if ones else "")


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


# --- one function per kind of data ---------------------------------------------------------


def build_profile(rng: random.Random) -> BranchProfile:
    """A company-size branch: a full committee, ~40 党小组 on ships and depots, ~20 venues."""
    election = random_day(rng, date(2024, 3, 1), date(2024, 9, 30))
    posts = [
        CommitteePost.SECRETARY,
        CommitteePost.DEPUTY_SECRETARY,
        CommitteePost.ORGANIZATION,
        CommitteePost.PROPAGANDA,
        CommitteePost.DISCIPLINE,
        CommitteePost.MEMBER,
        CommitteePost.MEMBER,
    ]
    committee = tuple(CommitteeMember(person_name(rng), post, election) for post in posts)

    depot_groups = [f"油库{cn_number(i)}组" for i in range(1, 13)]
    ships = sorted(rng.sample(range(1, 61), PARTY_GROUPS - len(depot_groups) - 4))
    ship_groups = [f"船舶{n}号组" for n in ships]
    other_groups = ["机关一组", "机关二组", "离退休党员组", "流动党员组"]
    groups = tuple(
        PartyGroup(name, person_name(rng), "含预备党员" if rng.random() < 0.2 else "")
        for name in depot_groups + ship_groups + other_groups
    )

    venues = [Venue("机关党员活动室", "公司办公楼三楼301室", 86.0, "党员大会主会场")]
    venues += [
        Venue(f"{port}油库党员活动室", f"{port}港区油库综合楼二楼", round(rng.uniform(25, 90), 1))
        for port in PORTS
    ]
    for n in rng.sample(ships, VENUES - len(venues)):
        venues.append(
            Venue(f"船舶{n}号党员活动角", f"船舶{n}号会议室", round(rng.uniform(8, 30), 1))
        )
    return BranchProfile(
        full_name="中共某某船舶燃料有限公司直属船舶与油库党总支部委员会",
        code="DJ3302" + str(rng.randrange(1000, 10000)),
        org_type=OrgType.GENERAL_BRANCH,
        parent_committee="中共某某船舶燃料有限公司委员会",
        founded_on=date(1988, 7, 1),
        term=CommitteeTerm(ordinal=9, election_date=election, term_years=3),
        committee=committee,
        groups=groups,
        venues=tuple(venues),
    )


def generate_branch_profile(ws: Workspace, rng: random.Random) -> str:
    profile = build_profile(rng)
    ws.branch.save_profile(profile)  # the service: validated, one transaction, audited
    return (
        f"{len(profile.committee)} committee members, {len(profile.groups)} 党小组, "
        f"{len(profile.venues)} venues"
    )


def generate_settings(ws: Workspace, rng: random.Random) -> str:
    """The domain settings stored explicitly (a file the user has configured)."""
    values = {
        settings.COMMITTEE_TERM_YEARS: 3,
        settings.TERM_REMINDER_MONTHS: 6,
        settings.BACKUP_INTERVAL_MINUTES: 30,
    }
    with write_session(ws.database.engine, "benchmark.settings") as s:
        for setting, value in values.items():
            settings_repo.set_value(s, setting, value)
    return f"{len(values)} settings"


class NotYetPossible(Exception):
    """The schema has no table for this kind of data yet."""


def _require_tables(ws: Workspace, *names: str) -> None:
    existing = set(inspect(ws.database.engine).get_table_names())
    missing = [n for n in names if n not in existing]
    if missing:
        raise NotYetPossible(f"no table {', '.join(missing)} in the schema yet")


def _not_written(kind: str) -> str:
    # Reached when a migration added the table but nobody taught the generator about it yet.
    raise NotImplementedError(f"the schema now has {kind}: write its generator here")


def generate_members(ws: Workspace, rng: random.Random) -> str:
    """10,000 members spread over the 党小组, with status history and transfers."""
    _require_tables(ws, "member")
    return _not_written("members")


def generate_meetings(ws: Workspace, rng: random.Random) -> str:
    """≈2,000 meetings over five years before ANCHOR, each with attendance from the roster."""
    _require_tables(ws, "meeting", "meeting_attendance")
    return _not_written("meetings")


def generate_point_entries(ws: Workspace, rng: random.Random) -> str:
    """200,000 积分 entries; bulk rows through the storage repo in one transaction."""
    _require_tables(ws, "point_entry")
    return _not_written("point entries")


@dataclass(frozen=True)
class Part:
    name: str
    target: str  # what DESIGN.md §5 asks for
    generate: Callable[[Workspace, random.Random], str]


PARTS = (
    Part("branch profile", "1 branch, committee, 党小组, venues", generate_branch_profile),
    Part("settings", "configured values", generate_settings),
    Part("members", f"{MEMBERS:,} members", generate_members),
    Part("meetings", f"≈{MEETINGS:,} meetings with attendance", generate_meetings),
    Part("point entries", f"{POINT_ENTRIES:,} entries", generate_point_entries),
)


def generate(out: Path, seed: int) -> bool:
    """Write the file; True when every part of §5 could be generated."""
    complete = True
    ws = Workspace.open(out, today=lambda: ANCHOR)
    try:
        for index, part in enumerate(PARTS):
            # One generator per part, each seeded on its own: adding a kind later does not
            # change the data of the others.
            rng = random.Random(f"{seed}:{index}:{part.name}")
            start = time.perf_counter()
            try:
                detail = part.generate(ws, rng)
            except NotYetPossible as exc:
                complete = False
                print(f"  NOT GENERATED  {part.name:<14} wanted {part.target}: {exc}")
                continue
            took = time.perf_counter() - start
            print(f"  generated      {part.name:<14} {detail} ({took:.2f} s)")
    finally:
        ws.close(final_backup=False)
    return complete


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)

    out = args.out.absolute()
    if out.exists():
        if not args.force:
            parser.error(f"{out} exists; pass --force to replace it")
        for extra in ("", "-wal", "-shm"):
            Path(f"{out}{extra}").unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)

    print(f"reference data file {out} (seed {args.seed}, dates up to {ANCHOR})")
    complete = generate(out, args.seed)
    print(f"size {out.stat().st_size / 1e6:.2f} MB")
    if not complete:
        print("INCOMPLETE: the parts marked NOT GENERATED need tables the schema lacks yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
