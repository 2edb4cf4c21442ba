"""The meeting form's sign-in list and quorum, read from the roster once as columns: the
list is roster_on's for every type, the counts and the quorum statement follow the grid as
a secretary marks it by keyboard (computed once per change, never stale), a line marked
away and back leaves the form unedited, and a type changed with no date on the form
counts that type's quorum."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dangjian_desktop.domain.meetings import MeetingType, Presence, Resolution
from dangjian_desktop.gui.dialogs.meeting_dialog import MeetingDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.widgets.attendance_grid import PRESENCE_COL
from tests.unit.services.meeting_data import general_meeting

pytestmark = pytest.mark.gui

DAY = date(2025, 5, 20)


@pytest.fixture
def dialog(qtbot, gui_workspace, branch):
    vote = Resolution(title="同意推荐李静为优秀共产党员", voted=True, yes=4)
    meeting_id, _ = gui_workspace.meetings.save(general_meeting(branch, DAY, resolutions=(vote,)))
    dialog = MeetingDialog(gui_workspace, AppEvents(), meeting_id, today=lambda: DAY)
    qtbot.addWidget(dialog)
    return dialog


def _row_of(dialog: MeetingDialog, name: str) -> int:
    return [m.name for m in dialog.attendance.model.members].index(name)


def _key_on(dialog: MeetingDialog, name: str, *keys: Qt.Key) -> None:
    table = dialog.attendance.table
    table.setFocus()
    table.setCurrentIndex(dialog.attendance.model.index(_row_of(dialog, name), PRESENCE_COL))
    for key in keys:
        QTest.keyClick(table, key)


def _pick_type(dialog: MeetingDialog, kind: MeetingType) -> None:
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData(kind.value))


def test_marking_the_grid_updates_counts_and_quorum_and_back_is_unedited(dialog):
    statement, counts = dialog.resolutions.statement, dialog.attendance.counts
    assert "有表决权的正式党员 6 人，到会 6 人" in statement.text()
    assert counts.text() == "应到 7 人，实到 7 人，请假 0 人，缺席 0 人"
    assert not dialog.is_dirty()

    _key_on(dialog, "王海", Qt.Key.Key_3, Qt.Key.Key_5)  # 缺席, 原因: 其他
    assert counts.text() == "应到 7 人，实到 6 人，请假 0 人，缺席 1 人"
    assert "有表决权的正式党员 6 人，到会 5 人" in statement.text()
    assert dialog.current_quorum()[0].present == 5
    _key_on(dialog, "周新", Qt.Key.Key_2)  # a 预备党员 on leave: no vote lost
    assert "到会 5 人" in statement.text()
    assert counts.text() == "应到 7 人，实到 5 人，请假 1 人，缺席 1 人"
    assert dialog.is_dirty()
    stored = dialog.meeting_from_widgets().attendance
    away = {a.member_id: a.presence for a in stored if a.presence is not Presence.PRESENT}
    assert set(away.values()) == {Presence.ABSENT, Presence.LEAVE} and len(stored) == 7

    _key_on(dialog, "王海", Qt.Key.Key_1)
    _key_on(dialog, "周新", Qt.Key.Key_1)
    assert "有表决权的正式党员 6 人，到会 6 人" in statement.text()
    assert not dialog.is_dirty()  # marked and unmarked: nothing to save


def test_the_list_is_roster_on_for_every_type(dialog, gui_workspace, branch):
    ws = gui_workspace
    for kind in (MeetingType.COMMITTEE, MeetingType.THEME_DAY, MeetingType.GROUP):
        _pick_type(dialog, kind)
        group = None
        if kind is MeetingType.GROUP:
            group = branch.groups[1]
            dialog.ui.party_group_id.setCurrentIndex(dialog.ui.party_group_id.findData(group))
        assert dialog.attendance.model.members == ws.meetings.roster_on(DAY, kind, group), kind
    assert dialog.ui.host_id.count() == 1 + len(ws.meetings.people_on(DAY))
    _pick_type(dialog, MeetingType.COMMITTEE)
    q, _excluded = dialog.current_quorum()
    assert (q.committee, q.entitled, q.present) == (True, 3, 3)
    assert "委员" in dialog.resolutions.statement.text()


def test_a_type_changed_with_no_date_counts_that_types_quorum(dialog):
    dialog.ui.date.set_value(None)  # the roster is not read again without a date
    shown = dialog.attendance.model.members
    _pick_type(dialog, MeetingType.COMMITTEE)
    assert dialog.attendance.model.members == shown
    q, _excluded = dialog.current_quorum()
    assert (q.committee, q.entitled, q.present) == (True, 3, 3)
    _pick_type(dialog, MeetingType.GENERAL)
    assert dialog.current_quorum()[0].entitled == 6


def test_a_new_form_lists_everyone_expected_present_as_the_draft_does(qtbot, gui_workspace, branch):
    ws = gui_workspace
    dialog = MeetingDialog(ws, AppEvents(), None, today=lambda: DAY)
    qtbot.addWidget(dialog)
    assert dialog.meeting_from_widgets().attendance == (
        ws.meetings.draft(MeetingType.GENERAL, DAY).attendance
    )
    assert dialog.attendance.counts.text() == "应到 7 人，实到 7 人，请假 0 人，缺席 0 人"
    assert not dialog.is_dirty()
