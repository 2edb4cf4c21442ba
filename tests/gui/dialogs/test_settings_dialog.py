"""设置, typed with the keyboard: generated from the declarations, saved through ws.settings
in one transaction, an out-of-range value refused at its field (issue 8 A.6)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit

from dangjian_desktop import settings
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.gui.dialogs import settings_dialog
from dangjian_desktop.gui.dialogs.settings_dialog import SettingsDialog, SettingsPage
from dangjian_desktop.services import Changes
from dangjian_desktop.services.settings_service import SettingsService
from dangjian_desktop.settings import Kind, Setting
from tests.gui.conftest import type_text
from tests.gui.keyboard import focus, offscreen_window_warnings

pytestmark = [pytest.mark.gui, offscreen_window_warnings]

INTERVAL = settings.BACKUP_INTERVAL_MINUTES.key


def settings_rows(ws) -> list[dict]:
    with ws.database.engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT detail FROM audit_log WHERE action = 'settings.set'"
        ).scalars()
        return [json.loads(d) for d in found]


@pytest.fixture
def published():
    return []


def open_dialog(qtbot, workspace, published, **kwargs) -> SettingsDialog:
    dialog = SettingsDialog(workspace, published.append, pages=kwargs.pop("pages", []), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def go_to_page(qtbot, dialog: SettingsDialog, row: int) -> None:
    """↓ in the page list to the page, then Tab into its first field."""
    focus(qtbot, dialog.page_list)
    while dialog.page_list.currentRow() < row:
        qtbot.keyClick(dialog.page_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.page_list, Qt.Key.Key_Tab)


def retype(qtbot, editor: QLineEdit, text: str) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)


def test_the_dialog_is_generated_from_the_declarations(qtbot, gui_workspace, published):
    dialog = open_dialog(qtbot, gui_workspace, published)
    pages = [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())]
    assert pages == ["支部委员会", "备份"]
    assert list(dialog.fields) == [s.key for s in settings.DECLARED]
    texts = {w.text() for w in dialog.findChildren(QLabel)}
    for setting in settings.DECLARED:
        assert dialog.fields[setting.key].editor.text() == str(setting.default)
        assert setting.label + "：" in texts
        assert any(setting.help in t for t in texts)
    assert any("（5–1440分钟）" in t for t in texts)  # the bounds, said before they refuse


def test_typed_with_the_keyboard_and_saved_through_the_service(qtbot, gui_workspace, published):
    dialog = open_dialog(qtbot, gui_workspace, published)
    go_to_page(qtbot, dialog, 1)
    editor = dialog.fields[INTERVAL].editor
    assert QApplication.focusWidget() is editor
    retype(qtbot, editor, "45")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # 确定 is the default button
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert gui_workspace.settings.get(INTERVAL) == 45
    assert published == [Changes(settings=True)]
    assert [row["fields"] for row in settings_rows(gui_workspace)] == [[INTERVAL]]


def test_several_changes_are_one_save(qtbot, gui_workspace, published):
    dialog = open_dialog(qtbot, gui_workspace, published)
    years = dialog.fields[settings.COMMITTEE_TERM_YEARS.key].editor
    assert dialog.focusWidget() is years  # the first field has the focus on open
    focus(qtbot, years)
    retype(qtbot, years, "5")
    qtbot.keyClick(years, Qt.Key.Key_Tab)
    months = dialog.fields[settings.TERM_REMINDER_MONTHS.key].editor
    assert QApplication.focusWidget() is months
    retype(qtbot, months, "12")
    qtbot.keyClick(months, Qt.Key.Key_Enter)
    assert gui_workspace.settings.all() == {
        "committee_term_years": 5,
        "term_reminder_months": 12,
        "backup_interval_minutes": 30,
    }
    (row,) = settings_rows(gui_workspace)
    assert row["fields"] == ["committee_term_years", "term_reminder_months"]


def test_an_out_of_range_value_is_refused_at_the_field(qtbot, gui_workspace, published):
    dialog = open_dialog(qtbot, gui_workspace, published)
    go_to_page(qtbot, dialog, 1)
    field = dialog.fields[INTERVAL]
    retype(qtbot, field.editor, "3")
    assert field.error.isVisible() and field.error.text() == "应在 5 到 1440 之间"  # as typed
    focus(qtbot, dialog.page_list)
    qtbot.keyClick(dialog.page_list, Qt.Key.Key_Up)  # away to the other page …
    assert not field.error.isVisible()
    qtbot.keyClick(dialog.page_list, Qt.Key.Key_Return)  # … and 确定
    assert dialog.isVisible() and dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.page_list.currentRow() == 1  # back on the field's page, the field focused
    assert QApplication.focusWidget() is field.editor and field.error.isVisible()
    assert gui_workspace.settings.get(INTERVAL) == 30
    assert settings_rows(gui_workspace) == [] and published == []
    retype(qtbot, field.editor, "60")  # corrected: the mark goes, and it saves
    assert not field.error.isVisible()
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    assert gui_workspace.settings.get(INTERVAL) == 60


def test_letters_cannot_be_typed_into_a_number(qtbot, gui_workspace, published):
    dialog = open_dialog(qtbot, gui_workspace, published)
    editor = dialog.fields[settings.COMMITTEE_TERM_YEARS.key].editor
    focus(qtbot, editor)
    retype(qtbot, editor, "abc")
    assert editor.text() == "3"  # refused as typed
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # empty is not a number: refused, not zero
    assert dialog.fields[settings.COMMITTEE_TERM_YEARS.key].error.text() == "请填写数字"
    assert gui_workspace.settings.get(settings.COMMITTEE_TERM_YEARS) == 3


def test_escape_saves_nothing(qtbot, gui_workspace, published):
    dialog = open_dialog(qtbot, gui_workspace, published)
    editor = dialog.fields[settings.COMMITTEE_TERM_YEARS.key].editor
    retype(qtbot, editor, "4")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert gui_workspace.settings.get(settings.COMMITTEE_TERM_YEARS) == 3
    assert published == []


def test_ok_without_a_change_writes_nothing(qtbot, gui_workspace, published):
    dialog = open_dialog(qtbot, gui_workspace, published)
    qtbot.keyClick(dialog.fields[settings.COMMITTEE_TERM_YEARS.key].editor, Qt.Key.Key_Return)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings_rows(gui_workspace) == [] and published == []


# --- the other kinds, and a tab's own page -------------------------------------------------
SHOW_PHOTOS = Setting("show_photos", True, "显示照片", "名单", Kind.BOOL, help="名单中显示照片。")
PAPER = Setting(
    "paper",
    "a4",
    "纸张",
    "导出",
    Kind.CHOICE,
    help="导出 PDF 的纸张。",
    choices=(("a4", "A4"), ("a3", "A3")),
)
PREPARED_BY = Setting("prepared_by", "", "填表人", "导出", Kind.TEXT, help="报表上的填表人。")


@pytest.fixture
def other_kinds(gui_workspace):
    service = SettingsService(
        lambda: gui_workspace.database.engine,
        lambda: None,
        lambda _c: None,
        (SHOW_PHOTOS, PAPER, PREPARED_BY),
    )
    return SimpleNamespace(settings=service)


def test_a_checkbox_a_choice_and_a_text_from_their_declarations(qtbot, other_kinds, published):
    dialog = open_dialog(qtbot, other_kinds, published)
    photos, paper, prepared = (
        dialog.fields[k].editor for k in ("show_photos", "paper", "prepared_by")
    )
    assert isinstance(photos, QCheckBox) and photos.isChecked() and photos.text() == "显示照片"
    assert isinstance(paper, QComboBox) and paper.currentText() == "A4"
    assert isinstance(prepared, QLineEdit)
    focus(qtbot, photos)
    qtbot.keyClick(photos, Qt.Key.Key_Space)
    go_to_page(qtbot, dialog, 1)
    assert QApplication.focusWidget() is paper
    qtbot.keyClick(paper, Qt.Key.Key_Down)
    qtbot.keyClick(paper, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is prepared
    type_text(prepared, "王海")
    qtbot.keyClick(prepared, Qt.Key.Key_Return)
    assert other_kinds.settings.all() == {
        "show_photos": False,
        "paper": "a3",
        "prepared_by": "王海",
    }


class FakeRulesPage(SettingsPage):
    def __init__(self, workspace, parent):
        super().__init__(parent)
        self.workspace = workspace
        self.ok = True
        self.saved = 0

    def check(self) -> bool:
        return self.ok

    def save(self) -> Changes:
        self.saved += 1
        return Changes(meetings=True)


def test_a_tab_adds_its_own_page(qtbot, gui_workspace, published, monkeypatch):
    monkeypatch.setattr(settings_dialog, "_PAGES", [])  # the real tabs' pages left out
    remove = settings_dialog.register_page("会议频次", FakeRulesPage)
    try:
        dialog = SettingsDialog(gui_workspace, published.append)
    finally:
        remove()
    qtbot.addWidget(dialog)
    dialog.show()
    assert settings_dialog.registered_pages() == []  # removed again
    assert dialog.page_list.item(2).text() == "会议频次"
    (page,) = dialog.extra_pages
    assert page.workspace is gui_workspace
    retype(qtbot, dialog.fields[settings.COMMITTEE_TERM_YEARS.key].editor, "4")
    page.ok = False  # the page refuses: nothing at all is saved, its page is shown
    assert not dialog.save()
    assert dialog.stack.currentWidget() is page
    assert gui_workspace.settings.get(settings.COMMITTEE_TERM_YEARS) == 3 and page.saved == 0
    page.ok = True
    assert dialog.save()
    assert gui_workspace.settings.get(settings.COMMITTEE_TERM_YEARS) == 4 and page.saved == 1
    assert published == [Changes(settings=True, meetings=True)]


def test_a_refusal_by_the_service_is_shown_at_the_field(
    qtbot, gui_workspace, published, monkeypatch
):
    dialog = open_dialog(qtbot, gui_workspace, published)
    retype(qtbot, dialog.fields[settings.COMMITTEE_TERM_YEARS.key].editor, "4")

    def refuse(_values):
        raise ValidationError([FieldError(INTERVAL, "below_min", (("min", 5),))])

    monkeypatch.setattr(gui_workspace.settings, "set_many", refuse)
    assert not dialog.save()
    assert dialog.page_list.currentRow() == 1
    assert dialog.fields[INTERVAL].error.text() == "不能小于 5"


# --- the menu ----------------------------------------------------------------------------
def test_edit_menu_opens_the_dialog(qtbot, main_window, monkeypatch):
    opened = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append(self) or 0)
    main_window.settings_action.trigger()
    (dialog,) = opened
    assert dialog.windowTitle() == "设置" and dialog.parent() is main_window
    assert main_window.settings_action.text() == "设置(&T)…"
