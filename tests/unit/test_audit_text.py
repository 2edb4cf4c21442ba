"""The 操作记录 view's words: every action the services record has a Chinese name, every
field a row can list has one, and rows read as a secretary reads them."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dangjian_desktop import audit_text, messages, services, settings
from dangjian_desktop.domain.audit import AuditEntry, AuditRecord, parse_entry
from dangjian_desktop.domain.branch import BranchProfile, CommitteeTerm
from dangjian_desktop.domain.people import Member


def recorded_actions() -> set[str]:
    """Literal action codes of every write_session(engine, action …), record_action(engine,
    action, …) and self._record_quietly(action, …) in services/."""
    position = {"write_session": 1, "record_action": 1, "_record_quietly": 0}
    found = set()
    for info in pkgutil.walk_packages(services.__path__, services.__name__ + "."):
        module = importlib.import_module(info.name)
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            index = position.get(name)
            if index is not None and len(node.args) > index:
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


ACTIONS = sorted(recorded_actions())


def test_the_scan_finds_the_actions():
    assert {"member.add", "branch.save_profile", "backup.take", "data_file.restore"} <= set(ACTIONS)
    assert "member.export_transfer_file" in ACTIONS and "member.import_roster" in ACTIONS


@pytest.mark.parametrize("action", ACTIONS)
def test_every_recorded_action_has_a_chinese_name(action):
    assert action in audit_text.ACTION_NAMES, action
    assert any(action in codes for _label, codes in audit_text.ACTION_GROUPS), action


def test_exports_are_named_by_their_report():
    assert audit_text.action_name("export.roster") == "导出党员花名册"
    assert audit_text.action_name("export.ledger") == "导出三会一课台账"
    assert audit_text.action_name("export.new_report") == "导出new_report"
    assert audit_text.action_name("test.action") == "test.action"  # shown, not hidden


@pytest.mark.parametrize(
    "field", [f.name for f in fields(Member) if f.name not in ("id", "uid", "status")]
)
def test_every_member_field_an_update_can_list_has_a_chinese_name(field):
    assert audit_text.field_label("member", field) != field


def test_every_branch_field_a_save_can_list_has_a_chinese_name():
    names = [f.name for f in fields(BranchProfile) if f.name != "term"]
    names += [f"term.{f.name}" for f in fields(CommitteeTerm)]
    assert sorted(audit_text.BRANCH_FIELD_NAMES) == sorted(names)


def entry(action: str, record: AuditRecord) -> AuditEntry:
    return parse_entry(1, datetime(2025, 3, 1, tzinfo=UTC), "书记", action, record.to_json())


def test_rows_read_as_a_secretary_reads_them():
    many = entry("member.delete", AuditRecord("member", ids=[1, 2, 3, 4]))
    assert audit_text.object_text(many, {}) == "4 名党员"
    two = entry("member.delete", AuditRecord("member", ids=[1, 2]))
    assert audit_text.object_text(two, {1: "张三"}) == "张三（编号 1）、记录不可用（编号 2）"
    update = entry("member.update", AuditRecord("member", ids=[1], fields=["phone", "is_mobile"]))
    assert audit_text.changes_text(update) == "联系电话、是否流动党员"
    photo = AuditRecord("member", ids=[1], fields=["photo"], details={"removed": True})
    assert audit_text.changes_text(entry("member.set_photo", photo)) == "照片（删除）"
    returning = AuditRecord("member", ids=[1], fields=["work_unit"], details={"returning": True})
    back = entry("member.transfer_in", returning)
    assert audit_text.changes_text(back) == "回到原记录、工作单位"
    facts = {"file": "花名册.xlsx", "sheet": "党员", "count": 2, "skipped": 1}
    imported = AuditRecord("member", ids=[5, 6], details=facts)
    assert audit_text.object_text(entry("member.import_roster", imported), {}) == (
        "2 名党员（花名册.xlsx，工作表“党员”）"
    )
    assert audit_text.changes_text(entry("member.import_roster", imported)) == "有误的 1 行未导入"
    transfer = AuditRecord("member", ids=[1], details={"full_ids": True, "photo": True})
    assert audit_text.changes_text(entry("member.export_transfer_file", transfer)) == (
        "完整记录（含身份证号、电话）及照片"
    )
    term = entry("branch.save_profile", AuditRecord("branch", fields=["term.election_date"]))
    assert (audit_text.object_text(term, {}), audit_text.changes_text(term)) == (
        "支部信息",
        "选举日期",
    )
    years = settings.COMMITTEE_TERM_YEARS.key
    setting = AuditRecord("settings", fields=[years], details={"values": {years: [3, 5]}})
    assert (
        audit_text.changes_text(entry("settings.set", setting)) == "新一届支委会的任期：3年 → 5年"
    )
    restore = AuditRecord(
        "data_file", details={"file": "backup-a.sqlite", "before": "backup-b.sqlite"}
    )
    assert audit_text.object_text(entry("data_file.restore", restore), {}) == (
        "数据文件（用备份 backup-a.sqlite 替换）"
    )
    assert (
        audit_text.changes_text(entry("data_file.restore", restore))
        == "原数据另存为 backup-b.sqlite"
    )


def test_an_export_row_says_whether_full_numbers_left():
    masked = AuditRecord("roster", details={"format": "pdf", "rows": 30, "filtered": True})
    assert audit_text.changes_text(entry("export.roster", masked)) == (
        "PDF，30 行，按筛选条件，身份证号已遮盖，电话已遮盖"
    )
    full = AuditRecord("roster", details={"format": "xlsx", "rows": 3, "full_phones": True})
    assert audit_text.changes_text(entry("export.roster", full)) == (
        "Excel，3 行，身份证号已遮盖，含完整电话"
    )
    assert audit_text.object_text(entry("export.roster", full), {}) == "党员花名册"


def test_the_search_text_also_means_the_actions_and_fields_it_names():
    search = audit_text.search_for(" 电话 ", (7,))
    assert search.text == "电话" and search.member_ids == (7,)
    assert "phone" in search.fields
    assert audit_text.search_for("备份").actions == ("backup.take", "data_file.restore")
    assert "backup_interval_minutes" in audit_text.search_for("备份").fields
    assert audit_text.search_for("") == audit_text.AuditSearch("")


def test_venue_rows_name_their_record_and_fields(workspace):
    """阵地 rows (kind "venues") say which record by its kind and id, and their fields in
    the form's words; exports of its two reports are named."""
    from datetime import date

    from dangjian_desktop.domain.audit import AuditFilter
    from tests.unit.services.meeting_data import make_branch
    from tests.unit.services.venue_data import inspection

    branch = make_branch(workspace)
    inspection_id, _ = workspace.venues.save_inspection(inspection(branch, fails={"oath": "无"}))
    insp = workspace.venues.inspection(inspection_id)
    workspace.venues.save_inspection(replace(insp, inspected_on=date(2025, 5, 21), note="补"))
    [rect] = workspace.venues.rectifications_of(inspection_id)
    workspace.venues.close(rect.id, date(2025, 6, 1), "已上墙")
    entries = workspace.audit.entries(AuditFilter())
    rows = {e.action: e for e in entries if e.kind == "venues"}
    update = rows["venues.update_inspection"]
    assert audit_text.action_name(update.action) == "修改阵地检查"
    assert audit_text.object_text(update, {}) == f"阵地检查（编号 {inspection_id}）"
    assert audit_text.changes_text(update) == f"检查日期、{messages.FIELD_NAMES['note']}"
    closed = rows["venues.close_rectification"]
    assert audit_text.object_text(closed, {}) == f"整改（编号 {rect.id}）"
    assert audit_text.changes_text(closed) == "销号日期、整改情况、整改后照片"
    assert audit_text.action_name("export.inspection") == "导出阵地检查报告"
