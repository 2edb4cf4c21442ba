"""导入党员花名册 through its dialog: read in the background with the window alive, the
mapping in Chinese in the form's order, preview, commit; sizes for a 1366×768 screen."""

from __future__ import annotations

import re
import threading
import time
from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QPushButton

from dangjian_desktop.domain.people import MemberCategory, MemberFilter
from dangjian_desktop.domain.roster_import_rules import IMPORTABLE_FIELDS
from dangjian_desktop.gui.dialogs.import_dialog import ImportDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.models.import_preview_model import FIELD_COLUMN
from dangjian_desktop.messages import import_field_name
from dangjian_desktop.progress import ProgressTicker
from tests import roster_files
from tests.gui.members_data import make_id

pytestmark = pytest.mark.gui


def _roster(path, rows, title_rows=2):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "中共某轮党支部党员花名册"
    ws.merge_cells("A1:F1")
    for _ in range(title_rows - 1):
        ws.append([])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "入党时间", "转正时间"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def loaded_dialog(qtbot, workspace, path, events=None) -> ImportDialog:
    dialog = ImportDialog(workspace, events or AppEvents(), path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as blocker:
        dialog.load()
    assert blocker.args == [True]
    return dialog


def preview(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._preview is not None, timeout=10_000)


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
    events, published = AppEvents(), []
    events.changed.connect(published.append)
    dialog = loaded_dialog(qtbot, gui_workspace, path, events)
    assert dialog.header_row.value() == 3
    assert dialog.mapping()[1] == "name" and dialog.mapping()[3] == "id_number"

    preview(qtbot, dialog)
    assert dialog._preview.valid_count == 2 and dialog._preview.error_count == 1
    assert "可导入 2 行，有问题 1 行" in dialog.summary.text()
    problems = dialog.preview_model.index(2, 5).data()
    assert "后几位已丢失" in problems
    dialog.preview_table.setCurrentIndex(dialog.preview_model.index(2, 0))
    assert "第 6 行" in dialog.detail.text() and "后几位已丢失" in dialog.detail.text()

    dialog.allow_partial.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == ImportDialog.DialogCode.Accepted, timeout=10_000)
    assert gui_workspace.members.count(MemberFilter()) == 2
    assert [c.members for c in published] == [True]  # the roster refreshes


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
    dialog = loaded_dialog(qtbot, gui_workspace, path)
    preview(qtbot, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert message_boxes[-1][1] == "还有问题行"
    assert gui_workspace.members.count(MemberFilter()) == 0


def test_a_renamed_text_file_is_refused_with_a_message(
    qtbot, tmp_path, gui_workspace, message_boxes
):
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,身份证号\n王海,110105\n", encoding="utf-8")
    dialog = ImportDialog(gui_workspace, AppEvents(), path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as blocker:
        dialog.load()
    assert blocker.args == [False]
    [(kind, title, text)] = message_boxes
    assert (kind, title) == ("warning", "无法导入") and "不是 Excel" in text
    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert gui_workspace.members.count(MemberFilter()) == 0


def test_a_bomb_is_refused_with_a_message_in_seconds(qtbot, tmp_path, gui_workspace, message_boxes):
    bomb = roster_files.bomb_roster(tmp_path / "bomb.xlsx", pad_mb=40)
    dialog = ImportDialog(gui_workspace, AppEvents(), bomb)
    qtbot.addWidget(dialog)
    start = time.perf_counter()
    with qtbot.waitSignal(dialog.loaded, timeout=5_000) as blocker:
        dialog.load()
    assert blocker.args == [False] and time.perf_counter() - start < 3
    [(_kind, _title, text)] = message_boxes
    assert "压缩时的" in text and "未读取" in text


# --- off the GUI thread -------------------------------------------------------------------------
def slow_read(service, monkeypatch, seconds: float, threads: list[int]):
    """The service's read, slowed to `seconds` of progress ticks (Cancel works as in a real
    read); records the thread it ran on."""
    real = service.read_workbook

    def read_workbook(path, *, progress=None, **kwargs):
        threads.append(threading.get_ident())
        ticker = ProgressTicker(progress, total=100, every=1)
        for step in range(100):
            ticker.report(step)
            time.sleep(seconds / 100)
        return real(path, progress=progress, **kwargs)

    monkeypatch.setattr(service, "read_workbook", read_workbook)


def test_the_window_keeps_running_while_the_workbook_is_read(
    qtbot, tmp_path, gui_workspace, monkeypatch
):
    path = roster_files.good_roster(tmp_path / "r.xlsx")
    threads: list[int] = []
    slow_read(gui_workspace.roster_import, monkeypatch, 1.5, threads)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    dialog = ImportDialog(gui_workspace, AppEvents(), path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        start = time.perf_counter()
        task = dialog.load()
        assert dialog.is_busy()
        assert time.perf_counter() - start < 0.5  # load() returned before the read ended
    timer.stop()
    during = [t for t in ticks if t < start + 1.4]
    assert len(during) >= 20  # the event loop ran all along (a blocking read: 0 ticks)
    assert threads and threads[0] != threading.get_ident()
    assert task.progress.was_shown  # the read took over half a second: progress with Cancel
    assert dialog.header_row.value() == 2


def test_cancel_during_the_read_closes_the_dialog_quietly(
    qtbot, tmp_path, gui_workspace, monkeypatch, message_boxes
):
    path = roster_files.good_roster(tmp_path / "r.xlsx")
    slow_read(gui_workspace.roster_import, monkeypatch, 20, [])
    dialog = ImportDialog(gui_workspace, AppEvents(), path)
    qtbot.addWidget(dialog)
    dialog.show()
    task = dialog.load()
    qtbot.waitUntil(task.progress.dialog.isVisible, timeout=3_000)
    start = time.perf_counter()
    [button] = task.progress.dialog.findChildren(QPushButton)
    assert button.text() == "取消"
    with qtbot.waitSignal(dialog.loaded, timeout=5_000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [False] and time.perf_counter() - start < 2
    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert message_boxes == []


# --- the mapping ----------------------------------------------------------------------------------
def test_mapping_choices_are_chinese_in_the_forms_order(qtbot, tmp_path, gui_workspace):
    dialog = loaded_dialog(qtbot, gui_workspace, roster_files.good_roster(tmp_path / "r.xlsx"))
    index = dialog.mapping_model.index(1, FIELD_COLUMN)  # the 姓名 column
    dialog.mapping_view.openPersistentEditor(index)
    combo = dialog.mapping_view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown == dialog.field_choices()
    assert shown[0] == "（不导入）"
    assert shown[1:] == [import_field_name(f) for f in IMPORTABLE_FIELDS]
    assert shown[1:5] == ["姓名", "身份证号", "性别", "出生日期"]  # the form's first rows
    assert not [t for t in shown if re.search(r"[A-Za-z_]", t)]  # no party_group, is_lost …
    assert combo.currentText() == "姓名"
    combo.setCurrentIndex(shown.index("备注"))
    combo.activated.emit(combo.currentIndex())
    assert dialog.mapping()[1] == "note"
    assert "重新生成预览" in dialog.summary.text()


def test_a_header_on_row_9_is_found_and_a_missing_one_is_said(
    qtbot, tmp_path, gui_workspace, message_boxes
):
    deep = _roster(tmp_path / "deep.xlsx", [[1, "王海", "男", None, "2005.07", "2006.07"]], 8)
    dialog = loaded_dialog(qtbot, gui_workspace, deep)
    assert dialog.header_row.value() == 9
    assert dialog.mapping()[1] == "name"

    wb = Workbook()
    wb.active.append(["同志", "号码", "何时入党"])
    wb.active.append(["王海", "x", "2005.07"])
    wb.save(tmp_path / "odd.xlsx")
    dialog = loaded_dialog(qtbot, gui_workspace, tmp_path / "odd.xlsx")
    assert "没有找到表头" in dialog.summary.text()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    [(_kind, title, text)] = message_boxes
    assert title == "无法导入" and "没有找到表头" in text


def test_a_probationary_member_under_renyuan_leibie_imports(qtbot, tmp_path, gui_workspace):
    dialog = loaded_dialog(qtbot, gui_workspace, roster_files.messy_roster(tmp_path / "messy.xlsx"))
    assert dialog.mapping()[10] == "category"  # header 人员类别, values 正式党员/预备党员
    row = dialog.mapping_model.row_of_column(10)
    assert "按这一列的内容" in dialog.mapping_model.index(row, FIELD_COLUMN).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert dialog.mapping()[7] == "job_post"  # 工作岗位
    preview(qtbot, dialog)
    rows = {r.member.name: r for r in dialog._preview.rows}
    assert rows["赵六"].ok and rows["赵六"].member.category is MemberCategory.PROBATIONARY


# --- sizes ----------------------------------------------------------------------------------------
def test_the_dialog_fits_1366x768_and_shows_problems_and_mapping_rows(
    qtbot, tmp_path, gui_workspace
):
    dialog = loaded_dialog(qtbot, gui_workspace, roster_files.messy_roster(tmp_path / "messy.xlsx"))
    dialog.fit_to(QRect(0, 0, 1366, 728))  # 1366×768 less a 40 px taskbar
    dialog.show()
    qtbot.waitExposed(dialog)
    preview(qtbot, dialog)
    frame = 40  # title bar and borders of a Windows 10 window
    assert dialog.width() <= 1366 and dialog.height() + frame <= 728
    assert dialog.preview_table.columnWidth(5) >= 500  # 问题: about 40 characters
    rows_shown = dialog.mapping_view.viewport().height() // dialog.mapping_view.rowHeight(0)
    assert rows_shown >= 6
    assert dialog.preview_table.viewport().height() // dialog.preview_table.rowHeight(0) >= 6


# --- from the 党员 tab --------------------------------------------------------------------------
def test_import_from_the_members_tab(qtbot, tmp_path, main_window, gui_workspace, file_dialogs):
    path = roster_files.good_roster(tmp_path / "r.xlsx", 3)
    file_dialogs.answer(path)
    view = main_window.members_view
    main_window.tabs.setCurrentWidget(view)
    dialog = view.actions.import_roster()
    assert dialog.isVisible()  # shown at once, read in the background
    qtbot.waitUntil(lambda: dialog._source is not None, timeout=10_000)
    preview(qtbot, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)  # the tab refreshed


def test_both_tables_pass_the_model_tester(qtbot, qtmodeltester, tmp_path, gui_workspace):
    dialog = loaded_dialog(qtbot, gui_workspace, roster_files.messy_roster(tmp_path / "messy.xlsx"))
    preview(qtbot, dialog)
    qtmodeltester.check(dialog.mapping_model)
    qtmodeltester.check(dialog.preview_model)


def test_choosing_another_header_row_proposes_again(qtbot, tmp_path, gui_workspace):
    dialog = loaded_dialog(qtbot, gui_workspace, roster_files.good_roster(tmp_path / "r.xlsx"))
    assert dialog.header_row.value() == 2 and dialog.mapping()[1] == "name"
    dialog.header_row.setValue(1)  # the title row
    dialog.header_row.setValue(3)  # typed quickly: only the last row is proposed
    qtbot.waitUntil(lambda: dialog.mapping_model.rowCount() and not dialog.is_busy())
    qtbot.waitUntil(lambda: dialog.mapping().get(1) != "name", timeout=3_000)
    assert dialog.header_row.value() == 3
    dialog.header_row.setValue(2)
    qtbot.waitUntil(lambda: dialog.mapping().get(1) == "name", timeout=3_000)
