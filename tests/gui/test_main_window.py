"""The main window: tabs, menus, status bar, geometry, backup and restore."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from dangjian_desktop.domain.branch import BranchProfile
from dangjian_desktop.gui.dialogs.restore_dialog import RestoreDialog
from dangjian_desktop.gui.main_window import MainWindow
from dangjian_desktop.services import workspace as workspace_module

pytestmark = pytest.mark.gui

TABS = ["工作台", "支部信息", "党员", "会议", "积分", "阵地"]


def test_every_tab_is_present(main_window):
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert titles == TABS


def test_menus_have_standard_entries(main_window):
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "导出(&X)", "帮助(&H)"]
    assert main_window.save_action.shortcut().toString() == "Ctrl+S"
    assert main_window.backup_action.shortcut().toString() == "Ctrl+B"


def test_status_bar_shows_data_file_and_last_backup(main_window, gui_workspace):
    assert str(gui_workspace.path) in main_window.file_label.text()
    assert main_window.backup_label.text() == "最近备份：无"
    main_window.backup_action.trigger()
    assert gui_workspace.list_backups(), "backup action wrote no backup"
    assert "无" not in main_window.backup_label.text()


def test_geometry_is_remembered(qtbot, gui_workspace):
    first = MainWindow(gui_workspace)
    qtbot.addWidget(first)
    first.show()
    first.resize(781, 611)  # inside the 800×800 offscreen screen
    qtbot.wait(10)
    first.close()
    second = MainWindow(gui_workspace)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (781, 611)


def test_restore_from_backup_brings_back_the_profile(main_window, gui_workspace, monkeypatch):
    view = main_window.branch_view
    view.full_name.setText("中共某轮党支部")
    view.full_name.textEdited.emit("中共某轮党支部")
    assert view.save()
    backup = gui_workspace.backup_now()
    view.full_name.setText("改过的名称")
    assert view.save()

    monkeypatch.setattr(RestoreDialog, "exec", lambda self: RestoreDialog.DialogCode.Accepted)
    monkeypatch.setattr(RestoreDialog, "selected_path", lambda self: backup.path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.restore_action.trigger()

    assert gui_workspace.branch.profile().full_name == "中共某轮党支部"
    assert view.full_name.text() == "中共某轮党支部", "view did not refresh after restore"
    assert any(b.reason == "restore" for b in gui_workspace.list_backups())


def test_close_with_unsaved_edits_can_be_cancelled(main_window, monkeypatch):
    from dangjian_desktop.gui import main_window as module

    view = main_window.branch_view
    view.full_name.setText("未保存")
    view.full_name.textEdited.emit("未保存")
    asked = []

    def cancel(parent, title):
        asked.append(title)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(module, "confirm_discard", cancel)
    main_window.close()
    assert main_window.isVisible() and asked == ["支部信息"]
    monkeypatch.setattr(
        module, "confirm_discard", lambda parent, title: QMessageBox.StandardButton.Discard
    )
    main_window.close()
    assert not main_window.isVisible()


def test_new_file_shows_default_term_years(main_window, gui_workspace):
    assert gui_workspace.branch.profile() == BranchProfile()
    assert main_window.branch_view.term_years.value() == 3


def test_file_menu_has_the_data_file_check(main_window):
    file_menu = main_window.menuBar().actions()[0].menu()
    assert "检查数据文件(&K)" in [a.text() for a in file_menu.actions()]


class _TomorrowDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(days=1)


def _dirty(ws, name: str) -> None:
    ws.branch.save_profile(BranchProfile(full_name=name))


def test_failing_automatic_backup_is_told_once_and_its_recovery_too(
    main_window, gui_workspace, message_boxes, monkeypatch
):
    """Issue 7.8: a loose stick (EIO) made the 60-second timer show "内部错误" every minute."""
    import errno

    from dangjian_desktop.storage import backup

    real_fsync = backup._fsync_file

    def loose_stick(path):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup, "_fsync_file", loose_stick)
    _dirty(gui_workspace, "一号轮党支部")
    for _minute in range(3):
        main_window.backup_if_due()
    assert [(k, t) for k, t, _ in message_boxes] == [("warning", "自动备份失败")]
    assert "读写数据文件时出错：U盘可能松动或损坏" in message_boxes[0][2]
    assert "不再重复提示" in message_boxes[0][2]
    assert "自动备份失败" in main_window.backup_label.text()
    assert gui_workspace.list_backups() == []

    monkeypatch.setattr(backup, "_fsync_file", real_fsync)  # the stick is pushed back in
    main_window.backup_if_due()
    assert len(message_boxes) == 1  # recovery is a status message, not another dialog
    assert main_window.statusBar().currentMessage() == "自动备份已恢复正常。"
    assert main_window.backup_label.text().startswith("最近备份：")
    assert len(gui_workspace.list_backups()) == 1

    monkeypatch.setattr(backup, "_fsync_file", loose_stick)  # and out again: told again
    _dirty(gui_workspace, "又改了一次")
    monkeypatch.setattr(workspace_module, "datetime", _TomorrowDatetime)  # interval passed
    main_window.backup_if_due()
    main_window.backup_if_due()
    assert [t for _, t, _ in message_boxes] == ["自动备份失败", "自动备份失败"]


def test_a_bug_in_the_automatic_backup_is_reported_once(
    main_window, gui_workspace, message_boxes, monkeypatch
):
    def bug(self, now=None):
        raise ValueError("a bug in the backup code")

    monkeypatch.setattr(type(gui_workspace), "backup_if_due", bug)
    for _minute in range(3):
        main_window.backup_if_due()
    assert [(k, t) for k, t, _ in message_boxes] == [("critical", "内部错误")]
