"""工作台: what is due or overdue today, the year's counts and charts, the data file's
health; on an empty file, the first-run checklist.

Everything comes from one read, `read_state` (ws.dashboard.items, seconds on a 10,000-member
file), OFF the GUI thread: the window shows first, the page keeps what it shows while a new
read runs, and only what changed is redrawn. A read asked for while one runs is done once,
after it; its answer replaces the older one's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.dashboard import (
    DueItem,
    DueKind,
    Severity,
    health_items,
    sorted_items,
)
from dangjian_desktop.domain.meetings import MeetingFilter
from dangjian_desktop.gui.errors import handle_exception
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.tasks import run_in_background
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.gui.views.dashboard.due_list import DueLine, DueListWidget, due_lines
from dangjian_desktop.gui.views.dashboard.figures import ChartsBox, FiguresBox
from dangjian_desktop.gui.views.dashboard.first_run import FirstRunBox, FirstRunState
from dangjian_desktop.gui.views.dashboard.health import HealthBox
from dangjian_desktop.messages import error_text
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services.dashboard_service import DashboardItems
from dangjian_desktop.storage.database import IntegrityReport


@dataclass(frozen=True)
class DashboardState:
    items: DashboardItems
    first_run: FirstRunState
    lines: tuple[DueLine, ...] = ()  # the due list's top-level lines, prepared
    overdue: int = 0
    unchanged: bool = False  # the due items equal those shown when the read started


def read_state(
    ws: Workspace, today: date | None = None, shown: tuple[DueItem, ...] | None = None
) -> DashboardState:
    """The 工作台's one read (run off the GUI thread): services only, and the Python work
    over every item (lines, counts, the comparison with what is shown) done here too."""
    items = ws.dashboard.items(today)
    day = items.today
    quarter = (day.month - 1) // 3 + 1
    first_run = FirstRunState(
        branch_named=bool(ws.branch.profile().full_name.strip()),
        members=items.figures.members,
        meetings_this_quarter=ws.meetings.count(MeetingFilter(year=day.year, quarter=quarter)),
    )
    return DashboardState(
        items,
        first_run,
        lines=due_lines(items.due),
        overdue=sum(i.severity is Severity.OVERDUE for i in items.due),
        unchanged=shown is not None and items.due == shown,
    )


class DashboardView(TabView):
    """The tab shown first: the main window builds it at start (the other tabs wait)."""

    # The 数据文件 box offers the way out of a failed check; the main window acts on it.
    repair_requested = Signal()
    restore_requested = Signal()
    # A due line was clicked: the RecordRef of the record it concerns.
    record_requested = Signal(object)
    # The first-run checklist: a step's button (first_run.BRANCH …), 打开示例数据.
    step_requested = Signal(str)
    demo_requested = Signal()

    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, events, parent)
        self.state: DashboardState | None = None
        self._reading = False
        self._again = False
        self._shown_at_read = None
        self._show_first_run: bool | None = None  # decided by the first read of the file
        self.reads = 0  # finished reads (tests wait on it)

    def build(self) -> None:
        self.first_run = FirstRunBox(self)
        self.first_run.hide()
        self.first_run.step_requested.connect(self.step_requested)
        self.first_run.demo_requested.connect(self.demo_requested)
        self.first_run.dismissed.connect(self._dismiss_first_run)

        self.due_list = DueListWidget(self)
        self.due_list.record_requested.connect(self.record_requested)
        self.status_label = QLabel(self.tr("正在统计待办事项…"), self)
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setWordWrap(True)
        todo = QGroupBox(self.tr("待办与提醒"), self)
        todo_layout = QVBoxLayout(todo)
        todo_layout.addWidget(self.status_label)
        todo_layout.addWidget(self.due_list, 1)

        self.figures = FiguresBox(self)
        self.health = HealthBox(self._ws, self)
        self.health.repair_requested.connect(self.repair_requested)
        self.health.restore_requested.connect(self.restore_requested)
        side = QVBoxLayout()
        side.addWidget(self.figures)
        side.addWidget(self.health)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(todo, 3)
        top.addLayout(side, 2)
        self.charts = ChartsBox(self)

        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.first_run)
        page_layout.addLayout(top)
        page_layout.addWidget(self.charts, 1)  # the list is as tall as its lines; charts grow
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # The 数据文件 box's parts, by their old names (the main window and tests use them).
    @property
    def check_label(self) -> QLabel:
        return self.health.check_label

    @property
    def repair_button(self):
        return self.health.repair_button

    @property
    def restore_button(self):
        return self.health.restore_button

    @property
    def backup_label(self) -> QLabel:
        return self.health.backup_label

    @property
    def clock_label(self) -> QLabel:
        return self.health.clock_label

    def show_checking(self, started: bool = True) -> None:
        self.ensure_built()
        self.health.show_checking(started)

    def show_integrity(self, report: IntegrityReport, when=None) -> None:
        self.ensure_built()
        self.health.show_integrity(report, when)
        self._replace_health_items()  # the due list's 数据文件 line follows the verdict

    def show_check_failed(self, text: str) -> None:
        self.ensure_built()
        self.health.show_check_failed(text)

    # --- changes -------------------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        return (
            changes.branch
            or changes.members
            or changes.meetings
            or changes.venues
            or changes.settings
            or changes.backups
            or changes.data_file
        )

    def update_for(self, changes: Changes) -> None:
        if (
            changes.branch
            or changes.members
            or changes.meetings
            or changes.venues
            or changes.settings
            or changes.data_file
        ):
            self.refresh()
        else:  # a backup was taken: only the backup lines change, no need to read again
            self.health.show_backup()
            self._replace_health_items()

    def refresh(self) -> None:
        self.health.refresh()
        self.read()

    # --- the read ------------------------------------------------------------------------
    def read(self) -> None:
        """Read in the background; a request during a read makes one more read after it."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        self._again = False
        if self.state is not None:
            self.status_label.setText(self.tr("正在更新…"))
        ws = self._ws
        shown = self.due_list.items() if self.state is not None else None
        self._shown_at_read = shown

        def work(_progress):
            return read_state(ws, shown=shown)

        run_in_background(work, self._read_done, self._read_failed)

    def _read_done(self, state: DashboardState) -> None:
        if not shiboken6.isValid(self):
            return
        self._reading = False
        if self._again:  # the data changed while reading: this answer may be stale
            self.read()
            return
        self.reads += 1
        self.show_state(state)

    def _read_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._reading = False
        if self._again:
            self.read()
            return
        text = error_text(exc)
        if text is None:  # a bug: logged, with the short apology
            handle_exception(type(exc), exc, exc.__traceback__)
            text = self.tr("内部错误")
        self.status_label.setText(self.tr("未能统计待办事项：{reason}").format(reason=text))
        self.status_label.show()

    def show_state(self, state: DashboardState) -> None:
        self.state = state
        items = state.items
        prepared = state.lines if items.due and state.lines else None
        # Compared off this thread with what was shown when the read began: still valid
        # if the list has not been replaced since (a backup line, say).
        same = state.unchanged and self.due_list.items() is self._shown_at_read
        self.due_list.set_items(
            items.due, prepared, unchanged=same if prepared is not None else None
        )
        self._show_status(state.overdue if prepared is not None else None)
        self.figures.set_figures(items.figures)
        self.charts.set_series(items.charts)
        if self._show_first_run is None:
            self._show_first_run = state.first_run.empty
        self.first_run.set_state(state.first_run)
        self.first_run.setVisible(bool(self._show_first_run))

    def _show_status(self, overdue: int | None = None) -> None:
        due = self.due_list.items()
        if overdue is None:
            overdue = sum(i.severity is Severity.OVERDUE for i in due)
        day = self.state.items.today if self.state else date.today()
        if not due:
            text = self.tr("{d}：暂无待办事项。").format(d=day)
        else:
            text = self.tr("{d}：{n} 项待办，其中 {k} 项已超期。单击一行打开相关记录。").format(
                d=day, n=len(due), k=overdue
            )
        self.status_label.setText(text)

    def _replace_health_items(self) -> None:
        """Backup and data-file lines from the workspace now, without reading again."""
        if self.state is None:
            return
        items = self.state.items
        health = health_items(self._ws.file_health(), items.today)
        own = (DueKind.BACKUP, DueKind.DATA_FILE)
        if health == [i for i in items.due if i.kind in own]:
            return  # the usual backup: nothing on the list changes (no work over every item)
        kept = tuple(i for i in items.due if i.kind not in own)
        due = tuple(sorted_items(kept + tuple(health)))
        self.state = replace(self.state, items=replace(items, due=due))
        self.due_list.set_items(due)
        self._show_status()

    def _dismiss_first_run(self) -> None:
        self._show_first_run = False
        self.first_run.hide()
