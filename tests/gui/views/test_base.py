"""TabView: a tab is built and refreshed when first shown, refreshed only by the changes it
wants, asked about unsaved edits by the window like every other tab, and its tracked
connections die with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout

from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.main_window import MainWindow
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.services import Changes
from tests.gui.keyboard import offscreen_window_warnings

pytestmark = pytest.mark.gui


class RecordingTab(TabView):
    """Wants meetings only; records what the base asked of it."""

    def __init__(self, ws, events, parent=None) -> None:
        super().__init__(ws, events, parent)
        self.calls: list[str] = []
        self.dirty = False

    def build(self) -> None:
        self.calls.append("build")
        self.label = QLabel("会议", self)
        QVBoxLayout(self).addWidget(self.label)

    def wants(self, changes: Changes) -> bool:
        return changes.meetings

    def refresh(self) -> None:
        self.calls.append("refresh")

    def is_dirty(self) -> bool:
        return self.dirty

    def save(self) -> bool:
        self.calls.append("save")
        self.dirty = False
        return True

    def discard(self) -> None:
        self.calls.append("discard")
        self.dirty = False


@pytest.fixture
def events():
    return AppEvents()


@pytest.fixture
def tabs(qtbot, events):
    widget = QTabWidget()
    qtbot.addWidget(widget)
    first, second = RecordingTab(None, events), RecordingTab(None, events)
    widget.addTab(first, "工作台")
    widget.addTab(second, "会议")
    widget.show()
    qtbot.waitExposed(widget)
    return widget, first, second


def test_a_tab_is_built_and_refreshed_only_when_first_shown(tabs):
    widget, first, second = tabs
    assert first.calls == ["build", "refresh"]  # shown with the window
    assert second.calls == [] and not second.is_built
    widget.setCurrentWidget(second)
    assert second.calls == ["build", "refresh"]
    assert second.label.isVisible()  # built while shown: its widgets show at once
    widget.setCurrentWidget(first)
    widget.setCurrentWidget(second)
    assert second.calls == ["build", "refresh"]  # once


@offscreen_window_warnings  # the shown window's size hints change as the tab is built
def test_a_tab_shown_with_its_parent_is_built_then_too(qtbot, events):
    """Not in a tab widget (its parent shows it, setVisible is not called): still built,
    its widgets shown and laid out."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    tab = RecordingTab(None, events, parent)
    QVBoxLayout(parent).addWidget(tab)
    assert tab.calls == []
    parent.show()
    assert tab.calls == ["build", "refresh"]
    assert tab.label.isVisible()  # at once, not an event loop turn later
    qtbot.waitExposed(parent)
    qtbot.waitUntil(lambda: tab.label.width() > 0, timeout=2000)


def test_a_change_it_does_not_want_does_not_refresh_it(tabs, events):
    widget, first, second = tabs
    events.publish(Changes(members=True, backups=True))
    assert first.calls == ["build", "refresh"]
    events.publish(Changes(meetings=True))
    assert first.calls == ["build", "refresh", "refresh"]
    assert second.calls == []  # not built: it reads everything when first shown
    widget.setCurrentWidget(second)
    assert second.calls == ["build", "refresh"]


def _destroy(widget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_tracked_connections_are_cut_when_the_tab_is_destroyed(qtbot, events):
    tracked, untracked = [], []
    tab = RecordingTab(None, events)
    tab.track(events.changed, tracked.append)
    events.changed.connect(untracked.append)  # the control: no tracking
    _destroy(tab)
    events.publish(Changes(meetings=True))
    assert tracked == []
    assert untracked == [Changes(meetings=True)]  # what tracking prevents
    events.changed.disconnect(untracked.append)


# --- the main window -----------------------------------------------------------------------------
class CountingMembers:
    """The workspace's member service, counting the roster and reminder queries."""

    def __init__(self, service) -> None:
        self._service = service
        self.ids_calls = 0
        self.reminder_calls = 0

    def __getattr__(self, name):
        return getattr(self._service, name)

    def ids(self, flt, sort):
        self.ids_calls += 1
        return self._service.ids(flt, sort)

    def reminders(self, today=None):
        self.reminder_calls += 1
        return self._service.reminders(today)


@pytest.fixture
def counted(gui_workspace, monkeypatch):
    members = CountingMembers(gui_workspace.members)
    monkeypatch.setattr(gui_workspace, "members", members)
    real = gui_workspace.dashboard.items

    def items(today=None):  # the 工作台's one read (off the GUI thread)
        members.reminder_calls += 1
        return real(today)

    monkeypatch.setattr(gui_workspace.dashboard, "items", items)
    return members


def test_start_up_builds_the_dashboard_only(qtbot, gui_workspace, counted):
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert [v.is_built for v in window.tab_views()] == [True, False, False, False, False, False]
    qtbot.waitUntil(lambda: window.dashboard_view.reads == 1)
    assert counted.ids_calls == 0 and counted.reminder_calls == 1
    window.tabs.setCurrentWidget(window.members_view)
    assert window.members_view.is_built and counted.ids_calls == 1
    assert window.members_view.table.isVisible()


def test_the_dashboard_refreshes_only_for_changes_it_shows(qtbot, gui_workspace, counted):
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.dashboard_view.reads == 1)
    before = counted.reminder_calls
    window.events.publish(Changes(backups=True))  # the backup line only
    window.events.publish(Changes(scores=True))  # not on the 工作台
    qtbot.wait(50)
    assert counted.reminder_calls == before
    window.events.publish(Changes(members=True))
    qtbot.waitUntil(lambda: window.dashboard_view.reads == 2)
    assert counted.reminder_calls == before + 1


def test_unsaved_edits_of_any_tab_are_asked_about_and_saved_by_the_window(
    qtbot, gui_workspace, monkeypatch
):
    from dangjian_desktop.gui import main_window as module

    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    draft = window._add_tab(RecordingTab(gui_workspace, window.events, window), "会议草稿")
    window.tabs.setCurrentWidget(draft)
    draft.dirty = True
    asked = []

    def answer(button):
        def confirm(parent, title):
            asked.append(title)
            return button

        return confirm

    monkeypatch.setattr(module, "confirm_discard", answer(QMessageBox.StandardButton.Cancel))
    assert not window._resolve_unsaved() and asked == ["会议草稿"]
    monkeypatch.setattr(module, "confirm_discard", answer(QMessageBox.StandardButton.Save))
    assert window._resolve_unsaved() and draft.calls[-1] == "save"
    draft.dirty = True
    monkeypatch.setattr(module, "confirm_discard", answer(QMessageBox.StandardButton.Discard))
    assert window._resolve_unsaved() and draft.calls[-1] == "discard"
    assert not draft.is_dirty()

    draft.calls.clear()
    window.save_action.trigger()  # Ctrl+S saves the tab in front
    assert draft.calls == ["save"]


def test_a_tab_built_late_lays_out_its_filled_widgets_at_their_size(qtbot, gui_workspace):
    """A date field holding a date is wider (its clear button shows): built when first shown,
    the 支部信息 tab must still give it that width, as when it was built before the window."""
    from datetime import date

    from dangjian_desktop.domain.branch import BranchProfile

    gui_workspace.branch.save_profile(
        BranchProfile(full_name="中共某支部", founded_on=date(2019, 10, 2))
    )
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.branch_view)
    field = window.branch_view.founded_on
    qtbot.waitUntil(lambda: field.width() > 0)
    qtbot.wait(10)
    assert field.text() == "2019-10-02"
    assert field.width() == field.sizeHint().width()
