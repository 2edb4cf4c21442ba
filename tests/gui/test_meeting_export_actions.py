"""导出 → the 会议 reports: the dialog asks the period, format and meeting, the save dialog the
path, and the export runs off the GUI thread to a file that re-opens."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dangjian_desktop.gui.meeting_export_actions import MeetingExportDialog
from dangjian_desktop.gui.tasks import wait_for_tasks
from dangjian_desktop.services import Workspace
from tests.conftest import DEMO_TODAY
from tests.gui.keyboard import offscreen_window_warnings

pytestmark = [pytest.mark.gui, offscreen_window_warnings]


@pytest.fixture
def window(qtbot, demo_path):
    from dangjian_desktop.gui.main_window import MainWindow

    ws = Workspace.open(demo_path, today=lambda: DEMO_TODAY)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    wait_for_tasks()
    window.close()
    ws.close(final_backup=False)


def answer_dialog(qtbot, fill) -> None:
    """When the export dialog opens, `fill(dialog)` sets it up like a user and presses OK."""

    def find() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, MeetingExportDialog)]
        visible = [d for d in dialogs if d.isVisible()]
        if not visible:
            QTimer.singleShot(20, find)
            return
        fill(visible[0])

    QTimer.singleShot(0, find)


def wait_for_message(qtbot, message_boxes, title: str) -> None:
    qtbot.waitUntil(lambda: any(t == title for _k, t, _x in message_boxes), timeout=20_000)


def menu_action(window, name: str):
    [action] = [a for a in window.export_menu.actions() if a.objectName() == name]
    return action


def test_the_menu_holds_the_four_meeting_reports(window):
    names = {a.objectName(): a.text() for a in window.export_menu.actions()}
    assert names["export_ledger"] == "三会一课台账…"
    assert names["export_minutes"] == "会议记录…"
    assert names["export_plan"] == "三会一课计划报备表…"
    assert names["export_calendar"] == "年度三会一课落实情况…"


def test_a_quarter_ledger_written_through_the_dialog(
    qtbot, window, tmp_path, file_dialogs, message_boxes
):
    target = tmp_path / "台账.xlsx"
    file_dialogs.answer(target)

    def fill(dialog) -> None:
        dialog.year.selectAll()
        QTest.keyClicks(dialog.year, "2025")
        dialog.quarter.setFocus()
        QTest.keyClick(dialog.quarter, Qt.Key.Key_Down)  # 全年 → 第一季度
        QTest.keyClick(dialog.quarter, Qt.Key.Key_Down)  # → 第二季度
        QTest.keyClicks(dialog.prepared_by, "li")
        dialog.ok.click()

    answer_dialog(qtbot, fill)
    menu_action(window, "export_ledger").trigger()
    wait_for_message(qtbot, message_boxes, "导出完成")
    assert file_dialogs.asked == [("getSaveFileName", "保存三会一课台账")]
    sheet = load_workbook(target).active
    assert "2025年第二季度" in sheet["A2"].value
    assert any("制表人：li" in str(c) for row in sheet.iter_rows(values_only=True) for c in row)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_minutes_of_the_chosen_meeting_as_pdf(qtbot, window, tmp_path, file_dialogs, message_boxes):
    target = tmp_path / "会议记录"  # no suffix typed: .pdf is added
    file_dialogs.answer(target)
    chosen = {}

    def fill(dialog) -> None:
        assert not dialog.xlsx.isEnabled() and dialog.pdf.isChecked()
        assert dialog.quarter.isHidden()
        index = next(
            i for i in range(dialog.meeting.count()) if "支部党员大会" in dialog.meeting.itemText(i)
        )
        dialog.meeting.setCurrentIndex(index)
        chosen["words"] = dialog.meeting.currentText()
        dialog.ok.click()

    answer_dialog(qtbot, fill)
    menu_action(window, "export_minutes").trigger()
    wait_for_message(qtbot, message_boxes, "导出完成")
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(f"{target}.pdf").pages))
    assert "支部党员大会会议记录" in text
    topic = chosen["words"].split(" ", 2)[2]
    assert re.sub(r"\s+", "", topic) in text


def test_cancel_in_the_dialog_writes_nothing(qtbot, window, tmp_path, file_dialogs, message_boxes):
    answer_dialog(qtbot, lambda dialog: dialog.reject())
    menu_action(window, "export_calendar").trigger()
    qtbot.wait(100)
    assert file_dialogs.asked == [] and message_boxes == []


def test_a_year_without_meetings_offers_none_and_cannot_go_on(qtbot, demo_workspace):
    dialog = MeetingExportDialog(demo_workspace, "minutes")
    qtbot.addWidget(dialog)
    assert dialog.meeting.count() > 0 and dialog.ok.isEnabled()
    dialog.year.setValue(2001)
    assert dialog.meeting.count() == 0 and not dialog.ok.isEnabled()
    assert dialog.hint.text() == "这一年没有会议记录。"


def test_print_from_the_dialog_previews_the_pdf_and_asks_no_file(
    qtbot, window, file_dialogs, previews
):
    def fill(dialog) -> None:
        dialog.year.selectAll()
        QTest.keyClicks(dialog.year, "2025")
        dialog.print_button.click()

    answer_dialog(qtbot, fill)
    menu_action(window, "export_calendar").trigger()
    qtbot.waitUntil(lambda: bool(previews), timeout=30_000)
    assert previews[0] >= 1
    assert file_dialogs.asked == []  # printed, not saved
