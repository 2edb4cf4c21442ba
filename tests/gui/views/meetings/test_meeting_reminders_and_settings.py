"""The 工作台's meeting reminders (due meetings, no organisational life for 6 months) and
the 设置 page for meeting frequencies and 主题党日 types."""

from __future__ import annotations

from datetime import date

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
from dangjian_desktop.services.meeting_calendar_service import NoLife
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_automatic_check(monkeypatch):
    from dangjian_desktop.gui import main_window as module

    monkeypatch.setattr(module, "AUTO_INTEGRITY_CHECK_MS", 600_000)


def test_the_dashboard_lists_due_meetings_after_showing_and_links_to_the_calendar(
    qtbot, main_window
):
    dashboard = main_window.dashboard_view
    qtbot.waitUntil(
        lambda: (
            "会议提醒：" in dashboard.meetings_label.text()
            and "正在" not in dashboard.meetings_label.text()
        )
    )
    text = dashboard.meetings_label.text()
    # A new file: this year's 支委会 of every past month is overdue (shipped frequencies).
    assert "支委会" in text and "未召开" in text
    assert dashboard.no_life_label.text() == "组织生活：暂无连续6个月未参加组织生活的党员。"
    dashboard.meetings_label.linkActivated.emit("calendar")
    assert main_window.tabs.currentWidget() is main_window.meetings_view
    assert main_window.meetings_view.pages.currentWidget() is main_window.meetings_view.calendar


def test_members_without_organisational_life_are_named(qtbot, main_window, monkeypatch):
    ws = main_window._ws
    flagged = [NoLife(1, "林思远", date(2026, 3, 2)), NoLife(2, "许文杰", None)]
    monkeypatch.setattr(ws.meetings, "no_life_members", lambda today=None: flagged)
    dashboard = main_window.dashboard_view
    dashboard.show_meeting_reminders()  # in the background
    qtbot.waitUntil(lambda: "林思远" in dashboard.no_life_label.text())
    assert dashboard.no_life_label.text() == (
        "组织生活：2 名党员连续6个月以上未参加组织生活：林思远（最近一次 2026-03-02）、"
        "许文杰（无参加记录）。请了解情况并督促参加。"
    )


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
