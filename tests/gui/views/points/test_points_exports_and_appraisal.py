"""积分 exports through the dialog (ranking only when ticked, off by default; one member's
statement; the file re-opened) and the 民主评议 sheet (预备党员 not listed, more than a third
优秀 warned and saved only when confirmed)."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from dangjian_desktop.domain.points import Grade
from tests.gui.conftest import type_text
from tests.gui.keyboard import offscreen_window_warnings
from tests.gui.views.points.dialogs import answer_dialog
from tests.unit.services.meeting_data import make_branch

pytestmark = [pytest.mark.gui, offscreen_window_warnings]

YEAR = date.today().year


@pytest.fixture
def branch(gui_workspace):
    branch = make_branch(gui_workspace)
    ws = gui_workspace
    for name, times in (("王海", 3), ("李静", 1)):
        for i in range(times):
            entry = ws.points.new_entry(branch.id(name), date(YEAR, 3, 1 + i), "V01")
            ws.points.add_entry(entry)
    return branch


def menu_action(window, name: str):
    [action] = [a for a in window.export_menu.actions() if a.objectName() == name]
    return action


def wait_done(qtbot, message_boxes) -> None:
    qtbot.waitUntil(lambda: any(t == "导出完成" for _k, t, _x in message_boxes), timeout=20_000)
    message_boxes.clear()


def _headers(path) -> list[str]:
    sheet = load_workbook(path).active
    return [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]


def _export_totals(qtbot, main_window, file_dialogs, message_boxes, target, *, tick: bool):
    file_dialogs.answer(target)

    def fill(dialog) -> None:
        assert not dialog.ranking.isChecked()  # never ranked by default
        if tick:
            dialog.ranking.setFocus()
            QTest.keyClick(dialog.ranking, Qt.Key.Key_Space)
        dialog.ok.click()

    answer_dialog(fill)
    menu_action(main_window, "export_points").trigger()
    wait_done(qtbot, message_boxes)


def test_totals_exported_without_ranking_unless_ticked(
    qtbot, main_window, view, tmp_path, file_dialogs, message_boxes
):
    plain, ranked = tmp_path / "汇总.xlsx", tmp_path / "汇总-排名.xlsx"
    _export_totals(qtbot, main_window, file_dialogs, message_boxes, plain, tick=False)
    _export_totals(qtbot, main_window, file_dialogs, message_boxes, ranked, tick=True)
    assert "王海" in _headers(plain)
    assert "排名" not in _headers(plain)
    assert "排名" in _headers(ranked)


def test_one_members_statement_as_pdf_from_the_tab(
    qtbot, view, branch, tmp_path, file_dialogs, message_boxes
):
    target = tmp_path / "明细.pdf"
    file_dialogs.answer(target)

    def fill(dialog) -> None:
        assert dialog.kind == "statements"
        dialog.member.setCurrentIndex(dialog.member.findText("王海"))
        dialog.pdf.setFocus()
        QTest.keyClick(dialog.pdf, Qt.Key.Key_Space)
        dialog.ok.click()

    answer_dialog(fill)
    view.pages.setCurrentWidget(view.totals_page)
    QTest.mouseClick(view.export_statements_button, Qt.MouseButton.LeftButton)
    wait_done(qtbot, message_boxes)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "王海" in text and "李静" not in text


def test_the_appraisal_sheet_warns_over_a_third_and_leaves_out_probationary(
    qtbot, view, branch, message_boxes, monkeypatch
):
    ws = view._ws
    view.pages.setCurrentWidget(view.appraisal_page)
    qtbot.waitUntil(lambda: view.appraisal_page.read.reads >= 1)  # read in the background
    names = [view.grades_model.item(r, 0).text() for r in range(view.grades_model.rowCount())]
    assert "周新" not in names and len(names) == 6  # the 预备党员 is not graded
    table = view.grades_table
    for row in range(len(names)):
        index = view.grades_model.index(row, 1)
        table.setCurrentIndex(index)
        table.edit(index)
        editor = table.indexWidget(index)
        presses = 1 if row < 3 else 2  # (未评定) → 优秀 → 合格: three 优秀 of six
        for _ in range(presses):
            QTest.keyClick(editor, Qt.Key.Key_Down)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda index=index: table.indexWidget(index) is None)
    assert view.grades_warning.isVisible() and "三分之一" in view.grades_warning.text()
    QTest.mouseClick(view.save_grades_button, Qt.MouseButton.LeftButton)  # asked: No
    assert [k for k, _t, _x in message_boxes] == ["question"]
    assert ws.points.appraisal(YEAR).grades == {}

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    QTest.mouseClick(view.save_grades_button, Qt.MouseButton.LeftButton)
    grades = ws.points.appraisal(YEAR).grades
    assert sorted(g.grade for g in grades.values()).count(Grade.EXCELLENT) == 3
    assert len(grades) == 6


def test_the_entries_list_searches_by_member_name(qtbot, view, branch):
    assert view.model.rowCount() == 4
    view.search.setFocus()
    type_text(view.search, "李")  # the names may still be read: searched again when they come
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.item(0).member_name == "李静"
    assert view.count_label.text() == "共 1 条"
