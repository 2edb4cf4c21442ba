"""导出 → the 阵地 reports and the tab's buttons: 检查报告 (.pdf) of the selected inspection
and 阵地建设年度汇总 (.xlsx / .pdf), written off the GUI thread to files that re-open."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dangjian_desktop.gui.tasks import wait_for_tasks
from dangjian_desktop.gui.venue_export_actions import VenueExportDialog
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


def answer_dialog(fill) -> None:
    def find() -> None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, VenueExportDialog) and w.isVisible()
        ]
        if not found:
            QTimer.singleShot(20, find)
            return
        fill(found[0])

    QTimer.singleShot(0, find)


def _done(qtbot, message_boxes) -> None:
    qtbot.waitUntil(lambda: any(t == "导出完成" for _k, t, _x in message_boxes), timeout=30_000)


def test_the_tab_exports_the_selected_inspection_as_pdf(
    qtbot, window, file_dialogs, message_boxes, tmp_path
):
    view = window.venues_view
    window.tabs.setCurrentWidget(view)
    view.inspections.selectRow(0)
    chosen = view.selected_inspection_id()
    venue_name = view.selected_venue().name
    target = tmp_path / "检查报告"
    file_dialogs.answer(str(target))

    def fill(dialog) -> None:
        assert dialog.inspection.currentData() == chosen  # the tab's selection
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    answer_dialog(fill)
    QTest.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    _done(qtbot, message_boxes)
    path = target.with_name("检查报告.pdf")
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "党组织活动阵地检查报告" in text and venue_name in text


def test_the_menu_exports_the_year_summary_as_xlsx(
    qtbot, window, file_dialogs, message_boxes, tmp_path
):
    target = tmp_path / "summary.xlsx"
    file_dialogs.answer(str(target))

    def fill(dialog) -> None:
        dialog.year.setValue(DEMO_TODAY.year)
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    answer_dialog(fill)
    [action] = [a for a in window.export_menu.actions() if a.objectName() == "export_venues"]
    action.trigger()
    _done(qtbot, message_boxes)
    sheet = load_workbook(target).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("船舶党员活动室" in str(v) for v in values)
