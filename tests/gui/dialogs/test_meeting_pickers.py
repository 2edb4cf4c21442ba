"""The meeting form's people pickers (主持人, 记录人, 主讲人, 领学人) over the one shared light
list model: a record's people are shown, one not on the roster that day is named by id,
typing a name picks the member (keys sent as a user types), a typed outside name stays a
name, and the model passes qtmodeltester."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from dangjian_desktop.domain.meetings import MeetingType
from dangjian_desktop.gui.dialogs.meeting_dialog import MeetingDialog, _person, light_picker
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.models.people_list_model import ID_ROLE, PeopleListModel
from tests.gui.conftest import type_text
from tests.gui.keyboard import offscreen_window_warnings
from tests.unit.services.meeting_data import general_meeting

pytestmark = pytest.mark.gui

DAY = date(2025, 5, 20)


def _dialog(qtbot, ws, meeting_id=None) -> MeetingDialog:
    dialog = MeetingDialog(ws, AppEvents(), meeting_id, today=lambda: DAY)
    qtbot.addWidget(dialog)
    return dialog


def test_the_four_pickers_share_one_list_and_show_the_record(qtbot, gui_workspace, branch):
    meeting = general_meeting(branch, DAY, lecturer_name="市委党校 李教授")
    meeting_id, _ = gui_workspace.meetings.save(meeting)
    dialog = _dialog(qtbot, gui_workspace, meeting_id)
    ui = dialog.ui
    pickers = (ui.host_id, ui.recorder_id, ui.lecturer_id, ui.first_topic_leader)
    assert len({id(p.model()) for p in pickers}) == 1
    assert ui.host_id.count() == 1 + len(gui_workspace.meetings.people_on(DAY))
    assert _person(ui.host_id) == (branch.id("王海"), "")
    assert _person(ui.recorder_id) == (branch.id("李静"), "")
    assert _person(ui.lecturer_id) == (None, "市委党校 李教授")
    assert _person(ui.first_topic_leader) == (None, "")


@offscreen_window_warnings
def test_typing_a_name_into_a_picker_picks_the_member(qtbot, gui_workspace, branch):
    dialog = _dialog(qtbot, gui_workspace)
    combo = dialog.ui.first_topic_leader
    dialog.show()
    combo.setFocus()
    type_text(combo.lineEdit(), "赵敏")
    QTest.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert _person(combo) == (branch.id("赵敏"), "")
    combo.lineEdit().clear()
    type_text(combo.lineEdit(), "外请讲师")
    assert _person(combo) == (None, "外请讲师")
    # A picker that takes no typing: the keyboard search of the list.
    host = dialog.ui.host_id
    host.setFocus()
    type_text(host, "刘")
    assert _person(host) == (branch.id("刘洋"), "")


def test_a_person_not_on_the_roster_that_day_is_named_by_id(qtbot, gui_workspace, branch):
    meeting_id, _ = gui_workspace.meetings.save(general_meeting(branch, DAY))
    dialog = _dialog(qtbot, gui_workspace, meeting_id)
    stranger = 987_654
    dialog._pick_person(dialog.ui.recorder_id, stranger)
    assert dialog.ui.recorder_id.currentText() == f"（编号 {stranger}，不在当日名册）"
    assert dialog.ui.recorder_id.currentData() == stranger
    assert dialog.ui.host_id.findData(stranger) >= 0  # the shared list


@offscreen_window_warnings
def test_showing_the_form_does_not_measure_every_name(qtbot, gui_workspace, branch, monkeypatch):
    """The pickers are sized for a name, not by measuring each name on the list: with
    AdjustToContentsOnFirstShow, four pickers of a 7,000-member roster asked for 57,000
    names (~350 ms) before the form first showed. Only the rows shown are asked now."""
    asked: set[int] = set()
    data = PeopleListModel.data

    def counted(model, index, role=Qt.ItemDataRole.DisplayRole):
        asked.add(index.row())
        return data(model, index, role)

    monkeypatch.setattr(PeopleListModel, "data", counted)  # before any model exists
    meeting_id, _ = gui_workspace.meetings.save(general_meeting(branch, DAY))
    dialog = _dialog(qtbot, gui_workspace, meeting_id)
    asked.clear()
    dialog.show()
    qtbot.waitExposed(dialog)
    people = dialog.ui.host_id.model()
    shown = {combo.currentIndex() for combo in dialog._pickers()}
    assert people.rowCount() == 8 and asked and asked <= shown, asked


@offscreen_window_warnings
def test_a_picker_of_thousands_opens_its_list_without_sizing_each_name(qtbot, monkeypatch):
    """Opening the list asks each row of a long list only whether it is a separator (two
    roles), not its size: a size hint asks a row all its roles (~16 calls a row, ~400 ms
    for 7,000 names)."""
    calls = []
    data = PeopleListModel.data

    def counted(model, index, role=Qt.ItemDataRole.DisplayRole):
        calls.append(index.row())
        return data(model, index, role)

    monkeypatch.setattr(PeopleListModel, "data", counted)  # before the model exists
    rows = 3000
    people = PeopleListModel.of_columns(range(1, rows + 1), [f"党员{i}" for i in range(rows)])
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.setModel(people)
    light_picker(combo)
    combo.show()
    qtbot.waitExposed(combo)
    calls.clear()
    combo.showPopup()
    combo.hidePopup()
    assert len(calls) < 3 * rows, len(calls) / rows


def test_people_list_model(qtmodeltester):
    model = PeopleListModel([(7, "王海"), (3, "李静")])
    assert [model.index(r).data() for r in range(3)] == ["", "王海", "李静"]
    assert [model.index(r).data(ID_ROLE) for r in range(3)] == [None, 7, 3]
    assert (model.row_of(3), model.row_of(None), model.row_of(99)) == (2, -1, -1)
    assert model.add_unlisted(99, "（编号 99）") == 3 and model.add_unlisted(99, "x") == 3
    assert model.row_of(99) == 3 and model.rowCount() == 4
    qtmodeltester.check(model)


def test_people_list_model_of_columns_is_the_model_of_the_pairs(qtmodeltester):
    ids, names = (7, 3, 5), ("王海", "李静", "陈刚")
    model = PeopleListModel.of_columns(ids, names)
    pairs = PeopleListModel(list(zip(ids, names, strict=True)))
    for role in (Qt.ItemDataRole.DisplayRole, ID_ROLE):
        assert [model.index(r).data(role) for r in range(4)] == [
            pairs.index(r).data(role) for r in range(4)
        ]
    assert [model.row_of(m) for m in (None, 7, 3, 5, 99)] == [-1, 1, 2, 3, -1]
    assert model.add_unlisted(99, "（编号 99）") == 4 and model.row_of(99) == 4
    qtmodeltester.check(model)
    assert PeopleListModel.of_columns((), ()).rowCount() == 1  # the blank choice only


def test_roster_and_people_is_roster_on_and_people_on(gui_workspace, branch):
    ws = gui_workspace
    group = ws.branch.profile().groups[0].id
    for kind, g in ((MeetingType.GENERAL, None), (MeetingType.THEME_DAY, None),
                    (MeetingType.GROUP, group), (MeetingType.COMMITTEE, None)):  # fmt: skip
        listed, people = ws.meetings.roster_and_people(DAY, kind, g)
        assert listed == ws.meetings.roster_on(DAY, kind, g)
        assert people == ws.meetings.people_on(DAY)
