"""阵地 tab: the branch's venues with their last score and open / overdue rectifications
(retired ones marked 已停用), the inspection history of the selected venue, and the
rectification list (全部 / 未整改 / 已逾期 / 已销号), as two pages of one tab.

The forms (inspection, rectification, template) and the export actions are imported when
first used, not with the main window: start-up does not grow with this tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.query import Sort
from dangjian_desktop.domain.venue_lists import (
    InspectionFilter,
    RectificationFilter,
    RectificationShow,
)
from dangjian_desktop.domain.venues import RectificationStatus
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.models.id_list_model import IdListTableModel
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.gui.views.venues.columns import (
    inspection_columns,
    rectification_columns,
    score_text,
)
from dangjian_desktop.gui.widgets.id_list_table import id_list_table
from dangjian_desktop.services import Changes, Workspace

SHOW_WORDS = (
    (RectificationShow.ALL, "全部"),
    (RectificationShow.OPEN, "未整改"),
    (RectificationShow.OVERDUE, "已逾期"),
    (RectificationShow.CLOSED, "已销号"),
)
VENUE_HEADERS = ("阵地", "地址", "检查次数", "最近检查", "最近得分", "未整改", "已逾期")
VENUE_WIDTHS = (170, 170, 64, 92, 64, 56, 56)
_RETIRED = QBrush(QColor("#777777"))
_OVERDUE = QBrush(QColor("#b3261e"))


def _enter_opens(table, slot) -> None:
    table.doubleClicked.connect(lambda _i: slot())
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)


class VenuesView(TabView):
    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, events, parent)
        self._actions = None
        self.summaries = []

    # --- building -------------------------------------------------------------------------
    def build(self) -> None:
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.venue_page = QWidget(self.pages)
        self.rect_page = QWidget(self.pages)
        self.pages.addTab(self.venue_page, self.tr("阵地与检查记录"))
        self.pages.addTab(self.rect_page, self.tr("整改"))

        # venues
        self.venues = QTableWidget(0, len(VENUE_HEADERS), self.venue_page)
        self.venues.setObjectName("venues")
        self.venues.setHorizontalHeaderLabels([self.tr(h) for h in VENUE_HEADERS])
        self.venues.verticalHeader().hide()
        self.venues.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.venues.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.venues.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for i, width in enumerate(VENUE_WIDTHS):
            self.venues.setColumnWidth(i, width)
        self.venues.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.venues.itemSelectionChanged.connect(self._venue_selected)

        # inspections of the selected venue
        self.model = IdListTableModel(
            self._ws.venues.inspection_list,
            inspection_columns(),
            InspectionFilter(venue_id=-1),
            Sort("inspected_on", descending=True),
            parent=self,
        )
        self.inspections = id_list_table(self.model, self.venue_page, multi_select=False)
        self.inspections.setObjectName("inspections")
        _enter_opens(self.inspections, self.open_selected)
        self.history_label = QLabel(self.venue_page)

        self.add_button = QPushButton(self.tr("新建检查"), self.venue_page)
        self.open_button = QPushButton(self.tr("打开"), self.venue_page)
        self.delete_button = QPushButton(self.tr("删除"), self.venue_page)
        self.report_button = QPushButton(self.tr("导出检查报告…"), self.venue_page)
        self.print_button = QPushButton(self.tr("打印检查报告…"), self.venue_page)
        self.summary_button = QPushButton(self.tr("年度汇总…"), self.venue_page)
        self.template_button = QPushButton(self.tr("检查表模板…"), self.venue_page)
        self.add_button.clicked.connect(self.add_inspection)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.report_button.clicked.connect(self.export_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.summary_button.clicked.connect(lambda: self.actions.export_summary())
        self.template_button.clicked.connect(self.edit_template)

        top = QWidget(self.venue_page)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel(self.tr("活动阵地（在“支部信息”中维护）"), top))
        top_layout.addWidget(self.venues)
        bottom = QWidget(self.venue_page)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.history_label)
        bottom_layout.addWidget(self.inspections)
        split = QSplitter(Qt.Orientation.Vertical, self.venue_page)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([200, 500])
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.open_button,
            self.delete_button,
            self.report_button,
            self.print_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary_button)
        buttons.addWidget(self.template_button)
        page = QVBoxLayout(self.venue_page)
        page.addWidget(split, 1)
        page.addLayout(buttons)

        # rectifications
        self.show_filter = QComboBox(self.rect_page)
        self.show_filter.setObjectName("show")
        for value, words in SHOW_WORDS:
            self.show_filter.addItem(self.tr(words), value.value)
        self.show_filter.setCurrentIndex(1)  # 未整改
        self.rect_venue = QComboBox(self.rect_page)
        self.rect_venue.setObjectName("rect_venue")
        self.rect_model = IdListTableModel(
            self._ws.venues.rectification_list,
            rectification_columns(),
            RectificationFilter(show=RectificationShow.OPEN),
            Sort("due_on"),
            parent=self,
        )
        self.rects = id_list_table(self.rect_model, self.rect_page, multi_select=False)
        self.rects.setObjectName("rectifications")
        _enter_opens(self.rects, self.edit_rectification)
        self.rect_count = QLabel(self.rect_page)
        self.edit_rect_button = QPushButton(self.tr("编辑…"), self.rect_page)
        self.close_rect_button = QPushButton(self.tr("销号…"), self.rect_page)
        self.reopen_rect_button = QPushButton(self.tr("重新打开…"), self.rect_page)
        self.edit_rect_button.clicked.connect(self.edit_rectification)
        self.close_rect_button.clicked.connect(self.close_rectification)
        self.reopen_rect_button.clicked.connect(self.reopen_rectification)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("显示"), self.rect_page))
        filters.addWidget(self.show_filter)
        filters.addWidget(QLabel(self.tr("阵地"), self.rect_page))
        filters.addWidget(self.rect_venue)
        filters.addStretch(1)
        rect_buttons = QHBoxLayout()
        for button in (self.edit_rect_button, self.close_rect_button, self.reopen_rect_button):
            rect_buttons.addWidget(button)
        rect_buttons.addStretch(1)
        rect_buttons.addWidget(self.rect_count)
        rect_layout = QVBoxLayout(self.rect_page)
        rect_layout.addLayout(filters)
        rect_layout.addWidget(self.rects, 1)
        rect_layout.addLayout(rect_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.show_filter.currentIndexChanged.connect(self.apply_rect_filter)
        self.rect_venue.currentIndexChanged.connect(self.apply_rect_filter)
        self.inspections.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.rects.selectionModel().selectionChanged.connect(self._update_buttons)
        self.rect_model.modelReset.connect(self._update_buttons)

    @property
    def actions(self):
        if self._actions is None:
            from dangjian_desktop.gui.venue_export_actions import VenueExportActions

            self._actions = VenueExportActions(self._ws, self)
        return self._actions

    # --- TabView hooks --------------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        return changes.venues or changes.members or changes.branch or changes.data_file

    def refresh(self) -> None:
        self._fill_venues()
        self.model.refresh()
        self.rect_model.refresh()
        self._update_buttons()

    def _fill_venues(self) -> None:
        current = self.selected_venue_id()
        self.summaries = self._ws.venues.venue_summaries()
        self.venues.blockSignals(True)
        self.venues.setRowCount(len(self.summaries))
        for row, s in enumerate(self.summaries):
            retired = s.retired_at is not None
            name = self.tr("{name}（已停用）").format(name=s.name) if retired else s.name
            values = (
                name,
                s.address,
                str(s.inspections),
                s.last_inspected_on.isoformat() if s.last_inspected_on else self.tr("未检查"),
                score_text(s.last_score),
                str(s.open_rectifications) if s.open_rectifications else "",
                str(s.overdue_rectifications) if s.overdue_rectifications else "",
            )
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, s.venue_id)
                if col >= 2:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if retired:
                    cell.setForeground(_RETIRED)
                elif col == 6 and s.overdue_rectifications:
                    cell.setForeground(_OVERDUE)
                self.venues.setItem(row, col, cell)
        self.venues.blockSignals(False)
        ids = [s.venue_id for s in self.summaries]
        if ids:
            self.venues.selectRow(ids.index(current) if current in ids else 0)
        self._venue_selected()
        chosen = self.rect_venue.currentData()
        self.rect_venue.blockSignals(True)
        self.rect_venue.clear()
        self.rect_venue.addItem(self.tr("全部阵地"), None)
        for s in self.summaries:
            self.rect_venue.addItem(s.name, s.venue_id)
        self.rect_venue.setCurrentIndex(max(self.rect_venue.findData(chosen), 0))
        self.rect_venue.blockSignals(False)

    # --- selection ------------------------------------------------------------------------
    def selected_venue_id(self) -> int | None:
        if not hasattr(self, "venues"):
            return None
        rows = self.venues.selectionModel().selectedRows()
        if not rows:
            return None
        return self.venues.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def selected_venue(self):
        venue_id = self.selected_venue_id()
        return next((s for s in self.summaries if s.venue_id == venue_id), None)

    def select_venue(self, venue_id: int) -> None:
        for row, s in enumerate(self.summaries):
            if s.venue_id == venue_id:
                self.venues.selectRow(row)

    def _venue_selected(self) -> None:
        venue = self.selected_venue()
        self.model.set_filter(InspectionFilter(venue_id=venue.venue_id if venue else -1))
        if venue is None:
            self.history_label.setText(self.tr("检查记录"))
        else:
            self.history_label.setText(
                self.tr("“{name}”的检查记录（{n} 次）").format(name=venue.name, n=venue.inspections)
            )
        self._update_buttons()

    def selected_inspection_id(self) -> int | None:
        rows = self.inspections.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_inspection(self, inspection_id: int) -> None:
        row = self.model.row_of(inspection_id)
        if row is not None:
            self.inspections.selectRow(row)

    def selected_rect(self):
        rows = self.rects.selectionModel().selectedRows()
        return self.rect_model.item(rows[0].row()) if rows else None

    def select_rect(self, rect_id: int) -> None:
        row = self.rect_model.row_of(rect_id)
        if row is not None:
            self.rects.selectRow(row)

    def _update_buttons(self, *_args) -> None:
        venue = self.selected_venue()
        self.add_button.setEnabled(venue is not None and venue.retired_at is None)
        has = self.selected_inspection_id() is not None
        for button in (self.open_button, self.delete_button, self.report_button, self.print_button):
            button.setEnabled(has)
        rect = self.selected_rect()
        closed = rect is not None and rect.status is RectificationStatus.CLOSED
        self.edit_rect_button.setEnabled(rect is not None)
        self.close_rect_button.setEnabled(rect is not None and not closed)
        self.reopen_rect_button.setEnabled(closed)
        self.rect_count.setText(self.tr("共 {n} 项").format(n=self.rect_model.rowCount()))

    # --- filtering ------------------------------------------------------------------------
    def apply_rect_filter(self, *_args) -> None:
        self.rect_model.set_filter(
            RectificationFilter(
                show=RectificationShow(self.show_filter.currentData()),
                venue_id=self.rect_venue.currentData(),
            )
        )
        self._update_buttons()

    # --- inspections ----------------------------------------------------------------------
    def add_inspection(self) -> None:
        venue = self.selected_venue()
        if venue is None:
            return
        from dangjian_desktop.gui.dialogs.inspection_dialog import InspectionDialog

        dialog = InspectionDialog(self._ws, self._events, venue.venue_id, None, self)
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved_id is not None:
            self.select_inspection(dialog.saved_id)

    def open_selected(self) -> None:
        inspection_id = self.selected_inspection_id()
        if inspection_id is not None:
            self.open_inspection(inspection_id)

    def open_inspection(self, inspection_id: int) -> None:
        from dangjian_desktop.gui.dialogs.inspection_dialog import InspectionDialog

        dialog = InspectionDialog(self._ws, self._events, None, inspection_id, self)
        self.last_dialog = dialog
        dialog.exec()
        self.select_inspection(inspection_id)

    def delete_selected(self) -> None:
        inspection_id = self.selected_inspection_id()
        if inspection_id is None:
            return
        n = len(self._ws.venues.rectifications_of(inspection_id))
        text = self.tr("确定删除这次检查记录吗？其照片一并删除。")
        if n:
            text += self.tr("\n这次检查开具的 {n} 项整改也将一并删除。").format(n=n)
        answer = QMessageBox.question(self, self.tr("删除检查记录"), text)
        if answer == QMessageBox.StandardButton.Yes:
            run_op(
                self,
                self._events,
                lambda: self._ws.venues.delete_inspection(inspection_id),
                title=self.tr("删除失败"),
            )

    def export_selected(self) -> None:
        self.actions.export_inspection(self.selected_inspection_id())

    def print_selected(self) -> None:
        inspection_id = self.selected_inspection_id()
        if inspection_id is not None:
            self.actions.print_inspection(inspection_id)

    def edit_template(self) -> None:
        from dangjian_desktop.gui.dialogs.venue_template_dialog import TemplateDialog

        dialog = TemplateDialog(self._ws, self._events, self)
        self.last_dialog = dialog
        dialog.exec()

    # --- rectifications -------------------------------------------------------------------
    def _rect_dialog(self, cls_name: str) -> None:
        rect = self.selected_rect()
        if rect is None:
            return
        from dangjian_desktop.gui.dialogs import rectification_dialog

        dialog = getattr(rectification_dialog, cls_name)(self._ws, self._events, rect.id, self)
        self.last_dialog = dialog
        dialog.exec()
        self.select_rect(rect.id)

    def edit_rectification(self) -> None:
        self._rect_dialog("RectificationDialog")

    def close_rectification(self) -> None:
        self._rect_dialog("CloseDialog")

    def reopen_rectification(self) -> None:
        self._rect_dialog("ReopenDialog")

    def show_rectifications(self) -> None:
        self.ensure_built()
        self.pages.setCurrentWidget(self.rect_page)

    def show_rectification(self, rect_id: int) -> None:
        """The 整改 page with this item selected (the filters widened if they hide it):
        where a line of the 工作台 leads."""
        self.show_rectifications()
        if self.rect_model.row_of(rect_id) is None:
            self.show_filter.setCurrentIndex(0)  # 全部
            self.rect_venue.setCurrentIndex(0)  # 全部阵地
            self.apply_rect_filter()
        self.select_rect(rect_id)
        self.rects.setFocus()
