"""The steps that write the branch and its roster: each a small function of the shared
context, called in order by build.py (a later `meetings` step follows the same pattern).

Each step gets its own seeded generator (ctx.rng), so one step's draws never shift
another's: the same `today` always gives the same rows.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from dangjian_desktop.demo import crew
from dangjian_desktop.demo.crew import Crew
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
from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    PartyPost,
    Sex,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.services import Workspace

# The committee was elected 14 months ago: its 3-year term ends in 22 months, well before
# the 换届 reminder (6 months ahead) is due. The branch was set up with the ship two terms
# earlier.
ELECTED_MONTHS_AGO = 14
FOUNDED_MONTHS_AGO = 86
TERM_ORDINAL = 3
CREW_CHANGE_MONTHS_AGO = 4  # the last crew change: one member out, one in
SECONDMENT_MONTHS_AGO = (15, 2)  # out to the shore office, back again
PROBATION_DUE_IN_DAYS = 38  # within the 工作台's 60 days
PROBATION_NEW_DAYS_AGO = 150
PROBATION_EXTENDED = (6, 110)  # extension months, days until the extended 预备期 ends
LOST_MONTHS_AGO = 7  # longer than 6: the 工作台 asks to consider 停止党籍

_COMMITTEE_POSTS = {
    PartyPost.SECRETARY: CommitteePost.SECRETARY,
    PartyPost.DEPUTY_SECRETARY: CommitteePost.DEPUTY_SECRETARY,
    PartyPost.ORGANIZATION: CommitteePost.ORGANIZATION,
    PartyPost.PROPAGANDA: CommitteePost.PROPAGANDA,
    PartyPost.DISCIPLINE: CommitteePost.DISCIPLINE,
}
_POST_ORDER = list(_COMMITTEE_POSTS)
_GROUP_NOTES = {
    crew.DECK: "在船驾驶部党员（含泵工）",
    crew.ENGINE: "在船轮机部党员（含电机员）",
    crew.LEAVE: "在岸公休船员；靠港时集中参加支部活动",
}
_MOBILE_PREFIXES = ("133", "135", "136", "138", "139", "150", "153", "158", "159", "187", "189")


@dataclass
class StepContext:
    """What the steps share: the open file, the day the sample is built for, and what the
    earlier steps wrote (ids by name), so later steps can refer to it."""

    ws: Workspace
    today: date
    rng: random.Random = field(default_factory=random.Random)  # replaced per step
    group_ids: dict[str, int] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)  # as written, by name
    member_ids: dict[str, int] = field(default_factory=dict)
    id_numbers: set[str] = field(default_factory=set)


# --- the steps -------------------------------------------------------------------------------


def branch(ctx: StepContext) -> None:
    """支部信息: the ship branch, its third committee, three 党小组 and two venues."""
    today = ctx.today
    elected = add_months(today, -ELECTED_MONTHS_AGO)
    officers = sorted(
        (c for c in crew.ROSTER if c.party_post in _COMMITTEE_POSTS),
        key=lambda c: _POST_ORDER.index(c.party_post),
    )
    leaders = {c.group: c.name for c in crew.ROSTER if c.party_post is PartyPost.GROUP_LEADER}
    profile = BranchProfile(
        full_name=crew.BRANCH_NAME,
        code="XHY6-DZB",
        org_type=OrgType.BRANCH,
        parent_committee=crew.PARENT_COMMITTEE,
        founded_on=add_months(today, -FOUNDED_MONTHS_AGO),
        term=CommitteeTerm(ordinal=TERM_ORDINAL, election_date=elected, term_years=3),
        committee=tuple(
            CommitteeMember(c.name, _COMMITTEE_POSTS[c.party_post], elected) for c in officers
        ),
        groups=tuple(
            PartyGroup(name, leaders[name], _GROUP_NOTES[name])
            for name in (crew.DECK, crew.ENGINE, crew.LEAVE)
        ),
        venues=(
            Venue(
                "船舶党员活动室",
                f"{crew.WORK_UNIT}生活区三层",
                28.0,
                "兼作船员会议室；支部党员大会、支委会、党课在此召开，党旗、入党誓词、支部制度上墙",
            ),
            Venue(
                "船员基地会议室",
                "公司船员管理中心二楼",
                60.0,
                "与基地工会共用的会议室（可兼用）：公休党小组活动，靠港期间支部活动",
            ),
        ),
    )
    ctx.ws.branch.save_profile(profile)
    ctx.group_ids = {g.name: g.id for g in ctx.ws.branch.profile().groups}


def members(ctx: StepContext) -> None:
    """The roster as it stood before the last crew change (the rotated-in member arrives
    in `history` by transfer)."""
    for person in (*crew.ROSTER, crew.ROTATED_OUT):
        member = _member(ctx, person)
        ctx.members[person.name] = member
        if person.name == crew.ROTATED_IN:
            continue
        ctx.member_ids[person.name], _ = ctx.ws.members.add(member)


def history(ctx: StepContext) -> None:
    """组织关系转接 of crew rotation: one member out to the sister ship and one in from it at
    the last crew change, and one seconded to the shore office for a year and back."""
    today, members = ctx.today, ctx.ws.members
    change = add_months(today, -CREW_CHANGE_MONTHS_AGO)
    handler = _holder(PartyPost.ORGANIZATION)  # the 组织委员 handles transfers
    members.transfer_out(
        ctx.member_ids[crew.ROTATED_OUT.name],
        Transfer(
            TransferDirection.OUT,
            change,
            to_org=crew.SISTER_BRANCH,
            letter_number=_letter(change),
            valid_until=add_months(change, 1),
            receipt_date=change + timedelta(days=9),
            reason=f"船员轮换，调往“{crew.SISTER_SHIP}”轮任二管轮",
            handler=handler,
        ),
    )
    arrived = change + timedelta(days=2)
    ctx.member_ids[crew.ROTATED_IN], _ = members.transfer_in(
        ctx.members[crew.ROTATED_IN],
        Transfer(
            TransferDirection.IN,
            arrived,
            from_org=crew.SISTER_BRANCH,
            to_org=crew.BRANCH_NAME,
            letter_number=_letter(arrived),
            valid_until=add_months(arrived, 1),
            receipt_date=arrived,
            reason=f"船员轮换，由“{crew.SISTER_SHIP}”轮调入任二管轮",
            handler=handler,
        ),
    )
    left, back = (add_months(today, -months) for months in SECONDMENT_MONTHS_AGO)
    seconded = ctx.member_ids[crew.SECONDED]
    members.transfer_out(
        seconded,
        Transfer(
            TransferDirection.OUT,
            left,
            to_org=crew.OFFICE_BRANCH,
            letter_number=_letter(left),
            valid_until=add_months(left, 1),
            receipt_date=left + timedelta(days=5),
            reason="借调公司机务部任机务主管，为期一年",
            handler=handler,
        ),
    )
    returned, _ = members.transfer_in(
        ctx.members[crew.SECONDED],
        Transfer(
            TransferDirection.IN,
            back,
            from_org=crew.OFFICE_BRANCH,
            to_org=crew.BRANCH_NAME,
            letter_number=_letter(back),
            valid_until=add_months(back, 1),
            receipt_date=back,
            reason="借调期满，回船任大管轮",
            handler=handler,
        ),
    )
    if returned != seconded:  # the service must bring him back to his own record
        raise RuntimeError(f"{crew.SECONDED} came back as a new record")


def recycle_bin(ctx: StepContext) -> None:
    """A record typed into this branch by mistake, then moved to the 回收站."""
    member_id, _ = ctx.ws.members.add(_member(ctx, crew.MISTAKEN))
    ctx.member_ids[crew.MISTAKEN.name] = member_id
    ctx.ws.members.delete(member_id)


# --- one member --------------------------------------------------------------------------------


def _member(ctx: StepContext, person: Crew) -> Member:
    """A record that passes validate_member: the ID number encodes the birth date and sex,
    入党 at 18 or later, 转正 one 预备期 after 入党 (or still 预备党员)."""
    rng, today = ctx.rng, ctx.today
    birth = add_years(today, -person.age) - timedelta(days=rng.randint(1, 364))
    male = not person.female
    while True:
        sequence = rng.randrange(500) * 2 + (1 if male else 0)  # odd = male (GB 11643)
        number = compose_id(person.region, birth, sequence)
        if number not in ctx.id_numbers:
            ctx.id_numbers.add(number)
            break
    join, full, category, extension = _party_dates(person, birth, today, rng)
    work_age = person.work_age or crew.WORK_START_AGE[person.education]
    member = Member(
        name=person.name,
        sex=Sex.FEMALE if person.female else Sex.MALE,
        ethnicity=person.ethnicity,
        birth_date=birth,
        native_place=crew.REGIONS[person.region],
        id_number=number,
        education=person.education,
        degree="学士" if person.education == "大学本科" else "",
        school=person.school,
        major=person.major,
        work_start_date=add_years(birth, work_age) + timedelta(days=rng.randint(120, 330)),
        work_unit=crew.WORK_UNIT,
        job_post=person.job_post,
        person_category=person.category,
        tech_title=person.tech_title,
        phone=rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
        join_date=join,
        full_date=full,
        category=category,
        probation_extension_months=extension,
        introducers=person.introducers,
        party_group_id=ctx.group_ids[person.group],
        party_post=person.party_post,
        in_difficulty=person.name == crew.IN_DIFFICULTY,
        note=person.note,
        uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
    )
    if person.name == crew.MOBILE:
        member = replace(
            member,
            is_mobile=True,
            mobile_destination="上海·公司船员培训中心（公休期间参加大副适任培训）",
            life_branch=crew.TRAINING_BRANCH,
        )
    if person.name == crew.LOST:
        since = add_months(today, -LOST_MONTHS_AGO)
        member = replace(
            member,
            is_lost=True,
            lost_since=since,
            note=f"{since:%Y年%m月}公休离船后未按期返岗，原手机号已停机；"
            "已请户籍所在地社区协助查找",
        )
    return member


def _party_dates(person: Crew, birth: date, today: date, rng: random.Random):
    """(入党日期, 转正日期, 类别, 延长月数) for the person's part in the sample."""
    if person.name == crew.PROBATION_DUE:
        join = add_months(today + timedelta(days=PROBATION_DUE_IN_DAYS), -12)
        return join, None, MemberCategory.PROBATIONARY, 0
    if person.name == crew.PROBATION_NEW:
        return today - timedelta(days=PROBATION_NEW_DAYS_AGO), None, MemberCategory.PROBATIONARY, 0
    if person.name == crew.PROBATION_EXTENDED:
        months, days_left = PROBATION_EXTENDED
        join = add_months(today + timedelta(days=days_left), -(12 + months))
        return join, None, MemberCategory.PROBATIONARY, months
    join = add_years(birth, person.join_age) + timedelta(days=rng.randint(20, 300))
    return join, add_months(join, 12), MemberCategory.FORMAL, 0


def _holder(post: PartyPost) -> str:
    return next(c.name for c in crew.ROSTER if c.party_post is post)


def _letter(day: date) -> str:
    """A 组织关系介绍信 number in the company 党委's style: the count runs through the year
    (about a hundred letters a year across the fleet), so later letters get higher numbers."""
    return f"示航党组转〔{day.year}〕{day.timetuple().tm_yday * 3 // 10 + 1}号"
