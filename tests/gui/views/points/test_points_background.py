"""The 积分 tab never freezes the window (issue 9): the 民主评议 sheet and the search's names
are read in a worker thread while the event loop runs, the page keeps its rows until the new
sheet arrives; 重新生成自动计分 runs behind the progress dialog and its Cancel writes nothing;
积分明细 and 民主评议结果 print through their PDF."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from PySide6.QtCore import QTimer

from dangjian_desktop.domain.points import EntryFilter, PeriodKey
from dangjian_desktop.gui.point_export_actions import PointExportDialog
from tests.gui.keyboard import offscreen_window_warnings
from tests.gui.views.points.dialogs import answer_dialog
from tests.unit.services.meeting_data import general_meeting

pytestmark = [pytest.mark.gui, offscreen_window_warnings]

YEAR = date.today().year


def slow(monkeypatch, obj, name, seconds=0.6):
    """Make a service read slow, and record the threads it ran on."""
    real = getattr(obj, name)
    threads: list[threading.Thread] = []

    def read(*args, **kwargs):
        threads.append(threading.current_thread())
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, read)
    return threads


def test_the_appraisal_sheet_is_read_in_a_worker_while_the_event_loop_runs(
    qtbot, view, monkeypatch
):
    threads = slow(monkeypatch, view._ws.points, "appraisal")
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    started = time.perf_counter()
    view.pages.setCurrentWidget(view.appraisal_page)
    assert time.perf_counter() - started < 0.3  # the switch did not wait for the read
    assert view.grades_model.rowCount() == 0 and "正在读取" in view.grades_count.text()
    assert not view.save_grades_button.isEnabled()
    qtbot.waitUntil(lambda: view.appraisal_page.read.reads == 1, timeout=10_000)
    timer.stop()
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert len(ticks) >= 10  # the timer kept firing during the 0.6 s read
    assert view.grades_model.rowCount() == 6 and view.save_grades_button.isEnabled()


def test_the_sheet_keeps_its_rows_until_the_new_one_arrives_and_reads_coalesce(
    qtbot, view, monkeypatch
):
    view.pages.setCurrentWidget(view.appraisal_page)
    page = view.appraisal_page
    qtbot.waitUntil(lambda: page.read.reads == 1)
    threads = slow(monkeypatch, view._ws.points, "appraisal", 0.3)
    for _ in range(3):  # three refreshes while one read runs: one more read, not three
        page.refresh()
    assert view.grades_model.rowCount() == 6  # the old rows stay meanwhile
    qtbot.waitUntil(lambda: page.read.reads == 2 and not page.read.reading, timeout=10_000)
    assert len(threads) == 2
    assert view.grades_model.rowCount() == 6


def test_regenerate_runs_behind_the_progress_dialog_and_cancel_writes_nothing(
    qtbot, view, branch, monkeypatch, message_boxes
):
    ws = view._ws
    ws.meetings.save(general_meeting(branch, date(YEAR, 1, 20)))
    with ws.database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM point_entry WHERE derived")
    seen: list[tuple[int, int]] = []
    real = ws.points.regenerate

    def cancelled(year, progress=None):
        def watch(done, total):
            seen.append((done, total))
            return progress(done, total) and False  # the user pressed 取消

        return real(year, watch)

    monkeypatch.setattr(ws.points, "regenerate", cancelled)
    view.regenerate()
    task = view.last_task
    qtbot.waitUntil(lambda: task.progress._done, timeout=10_000)
    assert seen and message_boxes == []  # a cancelled run says nothing
    assert ws.points.count(EntryFilter(period=PeriodKey(YEAR), derived=True)) == 0

    monkeypatch.setattr(ws.points, "regenerate", real)
    view.regenerate()
    qtbot.waitUntil(lambda: any(t == "自动计分已更新" for _k, t, _x in message_boxes))
    assert ws.points.count(EntryFilter(period=PeriodKey(YEAR), derived=True)) == 7


def press_print_when_open() -> None:
    answer_dialog(lambda dialog: dialog.print_button.click())


@pytest.mark.parametrize("kind", ["statements", "appraisal"])
def test_statements_and_appraisal_print_from_their_dialog_without_a_file(
    qtbot, main_window, view, kind, previews, file_dialogs
):
    press_print_when_open()
    [action] = [a for a in main_window.export_menu.actions() if a.objectName() == f"export_{kind}"]
    action.trigger()
    qtbot.waitUntil(lambda: bool(previews), timeout=30_000)
    assert previews[0] >= 1
    assert file_dialogs.asked == []  # printed, not saved


def test_the_appraisal_page_prints_its_sheet(qtbot, view, previews):
    view.pages.setCurrentWidget(view.appraisal_page)
    view.print_grades_button.click()
    qtbot.waitUntil(lambda: bool(previews), timeout=30_000)
    assert previews == [1]


@pytest.mark.parametrize(
    "kind, shown",
    [("points", {"period", "ranking"}), ("statements", {"period", "member"}), ("appraisal", set())],
)
def test_the_export_dialog_shows_only_the_fields_of_its_report(qtbot, view, kind, shown):
    dialog = PointExportDialog(view._ws, kind, view, year=YEAR)
    qtbot.addWidget(dialog)
    dialog.show()
    visible = {n for n in ("period", "member", "ranking") if getattr(dialog, n).isVisible()}
    assert visible == shown
    assert dialog.print_button.isVisible()
