"""Transfers and roster export started from the 党员 tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QAction

from dangjian_desktop.domain.people import MemberFilter, PartyStatus
from dangjian_desktop.gui import member_actions
from dangjian_desktop.gui.dialogs.export_dialog import ExportOptions
from dangjian_desktop.gui.dialogs.transfer_dialog import TransferDialog
from tests.gui.members_data import member

pytestmark = pytest.mark.gui


@pytest.fixture
def view(main_window, gui_workspace):
    for i in range(3):
        gui_workspace.members.add(member(i))
    main_window.tabs.setCurrentWidget(main_window.members_view)
    main_window.members_view.model.refresh()
    return main_window.members_view


def test_transfer_out_leaves_the_roster_and_keeps_history(qtbot, view, gui_workspace, monkeypatch):
    member_id = view.model.member_id(0)
    view.table.selectRow(0)

    def fill_and_accept(dialog):
        dialog.org.setText("中共某油库党支部")
        dialog.letter_number.setText("组转字〔2026〕12号")
        dialog.accept()  # 确认转出
        return dialog.result()

    monkeypatch.setattr(TransferDialog, "exec", fill_and_accept)
    view.actions.transfer_out_selected()

    assert view.model.rowCount() == 2
    history = gui_workspace.members.history(member_id)
    assert history.member.status is PartyStatus.TRANSFERRED_OUT
    assert [t.to_org for t in history.transfers] == ["中共某油库党支部"]
    view.status.setCurrentIndex(view.status.findText("已转出"))
    assert [view.model.member_id(r) for r in range(view.model.rowCount())] == [member_id]


def test_transfer_without_receiving_org_is_refused_in_the_dialog(
    qtbot, view, gui_workspace, monkeypatch
):
    view.table.selectRow(0)
    calls = []

    def accept_then_cancel(dialog):
        calls.append(dialog)
        dialog.accept()  # 确认转出 with to_org left empty: refused, the dialog stays open
        assert dialog.result() != TransferDialog.DialogCode.Accepted
        assert not dialog.field_errors.label("to_org").isHidden()
        return TransferDialog.DialogCode.Rejected  # then 取消

    monkeypatch.setattr(TransferDialog, "exec", accept_then_cancel)
    view.actions.transfer_out_selected()
    assert len(calls) == 1
    assert gui_workspace.members.count(MemberFilter()) == 3


def stub_export_options(monkeypatch, options: ExportOptions) -> list[tuple[str, str]]:
    """Answer the export dialog with `options`; returns what the dialog was asked with."""
    asked: list[tuple[str, str]] = []

    def ask(parent, fmt, filter_text=""):
        asked.append((fmt, filter_text))
        return options

    monkeypatch.setattr(member_actions, "ask_export_options", ask)
    return asked


def wait_for_message(qtbot, message_boxes, title: str):
    qtbot.waitUntil(lambda: any(m[1] == title for m in message_boxes), timeout=20_000)
    return next(m for m in message_boxes if m[1] == title)


def roster_names(path: Path) -> list[str]:
    sheet = load_workbook(path).active
    rows = sheet.iter_rows(min_row=4, values_only=True)
    return [row[1] for row in rows if isinstance(row[0], int)]  # not the signature line


def test_roster_export_runs_in_background_and_writes_the_file(
    qtbot, view, tmp_path, monkeypatch, message_boxes
):
    target = tmp_path / "花名册.xlsx"
    stub_export_options(monkeypatch, ExportOptions(target, False, "张三"))
    view.actions.export_roster("xlsx")
    wait_for_message(qtbot, message_boxes, "导出完成")
    sheet = load_workbook(target).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("**************" in str(v) for v in values), "IDs must be masked by default"
    assert "138****0000" in values, "phones must be masked by default"
    assert not any(str(v) == member(0).phone for v in values)
    assert any(str(v).startswith("制表人：张三") for v in values)
    assert not list(Path(tmp_path).glob("*.tmp"))


def test_export_dialog_is_told_the_current_filter_in_words(qtbot, view, tmp_path, monkeypatch):
    asked = stub_export_options(monkeypatch, None)  # the user cancels the dialog
    view.actions.export_roster("pdf")
    view.category.setCurrentIndex(view.category.findText("正式党员"))
    view.search.setText(member(1).name[:1])
    view.actions.export_roster("xlsx")
    assert asked == [("pdf", ""), ("xlsx", f"正式党员；搜索“{member(1).name[:1]}”")]


@pytest.mark.parametrize("filtered", [False, True])
def test_whole_roster_by_default_or_the_filtered_members_with_their_filter(
    qtbot, view, tmp_path, monkeypatch, message_boxes, filtered
):
    view.search.setText(member(1).name)
    assert view.model.rowCount() == 1  # the tab shows one member
    target = tmp_path / "花名册.xlsx"
    stub_export_options(monkeypatch, ExportOptions(target, filtered=filtered))
    view.actions.export_roster("xlsx")
    wait_for_message(qtbot, message_boxes, "导出完成")
    subtitle = load_workbook(target).active["A2"].value
    if filtered:
        assert roster_names(target) == [member(1).name]
        assert subtitle.startswith(f"筛选条件：搜索“{member(1).name}”")
    else:
        assert sorted(roster_names(target)) == sorted(member(i).name for i in range(3))
        assert "筛选条件" not in subtitle


def test_a_bad_character_is_named_not_an_internal_error(
    qtbot, view, gui_workspace, tmp_path, monkeypatch, message_boxes
):
    from dangjian_desktop.services.unit_of_work import write_session
    from dangjian_desktop.storage import member_repo

    with write_session(gui_workspace.database.engine, "test.bad_char") as s:
        member_repo.insert_member(s, member(7, name="周海", note="在航\x00"))
    target = tmp_path / "花名册.pdf"
    stub_export_options(monkeypatch, ExportOptions(target))
    view.actions.export_roster("pdf")
    kind, _title, text = wait_for_message(qtbot, message_boxes, "导出失败")
    assert kind == "warning" and "“周海”的“备注”" in text
    assert not any(m[1] == "内部错误" for m in message_boxes)
    assert list(tmp_path.glob("*花名册*")) == []


def test_the_export_menu_runs_the_tabs_roster_export(
    qtbot, main_window, view, tmp_path, monkeypatch, message_boxes
):
    texts = [a.text() for a in main_window.export_menu.actions()]
    assert texts[:2] == ["党员花名册（Excel）…", "党员花名册（PDF）…"]  # the 会议 reports follow
    assert all(a.isEnabled() for a in main_window.export_menu.actions())
    target = tmp_path / "花名册.pdf"
    asked = stub_export_options(monkeypatch, ExportOptions(target))
    main_window.findChild(QAction, "export_roster_pdf").trigger()
    wait_for_message(qtbot, message_boxes, "导出完成")
    assert asked == [("pdf", "")]
    assert target.read_bytes().startswith(b"%PDF")


def test_export_dialog_defaults_to_the_whole_roster_and_warns_before_full_numbers(qtbot):
    from dangjian_desktop.gui.dialogs.export_dialog import ExportOptionsDialog

    plain = ExportOptionsDialog("xlsx", "")
    qtbot.addWidget(plain)
    assert plain.all_members.isChecked() and not plain.filtered.isEnabled()
    assert "未设筛选条件" in plain.filtered.text()

    dialog = ExportOptionsDialog("pdf", "党小组“甲板党小组”；预备党员")
    qtbot.addWidget(dialog)
    assert dialog.all_members.isChecked() and dialog.filtered.isEnabled()
    assert dialog.filtered.text() == "当前筛选结果：党小组“甲板党小组”；预备党员"
    assert dialog.warning.isHidden()
    dialog.full_phones.setChecked(True)
    assert not dialog.warning.isHidden() and "完整的个人信息" in dialog.warning.text()
    dialog.full_phones.setChecked(False)
    assert dialog.warning.isHidden()
    dialog.full_ids.setChecked(True)
    assert not dialog.warning.isHidden()
    dialog.filtered.setChecked(True)
    dialog.prepared_by.setText(" 李静 ")
    assert dialog.options(Path("x.pdf")) == ExportOptions(
        Path("x.pdf"), full_ids=True, prepared_by="李静", full_phones=False, filtered=True
    )


def test_status_change_is_a_dated_history_row(qtbot, view, gui_workspace):
    from datetime import date

    from dangjian_desktop.gui.dialogs.history_dialog import HistoryDialog

    member_id = view.model.member_id(0)
    dialog = HistoryDialog(gui_workspace.members, view._events, member_id, date(2026, 11, 1), view)
    qtbot.addWidget(dialog)
    before = dialog.statuses.count()
    dialog.new_status.setCurrentIndex(dialog.new_status.findText("停止党籍"))
    dialog.reason.setText("失联超过6个月，支部大会决议")
    dialog.record()
    assert dialog.statuses.count() == before + 1
    assert "停止党籍" in dialog.statuses.item(dialog.statuses.count() - 1).text()
    history = gui_workspace.members.history(member_id)
    assert history.member.status is PartyStatus.SUSPENDED
    assert [s.status for s in history.statuses][-2:] == [PartyStatus.NORMAL, PartyStatus.SUSPENDED]

    dialog.record()  # the same status again is refused, with a message, nothing written
    assert not dialog.error.isHidden() and "与当前状态相同" in dialog.error.text()
    assert len(gui_workspace.members.history(member_id).statuses) == len(history.statuses)


def test_transfer_in_with_a_paper_letter_records_member_and_letter(
    qtbot, view, gui_workspace, monkeypatch
):
    from datetime import date

    from dangjian_desktop.domain.people import TransferDirection
    from dangjian_desktop.gui.dialogs.member_dialog import MemberDialog
    from tests.gui.members_data import make_id

    def letter(dialog):
        dialog.org.setText("中共某港务公司第二党支部")
        dialog.letter_number.setText("港组转〔2026〕3号")
        return TransferDialog.DialogCode.Accepted

    def form(dialog):
        dialog.ui.name.setText("周海")
        dialog.ui.id_number.setText(make_id(date(1988, 2, 3), 9, male=True))
        dialog.ui.id_number.editingFinished.emit()
        dialog.ui.join_date.set_value(date(2012, 7, 1))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(TransferDialog, "exec", letter)
    monkeypatch.setattr(MemberDialog, "exec", form)
    view.actions.transfer_in_manually()

    assert view.model.rowCount() == 4
    [new_id] = view.selected_ids()
    history = gui_workspace.members.history(new_id)
    assert history.member.name == "周海"
    [transfer] = history.transfers
    assert transfer.direction is TransferDirection.IN
    assert (transfer.from_org, transfer.letter_number) == (
        "中共某港务公司第二党支部",
        "港组转〔2026〕3号",
    )


def test_a_member_who_has_left_cannot_be_transferred_out_again(
    qtbot, view, gui_workspace, monkeypatch, message_boxes
):
    from datetime import date

    from dangjian_desktop.domain.people import StatusChange

    member_id = view.model.member_id(0)
    gui_workspace.members.change_status(
        member_id, StatusChange(PartyStatus.DECEASED, date(2025, 1, 1))
    )
    view.status.setCurrentIndex(view.status.findText("全部状态"))
    view.select_member(member_id)
    monkeypatch.setattr(
        TransferDialog, "exec", lambda dialog: pytest.fail("the letter dialog must not open")
    )
    view.actions.transfer_out_selected()
    assert message_boxes[-1][1] == "不能转出" and "去世" in message_boxes[-1][2]


def test_history_of_a_deleted_member_cannot_be_changed_and_empty_date_is_required(
    qtbot, view, gui_workspace
):
    from datetime import date

    from dangjian_desktop.gui.dialogs.history_dialog import HistoryDialog

    member_id = view.model.member_id(0)
    dialog = HistoryDialog(gui_workspace.members, view._events, member_id, date(2026, 11, 1), view)
    qtbot.addWidget(dialog)
    dialog.changed_on.set_value(None)
    dialog.new_status.setCurrentIndex(dialog.new_status.findText("停止党籍"))
    dialog.record()
    assert "必填" in dialog.error.text()
    assert gui_workspace.members.get(member_id).status is PartyStatus.NORMAL

    gui_workspace.members.delete(member_id)
    deleted = HistoryDialog(gui_workspace.members, view._events, member_id, date(2026, 11, 1), view)
    qtbot.addWidget(deleted)
    assert not deleted.change_box.isEnabled()


# --- the transfer file, off the GUI thread (issue 7 item 9) ---------------------------------
@pytest.fixture
def sent_file(tmp_path):
    """A transfer file from another ship's data file."""
    from datetime import date

    from dangjian_desktop.domain.branch import BranchProfile
    from dangjian_desktop.domain.people import Transfer, TransferDirection
    from dangjian_desktop.services import Workspace

    ws = Workspace.open(tmp_path / "ship-a" / "data.sqlite")
    try:
        ws.branch.save_profile(BranchProfile(full_name="远洋一号船舶党支部"))
        member_id, _ = ws.members.add(member(50, note="轮机长"))
        letter = Transfer(TransferDirection.OUT, date.today(), to_org="远洋二号船舶党支部")
        ws.members.transfer_out(member_id, letter)
        path = tmp_path / "stick" / "周海-转接.djzj"
        path.parent.mkdir()
        ws.members.export_transfer_file(member_id, path)
    finally:
        ws.close(final_backup=False)
    return path


def _record_thread(monkeypatch, service, name):
    import threading

    threads = []
    real = getattr(service, name)

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(service, name, recording)
    return threads


def test_transfer_file_import_runs_in_the_background(
    qtbot, view, gui_workspace, monkeypatch, message_boxes, sent_file, file_dialogs
):
    import threading

    file_dialogs.answer(sent_file)
    threads = _record_thread(monkeypatch, gui_workspace.members, "import_transfer_file")
    task = view.actions.import_transfer_file()
    assert task is not None
    # The call returned before the import was delivered: the result reaches the GUI thread
    # only through its event loop.
    assert not any(m[1] == "导入转接文件" for m in message_boxes)
    qtbot.waitUntil(lambda: any(m[1] == "导入转接文件" for m in message_boxes), timeout=20_000)
    assert threads and threads[0] is not threading.main_thread()
    assert message_boxes[-1][2] == "已转入 1 名党员。"
    assert view.model.rowCount() == 4
    [new_id] = view.selected_ids()
    assert gui_workspace.members.get(new_id).note == "轮机长"
    assert file_dialogs.asked == [("getOpenFileName", "导入转接文件")]


def test_a_refused_transfer_file_says_why_and_changes_nothing(
    qtbot, view, gui_workspace, message_boxes, sent_file, file_dialogs
):
    import json

    from tests.unit.services.member_data import reseal

    document = json.loads(sent_file.read_text("utf-8"))
    document["payload"]["statuses"][0]["changed_on"] = "2999-01-01"
    sent_file.write_text(json.dumps(reseal(document), ensure_ascii=False), "utf-8")
    file_dialogs.answer(sent_file)
    before = gui_workspace.members.count(MemberFilter(statuses=(), include_deleted=True))
    view.actions.import_transfer_file()
    qtbot.waitUntil(lambda: any(m[1] == "导入失败" for m in message_boxes), timeout=20_000)
    kind, _title, text = message_boxes[-1]
    assert kind == "warning" and "党籍状态记录第 1 条的变更日期：日期不能晚于今天" in text
    assert gui_workspace.members.count(MemberFilter(statuses=(), include_deleted=True)) == before


def test_transfer_file_export_runs_in_the_background(
    qtbot, view, gui_workspace, monkeypatch, message_boxes, tmp_path, file_dialogs
):
    import threading

    target = tmp_path / "out" / "转接.djzj"
    target.parent.mkdir()
    file_dialogs.answer(target)
    threads = _record_thread(monkeypatch, gui_workspace.members, "export_transfer_file")
    view.table.selectRow(0)
    view.actions.export_transfer_file_selected()
    assert not any(m[1] == "已导出" for m in message_boxes)
    qtbot.waitUntil(lambda: any(m[1] == "已导出" for m in message_boxes), timeout=20_000)
    assert threads and threads[0] is not threading.main_thread()
    assert target.exists() and [p.name for p in target.parent.iterdir()] == [target.name]


def test_long_filter_words_are_cut_in_the_dialog_and_whole_in_the_tip(qtbot):
    from dangjian_desktop.gui.dialogs.export_dialog import WORDS_SHOWN, ExportOptionsDialog

    words = "党小组“" + "很长的党小组名称" * 20 + "”"
    dialog = ExportOptionsDialog("xlsx", words)
    qtbot.addWidget(dialog)
    assert len(dialog.filtered.text()) == WORDS_SHOWN and dialog.filtered.text().endswith("…")
    assert dialog.filtered.toolTip() == f"当前筛选结果：{words}"
    assert dialog.sizeHint().width() < 1000  # fits a 1366-pixel screen


def test_cancelling_the_file_dialog_starts_nothing(view, file_dialogs, message_boxes):
    """取消 in the file dialog (the stub's answer when none is queued)."""
    assert view.actions.import_transfer_file() is None
    assert view.actions.import_roster() is None
    view.table.selectRow(0)
    assert view.actions.export_transfer_file(view.selected_ids()[0]) is None
    assert [kind for kind, _ in file_dialogs.asked] == [
        "getOpenFileName",
        "getOpenFileName",
        "getSaveFileName",
    ]
    assert message_boxes == []
