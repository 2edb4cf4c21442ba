"""会议 tab through the window, by keyboard: plan a meeting, mark attendance (all present,
one 请假 with its reason), record a vote and read the quorum/pass statement, hold and
archive it, fail to edit it, reopen it with a reason (the audit row holds the reason)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox

from dangjian_desktop.domain.audit import AuditFilter
from dangjian_desktop.domain.meetings import LeaveReason, MeetingStatus, Presence
from dangjian_desktop.gui.dialogs import meeting_dialog
from dangjian_desktop.gui.dialogs.meeting_dialog import MeetingDialog
from dangjian_desktop.gui.widgets.attendance_grid import PRESENCE_COL, REASON
from tests.gui.conftest import type_text
from tests.gui.keyboard import offscreen_window_warnings

pytestmark = pytest.mark.gui

DAY = date(2025, 5, 20)


@pytest.fixture
def view(main_window, branch):
    main_window.tabs.setCurrentWidget(main_window.meetings_view)
    view = main_window.meetings_view
    view.year.setCurrentIndex(0)  # 全部年份
    return view


def _save(dialog: MeetingDialog) -> None:
    button = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_date(field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def _pick(combo, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def _row_of(dialog: MeetingDialog, name: str) -> int:
    return [m.name for m in dialog.attendance.model.members].index(name)


def _plan(qtbot, view, main_window) -> int:
    dialog = MeetingDialog(view._ws, main_window.events, None, view)
    qtbot.addWidget(dialog)
    dialog.ui.topic.setFocus()
    type_text(dialog.ui.topic, "第二季度支部党员大会")
    _type_date(dialog.ui.date, "2025-05-20")
    QTest.keyClicks(dialog.ui.start_time, "09:00")
    QTest.keyClicks(dialog.ui.end_time, "11:00")
    _pick(dialog.ui.host_id, "王海")
    _pick(dialog.ui.recorder_id, "李静")
    _save(dialog)
    assert dialog.result() == MeetingDialog.DialogCode.Accepted, dialog.ui.summary.text()
    return dialog.saved_id


def test_plan_attend_vote_hold_archive_refuse_reopen(
    qtbot, view, main_window, monkeypatch, message_boxes
):
    ws = view._ws
    meeting_id = _plan(qtbot, view, main_window)
    assert ws.meetings.get(meeting_id).status is MeetingStatus.PLANNED
    view.select_meeting(meeting_id)
    assert view.selected_row().topic == "第二季度支部党员大会"  # the list followed the save
    assert view.hold_button.isEnabled() and not view.archive_button.isEnabled()

    # Attendance: everyone present, then 赵敏 on leave (key 2), reason 事假 (key 4).
    dialog = MeetingDialog(ws, main_window.events, meeting_id, view)
    qtbot.addWidget(dialog)
    grid = dialog.attendance
    QTest.mouseClick(grid.all_button, Qt.MouseButton.LeftButton)
    assert grid.counts.text() == "应到 7 人，实到 7 人，请假 0 人，缺席 0 人"
    table = grid.table
    table.setFocus()
    table.setCurrentIndex(grid.model.index(_row_of(dialog, "赵敏"), PRESENCE_COL))
    QTest.keyClick(table, Qt.Key.Key_2)
    assert table.currentIndex().column() == REASON  # the cursor waits for the reason
    QTest.keyClick(table, Qt.Key.Key_4)
    assert grid.counts.text() == "应到 7 人，实到 6 人，请假 1 人，缺席 0 人"  # live

    # A vote: 4 yes of 6 entitled 正式党员 (周新 is 预备: no vote) passes.
    votes = dialog.resolutions
    QTest.mouseClick(votes.add_button, Qt.MouseButton.LeftButton)
    type_text(votes.title, "同意推荐李静为优秀共产党员")
    votes.yes.setFocus()
    votes.yes.selectAll()
    QTest.keyClicks(votes.yes, "3")
    statement = votes.statement.text()
    assert "有表决权的正式党员 6 人，到会 5 人" in statement and "可以表决" in statement
    assert "未通过" in statement  # 3 of 5 present is a majority of those present only
    votes.yes.selectAll()
    QTest.keyClicks(votes.yes, "4")
    QTest.keyClicks(votes.no, "1")  # "01": 10 votes against, more than those present
    assert "多于到会有表决权的党员" in votes.statement.text()
    votes.no.selectAll()
    QTest.keyClicks(votes.no, "1")
    assert "决议通过" in votes.statement.text()
    assert "多于" not in votes.statement.text()
    _save(dialog)
    assert dialog.result() == MeetingDialog.DialogCode.Accepted, dialog.ui.summary.text()

    stored = ws.meetings.get(meeting_id)
    away = [a for a in stored.attendance if a.presence is not Presence.PRESENT]
    assert [(a.member_id, a.presence, a.reason) for a in away] == [
        (branch_id(ws, "赵敏"), Presence.LEAVE, LeaveReason.PERSONAL)
    ]
    assert (stored.resolutions[0].yes, stored.resolutions[0].no) == (4, 1)

    # 计划 → 已召开 → 已归档 through the tab's buttons.
    view.select_meeting(meeting_id)
    QTest.mouseClick(view.hold_button, Qt.MouseButton.LeftButton)
    assert ws.meetings.get(meeting_id).status is MeetingStatus.HELD
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.select_meeting(meeting_id)
    QTest.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert ws.meetings.get(meeting_id).status is MeetingStatus.ARCHIVED
    view.select_meeting(meeting_id)
    assert view.reopen_button.isEnabled() and not view.delete_button.isEnabled()

    # The archived record opens read-only; an attempt to save is refused with a message.
    archived = MeetingDialog(ws, main_window.events, meeting_id, view)
    qtbot.addWidget(archived)
    assert not archived.ui.topic.isEnabled() and archived.ui.minutes.isReadOnly()
    assert not archived.ui.buttons.button(QDialogButtonBox.StandardButton.Save).isVisible()
    assert not archived.attendance.all_button.isEnabled()
    archived.attendance.table.setCurrentIndex(archived.attendance.model.index(0, PRESENCE_COL))
    QTest.keyClick(archived.attendance.table, Qt.Key.Key_3)
    assert archived.attendance.model.lines[0].presence is Presence.PRESENT  # not changed
    assert not archived.save()
    assert message_boxes[-1][1] == "记录已归档"

    # Reopen: a blank reason is asked again, then the reason lands in the audit log.
    answers = [("", True), ("表决票数记录有误，需更正", True)]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: answers.pop(0))
    QTest.mouseClick(archived.ui.reopenButton, Qt.MouseButton.LeftButton)
    assert not answers
    assert ws.meetings.get(meeting_id).status is MeetingStatus.HELD
    (entry,) = ws.audit.entries(AuditFilter(actions=("meeting.reopen",)))
    assert entry.ids == (meeting_id,)
    assert entry.details["reason"] == "表决票数记录有误，需更正"


def branch_id(ws, name: str) -> int:
    return next(m.member_id for m in ws.meetings.roster_on(DAY) if m.name == name)


def test_errors_show_at_the_field_and_nothing_is_saved(qtbot, view, main_window):
    ws = view._ws
    dialog = MeetingDialog(ws, main_window.events, None, view)
    qtbot.addWidget(dialog)
    _type_date(dialog.ui.date, "2025-05-20")
    QTest.keyClicks(dialog.ui.start_time, "10:00")
    QTest.keyClicks(dialog.ui.end_time, "9:30")
    _save(dialog)  # no topic, the end before the start
    assert dialog.result() != MeetingDialog.DialogCode.Accepted
    assert dialog.field_errors.label("topic").isVisibleTo(dialog)
    assert dialog.field_errors.label("end_time").isVisibleTo(dialog)
    assert "有 2 处填写有误，未保存。" in dialog.ui.summary.text()
    assert ws.meetings.count(view.current_filter()) == 0

    dialog.ui.end_time.setText("半夜")
    _save(dialog)
    assert dialog.field_errors.label("end_time").text() == "时间格式应为 09:30（时:分）"


def test_votes_beyond_those_present_are_refused_at_the_resolution(qtbot, view, main_window):
    ws = view._ws
    dialog = MeetingDialog(ws, main_window.events, None, view)
    qtbot.addWidget(dialog)
    type_text(dialog.ui.topic, "支部党员大会")
    _type_date(dialog.ui.date, "2025-05-20")
    _pick(dialog.ui.status, "已召开")
    QTest.mouseClick(dialog.resolutions.add_button, Qt.MouseButton.LeftButton)
    type_text(dialog.resolutions.title, "一般事项")
    dialog.resolutions.yes.setValue(9)  # 7 on the list, 6 of them 正式
    _save(dialog)
    assert dialog.result() != MeetingDialog.DialogCode.Accepted
    assert dialog.ui.tabs.currentWidget() is dialog.ui.tabVotes
    assert "第 1 项决议" in dialog.resolutions.errors_label.text()
    assert ws.meetings.count(view.current_filter()) == 0


def test_a_group_meeting_offers_that_group(qtbot, view, main_window):
    dialog = MeetingDialog(view._ws, main_window.events, None, view)
    qtbot.addWidget(dialog)
    _type_date(dialog.ui.date, "2025-05-20")
    assert not dialog.ui.basicForm.isRowVisible(dialog.ui.party_group_id)
    _pick(dialog.ui.type, "党小组会")
    assert dialog.ui.basicForm.isRowVisible(dialog.ui.party_group_id)
    _pick(dialog.ui.party_group_id, "轮机部党小组")
    names = [m.name for m in dialog.attendance.model.members]
    assert sorted(names) == sorted(["陈刚", "刘洋", "孙丽"])


def test_filters_and_enter_open_the_record(qtbot, view, main_window, monkeypatch):
    ws = view._ws
    meeting_id = _plan(qtbot, view, main_window)
    view.status.setCurrentIndex(view.status.findText("已召开"))
    assert view.model.rowCount() == 0
    view.status.setCurrentIndex(view.status.findText("计划"))
    assert view.model.rowCount() == 1
    type_text(view.search, "季度")
    assert view.model.rowCount() == 1
    type_text(view.search, "无此主题")
    assert view.model.rowCount() == 0
    view.search.clear()
    opened = []
    monkeypatch.setattr(MeetingDialog, "exec", lambda self: opened.append(self.saved_id))
    view.table.setFocus()
    view.select_meeting(meeting_id)
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [meeting_id]
    assert ws.meetings.get(meeting_id).topic == "第二季度支部党员大会"


def test_delete_and_restore(qtbot, view, main_window, monkeypatch):
    ws = view._ws
    meeting_id = _plan(qtbot, view, main_window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.select_meeting(meeting_id)
    QTest.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 0
    view.deleted.setChecked(True)
    view.select_meeting(meeting_id)
    QTest.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    view.deleted.setChecked(False)
    assert view.model.row_of(meeting_id) is not None
    assert not ws.meetings.rows([meeting_id])[meeting_id].deleted


def test_the_tab_is_built_when_first_shown(qtbot, main_window, branch):
    assert not main_window.meetings_view.is_built  # start-up does not build it
    main_window.tabs.setCurrentWidget(main_window.meetings_view)
    assert main_window.meetings_view.is_built


def test_attachments_are_saved_with_the_record(qtbot, view, main_window, tmp_path, file_dialogs):
    scan = tmp_path / "签到表.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(scan))
    dialog = MeetingDialog(view._ws, main_window.events, None, view)
    qtbot.addWidget(dialog)
    type_text(dialog.ui.topic, "支部党员大会")
    _type_date(dialog.ui.date, "2025-05-20")
    file_dialogs.answer(scan)
    QTest.mouseClick(dialog.ui.addAttachment, Qt.MouseButton.LeftButton)
    assert dialog.ui.attachments.count() == 1
    _save(dialog)
    assert dialog.result() == MeetingDialog.DialogCode.Accepted, dialog.ui.summary.text()
    (stored,) = view._ws.meetings.attachments(dialog.saved_id)
    assert stored.file_name == "签到表.png"
    assert meeting_dialog.parse_time("9：05").minute == 5


@offscreen_window_warnings
def test_closing_asks_before_dropping_edits(qtbot, view, main_window, monkeypatch, message_boxes):
    dialog = MeetingDialog(view._ws, main_window.events, None, view)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.is_dirty()
    type_text(dialog.ui.topic, "支部党员大会")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # the stub answers 否: the form stays
    assert dialog.isVisible() and message_boxes[-1][1] == "未保存的修改"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_agenda_items_keep_the_order_given(qtbot, view, main_window):
    ws = view._ws
    dialog = MeetingDialog(ws, main_window.events, None, view)
    qtbot.addWidget(dialog)
    type_text(dialog.ui.topic, "支部党员大会")
    _type_date(dialog.ui.date, "2025-05-20")
    dialog.agenda.set_rows([(None, {"title": "党员发言"}), (None, {"title": "书记通报工作"})])
    dialog.agenda.view.setCurrentIndex(dialog.agenda.model.index(1, 0))
    QTest.mouseClick(dialog.agenda_up, Qt.MouseButton.LeftButton)
    _save(dialog)
    assert dialog.result() == MeetingDialog.DialogCode.Accepted, dialog.ui.summary.text()
    assert [a.title for a in ws.meetings.get(dialog.saved_id).agenda] == [
        "书记通报工作",
        "党员发言",
    ]
