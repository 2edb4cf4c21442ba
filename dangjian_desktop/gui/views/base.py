"""The base of every tab: built when first shown, refreshed from the changes it wants, asked
about unsaved edits by the main window (Vorta's BaseTab; code-review C7).

A tab overrides the hooks it needs:

    class MeetingsView(TabView):
        def build(self):                 # widgets only, once, when the tab is first shown
            self.model = IdListTableModel(self._ws.meetings, COLUMNS, MeetingFilter(), SORT)
            ...
        def wants(self, changes):        # which published changes concern it
            return changes.meetings or changes.members or changes.data_file
        def refresh(self):               # re-read from the services (after build, too)
            self.model.refresh()
        def is_dirty(self): ...          # unsaved edits (a meeting draft), save(), discard()

and the main window adds it with one line:

    self.meetings_view = self._add_tab(MeetingsView(ws, self.events, self), self.tr("会议"))

Start-up builds only the tab shown first (DESIGN.md §5: start-up must not grow as tabs
land). A tab not built yet ignores every change: it reads everything when it is first shown.
Connections to longer-lived objects (the app's events) made with `track()` are disconnected
when the tab is destroyed, so no slot runs on a deleted widget.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLayout, QMessageBox, QWidget

from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.services import Changes, Workspace


class TabView(QWidget):
    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._events = events
        self._built = False
        self._connections: list[tuple[object, Callable]] = []
        connections = self._connections  # the slot below must not hold the dying widget
        self.destroyed.connect(lambda *_: _disconnect_all(connections))
        self.track(events.changed, self._dispatch_changes)

    # --- the hooks a tab overrides -------------------------------------------------------
    def build(self) -> None:
        """Create the widgets. Runs once, when the tab is first shown; refresh() follows."""

    def wants(self, changes: Changes) -> bool:
        """True when this published change concerns what the tab shows."""
        return False

    def refresh(self) -> None:
        """Read what the tab shows from the services again."""

    def update_for(self, changes: Changes) -> None:
        """A change the tab wants, once built; refresh() unless the tab can do less."""
        self.refresh()

    def is_dirty(self) -> bool:
        """Edits not saved yet (asked before closing the window or restoring a backup)."""
        return False

    def save(self) -> bool:
        """Save the edits (编辑 → 保存, Ctrl+S); False when refused (errors shown)."""
        return True

    def discard(self) -> None:
        """Drop the edits and show what is stored."""
        if self._built:
            self.refresh()

    # --- building when first shown -------------------------------------------------------
    @property
    def is_built(self) -> bool:
        return self._built

    def ensure_built(self) -> None:
        """Build and fill the tab now if that has not happened yet."""
        if self._built:
            return
        self._built = True
        self.build()
        self.refresh()
        # Filling hidden widgets can change their size hints without telling the layouts
        # that measured them while being built (a date field's clear button): measure them
        # again now that they hold data, as a tab built before the window showed would be.
        for widget in self.findChildren(QWidget):
            widget.updateGeometry()
        for layout in self.findChildren(QLayout):
            layout.invalidate()

    def setVisible(self, visible: bool) -> None:
        """A tab page is shown (QStackedLayout shows the page a tab switch brings up): built
        first, while still hidden, so Qt shows and lays out its widgets the usual way."""
        if visible:
            self.ensure_built()
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown together with its parent rather than by setVisible() (a tab that is not
        in a tab widget): built here; Qt shows the children a shown widget gains."""
        self.ensure_built()
        super().showEvent(event)

    # --- connections ---------------------------------------------------------------------
    def track(self, signal, slot: Callable) -> None:
        """Connect `slot` to a signal of a longer-lived object; disconnected when this tab
        is destroyed (Vorta's track_signal_connection)."""
        signal.connect(slot)
        self._connections.append((signal, slot))

    def _dispatch_changes(self, changes: Changes) -> None:
        if self._built and self.wants(changes):
            self.update_for(changes)


def _disconnect_all(connections: list[tuple[object, Callable]]) -> None:
    for signal, slot in connections:
        owner = getattr(slot, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            continue  # a method of a deleted QObject: Qt has cut that connection itself
        with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError):
            warnings.simplefilter("ignore")  # "Failed to disconnect": its sender went first
            signal.disconnect(slot)
    connections.clear()


def confirm_discard(parent: QWidget, title: str) -> QMessageBox.StandardButton:
    """Ask what to do with a tab's unsaved edits: 保存 / 放弃 / 取消."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        parent.tr("未保存的修改"),
        parent.tr("{title}有未保存的修改，是否保存？").format(title=title),
        parent=parent,
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())
