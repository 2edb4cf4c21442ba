"""The 设置 page for meeting frequencies and 主题党日 types (the 工作台's meeting reminders:
tests/gui/views/test_dashboard.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dangjian_desktop.domain.meetings import MeetingType, Period
from dangjian_desktop.gui.dialogs.meeting_settings_page import (
    COUNT_COL,
    TYPE_COL,
    MeetingRulesPage,
)
from dangjian_desktop.gui.dialogs.settings_dialog import SettingsDialog, registered_pages
from dangjian_desktop.gui.views.meetings.view import SETTINGS_TITLE
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_automatic_check(monkeypatch):
    from dangjian_desktop.gui import main_window as module

    monkeypatch.setattr(module, "AUTO_INTEGRITY_CHECK_MS", 600_000)


def test_the_settings_page_edits_frequencies_and_theme_tags(qtbot, gui_workspace):
    assert SETTINGS_TITLE in [title for title, _factory in registered_pages()]
    dialog = SettingsDialog(gui_workspace, lambda changes: None)
    qtbot.addWidget(dialog)
    page = next(p for p in dialog.extra_pages if isinstance(p, MeetingRulesPage))
    row = next(
        r
        for r in range(page.table.rowCount())
        if page.table.cellWidget(r, TYPE_COL).currentData() == MeetingType.COMMITTEE.value
    )
    spin = page.table.cellWidget(row, COUNT_COL)
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "2")
    page.tags.moveCursor(page.tags.textCursor().MoveOperation.End)
    QTest.keyClick(page.tags, Qt.Key.Key_Return)
    type_text(page.tags, "安全生产日")
    assert dialog.save()
    rules = {(r.type, r.period): r.count for r in gui_workspace.meetings.frequencies()}
    assert rules[(MeetingType.COMMITTEE, Period.MONTH)] == 2
    assert gui_workspace.meetings.theme_tags()[-1] == "安全生产日"


def test_a_duplicate_theme_tag_is_refused_on_the_page(qtbot, gui_workspace):
    page = MeetingRulesPage(gui_workspace)
    qtbot.addWidget(page)
    page.tags.setPlainText("党的生日\n党的生日")
    assert not page.check()
    assert page.tags_error.text().startswith("第 2 行：")
    assert gui_workspace.meetings.theme_tags()[0] == "党的生日"
