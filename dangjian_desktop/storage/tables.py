"""SQLModel table classes. Only storage/ and the migrations see these."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlalchemy import text as sql_text
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
    # The member this committee seat is held by (code review §3 decision 2): kept by the
    # branch save, so a 支委会's quorum knows who is on the committee. These rows are
    # rewritten on every save: nothing may point at committee_member.id.
    member_id: int | None = Field(
        default=None, foreign_key="member.id", index=True, ondelete="SET NULL"
    )


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
    # Removed in 支部信息 while meetings (later inspections) point at it: kept, no longer
    # offered, still named by the records that used it (code review §3 decision 1).
    retired_at: datetime | None = None


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
        # Roster order alone: the 积分 list sorted by member walks it and each member's
        # entries (ix_point_entry_member), whatever the member's status.
        Index("ix_member_name_order", "name_sort", "name", "id"),
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
    # "here": recorded in this data file; "file": merged from another branch's transfer
    # file (its history there). Only rows recorded here say who was on this branch's
    # roster on a date (domain.meeting_rules.in_branch_on).
    origin: str = Field(default="here", max_length=10)


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


# --- 会议 -------------------------------------------------------------------------------------
class MeetingRecordRow(SQLModel, table=True):
    """One 三会一课 record (domain.meetings.Meeting); its agenda, resolutions and sign-in
    list live in the tables below. `deleted_at` marks a soft delete, `archived_at` the
    moment it became read-only (status archived)."""

    __tablename__ = "meeting"
    # The meetings list (meeting_repo.ids) filters and sorts on these alone: SQLite reads
    # the small index, already in date order, never the wide rows with the minutes.
    __table_args__ = (
        Index(
            "ix_meeting_list",
            "deleted_at",
            "date",
            "id",
            "type",
            "status",
            "party_group_id",
            "also_counts_as",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)
    type: str = Field(max_length=20)
    also_counts_as: str | None = Field(default=None, max_length=20)
    # Names of the branch's 主题党日 day types (catalogue theme_day_tag) and 列席 guests:
    # plain lists of words always read and written with the record, never joined or
    # searched, so a JSON column each rather than two more tables.
    theme_tags: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    topic: str = Field(max_length=200)
    date: date
    status: str = Field(default="planned", max_length=20)
    party_group_id: int | None = Field(
        default=None, foreign_key="party_group.id", ondelete="SET NULL"
    )
    start_time: time | None = None
    end_time: time | None = None
    venue_id: int | None = Field(default=None, foreign_key="venue.id", ondelete="SET NULL")
    place: str = Field(default="")
    host_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    recorder_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    lecturer_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    lecturer_name: str = Field(default="", max_length=50)
    first_topic: str = Field(default="")
    first_topic_material: str = Field(default="")
    first_topic_form: str = Field(default="")
    first_topic_leader_id: int | None = Field(
        default=None, foreign_key="member.id", ondelete="SET NULL"
    )
    first_topic_leader_name: str = Field(default="", max_length=50)
    minutes: str = Field(default="")
    follow_ups: str = Field(default="")
    guests: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    late_record: bool = False
    recorded_on: date | None = None
    # 应到/实到/请假/缺席 as head_count computes them from the sign-in list, written by the
    # same save that writes the list (meeting_repo), so the list and the 台账 read four
    # numbers instead of aggregating 10,000 lines of a 党员大会 per row.
    expected_count: int = 0
    present_count: int = 0
    leave_count: int = 0
    absent_count: int = 0
    archived_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None


class MeetingAgendaRow(SQLModel, table=True):
    __tablename__ = "meeting_agenda"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    title: str = Field(max_length=200)
    summary: str = Field(default="")


class MeetingResolutionRow(SQLModel, table=True):
    __tablename__ = "meeting_resolution"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    title: str = Field(max_length=200)
    kind: str = Field(default="general", max_length=20)
    text: str = Field(default="")
    voted: bool = True
    method: str = Field(default="", max_length=50)
    yes: int = 0
    no: int = 0
    abstain: int = 0
    written_yes: int = 0
    written_no: int = 0
    written_abstain: int = 0


# The lines of a sign-in list not plainly present: away (请假/缺席) or excluded. Literal SQL
# shared by the partial index and the query that reads through it (meeting_report_repo):
# SQLite uses a partial index only when the query's WHERE holds the index's own terms.
ATTENDANCE_AWAY_WHERE = "presence <> 'present' OR excluded"


class MeetingAttendanceRow(SQLModel, table=True):
    """One line of a meeting's sign-in list. The member_id index (with the columns the
    figures need) serves the per-member attendance figures and 6-month reminders; the
    partial index of the lines away (about one in seven) serves the 台账, which prints
    only the counts of a list and who was away."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (
        Index("ix_meeting_attendance_member", "member_id", "meeting_id", "presence", "excluded"),
        Index(
            "ix_meeting_attendance_away",
            "meeting_id",
            "position",
            sqlite_where=sql_text(ATTENDANCE_AWAY_WHERE),
            postgresql_where=sql_text(ATTENDANCE_AWAY_WHERE),
        ),
    )

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", primary_key=True)
    position: int = 0
    presence: str = Field(default="present", max_length=10)
    reason: str = Field(default="", max_length=20)
    note: str = Field(default="")
    excluded: bool = False
    exclusion_reason: str = Field(default="")
    exclusion_approval: str = Field(default="")


class MeetingFrequencyRow(SQLModel, table=True):
    """The frequency table of the compliance calendar (rules are data, STYLE.md §6),
    seeded by migration 0004 from the shipped defaults."""

    __tablename__ = "meeting_frequency"
    __table_args__ = (UniqueConstraint("type", "period", name="uq_meeting_frequency_rule"),)

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    type: str = Field(max_length=20)
    period: str = Field(max_length=10)
    count: int = 1
    per_group: bool = False
    note: str = Field(default="")


class ThemeDayTagRow(SQLModel, table=True):
    """The branch's own 主题党日 day types, seeded by migration 0004 (the "四日")."""

    __tablename__ = "theme_day_tag"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str = Field(max_length=50, unique=True)


# --- attachments ------------------------------------------------------------------------------
class AttachmentRow(SQLModel, table=True):
    """A scan, photo or PDF kept with a record. The bytes are not here: they sit in the
    content-addressed folder beside the data file (storage/attachment_store.py), named by
    `sha256`, so backups of the data file never copy them. `owner_kind` is "meeting" now,
    "inspection" and "point_entry" later; `owner_id` is that record's id."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_kind", "owner_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_kind: str = Field(max_length=20)
    owner_id: int
    position: int = 0
    file_name: str = Field(max_length=255)
    mime: str = Field(max_length=50)
    size: int
    sha256: str = Field(max_length=64, index=True)
    added_at: datetime | None = None
    caption: str = Field(default="")


# --- 阵地 (its own module, so the areas merge apart; registers on the same metadata) --------
from dangjian_desktop.storage.venue_tables import (  # noqa: E402, F401
    InspectionResultRow,
    InspectionRow,
    RectificationRow,
    VenueTemplateGroupRow,
    VenueTemplateItemRow,
    VenueTemplateRow,
)


# --- 积分 (migration 0005) ---------------------------------------------------------------------
# Points are stored as integer tenths (domain/points.py POINT_PLACES = 1): SUM is exact.
class PointSchemeRow(SQLModel, table=True):
    """One year's 积分 scheme (domain.points.Scheme); the row with `year` NULL is the shipped
    template (seeded by 0005) that a year without its own scheme starts from. The 三评
    weights and star bands are short lists always read with the scheme: JSON columns."""

    __tablename__ = "point_scheme"

    id: int | None = Field(default=None, primary_key=True)
    year: int | None = Field(default=None, unique=True)
    name: str = Field(default="", max_length=50)
    note: str = Field(default="")
    base: int = 600
    floor: int | None = 0
    ceiling: int | None = None
    period: str = Field(default="year", max_length=10)
    exempt_kinds: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    evaluation_weights: list = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )  # [[kind, "0.3333"], …]
    evaluation_points: int = 0
    star_bands: list = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )  # [[stars, low tenths, high tenths | null], …]


class PointCategoryRow(SQLModel, table=True):
    __tablename__ = "point_category"
    __table_args__ = (UniqueConstraint("scheme_id", "code", name="uq_point_category_code"),)

    id: int | None = Field(default=None, primary_key=True)
    scheme_id: int = Field(foreign_key="point_scheme.id", ondelete="CASCADE")
    position: int = 0
    code: str = Field(max_length=20)
    name: str = Field(max_length=50)
    note: str = Field(default="")


class PointRuleRow(SQLModel, table=True):
    """One item of a scheme's catalogue. `derived_types`: the meeting types whose
    attendance credits it (JSON list), with `derived_presence`; empty for a typed rule."""

    __tablename__ = "point_rule"
    __table_args__ = (UniqueConstraint("scheme_id", "code", name="uq_point_rule_code"),)

    id: int | None = Field(default=None, primary_key=True)
    scheme_id: int = Field(foreign_key="point_scheme.id", ondelete="CASCADE")
    position: int = 0
    code: str = Field(max_length=20)
    category: str = Field(max_length=20)
    name: str = Field(max_length=50)
    points: int = 10
    sign: str = Field(default="plus", max_length=10)
    cap: int | None = None
    evidence_required: bool = False
    derived_types: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    derived_presence: str = Field(default="", max_length=10)
    only_without_reason: bool = False
    retired: bool = False
    note: str = Field(default="")


class PointEntryRow(SQLModel, table=True):
    """One 积分 entry: the points it was given (tenths, signed) are kept whatever the rule
    becomes. A derived entry names its meeting; (meeting, member, rule) is unique among them,
    so a re-save of the meeting can never add a second one."""

    __tablename__ = "point_entry"
    __table_args__ = (
        # The list and the period sums: by date, then member.
        Index("ix_point_entry_date", "date", "member_id", "points", "rule_code"),
        # A member's entries in date order, the list's filters and sort keys read in it.
        Index(
            "ix_point_entry_member",
            *("member_id", "date", "category", "derived", "rule_code", "points"),
        ),
        # The entries list (point_repo's entry pages): a filter on category or on derived
        # seeks its own index in date order; sorting by rule or by points walks an index in
        # that order, the list's filters read in the index (no table lookup per row).
        Index("ix_point_entry_category", "category", "date", "derived", "member_id"),
        Index("ix_point_entry_derived", "derived", "date", "category", "member_id"),
        Index("ix_point_entry_by_rule", "rule_code", "date", "category", "derived", "member_id"),
        Index("ix_point_entry_points", "points", "date", "category", "derived", "member_id"),
        Index("ix_point_entry_cat_rule", "category", "rule_code", "date", "derived", "member_id"),
        Index("ix_point_entry_cat_points", "category", "points", "date", "derived", "member_id"),
        # The capped sums stream from this one (point_totals docstring).
        Index("ix_point_entry_rule", "rule_code", "member_id", "date", "points"),
        Index("uq_point_entry_derived", "meeting_id", "member_id", "rule_code", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    date: date
    rule_code: str = Field(max_length=20)
    category: str = Field(default="", max_length=20)  # the rule's category when recorded
    points: int
    override_reason: str = Field(default="")
    note: str = Field(default="")
    evidence_id: int | None = Field(default=None, foreign_key="attachment.id", ondelete="SET NULL")
    recorded_by: str = Field(default="", max_length=50)
    derived: bool = False
    # NULL for typed entries (NULLs never clash in the unique index).
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="CASCADE")
    created_at: datetime | None = None


class PointEvaluationRow(SQLModel, table=True):
    """One 三评 score (0–100, tenths) of a member for a period; quarter NULL: the year."""

    __tablename__ = "point_evaluation"
    # Covers the totals' GROUP BY member_id, kind without a table lookup.
    __table_args__ = (
        Index("ix_point_evaluation_period", "year", "quarter", "member_id", "kind", "score"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    year: int
    quarter: int | None = None
    kind: str = Field(max_length=10)
    score: int
    note: str = Field(default="")
    recorded_by: str = Field(default="", max_length=50)


class PointCountingRow(SQLModel, table=True):
    """The branch's decision for one member and year (domain CountingOverride): count an
    exempt member, or leave out one the scheme would count, with the reason."""

    __tablename__ = "point_counting"
    __table_args__ = (UniqueConstraint("year", "member_id", name="uq_point_counting_member"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    year: int
    counted: bool
    reason: str = Field(default="")


class PointGradeRow(SQLModel, table=True):
    """The yearly 民主评议 grade of one member."""

    __tablename__ = "point_grade"
    __table_args__ = (UniqueConstraint("year", "member_id", name="uq_point_grade_member"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    year: int
    grade: str = Field(max_length=20)
    note: str = Field(default="")
