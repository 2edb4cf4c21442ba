"""导入党员花名册 through its dialog: mapping, preview in the background, commit."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from dangjian_desktop.domain.people import MemberFilter
from dangjian_desktop.gui.dialogs.import_dialog import ImportDialog
from tests.gui.members_data import make_id

pytestmark = pytest.mark.gui


def _roster(path, rows):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "中共某轮党支部党员花名册"
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "入党时间", "转正时间"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_import_with_one_bad_row_previews_and_commits_the_good_rows(qtbot, tmp_path, gui_workspace):
    good1 = make_id(date(1980, 5, 1), 1, male=True)
    good2 = make_id(date(1990, 8, 9), 2, male=False)
    path = _roster(
        tmp_path / "花名册.xlsx",
        [
            [1, "王海", "男", good1, "2005.07", "2006年7月1日"],
            [2, "李静", "女", good2, "2015-7-1", "2016-7-1"],
            [3, "赵强", "男", 110105198001010000, "2010.07", "2011.07"],  # ID lost to a float
        ],
    )
    dialog = ImportDialog(gui_workspace, path)
    qtbot.addWidget(dialog)
    assert dialog.load()
    assert dialog.header_row.value() == 3
    assert dialog.mapping()[1] == "name" and dialog.mapping()[3] == "id_number"

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._preview is not None, timeout=10_000)
    assert dialog._preview.valid_count == 2 and dialog._preview.error_count == 1
    assert "可导入 2 行，有问题 1 行" in dialog.summary.text()
    problems = dialog.preview_model.index(2, 5).data()
    assert "后几位已丢失" in problems

    dialog.allow_partial.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == ImportDialog.DialogCode.Accepted, timeout=10_000)
    assert gui_workspace.members.count(MemberFilter()) == 2
    assert dialog.changes.members


def test_rows_with_errors_are_not_imported_unless_asked(
    qtbot, tmp_path, gui_workspace, message_boxes
):
    path = _roster(
        tmp_path / "r.xlsx",
        [
            [1, "王海", "男", "123", "2005.07", "2006.07"],
            [2, "李静", "女", make_id(date(1990, 8, 9), 2, False), "2015-7-1", "2016-7-1"],
        ],
    )
    dialog = ImportDialog(gui_workspace, path)
    qtbot.addWidget(dialog)
    assert dialog.load()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._preview is not None, timeout=10_000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert message_boxes[-1][1] == "还有问题行"
    assert gui_workspace.members.count(MemberFilter()) == 0


def test_a_renamed_text_file_is_refused_with_a_message(
    qtbot, tmp_path, gui_workspace, message_boxes
):
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,身份证号\n王海,110105\n", encoding="utf-8")
    dialog = ImportDialog(gui_workspace, path)
    qtbot.addWidget(dialog)
    assert not dialog.load()
    [(kind, title, text)] = message_boxes
    assert (kind, title) == ("warning", "无法导入") and "不是 Excel" in text
    assert gui_workspace.members.count(MemberFilter()) == 0
