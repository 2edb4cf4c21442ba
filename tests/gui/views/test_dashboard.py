"""工作台 on ws.dashboard.items (issue 11 items 1, 2): read off the GUI thread, grouped
due lines one click from their records, the year's counts and charts drawn from data,
refreshed when a meeting is recorded, and the first-run checklist."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtGui import QColor

from dangjian_desktop.domain.charts import SINGLE_COLOUR
from dangjian_desktop.domain.dashboard import DueKind, RectificationDue, keyed_no_life_items
from dangjian_desktop.domain.meetings import MeetingType
from dangjian_desktop.domain.people import MemberCategory
from dangjian_desktop.gui import demo_launch
from dangjian_desktop.gui.main_window import MainWindow
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.dashboard import due_list
from dangjian_desktop.gui.views.meetings.view import MeetingsView
from dangjian_desktop.services import Changes
from tests.gui.conftest import type_text
from tests.unit.services.meeting_data import general_meeting
from tests.unit.services.member_data import member
from tests.unit.services.venue_data import inspection

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_automatic_check(monkeypatch):
    from dangjian_desktop.gui import main_window as module

    monkeypatch.setattr(module, "AUTO_INTEGRITY_CHECK_MS", 600_000)


def open_window(qtbot, ws) -> MainWindow:
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_read(qtbot, window, 1)
    return window


def wait_read(qtbot, window, count: int) -> None:
    qtbot.waitUntil(lambda: window.dashboard_view.reads >= count, timeout=20_000)


def top_line(view, kind: DueKind):
    """The top-level tree line that stands for `kind` (a group or a single line)."""
    tree = view.due_list
    for i in range(tree.topLevelItemCount()):
        line = tree.topLevelItem(i)
        item = line.data(0, due_list.ITEM_ROLE)
        if line.data(0, due_list.GROUP_ROLE) == kind.value or (
            item is not None and item.kind is kind
        ):
            return line
    return None


def click(view, line) -> None:
    view.due_list.itemClicked.emit(line, 1)


def test_the_window_shows_before_the_read_finishes(qtbot, gui_workspace, monkeypatch):
    """The read is ~2 s on a 10,000-member file: it must not hold up the first screen."""
    release = threading.Event()
    real = gui_workspace.dashboard.items

    def slow(today=None):
        release.wait(10)
        return real(today)

    monkeypatch.setattr(gui_workspace.dashboard, "items", slow)
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = window.dashboard_view
    assert view.reads == 0 and view.status_label.text() == "正在统计待办事项…"
    release.set()
    wait_read(qtbot, window, 1)
    assert "项待办" in view.status_label.text()


def test_changes_during_a_read_make_one_more_read_not_many(qtbot, gui_workspace, monkeypatch):
    calls = []
    real = gui_workspace.dashboard.items
    release = threading.Event()

    def counted(today=None):
        calls.append(today)
        release.wait(10)
        return real(today)

    monkeypatch.setattr(gui_workspace.dashboard, "items", counted)
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    for _ in range(3):
        window.events.publish(Changes(members=True))
    release.set()
    wait_read(qtbot, window, 1)
    assert len(calls) == 2  # the first read's answer was stale: read once again
    window.events.publish(Changes(backups=True))  # the backup lines only: no read
    window.events.publish(Changes(scores=True))  # not shown on the 工作台
    qtbot.wait(50)
    assert len(calls) == 2


def test_many_due_meetings_are_one_line_that_opens_and_leads_to_the_calendar(qtbot, gui_workspace):
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    meetings = [i for i in view.due_list.items() if i.kind is DueKind.MEETING]
    assert len(meetings) > due_list.GROUP_OVER  # a new file: every past month's 支委会 …
    line = top_line(view, DueKind.MEETING)
    assert f"{len(meetings)} 项按规定应开的会议尚未召开" in line.text(1)
    assert line.childCount() == 0  # names are made when the line is opened
    click(view, line)
    assert line.isExpanded() and line.childCount() == len(meetings)
    assert "支委会" in line.child(0).text(1)
    wanted = line.child(0).data(0, due_list.ITEM_ROLE)
    click(view, line.child(0))
    assert window.tabs.currentWidget() is window.meetings_view
    calendar = window.meetings_view.calendar
    assert window.meetings_view.pages.currentWidget() is calendar
    # the cell of the meeting not held is the one selected
    cell = calendar.cell_at(calendar.table.currentRow(), calendar.table.currentColumn())
    row = calendar.rows[calendar.table.currentRow()]
    assert (row.rule, row.party_group_id) == (wanted.ref.rule, wanted.ref.party_group_id)
    assert (cell.start, cell.end) == (wanted.ref.period_start, wanted.ref.period_end)


def test_hundreds_without_organisational_life_are_one_line_with_a_count(
    qtbot, gui_workspace, branch, monkeypatch
):
    flagged = [(branch.id("孙丽"), date(2026, 3, 2))] + [(10_000 + i, None) for i in range(349)]
    names = {branch.id("孙丽"): "孙丽"} | {10_000 + i: f"党员{i}" for i in range(349)}
    lines = keyed_no_life_items(flagged, names, date.today())
    monkeypatch.setattr(gui_workspace.dashboard, "_no_life", lambda *_a: lines)
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    lines = view.due_list.lines()
    assert sum("组织生活" in text for text in lines) == 1
    line = top_line(view, DueKind.NO_LIFE)
    assert "组织生活：350 名党员连续6个月以上未参加组织生活" in line.text(1)
    line.setExpanded(True)
    shown = [line.child(i).text(1) for i in range(line.childCount())]
    assert len(shown) == due_list.SHOWN_CHILDREN + 1
    assert shown[-1] == "……另有 50 项未列出"
    assert "孙丽（最近一次 2026-03-02）" in shown
    assert "党员0（无参加记录）" in shown
    click(view, line.child(shown.index("孙丽（最近一次 2026-03-02）")))
    assert window.tabs.currentWidget() is window.members_view
    assert window.members_view.selected_ids() == [branch.id("孙丽")]


def test_a_probation_line_opens_the_member_even_behind_a_filter(qtbot, gui_workspace, branch):
    ends = date.today() + timedelta(days=30)  # 转正 due within the 60 days
    joined = ends.replace(year=ends.year - 1) if (ends.month, ends.day) != (2, 29) else ends
    new_id, _ = gui_workspace.members.add(
        member("吴新", 108, join_date=joined, full_date=None, category=MemberCategory.PROBATIONARY)
    )
    window = open_window(qtbot, gui_workspace)
    members = window.members_view
    window.tabs.setCurrentWidget(members)
    type_text(members.search, "王海")  # the member asked for is filtered out
    window.tabs.setCurrentWidget(window.dashboard_view)
    view = window.dashboard_view
    [line] = [
        view.due_list.topLevelItem(i)
        for i in range(view.due_list.topLevelItemCount())
        if "吴新" in view.due_list.topLevelItem(i).text(1)
    ]
    assert line.text(1) == f"预备党员 吴新 将于 {ends} 预备期满（还有 30 天），请准备转正讨论。"
    click(view, line)
    assert window.tabs.currentWidget() is members
    assert members.selected_ids() == [new_id]
    assert members.search.text() == ""


def test_term_and_rectification_lines_switch_to_their_tabs(qtbot, gui_workspace):
    open_item = RectificationDue(1, 2, 3, "有台账", due_on=date.today() - timedelta(days=2))
    gui_workspace.dashboard.rectification_source = lambda today: [open_item]
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    rect = top_line(view, DueKind.RECTIFICATION)
    assert rect.text(1) == f"整改：有台账 已过整改期限 {open_item.due_on}（超期 2 天）。"
    assert rect.text(0) == "已超期"
    click(view, rect)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "阵地"
    click(view, top_line(view, DueKind.TERM_UNKNOWN))  # no election date recorded
    assert window.tabs.currentWidget() is window.branch_view


def test_a_rectification_line_names_the_venue_and_selects_the_item(qtbot, gui_workspace, branch):
    ws = gui_workspace
    day = date.today() - timedelta(days=30)
    first, _ = ws.venues.save_inspection(inspection(branch, day, fails={"flag_hung": "党旗褪色"}))
    ws.venues.save_inspection(inspection(branch, day, venue=1, fails={"rules_posted": "未上墙"}))
    [wanted] = ws.venues.rectifications_of(first)
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    lines = view.due_list.lines()
    [text] = [t for t in lines if "党旗" in t]
    assert text.startswith("整改：船舶党员活动室·")
    venues = window.venues_view
    venues.ensure_built()
    venues.show_filter.setCurrentIndex(2)  # a filter that hides the open item
    [line] = [
        view.due_list.topLevelItem(i)
        for i in range(view.due_list.topLevelItemCount())
        if "党旗" in view.due_list.topLevelItem(i).text(1)
    ]
    click(view, line)
    assert window.tabs.currentWidget() is venues
    assert venues.pages.currentWidget() is venues.rect_page
    assert venues.selected_rect().id == wanted.id


def test_the_dashboard_updates_when_a_meeting_is_recorded(qtbot, gui_workspace, branch):
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    today = date.today()

    def general_due():
        return [
            i
            for i in view.due_list.items()
            if i.kind is DueKind.MEETING
            and i.ref.rule.type is MeetingType.GENERAL
            and i.ref.period_start <= today <= i.ref.period_end
        ]

    assert general_due()  # this quarter's 党员大会 is not held yet
    held_before = sum(p.held for p in view.state.items.charts.months)
    reads = view.reads
    saved = run_op(
        window,
        window.events,
        lambda: gui_workspace.meetings.save(general_meeting(branch, today, topic="季度党员大会")),
    )
    assert saved
    wait_read(qtbot, window, reads + 1)
    assert general_due() == []
    held_after = sum(p.held for p in view.state.items.charts.months)
    assert held_after == held_before + 1
    assert view.charts.meetings_chart.chart().series[1].values[today.month - 1] >= 1


def test_charts_are_drawn_from_the_items_series(qtbot, gui_workspace, branch):
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    months = view.state.items.charts.months
    meetings, attendance, ages = (c.chart() for c in view.charts.charts())
    assert meetings.series[0].values == tuple(float(p.required) for p in months)
    assert meetings.series[1].values == tuple(float(p.held) for p in months)
    assert attendance.series[0].values == tuple(None for _ in months)  # no meeting held
    assert ages.categories[0] == "≤30" and sum(ages.series[0].values) == 7
    # painted, not a picture file: the red of the bars is on the widget
    image = view.charts.age_chart.grab().toImage()
    red = QColor(SINGLE_COLOUR).rgb()
    assert any(
        image.pixel(x, y) == red
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )


def test_the_year_counts_say_held_required_and_members(qtbot, gui_workspace, branch):
    window = open_window(qtbot, gui_workspace)
    figures = window.dashboard_view.figures
    f = window.dashboard_view.state.items.figures
    assert figures.members_label.text() == "共 7 人：正式党员 6 人，预备党员 1 人"
    assert figures.meetings_label.text().startswith(
        f"截至今日应开 {f.meetings_required} 次，已开 0 次"
    )
    assert figures.attendance_label.text() == "本年尚无已召开会议的出席记录"


def test_an_unchanged_refresh_does_not_rebuild_the_list(qtbot, gui_workspace):
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    first = view.due_list.topLevelItem(0)
    reads = view.reads
    window.events.publish(Changes(settings=True))
    wait_read(qtbot, window, reads + 1)
    assert view.due_list.topLevelItem(0) is first  # same items: nothing redrawn
    assert not view.due_list.set_items(view.due_list.items())


def test_an_empty_file_opens_on_the_checklist_and_ticks_the_branch_step(qtbot, gui_workspace):
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    assert view.first_run.isVisible()
    assert view.first_run.done_steps() == (False, False, False)
    view.first_run.step_buttons[0].click()  # 填写支部信息
    assert window.tabs.currentWidget() is window.branch_view
    type_text(window.branch_view.full_name, "中共兴海油6轮党支部")
    reads = view.reads
    assert window.branch_view.save()
    window.tabs.setCurrentWidget(view)
    wait_read(qtbot, window, reads + 1)
    assert view.first_run.done_steps() == (True, False, False)
    assert view.first_run.isVisible()  # stays until the user is through, or hides it
    view.first_run.hide_button.click()
    assert not view.first_run.isVisible()


def test_the_checklist_steps_open_the_import_and_the_quarter_plan(
    qtbot, gui_workspace, file_dialogs, monkeypatch
):
    planned = []
    monkeypatch.setattr(MeetingsView, "plan_quarter", lambda self: planned.append(True))
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    view.first_run.step_buttons[1].click()  # 导入花名册…: the file dialog (stub: 取消)
    assert window.tabs.currentWidget() is window.members_view
    assert file_dialogs.asked == [("getOpenFileName", "导入党员花名册")]
    window.tabs.setCurrentWidget(view)
    view.first_run.step_buttons[2].click()
    assert planned == [True] and window.tabs.currentWidget() is window.meetings_view


def test_a_file_with_data_shows_no_checklist(qtbot, gui_workspace, branch):
    window = open_window(qtbot, gui_workspace)
    assert not window.dashboard_view.first_run.isVisible()


def test_open_demo_starts_dangjian_demo(qtbot, gui_workspace, monkeypatch, message_boxes):
    started = []
    monkeypatch.setattr(demo_launch, "start_demo", lambda: started.append(True) or True)
    window = open_window(qtbot, gui_workspace)
    window.dashboard_view.first_run.demo_button.click()
    assert started == [True] and message_boxes == []
    monkeypatch.setattr(demo_launch, "start_demo", lambda: False)
    window.dashboard_view.first_run.demo_button.click()
    assert message_boxes[-1][:2] == ("warning", "打开示例数据")


def test_the_demo_command_is_dangjian_demo(monkeypatch):
    import sys

    program, args = demo_launch.demo_command()
    assert (program, args) == (sys.executable, ["-m", "dangjian_desktop", "--demo"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert demo_launch.demo_command() == (sys.executable, ["--demo"])


def test_a_backup_replaces_the_no_backup_line_without_a_read(qtbot, gui_workspace):
    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    backup = top_line(view, DueKind.BACKUP)
    assert backup.text(1) == "备份：尚无备份，点此立即备份。"
    reads = view.reads
    click(view, backup)  # 立即备份
    assert top_line(view, DueKind.BACKUP) is None
    assert view.reads == reads
    assert view.backup_label.text() != "尚无备份"


def test_a_failed_read_says_so_in_chinese(qtbot, gui_workspace, monkeypatch):
    from dangjian_desktop.storage.errors import DiskFullError

    def fail(today=None):
        raise DiskFullError(gui_workspace.path)

    monkeypatch.setattr(gui_workspace.dashboard, "items", fail)
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    label = window.dashboard_view.status_label
    qtbot.waitUntil(lambda: label.text().startswith("未能统计待办事项："), timeout=10_000)
    assert "Error" not in label.text()


def test_integrity_failure_adds_a_data_file_line(qtbot, gui_workspace):
    from dangjian_desktop.storage.database import IntegrityReport

    window = open_window(qtbot, gui_workspace)
    view = window.dashboard_view
    gui_workspace._integrity_ok = False  # what integrity_check records for the report
    view.show_integrity(IntegrityReport(("NULL value in member.name",)))
    line = top_line(view, DueKind.DATA_FILE)
    assert line is not None and line.text(0) == "已超期"
    assert line.text(1).startswith("数据文件：完整检查发现问题")
