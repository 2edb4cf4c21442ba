"""meetings: 三会一课 records, their catalogues, attachments, and stable identity

Adds the meeting tables (record, agenda, resolutions, sign-in list), the two catalogues
the calendar and the 主题党日 tags read (rules are data, STYLE.md §6), seeded here, and
the attachment table (bytes live in a folder beside the data file, never in it). And
what later records point at gets a stable identity (code review §3):
- venue.retired_at: a venue removed in 支部信息 while records use it is retired, not
  deleted;
- committee_member.member_id: the member holding the seat, filled here for every seat
  whose name is the name of exactly one member on the roster (the branch save keeps it
  from now on);
- member_status.origin: "here" for rows recorded in this file, "file" for history merged
  from another branch's transfer file. Rows merged before this revision cannot be told
  apart and become "here".

The seeded values are a frozen copy of domain/meetings.py DEFAULT_FREQUENCIES and
DEFAULT_THEME_DAY_TAGS as they were at this revision, not an import: a migration means
the same thing whatever the defaults become later (the user edits the tables anyway).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (type, period, count, per_group, note): DEFAULT_FREQUENCIES at revision 0004.
FREQUENCIES = (
    ("general", "quarter", 1, False, "条例第十一条：一般每季度召开1次"),
    ("committee", "month", 1, False, "条例第十二条：一般每月召开1次"),
    ("group", "month", 1, True, "条例第十三条：一般每月召开1次"),
    ("theme_day", "month", 1, False, "条例第十七条：每月相对固定1天"),
    ("lecture", "quarter", 1, False, "地方规定：每季度至少1次（可改）"),
    ("life_meeting", "year", 1, False, "每年至少召开1次，一般在第四季度"),
    ("appraisal", "year", 1, False, "民主评议党员一般每年开展1次"),
)
# DEFAULT_THEME_DAY_TAGS at revision 0004.
THEME_DAY_TAGS = ("党的生日", "党员活动日", "扶贫济困日", "联系点群众日")
COMMITTEE_FK = "fk_committee_member_member_id_member"


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("mime", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("added_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("caption", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attachment_owner", ["owner_kind", "owner_id", "position"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "meeting_frequency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("per_group", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("type", "period", name="uq_meeting_frequency_rule"),
    )
    op.create_table(
        "theme_day_tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("also_counts_as", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("theme_tags", sa.JSON(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("party_group_id", sa.Integer(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("venue_id", sa.Integer(), nullable=True),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=True),
        sa.Column("recorder_id", sa.Integer(), nullable=True),
        sa.Column("lecturer_id", sa.Integer(), nullable=True),
        sa.Column("lecturer_name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("first_topic", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first_topic_material", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first_topic_form", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first_topic_leader_id", sa.Integer(), nullable=True),
        sa.Column(
            "first_topic_leader_name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False
        ),
        sa.Column("minutes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("follow_ups", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("guests", sa.JSON(), nullable=False),
        sa.Column("late_record", sa.Boolean(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=True),
        sa.Column("expected_count", sa.Integer(), nullable=False),
        sa.Column("present_count", sa.Integer(), nullable=False),
        sa.Column("leave_count", sa.Integer(), nullable=False),
        sa.Column("absent_count", sa.Integer(), nullable=False),
        sa.Column("archived_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["first_topic_leader_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["host_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["lecturer_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["party_group_id"], ["party_group.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["recorder_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["venue_id"], ["venue.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meeting_list",
            ["deleted_at", "date", "id", "type", "status", "party_group_id", "also_counts_as"],
            unique=False,
        )

    op.create_table(
        "meeting_agenda",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "position"),
    )
    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("presence", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("exclusion_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("exclusion_approval", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("meeting_id", "member_id"),
    )
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meeting_attendance_member",
            ["member_id", "meeting_id", "presence", "excluded"],
            unique=False,
        )

    op.create_table(
        "meeting_resolution",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("voted", sa.Boolean(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("yes", sa.Integer(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("abstain", sa.Integer(), nullable=False),
        sa.Column("written_yes", sa.Integer(), nullable=False),
        sa.Column("written_no", sa.Integer(), nullable=False),
        sa.Column("written_abstain", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "position"),
    )
    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_committee_member_member_id"), ["member_id"], unique=False
        )
        batch_op.create_foreign_key(
            COMMITTEE_FK, "member", ["member_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("member_status", schema=None) as batch_op:
        # Every row already here was recorded here, or merged before rows were told apart.
        batch_op.add_column(
            sa.Column(
                "origin",
                sqlmodel.sql.sqltypes.AutoString(length=10),
                nullable=False,
                server_default="here",
            )
        )

    with op.batch_alter_table("venue", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retired_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )

    _seed_catalogues()
    _link_committee_members()


def _seed_catalogues() -> None:
    frequency = sa.table(
        "meeting_frequency",
        sa.column("position", sa.Integer),
        sa.column("type", sa.String),
        sa.column("period", sa.String),
        sa.column("count", sa.Integer),
        sa.column("per_group", sa.Boolean),
        sa.column("note", sa.String),
    )
    op.bulk_insert(
        frequency,
        [
            {"position": pos, "type": t, "period": p, "count": c, "per_group": g, "note": n}
            for pos, (t, p, c, g, n) in enumerate(FREQUENCIES)
        ],
    )
    tags = sa.table(
        "theme_day_tag", sa.column("position", sa.Integer), sa.column("name", sa.String)
    )
    op.bulk_insert(tags, [{"position": pos, "name": n} for pos, n in enumerate(THEME_DAY_TAGS)])


def _link_committee_members() -> None:
    """A seat whose name is the name of exactly one member on the roster (正常, not in the
    回收站) belongs to that member; any other seat stays unlinked until the user saves the
    profile with the member chosen."""
    op.execute(
        """
        UPDATE committee_member SET member_id = (
            SELECT m.id FROM member m
            WHERE m.name = committee_member.name AND m.status = 'normal'
              AND m.deleted_at IS NULL)
        WHERE (SELECT count(*) FROM member m
               WHERE m.name = committee_member.name AND m.status = 'normal'
                 AND m.deleted_at IS NULL) = 1
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("venue", schema=None) as batch_op:
        batch_op.drop_column("retired_at")

    with op.batch_alter_table("member_status", schema=None) as batch_op:
        batch_op.drop_column("origin")

    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.drop_constraint(COMMITTEE_FK, type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_committee_member_member_id"))
        batch_op.drop_column("member_id")

    op.drop_table("meeting_resolution")
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_attendance_member")

    op.drop_table("meeting_attendance")
    op.drop_table("meeting_agenda")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_list")

    op.drop_table("meeting")
    op.drop_table("theme_day_tag")
    op.drop_table("meeting_frequency")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index("ix_attachment_owner")

    op.drop_table("attachment")
