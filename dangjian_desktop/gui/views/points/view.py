"""积分 tab: 积分记录 (the entries list with filters, typed and bulk entry, the scheme editor),
积分汇总 (a period's totals with the ranking the secretary sees; a member's statement on
double-click; 三评 scores) and 民主评议 (the year's grade sheet), as three pages of one tab.
Dialogs are imported when first used: start-up does not grow with this tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.points import (
    EntryFilter,
    EntryRow,
    PeriodKey,
)
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.models.id_list_model import IdListTableModel
from dangjian_desktop.gui.ops import run_op, run_op_in_background
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.gui.views.points.columns import entry_columns
from dangjian_desktop.gui.views.points.common import (
    period_choices,
    period_text,
    points_text,
)
from dangjian_desktop.gui.widgets.id_list_table import id_list_table
from dangjian_desktop.services import Changes, Workspace

YEARS_BACK = 6
SEARCH_MAX_LENGTH = 40
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TOTAL_HEADERS = (
    "排名",
    "姓名",
    "基础分",
    "加分",
    "扣分",
    "封顶未计",
    "三评",
    "总分",
    "星级",
    "说明",
)
STATEMENT_COLUMN = 1


SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _item(
    text: str, *, right: bool = False, data: object = None, sort: object = None
) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(text if sort is None else sort, SORT_ROLE)
    if right:
        item.setTextAlignment(_RIGHT)
    if data is not None:
        item.setData(data, Qt.ItemDataRole.UserRole)
    return item


class PointsView(TabView):
    meeting_requested = Signal(int)  # a derived entry's meeting (the main window opens it)

    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, events, parent)
        self._today = date.today
        self.last_task = None
        self.totals_loading = False

    # --- building -------------------------------------------------------------------------
    def build(self) -> None:
        self.year = QComboBox(self)
        self.year.setObjectName("year")
        this_year = self._today().year
        for year in range(this_year + 1, this_year - YEARS_BACK - 1, -1):
            self.year.addItem(self.tr("{year}年").format(year=year), year)
        self.year.setCurrentIndex(self.year.findData(this_year))
        self.scheme_label = QLabel(self)
        self.scheme_button = QPushButton(self.tr("积分方案…"), self)
        self.scheme_button.clicked.connect(self.edit_scheme)
        self.regenerate_button = QPushButton(self.tr("重新生成自动计分"), self)
        self.regenerate_button.setToolTip(self.tr("按本年度会议签到重新计算自动积分"))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.export_button = QPushButton(self.tr("导出…"), self)
        self.export_button.setToolTip(self.tr("导出当前页对应的报表"))
        self.export_button.clicked.connect(self.export_current)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度"), self))
        top.addWidget(self.year)
        top.addWidget(self.scheme_label, 1)
        top.addWidget(self.scheme_button)
        top.addWidget(self.regenerate_button)
        top.addWidget(self.export_button)

        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self._build_entries()
        self._build_totals()
        self._build_appraisal()
        self.pages.currentChanged.connect(lambda _i: self._refresh_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.year.currentIndexChanged.connect(self._year_changed)

    def _build_entries(self) -> None:
        page = self.entries_page = QWidget(self.pages)
        self.pages.addTab(page, self.tr("积分记录"))
        self.model = IdListTableModel(
            self._ws.points,
            entry_columns(),
            EntryFilter(period=PeriodKey(self._today().year)),
            Sort("date", True),
            parent=self,
        )
        self.search = QLineEdit(page)
        self.search.setPlaceholderText(self.tr("搜索：党员姓名或拼音"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(SEARCH_MAX_LENGTH)
        self.period = QComboBox(page)
        self.category = QComboBox(page)
        self.kind = QComboBox(page)
        self.kind.addItem(self.tr("全部来源"), None)
        self.kind.addItem(self.tr("自动（会议签到）"), True)
        self.kind.addItem(self.tr("手工录入"), False)
        self.count_label = QLabel(page)
        self.table = id_list_table(self.model, page, multi_select=True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.add_button = QPushButton(self.tr("录入积分"), page)
        self.bulk_button = QPushButton(self.tr("批量录入…"), page)
        self.edit_button = QPushButton(self.tr("修改"), page)
        self.meeting_button = QPushButton(self.tr("查看会议"), page)
        self.delete_button = QPushButton(self.tr("删除"), page)
        self.add_button.clicked.connect(self.add_entry)
        self.bulk_button.clicked.connect(self.bulk_entry)
        self.edit_button.clicked.connect(self.open_selected)
        self.meeting_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.period, self.category, self.kind):
            filters.addWidget(combo, 1)
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.bulk_button,
            self.edit_button,
            self.meeting_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        box = QVBoxLayout(page)
        box.addLayout(filters)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.period, self.category, self.kind):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)  # the exact count, later

    def _build_totals(self) -> None:
        page = self.totals_page = QWidget(self.pages)
        self.pages.addTab(page, self.tr("积分汇总"))
        self.totals_period = QComboBox(page)
        self.totals_period.setObjectName("totals_period")
        self.totals_model = QStandardItemModel(0, len(TOTAL_HEADERS), self)
        self.totals_model.setHorizontalHeaderLabels([self.tr(h) for h in TOTAL_HEADERS])
        self.totals_table = QTableView(page)
        self.totals_table.setModel(self.totals_model)
        self.totals_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.totals_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.totals_table.verticalHeader().hide()
        self.totals_table.verticalHeader().setDefaultSectionSize(26)
        self.totals_table.setSortingEnabled(True)
        self.totals_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the ranking
        for column, width in enumerate((52, 90, 64, 64, 64, 72, 64, 64, 90)):
            self.totals_table.setColumnWidth(column, width)
        self.totals_table.horizontalHeader().setStretchLastSection(True)
        self.totals_table.doubleClicked.connect(lambda _i: self.show_statement())
        self.totals_note = QLabel(page)
        self.totals_note.setWordWrap(True)
        self.statement_button = QPushButton(self.tr("查看积分明细"), page)
        self.statement_button.clicked.connect(self.show_statement)
        self.evaluation_button = QPushButton(self.tr("三评评分…"), page)
        self.evaluation_button.clicked.connect(self.edit_evaluations)
        self.counting_button = QPushButton(self.tr("计入/免于排名…"), page)
        self.counting_button.setToolTip(
            self.tr("支部决定：将免于计分的党员（离退休、流动）计入，或将某人免于计分")
        )
        self.counting_button.clicked.connect(self.toggle_counting)
        self.print_button = QPushButton(self.tr("打印…"), page)
        self.print_button.clicked.connect(self.print_totals)
        self.export_totals_button = QPushButton(self.tr("导出积分汇总…"), page)
        self.export_totals_button.clicked.connect(lambda: self.export("points"))
        self.export_statements_button = QPushButton(self.tr("导出积分明细…"), page)
        self.export_statements_button.clicked.connect(lambda: self.export("statements"))
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("计分期间"), page))
        head.addWidget(self.totals_period)
        head.addStretch(1)
        head.addWidget(self.evaluation_button)
        buttons = QHBoxLayout()
        for b in (
            self.statement_button,
            self.counting_button,
            self.export_totals_button,
            self.export_statements_button,
            self.print_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(page)
        box.addLayout(head)
        box.addWidget(self.totals_table, 1)
        box.addWidget(self.totals_note)
        box.addLayout(buttons)
        self.totals_period.currentIndexChanged.connect(lambda _i: self.refresh_totals())

    def _build_appraisal(self) -> None:
        from dangjian_desktop.gui.views.points.appraisal_page import AppraisalPage

        page = self.appraisal_page = AppraisalPage(
            self._ws, self._events, lambda: self.current_year, self.pages
        )
        self.pages.addTab(page, self.tr("民主评议"))
        page.export_grades_button.clicked.connect(lambda: self.export("appraisal"))
        # The page's parts by the names the tab's tests and callers use.
        self.grades_model, self.grades_table = page.grades_model, page.grades_table
        self.grades_warning, self.grades_count = page.grades_warning, page.grades_count
        self.save_grades_button = page.save_grades_button
        self.export_grades_button = page.export_grades_button
        self.print_grades_button = page.print_grades_button

    # --- TabView hooks --------------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        return (
            changes.scores
            or changes.meetings
            or changes.members
            or changes.branch
            or changes.data_file
        )

    def refresh(self) -> None:
        self._fill_year_filters()
        flt = self.current_filter()
        if flt == self.model.filter:
            self.model.refresh()  # a write: same filter, new rows
        else:
            self.model.set_filter(flt)
        self._update_buttons()
        self._totals_stale = self._grades_stale = True
        self._refresh_page()

    def _refresh_page(self) -> None:
        current = self.pages.currentWidget()
        if current is self.totals_page and self._totals_stale:
            self.refresh_totals()
        elif current is self.appraisal_page and self._grades_stale:
            self.refresh_grades()

    def _year_changed(self, *_args) -> None:
        self.refresh()

    @property
    def current_year(self) -> int:
        return self.year.currentData()

    def _fill_year_filters(self) -> None:
        year = self.current_year
        self.scheme = self._ws.points.scheme(year)
        own = self.scheme.id is not None
        self.scheme_label.setText(
            self.tr("{year} 年积分方案：{name}").format(
                year=year, name=self.scheme.name or self.tr("默认方案")
            )
            + ("" if own else self.tr("（沿用模板，尚未单独保存）"))
        )
        for combo, keep_year in ((self.period, True), (self.totals_period, False)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if keep_year:
                combo.addItem(self.tr("全年"), PeriodKey(year))
            for words, period in period_choices(self.scheme):
                if keep_year and period.quarter is None:
                    continue
                combo.addItem(self.tr(words), period)
            index = combo.findData(current) if current is not None else -1
            if index < 0 and not keep_year:  # the current quarter in a quarterly scheme
                today = self._today()
                index = max(combo.findData(self.scheme.period_of(today)), 0)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("全部类别"), None)
        for c in self.scheme.categories:
            self.category.addItem(c.name, c.code)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)

    # --- the entries list -----------------------------------------------------------------
    def current_filter(self) -> EntryFilter:
        # Name or pinyin ("wjg", "wang"), matched in SQL against every member's name keys.
        return EntryFilter(
            period=self.period.currentData() or PeriodKey(self.current_year),
            member_text=self.search.text().strip(),
            category=self.category.currentData(),
            derived=self.kind.currentData(),
        )

    def apply_filter(self, *_args) -> None:
        self.model.set_filter(self.current_filter())
        self._update_buttons()

    def selected_rows(self) -> list[EntryRow]:
        rows = self.table.selectionModel().selectedRows()
        found = [self.model.item(r.row()) for r in rows]
        return [r for r in found if r is not None]

    def _update_buttons(self, *_args) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        self.edit_button.setEnabled(one is not None and not one.derived)
        self.meeting_button.setEnabled(one is not None and one.meeting_id is not None)
        self.delete_button.setEnabled(bool(rows) and not any(r.derived for r in rows))
        words = self.tr("共 {n} 条以上") if self.model.counting else self.tr("共 {n} 条")
        self.count_label.setText(words.format(n=self.model.rowCount()))

    def add_entry(self) -> None:
        from dangjian_desktop.gui.dialogs.point_entry_dialog import PointEntryDialog

        PointEntryDialog(self._ws, self._events, self.current_year, None, self).exec()

    def bulk_entry(self) -> None:
        from dangjian_desktop.gui.dialogs.point_entry_dialog import BulkEntryDialog

        BulkEntryDialog(self._ws, self._events, self.current_year, self).exec()

    def open_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        if row.derived:
            if row.meeting_id is not None:
                self.meeting_requested.emit(row.meeting_id)
            return
        from dangjian_desktop.gui.dialogs.point_entry_dialog import PointEntryDialog

        PointEntryDialog(self._ws, self._events, self.current_year, row.id, self).exec()

    def delete_selected(self) -> None:
        rows = [r for r in self.selected_rows() if not r.derived]
        if not rows:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除积分记录"),
            self.tr("确定删除所选的 {n} 条积分记录吗？").format(n=len(rows)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            ids = [r.id for r in rows]
            run_op(
                self,
                self._events,
                lambda: self._ws.points.delete_entries(ids),
                title=self.tr("删除失败"),
            )

    def edit_scheme(self) -> None:
        from dangjian_desktop.gui.dialogs.point_scheme_dialog import PointSchemeDialog

        PointSchemeDialog(self._ws, self._events, self.current_year, self).exec()

    def regenerate(self) -> None:
        year = self.current_year

        points = self._ws.points

        def work(progress):
            return points.regenerate(year, progress)  # Cancel: nothing written

        def told(result) -> None:
            QMessageBox.information(
                self,
                self.tr("自动计分已更新"),
                self.tr("新增 {a} 条，删除 {r} 条，调整 {m} 条。").format(
                    a=result.added, r=result.removed, m=result.moved
                ),
            )

        self.last_task = run_op_in_background(
            self,
            self._events,
            self.tr("正在按会议签到重新生成自动积分…"),
            work,
            on_success=told,
            title=self.tr("无法重新生成"),
        )

    # --- totals ---------------------------------------------------------------------------
    def current_period(self) -> PeriodKey:
        return self.totals_period.currentData() or PeriodKey(self.current_year)

    def refresh_totals(self) -> None:
        """Read the period's totals off the GUI thread (seconds on a 10,000-member file),
        then fill the table; a reading overtaken by another period is dropped."""
        from dangjian_desktop.gui import errors
        from dangjian_desktop.gui.tasks import run_in_background

        self._totals_stale = False
        period = self.current_period()
        self._totals_wanted = period
        self.totals_loading = True
        self.totals_note.setText(
            self.tr("正在计算{period}积分……").format(period=period_text(period))
        )
        points = self._ws.points

        def work(_progress):
            report = points.totals(period)
            return report, points.ranking(report)

        def done(result) -> None:
            if self._totals_wanted == period:
                self._show_totals(period, *result)
                self.totals_loading = False

        def failed(exc: BaseException) -> None:
            self.totals_loading = False
            errors.show_error(self, self.tr("无法计算积分汇总"), exc)

        self.totals_task = run_in_background(work, done, failed)

    def _show_totals(self, period: PeriodKey, report, ranking) -> None:
        ranks = {r.total.member_id: r.rank for r in ranking}
        self._counted = report.counted
        self.totals_table.setSortingEnabled(False)
        self.totals_model.removeRows(0, self.totals_model.rowCount())
        for order, t in enumerate(report.totals):
            counted = t.member_id in report.counted
            rank = ranks.get(t.member_id)
            name = report.names.get(t.member_id, "")

            def number(value, text, name=name):
                return _item(text, right=True, sort=float(value))

            self.totals_model.appendRow(
                [
                    _item(str(rank) if rank else "", right=True, sort=rank or 10**9),
                    _item(name, data=t.member_id, sort=order),
                    number(t.base, points_text(t.base)),
                    number(t.bonus, points_text(t.bonus, signed=True)),
                    number(t.deductions, points_text(t.deductions)),
                    number(t.capped, points_text(t.capped) if t.capped else ""),
                    number(t.evaluation, points_text(t.evaluation) if t.evaluation else ""),
                    number(t.total, points_text(t.total)),
                    _item("★" * t.stars, sort=t.stars),
                    _item("" if counted else self.tr("不计入排名（免于计分）")),
                ]
            )
        self.totals_model.setSortRole(SORT_ROLE)
        self.totals_table.setSortingEnabled(True)
        self.totals_note.setText(
            self.tr(
                "{period}：{n} 人，计入排名 {c} 人。排名仅在本页显示，导出时默认不含排名。"
                "双击一行查看积分明细。"
            ).format(period=period_text(period), n=len(report.totals), c=len(report.counted))
        )

    def selected_member(self) -> int | None:
        rows = self.totals_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.totals_model.item(rows[0].row(), STATEMENT_COLUMN).data(
            Qt.ItemDataRole.UserRole
        )

    def show_statement(self, member_id: int | None = None) -> None:
        member_id = member_id if member_id is not None else self.selected_member()
        if member_id is None:
            return
        from dangjian_desktop.gui.dialogs.point_statement_dialog import StatementDialog

        dialog = StatementDialog(self._ws, member_id, self.current_period(), self)
        self.statement_dialog = dialog
        dialog.exec()

    def toggle_counting(self) -> None:
        """The branch's decision for the selected member and year: counted ↔ exempt, with
        the reason the user types (stored: ws.points.set_counting)."""
        from PySide6.QtWidgets import QInputDialog

        from dangjian_desktop.domain.points import CountingOverride

        member_id = self.selected_member()
        if member_id is None:
            return
        counted = member_id in getattr(self, "_counted", frozenset())
        question = (
            self.tr("将该党员免于计分、不计入排名的理由：")
            if counted
            else self.tr("将该党员计入积分排名的理由：")
        )
        reason, ok = QInputDialog.getText(self, self.tr("支部决定"), question)
        if not ok:
            return
        year = self.current_year
        run_op(
            self,
            self._events,
            lambda: self._ws.points.set_counting(
                CountingOverride(member_id, year, not counted, reason.strip())
            ),
            title=self.tr("无法保存"),
        )

    def edit_evaluations(self) -> None:
        from dangjian_desktop.gui.dialogs.point_statement_dialog import EvaluationDialog

        EvaluationDialog(self._ws, self._events, self.current_period(), self).exec()

    def print_totals(self) -> None:
        from dangjian_desktop.gui.printing import print_report

        period = self.current_period()
        self.last_task = print_report(
            self,
            lambda path, progress: self._ws.exports.points(path, "pdf", period, progress=progress),
            label=self.tr("正在准备打印…"),
            error_title=self.tr("无法打印"),
        )

    def export_current(self) -> None:
        """The top 导出… button: 民主评议结果 on that page, else 积分汇总."""
        self.export("appraisal" if self.pages.currentWidget() is self.appraisal_page else "points")

    def export(self, kind: str) -> None:
        from dangjian_desktop.gui.point_export_actions import PointExportActions

        actions = PointExportActions(self._ws, self)
        period = self.current_period()
        actions.export(kind, year=period.year, quarter=period.quarter)
        self.last_task = actions.last_task

    # --- 民主评议 --------------------------------------------------------------------------
    def refresh_grades(self) -> None:
        self._grades_stale = False
        self.appraisal_page.refresh()
