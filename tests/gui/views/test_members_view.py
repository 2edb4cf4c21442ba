"""党员 tab through the window: add, edit, search, filter, delete (soft) and restore."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.domain.people import MemberCategory, MemberFilter, Sex
from dangjian_desktop.gui.dialogs.member_dialog import MemberDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.views import members_view
from tests.gui.conftest import type_text
from tests.gui.members_data import make_id, member
from tests.unit.services.member_data import table

pytestmark = pytest.mark.gui

ZSF_ID = make_id(date(1985, 4, 12), 7, male=True)


@pytest.fixture
def view(main_window):
    main_window.tabs.setCurrentWidget(main_window.members_view)
    return main_window.members_view


def _fill_new_member(qtbot, dialog: MemberDialog, name="张三丰", id_number=ZSF_ID) -> None:
    type_text(dialog.ui.name, name)
    dialog.ui.id_number.setFocus()
    type_text(dialog.ui.id_number, id_number)
    dialog.ui.id_number.editingFinished.emit()  # as when the user tabs on
    dialog.ui.join_date.set_value(date(2010, 7, 1))
    type_text(dialog.ui.phone, "13912345678")


def _save(qtbot, dialog: MemberDialog) -> None:
    qtbot.mouseClick(
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_new_member_form_fills_birth_sex_and_full_date(qtbot, gui_workspace):
    dialog = MemberDialog(gui_workspace.members, AppEvents())
    qtbot.addWidget(dialog)
    _fill_new_member(qtbot, dialog)
    assert dialog.ui.birth_date.value() == date(1985, 4, 12)
    assert dialog.ui.sex.currentData() == Sex.MALE.value
    assert dialog.ui.full_date.value() == date(2011, 7, 1)  # 党章 Art.7: 预备期一年
    _save(qtbot, dialog)
    assert dialog.result() == MemberDialog.DialogCode.Accepted
    saved = gui_workspace.members.get(dialog.saved_id)
    assert (saved.name, saved.id_number, saved.category) == (
        "张三丰",
        ZSF_ID,
        MemberCategory.FORMAL,
    )


def test_bad_id_is_explained_next_to_the_field_and_nothing_saved(qtbot, gui_workspace):
    dialog = MemberDialog(gui_workspace.members, AppEvents())
    qtbot.addWidget(dialog)
    bad = ZSF_ID[:-1] + ("0" if ZSF_ID[-1] != "0" else "1")
    _fill_new_member(qtbot, dialog, id_number=bad)
    _save(qtbot, dialog)
    assert dialog.result() != MemberDialog.DialogCode.Accepted
    label = dialog.field_errors.label("id_number")
    assert not label.isHidden() and "校验位" in label.text()
    assert gui_workspace.members.count(MemberFilter()) == 0


def test_add_edit_search_filter_delete_and_restore_in_the_window(
    qtbot, view, gui_workspace, monkeypatch
):
    changes = gui_workspace.branch.save_profile(
        BranchProfile(full_name="中共某轮党支部", groups=(PartyGroup("驾驶部党小组"),))
    )
    view._events.publish(changes)  # as the 支部信息 tab does after saving
    for i in range(30):
        gui_workspace.members.add(member(i))

    class FilledDialog(MemberDialog):
        def exec(self):
            if self._original is None:
                _fill_new_member(qtbot, self)
            else:
                self.ui.job_post.setText("大副")
                self.ui.party_group_id.setCurrentIndex(1)
            self.save()
            return self.result()

    monkeypatch.setattr(members_view, "MemberDialog", FilledDialog)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 31
    assert view.count_label.text() == "共 31 人"

    type_text(view.search, "zsf")  # pinyin initials of 张三丰
    assert view.model.rowCount() == 1
    assert view.model.index(0, 0).data() == "张三丰"

    view.table.selectRow(0)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    [zsf_id] = view.selected_ids()
    assert gui_workspace.members.get(zsf_id).job_post == "大副"

    view.search.clear()
    view.group.setCurrentIndex(view.group.findText("驾驶部党小组"))
    assert view.model.rowCount() == 1
    view.group.setCurrentIndex(0)
    view.category.setCurrentIndex(view.category.findData(MemberCategory.PROBATIONARY.value))
    assert view.model.rowCount() == 0
    view.category.setCurrentIndex(0)

    view.select_member(zsf_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 30
    assert view.model.row_of(zsf_id) is None

    view.deleted.setChecked(True)  # 回收站
    assert view.model.rowCount() == 1 and view.restore_button.isVisible()
    view.table.selectRow(0)
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    view.deleted.setChecked(False)
    assert view.model.rowCount() == 31
    assert gui_workspace.members.get(zsf_id).name == "张三丰"


def test_delete_asks_and_can_be_declined(qtbot, view, gui_workspace, message_boxes):
    gui_workspace.members.add(member(1))
    view.model.refresh()
    view.table.selectRow(0)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)  # the stub answers No
    assert message_boxes[-1][0] == "question"
    assert view.model.rowCount() == 1


def test_photo_is_scaled_stored_and_shown_again(qtbot, gui_workspace, tmp_path):
    from PySide6.QtGui import QColor, QImage

    big = QImage(1200, 1600, QImage.Format.Format_RGB32)
    big.fill(QColor("#c00000"))
    picture = tmp_path / "照片.png"
    assert big.save(str(picture))
    dialog = MemberDialog(gui_workspace.members, AppEvents())
    qtbot.addWidget(dialog)
    _fill_new_member(qtbot, dialog)
    assert dialog.photo.set_from_file(picture)
    _save(qtbot, dialog)
    assert dialog.result() == MemberDialog.DialogCode.Accepted
    mime, data = gui_workspace.members.photo(dialog.saved_id)
    # The record and its photo are one write (one transaction, one audit row).
    assert table(gui_workspace, "SELECT action FROM audit_log") == [("member.add",)]
    stored = QImage.fromData(data)
    assert mime == "image/jpeg" and (stored.width(), stored.height()) == (360, 480)
    assert len(data) < 100_000

    again = MemberDialog(
        gui_workspace.members, AppEvents(), gui_workspace.members.get(dialog.saved_id)
    )
    qtbot.addWidget(again)
    assert again.photo.data == data and again.photo.remove_button.isEnabled()


def test_a_non_image_is_refused_as_photo(qtbot, gui_workspace, tmp_path):
    fake = tmp_path / "照片.jpg"
    fake.write_text("not a picture")
    dialog = MemberDialog(gui_workspace.members, AppEvents())
    qtbot.addWidget(dialog)
    assert not dialog.photo.set_from_file(fake)
    assert not dialog.photo.error.isHidden() and "无法识别为图片" in dialog.photo.error.text()
    assert dialog.photo.data is None and not dialog.photo.changed


# --- a damaged data file (issue 7 item 3) -------------------------------------------------------
@pytest.fixture
def damaged_window(qtbot, tmp_path):
    """The main window on a file whose member 3 has a byte flipped inside one text cell."""
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.services import Workspace
    from tests.corrupt import write_damaged_file

    path = tmp_path / "data.sqlite"
    names = write_damaged_file(path, "bad_utf8")
    ws = Workspace.open(path)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, names
    window.close()
    ws.close(final_backup=False)


def _show_members(qtbot, window, message_boxes) -> None:
    window.tabs.setCurrentWidget(window.members_view)
    qtbot.waitUntil(lambda: len(message_boxes) > 0)
    for _ in range(5):  # let any further (wrong) messages arrive
        qtbot.wait(20)


def test_a_damaged_record_gives_one_message_and_the_roster_stays_usable(
    qtbot, damaged_window, message_boxes
):
    from dangjian_desktop.gui.models.member_table_model import DAMAGED_TEXT
    from tests.corrupt import DAMAGED

    window, names = damaged_window
    view = window.members_view
    _show_members(qtbot, window, message_boxes)
    assert len(message_boxes) == 1
    kind, title, text = message_boxes[0]
    assert (kind, title) == ("question", "数据已损坏")
    damaged_name = list(names.values())[DAMAGED - 1]
    assert f"“{damaged_name}”" in text and "“备注”" in text and "从备份恢复" in text
    shown = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert sorted(shown) == sorted(
        [*(n for n in names.values() if n != damaged_name), DAMAGED_TEXT]
    )
    assert view.damage_bar.isVisible() and damaged_name in view.damage_label.text()

    # Searching, sorting and refreshing read the damaged row again: no second message.
    type_text(view.search, "z")
    view.search.clear()
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    view.model.refresh()
    for _ in range(5):
        qtbot.wait(20)
    assert len(message_boxes) == 1

    # The damaged record cannot be opened; the others can.
    view.select_member(list(names)[DAMAGED - 1])
    assert not view.edit_button.isEnabled() and not view.history_button.isEnabled()
    view.select_member(next(iter(names)))
    assert view.edit_button.isEnabled()


def test_the_message_offers_the_restore_dialog(qtbot, damaged_window, message_boxes, monkeypatch):
    from dangjian_desktop.gui import main_window as main_window_module

    opened = []

    class FakeRestoreDialog:
        DialogCode = main_window_module.RestoreDialog.DialogCode

        def __init__(self, backups, parent):
            opened.append(backups)

        def exec(self):
            return self.DialogCode.Rejected

    monkeypatch.setattr(main_window_module, "RestoreDialog", FakeRestoreDialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window, _ = damaged_window
    window.tabs.setCurrentWidget(window.members_view)
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.mouseClick(window.members_view.damage_restore_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 2  # the button above the table opens it too


def test_the_search_box_takes_no_more_than_the_search_limit(qtbot, view, message_boxes):
    view.search.setText("张" * 50_000)  # a pasted page
    assert len(view.search.text()) == members_view.SEARCH_MAX_LENGTH
    assert view.model.rowCount() == 0 and message_boxes == []
