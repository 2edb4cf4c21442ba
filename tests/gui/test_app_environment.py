"""The program started the way users and the system start it: without a desktop, and
stopped by a signal (logout, a closed terminal, Ctrl+C)."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(extra)
    return env


def test_without_a_desktop_one_chinese_line_and_a_failure_exit(tmp_path):
    db = tmp_path / "d.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "dangjian_desktop", "--db", str(db)],
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "需要图形桌面" in lines[0] and "X11/Wayland" in lines[0]
    assert "xcb" not in result.stderr and result.stdout == ""
    assert not db.exists()  # nothing was created on the way out
    # --smoke offscreen with no desktop is test_app.py's smoke test; the rule, unit/test_app.py


# The real program on a real data file, with two additions for the test: a change to the data
# (so an exit backup is due) and "ready" printed once the event loop runs.
DRIVER = """
import sys
from PySide6.QtCore import QTimer
from dangjian_desktop import app
from dangjian_desktop.domain.branch import BranchProfile
from dangjian_desktop.gui import main_window

unsaved = sys.argv[2] == "unsaved"
asking = main_window.confirm_discard


def confirm_discard(parent, title):
    print("asking", flush=True)
    return asking(parent, title)  # the real question box, modal


class Window(main_window.MainWindow):
    def __init__(self, workspace, *args, **kwargs):
        super().__init__(workspace, *args, **kwargs)
        self.events.publish(workspace.branch.save_profile(BranchProfile(full_name="中共某支部")))
        if unsaved:  # an edit of 支部信息 not saved yet
            self.tabs.setCurrentWidget(self.branch_view)
            self.branch_view.full_name.setText("未保存的名称")
            self.branch_view._mark_dirty()
        QTimer.singleShot(0, lambda: print("ready", flush=True))


main_window.MainWindow = Window
main_window.confirm_discard = confirm_discard
sys.exit(app.main(["--db", sys.argv[1]]))
"""


def _start(db, mode: str = "saved") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(db), mode],
        env=_env(QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _wait_for_line(proc: subprocess.Popen, expected: str, timeout: float = 60) -> None:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, f"no {expected!r} within {timeout} s"
    line = proc.stdout.readline().strip()
    assert line == expected, (line, proc.poll(), proc.stderr.read() if proc.poll() else "")


def _exit_backups(db) -> list:
    folder = db.parent / "backups" / db.stem
    return sorted(folder.glob("backup-*-exit.sqlite")) if folder.exists() else []


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_quit_signal_closes_the_window_with_the_exit_backup(tmp_path, signum):
    db = tmp_path / "一号轮.sqlite"
    proc = _start(db)
    try:
        _wait_for_line(proc, "ready")
        assert _exit_backups(db) == []
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    [backup] = _exit_backups(db)
    with sqlite3.connect(backup) as conn:  # the backup holds the change made before the signal
        assert conn.execute("SELECT full_name FROM branch").fetchone() == ("中共某支部",)


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals")
def test_a_signal_asks_about_unsaved_edits_as_the_menu_does_and_a_second_one_closes(tmp_path):
    db = tmp_path / "一号轮.sqlite"
    proc = _start(db, "unsaved")
    try:
        _wait_for_line(proc, "ready")
        proc.send_signal(signal.SIGTERM)
        _wait_for_line(proc, "asking")  # 文件→退出 asks too: 保存 / 放弃 / 取消
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)  # nobody answers (a logout): the second one closes
        _out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    [backup] = _exit_backups(db)
    with sqlite3.connect(backup) as conn:  # the unsaved edit was not saved on anyone's behalf
        assert conn.execute("SELECT full_name FROM branch").fetchone() == ("中共某支部",)


# A read started as the window closes (a late signal asking the 工作台 to read again) and the
# QApplication deleted while it runs, as Python's teardown deletes it: the answer, delivered
# then, built a widget without an application and Qt aborted the program (seen in CI on
# SIGINT: "QWidget: Must construct a QApplication before a QWidget", exit code -6).
LATE_READ_DRIVER = """
import sys, time
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from dangjian_desktop import app
from dangjian_desktop.gui import main_window, tasks

class Window(main_window.MainWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        QTimer.singleShot(0, self.close)

    def closeEvent(self, event):
        super().closeEvent(event)
        tasks.run_in_background(
            lambda _progress: time.sleep(0.5) or "late", lambda v: QLabel(str(v)), print
        )

main_window.MainWindow = Window
rc = app.main(["--db", sys.argv[1]])
shiboken6.delete(QApplication.instance())
time.sleep(1.5)  # the read would have ended and answered by now
print("exit", rc, flush=True)
sys.exit(rc)
"""


def test_no_background_answer_arrives_after_the_event_loop_has_ended(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", LATE_READ_DRIVER, str(tmp_path / "d.sqlite")],
        env=_env(QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "exit 0"
    assert "QApplication" not in result.stderr
