"""文件 → 生成上报材料… and 文件 → 校验上报材料… through their dialogs: period typed, folder
picked in the (stubbed) folder dialog, the package written off the GUI thread; a bad period
shown in Chinese without writing; the package then checked, and an altered one reported."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from dangjian_desktop.gui.dialogs.report_package_dialog import ReportPackageDialog, period_choices
from dangjian_desktop.gui.dialogs.verify_package_dialog import VerifyPackageDialog
from tests.gui.conftest import type_text
from tests.gui.members_data import member

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(gui_workspace):
    for i in range(3):
        gui_workspace.members.add(member(i))
    return gui_workspace


def button(dialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def make_package(qtbot, ws, folder, file_dialogs, period="2026Q3", full_ids=False):
    dialog = ReportPackageDialog(ws, today=date(2026, 10, 8))
    qtbot.addWidget(dialog)
    file_dialogs.answer(folder)
    qtbot.mouseClick(button(dialog, "浏览…"), Qt.MouseButton.LeftButton)
    assert dialog.folder.text() == str(folder)
    edit = dialog.period.lineEdit()
    edit.selectAll()
    type_text(edit, period)
    if full_ids:
        qtbot.mouseClick(dialog.full_ids, Qt.MouseButton.LeftButton)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return dialog


def test_the_package_is_written_from_the_dialog(qtbot, ws, tmp_path, file_dialogs, message_boxes):
    out = tmp_path / "U盘"
    out.mkdir()
    dialog = make_package(qtbot, ws, out, file_dialogs, full_ids=True)
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=30_000)
    assert dialog.result_path == out / "上报材料_2026Q3.zip" and dialog.result_path.is_file()
    kind, _title, text = message_boxes[-1]
    assert kind == "information" and str(dialog.result_path) in text and "完整身份证号" in text


def test_a_bad_period_is_said_and_nothing_written(qtbot, ws, tmp_path, file_dialogs):
    dialog = make_package(qtbot, ws, tmp_path, file_dialogs, period="2026Q5")
    assert dialog.error.isVisibleTo(dialog) and "季度 5 不存在" in dialog.error.text()
    assert dialog.task is None and not list(tmp_path.glob("*.zip"))


def test_the_periods_offered_start_with_the_last_ended_quarter():
    assert period_choices(date(2026, 10, 8)) == ["2026Q3", "2026Q4", "2026", "2025"]
    assert period_choices(date(2026, 2, 1))[0] == "2025Q4"


def test_verify_through_its_dialog(qtbot, ws, tmp_path, file_dialogs):
    path = ws.reports.package(tmp_path, "2026").path
    dialog = VerifyPackageDialog(ws.reports.verify)
    qtbot.addWidget(dialog)
    file_dialogs.answer(path)
    qtbot.mouseClick(button(dialog, "选择文件…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert dialog.verdict.text() == "校验通过"
    assert "校验通过" in dialog.findings.toPlainText()

    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(altered, "w") as zout:
        for info in zin.infolist():
            if info.filename != "reports/党员队伍统计.pdf":
                zout.writestr(info, zin.read(info))
    dialog.report = None
    file_dialogs.answer(altered)
    qtbot.mouseClick(button(dialog, "选择文件…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert dialog.verdict.text() == "校验未通过"
    assert "党员队伍统计.pdf" in dialog.findings.toPlainText()


def test_the_file_menu_offers_both(main_window):
    texts = [a.text() for a in main_window.menuBar().actions()[0].menu().actions()]
    assert "生成上报材料(&P)…" in texts and "校验上报材料(&V)…" in texts
