"""支部信息 edited through the window, saved, and there after reopening the file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.domain.branch import CommitteePost
from dangjian_desktop.gui.main_window import MainWindow
from dangjian_desktop.services import Workspace
from tests.gui.conftest import type_text
from tests.gui.keyboard import type_date

pytestmark = pytest.mark.gui


def _type_cell(qtbot, rows_table, row: int, col: int, text: str) -> None:
    """Open the cell's editor as a double click would, enter the text, press Return."""
    index = rows_table.model.index(row, col)
    rows_table.view.setCurrentIndex(index)
    if rows_table.view.indexWidget(index) is None:  # "添加" already opened the first cell
        rows_table.view.edit(index)
    editor = rows_table.view.indexWidget(index)
    assert editor is not None, "cell did not open an editor"
    editor.selectAll()
    editor.insert(text)  # as an input method commits a phrase into the cell editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes the editor through a queued call.
    qtbot.waitUntil(lambda: rows_table.view.indexWidget(index) is None)


def _choose_cell(qtbot, rows_table, row: int, col: int, label: str) -> None:
    index = rows_table.model.index(row, col)
    rows_table.view.setCurrentIndex(index)
    if rows_table.view.indexWidget(index) is None:  # "添加" already opened the first cell
        rows_table.view.edit(index)
    combo = rows_table.view.indexWidget(index)
    combo.setCurrentIndex(combo.findText(label))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows_table.view.indexWidget(index) is None)


def test_profile_edited_in_ui_survives_reopen(qtbot, main_window, gui_workspace, db_path):
    view = main_window.branch_view
    type_text(view.full_name, "中共海港12号轮党支部")
    type_text(view.code, "310115001")
    type_text(view.parent_committee, "中共某船舶燃料公司委员会")
    type_date(qtbot, view.election_date, "2024.3.12")
    view.term_ordinal.setValue(3)

    qtbot.mouseClick(view.committee.add_button, Qt.MouseButton.LeftButton)
    _type_cell(qtbot, view.committee, 0, 0, "王建国")
    _choose_cell(qtbot, view.committee, 0, 1, "书记")
    qtbot.mouseClick(view.groups.add_button, Qt.MouseButton.LeftButton)
    _type_cell(qtbot, view.groups, 0, 0, "驾驶部党小组")
    _type_cell(qtbot, view.groups, 0, 1, "赵明")
    qtbot.mouseClick(view.venues.add_button, Qt.MouseButton.LeftButton)
    _type_cell(qtbot, view.venues, 0, 0, "党员活动室")
    _type_cell(qtbot, view.venues, 0, 2, "24.5")
    assert view.is_dirty()
    assert view.term_ends.text() == "2027-03-12"

    main_window.save_action.trigger()  # Ctrl+S on the current tab
    assert not view.is_dirty(), view.status.text()
    assert view.status.text() == "已保存"

    main_window.close()
    gui_workspace.close(final_backup=False)
    reopened = Workspace.open(db_path)
    try:
        p = reopened.branch.profile()
        assert p.full_name == "中共海港12号轮党支部"
        assert p.code == "310115001"
        assert p.parent_committee == "中共某船舶燃料公司委员会"
        assert (p.term.ordinal, p.term.election_date, p.term.term_years) == (
            3,
            date(2024, 3, 12),
            3,
        )
        assert [(m.name, m.post) for m in p.committee] == [("王建国", CommitteePost.SECRETARY)]
        assert [(g.name, g.leader) for g in p.groups] == [("驾驶部党小组", "赵明")]
        assert [(v.name, v.area_m2) for v in p.venues] == [("党员活动室", 24.5)]
        window = MainWindow(reopened)
        qtbot.addWidget(window)
        window.tabs.setCurrentWidget(window.branch_view)  # built when first shown
        assert window.branch_view.full_name.text() == "中共海港12号轮党支部"
        assert window.branch_view.groups.model.index(0, 1).data() == "赵明"
        window.close()
    finally:
        reopened.close(final_backup=False)


def test_missing_name_is_shown_next_to_the_field_and_nothing_saved(
    qtbot, main_window, gui_workspace
):
    view = main_window.branch_view
    type_text(view.code, "123")
    assert not view.save()
    label = view.field_errors.label("full_name")
    assert label.isVisible() and label.text() == "必填"
    assert gui_workspace.branch.profile().code == "", "invalid profile was written"
    type_text(view.full_name, "中共某支部")
    assert view.save()
    assert not label.isVisible()


def test_duplicate_group_and_bad_area_are_marked_in_their_rows(qtbot, main_window, gui_workspace):
    view = main_window.branch_view
    type_text(view.full_name, "中共某支部")
    for _ in range(2):
        qtbot.mouseClick(view.groups.add_button, Qt.MouseButton.LeftButton)
    _type_cell(qtbot, view.groups, 0, 0, "一组")
    _type_cell(qtbot, view.groups, 1, 0, "一组")
    assert not view.save()
    assert "第 2 行 名称：名称重复" in view.groups.errors_label.text()

    _type_cell(qtbot, view.groups, 1, 0, "二组")
    qtbot.mouseClick(view.venues.add_button, Qt.MouseButton.LeftButton)
    _type_cell(qtbot, view.venues, 0, 0, "活动室")
    _type_cell(qtbot, view.venues, 0, 2, "二十")
    assert not view.save()
    assert "请填写数字" in view.venues.errors_label.text()
    assert gui_workspace.branch.profile().full_name == ""


def test_revert_discards_unsaved_edits(qtbot, main_window):
    view = main_window.branch_view
    type_text(view.full_name, "临时")
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    assert view.full_name.text() == ""
    assert not view.is_dirty()


def test_dashboard_shows_term_reminder_after_save(qtbot, main_window):
    view = main_window.branch_view
    type_text(view.full_name, "中共某支部")
    type_date(qtbot, view.election_date, "20000101")
    home = main_window.dashboard_view
    qtbot.waitUntil(lambda: home.reads >= 1)
    reads = home.reads
    assert view.save()
    qtbot.waitUntil(lambda: home.reads > reads)  # read again off the GUI thread
    assert any("已于 2003-01-01 届满" in line for line in home.due_list.lines())


def test_saving_reloads_the_form_with_the_stored_ids(qtbot, main_window, gui_workspace):
    """run_op publishes after the form has marked itself saved, so the form's own reload
    runs and a new row gets its stored id (code-review C5: a second save must not add the
    group again)."""
    view = main_window.branch_view
    type_text(view.full_name, "中共某支部")
    qtbot.mouseClick(view.groups.add_button, Qt.MouseButton.LeftButton)
    _type_cell(qtbot, view.groups, 0, 0, "驾驶部党小组")
    assert view.groups.rows()[0][0] is None
    assert view.save()
    [(group_id, values)] = view.groups.rows()
    assert isinstance(group_id, int) and values["name"] == "驾驶部党小组"
    assert view.status.text() == "已保存" and not view.is_dirty()
    assert view.save()
    assert [g.name for g in gui_workspace.branch.profile().groups] == ["驾驶部党小组"]
