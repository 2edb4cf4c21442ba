"""Quick quarter planning (one list, one action) and the compliance calendar sub-tab."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dangjian_desktop.domain.meeting_calendar import CellState
from dangjian_desktop.domain.meetings import (
    MeetingFilter,
    MeetingStatus,
    MeetingType,
    Period,
)
from dangjian_desktop.gui.dialogs.quarter_plan_dialog import QuarterPlanDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.views.meetings.calendar_view import CELL_COLOUR, CalendarView
from tests.gui.conftest import type_text
from tests.gui.keyboard import offscreen_window_warnings
from tests.unit.services.meeting_data import general_meeting

pytestmark = pytest.mark.gui

APRIL = date(2025, 4, 1)
PLANNED_2025 = MeetingFilter(year=2025, statuses=(MeetingStatus.PLANNED,))


def _plan_dialog(qtbot, ws, events=None) -> QuarterPlanDialog:
    dialog = QuarterPlanDialog(ws, events or AppEvents(), None, today=lambda: APRIL)
    qtbot.addWidget(dialog)
    return dialog


def _types(dialog: QuarterPlanDialog) -> list[str]:
    return [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]


def test_the_quarter_is_planned_in_one_action(qtbot, gui_workspace, branch):
    ws = gui_workspace
    events = AppEvents()
    published = []
    events.changed.connect(published.append)
    dialog = _plan_dialog(qtbot, ws, events)
    assert (dialog.year.value(), dialog.quarter.currentData()) == (2025, 2)
    # Shipped frequencies, 2 党小组: 党员大会 1 + 支委会 3 + 党小组会 2×3 + 主题党日 3 + 党课 1;
    # the yearly 组织生活会 and 民主评议 belong to the fourth quarter.
    types = _types(dialog)
    assert len(types) == 14
    assert types.count("党小组会（驾驶部党小组）") == 3 and "组织生活会" not in types
    lecture = types.index("党课")
    dialog.use_box(lecture).setChecked(False)
    first = dialog.topic_field(0)
    first.selectAll()
    type_text(first, "第二季度支部党员大会：学习贯彻全会精神")
    dialog.date_field(0).setFocus()
    dialog.date_field(0).selectAll()
    QTest.keyClicks(dialog.date_field(0), "2025-06-18")
    QTest.keyClick(dialog.date_field(0), Qt.Key.Key_Return)
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QuarterPlanDialog.DialogCode.Accepted, dialog.errors.text()
    assert len(dialog.created) == 13
    assert ws.meetings.count(PLANNED_2025) == 13
    general = ws.meetings.get(dialog.created[0])
    assert (general.type, general.date, general.topic) == (
        MeetingType.GENERAL,
        date(2025, 6, 18),
        "第二季度支部党员大会：学习贯彻全会精神",
    )
    assert published and published[-1].meetings
    # Planned ones are not offered again: only the 党课 left out is.
    assert _types(_plan_dialog(qtbot, ws)) == ["党课"]


def test_a_refused_plan_creates_nothing_and_names_the_row(qtbot, gui_workspace, branch):
    dialog = _plan_dialog(qtbot, gui_workspace)
    dialog.topic_field(2).clear()  # a topic is required
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QuarterPlanDialog.DialogCode.Accepted
    assert dialog.errors.isVisibleTo(dialog)
    assert "第 3 行" in dialog.errors.text()
    assert gui_workspace.meetings.count(PLANNED_2025) == 0


def _calendar_cell(calendar: CalendarView, meeting_type: MeetingType, index: int):
    row = next(r for r, line in enumerate(calendar.rows) if line.rule.type is meeting_type)
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[calendar.rows[row].rule.period]
    return row, 1 + (index - 1) * months


def test_the_calendar_marks_held_and_missing_and_a_theme_day_counts_twice(
    qtbot, gui_workspace, branch
):
    ws = gui_workspace
    held_id, _ = ws.meetings.save(general_meeting(branch, date(2025, 5, 20)))
    theme = general_meeting(
        branch,
        date(2025, 2, 10),
        type=MeetingType.THEME_DAY,
        topic="2月主题党日暨党课",
        also_counts_as=MeetingType.LECTURE,
    )
    theme_id, _ = ws.meetings.save(theme)
    calendar = CalendarView(ws)
    qtbot.addWidget(calendar)
    calendar.year.setValue(2025)
    texts = {}
    for kind, index in (
        (MeetingType.GENERAL, 1),
        (MeetingType.GENERAL, 2),
        (MeetingType.LECTURE, 1),
    ):
        row, column = _calendar_cell(calendar, kind, index)
        texts[(kind, index)] = calendar.table.item(row, column)
    assert texts[(MeetingType.GENERAL, 1)].text() == "× 未召开"
    assert texts[(MeetingType.GENERAL, 2)].text() == "√ 已召开"
    assert texts[(MeetingType.LECTURE, 1)].text() == "√ 已召开"  # the 主题党日 held as 党课
    assert (
        texts[(MeetingType.GENERAL, 1)].background().color().name()
        == CELL_COLOUR[CellState.MISSING]
    )
    row, column = _calendar_cell(calendar, MeetingType.GENERAL, 2)
    assert calendar.table.columnSpan(row, column) == 3  # a quarter spans its months
    opened = []
    calendar.open_requested.connect(opened.append)
    calendar.table.cellDoubleClicked.emit(row, column)
    row, column = _calendar_cell(calendar, MeetingType.LECTURE, 1)
    calendar.table.cellDoubleClicked.emit(row, column)
    assert opened == [held_id, theme_id]
    assert "期限已过未召开" in calendar.summary.text()


def test_the_calendar_is_read_when_its_page_is_first_shown(qtbot, main_window, branch):
    main_window.tabs.setCurrentWidget(main_window.meetings_view)
    view = main_window.meetings_view
    assert view.calendar.rows == []  # not read with the list
    view.pages.setCurrentWidget(view.calendar)
    assert view.calendar.rows
    before = view.calendar.table.rowCount()
    rules = [
        replace(r, count=2) if r.type is MeetingType.COMMITTEE else r
        for r in main_window._ws.meetings.frequencies()
    ]
    rules = [r for r in rules if r.type is not MeetingType.APPRAISAL]
    view._events.publish(main_window._ws.meetings.set_frequencies(rules))
    assert view.calendar.table.rowCount() == before - 1  # refreshed from the change


@offscreen_window_warnings
def test_another_quarter_replaces_the_rows_and_their_fields(qtbot, gui_workspace, branch):
    from dangjian_desktop.gui.widgets.date_field import DateField

    dialog = _plan_dialog(qtbot, gui_workspace)
    dialog.quarter.setCurrentIndex(3)  # the fourth quarter adds the yearly meetings
    assert "组织生活会" in _types(dialog) and dialog.table.rowCount() == 16
    dialog.quarter.setCurrentIndex(0)
    dialog.show()
    fields = [f for f in dialog.table.findChildren(DateField) if f.isVisibleTo(dialog)]
    assert len(fields) == dialog.table.rowCount() == 14  # none left over on screen
