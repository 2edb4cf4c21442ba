"""The main window: tabs, menus, status bar, geometry, backup and restore."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from dangjian_desktop.domain.branch import BranchProfile
from dangjian_desktop.gui.dialogs.restore_dialog import RestoreDialog
from dangjian_desktop.gui.main_window import MainWindow

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
    monkeypatch.setattr(module, "confirm_discard", lambda parent: QMessageBox.StandardButton.Cancel)
    main_window.close()
    assert main_window.isVisible()
    monkeypatch.setattr(
        module, "confirm_discard", lambda parent: QMessageBox.StandardButton.Discard
    )
    main_window.close()
    assert not main_window.isVisible()


def test_new_file_shows_default_term_years(main_window, gui_workspace):
    assert gui_workspace.branch.profile() == BranchProfile()
    assert main_window.branch_view.term_years.value() == 3
