"""会议 tab: the meetings list (filters, search, life-cycle actions) and the year's
compliance calendar (年度落实情况), as two pages of one tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.meetings import (
    MeetingFilter,
    MeetingRow,
    MeetingSort,
    MeetingStatus,
    MeetingType,
)
from dangjian_desktop.export.labels import MEETING_STATUS, MEETING_TYPE
from dangjian_desktop.gui.dialogs import settings_dialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.models.id_list_model import IdListTableModel
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.gui.views.meetings.columns import meeting_columns
from dangjian_desktop.gui.widgets.id_list_table import id_list_table
from dangjian_desktop.services import Changes, Workspace

SEARCH_MAX_LENGTH = 100
YEARS_BACK = 6  # the year filter offers this many years before the current one

SETTINGS_TITLE = "会议频次与主题党日"

# The form, the planning dialog, the calendar and the settings page are imported when first
# used, not with the main window: start-up does not grow with this tab.


def _rules_page(workspace, parent):
    from dangjian_desktop.gui.dialogs.meeting_settings_page import MeetingRulesPage

    return MeetingRulesPage(workspace, parent)


settings_dialog.register_page(SETTINGS_TITLE, _rules_page)  # 设置 → 会议频次与主题党日


class MeetingsView(TabView):
    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, events, parent)
        self._today = date.today

    # --- building -------------------------------------------------------------------------
    def build(self) -> None:
        from dangjian_desktop.gui.views.meetings.calendar_view import CalendarView

        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.list_page = QWidget(self.pages)
        self.calendar = CalendarView(self._ws, self.pages)
        self.calendar.open_requested.connect(self.open_meeting)
        self.pages.addTab(self.list_page, self.tr("会议记录"))
        self.pages.addTab(self.calendar, self.tr("年度落实情况"))
        self.pages.currentChanged.connect(self._page_shown)

        self.model = IdListTableModel(
            self._ws.meetings,
            meeting_columns(),
            MeetingFilter(),
            MeetingSort(),
            context=self._ws.members.group_names,
            parent=self,
        )
        self.search = QLineEdit(self.list_page)
        self.search.setPlaceholderText(self.tr("搜索：会议主题或第一议题"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(SEARCH_MAX_LENGTH)
        self.year = QComboBox(self.list_page)
        self.year.addItem(self.tr("全部年份"), None)
        this_year = self._today().year
        for year in range(this_year + 1, this_year - YEARS_BACK - 1, -1):
            self.year.addItem(self.tr("{year}年").format(year=year), year)
        self.year.setCurrentIndex(self.year.findData(this_year))
        self.type = QComboBox(self.list_page)
        self.type.addItem(self.tr("全部类型"), None)
        for value, label in MEETING_TYPE.items():
            self.type.addItem(self.tr(label), value.value)
        self.status = QComboBox(self.list_page)
        self.status.addItem(self.tr("全部状态"), None)
        for value, label in MEETING_STATUS.items():
            self.status.addItem(self.tr(label), value.value)
        self.group = QComboBox(self.list_page)
        self.deleted = QCheckBox(self.tr("回收站"), self.list_page)
        self.deleted.setToolTip(self.tr("显示已删除的会议记录，可从这里恢复"))
        self.count_label = QLabel(self.list_page)

        self.table = id_list_table(self.model, self.list_page, multi_select=False)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)

        self.add_button = QPushButton(self.tr("新建会议"), self.list_page)
        self.plan_button = QPushButton(self.tr("季度计划…"), self.list_page)
        self.open_button = QPushButton(self.tr("打开"), self.list_page)
        self.hold_button = QPushButton(self.tr("标记为已召开"), self.list_page)
        self.archive_button = QPushButton(self.tr("归档"), self.list_page)
        self.reopen_button = QPushButton(self.tr("重新打开…"), self.list_page)
        self.delete_button = QPushButton(self.tr("删除"), self.list_page)
        self.restore_button = QPushButton(self.tr("恢复"), self.list_page)
        self.add_button.clicked.connect(self.add_meeting)
        self.plan_button.clicked.connect(self.plan_quarter)
        self.open_button.clicked.connect(self.open_selected)
        self.hold_button.clicked.connect(self.hold_selected)
        self.archive_button.clicked.connect(self.archive_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.year, self.type, self.status, self.group):
            filters.addWidget(combo, 1)
        filters.addWidget(self.deleted)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.plan_button,
            self.open_button,
            self.hold_button,
            self.archive_button,
            self.reopen_button,
            self.delete_button,
            self.restore_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        page = QVBoxLayout(self.list_page)
        page.addLayout(filters)
        page.addWidget(self.table, 1)
        page.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.year, self.type, self.status, self.group):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.deleted.toggled.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    def _fill_groups(self) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("全部党小组"), None)
        for group_id, name in self._ws.members.group_names().items():
            self.group.addItem(name, group_id)
        self.group.setCurrentIndex(max(self.group.findData(current), 0))
        self.group.blockSignals(False)

    # --- TabView hooks --------------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        return changes.meetings or changes.members or changes.branch or changes.data_file

    def refresh(self) -> None:
        self._fill_groups()
        self.model.refresh()
        self._update_buttons()
        if self.pages.currentWidget() is self.calendar:
            self.calendar.refresh()
        else:
            self.calendar.mark_stale()

    def _page_shown(self, _index: int) -> None:
        if self.pages.currentWidget() is self.calendar:
            self.calendar.ensure_fresh()

    # --- filtering ------------------------------------------------------------------------
    def current_filter(self) -> MeetingFilter:
        kind = self.type.currentData()
        status = self.status.currentData()
        return MeetingFilter(
            year=self.year.currentData(),
            types=(MeetingType(kind),) if kind else (),
            statuses=(MeetingStatus(status),) if status else (),
            party_group_id=self.group.currentData(),
            text=self.search.text().strip(),
            only_deleted=self.deleted.isChecked(),
        )

    def apply_filter(self, *_args) -> None:
        self.model.set_filter(self.current_filter())
        self._update_buttons()

    # --- selection ------------------------------------------------------------------------
    def selected_row(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select_meeting(self, meeting_id: int) -> None:
        row = self.model.row_of(meeting_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _update_buttons(self, *_args) -> None:
        row = self.selected_row()
        in_bin = self.deleted.isChecked()
        status = row.status if row is not None else None
        live = row is not None and not in_bin
        self.open_button.setEnabled(live)
        self.hold_button.setEnabled(live and status is MeetingStatus.PLANNED)
        self.archive_button.setEnabled(live and status is MeetingStatus.HELD)
        self.reopen_button.setEnabled(live and status is MeetingStatus.ARCHIVED)
        self.delete_button.setEnabled(live and status is not MeetingStatus.ARCHIVED)
        self.delete_button.setVisible(not in_bin)
        self.restore_button.setVisible(in_bin)
        self.restore_button.setEnabled(row is not None and in_bin)
        for button in (self.add_button, self.plan_button):
            button.setEnabled(not in_bin)
        self.count_label.setText(self.tr("共 {n} 次会议").format(n=self.model.rowCount()))

    # --- actions --------------------------------------------------------------------------
    def add_meeting(self) -> None:
        from dangjian_desktop.gui.dialogs.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self._ws, self._events, None, self)
        if dialog.exec() == MeetingDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.select_meeting(dialog.saved_id)

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None and not self.deleted.isChecked():
            self.open_meeting(row.id)

    def open_meeting(self, meeting_id: int) -> None:
        """Open a record (from the list, the calendar or the 工作台)."""
        from dangjian_desktop.gui.dialogs.meeting_dialog import MeetingDialog

        self.pages.setCurrentWidget(self.list_page)
        dialog = MeetingDialog(self._ws, self._events, meeting_id, self)
        dialog.exec()
        self.select_meeting(meeting_id)

    def show_calendar(self) -> None:
        self.ensure_built()
        self.pages.setCurrentWidget(self.calendar)

    def show_calendar_cell(self, rule, party_group_id: int | None, start) -> None:
        """The compliance calendar with the cell of that rule and period selected."""
        self.show_calendar()
        self.calendar.show_cell(rule, party_group_id, start)

    def plan_quarter(self) -> None:
        from dangjian_desktop.gui.dialogs.quarter_plan_dialog import QuarterPlanDialog

        dialog = QuarterPlanDialog(self._ws, self._events, self)
        dialog.exec()

    def hold_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            run_op(
                self,
                self._events,
                lambda: self._ws.meetings.hold(row.id),
                title=self.tr("无法标记为已召开"),
            )

    def archive_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("归档会议记录"),
            self.tr("归档后记录只读，如需修改须说明原因重新打开。确定归档“{topic}”吗？").format(
                topic=row.topic
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_op(
                self,
                self._events,
                lambda: self._ws.meetings.archive(row.id),
                title=self.tr("无法归档"),
            )

    def reopen_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            from dangjian_desktop.gui.dialogs.meeting_dialog import reopen_meeting

            reopen_meeting(self, self._ws, self._events, row.id)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除会议记录"),
            self.tr("确定删除“{topic}”吗？\n删除后可在“回收站”中恢复。").format(topic=row.topic),
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_op(
                self,
                self._events,
                lambda: self._ws.meetings.delete(row.id),
                title=self.tr("删除失败"),
            )

    def restore_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            run_op(
                self,
                self._events,
                lambda: self._ws.meetings.restore(row.id),
                title=self.tr("无法恢复"),
            )
