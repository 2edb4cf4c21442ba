"""工作台's 数据文件 box: the full check's result with its way out, and a clock that looks
wrong (issue 7.1, 7.4)."""

from __future__ import annotations

import shutil
import sqlite3
import struct
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from dangjian_desktop.domain.branch import BranchProfile
from dangjian_desktop.storage import backup
from tests.gui.members_data import member

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_automatic_check(monkeypatch):
    """The check after open would run again in a slow test: only where a test asks."""
    from dangjian_desktop.gui import main_window as module

    monkeypatch.setattr(module, "AUTO_INTEGRITY_CHECK_MS", 600_000)


def damage_an_index_entry(path, name: str) -> None:
    """Rewrite one member name inside the name index so the page stays well-formed (the
    open check passes) but the entry no longer matches its row."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='ix_member_name'")
    root = root.fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    page = data[start : start + page_size]
    assert page[0] == 0x0A, "the name index should fit one leaf page"
    offset = page.find(name.encode())
    assert offset > 0
    replacement = (name[:-1] + chr(ord(name[-1]) + 1)).encode()
    data[start + offset : start + offset + len(replacement)] = replacement
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_index_workspace(db_path):
    from dangjian_desktop.services import Workspace

    ws = Workspace.open(db_path)
    for i in range(12):
        ws.members.add(member(i))
    ws.close(final_backup=False)
    damage_an_index_entry(db_path, member(5).name)
    ws = Workspace.open(db_path)  # the open check (quick_check) does not see it
    yield ws
    ws.close(final_backup=False)


def make_window(qtbot, ws):
    from dangjian_desktop.gui.main_window import MainWindow

    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_full_check_runs_in_the_background_after_open(qtbot, gui_workspace, monkeypatch):
    from dangjian_desktop.gui import main_window as module

    monkeypatch.setattr(module, "AUTO_INTEGRITY_CHECK_MS", 10)
    window = make_window(qtbot, gui_workspace)
    label = window.dashboard_view.check_label
    assert "完整检查" in label.text() and "正常（" not in label.text()  # not claimed yet
    qtbot.waitUntil(lambda: label.text().startswith("正常（完整检查于"), timeout=10_000)
    assert window.dashboard_view.repair_button.isHidden()


def test_index_damage_is_shown_and_repaired(
    qtbot, damaged_index_workspace, message_boxes, monkeypatch
):
    ws = damaged_index_workspace
    window = make_window(qtbot, ws)
    view = window.dashboard_view
    window.tabs.setCurrentWidget(view)

    window.check_action.trigger()  # 文件 → 检查数据文件
    qtbot.waitUntil(lambda: "发现问题" in view.check_label.text(), timeout=10_000)

    assert "索引 ix_member_name 中缺少第 6 行记录" in view.check_label.text()
    assert "missing from index" not in view.check_label.text()  # Chinese, not SQLite's words
    assert "重建索引" in view.check_label.text()
    assert view.check_label.objectName() == "errorText"
    assert view.repair_button.isVisible() and view.restore_button.isVisible()
    [(kind, title, _text)] = message_boxes  # offered once; the stub answers No
    assert (kind, title) == ("question", "数据文件的索引有误")

    view.repair_button.click()
    qtbot.waitUntil(lambda: view.check_label.text().startswith("正常（"), timeout=10_000)
    assert not view.repair_button.isVisible() and not view.restore_button.isVisible()
    assert ws.integrity_check().ok
    assert message_boxes[-1][:2] == ("information", "检查数据文件")


def test_damage_beyond_indexes_offers_a_restore_only(qtbot, gui_workspace):
    from dangjian_desktop.storage.database import IntegrityReport

    window = make_window(qtbot, gui_workspace)
    view = window.dashboard_view
    window.tabs.setCurrentWidget(view)
    view.show_integrity(IntegrityReport(("NULL value in member.name",) * 5))
    assert "从最近的完好备份恢复" in view.check_label.text()
    assert "技术细节：NULL value in member.name" in view.check_label.text()
    assert "另有 2 处" in view.check_label.text()
    assert not view.repair_button.isVisible()
    assert view.restore_button.isVisible()


def test_a_failed_check_offers_the_restore_dialog(qtbot, gui_workspace, message_boxes, monkeypatch):
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.storage.database import IntegrityReport

    bad = IntegrityReport(("*** in database main ***\nPage 7: btreeInitPage() error",))
    monkeypatch.setattr(type(gui_workspace), "integrity_check", lambda self, progress=None: bad)
    opened = []
    monkeypatch.setattr(MainWindow, "restore_from_backup", lambda self: opened.append(True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = make_window(qtbot, gui_workspace)
    window.check_data_file(on_demand=True)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert "发现问题" in window.dashboard_view.check_label.text()


def test_newest_backup_dated_in_the_future_warns_about_the_clock(qtbot, gui_workspace):
    gui_workspace.branch.save_profile(BranchProfile(full_name="时钟测试支部"))
    taken = gui_workspace.backup_now()
    future = datetime.now() + timedelta(days=30)
    moved = taken.path.with_name(backup.backup_name(future, "auto", taken.seq + 1))
    shutil.copyfile(taken.path, moved)  # taken when the clock was a month ahead
    from dangjian_desktop.services import Workspace

    path = gui_workspace.path
    gui_workspace.close(final_backup=False)
    ws = Workspace.open(path)
    try:
        window = make_window(qtbot, ws)
        view = window.dashboard_view
        window.tabs.setCurrentWidget(view)
        assert view.clock_label.isVisible()
        assert "本机时钟可能不准" in view.clock_label.text()
        assert future.strftime("%Y-%m-%d") in view.backup_label.text()
        window.close()
    finally:
        ws.close(final_backup=False)


def test_no_clock_warning_when_the_newest_backup_is_in_the_past(qtbot, gui_workspace):
    gui_workspace.backup_now()
    window = make_window(qtbot, gui_workspace)
    window.tabs.setCurrentWidget(window.dashboard_view)
    assert not window.dashboard_view.clock_label.isVisible()


def test_header_mark_is_in_place_for_gui_files(gui_workspace):
    """The window's files go through the same open path: marked as ours."""
    from dangjian_desktop.storage.engine import APPLICATION_ID

    header = gui_workspace.path.read_bytes()[:100]
    assert struct.unpack(">I", header[68:72])[0] == APPLICATION_ID
