"""`dangjian --demo`: the window on a temporary copy of the sample branch, marked as such."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QLabel

from dangjian_desktop import app
from dangjian_desktop.demo import build_demo, crew
from dangjian_desktop.domain.people import MemberFilter, MemberSort
from dangjian_desktop.gui import main_window
from dangjian_desktop.gui.dialogs import member_dialog as form
from dangjian_desktop.services import Workspace

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory):
    # Built for the real today: the window's services read the clock too.
    return build_demo(tmp_path_factory.mktemp("demo") / "示例.sqlite").path


@pytest.fixture
def keep_root_logging():
    """app.main logs into the temporary folder; take that handler off again afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_demo_opens_a_marked_window_on_a_copy_that_is_deleted_on_exit(
    qapp, monkeypatch, capsys, keep_root_logging
):
    seen = {}

    class RecordingWindow(main_window.MainWindow):
        def show(self):
            super().show()
            seen["title"] = self.windowTitle()
            seen["notice"] = [w.text() for w in self.findChildren(QLabel, "demoNotice")]
            seen["path"] = self._ws.path
            self.tabs.setCurrentWidget(self.members_view)  # built when first shown
            seen["members"] = self.members_view.model.rowCount()

    monkeypatch.setattr(main_window, "MainWindow", RecordingWindow)
    assert app.main(["--demo", "--smoke"]) == 0
    assert "smoke: main window shown" in capsys.readouterr().out
    assert "示例数据" in seen["title"]
    assert seen["notice"] == ["示例数据：关闭窗口后删除，请勿录入真实信息"]
    assert seen["members"] == 30
    assert seen["path"].name == "示例数据.sqlite"
    assert not seen["path"].parent.exists(), "the temporary copy was left behind"


def test_demo_with_db_is_refused_with_exit_2(tmp_path, capsys):
    target = tmp_path / "real.sqlite"
    # --smoke: were the refusal missing, the window would open and exit, not block the run.
    assert app.main(["--demo", "--db", str(target), "--smoke"]) == 2
    assert "--demo 不能与 --db 同时使用" in capsys.readouterr().err
    assert not target.exists()


def test_the_sample_fills_the_first_three_tabs(qtbot, sample_path):
    ws = Workspace.open(sample_path)
    try:
        window = main_window.MainWindow(ws)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        home = window.dashboard_view
        qtbot.waitUntil(lambda: home.reads >= 1, timeout=20_000)  # read off the GUI thread
        lines = home.due_list.lines()
        assert any(f"预备党员 {crew.PROBATION_DUE} 将于" in line for line in lines)
        assert any(f"党员 {crew.LOST} 失去联系" in line for line in lines)
        assert not any(line.startswith("换届") for line in lines)  # the term runs on
        # A full 工作台: reminders, the year's counts and three charts drawn from data.
        assert "共 30 人" in home.figures.members_label.text()
        assert all(not c.chart().is_empty for c in home.charts.charts())
        assert not home.first_run.isVisible()  # the checklist is for an empty file only
        branch = window.branch_view
        window.tabs.setCurrentWidget(branch)
        assert branch.full_name.text() == crew.BRANCH_NAME
        assert len(branch.committee.rows()) == 5 and len(branch.groups.rows()) == 3
        window.tabs.setCurrentWidget(window.members_view)
        assert window.members_view.model.rowCount() == 30
        window.close()
    finally:
        ws.close(final_backup=False)


def test_every_choice_in_the_sample_is_one_the_member_form_offers(sample_path):
    """A value outside the form's lists would show as odd free text in the combo boxes."""
    ws = Workspace.open(sample_path)
    try:
        everyone = MemberFilter(statuses=(), include_deleted=True)
        members = ws.members.rows(ws.members.ids(everyone, MemberSort())).values()
    finally:
        ws.close(final_backup=False)
    for member in members:
        assert member.education in form.EDUCATIONS, member.name
        assert member.degree in form.DEGREES, member.name
        assert member.person_category in form.PERSON_CATEGORIES, member.name
        assert member.ethnicity in form.ETHNICITIES, member.name
