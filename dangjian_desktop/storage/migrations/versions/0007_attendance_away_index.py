"""attendance away index: a partial index of the sign-in lines not plainly present

The 三会一课台账 prints each meeting's counts (应到/实到/请假/缺席) and who was away, so it
reads a list's length from the primary key and, through this index, only the lines away or
excluded — about one in seven of them (services/meeting_reports.py). The WHERE text is the
one storage/tables.py ATTENDANCE_AWAY_WHERE holds at this revision (a frozen copy, not an
import: SQLite uses the index only for queries that repeat its terms).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AWAY_WHERE = "presence <> 'present' OR excluded"


def upgrade() -> None:
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meeting_attendance_away",
            ["meeting_id", "position"],
            unique=False,
            sqlite_where=sa.text(AWAY_WHERE),
            postgresql_where=sa.text(AWAY_WHERE),
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_attendance_away")
