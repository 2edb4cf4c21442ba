"""A small editable table for lists of a few dozen rows (committee, 党小组, venues)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.widgets.optional_date_edit import OptionalDateEdit

ERROR_BRUSH = QBrush(QColor("#fde2e2"))


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"  # free text cell, parsed as float by the view
    DATE = "date"
    CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for CHOICE
    width: int = 120


class RowsTable(QWidget):
    """Rows of cells; each row may carry the id of the record it came from."""

    edited = Signal()

    def __init__(self, columns: list[Column], add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._columns = columns
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        for i, column in enumerate(columns):
            self.table.setColumnWidth(i, column.width)
        header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.edited.emit())

        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(self.tr("删除所选行"), self)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.errors_label = QLabel(self)
        self.errors_label.setObjectName("errorText")
        self.errors_label.setWordWrap(True)
        self.errors_label.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.errors_label)

    # --- rows ----------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple[int | None, dict]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row_id, values in rows:
            self._append(row_id, values)
        self.table.blockSignals(False)
        self.clear_errors()

    def rows(self) -> list[tuple[int | None, dict]]:
        result = []
        for r in range(self.table.rowCount()):
            values = {}
            for c, column in enumerate(self._columns):
                values[column.key] = self._cell_value(r, c, column)
            first = self.table.item(r, 0)
            result.append((first.data(Qt.ItemDataRole.UserRole) if first else None, values))
        return result

    def _add_clicked(self) -> None:
        self._append(None, {})
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.edited.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for r in rows:
            self.table.removeRow(r)
        if rows:
            self.edited.emit()

    def _append(self, row_id: int | None, values: dict) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, column in enumerate(self._columns):
            value = values.get(column.key)
            item = QTableWidgetItem()
            self.table.setItem(r, c, item)
            if column.kind is Kind.CHOICE:
                combo = QComboBox(self.table)
                for data, label in column.choices:
                    combo.addItem(label, data)
                index = combo.findData(value)
                combo.setCurrentIndex(max(index, 0))
                combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
                self.table.setCellWidget(r, c, combo)
            elif column.kind is Kind.DATE:
                editor = OptionalDateEdit(self.table)
                editor.set_value(value)
                editor.dateChanged.connect(lambda _d: self.edited.emit())
                self.table.setCellWidget(r, c, editor)
            else:
                item.setText("" if value is None else str(value))
        self.table.item(r, 0).setData(Qt.ItemDataRole.UserRole, row_id)

    def _cell_value(self, r: int, c: int, column: Column):
        widget = self.table.cellWidget(r, c)
        if column.kind is Kind.CHOICE:
            return widget.currentData()
        if column.kind is Kind.DATE:
            return widget.value()
        item = self.table.item(r, c)
        return item.text() if item else ""

    # --- errors --------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item:
                    item.setBackground(QBrush())
                    item.setToolTip("")
        self.table.blockSignals(False)
        self.errors_label.clear()
        self.errors_label.hide()

    def show_errors(self, errors: list[tuple[int, str, str]]) -> None:
        """errors: (row, column key, message)."""
        keys = [c.key for c in self._columns]
        lines = []
        self.table.blockSignals(True)
        for row, key, message in errors:
            col = keys.index(key) if key in keys else 0
            header = self._columns[col].header
            item = self.table.item(row, col)
            if item is not None:
                item.setBackground(ERROR_BRUSH)
                item.setToolTip(message)
            lines.append(
                self.tr("第 {row} 行 {field}：{msg}").format(row=row + 1, field=header, msg=message)
            )
        self.table.blockSignals(False)
        if lines:
            self.errors_label.setText("\n".join(lines))
            self.errors_label.show()
