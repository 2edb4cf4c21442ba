"""GUI tests: offscreen Qt, settings in a temp folder, dialogs stubbed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

from dangjian_desktop.gui.application import (
    APPLICATION,
    ORGANIZATION,
    STYLE_SHEET,
    install_chinese,
)
from dangjian_desktop.gui.fonts import load_app_font
from dangjian_desktop.services import Workspace


@pytest.fixture(scope="session", autouse=True)
def _app_setup(qapp, tmp_path_factory):
    qapp.setOrganizationName(ORGANIZATION)
    qapp.setApplicationName(APPLICATION)
    settings_dir = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    install_chinese(qapp)  # as create_application does: the window is always Chinese
    load_app_font(qapp)
    qapp.setStyleSheet(STYLE_SHEET)
    return qapp


@pytest.fixture(autouse=True)
def _background_work_runs():
    """app.main ends by shutting background work down for good (gui/tasks.shut_down); a
    test that runs app.main in this process must not leave the next test without it."""
    from dangjian_desktop.gui import tasks

    tasks.reopen()
    yield
    tasks.reopen()


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """No modal dialog may block a test: every message box is recorded and answered.

    Tests read `message_boxes` to check what the user would have been told."""
    from PySide6.QtWidgets import QMessageBox

    from dangjian_desktop.gui import main_window

    shown: list[tuple[str, str, str]] = []

    def record(kind, answer):
        def show(_parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(
        QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok)
    )
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "about", record("about", None))
    monkeypatch.setattr(
        main_window, "confirm_discard", lambda parent, title: QMessageBox.StandardButton.Discard
    )
    return shown


class FileDialogs:
    """Stands in for QFileDialog's static functions (Vorta's MockFileDialog): each dialog
    takes the next queued answer, or is cancelled when none is queued, and records what it
    asked. `file_dialogs.answer(path)` before the action; `file_dialogs.asked` after."""

    def __init__(self) -> None:
        self.answers: list[object] = []
        self.asked: list[tuple[str, str]] = []  # (which dialog, its caption)

    def answer(self, *paths) -> None:
        """Queue answers, in order; "" is the user pressing 取消."""
        self.answers.extend(paths)

    def _next(self, kind: str, caption: str) -> str:
        self.asked.append((kind, caption))
        return str(self.answers.pop(0)) if self.answers else ""

    def stub(self, kind: str):
        def ask(_parent=None, caption="", _directory="", filter="", *args, **kwargs):
            if kind == "getExistingDirectory":
                return self._next(kind, caption)
            if kind == "getOpenFileNames":
                path = self._next(kind, caption)
                return ([path] if path else [], filter)
            return (self._next(kind, caption), filter)

        return ask


@pytest.fixture(autouse=True)
def file_dialogs(monkeypatch):
    """No file dialog may block a test: each one takes a queued answer (else 取消)."""
    from PySide6.QtWidgets import QFileDialog

    dialogs = FileDialogs()
    for kind in ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, kind, dialogs.stub(kind))
    return dialogs


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "dangjian.sqlite"


@pytest.fixture
def gui_workspace(db_path):
    from dangjian_desktop.gui.tasks import wait_for_tasks

    ws = Workspace.open(db_path)
    yield ws
    wait_for_tasks()  # a tab still reading in the background (the 工作台's reminders)
    ws.close(final_backup=False)


@pytest.fixture
def main_window(qtbot, gui_workspace):
    from dangjian_desktop.gui.main_window import MainWindow

    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.branch_view)  # most tests edit the profile
    return window


@pytest.fixture
def branch(gui_workspace):
    """The sample branch of the service tests (meeting_data.make_branch: groups, venues,
    members, committee) in the window's workspace — what the 会议, 积分, 阵地 and 工作台
    tests build on."""
    from tests.unit.services.meeting_data import make_branch

    return make_branch(gui_workspace)


def type_text(widget, text: str) -> None:
    """Type text as key events, like an input method commits it.

    QTest.keyClicks only knows ASCII keys (it aborts on 汉字), so each character is sent as a
    key press carrying the character as its text, which is what editors insert."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


@pytest.fixture
def previews(monkeypatch):
    """Stands in for the print preview's exec: builds its pages, records their count."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    seen: list[int] = []

    def exec_(dialog):
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        seen.append(widget.pageCount())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    return seen
