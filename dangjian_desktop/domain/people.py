"""党员: the member record as a value type, and its enumerations.

Fields follow the domain brief §2.2 (recommended member schema). Status changes are kept as
dated history rows (§2.3), never overwritten. No Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from dangjian_desktop.domain.query import Sort


class Sex(StrEnum):
    MALE = "male"  # 男
    FEMALE = "female"  # 女


class MemberCategory(StrEnum):
    FORMAL = "formal"  # 正式党员
    PROBATIONARY = "probationary"  # 预备党员


class PartyStatus(StrEnum):
    """党籍状态 (§2.2). Only NORMAL members are on the active roster."""

    NORMAL = "normal"  # 正常
    SUSPENDED = "suspended"  # 停止党籍
    EXPELLED = "expelled"  # 出党
    DECEASED = "deceased"  # 去世
    TRANSFERRED_OUT = "transferred_out"  # 已转出


class PartyPost(StrEnum):
    """党内职务 (§2.2)."""

    NONE = ""
    SECRETARY = "secretary"  # 书记
    DEPUTY_SECRETARY = "deputy_secretary"  # 副书记
    ORGANIZATION = "organization"  # 组织委员
    PROPAGANDA = "propaganda"  # 宣传委员
    DISCIPLINE = "discipline"  # 纪检委员
    GROUP_LEADER = "group_leader"  # 党小组长


class TransferDirection(StrEnum):
    IN = "in"  # 转入
    OUT = "out"  # 转出


class TransferKind(StrEnum):
    FORMAL = "formal"  # 正式组织关系
    TEMPORARY = "temporary"  # 临时组织关系


@dataclass(frozen=True)
class Member:
    # identity
    name: str
    sex: Sex | None = None
    ethnicity: str = ""  # 民族, full name e.g. 汉族
    birth_date: date | None = None
    native_place: str = ""  # 籍贯
    id_number: str = ""  # 公民身份号码, 18 characters, upper-case X
    # education and work
    education: str = ""  # 最高学历
    degree: str = ""  # 学位
    school: str = ""  # 毕业院校
    major: str = ""  # 专业
    work_start_date: date | None = None  # 参加工作日期
    work_unit: str = ""  # 工作单位/部门/船名或油库
    job_post: str = ""  # 职务/岗位
    person_category: str = ""  # 人员类别 (党统 categories)
    tech_title: str = ""  # 技术职称
    # contact
    phone: str = ""
    address: str = ""
    # party
    join_date: date | None = None  # 入党日期 (date of the 支部大会 resolution)
    full_date: date | None = None  # 转正日期 (end of the 预备期)
    category: MemberCategory = MemberCategory.FORMAL
    probation_extension_months: int = 0  # 预备期延长: 0, or 6–12 months
    introducers: str = ""  # 入党介绍人
    party_group_id: int | None = None  # 所属党小组 (branch profile)
    party_post: PartyPost = PartyPost.NONE
    home_branch: str = ""  # 正式组织关系所在支部 (empty = this branch)
    life_branch: str = ""  # 参加组织生活所在支部 (empty = this branch)
    is_mobile: bool = False  # 流动党员
    mobile_destination: str = ""  # 流向
    is_lost: bool = False  # 失联
    lost_since: date | None = None
    status: PartyStatus = PartyStatus.NORMAL
    is_leader_cadre: bool = False  # 党员领导干部
    in_difficulty: bool = False  # 困难党员
    note: str = ""
    # identity of the record itself
    id: int | None = None
    uid: str = ""  # stable across files (transfer files between branches)


@dataclass(frozen=True)
class StatusChange:
    """One dated row of a member's 党籍状态 history."""

    status: PartyStatus
    changed_on: date
    reason: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Transfer:
    """组织关系转接 record (domain brief §2.3, "Transfer record fields")."""

    direction: TransferDirection
    transfer_date: date
    kind: TransferKind = TransferKind.FORMAL
    from_org: str = ""
    to_org: str = ""
    letter_number: str = ""  # 介绍信编号
    valid_until: date | None = None  # 有效期 (≤ 3 months)
    receipt_date: date | None = None  # 回执日期
    reason: str = ""
    handler: str = ""  # 经办人
    id: int | None = None


@dataclass(frozen=True)
class MemberFilter:
    """What the roster shows. Empty fields do not filter."""

    text: str = ""  # name, pinyin initials, ID tail or phone
    party_group_id: int | None = None
    statuses: tuple[PartyStatus, ...] = (PartyStatus.NORMAL,)
    category: MemberCategory | None = None
    include_deleted: bool = False  # soft-deleted members (回收站)
    only_deleted: bool = False


@dataclass(frozen=True)
class MemberSort(Sort):
    column: str = "name"  # a Member field name
    descending: bool = False


@dataclass(frozen=True)
class MemberHistory:
    member: Member
    statuses: tuple[StatusChange, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    deleted: bool = False
    extras: dict = field(default_factory=dict)
