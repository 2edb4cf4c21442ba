"""SQLModel table classes. Only storage/ and the migrations see these."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


class BranchRow(SQLModel, table=True):
    __tablename__ = "branch"

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(default="", max_length=100)
    code: str = Field(default="", max_length=50)
    org_type: str = Field(default="branch", max_length=30)
    parent_committee: str = Field(default="", max_length=100)
    founded_on: date | None = None
    updated_at: datetime | None = None


class CommitteeTermRow(SQLModel, table=True):
    __tablename__ = "committee_term"

    id: int | None = Field(default=None, primary_key=True)
    ordinal: int | None = None
    election_date: date | None = None
    term_years: int = 3


class CommitteeMemberRow(SQLModel, table=True):
    __tablename__ = "committee_member"

    id: int | None = Field(default=None, primary_key=True)
    term_id: int = Field(foreign_key="committee_term.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str = Field(max_length=100)
    post: str = Field(max_length=30)
    started_on: date | None = None


class PartyGroupRow(SQLModel, table=True):
    __tablename__ = "party_group"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str = Field(max_length=100, unique=True)
    leader: str = Field(default="", max_length=100)
    note: str = Field(default="")


class VenueRow(SQLModel, table=True):
    __tablename__ = "venue"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str = Field(max_length=100, unique=True)
    address: str = Field(default="", max_length=200)
    area_m2: float | None = None
    note: str = Field(default="")


class SettingRow(SQLModel, table=True):
    """Domain settings live in the data file, so they travel with it and its backups."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="")  # JSON


class AuditRow(SQLModel, table=True):
    """Who changed what: one row per user action that wrote data."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(default="", max_length=100)
    action: str = Field(max_length=100)
    detail: str = Field(default="")


class MemberRow(SQLModel, table=True):
    """党员. Mirrors domain.people.Member; `deleted_at` marks a soft delete (回收站)."""

    __tablename__ = "member"
    # The roster query (member_repo.ids) reads only these columns: with them in one index
    # SQLite scans the small index instead of the wide rows, already in name order (pinyin,
    # then the characters, then the id tie-breaker: no sort step), and matches the search
    # text against the index entries: the per-keystroke budget of DESIGN.md §5.
    __table_args__ = (
        Index(
            "ix_member_roster",
            "status",
            "name_sort",
            "name",
            "id",
            "name_search",
            "phone",
            "id_number",
            "deleted_at",
            "party_group_id",
            "category",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)
    name: str = Field(max_length=50, index=True)
    # Kept by member_repo from domain.pinyin on every write: "wang jian guo" (roster order)
    # and "|wjg|wangjianguo" (initials and full pinyin of each plausible reading, search).
    name_sort: str = Field(default="")
    name_search: str = Field(default="")
    sex: str | None = Field(default=None, max_length=10)
    ethnicity: str = Field(default="", max_length=20)
    birth_date: date | None = None
    native_place: str = Field(default="", max_length=100)
    id_number: str = Field(default="", max_length=18, index=True)
    education: str = Field(default="", max_length=30)
    degree: str = Field(default="", max_length=30)
    school: str = Field(default="", max_length=100)
    major: str = Field(default="", max_length=100)
    work_start_date: date | None = None
    work_unit: str = Field(default="", max_length=100)
    job_post: str = Field(default="", max_length=100)
    person_category: str = Field(default="", max_length=50)
    tech_title: str = Field(default="", max_length=50)
    phone: str = Field(default="", max_length=30)
    address: str = Field(default="", max_length=200)
    join_date: date | None = None
    full_date: date | None = None
    category: str = Field(default="formal", max_length=20, index=True)
    probation_extension_months: int = 0
    introducers: str = Field(default="", max_length=100)
    party_group_id: int | None = Field(
        default=None, foreign_key="party_group.id", index=True, ondelete="SET NULL"
    )
    party_post: str = Field(default="", max_length=30)
    home_branch: str = Field(default="", max_length=100)
    life_branch: str = Field(default="", max_length=100)
    is_mobile: bool = False
    mobile_destination: str = Field(default="", max_length=100)
    is_lost: bool = False
    lost_since: date | None = None
    status: str = Field(default="normal", max_length=20, index=True)
    is_leader_cadre: bool = False
    in_difficulty: bool = False
    note: str = Field(default="")
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = Field(default=None, index=True)


class MemberStatusRow(SQLModel, table=True):
    """党籍状态 history: one dated row per change, never overwritten."""

    __tablename__ = "member_status"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True, ondelete="CASCADE")
    status: str = Field(max_length=20)
    changed_on: date
    reason: str = Field(default="")
    recorded_at: datetime | None = None


class MemberTransferRow(SQLModel, table=True):
    """组织关系转接 in and out."""

    __tablename__ = "member_transfer"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True, ondelete="CASCADE")
    direction: str = Field(max_length=10)
    kind: str = Field(default="formal", max_length=20)
    transfer_date: date
    from_org: str = Field(default="", max_length=100)
    to_org: str = Field(default="", max_length=100)
    letter_number: str = Field(default="", max_length=50)
    valid_until: date | None = None
    receipt_date: date | None = None
    reason: str = Field(default="")
    handler: str = Field(default="", max_length=50)


class MemberPhotoRow(SQLModel, table=True):
    """An optional photo, kept apart so roster queries never load image bytes."""

    __tablename__ = "member_photo"

    member_id: int = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")
    mime: str = Field(default="image/jpeg", max_length=30)
    data: bytes
