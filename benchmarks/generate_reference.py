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
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
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
from dangjian_desktop.domain.dates import add_months, add_years
from dangjian_desktop.domain.id_number import compose_id
from dangjian_desktop.domain.member_rules import validate_member
from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    PartyStatus,
    Sex,
    StatusChange,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.unit_of_work import write_session
from dangjian_desktop.storage import member_history_repo, member_repo, settings_repo

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


# Address codes (GB/T 2260) of the ports and their hinterland, for realistic ID numbers.
REGION_CODES = (
    "330203",
    "330206",
    "330902",
    "310115",
    "310110",
    "320602",
    "320703",
    "370202",
    "370211",
    "210202",
    "210211",
    "350203",
    "440104",
    "440803",
    "420102",
    "510104",
)
ETHNICITIES = ("汉族",) * 46 + ("回族", "满族", "壮族", "蒙古族")
EDUCATION = ("高中", "中专", "大专", "大专", "本科", "本科", "本科", "硕士研究生")
SHIP_BRANCH = "远洋船舶党支部"  # where transferred-out members went
POSTS = (
    "船长",
    "大副",
    "二副",
    "三副",
    "轮机长",
    "大管轮",
    "二管轮",
    "水手长",
    "电工",
    "机工",
    "油库主任",
    "计量员",
    "安全员",
    "调度员",
    "会计",
    "司机",
)


def build_member(rng: random.Random, group: PartyGroup, used: set[str]) -> Member:
    """One valid record (validate_member passes): ID number with its check digit and the
    birth date and sex it encodes, 入党 at 18 or later, 转正 one year after (or 预备党员)."""
    birth = random_day(rng, date(1960, 1, 1), date(2002, 12, 31))
    while True:
        sequence = rng.randrange(1, 1000)
        number = compose_id(rng.choice(REGION_CODES), birth, sequence)
        if number not in used:
            used.add(number)
            break
    sex = Sex.MALE if sequence % 2 else Sex.FEMALE
    earliest_join = add_years(birth, 18)
    probationary = rng.random() < 0.06 and earliest_join < ANCHOR - timedelta(days=400)
    if probationary:  # joined within the last year: still in the 预备期
        join = random_day(rng, ANCHOR - timedelta(days=360), ANCHOR - timedelta(days=1))
        category, full = MemberCategory.PROBATIONARY, None
    else:
        join = random_day(rng, max(earliest_join, date(1985, 1, 1)), ANCHOR - timedelta(days=400))
        category, full = MemberCategory.FORMAL, add_months(join, 12)
    work_start = random_day(rng, add_years(birth, 18), add_years(birth, 24))
    return Member(
        name=person_name(rng),
        sex=sex,
        ethnicity=rng.choice(ETHNICITIES),
        birth_date=birth,
        native_place=rng.choice(PORTS),
        id_number=number,
        education=rng.choice(EDUCATION),
        work_start_date=min(work_start, ANCHOR),
        work_unit=group.name.removesuffix("组"),
        job_post=rng.choice(POSTS),
        person_category="工人(工勤技能人员)",
        phone=f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
        join_date=join,
        full_date=full,
        category=category,
        introducers="、".join(person_name(rng) for _ in range(2)),
        party_group_id=group.id,
        is_mobile=rng.random() < 0.03,
        uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
    )


def generate_members(ws: Workspace, rng: random.Random) -> str:
    """10,000 members spread over the 党小组, with status history and transfers: bulk rows
    through member_repo in one transaction (validated like the service validates)."""
    _require_tables(ws, "member", "member_status", "member_transfer")
    profile = ws.branch.profile()
    groups, branch = profile.groups, profile.full_name
    used: set[str] = set()
    members = [build_member(rng, rng.choice(groups), used) for _ in range(MEMBERS)]
    invalid = [m.name for m in members if validate_member(m, ANCHOR)]
    if invalid:
        raise AssertionError(f"{len(invalid)} generated members break the rules: {invalid[:5]}")
    later = {  # a few have left or changed status since; the rest are 正常
        PartyStatus.TRANSFERRED_OUT: 0.02,
        PartyStatus.SUSPENDED: 0.005,
        PartyStatus.DECEASED: 0.005,
    }
    history: list[tuple[str, StatusChange]] = []
    transfers: list[tuple[str, Transfer]] = []
    final: list[Member] = []
    for m in members:
        history.append((m.uid, StatusChange(PartyStatus.NORMAL, m.join_date)))
        pick, status = rng.random(), PartyStatus.NORMAL
        for candidate, share in later.items():
            if pick < share:
                status = candidate
                break
            pick -= share
        left_on = ANCHOR
        if status is not PartyStatus.NORMAL:
            left_on = random_day(rng, max(m.full_date or m.join_date, date(2020, 1, 1)), ANCHOR)
            history.append((m.uid, StatusChange(status, left_on)))
        if rng.random() < 0.1:  # came from another branch (crew rotation) before that
            day = random_day(rng, m.join_date, left_on)
            letter = f"组转字〔{day:%Y}〕{rng.randrange(1, 1000)}号"
            origin = f"{rng.choice(PORTS)}油库党支部"
            incoming = Transfer(TransferDirection.IN, day, from_org=origin, to_org=branch)
            transfers.append((m.uid, replace(incoming, letter_number=letter)))
        if status is PartyStatus.TRANSFERRED_OUT:
            outgoing = Transfer(TransferDirection.OUT, left_on, from_org=branch, to_org=SHIP_BRANCH)
            outgoing = replace(outgoing, valid_until=add_months(left_on, 3))
            transfers.append((m.uid, outgoing))
        final.append(replace(m, status=status))
    with write_session(ws.database.engine, "benchmark.members") as s:
        member_repo.insert_many(s, final)
        ids = member_repo.ids_by_uid(s, [m.uid for m in final])
        member_history_repo.add_statuses(s, [(ids[uid], change) for uid, change in history])
        for uid, transfer in transfers:
            member_history_repo.add_transfer(s, ids[uid], transfer)
    return (
        f"{len(final):,} members in {len(groups)} 党小组, {len(history):,} status rows, "
        f"{len(transfers):,} transfers"
    )


MEETING_YEARS = 5
GROUPS_MEETING_MONTHLY = 28  # of the 40 党小组 (the others meet at sea, recorded elsewhere)
LEAVE_SHARE = 0.12  # 在航/公休 on a given day


def generate_meetings(ws: Workspace, rng: random.Random) -> str:
    """≈2,000 meetings over five years before ANCHOR, each with attendance from the roster:
    per month a 支委会, a 主题党日 (two 党小组) and 28 党小组会 (a group each, ~250 on the
    list), a 党员大会 and a 党课 each quarter (the whole roster), 组织生活会 and 民主评议
    each year. Bulk rows through meeting_repo in one transaction; each record is checked
    by validate_meeting against the members on the roster on its date, as the service
    checks it (the sign-in list is built from those members, so it always passes)."""
    _require_tables(ws, "meeting", "meeting_attendance")
    from dangjian_desktop.domain.meeting_rules import ListedMember, validate_meeting
    from dangjian_desktop.domain.meetings import (
        Attendance,
        FirstTopic,
        LeaveReason,
        Meeting,
        MeetingStatus,
        MeetingType,
        Presence,
    )
    from dangjian_desktop.domain.people import MemberFilter, MemberSort
    from dangjian_desktop.storage import meeting_repo

    profile = ws.branch.profile()
    groups = [g.id for g in profile.groups]
    monthly_groups = groups[:GROUPS_MEETING_MONTHLY]
    everyone = MemberFilter(statuses=())
    members = list(ws.members.rows(ws.members.ids(everyone, MemberSort("id"))).values())
    with write_session(ws.database.engine, "benchmark.histories") as s:
        history = member_history_repo.statuses_here(s)
    from dangjian_desktop.domain.meeting_rules import in_branch_on

    by_group: dict[int, list] = {}
    for m in members:
        by_group.setdefault(m.party_group_id, []).append(m)

    def listed(pool, day):
        return {
            m.id: ListedMember(
                m.id, m.name, m.full_date is not None and m.full_date <= day, m.party_group_id
            )
            for m in pool
            if in_branch_on(history.get(m.id, ()), day)
        }

    def sign_in(people):
        lines = []
        for member_id in people:
            if rng.random() < LEAVE_SHARE:
                reason = rng.choice((LeaveReason.AT_SEA, LeaveReason.SHORE_LEAVE, LeaveReason.SICK))
                lines.append(Attendance(member_id, Presence.LEAVE, reason))
            elif rng.random() < 0.02:
                lines.append(Attendance(member_id, Presence.ABSENT, note="未请假"))
            else:
                lines.append(Attendance(member_id))
        return tuple(lines)

    start_year = ANCHOR.year - MEETING_YEARS
    records: list[Meeting] = []
    for year in range(start_year, ANCHOR.year):
        for month in range(1, 13):
            first = date(year, month, 1)
            plan = [
                (MeetingType.COMMITTEE, first.replace(day=3), groups[:1], 7),
                (
                    MeetingType.THEME_DAY,
                    first.replace(day=6),
                    groups[month % 40 : month % 40 + 2],
                    0,
                ),
            ]
            plan += [(MeetingType.GROUP, first.replace(day=12), [g], 0) for g in monthly_groups]
            if month % 3 == 2:
                plan.append((MeetingType.GENERAL, first.replace(day=20), groups, 0))
                plan.append((MeetingType.LECTURE, first.replace(day=21), groups, 0))
            if month == 12:
                plan.append((MeetingType.LIFE_MEETING, first.replace(day=22), groups, 0))
                plan.append((MeetingType.APPRAISAL, first.replace(day=23), groups, 0))
            for kind, day, pool_groups, limit in plan:
                pool = [m for g in pool_groups for m in by_group.get(g, [])]
                on_roster = listed(pool, day)
                people = list(on_roster)[:limit] if limit else list(on_roster)
                host = people[0]
                meeting = Meeting(
                    kind,
                    f"{day:%Y年%m月}{kind.value}",
                    day,
                    MeetingStatus.ARCHIVED if day.year < ANCHOR.year - 1 else MeetingStatus.HELD,
                    party_group_id=pool_groups[0] if kind is MeetingType.GROUP else None,
                    host_id=host,
                    recorder_id=people[1],
                    first_topic=FirstTopic("学习习近平新时代中国特色社会主义思想", form="集中学习"),
                    minutes="会议记录正文。" * rng.randint(20, 200),
                    attendance=sign_in(people),
                    uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                )
                status_checked = replace(meeting, status=MeetingStatus.HELD)
                errors = validate_meeting(status_checked, ANCHOR, on_roster)
                if errors:
                    raise AssertionError(f"generated meeting breaks the rules: {errors[:3]}")
                records.append(meeting)
    with write_session(ws.database.engine, "benchmark.meetings") as s:
        for meeting in records:
            meeting_repo.insert_meeting(s, meeting)
    lines = sum(len(m.attendance) for m in records)
    return f"{len(records):,} meetings over {MEETING_YEARS} years, {lines:,} attendance lines"


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
