"""党员信息 form, its dates typed as a secretary types them, from top to bottom."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.people import MemberCategory, MemberFilter, MemberSort
from dangjian_desktop.gui.dialogs.member_dialog import MemberDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.services import Workspace
from tests.gui.conftest import type_text
from tests.gui.keyboard import focus, offscreen_window_warnings, type_date
from tests.gui.members_data import make_id, member

pytestmark = [pytest.mark.gui, offscreen_window_warnings]

BIRTH = date(1985, 4, 12)
ID_NUMBER = make_id(BIRTH, 7, male=True)
FORMAL, PROBATIONARY = MemberCategory.FORMAL.value, MemberCategory.PROBATIONARY.value


@pytest.fixture
def dialog(qtbot, gui_workspace):
    dialog = MemberDialog(gui_workspace.members, AppEvents())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type_identity(qtbot, dialog: MemberDialog) -> None:
    ui = dialog.ui
    focus(qtbot, ui.name)
    type_text(ui.name, "张三丰")
    qtbot.keyClick(ui.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.id_number
    qtbot.keyClicks(ui.id_number, ID_NUMBER)
    qtbot.keyClick(ui.id_number, Qt.Key.Key_Tab)  # fills 出生日期 and 性别 from the number
    assert ui.birth_date.value() == BIRTH


def _go_to_party_tab(qtbot, dialog: MemberDialog) -> None:
    dialog.ui.tabs.setCurrentWidget(dialog.ui.tabParty)  # a click on the tab
    qtbot.waitUntil(dialog.ui.join_date.isVisible)


def _save(qtbot, dialog: MemberDialog) -> None:
    button = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_probationary_member_entered_top_to_bottom_is_saved(
    qtbot, dialog, gui_workspace, db_path
):
    """入党日期 first (类别 still 正式党员, so 转正日期 fills itself), then 预备党员: the
    suggested 转正日期 goes away again and the member saves."""
    ui = dialog.ui
    _type_identity(qtbot, dialog)
    _go_to_party_tab(qtbot, dialog)
    join = date.today() - timedelta(days=90)
    type_date(qtbot, ui.join_date, f"{join.year}年{join.month}月{join.day}日")
    assert ui.category.currentData() == FORMAL
    assert ui.full_date.value() == add_months(join, 12)  # the suggestion for a 正式党员

    assert QApplication.focusWidget() is ui.category  # Tab went on to 党员类别
    qtbot.keyClick(ui.category, Qt.Key.Key_Down)
    assert ui.category.currentData() == PROBATIONARY
    assert ui.full_date.text() == "" and ui.full_date.value() is None

    _save(qtbot, dialog)
    assert dialog.result() == MemberDialog.DialogCode.Accepted, dialog.ui.summary.text()
    gui_workspace.close(final_backup=False)
    reopened = Workspace.open(db_path)  # in the data file, not only in the form
    try:
        [member_id] = reopened.members.ids(MemberFilter(), MemberSort())
        stored = reopened.members.get(member_id)
    finally:
        reopened.close(final_backup=False)
    assert (stored.name, stored.category, stored.join_date, stored.full_date) == (
        "张三丰",
        MemberCategory.PROBATIONARY,
        join,
        None,
    )


def test_full_date_follows_a_corrected_join_date_and_the_extension(qtbot, dialog, gui_workspace):
    ui = dialog.ui
    _type_identity(qtbot, dialog)
    _go_to_party_tab(qtbot, dialog)
    type_date(qtbot, ui.join_date, "2010-07-01")
    assert ui.full_date.value() == date(2011, 7, 1)
    type_date(qtbot, ui.join_date, "2012.7.1")  # the secretary corrects the year
    assert ui.full_date.value() == date(2013, 7, 1)

    focus(qtbot, ui.probation_extension_months)  # 预备期延长 6 个月
    qtbot.keyClick(ui.probation_extension_months, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(ui.probation_extension_months, "6")
    assert ui.full_date.value() == date(2014, 1, 1)

    _save(qtbot, dialog)
    assert dialog.result() == MemberDialog.DialogCode.Accepted, dialog.ui.summary.text()
    stored = gui_workspace.members.get(dialog.saved_id)
    assert (stored.join_date, stored.probation_extension_months, stored.full_date) == (
        date(2012, 7, 1),
        6,
        date(2014, 1, 1),
    )


def test_a_full_date_the_user_typed_is_kept(qtbot, dialog):
    ui = dialog.ui
    _go_to_party_tab(qtbot, dialog)
    type_date(qtbot, ui.join_date, "2010-07-01")
    type_date(qtbot, ui.full_date, "2011-09-15")  # their own (e.g. from the 支部大会 record)
    type_date(qtbot, ui.join_date, "2010-08-01")
    assert ui.full_date.value() == date(2011, 9, 15)
    ui.category.setCurrentIndex(ui.category.findData(PROBATIONARY))
    assert ui.full_date.value() == date(2011, 9, 15)

    # Emptied by the user, the field is the app's suggestion again.
    focus(qtbot, ui.full_date)
    qtbot.keyClick(ui.full_date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(ui.full_date, Qt.Key.Key_Delete)
    qtbot.keyClick(ui.full_date, Qt.Key.Key_Tab)
    ui.category.setCurrentIndex(ui.category.findData(FORMAL))
    assert ui.full_date.value() == date(2011, 8, 1)


def test_up_on_an_empty_join_date_invents_nothing(qtbot, dialog):
    ui = dialog.ui
    _go_to_party_tab(qtbot, dialog)
    focus(qtbot, ui.join_date)
    qtbot.keyClick(ui.join_date, Qt.Key.Key_Up)
    qtbot.keyClick(ui.join_date, Qt.Key.Key_Tab)
    assert ui.join_date.text() == "" and ui.full_date.text() == ""
    type_date(qtbot, ui.join_date, "2010-07-01")
    assert ui.full_date.value() == date(2011, 7, 1)


def test_a_join_date_that_does_not_exist_is_shown_and_nothing_is_saved(
    qtbot, dialog, gui_workspace
):
    ui = dialog.ui
    _type_identity(qtbot, dialog)
    _go_to_party_tab(qtbot, dialog)
    type_date(qtbot, ui.join_date, "2023-02-30")
    label = dialog.field_errors.label("join_date")
    assert not label.isHidden() and "2023年2月没有30日" in label.text()  # on leaving the field
    assert ui.full_date.text() == ""  # no suggestion from a date that does not exist

    ui.tabs.setCurrentWidget(ui.tabIdentity)
    _save(qtbot, dialog)
    assert dialog.result() != MemberDialog.DialogCode.Accepted
    assert ui.join_date.text() == "2023-02-30"  # what was typed is still there
    assert not label.isHidden() and "2023年2月没有30日" in label.text()
    assert ui.tabs.currentWidget() is ui.tabParty  # the form shows where the problem is
    assert "有 1 处填写有误" in ui.summary.text()
    assert gui_workspace.members.count(MemberFilter()) == 0


def test_the_full_date_calendar_opens_a_year_after_the_join_date(qtbot, dialog):
    ui = dialog.ui
    _go_to_party_tab(qtbot, dialog)
    type_date(qtbot, ui.join_date, "2010-07-01")
    ui.category.setCurrentIndex(ui.category.findData(PROBATIONARY))
    assert ui.full_date.text() == ""
    focus(qtbot, ui.full_date)
    qtbot.keyClick(ui.full_date, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = ui.full_date.popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (2011, 7)
    ui.full_date.popup.close()


def test_editing_a_member_whose_full_date_was_computed_follows_the_join_date(qtbot, gui_workspace):
    member_id, _ = gui_workspace.members.add(member(3))
    stored = gui_workspace.members.get(member_id)
    dialog = MemberDialog(gui_workspace.members, AppEvents(), stored)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _go_to_party_tab(qtbot, dialog)
    assert dialog.ui.full_date.value() == stored.full_date
    corrected = date(stored.join_date.year + 1, 3, 1)
    type_date(qtbot, dialog.ui.join_date, corrected.isoformat())
    assert dialog.ui.full_date.value() == date(corrected.year + 1, 3, 1)
    _save(qtbot, dialog)
    assert dialog.result() == MemberDialog.DialogCode.Accepted, dialog.ui.summary.text()
    assert gui_workspace.members.get(member_id).full_date == date(corrected.year + 1, 3, 1)
