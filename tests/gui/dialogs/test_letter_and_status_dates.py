"""The date fields of the transfer letter and of a status change refuse dates that do not
exist instead of passing them on as empty."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.domain.people import PartyStatus
from dangjian_desktop.gui.dialogs.history_dialog import HistoryDialog
from dangjian_desktop.gui.dialogs.transfer_dialog import TransferDialog
from dangjian_desktop.gui.events import AppEvents
from tests.gui.keyboard import offscreen_window_warnings, type_date
from tests.gui.members_data import member

pytestmark = [pytest.mark.gui, offscreen_window_warnings]


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_letter_valid_until_a_day_that_does_not_exist_is_not_accepted(qtbot):
    dialog = _shown(qtbot, TransferDialog("王伟", date(2026, 1, 10)))
    type_date(qtbot, dialog.valid_until, "2026-02-29")
    label = dialog.field_errors.label("valid_until")
    assert not label.isHidden() and "2026年2月没有29日" in label.text()
    dialog.accept()  # 确认转出
    assert dialog.result() != TransferDialog.DialogCode.Accepted and dialog.isVisible()

    type_date(qtbot, dialog.valid_until, "2026年2月28日")
    assert label.isHidden()
    dialog.accept()
    assert dialog.result() == TransferDialog.DialogCode.Accepted
    assert dialog.transfer().valid_until == date(2026, 2, 28)


def test_a_status_change_on_a_day_that_does_not_exist_records_nothing(qtbot, gui_workspace):
    member_id, _ = gui_workspace.members.add(member(1))
    dialog = _shown(
        qtbot, HistoryDialog(gui_workspace.members, AppEvents(), member_id, date(2026, 11, 1))
    )
    dialog.new_status.setCurrentIndex(dialog.new_status.findText("停止党籍"))
    type_date(qtbot, dialog.changed_on, "2026-11-31")
    dialog.record()
    assert not dialog.error.isHidden() and "2026年11月没有31日" in dialog.error.text()
    assert gui_workspace.members.get(member_id).status is PartyStatus.NORMAL

    type_date(qtbot, dialog.changed_on, "2026-11-30")
    dialog.record()
    assert gui_workspace.members.get(member_id).status is PartyStatus.SUSPENDED
    assert gui_workspace.members.history(member_id).statuses[-1].changed_on == date(2026, 11, 30)
