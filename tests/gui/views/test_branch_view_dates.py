"""支部信息 dates: typed in the form and in the committee table, refused when they do not
exist, never saved as empty."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.gui.widgets.date_field import DateField
from tests.gui.conftest import type_text
from tests.gui.keyboard import offscreen_window_warnings, type_date

pytestmark = [pytest.mark.gui, offscreen_window_warnings]


def test_a_founding_date_that_does_not_exist_is_explained_and_not_saved(
    qtbot, main_window, gui_workspace
):
    view = main_window.branch_view
    type_text(view.full_name, "中共某支部")
    type_date(qtbot, view.founded_on, "1998-02-29")
    label = view.field_errors.label("founded_on")
    assert label.isVisible() and "1998年2月没有29日" in label.text()
    assert not view.save()
    assert label.isVisible() and "1998年2月没有29日" in label.text()
    assert gui_workspace.branch.profile().full_name == "", "the profile was written"

    type_date(qtbot, view.founded_on, "1998.3.1")
    assert view.save()
    assert gui_workspace.branch.profile().founded_on == date(1998, 3, 1)


def _add_committee_member(qtbot, rows_table, name: str) -> None:
    qtbot.mouseClick(rows_table.add_button, Qt.MouseButton.LeftButton)  # opens the name cell
    index = rows_table.model.index(rows_table.model.rowCount() - 1, 0)
    editor = rows_table.view.indexWidget(index)
    editor.insert(name)  # as an input method commits a phrase
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows_table.view.indexWidget(index) is None)


def _type_date_cell(qtbot, rows_table, row: int, col: int, text: str) -> DateField:
    index = rows_table.model.index(row, col)
    rows_table.view.setCurrentIndex(index)
    rows_table.view.edit(index)
    editor = rows_table.view.indexWidget(index)
    assert isinstance(editor, DateField)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows_table.view.indexWidget(index) is None)
    return editor


def test_a_committee_start_date_is_typed_in_its_cell_and_a_bad_one_is_kept_and_refused(
    qtbot, main_window, gui_workspace
):
    view = main_window.branch_view
    type_text(view.full_name, "中共某支部")
    _add_committee_member(qtbot, view.committee, "王建国")

    _type_date_cell(qtbot, view.committee, 0, 2, "2024-02-30")
    cell = view.committee.model.index(0, 2)
    assert cell.data() == "2024-02-30"  # what was typed stays in the cell
    assert "第 1 行 任职日期：日期不存在：2024年2月没有30日" in view.committee.errors_label.text()
    assert not view.save()
    assert "2024年2月没有30日" in view.committee.errors_label.text()
    assert gui_workspace.branch.profile().committee == ()

    _type_date_cell(qtbot, view.committee, 0, 2, "20240301")
    assert cell.data() == "2024-03-01"
    assert view.committee.errors_label.isHidden()
    assert view.save(), view.status.text()
    [stored] = gui_workspace.branch.profile().committee
    assert (stored.name, stored.started_on) == ("王建国", date(2024, 3, 1))


def test_a_committee_start_date_can_be_emptied_in_its_cell(qtbot, main_window, gui_workspace):
    view = main_window.branch_view
    type_text(view.full_name, "中共某支部")
    _add_committee_member(qtbot, view.committee, "王建国")
    _type_date_cell(qtbot, view.committee, 0, 2, "2024-03-01")
    index = view.committee.model.index(0, 2)
    view.committee.view.edit(index)
    editor = view.committee.view.indexWidget(index)
    assert editor.text() == "2024-03-01"
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.committee.view.indexWidget(index) is None)
    assert index.data() == "未填写"
    assert view.save()
    assert gui_workspace.branch.profile().committee[0].started_on is None
