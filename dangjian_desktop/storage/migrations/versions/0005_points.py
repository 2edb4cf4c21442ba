"""points: the 积分 scheme (one per year), its catalogue, entries, 三评 scores and 民主评议 grades

The shipped default scheme is seeded as the template row (point_scheme.year NULL): a year
without its own scheme starts from it (services/point_service.py), and gets its own copy at its
first write, so a later edit of the template or of another year never changes that year. The
seeded values are a frozen copy of domain/point_defaults.py default_scheme() at this revision,
not an import: a migration means the same thing whatever the defaults become later.
Points are integer tenths.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CATEGORIES = (
    ("study", "政治学习", "三比·比作风"),
    ("org_life", "组织生活", "按会议签到自动计分"),
    ("duty", "岗位履职", "三亮·亮承诺，三比·比技能、比业绩"),
    ("vanguard", "先锋作用", "志愿服务、急难险重"),
    ("discipline", "遵规守纪", "只扣分"),
    ("bonus", "加分", ""),
    ("deduction", "扣分", ""),
)
# (code, category, name, points, sign, cap, evidence_required, derived meeting types,
#  derived presence, only_without_reason, note); points and caps in tenths.
RULES = (
    (
        "S01",
        "study",
        "参加集中学习",
        20,
        "plus",
        120,
        False,
        (),
        "",
        False,
        "参照指南：2分/次，全年封顶12分",
    ),
    (
        "S02",
        "study",
        "提交学习笔记或心得（每季度）",
        10,
        "plus",
        40,
        False,
        (),
        "",
        False,
        "参照指南：每季度1分",
    ),
    (
        "S03",
        "study",
        "参加培训（半天）",
        10,
        "plus",
        None,
        False,
        (),
        "",
        False,
        "参照市直机关2024办法：按时长1/2/3分",
    ),
    (
        "S04",
        "study",
        "参加培训（1天）",
        20,
        "plus",
        None,
        False,
        (),
        "",
        False,
        "参照市直机关2024办法：按时长1/2/3分",
    ),
    (
        "S05",
        "study",
        "参加培训（2天及以上）",
        30,
        "plus",
        None,
        False,
        (),
        "",
        False,
        "参照市直机关2024办法",
    ),
    (
        "S06",
        "study",
        "发表理论文章或心得",
        30,
        "plus",
        None,
        True,
        (),
        "",
        False,
        "参照市直机关2024办法：3分",
    ),
    (
        "S07",
        "study",
        "文章获市级及以上奖励",
        30,
        "plus",
        None,
        True,
        (),
        "",
        False,
        "参照市直机关2024办法：另加3分",
    ),
    (
        "L01",
        "org_life",
        "出席三会一课",
        10,
        "plus",
        120,
        False,
        ("committee", "general", "group", "lecture"),
        "present",
        False,
        "参照市直机关2024办法：每参加1次1分；封顶12分参照指南",
    ),
    (
        "L02",
        "org_life",
        "出席主题党日",
        10,
        "plus",
        80,
        False,
        ("theme_day",),
        "present",
        False,
        "参照市直机关2024办法：每参加1次1分；封顶8分参照指南",
    ),
    (
        "L03",
        "org_life",
        "出席组织生活会、民主评议党员会议",
        10,
        "plus",
        None,
        False,
        ("appraisal", "life_meeting"),
        "present",
        False,
        "参照市直机关2024办法：每参加1次1分",
    ),
    (
        "L04",
        "org_life",
        "无故缺席组织生活",
        20,
        "minus",
        None,
        False,
        ("appraisal", "committee", "general", "group", "lecture", "life_meeting", "theme_day"),
        "absent",
        True,
        "暂定：每次扣2分（细则2022对无故不参加志愿服务的扣分）；请假、注明原因的缺席不扣",
    ),
    (
        "D01",
        "duty",
        "兑现岗位承诺（每季度）",
        20,
        "plus",
        80,
        False,
        (),
        "",
        False,
        "暂定分值；县工信局办法：任务分含岗位职责与承诺",
    ),
    (
        "D02",
        "duty",
        "技能比武、岗位练兵获奖",
        30,
        "plus",
        None,
        True,
        (),
        "",
        False,
        "暂定分值；三比·比技能",
    ),
    (
        "D03",
        "duty",
        "担任支委或承担党务工作（每年）",
        50,
        "plus",
        50,
        False,
        (),
        "",
        False,
        "暂定分值；细则2022：担任支委、党务工作加分",
    ),
    (
        "V01",
        "vanguard",
        "参加志愿服务",
        20,
        "plus",
        100,
        False,
        (),
        "",
        False,
        "细则2022：志愿服务10分；每次2分为暂定",
    ),
    (
        "V02",
        "vanguard",
        "急难险重任务中表现突出",
        50,
        "plus",
        None,
        True,
        (),
        "",
        False,
        "暂定分值",
    ),
    (
        "V03",
        "vanguard",
        "无故不参加志愿服务",
        20,
        "minus",
        None,
        False,
        (),
        "",
        False,
        "细则2022：每次扣2分",
    ),
    (
        "R01",
        "discipline",
        "弄虚作假",
        50,
        "minus",
        None,
        False,
        (),
        "",
        False,
        "细则2022：每次扣5分",
    ),
    (
        "R02",
        "discipline",
        "违反规章制度被通报批评",
        50,
        "minus",
        None,
        False,
        (),
        "",
        False,
        "暂定：同细则2022扣分档",
    ),
    (
        "B01",
        "bonus",
        "讲微党课、微宣讲",
        30,
        "plus",
        None,
        False,
        (),
        "",
        False,
        "市直机关2024办法：3分",
    ),
    (
        "B02",
        "bonus",
        "受邀授课或宣讲",
        50,
        "plus",
        None,
        False,
        (),
        "",
        False,
        "市直机关2024办法：5分",
    ),
    (
        "B03",
        "bonus",
        "获县级及以上表彰",
        50,
        "plus",
        None,
        True,
        (),
        "",
        False,
        "县工信局办法：县级及以上表彰单独计分、须有证明；分值暂定",
    ),
    (
        "X01",
        "deduction",
        "未完成组织交办任务",
        50,
        "minus",
        None,
        False,
        (),
        "",
        False,
        "细则2022：每次扣5分",
    ),
)
STAR_BANDS = [
    [5, 950, None],
    [4, 900, 950],
    [3, 800, 900],
    [2, 700, 800],
    [1, 600, 700],
]  # [stars, low, high]
WEIGHTS = [["leader", "0.3333"], ["peer", "0.3333"], ["public", "0.3333"]]
SCHEME = dict(
    name="党员积分管理（默认方案）",
    note="基础分60＋加分－扣分，最低0分，不设上限，按年度计；各项分值可按本单位办法修改",
    base=600,
    floor=0,
    ceiling=None,
    period="year",
    exempt_kinds=["retired", "mobile"],
    evaluation_points=200,
)


def upgrade() -> None:
    op.create_table(
        "point_scheme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("base", sa.Integer(), nullable=False),
        sa.Column("floor", sa.Integer(), nullable=True),
        sa.Column("ceiling", sa.Integer(), nullable=True),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("exempt_kinds", sa.JSON(), nullable=False),
        sa.Column("evaluation_weights", sa.JSON(), nullable=False),
        sa.Column("evaluation_points", sa.Integer(), nullable=False),
        sa.Column("star_bands", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year"),
    )
    op.create_table(
        "point_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["scheme_id"], ["point_scheme.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scheme_id", "code", name="uq_point_category_code"),
    )
    op.create_table(
        "point_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("sign", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=True),
        sa.Column("evidence_required", sa.Boolean(), nullable=False),
        sa.Column("derived_types", sa.JSON(), nullable=False),
        sa.Column("derived_presence", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("only_without_reason", sa.Boolean(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["scheme_id"], ["point_scheme.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scheme_id", "code", name="uq_point_rule_code"),
    )
    op.create_table(
        "point_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("point_evaluation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_point_evaluation_period",
            ["year", "quarter", "member_id", "kind", "score"],
            unique=False,
        )

    op.create_table(
        "point_grade",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("grade", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "member_id", name="uq_point_grade_member"),
    )
    op.create_table(
        "point_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("rule_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("override_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("derived", sa.Boolean(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["evidence_id"], ["attachment.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("point_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_point_entry_date", ["date", "member_id", "points", "rule_code"], unique=False
        )
        batch_op.create_index("ix_point_entry_member", ["member_id", "date"], unique=False)
        batch_op.create_index(
            "ix_point_entry_list",
            ["date", "category", "derived", "rule_code", "meeting_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_point_entry_rule", ["rule_code", "member_id", "date", "points"], unique=False
        )
        batch_op.create_index(
            "uq_point_entry_derived", ["meeting_id", "member_id", "rule_code"], unique=True
        )

    _seed()


def _seed() -> None:
    scheme = sa.table(
        "point_scheme",
        *(sa.column(c) for c in ("id", "year", "name", "note", "base", "floor", "ceiling")),
        sa.column("period"),
        sa.column("exempt_kinds", sa.JSON()),
        sa.column("evaluation_weights", sa.JSON()),
        sa.column("evaluation_points"),
        sa.column("star_bands", sa.JSON()),
    )
    op.bulk_insert(
        scheme,
        [
            {
                "id": 1,
                "year": None,
                **SCHEME,
                "evaluation_weights": WEIGHTS,
                "star_bands": STAR_BANDS,
            }
        ],
    )
    categories = sa.table(
        "point_category", *(sa.column(c) for c in ("scheme_id", "position", "code", "name", "note"))
    )
    op.bulk_insert(
        categories,
        [
            {"scheme_id": 1, "position": pos, "code": code, "name": name, "note": note}
            for pos, (code, name, note) in enumerate(CATEGORIES)
        ],
    )
    rules = sa.table(
        "point_rule",
        *(
            sa.column(c)
            for c in (
                "scheme_id",
                "position",
                "code",
                "category",
                "name",
                "points",
                "sign",
                "cap",
                "evidence_required",
                "derived_presence",
                "only_without_reason",
                "retired",
                "note",
            )
        ),
        sa.column("derived_types", sa.JSON()),
    )
    op.bulk_insert(
        rules,
        [
            {
                "scheme_id": 1,
                "position": pos,
                "code": code,
                "category": category,
                "name": name,
                "points": points,
                "sign": sign,
                "cap": cap,
                "evidence_required": evidence,
                "derived_types": list(types),
                "derived_presence": presence,
                "only_without_reason": without_reason,
                "retired": False,
                "note": note,
            }
            for pos, (
                code,
                category,
                name,
                points,
                sign,
                cap,
                evidence,
                types,
                presence,
                without_reason,
                note,
            ) in enumerate(RULES)
        ],
    )


def downgrade() -> None:
    for table in (
        "point_entry",
        "point_grade",
        "point_evaluation",
        "point_rule",
        "point_category",
        "point_scheme",
    ):
        op.drop_table(table)
