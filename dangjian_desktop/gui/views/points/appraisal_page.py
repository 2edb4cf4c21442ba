"""The 积分 tab's 民主评议 page: the year's grade sheet, one model row a member (no widget
per row: a 10,000-member file stays quick), the 等次 cell edited with a combo box.

The sheet is read off the GUI thread (gui/latest_read.py): the page keeps what it shows until
the new sheet arrives, and the warnings after each edit are checked on the sheet already read
(AppraisalSheet.check), without reading again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.people import MemberCategory
from dangjian_desktop.domain.points import AppraisalGrade, Grade, PeriodKey
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.latest_read import LatestRead
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.points.common import GRADE_NAMES
from dangjian_desktop.messages import field_error_text
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.point_service import AppraisalSheet


class GradeDelegate(QStyledItemDelegate):
    """The 评议等次 cell: a combo box of (未评定) and the four grades."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItem(parent.tr("（未评定）"), None)
        for grade, words in GRADE_NAMES.items():
            combo.addItem(parent.tr(words), grade.value)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.UserRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


def _name_item(name: str, member_id: int) -> QStandardItem:
    item = QStandardItem(name)
    item.setEditable(False)
    item.setData(member_id, Qt.ItemDataRole.UserRole)
    return item


class AppraisalPage(QWidget):
    def __init__(
        self,
        ws: Workspace,
        events: AppEvents,
        year: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws, self._events, self._year = ws, events, year
        self.sheet: AppraisalSheet | None = None  # the sheet shown (None: not read yet)
        self.last_task = None
        self.grades_model = QStandardItemModel(0, 3, self)
        self.grades_model.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("评议等次"), self.tr("备注")]
        )
        self.grades_table = QTableView(self)
        self.grades_table.setModel(self.grades_model)
        self.grades_table.verticalHeader().hide()
        self.grades_table.verticalHeader().setDefaultSectionSize(30)
        self.grades_table.setColumnWidth(0, 120)
        self.grades_table.setColumnWidth(1, 140)
        self.grades_table.horizontalHeader().setStretchLastSection(True)
        self.grades_hint = QLabel(
            self.tr("预备党员不参加等次评定，不在此表中。优秀一般不超过参评人数的三分之一。"), self
        )
        self.grades_hint.setWordWrap(True)
        self.grades_warning = QLabel(self)
        self.grades_warning.setObjectName("errorText")
        self.grades_warning.setWordWrap(True)
        self.grades_warning.hide()
        self.grades_count = QLabel(self)
        self.save_grades_button = QPushButton(self.tr("保存评议结果"), self)
        self.save_grades_button.clicked.connect(self.save_grades)
        self.save_grades_button.setEnabled(False)  # until the sheet is read
        self.export_grades_button = QPushButton(self.tr("导出评议结果…"), self)
        self.print_grades_button = QPushButton(self.tr("打印…"), self)
        self.print_grades_button.setToolTip(self.tr("按 PDF 版式（A4）预览并打印民主评议结果"))
        self.print_grades_button.clicked.connect(self.print_grades)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_grades_button)
        buttons.addWidget(self.export_grades_button)
        buttons.addWidget(self.print_grades_button)
        buttons.addStretch(1)
        buttons.addWidget(self.grades_count)
        box = QVBoxLayout(self)
        box.addWidget(self.grades_hint)
        box.addWidget(self.grades_table, 1)
        box.addWidget(self.grades_warning)
        box.addLayout(buttons)
        self.grades_table.setItemDelegateForColumn(1, GradeDelegate(self.grades_table))
        self.grades_model.itemChanged.connect(self._grade_edited)
        self.read = LatestRead(self, self._prepare_read, self.show_sheet, self._read_failed)

    # --- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the year's sheet in the background; what is shown stays until it arrives."""
        if self.sheet is None or self.sheet.year != self._year():
            self.grades_count.setText(self.tr("正在读取民主评议名单……"))
            self.save_grades_button.setEnabled(False)
        self.read.request()

    def _prepare_read(self):
        points, year = self._ws.points, self._year()
        return lambda: points.appraisal(year)

    def _read_failed(self, exc: BaseException) -> None:
        from dangjian_desktop.gui import errors

        self.grades_count.setText(self.tr("未能读取民主评议名单"))
        errors.show_error(self, self.tr("无法读取民主评议"), exc)

    def show_sheet(self, sheet: AppraisalSheet) -> None:
        self.sheet = sheet
        model = self.grades_model
        model.blockSignals(True)
        model.removeRows(0, model.rowCount())
        none = self.tr("（未评定）")
        for member in sheet.members:
            if member.category is MemberCategory.PROBATIONARY:
                continue
            found = sheet.grades.get(member.id)
            grade = QStandardItem(GRADE_NAMES[found.grade] if found else none)
            grade.setData(found.grade.value if found else None, Qt.ItemDataRole.UserRole)
            note = QStandardItem(found.note if found else "")
            model.appendRow([_name_item(member.name, member.id), grade, note])
        model.blockSignals(False)
        model.layoutChanged.emit()
        self.save_grades_button.setEnabled(True)
        self.check_grades()

    # --- editing ---------------------------------------------------------------------------
    def current_grades(self) -> list[AppraisalGrade]:
        year, model = self._year(), self.grades_model
        found = []
        for row in range(model.rowCount()):
            value = model.item(row, 1).data(Qt.ItemDataRole.UserRole)
            if value:
                member_id = model.item(row, 0).data(Qt.ItemDataRole.UserRole)
                note = model.item(row, 2).text().strip()
                found.append(AppraisalGrade(member_id, year, Grade(value), note))
        return found

    def _grade_edited(self, item: QStandardItem) -> None:
        if item.column() == 1:
            self.check_grades()

    def _warning_text(self, warnings) -> str:
        return "\n".join(field_error_text(w) for w in warnings)

    def check_grades(self) -> list:
        grades = self.current_grades()
        warnings = self.sheet.check(grades) if self.sheet is not None else []
        text = self._warning_text(warnings)
        self.grades_warning.setText(text)
        self.grades_warning.setVisible(bool(text))
        excellent = sum(1 for g in grades if g.grade is Grade.EXCELLENT)
        self.grades_count.setText(
            self.tr("参评 {n} 人，已评定 {g} 人，其中优秀 {e} 人").format(
                n=self.grades_model.rowCount(), g=len(grades), e=excellent
            )
        )
        return warnings

    def save_grades(self) -> None:
        if self.sheet is None or self.sheet.year != self._year():
            return  # the sheet of this year is still being read
        grades = self.current_grades()
        warnings = self.check_grades()
        confirm = False
        if warnings:
            answer = QMessageBox.question(
                self,
                self.tr("确认保存评议结果"),
                self._warning_text(warnings) + "\n\n" + self.tr("仍然保存吗？"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            confirm = True
        year = self._year()
        run_op(
            self,
            self._events,
            lambda: self._ws.points.set_grades(year, grades, confirm=confirm),
            title=self.tr("无法保存评议结果"),
        )

    def print_grades(self) -> None:
        """The saved 民主评议党员结果 of the year, through its PDF (preview first)."""
        from dangjian_desktop.gui.point_export_actions import PointExportActions, PointExportRequest

        actions = PointExportActions(self._ws, self)
        actions.print(PointExportRequest("appraisal", PeriodKey(self._year()), "pdf"))
        self.last_task = actions.last_task
