"""阵地: the "六有" venue checklist, its inspections and rectifications (整改), as value types
and the shipped default template as data. No Qt, no SQL; the rules are in venue_rules.

Why the checklist is data (domain brief §9, STYLE.md §6): there is no single national "六有"
list. Units use 有场所/有书报/有活动/有记录 variants, and the customer's own list (有设施、
有标志、有党旗、有资料、有制度、有台账) has no public source at all, so every group, item,
weight and note below is a shipped default the user edits.

How the types are meant to be stored (for storage/ and services/):
- A `Template` is immutable once used: an edit is a new value with `version` + 1
  (`revised`). An `Inspection` carries the whole template it was done with (`template`), so
  a later edit never changes its wording, weights or score. Store that snapshot with the
  inspection (`template_to_data` gives a JSON-ready dict, `template_from_data` reads it
  back and refuses anything malformed), or keep every version of a template and point at it.
- Items and groups have a `key` that never changes when their text does, so an open
  rectification is matched to the same item of the next inspection even when the template
  was edited in between. The shipped keys are names; new ones come from `new_key()`. A
  deleted key is never reused.
- People are member ids (the roster's); an inspector from the higher 党委 is a plain name.
  Photos and closing evidence are attachment ids (the attachment store's rows).
- A rectification's status (open/overdue/closed) is never stored: it depends on the day
  it is looked at (venue_rules.rectification_status).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from dangjian_desktop.domain.text import clean_text

KEY_PATTERN = re.compile(r"[a-z0-9_]{1,40}", re.ASCII)
# A failed item's rectification is due this many days after the inspection unless the
# caller says otherwise (a local habit, not a rule: data, like the template).
DEFAULT_DUE_DAYS = 30


class Outcome(StrEnum):
    """One item's result. DESIGN.md §2 and issue 10 use three; the domain brief's 部分达标
    can be had by splitting an item into two."""

    PASS = "pass"  # 合格
    FAIL = "fail"  # 不合格: opens a rectification
    NOT_APPLICABLE = "not_applicable"  # 不适用: left out of the score


@dataclass(frozen=True)
class Item:
    """One checkpoint. `weight` is its share of the score (a positive whole number);
    `note` says what counts as 合格."""

    key: str
    text: str
    weight: int = 1
    note: str = ""


@dataclass(frozen=True)
class Group:
    """One of the "有" (有设施 …). `source` names where its items come from, shown in the
    template editor beside them."""

    key: str
    name: str
    items: tuple[Item, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Template:
    name: str
    version: int = 1
    groups: tuple[Group, ...] = ()
    note: str = ""  # where the template comes from, shown in the editor
    id: int | None = None

    def items(self) -> tuple[tuple[Group, Item], ...]:
        """Every item with its group, in checklist order."""
        return tuple((g, i) for g in self.groups for i in g.items)

    def item(self, key: str) -> Item | None:
        return next((i for _, i in self.items() if i.key == key), None)

    def total_weight(self) -> int:
        return sum(i.weight for _, i in self.items())


def revised(template: Template, **changes: Any) -> Template:
    """The template after an edit: the changed fields and the next version. The value it
    came from, and every inspection holding it, stay as they were."""
    return replace(template, **changes, version=template.version + 1)


def new_key() -> str:
    """A key for an item or group the user adds: random, so a deleted key is never given
    to a different item later."""
    return "u" + uuid.uuid4().hex[:16]


@dataclass(frozen=True)
class Inspector:
    member_id: int | None = None  # a member of the branch …
    name: str = ""  # … or someone from outside it (the higher 党委's inspector)


@dataclass(frozen=True)
class ItemResult:
    item_key: str
    outcome: Outcome
    note: str = ""  # what was found: the rectification's finding when it failed
    photo_ids: tuple[int, ...] = ()  # attachment ids, in the order shown


@dataclass(frozen=True)
class Inspection:
    venue_id: int
    inspected_on: date
    template: Template  # the snapshot it was done with (module docstring)
    inspectors: tuple[Inspector, ...] = ()
    results: tuple[ItemResult, ...] = ()  # one per template item, in its order
    note: str = ""  # 总体情况
    id: int | None = None
    uid: str = ""


class RectificationStatus(StrEnum):
    OPEN = "open"  # 整改中
    OVERDUE = "overdue"  # 已逾期: open after its due date
    CLOSED = "closed"  # 已销号


@dataclass(frozen=True)
class Reopening:
    """A closure undone (the re-check found it not fixed): kept, so its evidence is not
    lost."""

    closed_on: date
    closing_note: str
    evidence_ids: tuple[int, ...]
    reopened_on: date
    reason: str


@dataclass(frozen=True)
class Rectification:
    """整改: one failed item of one inspection, from finding to closure. `item_text` and
    `group_name` are the wording of the inspection's snapshot."""

    venue_id: int
    item_key: str
    item_text: str
    opened_on: date  # the inspection date
    due_on: date
    group_name: str = ""
    inspection_id: int | None = None
    finding: str = ""  # what was wrong (the item's note in the inspection)
    owner_id: int | None = None  # 责任人, a member
    action: str = ""  # 整改措施
    closed_on: date | None = None
    closing_note: str = ""  # 整改情况
    evidence_ids: tuple[int, ...] = ()  # attachment ids: photos after the fix
    reopenings: tuple[Reopening, ...] = ()
    id: int | None = None
    uid: str = ""

    @property
    def closed(self) -> bool:
        return self.closed_on is not None


# --- normalising at the service door (domain/text.py) --------------------------------------
def normalize_template(template: Template) -> Template:
    """The template as stored: names and item texts one line, notes and sources multi-line,
    no control characters."""
    return replace(
        template,
        name=clean_text(template.name),
        note=clean_text(template.note, multiline=True),
        groups=tuple(
            replace(
                g,
                name=clean_text(g.name),
                source=clean_text(g.source, multiline=True),
                items=tuple(
                    replace(i, text=clean_text(i.text), note=clean_text(i.note, multiline=True))
                    for i in g.items
                ),
            )
            for g in template.groups
        ),
    )


def normalize_inspection(inspection: Inspection) -> Inspection:
    return replace(
        inspection,
        note=clean_text(inspection.note, multiline=True),
        inspectors=tuple(replace(p, name=clean_text(p.name)) for p in inspection.inspectors),
        results=tuple(
            replace(r, note=clean_text(r.note, multiline=True)) for r in inspection.results
        ),
    )


def normalize_rectification(rect: Rectification) -> Rectification:
    return replace(
        rect,
        action=clean_text(rect.action, multiline=True),
        closing_note=clean_text(rect.closing_note, multiline=True),
    )


# --- the snapshot as data (a JSON column, a template file) ---------------------------------
def template_to_data(template: Template) -> dict[str, object]:
    """Plain dicts, lists, strings and ints (json.dumps-ready); `id` is not included."""
    return {
        "name": template.name,
        "version": template.version,
        "note": template.note,
        "groups": [
            {
                "key": g.key,
                "name": g.name,
                "source": g.source,
                "items": [
                    {"key": i.key, "text": i.text, "weight": i.weight, "note": i.note}
                    for i in g.items
                ],
            }
            for g in template.groups
        ],
    }


def _record(data: object, fields: dict[str, type]) -> dict[str, Any]:
    """`data` as a dict of exactly `fields`, each of its type (a bool is not an int)."""
    if not isinstance(data, dict) or set(data) != set(fields):
        raise ValueError("template data: unexpected or missing fields")
    for name, kind in fields.items():
        if not isinstance(data[name], kind) or isinstance(data[name], bool):
            raise ValueError(f"template data: {name} is not {kind.__name__}")
    return data


def template_from_data(data: object, template_id: int | None = None) -> Template:
    """The inverse of template_to_data. Raises ValueError on anything else (unknown or
    missing fields, wrong types): storage reports that record as damaged. The values are
    not held to the rules here (venue_rules.validate_template does that)."""
    top = _record(data, {"name": str, "version": int, "note": str, "groups": list})
    groups = []
    for raw_group in top["groups"]:
        g = _record(raw_group, {"key": str, "name": str, "source": str, "items": list})
        items = []
        for raw_item in g["items"]:
            i = _record(raw_item, {"key": str, "text": str, "weight": int, "note": str})
            items.append(Item(i["key"], i["text"], i["weight"], i["note"]))
        groups.append(Group(g["key"], g["name"], tuple(items), g["source"]))
    return Template(top["name"], top["version"], tuple(groups), top["note"], template_id)


# --- the shipped default (domain brief §9 and §8.1) ----------------------------------------
# Company variant: 有设施、有标志、有党旗、有资料、有制度、有台账. The brief found no public
# source with this wording; each group names the public variant its items are drawn from.
# Weights add up to 100, so a fully applicable inspection scores in points.
_SOURCE_1 = "联合党支部“六有”通知（2021，partyworker.cn/article/detail/2077）"
_SOURCE_3 = "党员活动室“六有”（360docs.net/doc/7d7262362.html）"
_SOURCE_2023 = "2023年支部阵地建设标准（m.1wenmi.com/doc/150572.html）"
_COMPANY = "本公司口径，可修改。"


def _group(key: str, name: str, source: str, *items: tuple[str, str, int, str]) -> Group:
    return Group(key, name, tuple(Item(*i) for i in items), source)


DEFAULT_TEMPLATE = Template(
    name="党组织活动阵地“六有”检查表",
    version=1,
    note="本公司“六有”口径（有设施、有标志、有党旗、有资料、有制度、有台账）未找到公开出处，"
    "检查项和分值均可修改；其他单位的“有场所”“有书报”等口径，可编辑本模板得到。",
    groups=(
        _group(
            "facilities",
            "有设施",
            f"参照{_SOURCE_1}“有设施”：桌椅、书柜、报刊架，有条件的配电脑、电视、多媒体、"
            f"音响；活动场所可与职工活动室或会议室兼用。{_SOURCE_3}：桌椅柜、电教设备。{_COMPANY}",
            ("seating", "桌椅", 4, "座位够本支部党员集中开会（兼用的会议室、船舶餐厅也可）"),
            ("cabinets", "书柜和档案柜", 4, "书柜放学习资料；档案柜上锁，档案盒统一标注"),
            ("rack", "报刊架", 2, "党报党刊上架摆放"),
            ("av", "电教设备", 3, "电视、电脑或投影，能播放党员教育片；船舶可用离线课件"),
            ("shared_use", "场所可用", 2, "场所相对固定；与工会等兼用的，组织生活时能保证使用"),
        ),
        _group(
            "signs",
            "有标志",
            f"参照{_SOURCE_1}“有标志”：“中共××支部委员会”全称牌、“党员活动室/党员之家”门牌；"
            f"{_SOURCE_2023}：入党誓词上墙、宣传栏有专人更新。{_COMPANY}",
            ("branch_plate", "支部全称牌", 5, "“中共××支部委员会”全称，与印章名称一致"),
            ("door_plate", "“党员活动室”门牌", 4, "门口有“党员活动室”或“党员之家”门牌"),
            ("oath", "入党誓词上墙", 4, "入党誓词全文上墙，字迹清楚"),
            ("board", "宣传栏", 2, "组织机构、党员风采、光荣榜、党务公开，有专人更新，内容不过期"),
        ),
        _group(
            "flag",
            "有党旗",
            f"参照{_SOURCE_1}“有党旗”：室内悬挂党旗，展示所获荣誉；{_SOURCE_3}上墙内容。{_COMPANY}",
            ("flag_hung", "党旗悬挂", 7, "室内悬挂党旗，位置端正，无破损、褪色"),
            ("honours", "荣誉展示", 3, "奖牌、证书、锦旗集中展示；没有荣誉的选“不适用”"),
        ),
        _group(
            "records",
            "有资料",
            "参照党员活动室应备档案（360docs.net/doc/7d7262362.html）：党员名册、入党积极分子"
            "名册、发展对象名册，党支部工作手册、党员活动记录本、党费收缴登记本、党员组织关系"
            f"转移记录本，工作计划总结、上级文件；{_SOURCE_1}“有书报”。{_COMPANY}",
            ("roster", "党员名册", 4, "与本程序党员名单一致，人员变动已更新"),
            ("candidates", "入党积极分子和发展对象名册", 3, "没有积极分子和发展对象的选“不适用”"),
            ("meeting_book", "三会一课记录本", 4, "党员活动记录本逐次记录，有签到"),
            ("handbook", "党支部工作手册", 3, "当年工作手册在用"),
            ("dues_book", "党费收缴登记本", 4, "按月登记，金额和交纳人齐全"),
            ("transfer_book", "组织关系转移记录本", 3, "转入转出逐笔登记，介绍信回执留存"),
            ("plans_files", "工作计划、总结和上级文件", 2, "当年计划、上年总结、上级来文归档"),
            ("reading", "党报党刊和学习书籍", 2, "有党报党刊和学习用书；船舶可用离线电子版"),
        ),
        _group(
            "rules",
            "有制度",
            f"参照{_SOURCE_1}“有制度”：制度上墙；{_SOURCE_2023}：党的纪律、党员权利和义务、"
            f"发展党员工作流程图、支部及委员职责上墙，活动室管理制度。{_COMPANY}",
            ("meeting_rules", "组织生活制度上墙", 4, "三会一课、主题党日、组织生活会、民主评议"),
            ("rights_duties", "党员权利和义务上墙", 3, "党章规定的党员权利和义务"),
            ("duties_chart", "支委职责和组织架构上墙", 3, "支委分工、党小组设置，人员变动后已更新"),
            ("recruit_flow", "发展党员工作流程图上墙", 3, "发展党员五个阶段、二十五个步骤"),
            ("room_rules", "活动室管理制度", 2, "有专人管理，使用和借阅有登记"),
        ),
        _group(
            "ledgers",
            "有台账",
            "本公司口径，无公开出处；最接近的是村级活动场所“六有”中的“有记录”"
            "（fsnews.com.cn/shubk/202510/689901.html：每次活动有台账）。可修改。",
            ("meeting_ledger", "三会一课台账", 5, "逐次登记日期、类型、应到实到、议题"),
            ("theme_day", "主题党日活动记录", 4, "每月一次，有主题、内容和参加人员"),
            ("talks", "谈心谈话记录", 3, "书记、委员与党员谈心谈话有记录"),
            ("appraisal", "组织生活会和民主评议党员记录", 3, "每年一次，有会议记录和评议结果"),
            ("recruitment", "发展党员工作台账", 3, "每个步骤有日期；本年没有发展工作的选“不适用”"),
            ("rectify_ledger", "阵地检查整改台账", 2, "上次检查发现的问题有整改和销号记录"),
        ),
    ),
)
