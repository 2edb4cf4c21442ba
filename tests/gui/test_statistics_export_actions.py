"""导出 → 党员队伍统计…: year and as-of date in the dialog, then a file that re-opens, or 打印…
to the print preview (issue 11 items 3 and 7)."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dangjian_desktop.gui.statistics_export_actions import StatisticsExportDialog
from dangjian_desktop.gui.tasks import wait_for_tasks
from dangjian_desktop.services import Workspace
from tests.conftest import DEMO_TODAY
from tests.gui.keyboard import offscreen_window_warnings
from tests.gui.test_meeting_export_actions import wait_for_message

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


def answer_dialog(fill) -> None:
    def find() -> None:
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, StatisticsExportDialog)
        ]
        visible = [d for d in dialogs if d.isVisible()]
        if not visible:
            QTimer.singleShot(20, find)
            return
        fill(visible[0])

    QTimer.singleShot(0, find)


def trigger(window) -> None:
    [action] = [a for a in window.export_menu.actions() if a.objectName() == "export_statistics"]
    assert action.text() == "党员队伍统计…"
    action.trigger()


def test_statistics_as_of_a_date_written_through_the_dialog(
    qtbot, window, tmp_path, file_dialogs, message_boxes
):
    target = tmp_path / "统计"  # no suffix typed: .xlsx is added
    file_dialogs.answer(target)

    def fill(dialog) -> None:
        dialog.year.selectAll()
        QTest.keyClicks(dialog.year, "2025")
        assert dialog.as_of.date_or_none().isoformat() == "2025-12-31"  # follows the year
        dialog.as_of.selectAll()
        QTest.keyClicks(dialog.as_of, "2025-06-30")
        QTest.keyClicks(dialog.prepared_by, "li")
        dialog.ok.click()

    answer_dialog(fill)
    trigger(window)
    wait_for_message(qtbot, message_boxes, "导出完成")
    assert file_dialogs.asked == [("getSaveFileName", "保存党员队伍统计")]
    sheet = load_workbook(f"{target}.xlsx").active
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "党员队伍统计" in cells
    assert re.search(r"2025.?06.?30|2025年6月30日", cells), cells[:300]
    assert "制表人：li" in cells


def test_an_as_of_date_outside_the_year_is_refused_at_the_field(qtbot, window, file_dialogs):
    seen = {}

    def fill(dialog) -> None:
        dialog.as_of.selectAll()
        QTest.keyClicks(dialog.as_of, "2019-06-30")
        seen["ok"] = dialog.ok.isEnabled()
        seen["print"] = dialog.print_button.isEnabled()
        seen["hint"] = dialog.hint.text()
        dialog.reject()

    answer_dialog(fill)
    trigger(window)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == {"ok": False, "print": False, "hint": "统计截止日期须在所选年份内。"}
    assert file_dialogs.asked == []


def test_print_previews_the_statistics_pdf(qtbot, window, file_dialogs, previews):
    answer_dialog(lambda dialog: dialog.print_button.click())
    trigger(window)
    qtbot.waitUntil(lambda: bool(previews), timeout=30_000)
    assert previews[0] >= 1
    assert file_dialogs.asked == []
