"""run_with_progress: the dialog shows only for slow work, Cancel reaches the work, errors
are worded, and every way out closes the dialog."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from dangjian_desktop.gui import progress as progress_module
from dangjian_desktop.gui.tasks import run_with_progress, wait_for_tasks
from dangjian_desktop.progress import ProgressTicker
from dangjian_desktop.storage.errors import DiskFullError

pytestmark = pytest.mark.gui


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _slow_work(release: threading.Event, seconds: float = 5.0):
    """Ticks until cancelled or released; gives up after `seconds` so a broken Cancel makes
    the test fail instead of hanging."""

    def work(progress):
        ticker = ProgressTicker(progress, total=1000, every=1)
        deadline = time.monotonic() + seconds
        step = 0
        while not release.is_set() and time.monotonic() < deadline:
            step += 1
            ticker.report(step % 1000)
            time.sleep(0.01)
        return "finished"

    return work


def test_slow_work_shows_the_dialog_and_cancel_stops_the_work(qtbot, parent, message_boxes):
    outcome = []
    release = threading.Event()
    task = run_with_progress(
        parent,
        "正在导出…",
        _slow_work(release),
        outcome.append,
        error_title="导出失败",
        on_cancel=lambda: outcome.append("cancelled"),
    )
    try:
        qtbot.waitUntil(task.progress.dialog.isVisible, timeout=3000)
        assert task.progress.dialog.labelText() == "正在导出…"
        [button] = task.progress.dialog.findChildren(QPushButton)
        assert button.text() == "取消"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(outcome), timeout=3000)
    finally:
        release.set()
        wait_for_tasks()
    assert outcome == ["cancelled"]
    assert message_boxes == []  # a cancel is not an error


def test_fast_work_never_shows_the_dialog(qtbot, parent):
    outcome = []
    task = run_with_progress(
        parent, "正在导出…", lambda progress: 42, outcome.append, error_title="导出失败"
    )
    qtbot.waitUntil(lambda: bool(outcome), timeout=3000)
    qtbot.wait(progress_module.SHOW_AFTER_MS + 200)
    assert outcome == [42]
    assert not task.progress.was_shown


def test_an_environment_error_is_worded_and_the_dialog_closed(
    qtbot, parent, message_boxes, tmp_path
):
    def work(_progress):
        raise DiskFullError(tmp_path / "out.xlsx", "No space left on device")

    task = run_with_progress(parent, "正在导出…", work, lambda _v: None, error_title="导出失败")
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=3000)
    [(kind, title, text)] = message_boxes
    assert (kind, title) == ("warning", "导出失败") and "磁盘空间不足" in text
    qtbot.wait(progress_module.SHOW_AFTER_MS + 200)
    assert not task.progress.was_shown  # closed before its timer fired


def test_on_error_replaces_the_default_wording(qtbot, parent, message_boxes):
    seen = []

    def work(_progress):
        raise ValueError("x")

    run_with_progress(parent, "…", work, lambda _v: None, error_title="t", on_error=seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert isinstance(seen[0], ValueError) and message_boxes == []


def test_background_writes_run_one_at_a_time(qtbot, parent):
    active, peak, done = [0], [0], []
    lock = threading.Lock()

    def work(_progress):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return True

    for _ in range(4):
        run_with_progress(parent, "…", work, done.append, error_title="t", writes=True)
    qtbot.waitUntil(lambda: len(done) == 4, timeout=5000)
    assert peak[0] == 1


def test_after_shut_down_running_work_is_cancelled_and_nothing_is_delivered(qtbot):
    from dangjian_desktop.gui import tasks

    calls: list[object] = []
    tasks.run_in_background(_slow_work(threading.Event()), calls.append, calls.append)
    try:
        assert tasks.shut_down(10_000)  # well before the work's own 5 s deadline
        tasks.run_in_background(lambda _progress: "late", calls.append, calls.append)
        qtbot.wait(100)  # an answer queued for the GUI thread would arrive now
        assert calls == []
        assert wait_for_tasks(1000)
    finally:
        tasks.reopen()
    tasks.run_in_background(lambda _progress: "again", calls.append, calls.append)
    qtbot.waitUntil(lambda: calls == ["again"], timeout=5000)
