"""Chinese wording of audit rows for the 操作记录 view: action names, what a row is about
(对象) and what it changed (改动的项目). Qt-free like messages.py, whose translator it uses.

A row names members by id; the view passes the members' current names (read from the
roster for the page shown), so the log itself never holds a name.
"""

from __future__ import annotations

from collections.abc import Mapping

from dangjian_desktop import messages_venues, settings
from dangjian_desktop.domain.audit import (
    BACKUP,
    BRANCH,
    DATA_FILE,
    MEETING,
    MEMBER,
    POINTS,
    SETTINGS,
    VENUES,
    AuditEntry,
    AuditSearch,
)
from dangjian_desktop.messages import FIELD_NAMES, IMPORT_FIELD_NAMES, import_field_name
from dangjian_desktop.messages import tr as _tr

ACTION_NAMES = {
    "member.add": "新增党员",
    "member.update": "修改党员信息",
    "member.delete": "删除党员（移入回收站）",
    "member.restore": "从回收站恢复党员",
    "member.set_photo": "更换照片",
    "member.change_status": "变更党籍状态",
    "member.transfer_out": "组织关系转出",
    "member.transfer_in": "组织关系转入",
    "member.import_transfer_file": "导入转接文件",
    "member.export_transfer_file": "导出转接文件",
    "member.import_roster": "导入花名册",
    "branch.save_profile": "保存支部信息",
    "settings.set": "修改设置",
    "backup.take": "备份数据",
    "data_file.restore": "从备份恢复",
    "meeting.add": "新增会议记录",
    "meeting.update": "修改会议记录",
    "meeting.plan": "制订会议计划",
    "meeting.hold": "会议标为已召开",
    "meeting.archive": "会议记录归档",
    "meeting.reopen": "重新打开已归档的会议记录",
    "meeting.delete": "删除会议记录（移入回收站）",
    "meeting.restore": "从回收站恢复会议记录",
    "meeting.set_frequencies": "修改会议频次要求",
    "meeting.set_theme_tags": "修改主题党日类型",
    **messages_venues.ACTION_NAMES,
    "points.scheme": "修改积分方案",
    "points.template": "修改默认积分方案",
    "points.entry.add": "新增积分记录",
    "points.entry.bulk_add": "批量录入积分",
    "points.entry.update": "修改积分记录",
    "points.entry.delete": "删除积分记录",
    "points.regenerate": "按会议签到重新计算积分",
    "points.evaluation": "录入三评评分",
    "points.appraisal": "评定民主评议等次",
    "points.counting": "支部决定计入或免于计分",
}
# Exports are "export.<report>"; a report without a name here shows its code.
REPORT_NAMES = {
    "roster": "党员花名册",
    "ledger": "三会一课台账",
    "minutes": "会议记录",
    "plan": "三会一课计划报备表",
    "calendar": "年度落实情况",
    **messages_venues.REPORT_NAMES,
    "points": "党员积分汇总表",
    "statements": "党员积分明细",
    "appraisal": "民主评议党员结果",
    "statistics": "党员队伍统计",
    "report_package": "上报材料",
}
# The view's 操作 filter: (label, action codes; "export.*" is every export).
ACTION_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "党员信息",
        (
            "member.add",
            "member.update",
            "member.delete",
            "member.restore",
            "member.set_photo",
            "member.change_status",
        ),
    ),
    (
        "组织关系转接",
        (
            "member.transfer_out",
            "member.transfer_in",
            "member.import_transfer_file",
            "member.export_transfer_file",
        ),
    ),
    ("导入与导出", ("member.import_roster", "member.export_transfer_file", "export.*")),
    ("支部信息", ("branch.save_profile",)),
    (
        "会议",
        (
            "meeting.add",
            "meeting.update",
            "meeting.plan",
            "meeting.hold",
            "meeting.archive",
            "meeting.reopen",
            "meeting.delete",
            "meeting.restore",
        ),
    ),
    ("阵地", tuple(a for a in messages_venues.ACTION_NAMES if a != "venues.save_template")),
    (
        "积分",
        (
            "points.scheme",
            "points.template",
            "points.entry.add",
            "points.entry.bulk_add",
            "points.entry.update",
            "points.entry.delete",
            "points.regenerate",
            "points.evaluation",
            "points.appraisal",
            "points.counting",
        ),
    ),
    (
        "设置",
        (
            "settings.set",
            "venues.save_template",
            "meeting.set_frequencies",
            "meeting.set_theme_tags",
        ),
    ),
    ("备份与恢复", ("backup.take", "data_file.restore")),
)
BRANCH_FIELD_NAMES = {
    "full_name": "支部全称",
    "code": "组织代码",
    "org_type": "组织类型",
    "parent_committee": "上级党组织",
    "founded_on": "成立日期",
    "term.ordinal": "届次",
    "term.election_date": "选举日期",
    "term.term_years": "任期",
    "committee": "支委会成员",
    "groups": "党小组",
    "venues": "活动阵地",
}
BACKUP_REASONS = {
    "auto": "自动备份",
    "exit": "退出时备份",
    "upgrade": "升级前备份",
    "manual": "手动备份",
    "restore": "恢复前备份",
}
FORMAT_NAMES = {"xlsx": "Excel", "pdf": "PDF", "zip": "压缩包（.zip）"}
# More ids than this in one row are counted, not listed by name.
NAMED_IN_ROW = 3


def action_name(action: str) -> str:
    if action in ACTION_NAMES:
        return _tr(ACTION_NAMES[action])
    if action.startswith("export."):
        report = action.removeprefix("export.")
        return _tr("导出{report}").format(report=_tr(REPORT_NAMES.get(report, report)))
    return action


# The meeting record's fields (domain/meetings.py Meeting) as the 会议 form names them.
MEETING_FIELD_NAMES = {
    "type": "会议类型",
    "topic": "会议主题",
    "date": "日期",
    "status": "状态",
    "also_counts_as": "同时计为",
    "theme_tags": "主题党日类型",
    "party_group_id": "党小组",
    "start_time": "开始时间",
    "end_time": "结束时间",
    "venue_id": "地点",
    "place": "地点",
    "host_id": "主持人",
    "recorder_id": "记录人",
    "lecturer_id": "主讲人",
    "lecturer_name": "主讲人",
    "first_topic.topic": "第一议题",
    "first_topic.material": "第一议题学习材料",
    "first_topic.form": "第一议题学习形式",
    "first_topic.leader_id": "领学人",
    "first_topic.leader_name": "领学人",
    "agenda": "议程",
    "minutes": "会议记录",
    "resolutions": "决议及表决",
    "follow_ups": "遗留问题",
    "attendance": "出席情况",
    "guests": "列席人员",
    "late_record": "补记",
    "recorded_on": "补记日期",
    "attachments": "附件",
}
# Catalogues that meetings keep beside the declared settings.
CATALOGUE_NAMES = {"meeting_frequencies": "会议频次要求", "theme_day_tags": "主题党日类型"}


def field_label(kind: str, field: str) -> str:
    if kind == BRANCH:
        return _tr(BRANCH_FIELD_NAMES.get(field, field))
    if kind == MEETING:
        return _tr(MEETING_FIELD_NAMES.get(field, field))
    if kind == VENUES:
        return _tr(messages_venues.VENUE_FIELD_NAMES.get(field) or FIELD_NAMES.get(field, field))
    if kind == SETTINGS:
        setting = settings.ALL.get(field)
        if setting is None and field in CATALOGUE_NAMES:
            return _tr(CATALOGUE_NAMES[field])
        return _tr(setting.label) if setting else field
    return import_field_name(field)


def _members(entry: AuditEntry, names: Mapping[int, str]) -> str:
    if not entry.ids:
        return _tr("党员")
    if len(entry.ids) > NAMED_IN_ROW:
        return _tr("{n} 名党员").format(n=len(entry.ids))
    return "、".join(
        _tr("{name}（编号 {id}）").format(name=names.get(i) or _tr("记录不可用"), id=i)
        for i in entry.ids
    )


def object_text(entry: AuditEntry, names: Mapping[int, str]) -> str:
    """对象: what the row is about. `names`: current names of the members it names."""
    if not entry.structured:
        return entry.text  # a row from before the structured format, as it was written
    d = entry.details
    if entry.action == "member.import_roster":
        return _tr("{n} 名党员（{file}，工作表“{sheet}”）").format(
            n=d.get("count", len(entry.ids)), file=d.get("file", ""), sheet=d.get("sheet", "")
        )
    if entry.kind == MEMBER:
        return _members(entry, names)
    if entry.kind == BRANCH:
        return _tr("支部信息")
    if entry.kind == MEETING:
        if len(entry.ids) > NAMED_IN_ROW:
            return _tr("{n} 条会议记录").format(n=len(entry.ids))
        return "、".join(_tr("会议记录（编号 {id}）").format(id=i) for i in entry.ids)
    if entry.kind == VENUES:
        shape = messages_venues.RECORD_OBJECTS.get(str(d.get("record")), "阵地（编号 {id}）")
        return "、".join(_tr(shape).format(id=i) for i in entry.ids) or _tr("阵地")
    if entry.kind == POINTS:
        return _points_object(entry, names)
    if entry.kind == SETTINGS:
        return _tr("设置")
    if entry.kind == BACKUP:
        return _tr("备份文件 {file}").format(file=d.get("file", ""))
    if entry.kind == DATA_FILE:
        return _tr("数据文件（用备份 {file} 替换）").format(file=d.get("file", ""))
    return _tr(REPORT_NAMES.get(entry.kind, entry.kind))  # an export: its report


POINT_OBJECTS = {
    "scheme": "{year} 年积分方案",
    "template": "默认积分方案",
    "derived": "{year} 年按签到计分的积分记录",
}


def _points_object(entry: AuditEntry, names: Mapping[int, str]) -> str:
    d = entry.details
    what = str(d.get("what", ""))
    if what in POINT_OBJECTS:
        return _tr(POINT_OBJECTS[what]).format(year=d.get("year", ""))
    if what in ("evaluation", "appraisal"):  # ids are members
        return _members(entry, names)
    if len(entry.ids) > NAMED_IN_ROW:
        return _tr("{n} 条积分记录").format(n=len(entry.ids))
    return "、".join(_tr("积分记录（编号 {id}）").format(id=i) for i in entry.ids)


def _setting_change(key: str, change: object) -> str:
    setting = settings.ALL.get(key)
    if setting is None or not isinstance(change, list) or len(change) != 2:
        return field_label(SETTINGS, key)
    unit = _tr(setting.unit)

    def shown(value: object) -> str:
        if isinstance(value, bool):
            return _tr("是") if value else _tr("否")
        labels = dict(setting.choices)
        return _tr(labels[value]) if value in labels else f"{value}{unit}"

    return _tr("{label}：{old} → {new}").format(
        label=_tr(setting.label), old=shown(change[0]), new=shown(change[1])
    )


def _export_facts(d: Mapping[str, object]) -> list[str]:
    facts = []
    if "format" in d:
        facts.append(_tr(FORMAT_NAMES.get(str(d["format"]), str(d["format"]))))
    if "rows" in d:
        facts.append(_tr("{n} 行").format(n=d["rows"]))
    if d.get("filtered"):
        facts.append(_tr("按筛选条件"))
    facts.append(_tr("含完整身份证号") if d.get("full_ids") else _tr("身份证号已遮盖"))
    facts.append(_tr("含完整电话") if d.get("full_phones") else _tr("电话已遮盖"))
    return facts


def changes_text(entry: AuditEntry) -> str:
    """改动的项目: the changed fields by their Chinese names, or what the action did."""
    if not entry.structured:
        return ""
    d = entry.details
    if entry.kind == SETTINGS:
        values = d.get("values") if isinstance(d.get("values"), dict) else {}
        return "；".join(_setting_change(k, values.get(k)) for k in entry.fields)
    if entry.kind == BACKUP:
        reason = str(d.get("reason", ""))
        return _tr(BACKUP_REASONS.get(reason, reason))
    if entry.kind == DATA_FILE:
        return _tr("原数据另存为 {file}").format(file=d.get("before", ""))
    if entry.action == "member.export_transfer_file":
        text = _tr("完整记录（含身份证号、电话）")
        return text + (_tr("及照片") if d.get("photo") else "")
    if entry.action.startswith("export."):
        return _tr("，").join(_export_facts(d))
    parts = [field_label(entry.kind, f) for f in entry.fields]
    if entry.action == "meeting.reopen" and d.get("reason"):
        parts.append(_tr("原因：{reason}").format(reason=d["reason"]))
    if entry.action == "member.set_photo" and d.get("removed"):
        parts = [_tr("照片（删除）")]
    if d.get("returning") or d.get("created") is False:
        parts.insert(0, _tr("回到原记录"))
    if entry.action == "member.import_roster" and d.get("skipped"):
        parts.append(_tr("有误的 {n} 行未导入").format(n=d["skipped"]))
    return "、".join(parts)


def search_for(text: str, member_ids: tuple[int, ...] = ()) -> AuditSearch:
    """The search box's text as a search: also the actions and fields whose Chinese names
    contain it, and the members it finds (by name, pinyin, ID tail or phone)."""
    text = text.strip()
    if not text:
        return AuditSearch("")
    actions = tuple(code for code in ACTION_NAMES if text in _tr(ACTION_NAMES[code]))
    names = {**FIELD_NAMES, **IMPORT_FIELD_NAMES, **BRANCH_FIELD_NAMES}
    names |= {s.key: s.label for s in settings.DECLARED}
    names["photo"] = "照片"
    fields = tuple(sorted(key for key, label in names.items() if text in _tr(label)))
    return AuditSearch(text, actions=actions, fields=fields, member_ids=member_ids)
