"""操作记录: the audit log newest first, in Chinese, filtered by days, kind of action and a
search text (issue 7 item 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop import settings
from dangjian_desktop.domain.people import PartyStatus, StatusChange
from dangjian_desktop.gui.dialogs.audit_dialog import AuditDialog
from dangjian_desktop.gui.models import audit_table_model
from dangjian_desktop.gui.models.audit_table_model import AuditTableModel
from dangjian_desktop.services.audit_service import record_export
from tests.gui.conftest import type_text
from tests.gui.keyboard import focus, offscreen_window_warnings, type_date
from tests.gui.members_data import member

pytestmark = [pytest.mark.gui, offscreen_window_warnings]


@pytest.fixture
def filled(gui_workspace):
    """A few writes of each kind, and one old row with plain-text detail."""
    ws = gui_workspace
    with ws.database.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            ("2024-01-05 08:00:00.000000", "老书记", "member.update", "旧格式的记录 7"),
        )
    a, _ = ws.members.add(member(1))
    b, _ = ws.members.add(member(2))
    ws.members.update(replace(ws.members.get(a), phone="13900001111"))
    ws.members.change_status(b, StatusChange(PartyStatus.SUSPENDED, date.today()))
    ws.settings.set(settings.BACKUP_INTERVAL_MINUTES, 20)
    record_export(ws.database.engine, "roster", fmt="xlsx", rows=2, full_ids=True)
    ws.backup_now()
    ws.ids = (a, b)
    return ws


@pytest.fixture
def dialog(qtbot, filled):
    dialog = AuditDialog(filled)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog: AuditDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def column(dialog: AuditDialog, c: int) -> list[str]:
    return [row[c] for row in shown(dialog)]


def test_rows_are_listed_newest_first_in_chinese(dialog, filled):
    a, b = filled.ids
    name_a, name_b = (filled.members.get(i).name for i in (a, b))
    assert column(dialog, 2) == [
        "备份数据",
        "导出党员花名册",
        "修改设置",
        "变更党籍状态",
        "修改党员信息",
        "新增党员",
        "新增党员",
        "修改党员信息",
    ]
    rows = shown(dialog)
    assert rows[2][3:] == ("设置", "自动备份间隔：30分钟 → 20分钟")
    assert rows[3][3:] == (f"{name_b}（编号 {b}）", "党籍状态")
    assert rows[4][3:] == (f"{name_a}（编号 {a}）", "联系电话")
    assert rows[1][3:] == ("党员花名册", "Excel，2 行，含完整身份证号，电话已遮盖")
    assert rows[0][4] == "手动备份" and rows[0][3].startswith("备份文件 backup-")
    assert rows[-1][1:] == ("老书记", "修改党员信息", "旧格式的记录 7", "")  # an old row
    local = datetime(2024, 1, 5, 8, tzinfo=UTC).astimezone()  # stored in UTC, shown local
    assert rows[-1][0] == local.strftime("%Y-%m-%d %H:%M:%S")
    assert dialog.summary.text() == "共 8 条"


def test_filter_by_kind_of_action(qtbot, dialog):
    focus(qtbot, dialog.action)
    qtbot.keyClick(dialog.action, Qt.Key.Key_Down)  # 党员信息
    assert column(dialog, 2) == [
        "变更党籍状态",
        "修改党员信息",
        "新增党员",
        "新增党员",
        "修改党员信息",
    ]
    dialog.action.setCurrentIndex(dialog.action.findText("备份与恢复"))
    assert column(dialog, 2) == ["备份数据"]
    dialog.action.setCurrentIndex(dialog.action.findText("导入与导出"))
    assert column(dialog, 2) == ["导出党员花名册"]
    assert dialog.summary.text() == "共 1 条"


def test_filter_by_days_typed_into_the_date_fields(qtbot, dialog):
    type_date(qtbot, dialog.until, "2024-12-31")
    assert column(dialog, 1) == ["老书记"]
    focus(qtbot, dialog.until)  # emptied again: Ctrl+A, Backspace
    qtbot.keyClick(dialog.until, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.until, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.until, Qt.Key.Key_Tab)
    type_date(qtbot, dialog.since, date.today().isoformat())
    assert len(shown(dialog)) == 7
    type_date(qtbot, dialog.since, (date.today() + timedelta(days=1)).isoformat())
    assert shown(dialog) == []


def test_search_by_member_name_field_name_and_operator(qtbot, dialog, filled):
    _a, b = filled.ids
    name_b = filled.members.get(b).name

    def search(text: str) -> list[str]:
        focus(qtbot, dialog.search)
        dialog.search.clear()
        type_text(dialog.search, text)
        qtbot.waitUntil(lambda: not dialog._search_timer.isActive())  # the pause in typing
        return column(dialog, 2)

    assert search(name_b) == ["变更党籍状态", "新增党员"]
    assert search("电话") == ["修改党员信息"]  # 联系电话
    assert search("老书记") == ["修改党员信息"]
    assert search("设置") == ["修改设置"]
    assert search("没有这样的记录") == [] and dialog.summary.text() == "共 0 条"


def test_typing_waits_for_a_pause_before_it_searches(qtbot, dialog, monkeypatch):
    counted = []
    real = dialog.model._service.count
    monkeypatch.setattr(dialog.model._service, "count", lambda f: counted.append(f) or real(f))
    focus(qtbot, dialog.search)
    type_text(dialog.search, "修改")
    assert counted == []  # not once per key
    qtbot.waitUntil(lambda: len(counted) == 1)


def test_too_many_members_found_is_said(qtbot, dialog, monkeypatch):
    from dangjian_desktop.gui.dialogs import audit_dialog

    monkeypatch.setattr(audit_dialog, "MAX_NAMED_MEMBERS", 1)
    dialog.search.setText("党员")
    dialog.apply_filter()
    assert dialog.note.text() == ""  # "党员" is in no member's name here
    dialog.search.setText("13")  # a phone fragment finds both members
    dialog.apply_filter()
    assert "超过 1 名" in dialog.note.text()


def test_the_list_stays_put_while_a_row_is_written(dialog, filled):
    before = shown(dialog)
    filled.backup_now()  # the automatic backup's timer fires while the dialog is open
    assert shown(dialog) == before
    dialog.apply_filter()
    assert len(shown(dialog)) == len(before) + 1


def test_the_model_passes_the_model_tester(qtmodeltester, filled):
    qtmodeltester.check(AuditTableModel(filled.audit))


def test_pages_are_fetched_lazily(filled, monkeypatch):
    monkeypatch.setattr(audit_table_model, "PAGE_SIZE", 3)
    fetched = []
    real = filled.audit.entries
    monkeypatch.setattr(
        filled.audit,
        "entries",
        lambda f, limit, offset: fetched.append(offset) or real(f, limit, offset),
    )
    model = AuditTableModel(filled.audit)
    assert fetched == [] and model.rowCount() == 8
    model.index(7, 2).data()
    assert fetched == [6]
    assert model.index(7, 2).data() == "修改党员信息" and fetched == [6]


def test_help_menu_opens_the_dialog(main_window, monkeypatch):
    opened = []
    monkeypatch.setattr(AuditDialog, "exec", lambda self: opened.append(self) or 0)
    main_window.audit_action.trigger()
    (dialog,) = opened
    assert dialog.windowTitle() == "操作记录" and main_window.audit_action.text() == "操作记录(&L)…"
