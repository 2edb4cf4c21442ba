"""The import dialog's two tables: which field each roster column goes to (editable, with
its drop-down delegate), and what each roster line becomes with what is wrong with it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
)

from dangjian_desktop.domain.masking import mask_id
from dangjian_desktop.gui.labels import CATEGORY
from dangjian_desktop.gui.models.base import ERROR_BRUSH, WARNING_BRUSH, ColumnsTableModel
from dangjian_desktop.gui.models.base import Index as _Index
from dangjian_desktop.messages import field_error_text, import_field_name

BY_VALUES_BRUSH = QBrush(QColor("#d3e6fa"))
IGNORED_BRUSH = QBrush(QColor("#777777"))
HEADERS = ("行号", "姓名", "身份证号", "入党日期", "党员类别", "问题")
MAPPING_HEADERS = ("列", "表头", "第一行的内容", "导入为")
FIELD_COLUMN = 3
IGNORE_TEXT = "（不导入）"


def problems_text(row) -> str:
    parts = [f"{import_field_name(e.field)}：{field_error_text(e)}" for e in row.errors]
    parts += [f"{import_field_name(w.field)}：{field_error_text(w)}" for w in row.warnings]
    return "；".join(parts)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def field_text(field: str | None) -> str:
    return import_field_name(field) if field else IGNORE_TEXT


class ImportMappingModel(ColumnsTableModel):
    """One row per roster column worth listing; the last column (EditRole: the field name,
    None = not imported) is what the user corrects. A table, not a form of combo boxes, so
    a sheet with 16,000 columns costs what the screen shows."""

    row_numbers = False  # the 列 column names the column already (A, B, …)

    def __init__(self, parent=None) -> None:
        super().__init__(MAPPING_HEADERS, parent)
        self._proposal = None
        self._columns: list[int] = []
        self._fields: dict[int, str | None] = {}

    def set_proposal(self, proposal) -> None:
        self.beginResetModel()
        self._proposal = proposal
        self._columns = proposal.columns if proposal is not None else []
        self._fields = dict(proposal.fields) if proposal is not None else {}
        self.endResetModel()

    def mapping(self) -> dict[int, str | None]:
        return {col: self._fields.get(col) for col in self._columns}

    def row_of_column(self, col: int) -> int:
        return self._columns.index(col)

    def row_count(self) -> int:
        return len(self._columns)

    def _by_values(self, col: int) -> bool:
        p = self._proposal
        return p is not None and col in p.by_values and self._fields.get(col) == p.fields[col]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self._columns[index.row()]
        field = self._fields.get(col)
        p = self._proposal
        if role == Qt.ItemDataRole.EditRole and index.column() == FIELD_COLUMN:
            return field
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return column_letter(col)
            if index.column() == 1:
                return p.labels[col] if col < len(p.labels) else ""
            if index.column() == 2:
                return p.examples.get(col, "")
            if index.column() == FIELD_COLUMN:
                return field_text(field)
        if role == Qt.ItemDataRole.ToolTipRole and self._by_values(col):
            return f"按这一列的内容识别为“{field_text(field)}”（表头写的是别的）"
        if role == Qt.ItemDataRole.BackgroundRole and self._by_values(col):
            return BY_VALUES_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and field is None:
            return IGNORED_BRUSH if index.column() == FIELD_COLUMN else None
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != FIELD_COLUMN:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        col = self._columns[index.row()]
        if self._fields.get(col) == value:
            return False
        self._fields[col] = value
        left = self.index(index.row(), 0)
        self.dataChanged.emit(left, self.index(index.row(), FIELD_COLUMN))
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == FIELD_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class ImportPreviewModel(ColumnsTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(HEADERS, parent)
        self._all: list = []
        self._rows: list = []
        self._only_problems = False

    def set_preview(self, preview) -> None:
        self.beginResetModel()
        self._all = list(preview.rows) if preview else []
        self._apply()
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self._only_problems = only
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        self._rows = (
            [r for r in self._all if r.errors or r.warnings] if self._only_problems else self._all
        )

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            m = row.member
            return (
                str(row.row_number),
                m.name,
                mask_id(m.id_number) if m.id_number else "",
                m.join_date.isoformat() if m.join_date else "",
                CATEGORY.get(m.category, ""),
                problems_text(row),
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.errors:
                return ERROR_BRUSH
            if row.warnings:
                return WARNING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(HEADERS) - 1:
            return problems_text(row) or None
        return None


class FieldDelegate(QStyledItemDelegate):
    """The 导入为 column: drawn as a drop-down, edited with one; choices in Chinese, in the
    member form's order."""

    def __init__(self, choices: list[tuple[str, str | None]], parent=None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for text, field in self.choices:
            combo.addItem(text, field)
        combo.setMaxVisibleItems(16)
        # Fusion and macOS styles show every item in one screen-high list otherwise.
        combo.setStyleSheet("QComboBox { combobox-popup: 0; }")
        combo.activated.connect(lambda _i: self._chosen(combo))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)  # background (by-values tint), selection
        opt = QStyleOptionComboBox()
        opt.rect = option.rect.adjusted(2, 1, -2, -1)
        opt.currentText = index.data() or ""
        opt.state = QStyle.StateFlag.State_Enabled | (
            option.state & QStyle.StateFlag.State_MouseOver
        )
        opt.frame = True
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt, painter, option.widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt, painter, option.widget)

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.text = ""  # the combo look draws the text
