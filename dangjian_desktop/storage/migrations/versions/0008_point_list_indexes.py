"""point list indexes: the 积分 entries list reads pages in SQL (a window of ids, not every
id), so each filter and each sort it offers gets an index in the list's order

- ix_member_name_order (name_sort, name, id): entries sorted by member walk the roster
  order, each member's entries by ix_point_entry_member;
- ix_point_entry_category / ix_point_entry_derived: a filter on 类别 or on 来源 seeks its
  index in date order (and counts its hits there);
- ix_point_entry_by_rule / ix_point_entry_points: sorting by 积分项目 or 分值 walks an index
  in that order, the list's filters read in the index; ix_point_entry_cat_rule /
  ix_point_entry_cat_points the same within one 类别;
- ix_point_entry_member (member_id, date) gains the list's filter and sort columns: a name
  search reads a member's entries without a table lookup per entry.
ix_point_entry_list (date, category, derived, rule_code, meeting_id) served the filters
before; the new indexes cover it, so it is dropped (one index fewer to write per entry).
Indexes only: no table or row changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENTRY_INDEXES = {
    "ix_point_entry_category": ["category", "date", "derived", "member_id"],
    "ix_point_entry_derived": ["derived", "date", "category", "member_id"],
    "ix_point_entry_by_rule": ["rule_code", "date", "category", "derived", "member_id"],
    "ix_point_entry_points": ["points", "date", "category", "derived", "member_id"],
    "ix_point_entry_cat_rule": ["category", "rule_code", "date", "derived", "member_id"],
    "ix_point_entry_cat_points": ["category", "points", "date", "derived", "member_id"],
}
MEMBER_INDEX = ["member_id", "date", "category", "derived", "rule_code", "points"]
OLD_MEMBER_INDEX = ["member_id", "date"]
OLD_LIST_INDEX = ["date", "category", "derived", "rule_code", "meeting_id"]


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index("ix_member_name_order", ["name_sort", "name", "id"], unique=False)
    with op.batch_alter_table("point_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_point_entry_list")
        batch_op.drop_index("ix_point_entry_member")
        batch_op.create_index("ix_point_entry_member", MEMBER_INDEX, unique=False)
        for name, columns in ENTRY_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("point_entry", schema=None) as batch_op:
        for name in reversed(ENTRY_INDEXES):
            batch_op.drop_index(name)
        batch_op.drop_index("ix_point_entry_member")
        batch_op.create_index("ix_point_entry_member", OLD_MEMBER_INDEX, unique=False)
        batch_op.create_index("ix_point_entry_list", OLD_LIST_INDEX, unique=False)
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("ix_member_name_order")
