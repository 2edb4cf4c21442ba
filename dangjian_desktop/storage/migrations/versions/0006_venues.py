"""venues: the 阵地 checklist template (seeded with the 六有 default), inspections with
their results, and rectifications (整改)

The template tables hold each template's current version; an inspection keeps a JSON copy
of the template it was done with, so a template edit never changes a past inspection
(storage/venue_tables.py). Photos and closing evidence are attachment rows (owner_kind
"inspection" / "rectification"), referred to by id.

The seeded template is a frozen copy of domain/venues.py DEFAULT_TEMPLATE as it was at
this revision, not an import: a migration means the same thing whatever the default
becomes later (the user edits the template anyway). Independent of the points tables.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEMPLATE_NAME = "党组织活动阵地“六有”检查表"
TEMPLATE_NOTE = (
    "本公司“六有”口径（有设施、有标志、有党旗、有资料、有制度、有台账）未找到公开出处，检查项和分值均可修改；"
    "其他单位的“有场所”“有书报”等口径，可编辑本模板得到。"
)
# (key, name, source, ((key, text, weight, note), …)): DEFAULT_TEMPLATE at revision 0006.
GROUPS = (
    (
        "facilities",
        "有设施",
        "参照联合党支部“六有”通知（2021，partyworker.cn/article/detail/2077）“有设施”：桌椅、书柜、报刊架，有条件的配电脑、电视、多媒体、音响；活动场所可与职工活动室或会议室兼用。党员活动室“六有”（360docs.net/doc/7d7262362.html）：桌椅柜、电教设备。本公司口径，可修改。",
        (
            ("seating", "桌椅", 4, "座位够本支部党员集中开会（兼用的会议室、船舶餐厅也可）"),
            ("cabinets", "书柜和档案柜", 4, "书柜放学习资料；档案柜上锁，档案盒统一标注"),
            ("rack", "报刊架", 2, "党报党刊上架摆放"),
            ("av", "电教设备", 3, "电视、电脑或投影，能播放党员教育片；船舶可用离线课件"),
            ("shared_use", "场所可用", 2, "场所相对固定；与工会等兼用的，组织生活时能保证使用"),
        ),
    ),
    (
        "signs",
        "有标志",
        "参照联合党支部“六有”通知（2021，partyworker.cn/article/detail/2077）“有标志”：“中共××支部委员会”全称牌、“党员活动室/党员之家”门牌；2023年支部阵地建设标准（m.1wenmi.com/doc/150572.html）：入党誓词上墙、宣传栏有专人更新。本公司口径，可修改。",
        (
            ("branch_plate", "支部全称牌", 5, "“中共××支部委员会”全称，与印章名称一致"),
            ("door_plate", "“党员活动室”门牌", 4, "门口有“党员活动室”或“党员之家”门牌"),
            ("oath", "入党誓词上墙", 4, "入党誓词全文上墙，字迹清楚"),
            ("board", "宣传栏", 2, "组织机构、党员风采、光荣榜、党务公开，有专人更新，内容不过期"),
        ),
    ),
    (
        "flag",
        "有党旗",
        "参照联合党支部“六有”通知（2021，partyworker.cn/article/detail/2077）“有党旗”：室内悬挂党旗，展示所获荣誉；党员活动室“六有”（360docs.net/doc/7d7262362.html）上墙内容。本公司口径，可修改。",
        (
            ("flag_hung", "党旗悬挂", 7, "室内悬挂党旗，位置端正，无破损、褪色"),
            ("honours", "荣誉展示", 3, "奖牌、证书、锦旗集中展示；没有荣誉的选“不适用”"),
        ),
    ),
    (
        "records",
        "有资料",
        "参照党员活动室应备档案（360docs.net/doc/7d7262362.html）：党员名册、入党积极分子名册、发展对象名册，党支部工作手册、党员活动记录本、党费收缴登记本、党员组织关系转移记录本，工作计划总结、上级文件；联合党支部“六有”通知（2021，partyworker.cn/article/detail/2077）“有书报”。本公司口径，可修改。",
        (
            ("roster", "党员名册", 4, "与本程序党员名单一致，人员变动已更新"),
            ("candidates", "入党积极分子和发展对象名册", 3, "没有积极分子和发展对象的选“不适用”"),
            ("meeting_book", "三会一课记录本", 4, "党员活动记录本逐次记录，有签到"),
            ("handbook", "党支部工作手册", 3, "当年工作手册在用"),
            ("dues_book", "党费收缴登记本", 4, "按月登记，金额和交纳人齐全"),
            ("transfer_book", "组织关系转移记录本", 3, "转入转出逐笔登记，介绍信回执留存"),
            ("plans_files", "工作计划、总结和上级文件", 2, "当年计划、上年总结、上级来文归档"),
            ("reading", "党报党刊和学习书籍", 2, "有党报党刊和学习用书；船舶可用离线电子版"),
        ),
    ),
    (
        "rules",
        "有制度",
        "参照联合党支部“六有”通知（2021，partyworker.cn/article/detail/2077）“有制度”：制度上墙；2023年支部阵地建设标准（m.1wenmi.com/doc/150572.html）：党的纪律、党员权利和义务、发展党员工作流程图、支部及委员职责上墙，活动室管理制度。本公司口径，可修改。",
        (
            ("meeting_rules", "组织生活制度上墙", 4, "三会一课、主题党日、组织生活会、民主评议"),
            ("rights_duties", "党员权利和义务上墙", 3, "党章规定的党员权利和义务"),
            ("duties_chart", "支委职责和组织架构上墙", 3, "支委分工、党小组设置，人员变动后已更新"),
            ("recruit_flow", "发展党员工作流程图上墙", 3, "发展党员五个阶段、二十五个步骤"),
            ("room_rules", "活动室管理制度", 2, "有专人管理，使用和借阅有登记"),
        ),
    ),
    (
        "ledgers",
        "有台账",
        "本公司口径，无公开出处；最接近的是村级活动场所“六有”中的“有记录”（fsnews.com.cn/shubk/202510/689901.html：每次活动有台账）。可修改。",
        (
            ("meeting_ledger", "三会一课台账", 5, "逐次登记日期、类型、应到实到、议题"),
            ("theme_day", "主题党日活动记录", 4, "每月一次，有主题、内容和参加人员"),
            ("talks", "谈心谈话记录", 3, "书记、委员与党员谈心谈话有记录"),
            ("appraisal", "组织生活会和民主评议党员记录", 3, "每年一次，有会议记录和评议结果"),
            ("recruitment", "发展党员工作台账", 3, "每个步骤有日期；本年没有发展工作的选“不适用”"),
            ("rectify_ledger", "阵地检查整改台账", 2, "上次检查发现的问题有整改和销号记录"),
        ),
    ),
)


def upgrade() -> None:
    op.create_table(
        "venue_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "venue_template_group",
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["template_id"], ["venue_template.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("template_id", "position"),
    )
    op.create_table(
        "venue_template_item",
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("group_position", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["template_id"], ["venue_template.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("template_id", "group_position", "position"),
    )
    op.create_table(
        "inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("template_data", sa.JSON(), nullable=False),
        sa.Column("inspectors", sa.JSON(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("earned", sa.Integer(), nullable=False),
        sa.Column("possible", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("not_applicable", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["template_id"], ["venue_template.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["venue_id"], ["venue.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_inspected_on"), ["inspected_on"], unique=False
        )
        batch_op.create_index(
            "ix_inspection_venue_date", ["venue_id", "inspected_on", "id"], unique=False
        )
    op.create_table(
        "inspection_result",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("photo_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("inspection_id", "position"),
    )
    op.create_table(
        "rectification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("group_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("item_text", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("finding", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closing_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence_ids", sa.JSON(), nullable=False),
        sa.Column("reopenings", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["venue_id"], ["venue.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("rectification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rectification_inspection_id"), ["inspection_id"], unique=False
        )
        batch_op.create_index("ix_rectification_open", ["closed_on", "due_on", "id"], unique=False)
        batch_op.create_index(
            "ix_rectification_venue", ["venue_id", "opened_on", "id"], unique=False
        )
    _seed_template()


def _seed_template() -> None:
    template = sa.table(
        "venue_template",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("version", sa.Integer),
        sa.column("note", sa.String),
    )
    op.bulk_insert(
        template, [{"id": 1, "name": TEMPLATE_NAME, "version": 1, "note": TEMPLATE_NOTE}]
    )
    groups = sa.table(
        "venue_template_group",
        sa.column("template_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("key", sa.String),
        sa.column("name", sa.String),
        sa.column("source", sa.String),
    )
    op.bulk_insert(
        groups,
        [
            {"template_id": 1, "position": g, "key": key, "name": name, "source": source}
            for g, (key, name, source, _) in enumerate(GROUPS)
        ],
    )
    items = sa.table(
        "venue_template_item",
        sa.column("template_id", sa.Integer),
        sa.column("group_position", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("key", sa.String),
        sa.column("text", sa.String),
        sa.column("weight", sa.Integer),
        sa.column("note", sa.String),
    )
    op.bulk_insert(
        items,
        [
            {
                "template_id": 1,
                "group_position": g,
                "position": i,
                "key": key,
                "text": text,
                "weight": weight,
                "note": note,
            }
            for g, (_, _, _, group_items) in enumerate(GROUPS)
            for i, (key, text, weight, note) in enumerate(group_items)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("rectification", schema=None) as batch_op:
        batch_op.drop_index("ix_rectification_venue")
        batch_op.drop_index("ix_rectification_open")
        batch_op.drop_index(batch_op.f("ix_rectification_inspection_id"))
    op.drop_table("rectification")
    op.drop_table("inspection_result")
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.drop_index("ix_inspection_venue_date")
        batch_op.drop_index(batch_op.f("ix_inspection_inspected_on"))
    op.drop_table("inspection")
    op.drop_table("venue_template_item")
    op.drop_table("venue_template_group")
    op.drop_table("venue_template")
